"""Home, section, author and tag listings: order, picks, pagination."""

import datetime

from django.core.management import call_command
from django.utils import timezone

import pytest

from tests.articles.live.conftest import make_live
from tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def test_home_without_articles_still_renders(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert home.intro in response.content.decode()


def test_section_lists_newest_first_and_paginates(client, section, settings):
    articles = [ArticlePageFactory(parent=section, lead_image=None) for _ in range(23)]
    first = client.get("/world/")
    assert list(first.context["page_obj"].object_list) == articles[:20]
    assert 'rel="next" href="?page=2"' in first.content.decode()
    second = client.get("/world/?page=2")
    assert list(second.context["page_obj"].object_list) == articles[20:]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "3", "99999999999999999999", "1.5"])
def test_section_page_numbers_that_are_not_pages_answer_404(client, section, page):
    ArticlePageFactory(parent=section, lead_image=None)
    assert client.get(f"/world/?page={page}").status_code == 404


def test_unpublished_articles_are_not_listed(client, section):
    kept = ArticlePageFactory(parent=section, lead_image=None)
    gone = ArticlePageFactory(parent=section, lead_image=None)
    gone.unpublish()
    listed = list(client.get("/world/").context["page_obj"].object_list)
    assert listed == [kept]


def test_author_page_lists_their_articles(client, section):
    author = AuthorFactory(name="Ivan Dudka", slug="ivan-dudka", role="War correspondent")
    theirs = ArticlePageFactory(parent=section, bylines=[author])
    ArticlePageFactory(parent=section, lead_image=None)
    response = client.get("/authors/ivan-dudka/")
    assert response.status_code == 200
    assert list(response.context["page_obj"].object_list) == [theirs]
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "War correspondent" in html


def test_tag_page_lists_tagged_articles_and_unknown_tags_are_404(client, section):
    tagged = ArticlePageFactory(parent=section, lead_image=None)
    tagged.tags.add("Sanctions")
    tagged.save()
    ArticlePageFactory(parent=section, lead_image=None)
    response = client.get("/tags/sanctions/")
    assert list(response.context["page_obj"].object_list) == [tagged]
    assert client.get("/tags/no-such-tag/").status_code == 404
    assert client.get("/authors/nobody/").status_code == 404


def test_scheduled_article_goes_live_with_publish_scheduled(client, section, monkeypatch):
    article = ArticlePageFactory(parent=section, live=False, first_published_at=None)
    article.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    article.save_revision().publish()  # with a future go-live time this schedules it
    article.refresh_from_db()
    assert not article.live
    assert list(client.get("/world/").context["page_obj"].object_list) == []

    call_command("publish_scheduled")  # too early: nothing changes
    article.refresh_from_db()
    assert not article.live

    later = timezone.now() + datetime.timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    assert list(client.get("/world/").context["page_obj"].object_list) == [article]


def test_listings_leave_out_restricted_articles_and_other_sections(client, home, section):
    from wagtail.models import PageViewRestriction

    author = AuthorFactory(slug="ivan-dudka")
    politics = SectionPageFactory(parent=home, title="Politics", slug="politics")
    shown = ArticlePageFactory(parent=section, bylines=[author], tags=["Energy"], lead_image=None)
    ArticlePageFactory(parent=politics, lead_image=None)
    hidden = ArticlePageFactory(parent=section, bylines=[author], tags=["Energy"], lead_image=None)
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    for url in ("/world/", "/authors/ivan-dudka/", "/tags/energy/"):
        page_obj = client.get(url).context["page_obj"]
        assert list(page_obj.object_list) == [shown], url
        assert page_obj.paginator.count == 1, url


def test_an_author_with_two_bylines_on_one_article_lists_it_once(client, section):
    author = AuthorFactory(slug="ivan-dudka")
    article = ArticlePageFactory(parent=section, bylines=[author, author], lead_image=None)
    page_obj = client.get("/authors/ivan-dudka/").context["page_obj"]
    assert list(page_obj.object_list) == [article]
    assert page_obj.paginator.count == 1


def test_a_live_page_at_the_top_of_a_section_costs_no_card(client, section):
    """The live page shows in the section's LIVE box, not as a card: the list
    still holds 20 articles and paginates over articles alone."""
    articles = [ArticlePageFactory(parent=section, lead_image=None) for _ in range(21)]
    live = make_live(section)
    live.first_published_at = timezone.now()  # the newest of the section's children
    live.save()
    first = client.get("/world/")
    assert list(first.context["page_obj"].object_list) == articles[:20]
    assert first.context["page_obj"].paginator.count == 21
    second = client.get("/world/?page=2")
    assert list(second.context["page_obj"].object_list) == articles[20:]

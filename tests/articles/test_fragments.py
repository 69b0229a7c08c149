"""Cached template fragments and the short routes, with the page cache off (what
a signed-in reader gets): a publish shows at once, a preview never reads or
writes a fragment, and routing answers exactly what Wagtail's would."""

import pytest

from articles.cache import generations
from articles.models import ArticlePage, StandardPage
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


def headline(html: str) -> str:
    return html.split('<h1 class="article__headline">', 1)[1].split("</h1>", 1)[0]


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_publishing_shows_the_edit_in_the_article_and_its_section(client, section):
    story = ArticlePageFactory(parent=section, title="Harbour talks resume")
    older = ArticlePageFactory(parent=section, title="Ferry strike ends")
    for url in (story.url, section.url, older.url):
        text(client, url)  # fragments stored

    story.title = "Harbour talks collapse"
    story.body = [("paragraph", "<p>Talks broke down at dawn.</p>")]
    story.save_revision().publish()

    article = text(client, story.url)
    assert headline(article) == "Harbour talks collapse"
    assert "Talks broke down at dawn." in article
    listing = text(client, section.url)
    assert "Harbour talks collapse" in listing
    assert "Harbour talks resume" not in listing
    # Another article's "Related" box lists the new title too.
    assert "Harbour talks collapse" in text(client, older.url)


def test_a_new_article_appears_in_its_section_at_once(client, section):
    for n in range(3):
        ArticlePageFactory(parent=section, title=f"Story {n}")
    first_page = text(client, section.url)
    assert "Story 2" in first_page

    fresh = ArticlePageFactory.build(title="Breaking: storm warning", lead_image=None)
    section.add_child(instance=fresh)
    fresh.save_revision().publish()
    assert "Breaking: storm warning" in text(client, section.url)


def test_a_preview_never_reads_or_stores_the_cached_article(client, section):
    story = ArticlePageFactory(parent=section, title="Harbour talks resume")
    text(client, story.url)  # the live article's fragment is stored

    draft = ArticlePage.objects.get(pk=story.pk)
    draft.title = "Draft: harbour deal signed"
    response = draft.make_preview_request()
    assert headline(response.content.decode()) == "Draft: harbour deal signed"

    assert headline(text(client, story.url)) == "Harbour talks resume"
    generations.purge(generations.page_scope(story.pk))
    assert headline(text(client, story.url)) == "Harbour talks resume"


def test_routes_answer_as_wagtail_does(client, home, section):
    story = ArticlePageFactory(parent=section, title="Harbour talks resume")
    named_feed = ArticlePageFactory(parent=section, title="Feed", slug="feed")
    about = StandardPage(title="About us", slug="about")
    home.add_child(instance=about)
    hidden = SectionPageFactory(parent=home, title="Drafts", slug="drafts")
    hidden.unpublish()
    draft = ArticlePageFactory(parent=section, title="Not yet", live=False)

    assert headline(text(client, story.url)) == "Harbour talks resume"
    # The section's own route wins over an article slugged like it, as in Wagtail.
    assert client.get(named_feed.url)["Content-Type"].startswith("application/rss+xml")
    assert "About us" in text(client, about.url)
    assert client.get(hidden.url).status_code == 404
    assert client.get(draft.url).status_code == 404
    assert client.get(f"{section.url}no-such-story/").status_code == 404
    assert client.get(f"{story.url}extra/").status_code == 404
    # A page published a moment ago routes at once (the sections' cache is purged).
    late = SectionPageFactory.build(title="Climate", slug="climate")
    home.add_child(instance=late)
    late.save_revision().publish()
    assert client.get("/climate/").status_code == 200

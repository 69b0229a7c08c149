"""What a cold article page loads together (issue 19): the pages a body links
to in one query, the article's corrections and tags with the article, and
the live sections and view restrictions with the cached site's menus."""

import datetime
import pickle

from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail.rich_text import expand_db_html, features

import pytest

from articles import site
from articles.cache import lookups
from articles.models import ArticlePage, SectionPage
from articles.wagtail_hooks import PageLinks
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def link(page, text: str = "this") -> str:
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def rendered_body(article: ArticlePage) -> str:
    fresh = ArticlePage.objects.get(pk=article.pk)  # the body as stored, not yet made
    return "".join(str(block) for block in fresh.body)


def test_page_links_are_resolved_by_the_projects_handler():
    assert features.get_link_types()["page"] is PageLinks


def test_a_bodys_page_links_load_their_pages_in_one_query(section):
    other = SectionPageFactory(parent=section.get_parent(), title="Politics", slug="politics")
    targets = [ArticlePageFactory(parent=section) for _ in range(3)] + [other]
    body = [("paragraph", f"<p>See {link(page)}.</p>") for page in targets]
    body.append(("paragraph", '<p><a linktype="page" id="999999">gone</a></p>'))
    article = ArticlePageFactory(parent=section, body=body)
    urls = [page.url for page in targets]  # (Wagtail's site root paths: cached from here)
    with CaptureQueriesContext(connection) as queries:
        html = rendered_body(article)
    assert len(queries) == 2  # the article, then the four linked pages at once
    for url in urls:
        assert f'<a href="{url}">this</a>' in html
    assert "<a>gone</a>" in html  # a deleted page's link, as Wagtail renders it


def test_rich_text_elsewhere_links_pages_in_one_query_as_wagtail_does(section):
    first, second = ArticlePageFactory(parent=section), ArticlePageFactory(parent=section)
    source = f"<p>{link(first, 'one')} and {link(second, 'two')}</p>"
    first.url  # noqa: B018 - Wagtail's site root paths, cached from here
    with CaptureQueriesContext(connection) as queries:
        html = expand_db_html(source)
    assert len(queries) == 1  # generic pages: Wagtail's own handler ran two (specific)
    assert html == f'<p><a href="{first.url}">one</a> and <a href="{second.url}">two</a></p>'


def test_an_article_routed_to_comes_with_its_corrections_and_tags(client, section):
    article = ArticlePageFactory(parent=section)
    earlier = timezone.now() - datetime.timedelta(days=2, microseconds=5)
    article.corrections.create(text="Second", sort_order=1, date=timezone.now())
    article.corrections.create(text="First", sort_order=0, date=earlier, kind="update")
    article.tags.add("Sanctions", "energy")
    article.save()
    loaded = ArticlePage.objects.with_corrections_and_tags().get(pk=article.pk)
    with CaptureQueriesContext(connection) as queries:
        corrections, tags = loaded.correction_list, loaded.tag_list
    assert len(queries) == 0
    plain = ArticlePage.objects.get(pk=article.pk)
    assert [(c.pk, c.text, c.kind, c.date, c.sort_order) for c in corrections] == [
        (c.pk, c.text, c.kind, c.date, c.sort_order) for c in plain.correction_list
    ]
    assert corrections[0].date == earlier
    assert corrections[0].get_kind_display() == "Update"
    assert [(t.pk, t.name, t.slug) for t in tags] == [
        (t.pk, t.name, t.slug) for t in plain.tag_list
    ]
    assert [t.name for t in tags] == ["energy", "Sanctions"]


def test_an_article_without_corrections_or_tags_loads_empty_lists(section):
    article = ArticlePageFactory(parent=section)
    loaded = ArticlePage.objects.with_corrections_and_tags().get(pk=article.pk)
    with CaptureQueriesContext(connection) as queries:
        assert loaded.correction_list == []
        assert loaded.tag_list == []
    assert len(queries) == 0


def test_the_cached_site_reads_live_sections_and_restrictions_in_its_menus_query(section):
    draft = SectionPageFactory(parent=section.get_parent(), slug="draft", live=False)
    private = ArticlePageFactory(parent=section, live=False)
    restriction = PageViewRestriction.objects.create(page=private, restriction_type="login")
    expected_sections = {s.path: s for s in SectionPage.objects.live().order_by("path")}
    request = RequestFactory().get("/")
    site.attach_site(request)  # the site's settings are made on the first look-up
    cache.clear()
    with CaptureQueriesContext(connection) as loading:
        site.attach_site(request)
    with CaptureQueriesContext(connection) as queries:
        sections, restricted = lookups.live_sections(), lookups.restricted_paths()
    assert len(queries) == 0
    assert len(loading) == 2  # the sites with their settings, then the pages
    assert list(sections) == list(expected_sections)
    assert draft.path not in sections
    assert all(type(s) is SectionPage for s in sections.values())
    assert [s.title for s in sections.values()] == [s.title for s in expected_sections.values()]
    # Stored as sections loaded on their own are (not with the page row they were joined to).
    sizes = [len(pickle.dumps(s)) for s in sections.values()]
    assert sizes == [len(pickle.dumps(s)) for s in expected_sections.values()]
    assert restricted == [(restriction.pk, private.path)]

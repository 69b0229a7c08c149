"""A card's article URL, built from its section's (``articles.page_urls``), is
the one Wagtail builds, wherever the article, its section and the sites are."""

from unittest import mock

from django.core.cache import cache
from django.urls import reverse

from wagtail.models import Page, Site

import pytest

from articles import listings
from articles.models import ArticlePage
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def cards() -> list:
    """Every public article as a listing loads it (its section attached)."""
    return listings.cards(ArticlePage.objects.public().order_by("path"))


def wagtails(article) -> str | None:
    """The URL Wagtail's own ``get_url_parts`` gives (a plain ``Page``)."""
    return Page.objects.get(pk=article.pk).get_url()


def assert_urls_are_wagtails(expected_count: int) -> list:
    found = cards()
    assert len(found) == expected_count
    for article in found:
        assert article.get_url() == wagtails(article), article.url_path
        assert article.get_full_url() == Page.objects.get(pk=article.pk).get_full_url()
    return found


def test_card_urls_are_the_section_url_and_the_slug(section):
    ArticlePageFactory(parent=section, slug="first")
    ArticlePageFactory(parent=section, slug="ünïcode-slug")
    found = assert_urls_are_wagtails(2)
    assert {a.get_url() for a in found} == {"/world/first/", "/world/%C3%BCn%C3%AFcode-slug/"}


def test_one_reverse_per_section_however_many_cards(home, section):
    other = SectionPageFactory(parent=home, slug="politics")
    for parent in (section, other) * 3:
        ArticlePageFactory(parent=parent)
    found = cards()
    with mock.patch("wagtail.models.pages.reverse", wraps=reverse) as reversed_:
        urls = [article.get_url() for article in found]
    assert reversed_.call_count == 2  # each section's own URL, once
    assert urls == [wagtails(article) for article in found]


def test_the_site_root_paths_are_read_once_per_list_and_section(home, section):
    other = SectionPageFactory(parent=home, slug="politics")
    for parent in (section, other) * 3:
        ArticlePageFactory(parent=parent)
    with mock.patch.object(Site, "get_site_root_paths", wraps=Site.get_site_root_paths) as read:
        found = cards()
        urls = [article.get_url() for article in found]
    # The list's (1); for each section (2): its own URL's and its articles' check (2)
    assert read.call_count == 1 + 2 * 2
    assert urls == [wagtails(article) for article in found]


def test_a_moved_article_has_its_new_sections_url(home, section):
    article = ArticlePageFactory(parent=section, slug="moved")
    other = SectionPageFactory(parent=home, slug="politics")
    article.move(other, pos="last-child")
    cache.clear()  # as the move's purge does
    found = assert_urls_are_wagtails(1)
    assert found[0].get_url() == "/politics/moved/"


def test_a_renamed_section_gives_its_articles_its_new_url(section):
    ArticlePageFactory(parent=section, slug="story")
    section.slug = "international"
    section.save_revision().publish()
    cache.clear()
    found = assert_urls_are_wagtails(1)
    assert found[0].get_url() == "/international/story/"


def test_an_article_under_a_draft_section_gets_wagtails_url(home):
    draft = SectionPageFactory(parent=home, slug="drafts")
    ArticlePageFactory(parent=draft, slug="story")
    draft.unpublish()
    found = cards()
    assert found[0].section is None
    assert found[0].get_url() == wagtails(found[0]) == "/drafts/story/"


def test_on_another_site_the_url_is_that_sites(section):
    ArticlePageFactory(parent=section, slug="story")
    # A second site whose root is the section: its articles are that site's.
    Site.objects.create(hostname="world.example.org", port=80, root_page=section)
    cache.clear()
    found = assert_urls_are_wagtails(1)
    assert found[0].get_url() == "http://world.example.org/story/"


def test_an_article_that_is_a_sites_root_gets_wagtails_url(section):
    article = ArticlePageFactory(parent=section, slug="story")
    Site.objects.create(hostname="story.example.org", port=80, root_page=article)
    cache.clear()
    found = assert_urls_are_wagtails(1)
    assert found[0].get_url() == "http://story.example.org/"


def test_with_a_request_wagtail_builds_the_url(rf, section):
    ArticlePageFactory(parent=section, slug="story")
    found = cards()
    with mock.patch("wagtail.models.pages.reverse", wraps=reverse) as reversed_:
        assert found[0].get_url(request=rf.get("/")) == "/world/story/"
    assert reversed_.call_count == 1  # the article's own

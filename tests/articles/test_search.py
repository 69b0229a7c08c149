import re

from django.db import connection
from django.utils.html import strip_tags

from wagtail.search import index
from wagtail.search.backends import get_search_backend

import pytest

from articles.listings import PER_PAGE
from articles.search_terms import MAX_LENGTH as SEARCH_MAX_QUERY_LENGTH
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def result_titles(response) -> list[str]:
    titles = re.findall(
        r'class="search-results__title"><a href="[^"]+">(.+?)</a>', response.content.decode()
    )
    return [strip_tags(title) for title in titles]  # the searched words are in <mark>


@pytest.fixture
def stories(section):
    author = AuthorFactory(name="Olena Koval", slug="olena-koval")
    drones = ArticlePageFactory(
        parent=section,
        title="Drones over the border",
        standfirst="The ministry confirmed the strikes.",
        body=[("paragraph", "<p>Air defence shot down most of the drones.</p>")],
        bylines=[author],
        tags=["Air defence"],
    )
    grain = ArticlePageFactory(
        parent=section,
        title="Grain corridor reopens",
        standfirst="Ships leave Odesa again.",
        body=[("paragraph", "<p>The first convoy left at dawn.</p>")],
    )
    # Bylines and tags are saved after the page; a worker indexes after the
    # commit, the immediate task backend indexes before them: index again.
    for page in (drones, grain):
        index.insert_or_update_object(page)
    return drones, grain


def test_empty_query_shows_the_form_and_no_results(client, stories):
    for query in ("", "   ", "\x00"):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert "Type a few words to search our articles." in response.content.decode()
        assert result_titles(response) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("drones", ["Drones over the border"]),  # headline
        ("ministry strikes", ["Drones over the border"]),  # standfirst, all words
        ("convoy", ["Grain corridor reopens"]),  # body
        ("Koval", ["Drones over the border"]),  # byline
        ("corridor drones", []),  # every word must match
    ],
)
def test_search_finds_articles_by_headline_standfirst_body_and_author(
    client, stories, query, expected
):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert result_titles(response) == expected


def test_absurd_queries_are_trimmed_not_refused(client, stories):
    response = client.get("/search/", {"q": "drones " + "x" * 10_000})
    assert response.status_code == 200
    value = re.search(
        r'id="search-q" type="search" name="q" value="([^"]*)"', response.content.decode()
    )
    assert len(value.group(1)) == SEARCH_MAX_QUERY_LENGTH


@pytest.mark.parametrize(
    "query", ["drones\x00", "dro\x00nes border", "'\"&|!():*<>", "drones & | !border", "%_\\"]
)
def test_control_characters_and_query_syntax_never_fail(client, stories, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_results_are_paginated_and_bad_pages_are_404(client, section):
    for n in range(PER_PAGE + 5):
        ArticlePageFactory(parent=section, title=f"Ceasefire talks, day {n}", lead_image=None)
    first = client.get("/search/", {"q": "ceasefire"})
    assert len(result_titles(first)) == PER_PAGE
    assert f"{PER_PAGE + 5} results for" in first.content.decode()
    second = client.get("/search/", {"q": "ceasefire", "page": 2})
    assert len(result_titles(second)) == 5
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    for page in ("abc", "3", "0", "-1"):
        assert client.get("/search/", {"q": "ceasefire", "page": page}).status_code == 404


def test_results_come_in_order_of_relevance(client, section):
    """A headline match outranks articles that only mention the word in their
    body, newer or not; the count and the pages hold every match once."""
    headline = ArticlePageFactory(parent=section, title="Blackout hits the capital")
    for n in range(PER_PAGE + 2):
        ArticlePageFactory(
            parent=section,
            title=f"Evening briefing {n}",
            body=[("paragraph", "<p>Crews worked through the blackout overnight.</p>")],
            lead_image=None,
        )
    first = client.get("/search/", {"q": "blackout"})
    assert result_titles(first)[0] == headline.title
    assert f"{PER_PAGE + 3} results for" in first.content.decode()
    second = client.get("/search/", {"q": "blackout", "page": 2})
    assert len(result_titles(second)) == 3
    assert len(set(result_titles(first) + result_titles(second))) == PER_PAGE + 3


def test_drafts_are_not_found(client, section):
    draft = ArticlePageFactory(parent=section, title="Embargoed scoop")
    draft.live = False
    draft.save()
    assert result_titles(client.get("/search/", {"q": "embargoed"})) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_uses_its_full_text_search(client, stories):
    from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend

    assert isinstance(get_search_backend(), PostgresSearchBackend)
    response = client.get("/search/", {"q": "drones"})
    assert result_titles(response) == ["Drones over the border"]

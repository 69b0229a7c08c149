"""The search page as readers use it: the count, the searched words marked in
headlines and standfirsts, sorting by relevance or newest, a helpful page when
nothing matches, and a clear page for bad input."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.search import index

import pytest

from articles.search_terms import MAX_LENGTH, SearchQuery, highlight
from tests.factories import ArticlePageFactory, ImageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def search(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def titles(html: str) -> list[str]:
    return re.findall(r'class="search-results__title"><a href="[^"]+">(.+?)</a>', html)


@pytest.fixture
def blackout(section):
    """A headline match published three days ago, a body match yesterday."""
    now = timezone.now()
    older = ArticlePageFactory(
        parent=section,
        title="Blackout hits the capital",
        standfirst="The blackout lasted six hours.",
        first_published_at=now - 3 * DAY,
    )
    newer = ArticlePageFactory(
        parent=section,
        title="Evening briefing",
        standfirst="What happened today.",
        body=[("paragraph", "<p>Crews worked through the blackout overnight.</p>")],
        first_published_at=now - DAY,
    )
    for page in (older, newer):
        index.insert_or_update_object(page)
    return older, newer


def test_the_count_and_the_words_marked_in_headline_and_standfirst(client, blackout):
    html = search(client, q="blackout")
    assert "2 results for “blackout”" in html
    assert "<mark>Blackout</mark> hits the capital" in titles(html)
    assert "The <mark>blackout</mark> lasted six hours." in html
    assert "Evening briefing" in titles(html)  # matched in its body: nothing to mark


def test_relevance_first_then_newest_on_request(client, blackout):
    assert titles(search(client, q="blackout"))[0].endswith("hits the capital")
    newest = titles(search(client, q="blackout", sort="newest"))
    assert newest == ["Evening briefing", "<mark>Blackout</mark> hits the capital"]


def test_the_sort_is_a_pair_of_links_that_keep_the_query(client, blackout):
    html = search(client, q="blackout", sort="newest")
    sort = html[html.index('<nav class="search-sort"') :]
    sort = sort[: sort.index("</nav>")]
    assert '<a href="?q=blackout&amp;sort=relevance">Relevance</a>' in sort
    assert '<a aria-current="true" href="?q=blackout&amp;sort=newest">Newest first</a>' in sort
    # A new search from the form keeps the sort.
    assert '<input type="hidden" name="sort" value="newest">' in html


def test_pages_of_newest_results_keep_the_sort(client, section):
    for n in range(25):
        ArticlePageFactory(parent=section, title=f"Ceasefire talks, day {n}", lead_image=None)
    html = search(client, q="ceasefire", sort="newest")
    assert 'href="?q=ceasefire&amp;sort=newest&amp;page=2"' in html


def pagination(html: str) -> str:
    nav = html[html.index('<nav class="pagination"') :]
    return nav[: nav.index("</nav>")]


def test_pages_by_relevance_say_previous_and_next_not_newer_and_older(client, section):
    for n in range(45):
        ArticlePageFactory(parent=section, title=f"Ceasefire talks, day {n}", lead_image=None)
    nav = pagination(search(client, q="ceasefire", page=2))
    assert '<a rel="prev" href="?q=ceasefire&amp;page=1">Previous</a>' in nav
    assert '<a rel="next" href="?q=ceasefire&amp;page=3">Next</a>' in nav
    assert "Newer" not in nav
    assert "Older" not in nav
    # Newest first, they do go back in time.
    nav = pagination(search(client, q="ceasefire", sort="newest", page=2))
    assert '<a rel="prev" href="?q=ceasefire&amp;sort=newest&amp;page=1">Newer</a>' in nav
    assert '<a rel="next" href="?q=ceasefire&amp;sort=newest&amp;page=3">Older</a>' in nav


def test_an_unknown_sort_is_by_relevance(client, blackout):
    html = search(client, q="blackout", sort="<oldest>")
    assert titles(html)[0].endswith("hits the capital")
    assert "oldest" not in html


def test_html_in_the_query_is_shown_as_text_and_never_marked_up(client, section):
    article = ArticlePageFactory(
        parent=section, title="Script kiddies <b>take</b> the grid", standfirst="Bold claims."
    )
    index.insert_or_update_object(article)
    html = search(client, q="<script>grid</script>")
    assert "<script>grid" not in html
    assert "&lt;script&gt;grid&lt;/script&gt;" in html  # in the box and the count
    # The words were searched for and marked; the headline's own tags are text.
    assert titles(html) == [
        "<mark>Script</mark> kiddies &lt;b&gt;take&lt;/b&gt; the <mark>grid</mark>"
    ]


def test_no_results_suggests_spelling_and_links_the_sections(client, section):
    politics = SectionPageFactory(parent=section.get_parent(), title="Politics", slug="politics")
    html = search(client, q="blakcout")
    assert "No results for “blakcout”" in html
    assert "Check the spelling" in html
    assert '<a href="/world/">World</a>' in html
    assert f'<a href="{politics.url}">Politics</a>' in html
    assert "results for" not in html.replace("No results for", "")


def test_only_punctuation_finds_nothing_and_says_so(client, blackout):
    html = search(client, q="\"'&|!():*")
    assert "No results for “&quot;&#x27;&amp;|!():*”" in html


def test_an_overlong_query_is_shortened_and_the_reader_told(client, blackout):
    html = search(client, q="blackout " + "x" * 5000)
    assert f"we searched for its first {MAX_LENGTH} characters" in html
    assert "blackout " + "x" * 10 not in search(client, q="blackout")
    assert "we searched for its first" not in search(client, q="blackout")


@pytest.mark.parametrize("page", ["abc", "0", "99"])
def test_a_page_that_is_not_one_is_a_404(client, blackout, page):
    assert client.get("/search/", {"q": "blackout", "page": page}).status_code == 404


def test_the_page_cache_keys_the_sort(client, blackout, settings):
    settings.PAGE_CACHE = True
    by_relevance = search(client, q="blackout")
    by_newest = search(client, q="blackout", sort="newest")
    assert titles(by_relevance) != titles(by_newest)
    assert titles(search(client, q="blackout", sort="newest")) == titles(by_newest)


@pytest.mark.usefixtures("uncached")
def test_results_cost_the_same_queries_for_two_or_twenty(client, section):
    images = [ImageFactory() for _ in range(2)]

    def add(start: int, count: int) -> None:
        for n in range(start, start + count):
            page = ArticlePageFactory(
                parent=section, title=f"Harvest report {n}", lead_image=images[n % 2]
            )
            index.insert_or_update_object(page)

    def queries(sort: str) -> int:
        search(client, q="harvest", sort=sort)  # renditions made on the first view
        with CaptureQueriesContext(connection) as captured:
            search(client, q="harvest", sort=sort)
        return len(captured)

    add(0, 2)
    few = queries("relevance"), queries("newest")
    add(2, 18)
    assert (queries("relevance"), queries("newest")) == few


def test_highlight_marks_word_starts_and_escapes_the_rest():
    assert highlight("Drones & drone-makers", "drone") == (
        "<mark>Drones</mark> &amp; <mark>drone</mark>-makers"
    )
    assert highlight("Undrone", "drone") == "Undrone"  # only where a word starts
    assert highlight("<i>", "") == "&lt;i&gt;"


def test_the_query_is_cleaned_once():
    query = SearchQuery.parse("  drones\x00 <b>over</b>  ", "newest")
    assert query.text == "drones <b>over</b>"
    assert query.terms == "drones b over b"
    assert query.sort == "newest"
    assert not query.shortened

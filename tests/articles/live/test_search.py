"""A live page's entries are searchable: posting, editing or deleting an entry
updates the page's search index entry (after commit) and purges the stored
search pages."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from articles.live import entries
from articles.live.models import LiveEntry
from tests.articles.live.conftest import add_entries

pytestmark = pytest.mark.django_db


def live_results(client, query: str) -> list[str]:
    html = client.get("/search/", {"q": query}).content.decode()
    if 'id="live-results-title"' not in html:
        return []
    box = html.split('id="live-results-title"')[1].split("</section>")[0]
    return re.findall(r'<a href="([^"]+)">', box)


def test_posting_editing_deleting_an_entry_updates_search(
    client, live, django_capture_on_commit_callbacks
):
    assert live_results(client, "pontoon") == []
    with django_capture_on_commit_callbacks(execute=True):
        entry = entries.post_entry(live, None, "Engineers laid a pontoon bridge overnight.")
    # The search page was stored before the post: purged, so it shows the page.
    assert live_results(client, "pontoon") == [live.url]
    assert live_results(client, "pontoon bridge") == [live.url]
    entry.body = [("paragraph", "<p>Engineers laid a ferry crossing overnight.</p>")]
    with django_capture_on_commit_callbacks(execute=True):
        entries.save_edit(entry, None)
    assert live_results(client, "pontoon") == []
    assert live_results(client, "ferry") == [live.url]
    with django_capture_on_commit_callbacks(execute=True):
        entries.delete_entry(entry, None)
    assert live_results(client, "ferry") == []


def test_an_entry_saved_in_the_shell_is_searchable_too(
    client, live, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        LiveEntry.objects.create(
            page=live, title="Dam breach", body=[("paragraph", "<p>Water rising.</p>")]
        )
    assert live_results(client, "breach") == [live.url]
    assert live_results(client, "rising") == [live.url]


def test_the_headline_and_standfirst_are_searchable_and_articles_still_listed(client, live):
    # Published pages are indexed by Wagtail itself.
    assert live_results(client, "Ukraine") == [live.url]
    assert "0 results" in client.get("/search/", {"q": "Ukraine"}).content.decode()


# The entry and its change record (2), then, after commit, the reindex: the
# page (2), the entries' text (a query per time Wagtail reads the field,
# whatever the number of entries: 3 on SQLite, 5 on PostgreSQL, whose backend
# reads it once more per weighted column) and the index entry (SQLite: read
# and update, 4; PostgreSQL: an upsert it runs on its own cursor, then the
# title norm, 2).
POST_AND_REINDEX_QUERIES = {"sqlite": 11, "postgresql": 12}


def test_reindexing_after_a_post_costs_a_few_queries_whatever_the_entries(
    live, django_capture_on_commit_callbacks
):
    add_entries(live, 30)
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        entries.post_entry(live, None, "One more.")
    statements = [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]
    assert len(statements) <= POST_AND_REINDEX_QUERIES[connection.vendor], statements

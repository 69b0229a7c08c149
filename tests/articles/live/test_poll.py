"""The poll fragment carries, the same for every reader: the newest entries,
the key-events list, the latest edits of older entries and the latest
deletions, each entry with its version, so a reader's script can apply
edits and deletions to what it shows and keep its key-events list current
(static/js/live.js; the browser tests check the script)."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from articles.live import entries, reading
from articles.live.models import LiveEntry
from tests.articles.live.conftest import add_entries

pytestmark = pytest.mark.django_db

ENTRY = re.compile(r'data-entry-id="(\d+)" data-entry-version="(\d+)"')
KEY_EVENT = re.compile(
    r'<a href="([^"]*)" data-key-event="(\d+)">'
    r'<time datetime="[^"]+">(\d\d:\d\d)</time> ([^<]*)</a>'
)


def fragment(client, live) -> dict:
    response = client.get(live.url + "updates/")
    assert response.status_code == 200
    html = response.content.decode()
    main, _, rest = html.partition("<div data-live-edited>")
    edited, _, deleted = rest.partition("<ul data-live-deleted>")
    if not rest:
        main, _, deleted = html.partition("<ul data-live-deleted>")
    return {
        "newest": [(int(n), int(v)) for n, v in ENTRY.findall(main)],
        "edited": [(int(n), int(v)) for n, v in ENTRY.findall(edited)],
        "deleted": [int(n) for n in re.findall(r'data-deleted-id="(\d+)"', deleted)],
        "key_events": key_events(html),
        "etag": response["ETag"],
        "html": html,
    }


def key_events(html: str) -> list[tuple[int, str, str]] | None:
    """The key-events list in a page or fragment: (id, title, link) newest
    first; None without its container (the script then keeps the page's)."""
    if "<div data-live-key-events>" not in html:
        return None
    part = html.split("<div data-live-key-events>")[1].split("</nav>")[0]
    return [(int(pk), title, href) for href, pk, _, title in KEY_EVENT.findall(part)]


def age(made: list[LiveEntry]) -> None:
    """As if the entries had been posted an hour ago (not just now)."""
    hour_ago = timezone.now() - timedelta(hours=1)
    LiveEntry.objects.filter(pk__in=[e.pk for e in made]).update(
        created_at=hour_ago, updated_at=hour_ago
    )


def test_each_entry_carries_its_version_in_the_page_and_the_fragment(client, live):
    made = add_entries(live, 3)
    expected = [(e.pk, LiveEntry.objects.get(pk=e.pk).version) for e in reversed(made)]
    assert fragment(client, live)["newest"] == expected
    html = client.get(live.url).content.decode()
    assert [(int(n), int(v)) for n, v in ENTRY.findall(html)] == expected


def test_an_edit_of_an_older_entry_is_in_the_fragment_with_its_new_version(client, live):
    made = add_entries(live, reading.POLL_LENGTH + 5)
    age(made)
    before = fragment(client, live)
    assert before["edited"] == []
    assert before["deleted"] == []
    older = made[0]  # not among the newest: only the edit list brings it
    older.refresh_from_db()
    old_version = older.version
    older.correction = "The convoy was smaller."
    entries.save_edit(older, None)
    after = fragment(client, live)
    assert after["newest"] == before["newest"]
    assert after["edited"] == [(older.pk, older.version)]
    assert older.version > old_version
    assert "The convoy was smaller." in after["html"]
    assert after["etag"] != before["etag"]  # a poller with the old one gets it


def test_an_edit_of_a_newest_entry_changes_its_version_in_place(client, live):
    made = add_entries(live, 3)
    age(made)
    before = dict(fragment(client, live)["newest"])
    newest = made[-1]
    newest.refresh_from_db()
    newest.title = "Corrected headline"
    entries.save_edit(newest, None)
    after = fragment(client, live)
    assert dict(after["newest"])[newest.pk] > before[newest.pk]
    assert after["edited"] == []  # already in the newest list
    assert {pk: v for pk, v in after["newest"] if pk != newest.pk} == {
        pk: v for pk, v in before.items() if pk != newest.pk
    }


def test_deletions_are_listed_by_id_newest_first_up_to_the_limit(client, live):
    made = add_entries(live, reading.POLL_DELETIONS + 3)
    gone = [e.pk for e in made[: reading.POLL_DELETIONS + 2]]
    for entry in made[: reading.POLL_DELETIONS + 2]:
        entries.delete_entry(entry, None)
    listed = fragment(client, live)["deleted"]
    assert listed == list(reversed(gone))[: reading.POLL_DELETIONS]
    assert fragment(client, live)["newest"][0][0] == made[-1].pk


def test_only_the_latest_edits_are_carried(client, live):
    made = add_entries(live, reading.POLL_LENGTH + reading.POLL_EDITS + 2)
    age(made)
    older = made[: reading.POLL_EDITS + 2]
    for entry in older:
        entry.refresh_from_db()
        entry.title = "Edited"
        entries.save_edit(entry, None)
    edited = [pk for pk, _ in fragment(client, live)["edited"]]
    assert edited == [e.pk for e in reversed(older)][: reading.POLL_EDITS]


def test_the_fragment_carries_every_key_event_as_the_page_lists_them(client, live):
    older_key = add_entries(live, 1, title="Talks begin", is_key_event=True)[0]
    later = older_key.posted_at + timedelta(seconds=1)
    add_entries(live, reading.ENTRIES_PER_PAGE + 5, start=later)  # the older one on page 2
    newest_key = add_entries(
        live, 1, start=older_key.posted_at + timedelta(days=1), title="", is_key_event=True
    )[0]
    carried = fragment(client, live)
    assert older_key.pk not in [pk for pk, _ in carried["newest"]]  # only the list brings it
    share = f"{live.url}entry/{{}}/"
    # Every link to the share link: the fragment cannot know what a reader shows.
    assert carried["key_events"] == [
        (newest_key.pk, "Key event", share.format(newest_key.pk)),
        (older_key.pk, "Talks begin", share.format(older_key.pk)),
    ]
    page = key_events(client.get(live.url).content.decode())
    assert [(pk, title) for pk, title, _ in page] == [
        (pk, title) for pk, title, _ in carried["key_events"]
    ]
    assert page[0][2] == f"#entry-{newest_key.pk}"  # on the page: its anchor
    assert page[1][2] == share.format(older_key.pk)  # on page 2


def test_the_key_events_list_follows_each_change_of_a_key_event(client, live):
    made = add_entries(live, reading.POLL_LENGTH + 5)
    age(made)
    seen = [fragment(client, live)]
    assert seen[0]["key_events"] == []  # carried empty: the script then drops its list

    def listed() -> list[tuple[int, str]]:
        seen.append(fragment(client, live))
        return [(pk, title) for pk, title, _ in seen[-1]["key_events"]]

    posted = entries.post_entry(live, None, "Talks resume.", title="Talks", is_key_event=True)
    assert listed() == [(posted.pk, "Talks")]
    older = made[0]  # far below the newest entries
    older.refresh_from_db()
    older.is_key_event = True
    older.title = "Power cut"
    entries.save_edit(older, None)
    assert listed() == [(posted.pk, "Talks"), (older.pk, "Power cut")]
    older.title = "Power cut in the north"
    entries.save_edit(older, None)
    assert listed() == [(posted.pk, "Talks"), (older.pk, "Power cut in the north")]
    posted.is_key_event = False
    entries.save_edit(posted, None)
    assert listed() == [(older.pk, "Power cut in the north")]
    entries.delete_entry(older, None)
    assert listed() == []
    etags = [carried["etag"] for carried in seen]
    assert len(set(etags)) == len(etags)  # each change reaches a poller holding the last one


def test_the_fragment_with_edits_and_deletions_stays_a_few_queries(
    client, live, django_assert_num_queries, settings
):
    settings.PAGE_CACHE = False
    add_entries(live, 1, title="An older key event", is_key_event=True)
    made = add_entries(live, reading.POLL_LENGTH + 3)
    newest = made[-1].posted_at + timedelta(minutes=1)
    made += add_entries(live, 1, start=newest, title="Newest", is_key_event=True)
    age(made)
    made[0].title = "Edited"
    entries.save_edit(made[0], None)
    entries.delete_entry(made[1], None)
    client.get(live.url + "updates/")  # the site's settings row now exists
    with django_assert_num_queries(POLL_QUERIES):
        client.get(live.url + "updates/")


# Routing to the page (2), the newest entries with every key event and
# their authors (2), the edited older entries (1; one more for their
# authors if they have any), the deletions (1). Stored by the page cache,
# it runs for the first poller after each change only.
POLL_QUERIES = 6

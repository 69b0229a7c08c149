"""Changes to entries made outside the posting screen (the Django shell, a
data fix: a plain ORM save or delete, an author change) are recorded and
purge exactly the live page, its poll fragment and its listings, like the
screen's own (``articles.live.changes``)."""

from datetime import timedelta

import pytest

from articles.live.changes import acting_as
from articles.live.models import LiveEntry, LiveEntryChange
from tests.articles.live.conftest import add_entries, cdn_paths
from tests.articles.live.test_purging import expected, newsroom, purged_by, watched_scopes
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

__all__ = ["newsroom"]  # a fixture


def test_orm_create_edit_delete_purge_exactly_the_page_and_its_listings(
    home, section, live, newsroom, django_capture_on_commit_callbacks
):
    scopes = watched_scopes(home, section, live, newsroom)
    made = []

    def create():
        made.append(LiveEntry.objects.create(page=live, body=[("paragraph", "<p>Shell.</p>")]))

    def edit():
        made[0].correction = "Fixed in the shell."
        made[0].save()

    for change in (create, edit, lambda: made[0].delete()):
        with django_capture_on_commit_callbacks(execute=True):
            assert purged_by(change, scopes) == expected(home, section, live)


def test_orm_changes_are_recorded_when_and_by_whom_if_known(live, django_user_model):
    entry = LiveEntry.objects.create(page=live, body=[("paragraph", "<p>From the shell.</p>")])
    entry.title = "Edited in the shell"
    entry.save()
    editor = django_user_model.objects.create_user(email="desk@example.org", password="x" * 20)
    number = entry.pk
    with acting_as(editor):
        LiveEntry.objects.filter(pk=number).delete()  # a queryset delete too
    changes = list(LiveEntryChange.objects.filter(entry_number=number).order_by("at", "id"))
    assert [(c.action, c.user) for c in changes] == [
        ("created", None),
        ("edited", None),
        ("deleted", editor),
    ]
    assert all(c.at is not None and c.page_id == live.pk for c in changes)
    assert changes[1].snapshot["title"] == "Edited in the shell"
    assert changes[2].snapshot["title"] == "Edited in the shell"  # the entry as deleted
    assert changes[2].entry is None


def test_an_author_change_alone_is_an_edit_recorded_and_purged(
    home, section, live, newsroom, django_capture_on_commit_callbacks
):
    entry = add_entries(live, 1)[0]
    LiveEntry.objects.filter(pk=entry.pk).update(updated_at=entry.updated_at - timedelta(hours=1))
    entry.refresh_from_db()
    before = entry.updated_at
    author = AuthorFactory()
    scopes = watched_scopes(home, section, live, newsroom)
    with django_capture_on_commit_callbacks(execute=True):
        purged = purged_by(lambda: entry.authors.add(author), scopes)
    assert purged == expected(home, section, live)
    change = LiveEntryChange.objects.filter(entry=entry).order_by("-at", "-id").first()
    assert change.action == "edited"
    assert change.snapshot["authors"] == [author.pk]
    entry.refresh_from_db()
    assert entry.updated_at > before  # pollers see a new version


def test_an_orm_change_tells_the_cdn_the_page_its_poll_fragment_and_listings(
    section, live, cdn_purges
):
    LiveEntry.objects.create(page=live, body=[("paragraph", "<p>Shell.</p>")])
    assert cdn_purges == [cdn_paths(live, section)]


def test_deleting_the_page_deletes_its_entries_without_recording_them(live):
    add_entries(live, 2)
    live.delete()
    assert not LiveEntry.objects.exists()
    assert not LiveEntryChange.objects.exists()

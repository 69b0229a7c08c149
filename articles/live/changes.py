"""Every change to a live entry, however it is made (the posting screen, the
Django shell, a data fix): recorded and published at model level.

Saving or deleting a ``LiveEntry`` (``post_save``, ``post_delete``), or
changing its authors (``m2m_changed``):

* records the change in ``LiveEntryChange``: what (created, edited, deleted),
  who (the user set with ``acting_as``; none outside it, e.g. in the shell)
  and when, with the entry as it then was, for the corrections policy;
* purges exactly what shows the page (``articles.cache.purging.purge_pages``:
  the page and its poll fragment, its section and the home page, the feeds,
  sitemaps and search pages; with a CDN, the same URLs);
* once the transaction commits, brings the page's search index entry up to
  date (its entries' text is searchable) through Wagtail's indexing task.

Not seen here: ``QuerySet.update()`` and ``bulk_create`` send no signal, so
code changing entries in bulk must call ``purge_pages`` and record the
change itself. An entry deleted with its page (the page's own deletion) is
neither recorded nor purged twice: deleting a page purges everything.

Connected by ``ArticlesConfig.ready`` (``connect``).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from wagtail.search.tasks import insert_or_update_object_task

from articles.cache.purging import purge_pages
from articles.live.models import LiveEntry, LiveEntryChange

_actor: ContextVar = ContextVar("live_entry_actor", default=None)
# An author change this soon after the entry's own save belongs to that save
# (the posting screen and the edit form set authors right after saving).
SAME_CHANGE = timedelta(seconds=2)


@contextmanager
def acting_as(user) -> Iterator[None]:
    """Changes to entries inside this block are recorded as ``user``'s."""
    token = _actor.set(user if getattr(user, "is_authenticated", False) else None)
    try:
        yield
    finally:
        _actor.reset(token)


def snapshot(entry: LiveEntry, authors: list[int] | None = None) -> dict:
    data = {
        "posted_at": entry.posted_at.isoformat(),
        "title": entry.title,
        "body": list(entry.body.raw_data),
        "is_key_event": entry.is_key_event,
        "correction": entry.correction,
    }
    if authors is not None:
        data["authors"] = authors
    return data


def record(entry: LiveEntry, action: str, **snapshot_extra) -> None:
    deleted = action == LiveEntryChange.Action.DELETED
    LiveEntryChange.objects.create(
        page_id=entry.page_id,
        entry=None if deleted else entry,
        entry_number=entry.pk,
        action=action,
        user=_actor.get(),
        at=timezone.now(),
        snapshot=snapshot(entry, **snapshot_extra),
    )


def publish(entry: LiveEntry) -> None:
    """Purge what shows the entry's page, and reindex the page after commit."""
    page = entry.page
    purge_pages([page])
    meta = type(page)._meta
    task = insert_or_update_object_task
    transaction.on_commit(lambda: task.enqueue(meta.app_label, meta.model_name, str(page.pk)))


def on_entry_saved(sender, instance: LiveEntry, created: bool, raw: bool = False, **kwargs):
    if raw:  # loading fixtures
        return
    record(instance, LiveEntryChange.Action.CREATED if created else LiveEntryChange.Action.EDITED)
    publish(instance)


def on_entry_deleted(sender, instance: LiveEntry, origin=None, **kwargs):
    if not isinstance(origin, LiveEntry) and getattr(origin, "model", None) is not LiveEntry:
        return  # deleted with its page
    record(instance, LiveEntryChange.Action.DELETED)
    publish(instance)


def on_authors_changed(sender, instance, action: str, reverse: bool, pk_set=None, **kwargs):
    """A change of authors alone (not the one that follows an entry's save)
    is an edit: recorded, the entry's version moves on, and published."""
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    if action != "post_clear" and not pk_set:
        return
    if timezone.now() - instance.updated_at < SAME_CHANGE:
        publish(instance)  # the save just recorded it; authors show on the page
        return
    instance.updated_at = timezone.now()
    LiveEntry.objects.filter(pk=instance.pk).update(updated_at=instance.updated_at)
    authors = sorted(instance.authors.values_list("pk", flat=True))
    record(instance, LiveEntryChange.Action.EDITED, authors=authors)
    publish(instance)


def connect() -> None:
    uid = "articles.live.changes"
    post_save.connect(on_entry_saved, sender=LiveEntry, dispatch_uid=f"{uid}.saved")
    post_delete.connect(on_entry_deleted, sender=LiveEntry, dispatch_uid=f"{uid}.deleted")
    m2m_changed.connect(
        on_authors_changed, sender=LiveEntry.authors.through, dispatch_uid=f"{uid}.authors"
    )

"""Posting, editing and deleting live entries: each records who did it and
when (``LiveEntryChange``, with the entry as it then was) and purges what
shows the page through the page cache's public API
(``articles.cache.purging.purge_pages``: the page, its poll fragment, its
section, the home page, the feeds and sitemaps; nothing else)."""

import html
import re

from django.db import transaction
from django.utils import timezone

from articles.cache.purging import purge_pages
from articles.live.models import LiveBlogPage, LiveEntry, LiveEntryChange

_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs_from_text(text: str) -> list[tuple[str, str]]:
    """A body from plain text: one paragraph per blank-line-separated block,
    line breaks kept, nothing interpreted as HTML."""
    blocks = []
    for chunk in _BLANK_LINES.split(text.strip()):
        chunk = chunk.strip()
        if chunk:
            lines = [html.escape(line.strip()) for line in chunk.splitlines()]
            blocks.append(("paragraph", "<p>" + "<br/>".join(lines) + "</p>"))
    return blocks


def snapshot(entry: LiveEntry) -> dict:
    return {
        "posted_at": entry.posted_at.isoformat(),
        "title": entry.title,
        "body": list(entry.body.raw_data),
        "is_key_event": entry.is_key_event,
        "correction": entry.correction,
    }


def _record(entry: LiveEntry, action: str, user, entry_number: int | None = None) -> None:
    LiveEntryChange.objects.create(
        page_id=entry.page_id,
        entry=entry if action != LiveEntryChange.Action.DELETED else None,
        entry_number=entry_number or entry.pk,
        action=action,
        user=user if getattr(user, "is_authenticated", False) else None,
        at=timezone.now(),
        snapshot=snapshot(entry),
    )


@transaction.atomic
def post_entry(
    page: LiveBlogPage,
    user,
    text: str = "",
    *,
    body=None,
    title: str = "",
    is_key_event: bool = False,
    authors=(),
) -> LiveEntry:
    """A new entry, now: from plain ``text`` (the fast screen) or a ``body``."""
    entry = LiveEntry(
        page=page,
        title=title,
        body=body if body is not None else paragraphs_from_text(text),
        is_key_event=is_key_event,
    )
    entry.save()
    if authors:
        entry.authors.set(authors)
    _record(entry, LiveEntryChange.Action.CREATED, user)
    purge_pages([page])
    return entry


@transaction.atomic
def save_edit(entry: LiveEntry, user) -> LiveEntry:
    """Record and publish an edit already applied to ``entry`` (saved here)."""
    entry.save()
    _record(entry, LiveEntryChange.Action.EDITED, user)
    purge_pages([entry.page])
    return entry


@transaction.atomic
def delete_entry(entry: LiveEntry, user) -> None:
    number = entry.pk
    page = entry.page
    _record(entry, LiveEntryChange.Action.DELETED, user, entry_number=number)
    entry.delete()
    purge_pages([page])

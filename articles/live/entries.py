"""Posting, editing and deleting live entries as a user: the posting screen's
services. Recording who did it and when, purging what shows the page and
reindexing it happen at model level, for every change however made
(``articles.live.changes``); these only say who is acting."""

import html
import re

from django.db import transaction

from articles.live.changes import acting_as
from articles.live.models import LiveBlogPage, LiveEntry

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
    with acting_as(user):
        entry.save()
        if authors:
            entry.authors.set(authors)
    return entry


@transaction.atomic
def save_edit(entry: LiveEntry, user) -> LiveEntry:
    """Save an edit already applied to ``entry``, as ``user``."""
    with acting_as(user):
        entry.save()
    return entry


@transaction.atomic
def delete_entry(entry: LiveEntry, user) -> None:
    with acting_as(user):
        entry.delete()

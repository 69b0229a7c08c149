"""What a reader typed into search, made safe to search for and to show.

``SearchQuery.parse`` turns the ``q`` and ``sort`` parameters into the query
shown back (control characters out, spaces collapsed, at most
``MAX_LENGTH`` characters, with a note when it was cut), the words the search
backend gets (punctuation out: it only risks the backends' query syntax,
SQLite FTS5 fails on a stray double quote) and the sort. ``highlight`` marks
those words in a title or standfirst, escaping everything else."""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
PUNCTUATION = re.compile(r"[^\w\s]")
RELEVANCE, NEWEST = "relevance", "newest"
SORTS = {RELEVANCE: "Relevance", NEWEST: "Newest first"}


@dataclass(frozen=True)
class SearchQuery:
    text: str  # as shown back to the reader
    terms: str  # as searched for: words only
    sort: str
    shortened: bool  # the reader's query was longer than MAX_LENGTH

    @classmethod
    def parse(cls, q: str, sort: str | None) -> "SearchQuery":
        # Control characters (a NUL byte would break PostgreSQL) become spaces.
        text = " ".join(CONTROL_CHARACTERS.sub(" ", q).split())
        shortened = len(text) > MAX_LENGTH
        text = text[:MAX_LENGTH].rstrip()
        terms = " ".join(PUNCTUATION.sub(" ", text).split())
        return cls(text, terms, sort if sort in SORTS else RELEVANCE, shortened)


@lru_cache(maxsize=64)
def _pattern(terms: str) -> re.Pattern | None:
    # Longest first, so "drones" is marked whole where "drone" is a term too;
    # a term marks the rest of a word it starts ("drone" marks "drones").
    words = sorted({word.lower() for word in terms.split()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\w*", re.IGNORECASE)


def highlight(text: str, terms: str) -> SafeString:
    """``text`` escaped, with every word that starts with one of ``terms`` in ``<mark>``."""
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped

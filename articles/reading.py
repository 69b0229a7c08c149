"""Reading time from a StreamField body."""

import math
import re

from django.utils.html import strip_tags

WORD = re.compile(r"\w+")


def _texts(value):
    """Every piece of text in a block value, however deeply nested."""
    if hasattr(value, "source"):  # RichText
        yield strip_tags(value.source)
    elif isinstance(value, str):
        yield value
    elif hasattr(value, "items"):  # StructValue
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple) or hasattr(value, "raw_data"):  # lists, streams
        for item in value:
            yield from _texts(getattr(item, "value", item))


def reading_minutes(body, standfirst: str = "", words_per_minute: int = 230) -> int:
    words = len(WORD.findall(standfirst))
    for child in body:
        for text in _texts(child.value):
            words += len(WORD.findall(text))
    return max(1, math.ceil(words / words_per_minute))

"""Database ids from readers' input (query strings, forms, metadata we set).

``str.isdigit()`` is true for "²" and "١٢", which ``int()`` then refuses or
reads as another number: ids are plain ASCII digits, within the range every
id column holds, or nothing.
"""

import re

MAX_ID = 2**31 - 1  # the largest value of a 32-bit id column (Wagtail's pages)
_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_id(value: object) -> int | None:
    """``value`` as a positive id, or ``None`` if it is anything else."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None

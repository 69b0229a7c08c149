"""One JSON object per log line (``LOG_FORMAT=json``, production's default).

Fields: ``time``, ``level``, ``logger``, ``request_id``, ``message``, then
whatever the call passed in ``extra`` (the request summary's ``method``,
``path``, ``status``, ``duration_ms``), then ``exc_info`` / ``stack_info``
when there are any. Every request writes one line, cache hits included, so
it is kept cheap (``bench/logline.py`` measures it): the line is written
field by field, strings, integers and finite floats by hand (exactly as the
JSON encoder writes them: its own string escaping, no ASCII escaping), any
other value by the JSON encoder; the time is formatted once a second.
Running the C encoder over the whole line cost three times as much.
"""

import json
import logging
import math
import time
from itertools import filterfalse
from json.encoder import encode_basestring

# What every LogRecord carries; anything else on a record came from ``extra``.
_RECORD_FIELDS = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys()
    | {"message", "asctime", "request_id", "taskName"}
)
_encode = json.JSONEncoder(ensure_ascii=False, default=str).encode
_string = encode_basestring  # '"…"', as the encoder writes a string with ensure_ascii=False


def value_json(value: object) -> str:
    """``value`` as the encoder above would write it."""
    kind = value.__class__
    if kind is str:
        return _string(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    return _encode(value)


class JsonFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__()
        self._second = -1
        self._second_text = ""
        self._heads: dict[tuple[str, str], str] = {}
        self._keys: dict[str, str] = {}  # ', "name": ' for each extra field seen

    def _time(self, created: float) -> str:
        second = int(created)
        if second != self._second:
            self._second = second
            self._second_text = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second))
        return f"{self._second_text},{int((created - second) * 1000):03d}"

    def _head(self, level: str, logger: str) -> str:
        """'", "level": …, "logger": …, "request_id": ' for a level and logger."""
        head = self._heads.get((level, logger))
        if head is None:
            head = self._heads[level, logger] = (
                f'", "level": {_string(level)}, "logger": {_string(logger)}, "request_id": '
            )
        return head

    def _key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = f", {_string(name)}: "
        return key

    def format(self, record: logging.LogRecord) -> str:
        fields = record.__dict__
        line = (
            f'{{"time": "{self._time(record.created)}{self._head(record.levelname, record.name)}'
            f"{value_json(fields.get('request_id', '-'))}, "
            f'"message": {_string(record.getMessage())}'
        )
        for name in filterfalse(_RECORD_FIELDS.__contains__, fields):  # the extras, in order
            line += self._key(name) + value_json(fields[name])
        if record.exc_info:
            line += ', "exc_info": ' + _string(self.formatException(record.exc_info))
        elif record.exc_text:
            line += ', "exc_info": ' + _string(record.exc_text)
        if record.stack_info:
            line += ', "stack_info": ' + _string(self.formatStack(record.stack_info))
        return line + "}"

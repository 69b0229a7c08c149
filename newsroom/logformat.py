"""One JSON object per log line (``LOG_FORMAT=json``, production's default).

Fields: ``time``, ``level``, ``logger``, ``request_id``, ``message``, then
whatever the call passed in ``extra`` (the request summary's ``method``,
``path``, ``status``, ``duration_ms``), then ``exc_info`` / ``stack_info``
when there are any. Every request writes one line, cache hits included, so
it is kept cheap: the fields are put in a dict and written by the C JSON
encoder, and the time is formatted once a second (python-json-logger, which
this replaces, took 18 µs a line; ``bench/logline.py`` measures it).
"""

import json
import logging
import time

# What every LogRecord carries; anything else on a record came from ``extra``.
_RECORD_FIELDS = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys()
    | {"message", "asctime", "request_id", "taskName"}
)
_encode = json.JSONEncoder(ensure_ascii=False, default=str).encode


class JsonFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__()
        self._second = -1
        self._second_text = ""

    def _time(self, created: float) -> str:
        second = int(created)
        if second != self._second:
            self._second = second
            self._second_text = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second))
        return f"{self._second_text},{int((created - second) * 1000):03d}"

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self._time(record.created),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        for name, value in record.__dict__.items():
            if name not in _RECORD_FIELDS:
                entry[name] = value
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc_info"] = record.exc_text
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return _encode(entry)

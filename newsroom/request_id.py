"""A request id for every request, in its response and in every log line it causes.

The reverse proxy may send one in ``X-Request-ID`` (so its access log and ours
can be joined); a value that does not look like an id is replaced by a fresh
one rather than trusted. The id is echoed in the response's ``X-Request-ID``
and added to every log record made while the request is handled, through a
context variable (safe with gunicorn's threads).

Each finished request writes one line on ``newsroom.request`` (``method``,
``path``, ``status``, ``duration_ms``). Cache hits write it too, so its record
is made from a per-process template (``AccessRecords``) and handed to the
logger's handlers directly: the same record ``logger.info`` would make, less
the look-up of the caller in the stack and the constructor's path splitting
and thread and process names, which cost as much as formatting the line.
"""

import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"  # the same, as WSGI passes it
_ACCEPTABLE = re.compile(r"[A-Za-z0-9._:@-]{8,128}")

request_id: ContextVar[str] = ContextVar("request_id", default="-")

access_log = logging.getLogger("newsroom.request")


def incoming_id(value: str | None) -> str:
    """The proxy's id when it is a plain token, else a new random one."""
    if value and _ACCEPTABLE.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` (``-`` outside a request) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            # Django logs 4xx/5xx responses after the middleware has finished,
            # but passes the request along, which carries the id.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or request_id.get()
        return True


class RequestIdMiddleware:
    """Sets the request id, echoes it, and logs one line per finished request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = incoming_id(request.META.get(META_KEY))
        request.request_id = rid
        token = request_id.set(rid)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[HEADER] = rid
            duration_ms = round((time.monotonic() - started) * 1000, 1)
            log_summary(request.method, request.path, response.status_code, duration_ms, rid)
            return response
        finally:
            request_id.reset(token)


def log_summary(method: str, path: str, status: int, duration_ms: float, rid: str) -> None:
    """The request's line on ``newsroom.request`` (``bench/logline.py`` times it)."""
    if access_log.isEnabledFor(logging.INFO):
        access_log.handle(access_records.record(method, path, status, duration_ms, rid))


class AccessRecords:
    """The request summary's records, as ``access_log.info("%s %s %s", method,
    path, status, extra={...})`` made here would make them, from a template
    made once per process (the process id and name are the template's)."""

    def __init__(self) -> None:
        self.pid = -1
        self.template: dict = {}
        self.created = 0.0
        self.relative = 0.0

    def _make_template(self) -> None:
        call = RequestIdMiddleware.__call__.__code__
        record = access_log.makeRecord(
            access_log.name,
            logging.INFO,
            call.co_filename,
            call.co_firstlineno,
            "%s %s %s",
            (),
            None,
            call.co_name,
        )
        self.template = dict(record.__dict__)
        self.created, self.relative = record.created, record.relativeCreated
        self.pid = os.getpid()

    def record(
        self, method: str, path: str, status: int, duration_ms: float, rid: str
    ) -> logging.LogRecord:
        if self.pid != os.getpid():  # first use in this process (gunicorn forks)
            self._make_template()
        now = time.time()
        record = logging.LogRecord.__new__(logging.LogRecord)
        record.__dict__ = {
            **self.template,
            "args": (method, path, status),
            "created": now,
            "msecs": int((now - int(now)) * 1000) + 0.0,
            "relativeCreated": self.relative + (now - self.created) * 1000,
            "thread": threading.get_ident(),
            "threadName": threading.current_thread().name,
            "method": method,
            "path": path,
            "status": status,
            "duration_ms": duration_ms,
            "request_id": rid,  # what RequestIdFilter would add
        }
        return record


access_records = AccessRecords()

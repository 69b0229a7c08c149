"""A request id for every request, in its response and in every log line it causes.

The reverse proxy may send one in ``X-Request-ID`` (so its access log and ours
can be joined); a value that does not look like an id is replaced by a fresh
one rather than trusted. The id is echoed in the response's ``X-Request-ID``
and added to every log record made while the request is handled, through a
context variable (safe with gunicorn's threads).
"""

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
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
        rid = incoming_id(request.headers.get(HEADER))
        request.request_id = rid
        token = request_id.set(rid)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[HEADER] = rid
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)

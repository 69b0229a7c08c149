"""Error pages that must work when the rest of the site does not.

Django calls ``server_error`` (``handler500``) for any exception a view or a
middleware lets escape, while that exception is still being handled. When the
cause is the database being unreachable (PostgreSQL down, restarting, out of
connections), the reader gets a calm "back shortly" page with ``503`` and
``Retry-After`` instead of a generic error: load balancers and crawlers know
503 means "try again", not "this page is broken". Nothing on these pages
touches the database or needs a request context, and no stack trace is shown.
Once the database answers again the next request simply succeeds: Django opens
a fresh connection (``CONN_HEALTH_CHECKS`` drops the dead one), no restart.

The same goes for the rate-limit counters (``newsroom.caches``): a sign-in or
another rate-limited action that cannot be counted is refused with a 503 that
says so, rather than let through uncounted.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views.decorators.cache import never_cache

from newsroom.counters import CountersUnavailable

logger = logging.getLogger("newsroom.errors")

RETRY_AFTER_SECONDS = 30

# psycopg and sqlite3 report "cannot connect" and "connection lost" as these.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def caused_by(exc: BaseException | None, kinds: type | tuple[type, ...]) -> bool:
    while exc is not None:
        if isinstance(exc, kinds):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def database_unavailable(exc: BaseException | None) -> bool:
    return caused_by(exc, DATABASE_UNAVAILABLE)


@never_cache
def server_error(request: HttpRequest) -> HttpResponse:
    exc = sys.exc_info()[1]
    if database_unavailable(exc):
        logger.warning("Database unavailable: answering 503 for %s", request.path)
        return _unavailable("503.html")
    if caused_by(exc, CountersUnavailable):
        logger.warning("Rate-limit counters unavailable: answering 503 for %s", request.path)
        return _unavailable("503_rate_limits.html")
    return HttpResponse(_render("500.html", FALLBACK_500), status=500)


def _unavailable(template_name: str) -> HttpResponse:
    response = HttpResponse(_render(template_name, FALLBACK_503), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


FALLBACK_503 = "<!doctype html><title>Back in a moment</title><h1>Back in a moment</h1>"
FALLBACK_500 = "<!doctype html><title>Something went wrong</title><h1>Sorry</h1>"


def _render(template_name: str, fallback: str) -> str:
    # An error page must never fail itself (a missing static manifest entry,
    # a broken template): the plain fallback is better than nothing.
    try:
        return loader.render_to_string(template_name)
    except Exception:
        logger.exception("Could not render %s", template_name)
        return fallback

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
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views.decorators.cache import never_cache

logger = logging.getLogger("newsroom.errors")

RETRY_AFTER_SECONDS = 30

# psycopg and sqlite3 report "cannot connect" and "connection lost" as these.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, DATABASE_UNAVAILABLE):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


@never_cache
def server_error(request: HttpRequest) -> HttpResponse:
    if database_unavailable(sys.exc_info()[1]):
        logger.warning("Database unavailable: answering 503 for %s", request.path)
        response = HttpResponse(_render("503.html", FALLBACK_503), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(_render("500.html", FALLBACK_500), status=500)


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

"""The signed-in marker: which requests the page cache must leave alone.

A ``sessionid`` alone does not tell a signed-in reader: it outlives signing
out (and belongs to anyone who ever started signing in). The marker
(``SIGNED_IN_COOKIE``, not a secret) is set on the first response to a
signed-in request and deleted on the first one after signing out, so only a
signed-in reader skips the page cache (``articles.cache.middleware``).
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponseBase

SIGNED_IN_COOKIE = "signedin"


def is_anonymous_request(request: HttpRequest) -> bool:
    """Not signed in and no pending messages: the anonymous page is theirs."""
    return (
        request.method in ("GET", "HEAD")
        and not request.COOKIES.get(SIGNED_IN_COOKIE)
        and not request.COOKIES.get(CookieStorage.cookie_name)
    )


def has_session(request: HttpRequest) -> bool:
    return bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME))


def is_signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def sync_signed_in_marker(request: HttpRequest, response: HttpResponseBase) -> None:
    """Set the marker for a signed-in reader, delete it once they are not."""
    user = getattr(request, "user", None)
    if user is None:  # never reached authentication
        return
    marked = bool(request.COOKIES.get(SIGNED_IN_COOKIE))
    if user.is_authenticated and not marked:
        response.set_cookie(
            SIGNED_IN_COOKIE,
            "1",
            max_age=None
            if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
            else settings.SESSION_COOKIE_AGE,
            path=settings.SESSION_COOKIE_PATH,
            domain=settings.SESSION_COOKIE_DOMAIN,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite=settings.SESSION_COOKIE_SAMESITE,
        )
    elif marked and not user.is_authenticated:
        response.delete_cookie(
            SIGNED_IN_COOKIE,
            path=settings.SESSION_COOKIE_PATH,
            domain=settings.SESSION_COOKIE_DOMAIN,
            samesite=settings.SESSION_COOKIE_SAMESITE,
        )

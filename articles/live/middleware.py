"""``304 Not Modified`` for a poller that already has the live fragment.

Sits outside the page cache (``articles.cache.middleware``), so it answers
stored fragments too, which the view never sees. It only compares: a response
without an ``ETag`` (every page but the poll fragment) passes untouched.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase


class NotModifiedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        etag = response.get("ETag")
        if not etag:  # every response but the poll fragment's
            return response
        wanted = request.META.get("HTTP_IF_NONE_MATCH")  # no copy of every header
        if (
            wanted
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and etag in [tag.strip() for tag in wanted.split(",")]
        ):
            not_modified = HttpResponse(status=304)
            for name in ("ETag", "Cache-Control", "Vary", "X-Page-Cache"):
                if name in response:
                    not_modified[name] = response[name]
            return not_modified
        return response

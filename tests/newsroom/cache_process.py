"""One "gunicorn worker" for tests/newsroom/test_purge_across_processes.py:
a process of its own with the production cache backend on the test Redis,
serving a reader page through the real page cache middleware.

Usage: ``python -m tests.newsroom.cache_process LOCATION KEY_PREFIX MAX_AGE``;
then one command a line on stdin, one answer a line on stdout:
``get`` (answers the X-Page-Cache status and the page's text) and ``purge``
(what publishing the page does to its scope; answers ``purged``).
"""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
django.setup()

from django.conf import settings  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from articles.cache import generations  # noqa: E402
from articles.cache.middleware import PageCacheMiddleware  # noqa: E402

location, prefix, max_age = sys.argv[1:4]
settings.CACHES = {
    "default": {
        "BACKEND": "newsroom.caches.TieredRedisCache",
        "LOCATION": location,
        "KEY_PREFIX": prefix,
        "GENERATIONS_MAX_AGE": float(max_age),
    }
}
STORY = generations.page_scope(1)
renders = 0


def story(request):
    global renders
    renders += 1
    return generations.mark_public(HttpResponse(f"{os.getpid()}-render-{renders}"), STORY)


middleware = PageCacheMiddleware(story)
for line in sys.stdin:
    command = line.strip()
    if command == "get":
        response = middleware(RequestFactory().get("/world/harbour-talks/"))
        print(response["X-Page-Cache"], response.content.decode(), flush=True)
    elif command == "purge":
        generations.purge(STORY)
        print("purged", flush=True)

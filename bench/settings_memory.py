"""`make bench`'s second configuration: production settings with the cache in
per-process memory instead of Redis (each gunicorn worker its own cache).
Never a deployment's settings: production requires the shared Redis."""

from newsroom.settings.production import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }
}

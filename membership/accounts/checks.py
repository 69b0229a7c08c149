"""Deploy check: allauth's rate limits only hold when every process shares one cache."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.security, deploy=True)
def rate_limit_cache_is_shared(app_configs, **kwargs) -> list[Warning]:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Warning(
                "Sign-in rate limits are counted in a per-process cache, so each "
                "worker counts on its own and a dummy cache counts nothing.",
                hint="Set REDIS_URL so every process shares one cache.",
                id="membership.W001",
            )
        ]
    return []

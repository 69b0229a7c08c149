"""Liveness and readiness endpoints for load balancers and deploy scripts.

``/healthz`` answers as long as the process can serve a request; it never
touches the database, so a database outage does not get healthy app servers
restarted. ``/readyz`` answers 200 only when the database is reachable and
every migration is applied, so traffic is routed to a server only once it can
really serve it. Neither response may be cached by anything in between.

``/readyz`` also says whether the cache and the rate-limit counters (Redis,
``newsroom.caches``) answer, but only the database decides its status: with
the cache down pages render from the database, and with the counters down
only sign-in refuses (503); Redis is shared by every app server, so taking
them all out of the load balancer for it would turn a slower site into none.
The body then says ``"status": "degraded"`` and names what is down.
"""

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from newsroom.caches import TieredRedisCache

# Once every migration is applied it stays applied for the life of this
# process (a new release means new processes), so the migration graph is only
# loaded from disk until the first success.
_migrations_known_applied = False


def pending_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    executor = MigrationExecutor(connections[alias])
    targets = executor.loader.graph.leaf_nodes()
    return [
        f"{migration.app_label}.{migration.name}"
        for migration, _ in executor.migration_plan(targets)
    ]


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def redis_status() -> dict[str, str]:
    """``ok`` or ``unreachable`` for the cache and the counters in Redis;
    ``local`` for a per-process cache (no Redis configured)."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, TieredRedisCache):
        return {"cache": "local", "rate_limits": "local"}
    return {
        "cache": "ok" if backend.reachable() else "unreachable",
        "rate_limits": "ok" if backend.counters.reachable() else "unreachable",
    }


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    global _migrations_known_applied
    redis = redis_status()
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrations_known_applied:
            pending = pending_migrations()
            if pending:
                return JsonResponse(
                    {
                        "status": "unavailable",
                        "database": "ok",
                        "pending_migrations": len(pending),
                        **redis,
                    },
                    status=503,
                )
            _migrations_known_applied = True
    except DatabaseError:
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable", **redis}, status=503
        )
    status = "degraded" if "unreachable" in redis.values() else "ok"
    return JsonResponse({"status": status, "database": "ok", "migrations": "applied", **redis})

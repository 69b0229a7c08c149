"""Liveness and readiness endpoints for load balancers and deploy scripts.

``/healthz`` answers as long as the process can serve a request; it never
touches the database, so a database outage does not get healthy app servers
restarted. ``/readyz`` answers 200 only when the database is reachable and
every migration is applied, so traffic is routed to a server only once it can
really serve it. Neither response may be cached by anything in between.
"""

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

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


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    global _migrations_known_applied
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
                    },
                    status=503,
                )
            _migrations_known_applied = True
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "migrations": "applied"})

"""Child rows loaded with their parent, in the parent's own query.

A page that shows a few short lists of its own rows (an article's corrections
and tags) would run one query per list after the page's. ``json_rows`` makes
each list a column of the page's query instead: a correlated subquery that
gathers the child rows as one JSON list of objects (SQLite's
``json_group_array``, PostgreSQL's ``jsonb_agg``), and ``instances`` turns
the list back into model instances for display (they are not for saving).
"""

from datetime import UTC, datetime

from django.conf import settings
from django.db.models import (
    Aggregate,
    JSONField,
    Model,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import JSONObject


class JSONList(Aggregate):
    """The aggregated values as a JSON list (in no particular order)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)

    def as_mysql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_ARRAYAGG", **extra_context)


def json_rows(queryset: QuerySet, link: str, **fields: str) -> Subquery:
    """For the outer query's rows: the rows of ``queryset`` whose ``link``
    is the outer row, as a list of ``{name: value of the field path}``
    (NULL when there is none)."""
    rows = (
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(rows=JSONList(JSONObject(**fields)))
        .values("rows")
    )
    return Subquery(rows, output_field=JSONField())


def instances(model: type[Model], rows: list[dict] | None, order_by: str = "") -> list[Model]:
    """``model`` instances of ``json_rows``' objects (keys named for fields),
    ordered by the ``order_by`` field; date-times in JSON are text, read back
    as the database gave them (SQLite: UTC without an offset)."""
    found = []
    for row in rows or ():
        values = {}
        for name, value in row.items():
            field = model._meta.get_field(name)
            value = field.to_python(value)
            if isinstance(value, datetime) and value.tzinfo is None and settings.USE_TZ:
                value = value.replace(tzinfo=UTC)
            values[field.attname] = value
        found.append(model(**values))
    if order_by:
        found.sort(key=lambda instance: getattr(instance, order_by) or 0)
    return found


def loaded(instance: Model, name: str, model: type[Model], order_by: str = "") -> list | None:
    """The ``model`` instances of the ``json_rows`` annotation ``name`` the
    instance was loaded with, or None when it was loaded without it."""
    if name not in instance.__dict__:
        return None
    return instances(model, instance.__dict__[name], order_by)

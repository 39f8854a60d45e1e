"""The change log of the tables: what a cached answer (a list's count) is keyed by, so that it
is exact, never "about", and never outlives the data it was counted from.

Every table of the project's models (not the history tables) has a statement-level trigger
that appends one row to `unionhub_change` (the table's name, n = 1) for each INSERT, UPDATE,
DELETE or TRUNCATE statement. The version of a set of tables is the sum of their `n`: it grows
with every committed writing transaction, and it becomes visible exactly when that
transaction's data does (the row is written in the same transaction), so

  - a reader that takes the version first and then counts can only ever store a count at least
    as new as its key (a write that commits between the two makes the key old, not the count);
  - a rolled-back write leaves neither data nor change row behind.

A statement that changes no row counts too (a needless recount, never a stale answer): code
run on every read asks whether there is anything to write first (relief.services.notices_settle).
Appending (rather than updating one counter row) means writers never wait for each other, even
behind an import's long transaction. `compact()` (Celery beat, hourly) folds each table's rows
into one row of the same sum in one statement, so readers see the same version before and after.
Nothing is cached inside a transaction that may still roll back (a test's, or a view's own
atomic block): its own uncommitted change rows would make a key that a later, different state
could reach again.

The triggers are (re)installed after every migrate, on every table found from the models (as the
TRUNCATE guards of unionhub/core/truncate.py), so a new work area's tables need nothing.
"""

import functools
import hashlib
import re

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, Expression

TRIGGER = "unionhub_change_log"

SETUP_SQL = """
CREATE TABLE IF NOT EXISTS unionhub_change (
    id bigserial PRIMARY KEY,
    tbl text NOT NULL,
    n bigint NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS unionhub_change_tbl ON unionhub_change (tbl) INCLUDE (n);
CREATE OR REPLACE FUNCTION unionhub_log_change() RETURNS trigger AS $$
BEGIN
    INSERT INTO unionhub_change (tbl) VALUES (TG_TABLE_NAME);
    RETURN NULL;
END $$ LANGUAGE plpgsql;
"""

COMPACT_SQL = """
WITH gone AS (DELETE FROM unionhub_change RETURNING tbl, n),
folded AS (INSERT INTO unionhub_change (tbl, n) SELECT tbl, sum(n) FROM gone GROUP BY tbl)
SELECT count(*) FROM gone
"""

_TABLE = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"')


def logged_models() -> list:
    """Every concrete model with a table of its own, but pghistory's event tables (written with
    every change already: logging them would only double each write's cost)."""
    import pghistory.models

    out = []
    # include_auto_created: the many-to-many tables (a user's groups, say) are data too.
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or issubclass(model, pghistory.models.Event):
            continue
        out.append(model)
    return out


@functools.cache
def logged_tables() -> frozenset[str]:
    return frozenset(m._meta.db_table for m in logged_models())


def install_change_log(using: str = "default", **kwargs) -> list[str]:
    """Create the change table and (re)create the trigger on every logged table."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    tables = sorted(logged_tables() & existing)
    with connection.cursor() as cur:
        cur.execute(SETUP_SQL)
        for table in tables:
            name = connection.ops.quote_name(table)
            cur.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {name}")
            cur.execute(
                f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {name} "
                "FOR EACH STATEMENT EXECUTE FUNCTION unionhub_log_change()"
            )
    return tables


def tables_in(sql: str) -> list[str]:
    """The tables a query reads (FROM and JOIN, subqueries included), from its SQL."""
    return sorted(set(_TABLE.findall(sql)))


def version(tables, using: str = "default") -> int | None:
    """The version of `tables` (see the module's docstring), or None when no cached answer may be
    kept: inside an atomic block, or before the change log is installed."""
    connection = connections[using]
    if connection.in_atomic_block:
        return None
    with connection.cursor() as cur:
        try:
            cur.execute("SELECT COALESCE(sum(n), 0) FROM unionhub_change WHERE tbl = ANY(%s)", [list(tables)])
        except Exception:  # noqa: BLE001 (no change table yet: nothing is cached)
            return None
        return int(cur.fetchone()[0])


KEPT_SECONDS = 3600


def queryset_key(prefix: str, queryset) -> str | None:
    """A cache key for what `queryset` gives: its SQL with the parameters (so the subtree and
    every filter) and the version of the tables it reads; None when nothing may be kept."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a query that can find nothing: answered without the database
        return None
    tables_version = version(tables_in(sql), using=queryset.db)
    if tables_version is None:
        return None
    digest = hashlib.sha256(repr((queryset.db, sql, params, tables_version)).encode()).hexdigest()
    return f"{prefix}:{digest}"


def remembered(prefix: str, queryset, compute):
    """compute(queryset), kept until a table the queryset reads changes (see the module's
    docstring); a result must be picklable and must come from the queryset alone."""
    key = queryset_key(prefix, queryset)
    result = cache.get(key) if key else None
    if result is None:
        result = compute(queryset)
        if key:
            cache.set(key, result, KEPT_SECONDS)
    return result


class RowVersion(Expression):
    """The version of one result row: the xmin (the writing transaction) of every table row it is
    made of, the joined ones included. Any committed change of one of those rows changes it; a row
    joined in or out changes the list of them. Compiled last (after select_related's joins), so
    it sees every table of the query."""

    output_field = CharField()

    def as_sql(self, compiler, connection):
        qn = compiler.quote_name
        aliases = [a for a in compiler.query.alias_map if compiler.query.alias_refcount.get(a, 1)]
        parts = ", ".join(f"COALESCE({qn(a)}.xmin::text, '-')" for a in aliases)
        return f"concat_ws(':', {parts})", []


def versioned_rows(queryset):
    """`queryset` with each row's RowVersion as `row_version`, or None where a version of the rows
    would change what they are (grouping, DISTINCT) or there is no query."""
    query = getattr(queryset, "query", None)
    if query is None or query.is_sliced or query.distinct or query.group_by is not None or query.combinator:
        return None
    if query.values_select or any(
        getattr(a, "contains_aggregate", False) for a in query.annotations.values()
    ):
        return None
    return queryset.annotate(row_version=RowVersion())


def compact(using: str = "default") -> int:
    """Fold the change rows into one a table (same sums); returns how many rows were folded."""
    with connections[using].cursor() as cur:
        cur.execute(COMPACT_SQL)
        return cur.fetchone()[0]

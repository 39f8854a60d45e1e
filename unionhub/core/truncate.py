"""TRUNCATE is refused on the tables whose rows are never deleted: money, hardship files and their
attachments, legal cases, relief programs, the append-only logs, and every history table.

pgtrigger's Protect triggers refuse DELETE, but a TRUNCATE fires no row trigger, so it would
empty a table (and its history, inside a transaction) without a trace. A statement-level
BEFORE TRUNCATE trigger on each of these tables refuses it; `TRUNCATE ... CASCADE` reaching one of
them is refused too. The triggers are (re)installed after every migrate, on every table found
from the models (nothing to remember for a new history table), like the roles.

The one way through is `manage.py flush` where settings.ALLOW_FLUSH is on (development and the
test runner, which empties the database between transactional tests; off in production).
"""

import contextlib

from django.apps import apps
from django.db import connections

TRIGGER = "unionhub_no_truncate"

FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION unionhub_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF COALESCE(current_setting('unionhub.allow_truncate', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'TRUNCATE of % is refused: its rows are never deleted', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$ LANGUAGE plpgsql;
"""


def _never_deleted(model) -> bool:
    import pgtrigger

    for trigger in getattr(model._meta, "triggers", []):
        if isinstance(trigger, pgtrigger.Protect) and "DELETE" in str(trigger.operation).upper():
            return True
    return False


def protected_models() -> list:
    """History tables (pghistory's event models), the models they track, the models whose rows
    a trigger keeps from deletion, and models declaring TRUNCATE_PROTECTED (append-only logs)."""
    import pghistory.models

    out = []
    tracked = set()
    for model in apps.get_models():
        if issubclass(model, pghistory.models.Event) and not model._meta.abstract:
            out.append(model)
            target = getattr(model, "pgh_tracked_model", None)
            if target is not None:
                tracked.add(target)
    for model in apps.get_models():
        if model in tracked or _never_deleted(model) or getattr(model, "TRUNCATE_PROTECTED", False):
            out.append(model)
    seen, unique = set(), []
    for model in out:
        if model._meta.db_table not in seen and not model._meta.proxy:
            seen.add(model._meta.db_table)
            unique.append(model)
    return unique


def install_truncate_guards(using: str = "default", **kwargs) -> list[str]:
    """Create (or replace) the BEFORE TRUNCATE trigger on every protected table."""
    connection = connections[using]
    tables = [m._meta.db_table for m in protected_models()]
    existing = set(connection.introspection.table_names())
    done = []
    with connection.cursor() as cur:
        cur.execute(FUNCTION_SQL)
        for table in tables:
            if table not in existing:
                continue
            name = connection.ops.quote_name(table)
            cur.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {name}")
            cur.execute(
                f"CREATE TRIGGER {TRIGGER} BEFORE TRUNCATE ON {name} "
                "FOR EACH STATEMENT EXECUTE FUNCTION unionhub_refuse_truncate()"
            )
            done.append(table)
    return done


@contextlib.contextmanager
def truncation_allowed(using: str = "default"):
    """Let this session truncate (manage.py flush only)."""
    connection = connections[using]
    with connection.cursor() as cur:
        cur.execute("SET unionhub.allow_truncate = 'on'")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            cur.execute("RESET unionhub.allow_truncate")

"""Reads that may go to a streaming read replica (DATABASE_REPLICA_URL), and the router behind them.

Only code that asks for it reads from the replica: `with replica_reads(): ...` around the report
figures, the dashboard and exports. Everything else, and every write, stays on the primary.

A replica lags behind its primary, and a user who has just saved a record and asks for a report
must see that record. So a replica read is consistent by construction, not by a time guess: on
entering the block we ask the primary for its current WAL position (`pg_current_wal_lsn()`, one
tiny query) and use the replica only once it has replayed up to that point, waiting at most
`REPLICA_MAX_WAIT` seconds; a replica that is further behind, or down, is skipped and the block
reads from the primary. Everything committed before the block started is therefore visible in it.
"""

import contextlib
import contextvars
import logging
import time

from django.conf import settings
from django.db import DatabaseError, connections

REPLICA = "replica"
log = logging.getLogger(__name__)

_reading: contextvars.ContextVar[str | None] = contextvars.ContextVar("unionhub_replica", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def current_read_alias() -> str:
    """The alias reads go to right now ("default" outside a replica block)."""
    return _reading.get() or "default"


def _replica_caught_up(target_lsn: str, max_wait: float) -> bool:
    deadline = time.monotonic() + max_wait
    while True:
        with connections[REPLICA].cursor() as cur:
            cur.execute(
                "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() IS NOT NULL"
                " AND pg_last_wal_replay_lsn() >= %s::pg_lsn",
                [target_lsn],
            )
            in_recovery, caught_up = cur.fetchone()
        if caught_up or not in_recovery:
            # not in recovery: a promoted replica is a primary of its own; nothing to wait for
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


@contextlib.contextmanager
def replica_reads(max_wait: float | None = None):
    """Route the reads of this block to the replica when it has caught up with the primary."""
    if not replica_configured() or connections["default"].in_atomic_block or _reading.get():
        yield current_read_alias()
        return
    wait = settings.REPLICA_MAX_WAIT if max_wait is None else max_wait
    alias = "default"
    try:
        with connections["default"].cursor() as cur:
            cur.execute("SELECT pg_current_wal_lsn()::text")
            target = cur.fetchone()[0]
        if _replica_caught_up(target, wait):
            alias = REPLICA
        else:
            log.info("read replica is behind the primary by more than %ss: reading the primary", wait)
    except DatabaseError as exc:
        log.warning("read replica unavailable (%s): reading the primary", exc.__class__.__name__)
        connections[REPLICA].close()
    token = _reading.set(alias)
    try:
        yield alias
    finally:
        _reading.reset(token)


class ReplicaRouter:
    """Reads inside `replica_reads()` go to the replica; writes, migrations and anything read
    for an update (`select_for_update`, `get_or_create`: Django asks db_for_write) never do."""

    def db_for_read(self, model, **hints):
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db
        alias = _reading.get()
        if alias == REPLICA and not connections["default"].in_atomic_block:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is the same database, a copy of the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"

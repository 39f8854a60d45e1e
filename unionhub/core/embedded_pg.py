"""The embedded PostgreSQL of the default set-up (pgserver), kept in var/.

pgserver starts the server on first use and reuses it from every later process (web, worker,
manage.py); it listens on a Unix socket inside the data directory only.
"""

import logging
import os
import time
import warnings
from pathlib import Path
from urllib.parse import quote

DB_NAME = "unionhub"


def embedded_database_url(pgdata: Path) -> str:
    pgdata.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(pgdata.parent))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        logging.getLogger("pgserver").setLevel(logging.WARNING)
        _wait_while_stopping(pgdata)
        server = pgserver.get_server(pgdata, cleanup_mode=None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}';")  # noqa: S608 (a constant)
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DB_NAME};")
    return f"postgresql://postgres@{quote(str(pgdata), safe='')}/{DB_NAME}"


def _wait_while_stopping(pgdata: Path, timeout: float = 30.0) -> None:
    """Wait while a previous server on `pgdata` is still shutting down (Ctrl-C on `make run`, then
    `make run` again): pgserver takes a running postmaster as the server and refuses one whose
    status is not "ready", instead of waiting for it to stop and starting a new one."""
    from pgserver.utils import PostmasterInfo

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = PostmasterInfo.read_from_pgdata(pgdata)
        if info is None or not info.is_running() or info.status == "ready":
            return
        time.sleep(0.2)

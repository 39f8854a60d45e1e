"""The embedded PostgreSQL of the default set-up (pgserver), kept in var/.

pgserver starts the server on first use and reuses it from every later process (web, worker,
manage.py); it listens on a Unix socket inside the data directory only.
"""

import logging
import os
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
        server = pgserver.get_server(pgdata, cleanup_mode=None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}';")  # noqa: S608 (a constant)
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DB_NAME};")
    return f"postgresql://postgres@{quote(str(pgdata), safe='')}/{DB_NAME}"

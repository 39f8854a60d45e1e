"""A PostgreSQL primary and a streaming replica on loopback, made with the binaries pgserver
ships (initdb, pg_ctl, pg_basebackup), so no system PostgreSQL is needed. As root the servers
run as pgserver's own system user, which PostgreSQL requires."""

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg

from .conftest import free_port


def pg_bin(name: str) -> str:
    from pgserver._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / name)


def _as_server_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    from pgserver._commands import POSTGRES_BIN_PATH
    from pgserver.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

    ensure_user_exists("pgserver")
    ensure_prefix_permissions(POSTGRES_BIN_PATH)
    ensure_folder_permissions(POSTGRES_BIN_PATH, 0o055)
    ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", 0o044)
    return ["runuser", "-u", "pgserver", "--"]


@dataclass
class Server:
    data: Path
    port: int

    def url(self, db: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{db}"

    def log_text(self) -> str:
        return (self.data / "server.log").read_text(errors="replace")

    def sql(self, query: str, db: str = "postgres"):
        with psycopg.connect(self.url(db), autocommit=True) as conn:
            cur = conn.execute(query)
            return cur.fetchall() if cur.description else None


class PrimaryAndReplica:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="uh-pgpair-"))
        self.run_as = _as_server_user()
        if self.run_as:
            shutil.chown(self.root, "pgserver", "pgserver")
        self.primary = Server(self.root / "primary", free_port())
        self.replica = Server(self.root / "replica", free_port())

    def _run(self, *args: str) -> None:
        subprocess.run([*self.run_as, *args], check=True, capture_output=True, cwd=self.root)

    def _configure(self, server: Server, extra: str = "") -> None:
        conf = (
            f"\nport = {server.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{server.data}'\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            "log_statement = 'all'\nlog_line_prefix = '%m [%p] '\n" + extra
        )
        self._run("sh", "-c", f"cat >> '{server.data}/postgresql.conf' <<'EOF'\n{conf}\nEOF")

    def start(self) -> "PrimaryAndReplica":
        p, r = self.primary, self.replica
        self._run(
            pg_bin("initdb"), "-D", str(p.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8", "-N"
        )
        self._configure(p, "wal_level = replica\nmax_wal_senders = 4\n")
        self.start_server(p)
        self._run(
            pg_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(p.port), "-U", "postgres",
            "-D", str(r.data), "-R", "-X", "stream", "-c", "fast",
        )  # fmt: skip
        self._configure(r, "hot_standby = on\n")
        self._run("rm", "-f", str(r.data / "server.log"))
        self.start_server(r)
        return self

    def start_server(self, server: Server) -> None:
        self._run(
            pg_bin("pg_ctl"), "-D", str(server.data), "-l", str(server.data / "server.log"), "-w", "start"
        )

    def stop_server(self, server: Server, mode: str = "fast") -> None:
        self._run(pg_bin("pg_ctl"), "-D", str(server.data), "-m", mode, "-w", "stop")

    def stop(self) -> None:
        for server in (self.replica, self.primary):
            if (server.data / "postmaster.pid").exists():
                try:
                    self.stop_server(server, "immediate")
                except subprocess.CalledProcessError:
                    pass  # already gone: the folder goes anyway
        shutil.rmtree(self.root, ignore_errors=True)

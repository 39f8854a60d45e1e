"""Many nodes: two web processes (gunicorn) and two Celery workers, each in a working directory of
its own (no shared disk), with a shared PostgreSQL, Redis and object store, plus Celery beat.

Driven over HTTP as a user would: an import uploaded through one web node is checked and written
by a worker and confirmed through the other node; a report asked on one node is made by a worker
and downloaded through the other; a worker killed (its whole process group) in the middle of a
large import loses nothing: its transaction is rolled back, beat requeues the job once its lease
has run out, and the other worker writes every row exactly once.

Needs REDIS_URL and DATABASE_URL (a server: a fresh database is made on it); `.ci/run` sets both.
"""

import datetime
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from unionhub.people.idnumbers import make_id_number

from .conftest import free_port, wait_for_port

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "Cluster-check-2026"
LEASE = 10
ROWS = 60_000

pytestmark = pytest.mark.skipif(
    not (os.getenv("REDIS_URL") and os.getenv("DATABASE_URL")),
    reason="the two-node check needs a PostgreSQL server (DATABASE_URL) and Redis (REDIS_URL)",
)


def _other_redis_db(url: str) -> str:
    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(db + 1) % 16}"))


def _with_db(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _id_numbers(n: int, offset: int = 0):
    start = datetime.date(1970, 1, 1)
    for i in range(offset, offset + n):
        yield make_id_number(birth=start + datetime.timedelta(days=i // 900), seq=i % 900 + 100)


class Cluster:
    def __init__(self, root: Path, storage_url: str):
        self.root = root
        self.db_name = f"uh_cluster_{uuid.uuid4().hex[:8]}"
        self.server_url = os.environ["DATABASE_URL"]
        self.env = {
            k: v for k, v in os.environ.items() if k not in ("DATABASE_REPLICA_URL", "TEST_DATABASE_NAME")
        }
        self.env.update(
            DATABASE_URL=_with_db(self.server_url, self.db_name),
            REDIS_URL=_other_redis_db(os.environ["REDIS_URL"]),
            STORAGE_URL=storage_url,
            JOB_LEASE_SECONDS=str(LEASE),
            JOB_REQUEUE_SECONDS="2",
            PYTHONPATH=str(REPO),
            DJANGO_SETTINGS_MODULE="unionhub.settings",
            AXES_ENABLED="False",
            DB_CONN_MAX_AGE="0",
        )
        self.procs: dict[str, subprocess.Popen] = {}
        self.webs: dict[str, str] = {}

    def node_env(self, name: str) -> dict:
        home = self.root / name
        home.mkdir(exist_ok=True)
        return dict(self.env, UNIONHUB_VAR=str(home / "var"), MEDIA_ROOT=str(home / "media"))

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, str(REPO / "manage.py"), *args],
            cwd=self.root,
            env=self.node_env("admin"),
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, f"manage.py {args}: {done.stdout}\n{done.stderr}"
        return done.stdout

    def sql(self, query: str, params=()):
        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as conn:
            return conn.execute(query, params).fetchall()

    def create(self) -> None:
        with psycopg.connect(self.server_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.db_name}"')
        self.manage("migrate", "--no-input")
        orgs = self.root / "orgs.csv"
        orgs.write_text(
            "组织代码,组织名称,上级组织代码,组织类型\nLZ,柳州市总工会,,市总工会\nLZ-CZ,城中区总工会,LZ,县区总工会\n",
            encoding="utf-8",
        )
        self.manage("import_data", "orgs", str(orgs))
        self.manage(
            "shell",
            "-c",
            "from django.contrib.auth.models import Group; from unionhub.orgs.models import Organization, User;"
            f"u = User.objects.create_user(username='cityadmin', password='{PASSWORD}',"
            " organization=Organization.objects.get(code='LZ'));"
            "u.groups.add(*Group.objects.filter(name__in=['工作人员', '领导', '管理员']))",
        )

    def start(self, name: str, argv: list[str]) -> subprocess.Popen:
        log = (self.root / name).with_suffix(".log")
        home = self.root / name
        home.mkdir(exist_ok=True)
        with log.open("ab") as out:  # the child keeps its own copy of the descriptor
            proc = subprocess.Popen(
                argv,
                cwd=home,
                env=self.node_env(name),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: a kill takes the whole worker
            )
        self.procs[name] = proc
        return proc

    def start_web(self, name: str) -> None:
        port = free_port()
        proc = self.start(
            name,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "unionhub.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "1",
                "--timeout",
                "120",
            ],
        )
        wait_for_port(port, proc, 60)
        self.webs[name] = f"http://127.0.0.1:{port}"

    def start_worker(self, name: str) -> None:
        self.start(
            name,
            [sys.executable, "-m", "celery", "-A", "unionhub", "worker", "-n", f"{name}@%h",
             "--concurrency", "1", "-l", "info", "--without-gossip", "--without-mingle"],
        )  # fmt: skip
        self.wait_log(name, "ready", 90)

    def log(self, name: str) -> str:
        return (self.root / name).with_suffix(".log").read_text(errors="replace")

    def wait_log(self, name: str, text: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while text not in self.log(name):
            assert self.procs[name].poll() is None, f"{name} exited:\n{self.log(name)[-3000:]}"
            assert time.monotonic() < deadline, (
                f"{name}: no {text!r} after {seconds}s:\n{self.log(name)[-3000:]}"
            )
            time.sleep(0.2)

    def worker_writing(self, seconds: float = 60) -> str:
        """The worker whose process holds the database session that is writing (an open
        transaction), found from pg_stat_activity's client port and the worker's process group."""
        import psutil

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ports = {
                port
                for (port,) in self.sql(
                    "SELECT client_port FROM pg_stat_activity WHERE datname = current_database()"
                    " AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND client_port IS NOT NULL"
                )
            }
            for conn in psutil.net_connections(kind="tcp"):
                if conn.laddr and conn.laddr.port in ports and conn.pid:
                    group = os.getpgid(conn.pid)
                    for name, proc in self.procs.items():
                        if name.startswith("worker") and proc.pid == group:
                            return name
            time.sleep(0.2)
        raise AssertionError("no worker holds an open transaction")

    def kill(self, name: str) -> None:
        os.killpg(self.procs[name].pid, signal.SIGKILL)
        self.procs[name].wait(10)

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        with psycopg.connect(self.server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')


class Browser:
    """A user's session against one web node after another (the session lives in the database)."""

    def __init__(self):
        import requests

        self.http = requests.Session()

    def login(self, base: str) -> None:
        self.http.get(f"{base}/accounts/login/").raise_for_status()
        r = self.post(base, "/accounts/login/", {"username": "cityadmin", "password": PASSWORD})
        assert r.url.rstrip("/") == base or "/accounts/login/" not in r.url, r.text[:500]

    def post(self, base: str, path: str, data=None, files=None):
        token = self.http.cookies.get("csrftoken")
        r = self.http.post(
            f"{base}{path}",
            data={**(data or {}), "csrfmiddlewaretoken": token},
            files=files,
            headers={"Referer": base},
        )
        r.raise_for_status()
        return r

    def get(self, base: str, path: str):
        r = self.http.get(f"{base}{path}")
        r.raise_for_status()
        return r


def _wait(cluster: Cluster, query: str, params, expected: set, seconds: float):
    deadline = time.monotonic() + seconds
    while True:
        rows = cluster.sql(query, params)
        value = rows[0][0] if rows else None
        if value in expected:
            return value
        assert time.monotonic() < deadline, f"{query} is {value!r}, not one of {expected} after {seconds}s"
        time.sleep(0.3)


def _succeeded(log: str) -> int:
    return len(re.findall(r"run_job\[[^\]]+\] succeeded", log))


@pytest.fixture(scope="module")
def cluster(object_store, tmp_path_factory):
    c = Cluster(tmp_path_factory.mktemp("cluster"), object_store)
    try:
        c.create()
        c.start_web("web-a")
        c.start_web("web-b")
        c.start_worker("worker-1")
        c.start_worker("worker-2")
        c.start("beat", [sys.executable, "-m", "celery", "-A", "unionhub", "beat", "-l", "info",
                         "-s", str(c.root / "beat" / "schedule")])  # fmt: skip
        yield c
    finally:
        c.stop()


def _upload_members(cluster: Cluster, browser: Browser, base: str, rows: int, offset: int = 0) -> str:
    header = "姓名,身份证号,手机号,工作单位统一社会信用代码,所属工会组织代码,重点群体,是否农民工,入会日期,会员状态\n"
    lines = "".join(
        f"会员{i},{id_number},,,LZ-CZ,,否,2018-04-15,\n"
        for i, id_number in enumerate(_id_numbers(rows, offset))
    )
    name = f"members-{rows}.csv"
    browser.post(base, "/imports/upload/members/", files={"file": (name, (header + lines).encode("utf-8"))})
    return cluster.sql("SELECT id::text FROM imports_importbatch WHERE filename = %s", (name,))[0][0]


def test_an_import_and_a_report_cross_the_nodes(cluster):
    a, b = cluster.webs["web-a"], cluster.webs["web-b"]
    browser = Browser()
    browser.login(a)
    batch = _upload_members(cluster, browser, a, 200, offset=ROWS)
    batch_state = "SELECT state FROM imports_importbatch WHERE id = %s"
    assert _wait(cluster, batch_state, (batch,), {"preview", "invalid", "failed"}, 120) == "preview"
    page = browser.get(b, f"/imports/batches/{batch}/")  # the other node shows the preview
    assert "200" in page.text
    browser.post(b, f"/imports/batches/{batch}/confirm/")
    assert _wait(cluster, batch_state, (batch,), {"imported", "failed"}, 120) == "imported"
    assert cluster.sql("SELECT count(*) FROM members_member")[0][0] == 200

    before = {w: _succeeded(cluster.log(w)) for w in ("worker-1", "worker-2")}
    browser.post(b, "/reports/annual/", {"org": "LZ", "year": "2018", "as_of": "2018-10-31"})
    report = cluster.sql("SELECT id::text FROM reports_report ORDER BY created_at DESC LIMIT 1")[0][0]
    _wait(cluster, "SELECT pdf <> '' FROM reports_report WHERE id = %s", (report,), {True}, 180)
    deadline = time.monotonic() + 60  # the worker logs "succeeded" once the job has returned
    while not [w for w in before if _succeeded(cluster.log(w)) > before[w]]:
        assert time.monotonic() < deadline, "no worker says it made the report"
        time.sleep(0.5)
    pdf = browser.get(a, f"/reports/annual/{report}/pdf/")  # downloaded through the other node
    assert pdf.content.startswith(b"%PDF")
    for node in ("web-a", "web-b", "worker-1", "worker-2"):
        media = cluster.root / node / "media"
        assert not media.exists() or not any(media.rglob("*")), f"{node} wrote a file to its own disk"


def test_a_worker_killed_during_an_import_loses_nothing(cluster):
    a, b = cluster.webs["web-a"], cluster.webs["web-b"]
    browser = Browser()
    browser.login(b)
    before = cluster.sql("SELECT count(*) FROM members_member")[0][0]
    batch = _upload_members(cluster, browser, b, ROWS)
    batch_state = "SELECT state FROM imports_importbatch WHERE id = %s"
    assert _wait(cluster, batch_state, (batch,), {"preview", "invalid", "failed"}, 300) == "preview"
    browser.post(a, f"/imports/batches/{batch}/confirm/")
    job = "SELECT j.state FROM jobs_job j JOIN imports_importbatch b ON b.job_id = j.id WHERE b.id = %s"
    assert _wait(cluster, job, (batch,), {"running", "done"}, 60) == "running", (
        "the import ended before the kill"
    )
    cluster.kill(cluster.worker_writing())
    # Its transaction died with it: nothing half written.
    assert cluster.sql("SELECT count(*) FROM members_member")[0][0] == before
    # The lease runs out, beat sends the job again, the other worker writes every row once.
    assert _wait(cluster, batch_state, (batch,), {"imported", "failed"}, 400) == "imported"
    assert cluster.sql("SELECT count(*) FROM members_member")[0][0] == before + ROWS
    assert cluster.sql("SELECT attempts FROM jobs_job j JOIN imports_importbatch b ON b.job_id = j.id WHERE b.id = %s",
                       (batch,))[0][0] >= 2  # fmt: skip


def _table_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [t for (t,) in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def test_a_backup_restores_every_record_and_its_history(cluster):
    """The backup of docs/deployment.md, restored once: pg_dump of the live database (web and
    workers still running), pg_restore into an empty one, every table with the same rows."""
    import shutil

    from .pgpair import pg_bin

    dump_bin = shutil.which("pg_dump") or pg_bin("pg_dump")
    restore_bin = shutil.which("pg_restore") or pg_bin("pg_restore")
    dump = cluster.root / "backup.dump"
    subprocess.run(
        [dump_bin, "-Fc", "-f", str(dump), cluster.env["DATABASE_URL"]], check=True, capture_output=True
    )
    target = f"{cluster.db_name}_restored"
    with psycopg.connect(cluster.server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{target}"')
    try:
        restored_url = _with_db(cluster.server_url, target)
        subprocess.run(
            [restore_bin, "--no-owner", "-d", restored_url, str(dump)], check=True, capture_output=True
        )
        original, restored = _table_counts(cluster.env["DATABASE_URL"]), _table_counts(restored_url)
        assert restored == original
        assert original["members_member"] >= ROWS and any(t.endswith("event") for t in original)
    finally:
        with psycopg.connect(cluster.server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')

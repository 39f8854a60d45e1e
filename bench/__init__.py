"""UnionHub's benchmarks, run by `make bench` (`python -m bench`).

A benchmark is a function registered with `@benchmark(name, title)` in any module of this
package; it receives a `Context` (how many runs, `--full`, the work directory, databases) and
returns a `Section`: a table of figures that `python -m bench` writes into docs/benchmarks.md
between markers of its own, so running one benchmark keeps the others' figures.

    from bench import Section, benchmark

    @benchmark("member_list", "Member list", order=20)
    def member_list(ctx):
        ...
        return Section(columns=["what", "p95 ms"], rows=[{"what": "first page", "p95 ms": "42"}])

Figures are medians of `ctx.runs` runs; they are benchmark results, never test assertions.
"""

import contextlib
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Section:
    columns: list[str]
    rows: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Benchmark:
    name: str
    title: str
    fn: Callable
    order: int = 100


_benchmarks: dict[str, Benchmark] = {}


def benchmark(name: str, title: str, order: int = 100):
    def register(fn):
        _benchmarks[name] = Benchmark(name, title, fn, order)
        return fn

    return register


def all_benchmarks() -> list[Benchmark]:
    return sorted(_benchmarks.values(), key=lambda b: (b.order, b.name))


@dataclass
class Context:
    database_url: str  # the project's database (seeded data lives there)
    runs: int = 3
    full: bool = False
    keep: bool = False
    rows: list[int] | None = None  # --rows: sizes instead of a benchmark's own (quick checks)
    workdir: Path = ROOT / "var" / "bench"
    log: Callable[[str], None] = print

    def env(self, **overrides) -> dict:
        """The environment of a manage.py subprocess: production-like settings."""
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "DJANGO_SETTINGS_MODULE": "unionhub.settings",
            "DEBUG": "False",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-not-secret"),
            "SECURE_SSL_REDIRECT": "False",
        }
        env.update(overrides)
        return env

    @contextlib.contextmanager
    def scratch_database(self, suffix: str):
        """A fresh, migrated database beside the project's one (dropped afterwards unless
        --keep), for benchmarks that write: they never touch real or seeded data."""
        url = with_database(self.database_url, f"{database_name(self.database_url)}_bench_{suffix}")
        name = database_name(url)
        admin_url = with_database(self.database_url, "postgres")
        _execute(admin_url, f'DROP DATABASE IF EXISTS "{name}"')
        _execute(admin_url, f'CREATE DATABASE "{name}"')
        self.log(f"  migrating scratch database {name}")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
            cwd=ROOT,
            env=self.env(DATABASE_URL=url),
            check=True,
        )
        try:
            yield url
        finally:
            if not self.keep:
                _execute(admin_url, f'DROP DATABASE IF EXISTS "{name}"')


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _execute(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


@dataclass
class ProcessRun:
    seconds: float  # wall time of the whole process
    max_rss_mb: float  # peak resident memory of the process
    stdout: str


def measure_process(cmd: list[str], env: dict) -> ProcessRun:
    """Run `cmd` and read its own peak RSS from the kernel (wait4's rusage, Linux: KiB)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err.decode()[-3000:]}")
    return ProcessRun(seconds, usage.ru_maxrss / 1024, out.decode())


def median(values) -> float:
    return statistics.median(values)


def fmt_int(n) -> str:
    return f"{int(round(n)):,}"


def fmt_float(x, digits=2) -> str:
    return f"{x:,.{digits}f}"

"""What the city-scale benchmarks (pages, report, load) share: the seeded database they read,
the subprocess that measures inside Django, and the comparison of a figure with its target of
quality.md. Not a benchmark itself (the leading underscore keeps `python -m bench` from
registering anything here)."""

import json
import subprocess
import sys

from . import ROOT, measure_process

SEED_MEMBERS = 1_000_000


def member_count(url: str) -> int:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM members_member").fetchone()[0]


def bench_users(url: str) -> int:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(
            "SELECT count(*) FROM orgs_user WHERE username IN ('bench_city', 'bench_cz')"
        ).fetchone()[0]


def ensure_seeded(ctx) -> int:
    """The members of the project's database; seeds a city (seed_bench) when it has none, so
    `make bench` on a fresh database measures the pages at full scale."""
    n = member_count(ctx.database_url)
    if n and bench_users(ctx.database_url) < 2:
        sys.exit(
            "this database holds members but not seed_bench's users (bench_city, bench_cz): "
            "run `python manage.py seed_bench --reset` on a benchmark database first"
        )
    if n == 0:
        members = min(ctx.rows) if ctx.rows else SEED_MEMBERS
        ctx.log(f"  the database has no members: seed_bench --members {members} (a few minutes)")
        subprocess.run(
            [sys.executable, "manage.py", "seed_bench", "--members", str(members)],
            cwd=ROOT,
            env=ctx.env(),
            check=True,
        )
        n = member_count(ctx.database_url)
    return n


_static_ready = False


def collect_static(ctx) -> None:
    """Production settings serve static files from the manifest (WhiteNoise): collect them once."""
    global _static_ready
    if not _static_ready:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=ctx.env(),
            check=True,
        )
        _static_ready = True


def run_django(ctx, module: str, *args, **env) -> dict:
    """`python -m bench.<module> ARGS` in production-like settings; its stdout is one JSON."""
    collect_static(ctx)
    run = measure_process(
        [sys.executable, "-m", f"bench.{module}", *map(str, args)],
        ctx.env(
            ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
            MEDIA_ROOT=str(ctx.workdir / "media"),
            CELERY_TASK_ALWAYS_EAGER="True",
            LOG_LEVEL="WARNING",
            **env,
        ),
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


def verdict(value: float, target: float, unit: str = "ms", higher_is_better: bool = False) -> str:
    """ "met", or by how much the figure misses its target ("missed (over by 33 ms, 11%)")."""
    if (value >= target) if higher_is_better else (value <= target):
        return "met"
    gap = (target - value) if higher_is_better else (value - target)
    pct = gap / target * 100
    word = "short by" if higher_is_better else "over by"
    return f"missed ({word} {gap:,.{0 if gap >= 10 else 1}f} {unit}, {pct:.{0 if pct >= 10 else 1}f}%)"


def ms(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


def load_average() -> str:
    with open("/proc/loadavg", encoding="utf-8") as f:
        return f.read().split()[0]


def run_on_city(ctx, module: str, *args) -> tuple[int, dict, str, str]:
    """`module` (run_django) on the seeded city: (members, its result, the load average before,
    the load average after)."""
    members = ensure_seeded(ctx)
    before = load_average()
    result = run_django(ctx, module, *args)
    return members, result, before, load_average()


def save_results(ctx, name: str, data) -> None:
    """Keep a benchmark's raw figures (var/bench/results/NAME.json) for the targets summary."""
    import datetime

    path = ctx.workdir / "results" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(
            {"date": f"{datetime.datetime.now().astimezone():%Y-%m-%d}", "data": data}, ensure_ascii=False
        ),
        encoding="utf-8",
    )


def load_results(ctx, name: str) -> dict | None:
    path = ctx.workdir / "results" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

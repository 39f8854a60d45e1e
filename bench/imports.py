"""Import of members (the `members` kind) from CSV and XLSX, beside a raw PostgreSQL COPY of
the same rows: rows per second and the peak memory of the importing process."""

import json
import sys
import time

from . import Section, benchmark, fmt_float, fmt_int, measure_process, median
from .members_data import MEMBER_HEADER, member_files

SIZES = (100_000,)
FULL_SIZES = (100_000, 1_000_000)
COLUMNS = [
    "file",
    "rows",
    "runs",
    "median import time (s)",
    "of which Python CPU (s)",
    "rows/s",
    "peak process RSS (MB)",
    "vs COPY",
]


def _psql(url):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def _reset_members(url):
    with _psql(url) as conn:
        conn.execute("TRUNCATE members_member, people_person RESTART IDENTITY CASCADE")
        conn.execute("VACUUM ANALYZE people_person")
        conn.execute("VACUUM ANALYZE members_member")


def _copy_seconds(url, path) -> float:
    """COPY the CSV as it is into a scratch table of text columns: the floor for writing rows."""
    cols = ", ".join(f'"{h}" text' for h in MEMBER_HEADER)
    with _psql(url) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_copy_members")
        conn.execute(f"CREATE TABLE bench_copy_members ({cols})")
        started = time.perf_counter()
        with (
            conn.cursor() as cur,
            cur.copy("COPY bench_copy_members FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
        ):
            with path.open("rb") as f:
                while chunk := f.read(1 << 20):
                    copy.write(chunk)
        seconds = time.perf_counter() - started
        conn.execute("DROP TABLE bench_copy_members")
    return seconds


def _setup(ctx, url, files):
    for kind in ("orgs", "employers"):
        measure_process(
            [sys.executable, "manage.py", "import_data", kind, str(files[kind]), "-v0"],
            ctx.env(DATABASE_URL=url),
        )


def _measure(ctx, url, path, runs, *, fresh=True):
    """Median wall and CPU seconds of the import of `path` in its own process, and its peak RSS."""
    seconds, cpu, rss, result = [], [], [], {}
    for i in range(runs):
        if fresh:
            _reset_members(url)
        ctx.log(f"  {path.name}{'' if fresh else ' again'}, run {i + 1}/{runs}")
        run = measure_process(
            [sys.executable, "-m", "bench.run_import", "members", str(path), "LZ"], ctx.env(DATABASE_URL=url)
        )
        result = json.loads(run.stdout)
        seconds.append(result["seconds"])
        cpu.append(result["cpu"])
        rss.append(run.max_rss_mb)
    return median(seconds), median(cpu), max(rss), result


def _row(label, n, runs, seconds, cpu, rss, copy_s):
    return {
        "file": label,
        "rows": fmt_int(n),
        "runs": str(runs),
        "median import time (s)": fmt_float(seconds),
        "of which Python CPU (s)": fmt_float(cpu) if cpu is not None else "—",
        "rows/s": fmt_int(n / seconds),
        "peak process RSS (MB)": fmt_float(rss, 0) if rss is not None else "—",
        "vs COPY": f"{seconds / copy_s:.1f}×",
    }


@benchmark("import_members", "Member import (members, CSV and XLSX)", order=10)
def import_members(ctx) -> Section:
    section = Section(columns=COLUMNS)
    peak_rss: dict[int, dict[str, float]] = {}
    with ctx.scratch_database("imports") as url:
        for n in ctx.rows or (FULL_SIZES if ctx.full else SIZES):
            files = member_files(ctx.workdir, n, log=ctx.log)
            _setup(ctx, url, files)
            runs = ctx.runs if n <= 100_000 else max(1, ctx.runs // 3)
            copy_s = median([_copy_seconds(url, files["csv"]) for _ in range(runs)])
            peak_rss[n] = {}
            for fmt in ("xlsx", "csv"):
                seconds, cpu, rss, result = _measure(ctx, url, files[fmt], runs)
                assert result["new"] == n, result
                peak_rss[n][fmt] = rss
                section.rows.append(_row(f"members-{n}.{fmt}", n, runs, seconds, cpu, rss, copy_s))
            seconds, cpu, rss, result = _measure(ctx, url, files["csv"], runs, fresh=False)
            assert result["unchanged"] == n, result
            section.rows.append(
                _row(f"members-{n}.csv imported again (all unchanged)", n, runs, seconds, cpu, rss, copy_s)
            )
            section.rows.append(
                _row(
                    f"PostgreSQL COPY members-{n}.csv → scratch table of text columns",
                    n,
                    runs,
                    copy_s,
                    None,
                    None,
                    copy_s,
                )
            )
    if 1_000_000 in peak_rss and 100_000 in peak_rss:
        for fmt in ("csv", "xlsx"):
            ratio = peak_rss[1_000_000][fmt] / peak_rss[100_000][fmt]
            section.notes.append(
                f"Memory growth with the file: the peak RSS of {fmt} at 1,000,000 rows is {ratio:.2f} times"
                " that at 100,000 rows (target ≤ 1.5 times)."
            )
    section.notes += [
        "The import time is taken inside the importing process (reading the file, checking every cell,"
        " resolving references, writing, committing), without the start of Python and Django; Python CPU"
        " is the importing process's own CPU time (the rest is waiting for PostgreSQL and the scheduler);"
        " the peak memory is the ru_maxrss of the whole importing process.",
        "The member and person tables are emptied before each import; the organizations (111) and"
        " employers (1,000) are imported first, untimed. Per row: ID number check, birth date, mobile"
        " number, employer reference and jurisdiction, organization code, join date rules; a new person"
        " and member are created.",
        "COPY writes the same CSV as it is into a scratch table of text columns (no checks, no indexes,"
        " no foreign keys): a floor for the speed of writing, for reference.",
    ]
    return section

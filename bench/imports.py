"""Import of members (the `members` kind) from CSV and XLSX, beside a raw PostgreSQL COPY of
the same rows: rows per second and the peak memory of the importing process."""

import json
import sys
import time

from . import Section, benchmark, fmt_float, fmt_int, measure_process, median
from .members_data import MEMBER_HEADER, member_files

SIZES = (100_000,)
IEXPORT_DEFAULT_ROWS = 5_000  # django-import-export's defaults take minutes for these already


def _head(path, rows):
    """The file's first `rows` rows (with the header), beside it."""
    out = path.with_name(f"{path.stem}-first-{rows}{path.suffix}")
    if not out.exists():
        with path.open(encoding="utf-8") as f, out.open("w", encoding="utf-8") as g:
            for i, line in enumerate(f):
                if i > rows:
                    break
                g.write(line)
    return out


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
        # A scratch database: the guard of unionhub/core/truncate.py lets this session through.
        conn.execute("SET unionhub.allow_truncate = 'on'")
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


def _copy_real_seconds(url, path) -> float:
    """COPY the file's persons and members, already converted to typed tuples (references looked
    up, untimed), into people_person and members_member as they are: their indexes, foreign keys
    (the batch columns too) and history triggers; timed from the first COPY to the commit. The
    floor of writing these rows for real, which no import engine can go under."""
    import csv
    import datetime
    import uuid

    import psycopg

    with _psql(url) as conn:
        orgs = dict(conn.execute("SELECT code, id FROM orgs_organization").fetchall())
        employers = dict(conn.execute("SELECT credit_code, id FROM members_employer").fetchall())
    batch = uuid.uuid4()
    persons, members = [], []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {h: i for i, h in enumerate(header)}
        for pid, row in enumerate(reader, 1):
            number = row[col["身份证号"]]
            birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
            sex = "男" if int(number[16]) % 2 else "女"
            persons.append((pid, number, row[col["姓名"]], row[col["手机号"]], birth, sex, batch, batch))
            joined = datetime.date(*map(int, row[col["入会日期"]].replace("/", "-").split("-")))
            left = row[col["离会日期"]]
            left = datetime.date(*map(int, left.split("/"))) if left else None
            members.append(
                (pid, pid, orgs[row[col["所属工会组织代码"]]], employers.get(row[col["工作单位统一社会信用代码"]]),
                 joined, row[col["会员状态"]] or "在会", row[col["重点群体"]], row[col["是否农民工"]] == "是",
                 batch, batch, left)
            )  # fmt: skip
    _reset_members(url)
    with psycopg.connect(url) as conn:
        conn.execute(
            "INSERT INTO imports_importbatch (id, kind, filename, created_at, dry_run, state, rows, new,"
            " updated, unchanged, invalid, errors, source, bad_rows_file, preview) VALUES (%s, 'members', %s,"
            " now(), false, 'imported', 0, 0, 0, 0, 0, '[]', '', '', '[]')",
            [batch, path.name],
        )
        conn.commit()
        started = time.perf_counter()
        with conn.cursor() as cur:
            with cur.copy(
                "COPY people_person (id, id_number, name, phone, birth_date, sex, created_batch_id,"
                " updated_batch_id, created_at) FROM STDIN"
            ) as copy:
                now = datetime.datetime.now(datetime.UTC)
                for p in persons:
                    copy.write_row((*p, now))
            with cur.copy(
                "COPY members_member (id, person_id, organization_id, employer_id, join_date, status,"
                " key_group, is_migrant, created_batch_id, updated_batch_id, leave_date) FROM STDIN"
            ) as copy:
                for m in members:
                    copy.write_row(m)
        conn.commit()
        seconds = time.perf_counter() - started
    _reset_members(url)
    return seconds


def _iexport(ctx, url, path, mode):
    """django-import-export 4 on the same file and tables (bench/run_iexport.py), or None when the
    bench-only extra is not installed."""
    try:
        import import_export  # noqa: F401
    except ImportError:
        return None
    _reset_members(url)
    ctx.log(f"  {path.name} through django-import-export ({mode})")
    run = measure_process(
        [sys.executable, "-m", "bench.run_iexport", str(path), mode], ctx.env(DATABASE_URL=url)
    )
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["new"] == result["rows"] and not result["invalid"], result
    _reset_members(url)
    return result["seconds"], result["cpu"], run.max_rss_mb, result["rows"]


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
            real_s = median([_copy_real_seconds(url, files["csv"]) for _ in range(runs)])
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
                    f"PostgreSQL COPY of the same {n:,} persons and members into the real tables (reference)",
                    n,
                    runs,
                    real_s,
                    None,
                    None,
                    copy_s,
                )
            )
            if n <= 100_000:
                for label, path, mode in (
                    (f"django-import-export 4, tuned, members-{n}.csv", files["csv"], "tuned"),
                    (
                        f"django-import-export 4, defaults, first {IEXPORT_DEFAULT_ROWS:,} rows",
                        _head(files["csv"], IEXPORT_DEFAULT_ROWS),
                        "defaults",
                    ),
                ):
                    measured = _iexport(ctx, url, path, mode)
                    if measured is None:
                        section.notes.append(
                            'django-import-export is not installed (`pip install -e ".[bench]"`): its rows'
                            " are left out."
                        )
                        break
                    seconds, cpu, rss, rows = measured
                    section.rows.append(_row(label, rows, 1, seconds, cpu, rss, copy_s * rows / n))
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
        "COPY into the real tables: the file's rows converted to typed tuples beforehand (untimed), then"
        " COPY into people_person and members_member with their indexes (the name's trigram index too),"
        " foreign keys (the batch columns too) and history triggers, up to the commit: the floor of"
        " writing these rows for real; the gap between it and our import is the engine's own cost.",
        "django-import-export 4 (a bench-only extra, bench/run_iexport.py) imports the same file's persons"
        " and then its members into the same tables in one transaction. Tuned: its documented settings"
        " for large files (use_bulk, batch_size 1000, skip_diff, force_init_instance, foreign keys from"
        " dicts loaded once); defaults: one query per row and reference, one INSERT per row, a diff"
        f" (measured on the first {IEXPORT_DEFAULT_ROWS:,} rows). Its widgets parse the cells; it does"
        " not check ID numbers, phone numbers, the date rules or the scope of references as ours does, and"
        " it loads the whole file into memory (tablib) where ours streams it. Its “vs COPY” compares with"
        " the text COPY of as many rows.",
    ]
    return section

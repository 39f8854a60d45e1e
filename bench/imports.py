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
    "文件",
    "行数",
    "次数",
    "导入耗时中位数 (s)",
    "其中 Python CPU (s)",
    "行/秒",
    "进程峰值内存 RSS (MB)",
    "对比 COPY",
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
        "文件": label,
        "行数": fmt_int(n),
        "次数": str(runs),
        "导入耗时中位数 (s)": fmt_float(seconds),
        "其中 Python CPU (s)": fmt_float(cpu) if cpu is not None else "—",
        "行/秒": fmt_int(n / seconds),
        "进程峰值内存 RSS (MB)": fmt_float(rss, 0) if rss is not None else "—",
        "对比 COPY": f"{seconds / copy_s:.1f}×",
    }


@benchmark("import_members", "会员导入(members,CSV 与 XLSX)", order=10)
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
                _row(f"members-{n}.csv 再次导入(全部未变)", n, runs, seconds, cpu, rss, copy_s)
            )
            section.rows.append(
                _row(f"PostgreSQL COPY members-{n}.csv → 文本列临时表", n, runs, copy_s, None, None, copy_s)
            )
    if 1_000_000 in peak_rss and 100_000 in peak_rss:
        for fmt in ("csv", "xlsx"):
            ratio = peak_rss[1_000_000][fmt] / peak_rss[100_000][fmt]
            section.notes.append(
                f"内存随文件增长:{fmt} 1,000,000 行的峰值 RSS 是 100,000 行的 {ratio:.2f} 倍(目标 ≤ 1.5 倍)。"
            )
    section.notes += [
        "导入耗时在导入进程内计时(读文件、逐格校验、解析引用、写入、提交),不含 Python/Django 启动;"
        "其中 Python CPU 为导入进程自身的 CPU 时间(其余为等待 PostgreSQL 与调度);"
        "峰值内存为整个导入进程的 ru_maxrss。",
        "每次导入前清空会员与人员表;组织(111个)与单位(1,000家)先行导入,不计时。"
        "每行:身份证号校验、出生日期、手机号、单位引用与管辖范围、组织代码、入会日期规则,新建人员与会员。",
        "COPY 为同一 CSV 原样写入全文本列的临时表(无校验、无索引、无外键):写入速度的下限参照。",
    ]
    return section

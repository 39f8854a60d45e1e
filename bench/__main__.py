"""`python -m bench [--full] [--runs N] [--only NAME]`: run the registered benchmarks on
PostgreSQL (DATABASE_URL, or the embedded one in var/) and write docs/benchmarks.md."""

import argparse
import datetime
import importlib
import os
import pkgutil
import platform
import re
import sys
from pathlib import Path

import bench

from . import ROOT, Context, Section, all_benchmarks


def load_benchmarks() -> None:
    for module in pkgutil.iter_modules(bench.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"bench.{module.name}")


def project_database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    from unionhub.core.embedded_pg import embedded_database_url

    return embedded_database_url(Path(os.environ.get("UNIONHUB_VAR", ROOT / "var")) / "pg")


def postgres_version(url: str) -> str:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=10) as conn:
            return conn.execute("SHOW server_version").fetchone()[0]
    except psycopg.OperationalError as exc:
        sys.exit(f"bench needs PostgreSQL (DATABASE_URL or the embedded one): {exc}")


def machine(url: str) -> list[str]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        kib = int(re.search(r"MemTotal:\s+(\d+)", f.read())[1])
    import django

    return [
        f"- Measured: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- CPU: {cpu}, nproc = {len(os.sched_getaffinity(0))}",
        f"- Memory: {kib / 1024 / 1024:.1f} GiB",
        f"- PostgreSQL {postgres_version(url)}; Python {platform.python_version()};"
        f" Django {django.get_version()}",
        f"- System: {platform.platform()}",
        "- Load at the start (1/5/15-minute average): {:.1f} / {:.1f} / {:.1f} (other processes on the same"
        " machine slow the results down)".format(*os.getloadavg()),
    ]


def render(bm, section: Section, runs: int) -> str:
    lines = [f"## {bm.title}", ""]
    lines.append("| " + " | ".join(section.columns) + " |")
    lines.append("|" + "|".join("---" for _ in section.columns) + "|")
    for row in section.rows:
        lines.append("| " + " | ".join(str(row.get(c, "")) for c in section.columns) + " |")
    lines.append("")
    lines += [f"- {n}" for n in section.notes]
    lines.append(
        f"- `python -m bench --only {bm.name}`; {datetime.datetime.now().astimezone():%Y-%m-%d},"
        f" median of {runs} run{'s' if runs != 1 else ''}."
    )
    return "\n".join(lines)


def block(name: str, body: str) -> str:
    return f"<!-- bench:{name} -->\n{body}\n<!-- /bench:{name} -->"


HEAD = """# Benchmarks

`make bench` runs `python -m bench` (`--full` adds 1,000,000 rows, `--runs N`, `--only NAME`).
Benchmarks live in `bench/` and register with `@benchmark(...)`; each writes its own block below,
so running one keeps the others' figures. Targets: `../shared/docs/quality.md`. These are
measurements, never test assertions.
"""


def write_doc(path: Path, blocks: dict[str, str], order: list[str]) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else HEAD
    for name in order:
        pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S)
        new = block(name, blocks[name])
        if pattern.search(text):
            text = pattern.sub(lambda _m, new=new: new, text)
        else:
            text = text.rstrip("\n") + "\n\n" + new + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    load_benchmarks()
    names = [b.name for b in all_benchmarks()]
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--full", action="store_true", help="also the 1,000,000-row sizes")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is kept)")
    parser.add_argument("--only", action="append", choices=names, help="run only these benchmarks")
    parser.add_argument("--rows", help="comma-separated sizes instead of the defaults (quick checks)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)

    os.chdir(ROOT)
    url = project_database_url()
    ctx = Context(
        database_url=url,
        runs=max(1, args.runs),
        full=args.full,
        keep=args.keep,
        rows=[int(n) for n in args.rows.split(",")] if args.rows else None,
    )
    about = machine(url)
    print("\n".join(about))
    blocks, order = {"machine": "## Test machine\n\n" + "\n".join(about)}, ["machine"]
    for bm in all_benchmarks():
        if args.only and bm.name not in args.only:
            continue
        print(f"{bm.name}: {bm.title}")
        section = bm.fn(ctx)
        blocks[bm.name] = render(bm, section, ctx.runs)
        order.append(bm.name)
        print(blocks[bm.name])
    write_doc(args.output, blocks, order)
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

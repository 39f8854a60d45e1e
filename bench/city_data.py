"""The data set the page, report and load benchmarks read (seed_bench), and with --full the time
seed_bench takes to build it from nothing in a scratch database."""

import subprocess
import sys
import time

from . import ROOT, Section, benchmark, fmt_float, fmt_int
from ._city import SEED_MEMBERS, ensure_seeded

TABLES = [
    ("orgs_organization", "Union organizations"),
    ("members_employer", "Employers"),
    ("members_employer WHERE has_union", "  of which with a union"),
    ("people_person", "People"),
    ("members_member", "Members"),
    ("members_member WHERE key_group <> ''", "  of which in a key group (重点群体)"),
    ("members_member WHERE is_migrant", "  of which migrant workers (农民工)"),
    ("perks_membercard", "Member cards"),
    ("relief_hardshipfile", "Hardship files"),
    ("relief_payment", "Relief payments"),
    ("relief_careservice", "Care services"),
    ("legal_case", "Legal aid cases"),
    ("skills_entry", "Contest entries"),
    ("skills_promotion", "Skill promotions"),
    ("perks_merchant", "Partner merchants"),
    ("perks_perksale", "Perk day sales"),
]


def counts(url: str) -> list[tuple[str, int]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return [(label, conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t, label in TABLES]  # noqa: S608


@benchmark("city_data", "Data set (seed_bench)", order=15)
def city_data(ctx) -> Section:
    ensure_seeded(ctx)
    section = Section(columns=["data", "rows"])
    section.rows = [{"data": label, "rows": fmt_int(n)} for label, n in counts(ctx.database_url)]
    section.notes.append(
        "`python manage.py seed_bench --members 1000000`: Liuzhou's organization tree (the city, ten"
        " districts and counties, enterprise, joint and industry unions), ID numbers with correct check"
        " digits and plausible birth dates, join dates spread over twenty years, written with PostgreSQL"
        " COPY in one transaction; each work area's records come from its own seeder (`<app>/seeder.py`)"
        " with its own random stream."
    )
    if ctx.full:
        with ctx.scratch_database("seed") as url:
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "manage.py", "seed_bench", "--members", str(SEED_MEMBERS)],
                cwd=ROOT,
                env=ctx.env(DATABASE_URL=url),
                check=True,
                stdout=subprocess.DEVNULL,
            )
            seconds = time.perf_counter() - started
        section.notes.append(
            f"Building the whole data set of {SEED_MEMBERS:,} members in an empty database took"
            f" {fmt_float(seconds / 60, 1)} minutes."
        )
    return section

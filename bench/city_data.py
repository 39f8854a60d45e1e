"""The data set the page, report and load benchmarks read (seed_bench), and with --full the time
seed_bench takes to build it from nothing in a scratch database."""

import subprocess
import sys
import time

from . import ROOT, Section, benchmark, fmt_float, fmt_int
from ._city import SEED_MEMBERS, ensure_seeded

TABLES = [
    ("orgs_organization", "工会组织"),
    ("members_employer", "单位"),
    ("members_employer WHERE has_union", "  其中已建会"),
    ("people_person", "人员"),
    ("members_member", "会员"),
    ("members_member WHERE key_group <> ''", "  其中重点群体"),
    ("members_member WHERE is_migrant", "  其中农民工"),
    ("perks_membercard", "会员卡"),
    ("relief_hardshipfile", "困难职工档案"),
    ("relief_payment", "帮扶发放"),
    ("relief_careservice", "关爱服务"),
    ("legal_case", "维权案件"),
    ("skills_entry", "参赛成绩"),
    ("skills_promotion", "技能晋升"),
    ("perks_merchant", "特约商户"),
    ("perks_perksale", "红利日销售"),
]


def counts(url: str) -> list[tuple[str, int]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return [(label, conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t, label in TABLES]  # noqa: S608


@benchmark("city_data", "数据集(seed_bench)", order=15)
def city_data(ctx) -> Section:
    ensure_seeded(ctx)
    section = Section(columns=["数据", "行数"])
    section.rows = [{"数据": label, "行数": fmt_int(n)} for label, n in counts(ctx.database_url)]
    section.notes.append(
        "`python manage.py seed_bench --members 1000000`:柳州的组织树(市、十个县区、企业/联合/产业工会),"
        "身份证号带正确校验位与合理出生日期,入会日期分布在二十年内,用 PostgreSQL COPY 在一个事务中写入。"
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
            f"在空库中生成 {SEED_MEMBERS:,} 名会员的整套数据用时 {fmt_float(seconds / 60, 1)} 分钟。"
        )
    return section

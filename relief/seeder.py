"""The relief area's part of `seed_bench` (see unionhub/core/seeding.py): hardship files of members
and of retired or unemployed non-members (~5,000 a year at the 1M city's scale), the yearly relief
programs and their payments (to verified files only, one per person and program; to units for the
summer and autumn programs), and care services at the service points.
"""

import datetime
from decimal import Decimal

from relief.models import CareService, HardshipFile, Payment, ReliefProgram
from unionhub.core.seeding import DISTRICT_CUM, RECORD_YEARS, TODAY, D, SeedContext, days, money, ts

MODELS = [HardshipFile, ReliefProgram, Payment, CareService]
POINTS = [
    "柳州火车站", "柳州汽车站", "柳州东站", "柳江汽车站", "鹿寨火车站", "融水汽车站", "三江南站", "柳北客运站",
    "城中区职工服务中心", "鱼峰区职工服务中心", "柳南区职工服务中心", "柳北区职工服务中心", "柳江区职工服务中心",
    "柳城县职工服务中心", "鹿寨县职工服务中心", "融安县职工服务中心", "融水县职工服务中心", "三江县职工服务中心",
    "柳钢职工医院", "上汽通用五菱园区", "东风柳汽园区", "河西工业园", "阳和工业园", "柳东新区服务站",
    "环卫工人爱心驿站", "户外劳动者驿站",
]  # fmt: skip


def seed(ctx: SeedContext) -> None:
    """Hardship files, programs and payments, care services."""
    rnd = ctx.rng
    per_year = ctx.scaled(5000, 20)
    outsiders = ctx.extra_persons(ctx.scaled(12_000, 10), born=(1950, 1985))
    active = [pid for pid in rnd.sample(range(1, ctx.n + 1), min(ctx.n, per_year * 8)) if ctx.m_active[pid]]
    d_ids = [d.pk for d in ctx.districts]
    rows, files, fid = [], [], 0
    seen = set()
    causes = ["因病", "因残", "因学", "失业", "灾害", "其他"]
    for year in RECORD_YEARS:
        start = D(year, 1, 1)
        end = min(D(year, 12, 31), TODAY)
        for _ in range(per_year):
            if rnd.random() < 0.7 and active:
                person = rnd.choice(active)
                category, org = "在职", ctx.m_org[person]
            else:
                person = rnd.choice(outsiders)
                category = "退休" if rnd.random() < 0.55 else "失业"
                org = rnd.choices(d_ids, cum_weights=DISTRICT_CUM)[0]
            if (person, year) in seen:
                continue
            seen.add((person, year))
            filed = start + datetime.timedelta(days=rnd.randrange(days(start, end) + 1))
            verified = exited = None
            if days(filed, TODAY) < 30:
                state = "待认定"
            elif rnd.random() < 0.05:
                state = "不予认定"
            else:
                verified = min(TODAY, filed + datetime.timedelta(days=rnd.randrange(3, 30)))
                state = "已认定"
                if days(verified, TODAY) > 200 and rnd.random() < 0.5:
                    exited = min(TODAY, verified + datetime.timedelta(days=rnd.randrange(120, 720)))
                    state = "已脱困"
            fid += 1
            cause = "失业" if category == "失业" else rnd.choice(causes)
            rows.append(
                (fid, person, category, cause, rnd.randrange(1, 8), money(rnd.uniform(200, 1600)), org, filed,
                 state, verified, exited, ts(filed))
            )  # fmt: skip
            if verified:
                files.append((fid, person, org, verified, exited))
    ctx.copy(
        HardshipFile,
        ["id", "person_id", "category", "cause", "household_size", "income_per_head", "organization_id",
         "filed_on", "state", "verified_on", "exited_on", "created_at"],
        rows,
    )  # fmt: skip
    payments(ctx, files)
    care(ctx)


def payments(ctx, files):
    rnd = ctx.rng
    # kind: (budget, cap, share of eligible files paid, months of payment)
    kinds = {
        "春节送温暖": (Decimal(20_000_000), Decimal(3000), 0.8, (1, 2)),
        "金秋助学": (Decimal(8_000_000), Decimal(5000), 0.25, (8, 9)),
        "医疗救助": (Decimal(10_000_000), Decimal(20000), 0.15, (1, 12)),
        "其他帮扶": (Decimal(3_000_000), Decimal(2000), 0.1, (3, 11)),
        "送清凉": (Decimal(2_000_000), None, 0, (6, 8)),
        "游园活动": (Decimal(1_000_000), None, 0, (9, 10)),
    }
    programs, payments, pid, number = [], [], 0, 0
    union_employers = [e for e in range(1, ctx.n_employers + 1) if ctx.emp_union[e]]
    for year in RECORD_YEARS:
        for kind, (budget, cap, share, months) in kinds.items():
            pid += 1
            spent = Decimal(0)
            first = D(year, months[0], 1)
            last = min(D(year, months[1], 28), TODAY)
            if first > TODAY:
                programs.append([pid, kind, year, budget, cap, ctx.city.pk, Decimal(0)])
                continue
            if share:
                paid_persons = set()  # one payment per person per program
                for fid, person, org, verified, exited in files:
                    if rnd.random() >= share or person in paid_persons:
                        continue
                    paid = first + datetime.timedelta(days=rnd.randrange(days(first, last) + 1))
                    if not (verified <= paid and (exited is None or exited > paid)):
                        continue
                    cash = Decimal(rnd.randrange(5, int(cap) // 100 + 1) * 100)
                    goods = Decimal(rnd.choice([0, 0, 0, 200, 300, 500]))
                    number += 1
                    paid_persons.add(person)
                    payments.append(
                        (number, f"FF{year}{number:07d}", pid, person, fid, None, None, cash, goods, paid, org,
                         ts(paid), "")
                    )  # fmt: skip
                    spent += cash + goods
            else:
                for unit in rnd.sample(union_employers, min(len(union_employers), ctx.scaled(400, 3))):
                    paid = first + datetime.timedelta(days=rnd.randrange(days(first, last) + 1))
                    cash = Decimal(rnd.randrange(10, 100) * 100)
                    goods = Decimal(rnd.randrange(0, 30) * 100)
                    number += 1
                    payments.append(
                        (number, f"FF{year}{number:07d}", pid, None, None, unit, rnd.randrange(20, 500), cash,
                         goods, paid, ctx.emp_org[unit], ts(paid), "")
                    )  # fmt: skip
                    spent += cash + goods
            programs.append([pid, kind, year, max(budget, spent), cap, ctx.city.pk, spent])
    ctx.copy(ReliefProgram, ["id", "kind", "year", "budget", "cap", "organization_id", "spent"], programs)
    ctx.copy(
        Payment,
        ["id", "number", "program_id", "person_id", "file_id", "unit_id", "people_reached", "cash", "goods",
         "paid_on", "organization_id", "created_at", "note"],
        payments,
    )  # fmt: skip


def care(ctx):
    rnd = ctx.rng
    kinds = ["暖流服务", "免费体检", "高温慰问", "亲子团聚", "爱心托管"]
    rows, sid = [], 0
    d_ids = [ctx.city.pk] + [d.pk for d in ctx.districts]
    for year in RECORD_YEARS:
        for _ in range(ctx.scaled(1500, 5)):
            start = D(year, 1, 1) + datetime.timedelta(days=rnd.randrange(365))
            if start > TODAY:
                continue
            end = min(TODAY, start + datetime.timedelta(days=rnd.randrange(0, 40)))
            sid += 1
            goods = money(rnd.uniform(1000, 50000)) if rnd.random() < 0.4 else None
            rows.append(
                (sid, f"GA{year}{sid:06d}", rnd.choice(kinds), rnd.choice(POINTS), start, end,
                 rnd.randrange(20, 12000), goods, rnd.choice(d_ids))
            )  # fmt: skip
    ctx.copy(
        CareService,
        ["id", "number", "kind", "point", "start", "end", "person_times", "goods", "organization_id"],
        rows,
    )

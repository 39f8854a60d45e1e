"""The legal area's part of `seed_bench` (see unionhub/core/seeding.py): sixty lawyers and ~3,000
cases a year at the 1M city's scale (group cases, migrant workers, wages recovered, lawyers for
arbitration and lawsuits) with their received and closed events; ~2,500 collective contracts a
year (three-year terms: an employer's own, or a district's regional or industry contract covering
dozens of employers) and ~300 labour-relations monitoring reports a year.
"""

import datetime

from legal.models import Case, CaseEvent, CollectiveContract, Lawyer, MonitoringReport
from unionhub.core.seeding import (
    GIVEN,
    RECORD_YEARS,
    SUFFIXES,
    SURNAMES,
    TODAY,
    WORDS,
    D,
    SeedContext,
    days,
    money,
    ts,
)

MODELS = [Lawyer, Case, CaseEvent, CollectiveContract, MonitoringReport]


def seed(ctx: SeedContext) -> None:
    """Lawyers, cases and their events; collective contracts; monitoring reports."""
    seed_cases(ctx)
    seed_contracts(ctx)
    seed_monitoring(ctx)


def _dated(ctx: SeedContext, per_year: int, floor: int):
    """`ctx.scaled(per_year, floor)` records in each of RECORD_YEARS, each on a random day of its
    year: (running id, year, number in the year, day); one whose day is after TODAY is left out
    (its number skipped)."""
    rid = 0
    for year in RECORD_YEARS:
        for seq in range(1, ctx.scaled(per_year, floor) + 1):
            day = D(year, 1, 1) + datetime.timedelta(days=ctx.rng.randrange(365))
            if day > TODAY:
                continue
            rid += 1
            yield rid, year, seq, day


def seed_cases(ctx: SeedContext) -> None:
    """Lawyers, cases and their events."""
    rnd = ctx.rng
    firms = [
        "广西柳州众维律师事务所",
        "广西桂柳律师事务所",
        "广西融城律师事务所",
        "广西龙城律师事务所",
        "广西柳江律师事务所",
    ]
    lawyers = [
        (i, f"{SURNAMES[i % len(SURNAMES)]}{GIVEN[(i * 7) % len(GIVEN)]}{GIVEN[(i * 13) % len(GIVEN)]}",
         firms[i % len(firms)], f"14502{2000000000 + i:010d}")
        for i in range(1, 61)
    ]  # fmt: skip
    ctx.copy(Lawyer, ["id", "name", "firm", "licence_number"], lawyers)
    applicants = ctx.extra_persons(ctx.scaled(4000, 5), born=(1960, 2000))
    channels = ["来电", "来访", "网络", "信函"]
    causes = ["拖欠工资", "劳动合同", "社会保险", "工伤", "解除劳动关系", "其他"]
    handlings = ["法律咨询", "调解", "指派律师代理仲裁", "指派律师代理诉讼"]
    d_ids = [ctx.city.pk] + [d.pk for d in ctx.districts]
    cases, events, eid = [], [], 0
    for cid, year, seq, received in _dated(ctx, 3000, 5):
        is_group = rnd.random() < 0.08
        persons = rnd.randrange(5, 80) if is_group else 1
        migrants = rnd.randrange(0, persons + 1) if rnd.random() < 0.5 else 0
        handling = rnd.choices(handlings, [50, 25, 15, 10])[0]
        lawyer = rnd.randrange(1, 61) if handling in handlings[2:] else None
        closed = None
        if days(received, TODAY) > 60 and rnd.random() < 0.9:
            closed = min(TODAY, received + datetime.timedelta(days=rnd.randrange(1, 180)))
        status = "结案" if closed else rnd.choice(["受理", "处理中"])
        cause = rnd.choices(causes, [35, 20, 15, 12, 13, 5])[0]
        recovered = money(rnd.uniform(2000, 300000)) if closed and cause == "拖欠工资" else None
        applicant = rnd.choice(applicants) if rnd.random() < 0.3 else None
        dispute = received - datetime.timedelta(days=rnd.randrange(10, 300)) if rnd.random() < 0.6 else None
        cases.append(
            (cid, f"WQ{year}{seq:05d}", received, dispute, rnd.choice(channels), is_group, persons, migrants,
             ctx.name(), applicant, f"柳州{''.join(rnd.sample(WORDS, 2))}{rnd.choice(SUFFIXES)}", cause,
             handling, lawyer, status, closed, recovered, "当事人反映用人单位问题,已登记。",
             rnd.choice(d_ids), ts(received))
        )  # fmt: skip
        eid += 1
        events.append((eid, cid, ts(received), "受理", ""))
        if closed:
            eid += 1
            events.append((eid, cid, ts(closed), "结案", ""))
    ctx.copy(
        Case,
        ["id", "number", "received_on", "dispute_on", "channel", "is_group", "persons", "migrants",
         "applicant_name", "applicant_id", "employer_name", "cause", "handling", "lawyer_id", "status",
         "closed_on", "recovered", "note", "organization_id", "created_at"],
        cases,
    )  # fmt: skip
    ctx.copy(CaseEvent, ["id", "case_id", "at", "action", "detail"], events)


def seed_contracts(ctx: SeedContext) -> None:
    """Collective contracts: 70% an employer's own (单独签订, of employers with a union), the rest
    a district's regional or industry contract covering 5-80 employers; terms of 1-3 years."""
    rnd = ctx.rng
    d_ids = [d.pk for d in ctx.districts]
    unionised = [e for e in range(1, len(ctx.emp_org)) if ctx.emp_union[e]] or list(
        range(1, len(ctx.emp_org))
    )
    kinds = ["综合", "工资专项", "女职工专项"]
    rows = []
    for cid, year, seq, signed in _dated(ctx, 2500, 5):
        expires = signed + datetime.timedelta(days=365 * rnd.choice([1, 2, 3]) - 1)
        kind = rnd.choices(kinds, [45, 35, 20])[0]
        if rnd.random() < 0.7:
            employer = rnd.choice(unionised)
            headcount = max(1, ctx.emp_headcount[employer])
            row = ("单独签订", employer, 1, headcount, ctx.emp_org[employer])
        else:
            covered = rnd.randrange(5, 81)
            row = (rnd.choice(["区域性", "行业性"]), None, covered, covered * rnd.randrange(20, 120),
                   rnd.choice(d_ids))  # fmt: skip
        signing, employer, n_employers, workers, org = row
        rows.append(
            (
                cid,
                f"JT{year}{seq:05d}",
                kind,
                signing,
                employer,
                n_employers,
                workers,
                signed,
                expires,
                org,
            )
        )
    ctx.copy(
        CollectiveContract,
        ["id", "number", "kind", "signing", "employer_id", "employers_covered", "workers_covered",
         "signed_on", "expires_on", "organization_id"],
        rows,
    )  # fmt: skip


def seed_monitoring(ctx: SeedContext) -> None:
    """Monitoring reports: quarterly 定期 reports of every district, and 专报 / 快报 on matters."""
    rnd = ctx.rng
    d_ids = [ctx.city.pk] + [d.pk for d in ctx.districts]
    rows = []
    topics = ["企业欠薪排查", "劳动用工形势", "停工停产风险", "新就业形态劳动者权益", "裁员减员情况"]
    for rid, year, seq, sent in _dated(ctx, 300, 4):
        kind = rnd.choices(["定期", "专报", "快报"], [50, 30, 20])[0]
        risk = rnd.choices(["一般", "较大", "重大"], [75, 20, 5])[0]
        rows.append(
            (rid, f"JC{year}{seq:05d}", sent, kind, f"{year}年{rnd.choice(topics)}监测报告", rnd.randrange(1, 60),
             risk, rnd.choice(d_ids))
        )  # fmt: skip
    ctx.copy(
        MonitoringReport,
        ["id", "number", "sent_on", "kind", "title", "employers", "risk", "organization_id"],
        rows,
    )

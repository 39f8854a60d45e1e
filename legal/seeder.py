"""The legal area's part of `seed_bench` (see unionhub/core/seeding.py): sixty lawyers and ~3,000
cases a year at the 1M city's scale (group cases, migrant workers, wages recovered, lawyers for
arbitration and lawsuits) with their received and closed events.
"""

import datetime

from legal.models import Case, CaseEvent, Lawyer
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

MODELS = [Lawyer, Case, CaseEvent]


def seed(ctx: SeedContext) -> None:
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
    cases, events, cid, eid = [], [], 0, 0
    for year in RECORD_YEARS:
        for seq in range(1, ctx.scaled(3000, 5) + 1):
            received = D(year, 1, 1) + datetime.timedelta(days=rnd.randrange(365))
            if received > TODAY:
                continue
            cid += 1
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
            dispute = (
                received - datetime.timedelta(days=rnd.randrange(10, 300)) if rnd.random() < 0.6 else None
            )
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

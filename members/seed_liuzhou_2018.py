"""The members area's part of `seed_liuzhou_2018` (unionhub/reports/management/commands/): the
employers and members behind the seed's membership paragraphs, as of 2018-10-31.

- 货车司机入会集中行动 (4月至6月底): 8512 truck drivers join (8500多名); the drive's population
  21,248 gives 40.06%; of the 2,500 road-freight employers 1,006 have a union (40.24%): 超额完成任务.
- 产业链联建联创: 6 lead enterprises; 812 非公 enterprises on their chains found a union in 2018
  (800多家), and 50,312 of their workers join (5万余人).
- Card holders: members who joined before 2018, so that 840,000 members hold a card (84万张).
"""

import datetime

from unionhub.core.seeding import import_header

D = datetime.date
LEADS = [
    "上汽通用五菱汽车股份有限公司", "广西柳州钢铁集团有限公司", "广西柳工集团有限公司",
    "广西汽车集团有限公司", "三江茶业集团有限公司", "广西柳州地质探矿机械厂",
]  # fmt: skip
LEAD_INDUSTRIES = ["汽车制造", "钢铁", "机械制造", "汽车制造", "茶业", "机械制造"]
FREIGHT_EMPLOYERS, FREIGHT_WITH_UNION = 2500, 1006
CHAIN_FOUNDED = 812
DRIVERS, DRIVE_POPULATION = 8512, 21248
CHAIN_WORKERS = 50312
CARD_HOLDERS = 840_000
EMPLOYER_HEADERS = import_header("employers")
MEMBER_HEADERS = import_header("members", without=("离会日期",))


def _day(start: D, end: D, i: int, n: int) -> D:
    return start + datetime.timedelta(days=(end - start).days * i // max(n - 1, 1))


def files(ctx) -> list:
    employers, members = [], []
    leads = []
    for i, name in enumerate(LEADS):
        code = ctx.credit_code()
        leads.append((code, ctx.district(i)))
        employers.append(
            [
                name,
                code,
                ctx.district(i),
                LEAD_INDUSTRIES[i],
                "公有" if i < 4 else "非公",
                5000,
                "是",
                "2005-05-01",
                "",
            ]
        )
    freight = []
    for i in range(FREIGHT_EMPLOYERS):
        code, org = ctx.credit_code(), ctx.district(i)
        union = i < FREIGHT_WITH_UNION
        freight.append((code, org))
        employers.append(
            [
                f"柳州{i + 1:04d}号货运有限公司",
                code,
                org,
                "道路货运",
                "非公",
                40,
                "是" if union else "否",
                "2016-03-01" if union else "",
                "",
            ]
        )
    chain = []
    for i in range(CHAIN_FOUNDED):
        code, org = ctx.credit_code(), ctx.district(i)
        founded = _day(D(2018, 1, 10), D(2018, 10, 20), i, CHAIN_FOUNDED)
        chain.append((code, org))
        employers.append(
            [
                f"柳州链上{i + 1:04d}配套有限公司",
                code,
                org,
                "机械制造",
                "非公",
                80,
                "是",
                founded.isoformat(),
                leads[i % len(leads)][0],
            ]
        )
    ctx.shared["employers"] = {"leads": leads, "freight": freight, "chain": chain}

    for i in range(DRIVERS):
        name, idn = ctx.person()
        code, org = freight[i % FREIGHT_WITH_UNION]
        joined = _day(D(2018, 4, 1), D(2018, 6, 30), i, DRIVERS)
        members.append(
            [name, idn, "", code, org, "货车司机", "是" if i % 3 else "否", joined.isoformat(), "在会"]
        )
    for i in range(CHAIN_WORKERS):
        name, idn = ctx.person()
        code, org = chain[i % CHAIN_FOUNDED]
        joined = _day(D(2018, 1, 15), D(2018, 10, 31), i, CHAIN_WORKERS)
        members.append([name, idn, "", code, org, "", "是" if i % 2 else "否", joined.isoformat(), "在会"])
    holders = []
    if ctx.with_cards:
        for i in range(CARD_HOLDERS - DRIVERS - CHAIN_WORKERS):
            name, idn = ctx.person()
            code, org = leads[i % len(leads)]
            joined = _day(D(2008, 1, 1), D(2017, 12, 31), i % 3650, 3650)
            members.append([name, idn, "", code, org, "", "否", joined.isoformat(), "在会"])
    holders = [row[1] for row in members]
    ctx.shared["members"] = {
        "drivers": [r[1] for r in members[:DRIVERS]],
        "card_holders": holders if ctx.with_cards else [],
    }
    drive = [
        [
            "2018年货车司机入会集中行动",
            "货车司机",
            "道路货运",
            "2018-04-01",
            "2018-06-30",
            DRIVE_POPULATION,
            "40",
            "40",
            "LZ",
        ]
    ]
    return [
        ("employers", EMPLOYER_HEADERS, employers),
        ("members", MEMBER_HEADERS, members),
        (
            "drives",
            import_header("drives"),
            drive,
        ),
    ]

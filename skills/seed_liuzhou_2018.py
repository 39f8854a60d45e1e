"""The skills area's part of `seed_liuzhou_2018`: the contests, craftsmen and promotions behind the
seed's skills paragraphs — 215 contestants in the city contest (200多名); 13 trades of the regional
contest, 4 first places, 32 entries in the top ten, the city team first; 6 at the national
contest; 10 柳州工匠 and 11 提名奖; 80 / 180 / 147 / 145 promotions and 50万元 of subsidies."""

from unionhub.core.seeding import import_header

CITY_CONTESTANTS = 215
TRADES = ["维修电工", "汽车维修工", "汽车装调工", "钳工", "电焊工", "数控车工", "数控铣工", "加工中心操作工", "铸造工", "车工", "焊工", "电工", "茶艺师"]  # fmt: skip
FIRST_PLACES, TOP_TEN = 4, 32
NATIONAL = 6
PROMOTIONS = {"高级技师": 80, "技师": 180, "高级工": 147, "中级工": 145}
SUBSIDY = 500_000
CRAFTSMEN_INDUSTRIES = ["钢铁", "汽车制造", "机械制造", "电力", "茶业", "手工艺"]
ENTRY_HEADERS = import_header("contest_entries")


def files(ctx) -> list:
    leads = ctx.shared["employers"]["leads"]
    entries = []
    for i in range(CITY_CONTESTANTS):
        name, idn = ctx.person()
        entries.append(
            [
                2018,
                "2018年柳州市职工职业技能大赛",
                "市级",
                TRADES[i % 9],
                name,
                idn,
                "",
                60 + i % 40,
                i // 9 + 1,
                "",
                ctx.district(i),
            ]
        )
    # The regional contest: 3 entries per trade (39); ranks so that 4 trades have a first place
    # and 32 entries are in the top ten.
    ranks = []
    for t in range(len(TRADES)):
        ranks.append([1, 2, 3] if t < FIRST_PLACES else [2, 3, 4] if t < 10 else [8, 12, 15])
    top = sum(1 for r in ranks for x in r if x <= 10)
    assert top == TOP_TEN + 1, top  # one entry too many: move one
    ranks[-1] = [12, 15, 18]
    ranks[-2] = [9, 14, 16]
    assert sum(1 for r in ranks for x in r if x <= 10) == TOP_TEN
    for t, trade in enumerate(TRADES):
        for rank in ranks[t]:
            name, idn = ctx.person()
            entries.append(
                [2018, "2018年广西职工职业技能大赛", "自治区级", trade, name, idn, "", "", rank, 1, "LZ"]
            )
    for i in range(NATIONAL):
        name, idn = ctx.person()
        entries.append(
            [2018, "2018年全国职工职业技能大赛", "全国", TRADES[i], name, idn, "", "", "", "", "LZ"]
        )
    craftsmen = []
    for i in range(21):
        name, idn = ctx.person()
        code, org = leads[i % len(leads)]
        craftsmen.append(
            [2018, "工匠" if i < 10 else "提名奖", name, idn, code, CRAFTSMEN_INDUSTRIES[i % 6], org]
        )
    ctx.shared["craftsmen"] = [row[3] for row in craftsmen]
    promotions, amounts = [], _split(SUBSIDY, sum(PROMOTIONS.values()))
    k = 0
    for level, n in PROMOTIONS.items():
        for i in range(n):
            name, idn = ctx.person()
            promotions.append(
                [name, idn, TRADES[i % 9], level, "2018-06-28", f"{amounts[k]}.00", ctx.district(i)]
            )
            k += 1
    return [
        ("contest_entries", ENTRY_HEADERS, entries),
        (
            "craftsmen",
            import_header("craftsmen"),
            craftsmen,
        ),
        (
            "promotions",
            import_header("promotions"),
            promotions,
        ),
    ]


def _split(total: int, n: int) -> list[int]:
    base, rest = divmod(total, n)
    return [base + (1 if i < rest else 0) for i in range(n)]

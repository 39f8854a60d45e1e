"""The skills area's part of `seed_bench` (see unionhub/core/seeding.py): twenty trades, four
contests a year (city, two of the region, national) with ranked entries and the city team's rank
in the outside ones, craftsman awards, ~60 model-worker titles a year and ~6,000 skill promotions a
year at the 1M city's scale, all of employed members.
"""

import datetime

from skills.models import Contest, CraftsmanAward, Entry, ModelWorker, Promotion, Trade
from unionhub.core.seeding import RECORD_YEARS, TODAY, D, SeedContext, days, money

MODELS = [Trade, Contest, Entry, CraftsmanAward, ModelWorker, Promotion]
# Model-worker titles a year (national titles every few years, the city's every year).
TITLES_A_YEAR = [
    ("全国劳动模范", 1), ("全国五一劳动奖章", 2), ("自治区劳动模范", 6), ("自治区五一劳动奖章", 8),
    ("市劳动模范", 40),
]  # fmt: skip
TRADES = [
    "维修电工", "汽车维修工", "汽车装调工", "钳工", "电焊工", "数控车工", "数控铣工", "加工中心操作工",
    "铸造工", "焊工", "茶艺师", "育婴员", "养老护理员", "中式烹调师", "美容师", "电工", "车工", "叉车司机",
    "快递员", "网约配送员",
]  # fmt: skip


def seed(ctx: SeedContext) -> None:
    """Trades, contests and entries, awards, promotions."""
    rnd = ctx.rng
    ctx.copy(Trade, ["id", "name"], [(i, t) for i, t in enumerate(TRADES, 1)])
    employed = [pid for pid in rnd.sample(range(1, ctx.n + 1), min(ctx.n, 60_000)) if ctx.m_employer[pid]]
    contests, entries, awards, promotions = [], [], [], []
    kid = eid = aid = prid = 0
    promoted = set()
    titled, workers = set(), []
    levels = ["中级工", "高级工", "技师", "高级技师"]
    for year in RECORD_YEARS:
        day = D(year, 10, 15)
        specs = [
            (f"{year}年柳州市职工职业技能大赛", "市级", 15, 50),
            (f"{year}年广西职工职业技能大赛", "自治区级", 8, 4),
            (f"{year}年广西工业和信息化职业技能大赛", "自治区级", 6, 4),
            (f"{year}年全国职工职业技能大赛", "全国", 4, 2),
        ]
        for name, level, n_trades, per_trade in specs:
            if day > TODAY:
                break
            kid += 1
            team_rank = rnd.randrange(1, 8) if level != "市级" else None
            contests.append((kid, year, name, level, team_rank))
            for trade in rnd.sample(range(1, len(TRADES) + 1), n_trades):
                people = rnd.sample(employed, per_trade)
                scores = sorted((round(rnd.uniform(40, 99), 2) for _ in people), reverse=True)
                for rank, (person, score) in enumerate(zip(people, scores, strict=True), 1):
                    eid += 1
                    given = level != "市级"
                    entries.append(
                        (eid, kid, trade, person, ctx.m_employer[person], f"{score:.2f}",
                         rnd.randrange(1, 30) if given else rank, given, ctx.m_org[person])
                    )  # fmt: skip
        for title, count in (("工匠", 10), ("提名奖", 30)):
            for person in rnd.sample(employed, count):
                aid += 1
                employer = ctx.m_employer[person]
                awards.append(
                    (aid, year, title, person, employer, ctx.emp_industry[employer], ctx.m_org[person])
                )
        for title, count in TITLES_A_YEAR:
            for person in rnd.sample(employed, ctx.scaled(count, 1)):
                if (person, title) not in titled:
                    titled.add((person, title))
                    workers.append(
                        (len(workers) + 1, person, title, year, ctx.m_employer[person], ctx.m_org[person])
                    )
        start = D(year, 1, 1)
        span = days(start, min(D(year, 12, 31), TODAY)) + 1
        for _ in range(ctx.scaled(6000, 10)):
            person, trade, level = (
                rnd.choice(employed),
                rnd.randrange(1, len(TRADES) + 1),
                rnd.choice(levels),
            )
            if (person, trade, level) in promoted:
                continue
            promoted.add((person, trade, level))
            prid += 1
            subsidy = money(rnd.choice([500, 800, 1000, 1500, 2000, 3000])) if rnd.random() < 0.8 else None
            certified = start + datetime.timedelta(days=rnd.randrange(span))
            promotions.append((prid, person, trade, level, certified, subsidy, ctx.m_org[person]))
    # Award persons must be distinct per year (one title per person per year).
    seen, unique_awards = set(), []
    for row in awards:
        if (row[3], row[1]) not in seen:
            seen.add((row[3], row[1]))
            unique_awards.append(row)
    ctx.copy(Contest, ["id", "year", "name", "level", "team_rank"], contests)
    ctx.copy(
        Entry,
        ["id", "contest_id", "trade_id", "person_id", "employer_id", "score", "rank", "rank_given",
         "organization_id"],
        entries,
    )  # fmt: skip
    ctx.copy(
        CraftsmanAward,
        ["id", "year", "title", "person_id", "employer_id", "industry_id", "organization_id"],
        unique_awards,
    )
    ctx.copy(ModelWorker, ["id", "person_id", "title", "year", "employer_id", "organization_id"], workers)
    ctx.copy(
        Promotion,
        ["id", "person_id", "trade_id", "level", "certified_on", "subsidy", "organization_id"],
        promotions,
    )

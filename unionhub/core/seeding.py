"""The machinery of `seed_bench`: a shared context that each work area's seeder (`<app>/seeder.py`)
is called with, and the helpers those seeders share (people, names, codes, COPY).

A seeder is a module with

    MODELS = [...]               # the tables it writes (emptied by `seed_bench --reset`)
    def seed(ctx: SeedContext) -> None

`seed_bench` imports `<app>.seeder` for each app of `settings.UNIONHUB_WORK_AREAS`
(`work_area_seeders`) and calls `seed(ctx)` in that order, inside one transaction with triggers
off, so the seeders keep every rule the services keep themselves. The first area's seeder makes
the persons, the members and the employers and publishes what the others draw on (`ctx.m_*` per
member, `ctx.emp_*` per employer).

Each area draws from its own random stream (`ctx.rng`, derived from --seed and the app's name), so
a change in one area's seeder leaves the other areas' data as it was; the first area's stream is
`random.Random(seed)` itself, the one every seed of the city has used for its persons, members and
employers. Works at any scale from a thousand members (`ctx.scaled`). ID numbers and credit codes
are the project's one generator's (unionhub.people.idnumbers).
"""

import datetime
import itertools
import random
import time
from dataclasses import dataclass, field

from django.core.management.base import CommandError

from unionhub.people.idnumbers import id_number_for, make_credit_code, make_id_number

D = datetime.date
TODAY = D(2026, 11, 24)  # the data's "today": fixed, so a seed is the same whenever it is made
RECORD_YEARS = range(2019, TODAY.year + 1)  # dated records: the last eight years
TZ = "+08"

# Members per district (城中, 鱼峰, 柳南, 柳北, 柳江, 柳城, 鹿寨, 融安, 融水, 三江).
DISTRICT_WEIGHTS = [14, 14, 16, 14, 10, 6, 7, 5, 8, 6]
DISTRICT_CUM = list(itertools.accumulate(DISTRICT_WEIGHTS))
LOCAL_REGIONS = [
    "450202",
    "450203",
    "450204",
    "450205",
    "450206",
    "450222",
    "450223",
    "450224",
    "450225",
    "450226",
]
MIGRANT_REGIONS = [
    "450102", "450103", "450107", "450302", "450305", "450521", "450802", "450881", "451002",
    "451102", "451202", "451302", "431102", "431121", "430503", "522601", "522622", "522701",
    "440882", "510522",
]  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢韦覃蓝莫宋唐许韩冯邓曹彭曾肖田董潘袁蒋蔡余杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆廖范汪金石"
SURNAME_CUM = list(itertools.accumulate(max(1, 60 - i) for i in range(len(SURNAMES))))
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲红梅海燕建国志文斌辉鹏飞宇浩凯俊峰波宁琳丹萍"
    "晶欣雪婷慧颖玉兰凤云春晓立新永福荣德成林东亮光春秋冬梦佳怡子涵一诺思源嘉欣雨轩梓萱宏家庆"
)
STREETS = ["城中", "鱼峰", "柳南", "柳北", "河西", "雒容", "拉堡", "大浦", "长塘", "洛埠", "潭中", "白沙"]
WORDS = ["华", "盛", "通", "达", "恒", "兴", "鑫", "源", "泰", "祥", "联", "创", "汇", "宏", "瑞", "丰"]
SUFFIXES = ["有限公司", "有限责任公司", "股份有限公司", "集团有限公司", "商贸有限公司", "物流有限公司"]
PERSON_COLUMNS = ["id", "id_number", "name", "phone", "birth_date", "sex", "created_at"]


def id_check(body: str) -> str:
    """The GB 11643 check character of a 17-digit `body`."""
    return id_number_for(body)[-1]


def credit_code(n: int) -> str:
    """The n-th distinct valid unified social credit code (GB 32100), as the import checks it."""
    return make_credit_code(n)


def import_header(kind: str, *, without: tuple[str, ...] = ()) -> list[str]:
    """The header row of the import kind `kind` (its columns in their order), less the optional
    columns `without`: what a seeder that writes files for the import engine puts first."""
    from unionhub.imports.kinds import get_kind

    return [h for h in get_kind(kind).headers if h not in without]


def days(start: D, end: D) -> int:
    return (end - start).days


def ts(day: D) -> str:
    """A timestamp for COPY: nine in the morning of `day`, Beijing time."""
    return f"{day.isoformat()} 09:00:00{TZ}"


def money(x: float) -> str:
    return f"{x:.2f}"


def area_rng(seed: int, app: str, *, first: bool) -> random.Random:
    """The random stream of one work area: the first area's is the seed's own (see above)."""
    return random.Random(seed if first else f"{seed}:{app}")


def work_area_seeders() -> list[tuple[str, object]]:
    """(app, seeder module) for every work area that has one (WorkAreaConfig.seeder, by default
    `<app>/seeder.py`), in the order of settings.UNIONHUB_WORK_AREAS (unionhub/core/areas.py)."""
    from unionhub.core.areas import area_modules

    return [(area.name, module) for area, module in area_modules("seeder")]


@dataclass
class SeedContext:
    """What every seeder is called with.

    - `n` members to make, `scale` = n / 1,000,000, `scaled(x, floor)` = a count of the 1M city
      scaled to this one; `rng`, the calling area's random stream; `log(text)`;
    - the organization tree: `city`, `districts` (ten Organizations), `enterprise_orgs` and
      `joint_orgs` ({district pk: [org pk]}), `district_of` ({org pk: its district's pk or None});
    - `copy(model, columns, rows)`: COPY tuples into a model's table (explicit ids; counted);
    - `extra_persons(count, born=(y0, y1))`: persons who are no members, their ids returned;
      `person_row`, `name`, `phone`: people as the first area's seeder makes them;
    - from the first area's seeder: `m_org`, `m_employer`, `m_join`, `m_birth`, `m_active` (index =
      member id = person id, 1..n) and `emp_org`, `emp_district`, `emp_union`, `emp_industry`,
      `emp_headcount`, `emp_private` (index = employer id, 1..n_employers), `industry_ids`,
      `big_employers`, `leads`.
    """

    n: int
    seed: int
    log: object
    cur: object = None
    rng: random.Random = None
    counts: dict = field(default_factory=dict)
    id_seq: dict = field(default_factory=dict)
    next_person: int = 1

    @property
    def scale(self) -> float:
        return self.n / 1_000_000

    def scaled(self, n: int, floor: int = 1) -> int:
        return max(floor, round(n * self.scale))

    def copy(self, model, columns: list[str], rows) -> int:
        """COPY `rows` (tuples in the order of `columns`, attnames) into the model's table."""
        table = model._meta.db_table
        missing = [
            f.column
            for f in model._meta.concrete_fields
            if not f.null and f.column not in columns and not f.has_default() and not f.primary_key
        ]
        if missing:
            raise CommandError(f"{table}: no value for {missing}")
        cols = ", ".join(f'"{c}"' for c in columns)
        started, n = time.perf_counter(), 0
        with self.cur.copy(f'COPY "{table}" ({cols}) FROM STDIN') as cp:
            for row in rows:
                cp.write_row(row)
                n += 1
        self.counts[model] = self.counts.get(model, 0) + n
        self.log(f"  {table}: {n:,} rows in {time.perf_counter() - started:.1f} s")
        return n

    # -- people ---------------------------------------------------------------------------------

    def id_number(self, region: str, birth: D, male: bool) -> str:
        key = (region, birth)
        k = self.id_seq.get(key, 0)
        self.id_seq[key] = k + 1
        seq = (k * 2 + (1 if male else 0)) % 1000  # 17th digit odd for men
        return make_id_number(birth=birth, seq=seq, region=region)

    def name(self) -> str:
        rnd = self.rng
        surname = rnd.choices(SURNAMES, cum_weights=SURNAME_CUM)[0]
        given = rnd.choice(GIVEN) if rnd.random() < 0.3 else rnd.choice(GIVEN) + rnd.choice(GIVEN)
        return surname + given

    def phone(self) -> str:
        rnd = self.rng
        if rnd.random() < 0.08:
            return ""
        return f"1{rnd.choice('35789')}{rnd.randrange(10**9):09d}"

    def person_row(self, pid: int, *, birth: D, migrant: bool, created: D):
        rnd = self.rng
        male = rnd.random() < 0.55
        region = rnd.choice(MIGRANT_REGIONS if migrant else LOCAL_REGIONS)
        number = self.id_number(region, birth, male)
        return (pid, number, self.name(), self.phone(), birth, "男" if male else "女", ts(created))

    def extra_persons(self, count: int, *, born: tuple[int, int]) -> list[int]:
        """Persons who are no members (retired or unemployed people in hardship, applicants)."""
        from unionhub.people.models import Person

        rnd = self.rng
        rows = []
        first = D(born[0], 1, 1)
        span = days(first, D(born[1], 12, 31))
        for _ in range(count):
            birth = first + datetime.timedelta(days=rnd.randrange(span))
            rows.append(
                self.person_row(
                    self.next_person, birth=birth, migrant=rnd.random() < 0.2, created=D(2019, 1, 1)
                )
            )
            self.next_person += 1
        self.copy(Person, PERSON_COLUMNS, rows)
        return [r[0] for r in rows]

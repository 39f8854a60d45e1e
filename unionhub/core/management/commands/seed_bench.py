"""`seed_bench --members 1000000`: a city at full scale for the benchmarks (docs/benchmarks.md).

The Liuzhou tree (seed_demo's city and ten districts, plus enterprise, joint and industry unions),
~5,000 employers with unions and ~30,000 without (industries, lead enterprises and their chains),
N members with their persons (valid GB 11643 ID numbers with plausible birth dates, names, key
groups ~5%, migrant workers ~30%, join dates over twenty years), 0.84 N member cards, hardship
files, relief programs and payments, care services, legal cases, contests, awards, promotions,
merchants, stores and perk days. Every count but the tree's scales with --members.

Rows are written with PostgreSQL COPY (psycopg's `cursor.copy`) in one transaction, with explicit
ids, so a run is all or nothing. Triggers (pghistory's audit rows, pgtrigger's delete guards, and
the foreign-key checks) are off for that transaction (`session_replication_role = replica`): the
generator keeps every constraint itself, and the check constraints and unique indexes still apply.
A database that already holds members is left alone; `--reset` empties the record tables first
(organizations and users stay). Deterministic for a given --seed.
"""

import bisect
import datetime
import itertools
import random
import time
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from legal.models import Case, CaseEvent, Lawyer
from members.models import Drive, Employer, Industry, KeyGroup, Member
from perks.models import MemberCard, Merchant, PerkDay, PerkSale, Store
from relief.models import CareService, HardshipFile, Payment, ReliefProgram
from skills.models import Contest, CraftsmanAward, Entry, Promotion, Trade
from unionhub.core.management.commands.seed_demo import DISTRICTS, seed_tree
from unionhub.orgs.models import Organization, User
from unionhub.orgs.roles import ADMIN, OFFICIAL, STAFF
from unionhub.people.models import Person

D = datetime.date
K = Organization.Kind
TODAY = D(2026, 11, 24)  # the data's "today": fixed, so a seed is the same whenever it is made
FIRST_YEAR = 2007  # join dates spread over twenty years
RECORD_YEARS = range(2019, TODAY.year + 1)  # relief, legal, skills, perks: the last eight years
BENCH_USERS = [
    # username, organization code, roles
    ("bench_city", "LZ", [STAFF, OFFICIAL, ADMIN]),
    ("bench_cz", "LZ-CZ", [STAFF]),
]

# Members per district (城中, 鱼峰, 柳南, 柳北, 柳江, 柳城, 鹿寨, 融安, 融水, 三江).
DISTRICT_WEIGHTS = [14, 14, 16, 14, 10, 6, 7, 5, 8, 6]
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
DISTRICT_CUM = list(itertools.accumulate(DISTRICT_WEIGHTS))
JOIN_YEARS = list(range(FIRST_YEAR, TODAY.year + 1))
JOIN_CUM = list(itertools.accumulate(10 + 2 * (y - FIRST_YEAR) for y in JOIN_YEARS))
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲红梅海燕建国志文斌辉鹏飞宇浩凯俊峰波宁琳丹萍"
    "晶欣雪婷慧颖玉兰凤云春晓立新永福荣德成林东亮光春秋冬梦佳怡子涵一诺思源嘉欣雨轩梓萱宏家庆"
)
STREETS = ["城中", "鱼峰", "柳南", "柳北", "河西", "雒容", "拉堡", "大浦", "长塘", "洛埠", "潭中", "白沙"]
WORDS = ["华", "盛", "通", "达", "恒", "兴", "鑫", "源", "泰", "祥", "联", "创", "汇", "宏", "瑞", "丰"]
SUFFIXES = ["有限公司", "有限责任公司", "股份有限公司", "集团有限公司", "商贸有限公司", "物流有限公司"]
TRADES = [
    "维修电工", "汽车维修工", "汽车装调工", "钳工", "电焊工", "数控车工", "数控铣工", "加工中心操作工",
    "铸造工", "焊工", "茶艺师", "育婴员", "养老护理员", "中式烹调师", "美容师", "电工", "车工", "叉车司机",
    "快递员", "网约配送员",
]  # fmt: skip
POINTS = [
    "柳州火车站", "柳州汽车站", "柳州东站", "柳江汽车站", "鹿寨火车站", "融水汽车站", "三江南站", "柳北客运站",
    "城中区职工服务中心", "鱼峰区职工服务中心", "柳南区职工服务中心", "柳北区职工服务中心", "柳江区职工服务中心",
    "柳城县职工服务中心", "鹿寨县职工服务中心", "融安县职工服务中心", "融水县职工服务中心", "三江县职工服务中心",
    "柳钢职工医院", "上汽通用五菱园区", "东风柳汽园区", "河西工业园", "阳和工业园", "柳东新区服务站",
    "环卫工人爱心驿站", "户外劳动者驿站",
]  # fmt: skip
MERCHANT_NAMES = ["超市", "电器", "大药房", "酒家", "旅行社", "培训学校", "眼镜店", "书店", "家居", "影城"]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
TZ = "+08"


def id_check(body: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def credit_code(n: int) -> str:
    """The n-th distinct valid unified social credit code (GB 32100), as the import checks it."""
    tail = ""
    for _ in range(9):
        n, r = divmod(n, 31)
        tail = USCC_ALPHABET[r] + tail
    body = f"91450200{tail}"
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


def days(start: D, end: D) -> int:
    return (end - start).days


def ts(day: D) -> str:
    return f"{day.isoformat()} 09:00:00{TZ}"


def money(x: float) -> str:
    return f"{x:.2f}"


class Seeder:
    def __init__(self, *, members: int, seed: int, log):
        self.n = members
        self.scale = members / 1_000_000
        self.rnd = random.Random(seed)
        self.log = log
        self.counts: dict[str, int] = {}
        self.id_seq: dict[tuple, int] = {}

    def scaled(self, n: int, floor: int = 1) -> int:
        return max(floor, round(n * self.scale))

    # -- COPY ----------------------------------------------------------------------------------

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
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + n
        self.log(f"  {table}: {n:,} rows in {time.perf_counter() - started:.1f} s")
        return n

    # -- people ---------------------------------------------------------------------------------

    def id_number(self, region: str, birth: D, male: bool) -> str:
        key = (region, birth)
        k = self.id_seq.get(key, 0)
        self.id_seq[key] = k + 1
        seq = (k * 2 + (1 if male else 0)) % 1000  # 17th digit odd for men
        body = f"{region}{birth:%Y%m%d}{seq:03d}"
        return body + id_check(body)

    def name(self) -> str:
        rnd = self.rnd
        surname = rnd.choices(SURNAMES, cum_weights=SURNAME_CUM)[0]
        given = rnd.choice(GIVEN) if rnd.random() < 0.3 else rnd.choice(GIVEN) + rnd.choice(GIVEN)
        return surname + given

    def phone(self) -> str:
        rnd = self.rnd
        if rnd.random() < 0.08:
            return ""
        return f"1{rnd.choice('35789')}{rnd.randrange(10**9):09d}"

    def person_row(self, pid: int, *, birth: D, migrant: bool, created: D):
        rnd = self.rnd
        male = rnd.random() < 0.55
        region = rnd.choice(MIGRANT_REGIONS if migrant else LOCAL_REGIONS)
        number = self.id_number(region, birth, male)
        return (pid, number, self.name(), self.phone(), birth, "男" if male else "女", ts(created))

    PERSON_COLUMNS = ["id", "id_number", "name", "phone", "birth_date", "sex", "created_at"]

    # -- the tree -------------------------------------------------------------------------------

    def tree(self):
        seed_tree()
        city = Organization.objects.get(code="LZ")
        districts = {o.code: o for o in Organization.objects.filter(code__in=[c for c, _ in DISTRICTS])}
        self.city = city
        self.districts = [districts[code] for code, _ in DISTRICTS]
        existing = set(Organization.objects.values_list("code", flat=True))
        new = []
        rnd = random.Random(7)
        district_names = {code: name.replace("总工会", "") for code, name in DISTRICTS}
        for code, _ in DISTRICTS:
            d = districts[code]
            n_ent = {"LZ-CZ": 40, "LZ-YF": 45, "LZ-LN": 50, "LZ-LB": 40, "LZ-LJ": 30}.get(code, 19)
            for i in range(1, n_ent + 1):
                c = f"{code}-{i:03d}"
                if c not in existing:
                    name = f"柳州{''.join(rnd.sample(WORDS, 2))}{rnd.choice(SUFFIXES)}工会委员会"
                    new.append(Organization(code=c, name=name, kind=K.ENTERPRISE, parent=d))
            for i in range(1, 5):
                c = f"{code}-L{i:02d}"
                if c not in existing:
                    name = f"{district_names[code]}{rnd.choice(STREETS)}第{i}联合工会"
                    new.append(Organization(code=c, name=name, kind=K.JOINT, parent=d))
        for i, name in enumerate(["汽车", "冶金", "机械", "化工", "建设", "交通", "商贸", "教科文卫"], 1):
            c = f"LZ-CY{i:02d}"
            if c not in existing:
                new.append(Organization(code=c, name=f"柳州市{name}产业工会", kind=K.INDUSTRY, parent=city))
        for o in new:
            o.path = o.compute_path()
        Organization.objects.bulk_create(new)
        orgs = list(Organization.objects.filter(path__startswith=city.path))
        self.enterprise_orgs = {d.pk: [] for d in self.districts}
        self.joint_orgs = {d.pk: [] for d in self.districts}
        self.district_of = {}
        for o in orgs:
            if o.parent_id in self.enterprise_orgs:
                (self.enterprise_orgs if o.kind == K.ENTERPRISE else self.joint_orgs)[o.parent_id].append(
                    o.pk
                )
                self.district_of[o.pk] = o.parent_id
            elif o.parent_id is None or o.parent_id == city.pk:
                self.district_of[o.pk] = o.pk if o.kind == K.DISTRICT else None
        self.log(f"  organizations: {len(new)} new, {len(orgs)} in the tree")

    def users(self, password: str):
        for username, code, roles in BENCH_USERS:
            user = User.objects.filter(username=username).first() or User(username=username)
            user.organization = Organization.objects.get(code=code)
            user.last_name, user.first_name = "压测", username
            user.set_password(password)
            user.save()
            user.groups.set(Group.objects.filter(name__in=roles))

    # -- employers ------------------------------------------------------------------------------

    def employers(self):
        rnd = self.rnd
        industries = dict(Industry.objects.values_list("name", "pk"))
        names = list(industries)
        weights = [
            {"汽车制造": 8, "机械制造": 8, "商贸": 10, "建筑": 8, "餐饮": 8, "其他": 10}.get(n, 4)
            for n in names
        ]
        self.industry_ids = [industries[n] for n in names]
        big = [o for d in self.districts for o in self.enterprise_orgs[d.pk]]
        n_union = max(len(big) + 10, self.scaled(5000))
        n_none = self.scaled(30000, 10)
        self.emp_org, self.emp_district, self.emp_union, self.emp_industry = [None], [None], [False], [None]
        self.emp_headcount, self.emp_private = [0], [False]
        rows, eid = [], 0
        d_ids = [d.pk for d in self.districts]

        def add(org, district, has_union, founded, headcount, private, lead=None):
            nonlocal eid
            eid += 1
            industry = rnd.choices(names, weights)[0]
            words = "".join(rnd.sample(WORDS, 2))
            name = f"柳州{rnd.choice(STREETS)}{words}{industry}{rnd.choice(SUFFIXES)}"
            rows.append(
                (
                    eid,
                    f"{name[:-4]}{eid}号{name[-4:]}",
                    credit_code(eid),
                    org,
                    industries[industry],
                    "非公" if private else "公有",
                    headcount,
                    has_union,
                    founded,
                    lead,
                )
            )
            self.emp_org.append(org)
            self.emp_district.append(district)
            self.emp_union.append(has_union)
            self.emp_industry.append(industries[industry])
            self.emp_headcount.append(headcount)
            self.emp_private.append(private)
            return eid

        def founded_on(first, last):
            start = D(first, 1, 1)
            return start + datetime.timedelta(days=rnd.randrange(days(start, min(D(last, 12, 31), TODAY))))

        # The big employers: one enterprise union each.
        self.big_employers = []
        for org in big:
            district = self.district_of[org]
            self.big_employers.append(
                add(
                    org, district, True, founded_on(1985, 2016), rnd.randrange(800, 12000), rnd.random() > 0.4
                )
            )
        # Employers with a union of their district or a joint union, founding over the years.
        for _ in range(n_union - len(big)):
            district = rnd.choices(d_ids, cum_weights=DISTRICT_CUM)[0]
            org = rnd.choice(self.joint_orgs[district]) if rnd.random() < 0.3 else district
            add(
                org, district, True, founded_on(2000, TODAY.year), rnd.randrange(15, 800), rnd.random() > 0.15
            )
        # Employers without a union.
        for _ in range(n_none):
            district = rnd.choices(d_ids, cum_weights=DISTRICT_CUM)[0]
            add(district, district, False, None, rnd.randrange(3, 300), rnd.random() > 0.05)
        # Chain campaigns: thirty lead enterprises, each with a chain of smaller private employers.
        self.leads = rnd.sample(self.big_employers, min(30, len(self.big_employers)))
        small = range(len(big) + 1, eid + 1)
        chained = rnd.sample(small, min(len(small) // 2, self.scaled(1500, 10)))
        leads = {e: rnd.choice(self.leads) for e in chained}
        rows = [r[:-1] + (leads.get(r[0]),) for r in rows]
        for e in chained:  # private employers; the campaign got half of those without a union to found one
            row = list(rows[e - 1])
            row[5] = "非公"
            self.emp_private[e] = True
            if not row[7] and rnd.random() < 0.5:
                row[7], row[8] = True, founded_on(RECORD_YEARS[0], TODAY.year)
                self.emp_union[e] = True
            rows[e - 1] = tuple(row)
        self.n_employers = eid
        self.copy(
            Employer,
            ["id", "name", "credit_code", "organization_id", "industry_id", "ownership", "headcount",
             "has_union", "union_founded_on", "lead_id"],
            rows,
        )  # fmt: skip

    # -- members and persons --------------------------------------------------------------------

    def join_date(self) -> D:
        rnd = self.rnd
        year = rnd.choices(JOIN_YEARS, cum_weights=JOIN_CUM)[0]
        start = D(year, 1, 1)
        end = min(D(year, 12, 31), TODAY)
        return start + datetime.timedelta(days=rnd.randrange(days(start, end) + 1))

    def members(self):
        rnd = self.rnd
        n = self.n
        # Employers weighted by headcount; those without a union are far less likely.
        weights = [0.0] + [
            h * (1.0 if u else 0.08) for h, u in zip(self.emp_headcount[1:], self.emp_union[1:], strict=True)
        ]
        cum = list(itertools.accumulate(weights))
        total = cum[-1]
        groups = [g.value for g in KeyGroup]
        d_ids = [d.pk for d in self.districts]
        self.m_org = [0] * (n + 1)
        self.m_employer = [None] * (n + 1)
        self.m_join = [None] * (n + 1)
        self.m_active = bytearray(n + 1)
        self.m_birth = [None] * (n + 1)
        statuses = ["在会", "转出", "退会"]
        member_rows = []

        def persons():
            """Person rows for COPY; the member rows are kept for the next COPY."""
            for pid in range(1, n + 1):
                if rnd.random() < 0.12:  # gig workers: no employer, often a key group
                    employer = None
                    district = rnd.choices(d_ids, cum_weights=DISTRICT_CUM)[0]
                    org = rnd.choice(self.joint_orgs[district]) if rnd.random() < 0.6 else district
                    group = rnd.choice(groups) if rnd.random() < 0.3 else ""
                else:
                    employer = max(1, bisect.bisect_left(cum, rnd.random() * total))
                    if self.emp_union[employer]:
                        org = self.emp_org[employer]
                    else:
                        district = self.emp_district[employer]
                        joints = self.joint_orgs[district]
                        org = rnd.choice(joints) if rnd.random() < 0.5 else district
                    group = rnd.choice(groups) if rnd.random() < 0.015 else ""
                migrant = rnd.random() < 0.3
                joined = self.join_date()
                age = rnd.randrange(18, 56)
                birth = joined - datetime.timedelta(days=age * 365 + rnd.randrange(365))
                status = statuses[0] if rnd.random() < 0.93 else rnd.choice(statuses[1:])
                self.m_org[pid], self.m_employer[pid], self.m_join[pid] = org, employer, joined
                self.m_birth[pid] = birth
                self.m_active[pid] = status == "在会"
                member_rows.append((pid, pid, org, employer, joined, status, group, migrant))
                yield self.person_row(pid, birth=birth, migrant=migrant, created=joined)

        self.copy(Person, self.PERSON_COLUMNS, persons())
        self.copy(
            Member,
            [
                "id",
                "person_id",
                "organization_id",
                "employer_id",
                "join_date",
                "status",
                "key_group",
                "is_migrant",
            ],
            member_rows,
        )
        self.next_person = n + 1

    def extra_persons(self, count: int, *, born: tuple[int, int]) -> list[int]:
        """Persons who are no members (retired or unemployed people in hardship, applicants)."""
        rnd = self.rnd
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
        self.copy(Person, self.PERSON_COLUMNS, rows)
        return [r[0] for r in rows]

    # -- cards ----------------------------------------------------------------------------------

    def cards(self):
        rnd = self.rnd
        start = D(2016, 3, 1)
        active = [pid for pid in range(1, self.n + 1) if self.m_active[pid]]
        n_cards = self.scaled(840_000)
        n_replaced = self.scaled(20_000)
        holders = rnd.sample(active, min(len(active), n_cards - n_replaced))
        replaced = set(rnd.sample(holders, min(len(holders), n_replaced)))
        rows, cid = [], 0

        def issued_after(day: D) -> D:
            first = max(day, start)
            return first + datetime.timedelta(days=rnd.randrange(days(first, TODAY) + 1))

        for member in sorted(holders):
            issued = issued_after(self.m_join[member])
            old = None
            if member in replaced and issued < TODAY:
                cid += 1
                old = cid
                rows.append((cid, f"6217001{cid:07d}", member, issued, "注销", None, self.m_org[member]))
                issued = issued_after(issued + datetime.timedelta(days=1)) if issued < TODAY else issued
            cid += 1
            status = "挂失" if rnd.random() < 0.01 else "正常"
            rows.append((cid, f"6217001{cid:07d}", member, issued, status, old, self.m_org[member]))
        self.copy(
            MemberCard,
            ["id", "number", "member_id", "issued_on", "status", "replaces_id", "organization_id"],
            rows,
        )

    # -- relief ---------------------------------------------------------------------------------

    def relief(self):
        rnd = self.rnd
        per_year = self.scaled(5000, 20)
        outsiders = self.extra_persons(self.scaled(12_000, 10), born=(1950, 1985))
        active = [
            pid for pid in rnd.sample(range(1, self.n + 1), min(self.n, per_year * 8)) if self.m_active[pid]
        ]
        d_ids = [d.pk for d in self.districts]
        rows, files, fid = [], [], 0
        seen = set()
        causes = ["因病", "因残", "因学", "失业", "灾害", "其他"]
        for year in RECORD_YEARS:
            start = D(year, 1, 1)
            end = min(D(year, 12, 31), TODAY)
            for _ in range(per_year):
                if rnd.random() < 0.7 and active:
                    person = rnd.choice(active)
                    category, org = "在职", self.m_org[person]
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
        self.copy(
            HardshipFile,
            ["id", "person_id", "category", "cause", "household_size", "income_per_head", "organization_id",
             "filed_on", "state", "verified_on", "exited_on", "created_at"],
            rows,
        )  # fmt: skip
        self.payments(files)
        self.care()

    def payments(self, files):
        rnd = self.rnd
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
        union_employers = [e for e in range(1, self.n_employers + 1) if self.emp_union[e]]
        for year in RECORD_YEARS:
            for kind, (budget, cap, share, months) in kinds.items():
                pid += 1
                spent = Decimal(0)
                first = D(year, months[0], 1)
                last = min(D(year, months[1], 28), TODAY)
                if first > TODAY:
                    programs.append([pid, kind, year, budget, cap, self.city.pk, Decimal(0)])
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
                    for unit in rnd.sample(union_employers, min(len(union_employers), self.scaled(400, 3))):
                        paid = first + datetime.timedelta(days=rnd.randrange(days(first, last) + 1))
                        cash = Decimal(rnd.randrange(10, 100) * 100)
                        goods = Decimal(rnd.randrange(0, 30) * 100)
                        number += 1
                        payments.append(
                            (number, f"FF{year}{number:07d}", pid, None, None, unit, rnd.randrange(20, 500), cash,
                             goods, paid, self.emp_org[unit], ts(paid), "")
                        )  # fmt: skip
                        spent += cash + goods
                programs.append([pid, kind, year, max(budget, spent), cap, self.city.pk, spent])
        self.copy(
            ReliefProgram, ["id", "kind", "year", "budget", "cap", "organization_id", "spent"], programs
        )
        self.copy(
            Payment,
            ["id", "number", "program_id", "person_id", "file_id", "unit_id", "people_reached", "cash", "goods",
             "paid_on", "organization_id", "created_at", "note"],
            payments,
        )  # fmt: skip

    def care(self):
        rnd = self.rnd
        kinds = ["暖流服务", "免费体检", "高温慰问", "亲子团聚", "爱心托管"]
        rows, sid = [], 0
        d_ids = [self.city.pk] + [d.pk for d in self.districts]
        for year in RECORD_YEARS:
            for _ in range(self.scaled(1500, 5)):
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
        self.copy(
            CareService,
            ["id", "number", "kind", "point", "start", "end", "person_times", "goods", "organization_id"],
            rows,
        )

    # -- legal ----------------------------------------------------------------------------------

    def legal(self):
        rnd = self.rnd
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
        self.copy(Lawyer, ["id", "name", "firm", "licence_number"], lawyers)
        applicants = self.extra_persons(self.scaled(4000, 5), born=(1960, 2000))
        channels = ["来电", "来访", "网络", "信函"]
        causes = ["拖欠工资", "劳动合同", "社会保险", "工伤", "解除劳动关系", "其他"]
        handlings = ["法律咨询", "调解", "指派律师代理仲裁", "指派律师代理诉讼"]
        d_ids = [self.city.pk] + [d.pk for d in self.districts]
        cases, events, cid, eid = [], [], 0, 0
        for year in RECORD_YEARS:
            for seq in range(1, self.scaled(3000, 5) + 1):
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
                     self.name(), applicant, f"柳州{''.join(rnd.sample(WORDS, 2))}{rnd.choice(SUFFIXES)}", cause,
                     handling, lawyer, status, closed, recovered, "当事人反映用人单位问题,已登记。",
                     rnd.choice(d_ids), ts(received))
                )  # fmt: skip
                eid += 1
                events.append((eid, cid, ts(received), "受理", ""))
                if closed:
                    eid += 1
                    events.append((eid, cid, ts(closed), "结案", ""))
        self.copy(
            Case,
            ["id", "number", "received_on", "dispute_on", "channel", "is_group", "persons", "migrants",
             "applicant_name", "applicant_id", "employer_name", "cause", "handling", "lawyer_id", "status",
             "closed_on", "recovered", "note", "organization_id", "created_at"],
            cases,
        )  # fmt: skip
        self.copy(CaseEvent, ["id", "case_id", "at", "action", "detail"], events)

    # -- skills ---------------------------------------------------------------------------------

    def skills(self):
        rnd = self.rnd
        self.copy(Trade, ["id", "name"], [(i, t) for i, t in enumerate(TRADES, 1)])
        employed = [
            pid for pid in rnd.sample(range(1, self.n + 1), min(self.n, 60_000)) if self.m_employer[pid]
        ]
        contests, entries, awards, promotions = [], [], [], []
        kid = eid = aid = prid = 0
        promoted = set()
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
                contests.append((kid, year, name, level))
                for trade in rnd.sample(range(1, len(TRADES) + 1), n_trades):
                    people = rnd.sample(employed, per_trade)
                    scores = sorted((round(rnd.uniform(40, 99), 2) for _ in people), reverse=True)
                    for rank, (person, score) in enumerate(zip(people, scores, strict=True), 1):
                        eid += 1
                        given = level != "市级"
                        entries.append(
                            (eid, kid, trade, person, self.m_employer[person], f"{score:.2f}",
                             rnd.randrange(1, 30) if given else rank, given, self.m_org[person])
                        )  # fmt: skip
            for title, count in (("工匠", 10), ("提名奖", 30)):
                for person in rnd.sample(employed, count):
                    aid += 1
                    employer = self.m_employer[person]
                    awards.append(
                        (aid, year, title, person, employer, self.emp_industry[employer], self.m_org[person])
                    )
            start = D(year, 1, 1)
            span = days(start, min(D(year, 12, 31), TODAY)) + 1
            for _ in range(self.scaled(6000, 10)):
                person, trade, level = (
                    rnd.choice(employed),
                    rnd.randrange(1, len(TRADES) + 1),
                    rnd.choice(levels),
                )
                if (person, trade, level) in promoted:
                    continue
                promoted.add((person, trade, level))
                prid += 1
                subsidy = (
                    money(rnd.choice([500, 800, 1000, 1500, 2000, 3000])) if rnd.random() < 0.8 else None
                )
                certified = start + datetime.timedelta(days=rnd.randrange(span))
                promotions.append((prid, person, trade, level, certified, subsidy, self.m_org[person]))
        # Award persons must be distinct per year (one title per person per year).
        seen, unique_awards = set(), []
        for row in awards:
            if (row[3], row[1]) not in seen:
                seen.add((row[3], row[1]))
                unique_awards.append(row)
        self.copy(Contest, ["id", "year", "name", "level"], contests)
        self.copy(
            Entry,
            ["id", "contest_id", "trade_id", "person_id", "employer_id", "score", "rank", "rank_given",
             "organization_id"],
            entries,
        )  # fmt: skip
        self.copy(
            CraftsmanAward,
            ["id", "year", "title", "person_id", "employer_id", "industry_id", "organization_id"],
            unique_awards,
        )
        self.copy(
            Promotion,
            ["id", "person_id", "trade_id", "level", "certified_on", "subsidy", "organization_id"],
            promotions,
        )

    # -- perks ----------------------------------------------------------------------------------

    def perks(self):
        rnd = self.rnd
        categories = ["商超", "家电", "餐饮", "医药", "文旅", "教育", "其他"]
        d_ids = [self.city.pk] + [d.pk for d in self.districts]
        merchants, stores, mid, sid = [], [], 0, 0
        signed_of = {}
        for _ in range(self.scaled(1500, 5)):
            mid += 1
            signed = D(2016, 1, 1) + datetime.timedelta(days=rnd.randrange(days(D(2016, 1, 1), TODAY)))
            signed_of[mid] = signed
            name = f"柳州{''.join(rnd.sample(WORDS, 2))}{rnd.choice(MERCHANT_NAMES)}{mid}号"
            merchants.append(
                (mid, name, credit_code(10_000_000 + mid), rnd.choice(categories),
                 f"会员凭卡享{rnd.randrange(80, 98)}折", signed, rnd.choice(d_ids))
            )  # fmt: skip
            for k in range(1, rnd.randrange(1, 6) + 1):
                sid += 1
                stores.append(
                    (sid, mid, f"{name}{rnd.choice(STREETS)}{k}店", f"柳州市{rnd.choice(STREETS)}路{sid}号")
                )
        self.copy(
            Merchant,
            ["id", "name", "credit_code", "category", "perks", "signed_on", "organization_id"],
            merchants,
        )
        self.copy(Store, ["id", "merchant_id", "name", "address"], stores)
        days_rows, sales, did, salid = [], [], 0, 0
        for year in RECORD_YEARS:
            for month, day in ((4, 15), (10, 15)):
                date = D(year, month, day)
                if date > TODAY:
                    continue
                did += 1
                days_rows.append((did, f"{year}年{month}·{day}红利日", date))
                for m in range(1, mid + 1):
                    if signed_of[m] <= date and rnd.random() < 0.6:
                        salid += 1
                        amount = rnd.uniform(10_000, 2_000_000)
                        sales.append((salid, did, m, money(amount), money(amount * rnd.uniform(0.05, 0.35))))
        self.copy(PerkDay, ["id", "name", "date"], days_rows)
        self.copy(PerkSale, ["id", "day_id", "merchant_id", "sales", "discount"], sales)

    # -- drives ---------------------------------------------------------------------------------

    def drives(self):
        rnd = self.rnd
        groups = [g.value for g in KeyGroup]
        industry_of = {"货车司机": "道路货运", "快递员": "快递物流", "网约送餐员": "餐饮", "保安员": "其他"}
        industries = dict(Industry.objects.values_list("name", "pk"))
        rows, did = [], 0
        for year in RECORD_YEARS:
            for i, group in enumerate(rnd.sample(groups, 3)):
                start = D(year, 3 + 3 * i, 1)
                if start > TODAY:
                    continue
                end = D(year, 5 + 3 * i, 30)
                did += 1
                rows.append(
                    (did, f"{year}年{group}入会集中行动", group, industries[industry_of.get(group, "商贸")], start, end,
                     self.scaled(20000, 50), Decimal(rnd.randrange(30, 60)), Decimal(rnd.randrange(20, 50)),
                     self.city.pk)
                )  # fmt: skip
        self.copy(
            Drive,
            ["id", "name", "key_group", "industry_id", "start", "end", "population", "target_join_rate",
             "target_founding_rate", "organization_id"],
            rows,
        )  # fmt: skip

    # -- the whole ------------------------------------------------------------------------------

    TABLES = [
        Person, Employer, Member, Drive, MemberCard, HardshipFile, ReliefProgram, Payment, CareService,
        Lawyer, Case, CaseEvent, Trade, Contest, Entry, CraftsmanAward, Promotion, Merchant, Store, PerkDay,
        PerkSale,
    ]  # fmt: skip

    def run(self, *, reset: bool, password: str) -> bool:
        """Seed; False when the database already holds this city (a second run is a no-op)."""
        self.log("organization tree and users")
        self.tree()
        self.users(password)
        with connection.cursor() as cur:
            self.cur = cur
            if reset:
                tables = ", ".join(f'"{m._meta.db_table}"' for m in self.TABLES)
                cur.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
            elif Member.objects.exists() or Person.objects.exists():
                if Member.objects.count() == self.n:
                    self.log(
                        f"the database already holds {self.n:,} members: nothing to do (--reset rebuilds)"
                    )
                    return False
                raise CommandError("数据库中已有其他人员或会员数据;如需重建请加 --reset")
            # No triggers for this transaction: no audit rows for seeded data, no FK checks.
            cur.execute("SET LOCAL session_replication_role = replica")
            for step in (self.employers, self.members, self.cards, self.relief, self.legal, self.skills,
                         self.perks, self.drives):  # fmt: skip
                self.log(step.__name__)
                step()
            for sql in connection.ops.sequence_reset_sql(no_style(), self.TABLES):
                cur.execute(sql)
        return True


class Command(BaseCommand):
    help = "生成城市规模的压测数据(默认100万会员),用 PostgreSQL COPY 写入"

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=1_000_000, help="会员人数(其他数据按比例)")
        parser.add_argument("--reset", action="store_true", help="先清空人员及各业务数据(保留组织和用户)")
        parser.add_argument("--seed", type=int, default=2026, help="随机数种子")
        parser.add_argument(
            "--password", default="bench-only-2026", help="压测账号 bench_city / bench_cz 的密码"
        )

    def handle(self, *args, members, reset, seed, password, **options):
        if members < 1000:
            raise CommandError("--members 至少为 1000")
        started = time.perf_counter()
        seeder = Seeder(members=members, seed=seed, log=self.stdout.write)
        with transaction.atomic():
            if not seeder.run(reset=reset, password=password):
                return
        self.stdout.write(f"written in {time.perf_counter() - started:.0f} s; analysing")
        with connection.cursor() as cur:
            # VACUUM (visibility maps for index-only scans) cannot run inside a transaction: a
            # caller's (a test's) gets the statistics only.
            for model in Seeder.TABLES if not connection.in_atomic_block else ():
                cur.execute(f'VACUUM ANALYZE "{model._meta.db_table}"')
            # The rest too: without statistics the planner takes the organization tree for one
            # row and nests the member scans inside it (seconds instead of milliseconds).
            cur.execute("ANALYZE")
        for label, n in seeder.counts.items():
            self.stdout.write(f"  {label}: {n:,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"seed_bench: {members:,} members in {time.perf_counter() - started:.0f} s; "
                f"users {', '.join(u for u, *_ in BENCH_USERS)}"
            )
        )

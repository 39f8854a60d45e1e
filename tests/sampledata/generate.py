"""The project's own sample year, in the import formats of the contract (import-formats.md).

`write_sample(folder)` writes one numbered file per kind (CSV in UTF-8, UTF-8 with BOM and GBK,
and xlsx with date cells, several date spellings and yes/no words, as admins really send them) and
returns the figures of annual-report.md for the city, one district and an enterprise union under it,
computed here, from the rows this module wrote — never through the app. A test imports the files in number order, makes the
report and compares (tests/sampledata/test_sample_year.py).

The data is random but fixed by the seed, small (a few hundred rows), and spread over the edges the
rules care about: records after the as-of date, files that exited, cases still open, cards issued
in earlier years, an organization tree of two districts with enterprise unions under them, members
who leave (转出 / 退会) before, in and after the year and transfers (会员转接) between the districts and
inside one, on as_of and after it; the membership figures are counted from the members' periods
(`org_on`, `member_in`), as domain.md defines them.
"""

import csv
import datetime
import io
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl

from tests.formats import KEY_GROUPS, header
from unionhub.people.idnumbers import make_credit_code, make_id_number

D = datetime.date
INDUSTRIES = ["汽车制造", "钢铁", "机械制造", "道路货运", "快递物流", "商贸", "建筑", "餐饮", "其他"]
RELIEF_PEOPLE_KINDS = ["春节送温暖", "金秋助学", "医疗救助", "其他帮扶"]
RELIEF_UNIT_KINDS = ["送清凉", "游园活动"]
CARE_KINDS = ["暖流服务", "免费体检", "高温慰问", "亲子团聚", "爱心托管"]
CAUSES = ["拖欠工资", "劳动合同", "社会保险", "工伤", "解除劳动关系", "其他"]
HANDLINGS = ["法律咨询", "调解", "指派律师代理仲裁", "指派律师代理诉讼"]
LAWYER_HANDLINGS = {"指派律师代理仲裁", "指派律师代理诉讼"}
TRADES = ["维修电工", "汽车维修工", "钳工", "电焊工", "数控车工"]
LEVELS = ["中级工", "高级工", "技师", "高级技师"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韦覃蒙莫"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲红梅建国志文"
ORG_TREE = [
    ("LZ", "柳州市总工会", "", "市总工会"),
    ("LZ-CZ", "城中区总工会", "LZ", "县区总工会"),
    ("LZ-YF", "鱼峰区总工会", "LZ", "县区总工会"),
    ("LZ-CZ-001", "柳州某汽车零部件有限公司工会", "LZ-CZ", "企业工会"),
    ("LZ-CZ-002", "城中区快递行业联合工会", "LZ-CZ", "联合工会"),
    ("LZ-YF-001", "柳州某钢铁有限公司工会", "LZ-YF", "企业工会"),
    ("LZ-YF-002", "鱼峰区货运行业联合工会", "LZ-YF", "联合工会"),
]
PARENT = {code: parent for code, _, parent, _ in ORG_TREE}


def in_subtree(code: str, root: str) -> bool:
    while code:
        if code == root:
            return True
        code = PARENT[code]
    return False


def rate(numerator: int, denominator: int):
    if not denominator:
        return None
    value = Decimal(numerator * 100) / Decimal(denominator)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def money(value: Decimal) -> float:
    return float(Decimal(value).quantize(Decimal("0.01")))


# --- people and codes ------------------------------------------------------------------------


@dataclass
class Person:
    id_number: str
    name: str


@dataclass
class Sample:
    year: int
    as_of: datetime.date
    rnd: random.Random
    people: list = field(default_factory=list)
    employers: list = field(default_factory=list)  # dicts
    members: list = field(default_factory=list)
    transfers: list = field(default_factory=list)  # every member's, in the order of the file
    drives: list = field(default_factory=list)
    files: list = field(default_factory=list)
    programs: list = field(default_factory=list)
    payments: list = field(default_factory=list)
    care: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    entries: list = field(default_factory=list)
    craftsmen: list = field(default_factory=list)
    promotions: list = field(default_factory=list)
    team_ranks: dict = field(default_factory=dict)  # contest name -> the city team's rank
    model_workers: list = field(default_factory=list)
    contracts: list = field(default_factory=list)
    monitoring: list = field(default_factory=list)
    cards: list = field(default_factory=list)
    merchants: list = field(default_factory=list)
    stores: list = field(default_factory=list)
    sales: list = field(default_factory=list)
    _seq: int = 0

    def next(self) -> int:
        self._seq += 1
        return self._seq

    def person(self) -> Person:
        n = self.next()
        birth = D(1960, 1, 1) + datetime.timedelta(days=self.rnd.randrange(0, 365 * 40))
        name = self.rnd.choice(SURNAMES) + "".join(
            self.rnd.choice(GIVEN) for _ in range(self.rnd.choice((1, 2)))
        )
        p = Person(make_id_number(birth=birth, seq=n), name)
        self.people.append(p)
        return p

    def credit_code(self) -> str:
        return make_credit_code(7000 + self.next())

    def day(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rnd.randrange(0, (end - start).days + 1))

    @property
    def jan1(self):
        return D(self.year, 1, 1)

    @property
    def dec31(self):
        return D(self.year, 12, 31)

    def in_year(self, day) -> bool:
        return day is not None and self.jan1 <= day <= self.as_of


LEAF_ORGS = ["LZ-CZ-001", "LZ-CZ-002", "LZ-YF-001", "LZ-YF-002"]
ALL_ORGS = [code for code, *_ in ORG_TREE]
ONE_DAY = datetime.timedelta(days=1)


# --- membership over time (domain.md, "Membership over time") ---------------------------------


def org_on(member: dict, day: datetime.date) -> str:
    """The organization `member` belongs to on `day`: the one joined, then the receiving
    organization of each transfer dated on or before that day."""
    org = member["org"]
    for t in sorted(member["transfers"], key=lambda t: t["date"]):
        if t["date"] <= day:
            org = t["to"]
    return org


def member_in(member: dict, day: datetime.date) -> bool:
    """Joined on or before `day` and not left (离会日期 empty or after it)."""
    return member["joined"] <= day and (member["left"] is None or member["left"] > day)


# --- the rows --------------------------------------------------------------------------------


def _build(s: Sample) -> None:
    rnd = s.rnd
    # Employers: a few lead enterprises, private ones on their chains, some founded this year.
    for i in range(24):
        lead = None
        if i >= 4 and rnd.random() < 0.6:
            lead = s.employers[rnd.randrange(0, 4)]["code"]
        has_union = rnd.random() < 0.7
        founded = s.day(D(2010, 1, 1), s.dec31 - datetime.timedelta(days=20)) if has_union else None
        s.employers.append(
            {
                "name": f"柳州市第{i + 1}实业有限公司",
                "code": s.credit_code(),
                "org": rnd.choice(ALL_ORGS[1:]),
                "industry": INDUSTRIES[i % len(INDUSTRIES)],
                "ownership": "公有" if i < 3 else "非公",
                "headcount": rnd.randrange(20, 2000),
                "has_union": has_union,
                "founded": founded,
                "lead": lead,
            }
        )
    # Members: joined over four years, some after the as-of date.
    for _ in range(180):
        p = s.person()
        employer = rnd.choice(s.employers) if rnd.random() < 0.8 else None
        s.members.append(
            {
                "person": p,
                "employer": employer["code"] if employer else "",
                "org": rnd.choice(ALL_ORGS[1:]),
                "group": rnd.choice(KEY_GROUPS) if rnd.random() < 0.5 else "",
                "migrant": rnd.random() < 0.3,
                "joined": s.day(D(s.year - 3, 1, 1), D(s.year, 12, 20)),
                "phone": f"139{rnd.randrange(10**7, 10**8)}",
            }
        )
    _build_leavers_and_transfers(s)
    s.drives = [
        {
            "name": f"{s.year}年货车司机入会集中行动",
            "group": "货车司机",
            "industry": "道路货运",
            "start": D(s.year, 4, 1),
            "end": D(s.year, 6, 30),
            "population": 40,
            "target_join": Decimal("40"),
            "target_found": Decimal("30"),
            "org": "LZ",
        },
        {
            "name": f"{s.year}年快递员入会集中行动",
            "group": "快递员",
            "industry": "快递物流",
            "start": D(s.year, 3, 1),
            "end": D(s.year, 12, 31),
            "population": 25,
            "target_join": Decimal("20"),
            "target_found": Decimal("90"),
            "org": "LZ-CZ",
        },
    ]
    # Hardship files: some filed last year, states across the flow; verified files get paid.
    pool = [m["person"] for m in rnd.sample(s.members, 20)]  # members in hardship; one file each
    for i in range(60):
        p = s.person() if i % 3 else pool.pop()
        filed = s.day(D(s.year - 1, 1, 1), s.dec31 - datetime.timedelta(days=40))
        state, verified, exited = (
            rnd.choice(["待认定", "已认定", "已认定", "已认定", "已脱困", "不予认定"]),
            None,
            None,
        )
        if state in ("已认定", "已脱困"):
            verified = filed + datetime.timedelta(days=rnd.randrange(5, 30))
        if state == "已脱困":
            exited = verified + datetime.timedelta(days=rnd.randrange(10, 200))
            if exited > s.dec31:
                state, exited = "已认定", None
        s.files.append(
            {
                "person": p,
                "category": rnd.choice(["在职", "退休", "失业"]),
                "cause": rnd.choice(["因病", "因残", "因学", "失业", "灾害", "其他"]),
                "household": rnd.randrange(1, 6),
                "income": Decimal(rnd.randrange(300, 1500)),
                "org": rnd.choice(ALL_ORGS[1:]),
                "filed": filed,
                "state": state,
                "verified": verified,
                "exited": exited,
            }
        )
    for kind in RELIEF_PEOPLE_KINDS + RELIEF_UNIT_KINDS:
        s.programs.append(
            {"kind": kind, "year": s.year, "budget": Decimal("900000"), "cap": None, "org": "LZ"}
        )
    # Payments: one per person and kind, to files verified (and not exited) on the payment day.
    number = 0
    for f in s.files:
        if f["verified"] is None or f["verified"].year > s.year:
            continue
        for kind in rnd.sample(RELIEF_PEOPLE_KINDS, rnd.randrange(1, 3)):
            start = max(f["verified"], s.jan1)
            end = min(f["exited"] - datetime.timedelta(days=1) if f["exited"] else s.dec31, s.dec31)
            if start > end:
                continue
            number += 1
            s.payments.append(
                {
                    "number": f"FF{s.year}{number:04d}",
                    "kind": kind,
                    "person": f["person"],
                    "file_org": f["org"],
                    "unit": None,
                    "cash": Decimal(rnd.choice([500, 800, 1000, 2000, 3000])),
                    "goods": Decimal(rnd.choice([0, 0, 200, 300])),
                    "reached": None,
                    "paid": s.day(start, end),
                }
            )
    for kind in RELIEF_UNIT_KINDS:
        for unit in rnd.sample(s.employers, 4):
            number += 1
            s.payments.append(
                {
                    "number": f"FF{s.year}{number:04d}",
                    "kind": kind,
                    "person": None,
                    "unit": unit["code"],
                    "file_org": unit["org"],
                    "cash": Decimal(rnd.choice([0, 5000, 8000])),
                    "goods": Decimal(rnd.choice([3000, 12000])),
                    "reached": rnd.randrange(20, 400),
                    "paid": s.day(D(s.year, 6, 1), s.dec31),
                }
            )
    for i in range(20):
        start = s.day(D(s.year - 1, 6, 1), s.dec31)
        s.care.append(
            {
                "number": f"GA{s.year}{i + 1:03d}",
                "kind": CARE_KINDS[i % len(CARE_KINDS)],
                "point": rnd.choice(["柳州火车站", "柳州汽车总站", "城中区服务站", "鱼峰区服务站"]),
                "start": start,
                "end": start + datetime.timedelta(days=rnd.randrange(0, 30)),
                "times": rnd.randrange(10, 3000),
                "goods": Decimal(rnd.choice([0, 1500])),
                "org": rnd.choice(ALL_ORGS),
            }
        )
    # Legal cases: this year's and last year's, open and closed, some with a lawyer.
    for i in range(50):
        received = s.day(D(s.year - 1, 10, 1), s.dec31 - datetime.timedelta(days=10))
        handling = rnd.choice(HANDLINGS)
        status = rnd.choice(["受理", "处理中", "结案", "结案"])
        persons = rnd.choice([1, 1, 1, 2, 3, 8, 15])
        s.cases.append(
            {
                "number": f"WQ{s.year}{i + 1:03d}",
                "received": received,
                "channel": rnd.choice(["来电", "来访", "网络", "信函"]),
                "group": persons >= 8,
                "persons": persons,
                "migrants": rnd.randrange(0, persons + 1),
                "applicant": rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN),
                "employer": "柳州某公司" if rnd.random() < 0.5 else "",
                "cause": CAUSES[i % len(CAUSES)],
                "handling": handling,
                "lawyer": rnd.choice(["赵梅华律师", "覃志刚律师"]) if handling in LAWYER_HANDLINGS else "",
                "status": status,
                "closed": received + datetime.timedelta(days=rnd.randrange(1, 9))
                if status == "结案"
                else None,
                "recovered": Decimal(rnd.choice([0, 3000, 12500])) if status == "结案" else None,
                "org": rnd.choice(ALL_ORGS),
            }
        )
    # Contests: the city's own, a provincial and a national one; last year's too.
    contests = [
        (s.year, f"{s.year}年柳州市职工职业技能大赛", "市级"),
        (s.year, f"{s.year}年广西职工职业技能大赛", "自治区级"),
        (s.year, f"{s.year}年全国职工职业技能大赛", "全国"),
        (s.year - 1, f"{s.year - 1}年柳州市职工职业技能大赛", "市级"),
    ]
    for year, name, level in contests:
        contestants = rnd.sample(s.members, 12 if level == "市级" else 6)
        for m in contestants:
            trades = rnd.sample(TRADES, 2 if level == "市级" and rnd.random() < 0.2 else 1)
            for trade in trades:
                s.entries.append(
                    {
                        "year": year,
                        "contest": name,
                        "level": level,
                        "trade": trade,
                        "person": m["person"],
                        "score": Decimal(rnd.randrange(600, 1000)) / 10,
                        "rank": rnd.randrange(1, 16) if level != "市级" else None,
                        "org": m["org"],
                    }
                )
    for year in (s.year - 1, s.year):
        for title, n in (("工匠", 4), ("提名奖", 3)):
            for m in rnd.sample([m for m in s.members if m["employer"]], n):
                employer = next(e for e in s.employers if e["code"] == m["employer"])
                if any(c["year"] == year and c["person"] == m["person"] for c in s.craftsmen):
                    continue
                s.craftsmen.append(
                    {
                        "year": year,
                        "title": title,
                        "person": m["person"],
                        "employer": employer["code"],
                        "industry": employer["industry"],
                        "org": m["org"],
                    }
                )
    for m in rnd.sample(s.members, 40):
        s.promotions.append(
            {
                "person": m["person"],
                "trade": rnd.choice(TRADES),
                "level": rnd.choice(LEVELS),
                "on": s.day(D(s.year - 1, 1, 1), s.dec31 - datetime.timedelta(days=5)),
                "subsidy": Decimal(rnd.choice([0, 500, 1000, 1500])),
                "org": m["org"],
            }
        )
    # Cards for most members, issued on or after joining.
    for i, m in enumerate(s.members):
        if rnd.random() < 0.75:
            issued = m["joined"] + datetime.timedelta(days=rnd.randrange(0, 60))
            if issued > s.dec31 or (m["left"] and issued >= m["left"]):
                continue
            s.cards.append(
                {
                    "number": f"62175{s.year}{i + 1:06d}",
                    "person": m["person"],
                    "member": m,
                    "issued": issued,
                    "status": rnd.choice(["正常", "正常", "正常", "挂失"]),
                }
            )
    for i in range(12):
        merchant = {
            "name": f"柳州第{i + 1}商贸有限公司",
            "code": s.credit_code(),
            "category": rnd.choice(["商超", "家电", "餐饮", "医药", "文旅", "教育", "其他"]),
            "offer": "会员凭卡享九折优惠",
            "signed": s.day(D(s.year - 2, 1, 1), s.dec31),
            "org": rnd.choice(ALL_ORGS),
        }
        s.merchants.append(merchant)
        for j in range(rnd.randrange(1, 4)):
            s.stores.append(
                {
                    "merchant": merchant["code"],
                    "name": f"第{j + 1}门店",
                    "address": f"柳州市城中区某路{j + 1}号",
                }
            )
    for name, day in (
        (f"{s.year}年4·15红利日", D(s.year, 4, 15)),
        (f"{s.year}年9·15红利日", D(s.year, 9, 15)),
    ):
        for merchant in rnd.sample(s.merchants, 6):
            sales = Decimal(rnd.randrange(10000, 900000)) + Decimal(rnd.randrange(0, 100)) / 100
            s.sales.append(
                {
                    "day": name,
                    "date": day,
                    "merchant": merchant["code"],
                    "sales": sales,
                    "discount": (sales / 10).quantize(Decimal("0.01")),
                }
            )


def _build_leavers_and_transfers(s: Sample) -> None:
    """Leavers (转出 / 退会 with 离会日期) and transfers (会员转接), from a random stream of their
    own (the other rows stay as they were): leaving before the year, in it up to as_of, after
    as_of, the year after; transfers in earlier years, in the year, after as_of and the year after,
    between the districts and inside one, some members moving twice or three times. A transfer
    always falls while its member is in: after joining and the previous transfer, before leaving.
    Then a few members at the edges the figures turn on (on as_of, the day after it, a transfer
    and a leaving in one year)."""
    rnd = random.Random(f"{s.year}:{len(s.members)}:leavers-transfers")
    windows = [
        (D(s.year - 3, 1, 1), D(s.year - 1, 12, 31)),
        (s.jan1, s.as_of),
        (s.jan1, s.as_of),
        (s.as_of + ONE_DAY, s.dec31),
        (D(s.year + 1, 1, 1), D(s.year + 1, 12, 31)),
    ]
    for m in s.members:
        m["status"], m["left"], m["transfers"] = "在会", None, []
        if rnd.random() < 0.22:
            lo, hi = rnd.choice(windows)
            if max(lo, m["joined"]) > hi:
                lo, hi = windows[-1]
            m["status"], m["left"] = rnd.choice(["转出", "退会"]), s.day(max(lo, m["joined"]), hi)
        if rnd.random() < 0.35:
            first = m["joined"] + ONE_DAY
            last = m["left"] - ONE_DAY if m["left"] else D(s.year + 1, 6, 30)
            span = (last - first).days + 1
            n = min(rnd.choice([1, 1, 1, 2, 2, 3]), max(span, 0))
            for offset in sorted(rnd.sample(range(span), n)) if n else []:
                to = rnd.choice([o for o in ALL_ORGS[1:] if o != org_on(m, D(9999, 1, 1))])
                employer = rnd.choice(s.employers)["code"] if rnd.random() < 0.4 else ""
                _transfer(s, m, to, first + datetime.timedelta(days=offset), employer)

    def plain(root):  # a member joined before the year who neither leaves nor moves (yet)
        return next(
            m
            for m in s.members
            if m["joined"] < s.jan1 and not m["left"] and not m["transfers"] and in_subtree(m["org"], root)
        )

    m = plain("LZ-CZ")
    m["status"], m["left"] = "退会", s.as_of  # left on as_of: counted as left, not in the total
    m = plain("LZ-CZ")
    m["status"], m["left"] = "退会", s.as_of + ONE_DAY  # left after as_of: in the total, not left
    m = plain("LZ-CZ")  # out of the district, then left there: left at 鱼峰区, not 城中区
    _transfer(s, m, "LZ-YF-001", D(s.year, 3, 1), "")
    m["status"], m["left"] = "转出", D(s.year, 5, 20)
    _transfer(s, plain("LZ-YF"), "LZ-CZ-002", s.as_of, "")  # in on as_of: counted
    _transfer(s, plain("LZ-CZ"), "LZ-YF", s.as_of + ONE_DAY, "")  # out after as_of: not counted
    _transfer(s, plain("LZ-CZ-001"), "LZ-CZ-002", D(s.year, 7, 1), "")  # inside the district
    rnd.shuffle(s.transfers)  # the file need not be in date order: rows are applied so per member


def _transfer(s: Sample, m: dict, to: str, day: datetime.date, employer: str) -> None:
    t = {"member": m, "from": org_on(m, day), "to": to, "employer": employer, "date": day}
    m["transfers"].append(t)
    s.transfers.append(t)


# --- the files -------------------------------------------------------------------------------


def _date_cell(s: Sample, day, style: int):
    """The spellings admins send: ISO, slashes, Chinese, or a real date cell in xlsx."""
    if day is None:
        return ""
    return [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        day,
    ][style % 4]


def _yes(value: bool, style: int) -> str:
    return (["是", "Y", "1"] if value else ["否", "N", "0"])[style % 3]


def _write(path: Path, rows: list[list], encoding: str = "utf-8") -> None:
    if path.suffix == ".xlsx":
        wb = openpyxl.Workbook()
        ws = wb.active
        for row in rows:
            ws.append(row)
        for cells in ws.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
        wb.save(path)
        return
    buf = io.StringIO()
    csv.writer(buf).writerows(
        [
            ["" if c is None else (c.isoformat() if isinstance(c, datetime.date) else c) for c in r]
            for r in rows
        ]
    )
    path.write_bytes(buf.getvalue().encode(encoding))


def _build_titles_contracts_monitoring(s: Sample) -> None:
    """Team ranks, model-worker titles, collective contracts and monitoring reports, drawn from a
    random stream of their own (the rows above stay as they were)."""
    rnd = random.Random(f"{s.year}:{len(s.members)}:titles-contracts")
    s.team_ranks = {f"{s.year}年广西职工职业技能大赛": 2, f"{s.year}年全国职工职业技能大赛": 5}
    titles = ["全国劳动模范", "全国五一劳动奖章", "自治区劳动模范", "自治区五一劳动奖章", "市劳动模范"]
    for m in rnd.sample(s.members, 16):
        s.model_workers.append(
            {
                "person": m["person"],
                "title": rnd.choice(titles),
                "year": rnd.choice([s.year - 2, s.year - 1, s.year, s.year]),
                "employer": m["employer"] or "",
                "org": m["org"],
            }
        )
    for i in range(20):
        signed = s.day(D(s.year - 3, 1, 1), s.dec31 - datetime.timedelta(days=5))
        single = rnd.random() < 0.6
        employer = rnd.choice(s.employers) if single else None
        covered = 1 if single else rnd.randrange(3, 40)
        s.contracts.append(
            {
                "number": f"JT{s.year}{i + 1:03d}",
                "kind": rnd.choice(["综合", "工资专项", "女职工专项"]),
                "signing": "单独签订" if single else rnd.choice(["区域性", "行业性"]),
                "employer": employer["code"] if employer else "",
                "employers": covered,
                "workers": covered * rnd.randrange(20, 300),
                "signed": signed,
                "expires": signed + datetime.timedelta(days=rnd.choice([364, 730, 1095])),
                "org": employer["org"] if employer else rnd.choice(ALL_ORGS),
            }
        )
    for i in range(14):
        s.monitoring.append(
            {
                "number": f"JC{s.year}{i + 1:03d}",
                "sent": s.day(D(s.year - 1, 6, 1), s.dec31 - datetime.timedelta(days=3)),
                "kind": rnd.choice(["定期", "专报", "快报"]),
                "title": f"劳动关系监测报告{i + 1}",
                "employers": rnd.randrange(0, 50),
                "risk": rnd.choice(["一般", "一般", "较大", "重大"]),
                "org": rnd.choice(ALL_ORGS),
            }
        )


def _sheet(name: str, kind: str, records, row, encoding: str = "", *, without=()) -> tuple:
    """One file of the sample: the kind's header, then `row(i, record)` for each record (`i` picks
    the spelling of its dates and yes/no words); encoding "" writes xlsx."""
    rows = [header(kind, without=without), *(row(i, r) for i, r in enumerate(records))]
    return (name, kind, rows, encoding)


def _person(record: dict) -> list:
    """The 姓名 and 身份证号 cells of the record's person."""
    return [record["person"].name, record["person"].id_number]


def _files(s: Sample) -> list[tuple[str, str, list[list], str]]:
    """(file name without its number, kind, rows, csv encoding) in import order."""

    def date(day, style):
        return _date_cell(s, day, style)

    def employer(i, e):
        return [
            *(e[k] for k in ("name", "code", "org", "industry", "ownership", "headcount")),
            _yes(e["has_union"], i),
            date(e["founded"], i % 3),
            e["lead"] or "",
        ]

    def member(i, m):
        return [
            *_person(m),
            m["phone"],
            m["employer"],
            m["org"],  # the organization joined: later ones come from the transfers
            m["group"],
            _yes(m["migrant"], i),
            date(m["joined"], i % 3),
            m["status"] if m["left"] or i % 2 else "",  # empty: 在会
            date(m["left"], i % 3),
        ]

    def transfer(i, x):
        return [*_person(x["member"]), x["from"], x["to"], x["employer"], date(x["date"], i % 3)]

    def drive(i, d):
        return [
            *(d[k] for k in ("name", "group", "industry", "start", "end", "population")),
            f"{d['target_join']}%",
            str(d["target_found"]),
            d["org"],
        ]

    def relief_file(i, f):
        return [
            *_person(f),
            "",
            *(f[k] for k in ("category", "cause", "household")),
            str(f["income"]),
            f["org"],
            date(f["filed"], i),
            f["state"],
            date(f["verified"], i),
            date(f["exited"], i),
        ]

    def payment(i, p):
        return [
            p["number"],
            p["kind"],
            s.year,
            p["person"].id_number if p["person"] else "",
            p["unit"] or "",
            p["reached"] or "",
            f"{p['cash']:,.2f}",
            str(p["goods"]),
            date(p["paid"], i % 3),
            "",
        ]

    def case(i, c):
        return [
            c["number"],
            date(c["received"], i),
            c["channel"],
            _yes(c["group"], i),
            *(c[k] for k in ("persons", "migrants", "applicant")),
            "",
            *(c[k] for k in ("employer", "cause", "handling", "lawyer", "status")),
            date(c["closed"], i),
            "" if c["recovered"] is None else str(c["recovered"]),
            c["org"],
        ]

    def entry(i, e):
        return [
            *(e[k] for k in ("year", "contest", "level", "trade")),
            *_person(e),
            "",
            str(e["score"]),
            e["rank"] or "",
            s.team_ranks.get(e["contest"], ""),
            e["org"],
        ]

    def craftsman(i, c):
        return [c["year"], c["title"], *_person(c), c["employer"], c["industry"], c["org"]]

    def promotion(i, p):
        return [*_person(p), p["trade"], p["level"], date(p["on"], i % 3), str(p["subsidy"]), p["org"]]

    def model_worker(i, w):
        return [*_person(w), w["title"], w["year"], w["employer"], w["org"]]

    def contract(i, c):
        return [
            *(c[k] for k in ("number", "kind", "signing", "employer", "employers", "workers")),
            date(c["signed"], i),
            date(c["expires"], i + 1),
            c["org"],
        ]

    def report(i, r):
        return [
            r["number"],
            date(r["sent"], i % 3),
            *(r[k] for k in ("kind", "title", "employers", "risk", "org")),
        ]

    def program(i, p):
        return [p["kind"], p["year"], str(p["budget"]), "", p["org"]]

    def care(i, c):
        return [
            *(c[k] for k in ("number", "kind", "point", "start", "end", "times")),
            str(c["goods"]),
            c["org"],
        ]

    def card(i, c):
        return [c["number"], c["person"].id_number, c["issued"], c["status"]]

    def merchant(i, m):
        return [m[k] for k in ("name", "code", "category", "offer", "signed", "org")]

    def store(i, x):
        return [x["merchant"], x["name"], x["address"]]

    def sale(i, x):
        return [x["day"], x["date"], x["merchant"], str(x["sales"]), str(x["discount"])]

    return [
        _sheet("orgs.csv", "orgs", ORG_TREE, lambda i, org: list(org), "utf-8"),
        _sheet("employers.csv", "employers", s.employers, employer, "utf-8-sig"),
        _sheet("members.csv", "members", s.members, member, "gb18030"),
        _sheet("transfers.csv", "transfers", s.transfers, transfer, "utf-8-sig"),
        _sheet("drives.xlsx", "drives", s.drives, drive),
        _sheet("relief_files.xlsx", "relief_files", s.files, relief_file),
        _sheet("relief_programs.csv", "relief_programs", s.programs, program, "utf-8"),
        _sheet(
            "relief_payments.csv",
            "relief_payments",
            s.payments,
            payment,
            "utf-8",
            without=("项目所属组织代码",),
        ),
        _sheet("care_services.xlsx", "care_services", s.care, care),
        _sheet("legal_cases.xlsx", "legal_cases", s.cases, case),
        _sheet("contest_entries.xlsx", "contest_entries", s.entries, entry),
        _sheet("craftsmen.csv", "craftsmen", s.craftsmen, craftsman, "utf-8"),
        _sheet("promotions.csv", "promotions", s.promotions, promotion, "utf-8"),
        _sheet("cards.xlsx", "cards", s.cards, card),
        _sheet("merchants.csv", "merchants", s.merchants, merchant, "utf-8"),
        _sheet("stores.xlsx", "stores", s.stores, store),
        _sheet("perk_sales.xlsx", "perk_sales", s.sales, sale),
        # Drawn by _build_titles_contracts_monitoring, from a random stream of their own.
        _sheet("model_workers.xlsx", "model_workers", s.model_workers, model_worker),
        _sheet("collective_contracts.xlsx", "collective_contracts", s.contracts, contract),
        _sheet("monitoring_reports.csv", "monitoring_reports", s.monitoring, report, "gbk"),
    ]


# --- the expected figures, from the rows above -----------------------------------------------


def _members(s: Sample, org: str) -> dict:
    # In the subtree at as_of: joined, not left, and there by the transfers up to that day.
    counted = [m for m in s.members if member_in(m, s.as_of) and in_subtree(org_on(m, s.as_of), org)]
    # Joined in the year, at the organization joined (the members file's 所属工会组织代码).
    joined = [m for m in s.members if in_subtree(m["org"], org) and s.in_year(m["joined"])]
    # Left in the year, at the organization left: the one of the day before leaving.
    left = [m for m in s.members if s.in_year(m["left"]) and in_subtree(org_on(m, m["left"]), org)]
    moves = [t for t in s.transfers if s.in_year(t["date"])]
    by_group = {
        g: {"total": sum(m["group"] == g for m in counted), "joined": sum(m["group"] == g for m in joined)}
        for g in KEY_GROUPS
    }
    drives = []
    for d in sorted(s.drives, key=lambda d: (d["start"], d["name"])):
        if not in_subtree(d["org"], org) or d["end"].year != s.year or d["start"] > s.as_of:
            continue
        until = min(d["end"], s.as_of)
        group = [m for m in s.members if m["group"] == d["group"]]
        joined_in_drive = [
            m for m in group if in_subtree(m["org"], d["org"]) and d["start"] <= m["joined"] <= until
        ]
        in_on_until = [m for m in group if member_in(m, until) and in_subtree(org_on(m, until), d["org"])]
        industry = [
            e for e in s.employers if in_subtree(e["org"], d["org"]) and e["industry"] == d["industry"]
        ]
        join_rate = rate(len(in_on_until), d["population"])
        founding_rate = rate(
            sum(bool(e["founded"]) and e["founded"] <= d["end"] for e in industry), len(industry)
        )
        drives.append(
            {
                "name": d["name"],
                "group": d["group"],
                "start": d["start"].isoformat(),
                "end": d["end"].isoformat(),
                "joined": len(joined_in_drive),
                "join_rate": join_rate,
                "target_join_rate": float(d["target_join"]),
                "founding_rate": founding_rate,
                "target_founding_rate": float(d["target_found"]),
                "met": join_rate is not None
                and founding_rate is not None
                and join_rate >= d["target_join"]
                and founding_rate >= d["target_found"],
            }
        )
    on_chain = [e for e in s.employers if e["lead"] and in_subtree(e["org"], org)]
    founded = {e["code"] for e in on_chain if e["ownership"] == "非公" and s.in_year(e["founded"])}
    return {
        "total": len(counted),
        "joined": len(joined),
        "migrant_joined": sum(m["migrant"] for m in joined),
        "left": len(left),
        "transferred_in": sum(in_subtree(t["to"], org) and not in_subtree(t["from"], org) for t in moves),
        "transferred_out": sum(in_subtree(t["from"], org) and not in_subtree(t["to"], org) for t in moves),
        "by_group": by_group,
        "drives": drives,
        "chain": {
            "lead_enterprises": len({e["lead"] for e in on_chain}),
            "enterprises_founded": len(founded),
            "workers_joined": sum(m["employer"] in founded for m in joined),
        },
    }


def _relief(s: Sample, org: str) -> dict:
    files = [f for f in s.files if in_subtree(f["org"], org)]
    open_ = [
        f
        for f in files
        if f["filed"] <= s.as_of and f["state"] != "不予认定" and not (f["exited"] and f["exited"] <= s.as_of)
    ]
    programs = {}
    for kind in RELIEF_PEOPLE_KINDS + RELIEF_UNIT_KINDS:
        paid = [
            p
            for p in s.payments
            if p["kind"] == kind and in_subtree(p["file_org"], org) and p["paid"] <= s.as_of
        ]
        programs[kind] = {
            "recipients": len({p["person"].id_number if p["person"] else p["unit"] for p in paid}),
            "cash": money(sum((p["cash"] for p in paid), Decimal(0))),
            "goods": money(sum((p["goods"] for p in paid), Decimal(0))),
            "people_reached": sum(p["reached"] or 0 for p in paid),
        }
    care = defaultdict(lambda: {"points": set(), "person_times": 0})
    for c in s.care:
        if in_subtree(c["org"], org) and s.in_year(c["start"]):
            care[c["kind"]]["points"].add(c["point"])
            care[c["kind"]]["person_times"] += c["times"]
    return {
        "files": {
            "by_category": {c: sum(f["category"] == c for f in open_) for c in ("在职", "退休", "失业")},
            "new": sum(s.in_year(f["filed"]) for f in files),
            "verified": sum(bool(f["verified"]) and f["verified"] <= s.as_of for f in open_),
            "exited": sum(s.in_year(f["exited"]) for f in files),
        },
        "programs": programs,
        "care": {k: {"points": len(v["points"]), "person_times": v["person_times"]} for k, v in care.items()},
    }


def _skills(s: Sample, org: str) -> dict:
    entries = [e for e in s.entries if e["year"] == s.year and in_subtree(e["org"], org)]
    city = [e for e in entries if e["level"] == "市级"]
    provincial = [e for e in entries if e["level"] == "自治区级"]
    craftsmen = [c for c in s.craftsmen if c["year"] == s.year and in_subtree(c["org"], org)]
    promotions = [p for p in s.promotions if s.in_year(p["on"]) and in_subtree(p["org"], org)]
    entered = {e["contest"] for e in provincial}
    team_ranks = [rank for contest, rank in s.team_ranks.items() if contest in entered]
    titles = Counter(w["title"] for w in s.model_workers if w["year"] == s.year and in_subtree(w["org"], org))
    return {
        "city_contestants": len({e["person"].id_number for e in city}),
        "provincial": {
            "trades": len({e["trade"] for e in provincial}),
            "first_places": len({e["trade"] for e in provincial if e["rank"] == 1}),
            "top_ten": sum(1 <= e["rank"] <= 10 for e in provincial),
        },
        "team_rank": min(team_ranks, default=None),
        "national_entrants": len({e["person"].id_number for e in entries if e["level"] == "全国"}),
        "model_workers": {
            t: titles[t]
            for t in [
                "全国劳动模范",
                "全国五一劳动奖章",
                "自治区劳动模范",
                "自治区五一劳动奖章",
                "市劳动模范",
            ]
        },
        "craftsmen": {
            "工匠": sum(c["title"] == "工匠" for c in craftsmen),
            "提名奖": sum(c["title"] == "提名奖" for c in craftsmen),
            "industries": sorted({c["industry"] for c in craftsmen}),
        },
        "promotions": {
            "by_level": {level: sum(p["level"] == level for p in promotions) for level in LEVELS},
            "subsidy": money(sum((p["subsidy"] for p in promotions), Decimal(0))),
        },
    }


def _legal(s: Sample, org: str) -> dict:
    cases = [c for c in s.cases if s.in_year(c["received"]) and in_subtree(c["org"], org)]
    lawyer = [c for c in cases if c["handling"] in LAWYER_HANDLINGS]
    contracts = [c for c in s.contracts if in_subtree(c["org"], org)]
    signed = [c for c in contracts if s.in_year(c["signed"])]
    in_force = [c for c in contracts if c["signed"] <= s.as_of < c["expires"]]
    reports = [r for r in s.monitoring if s.in_year(r["sent"]) and in_subtree(r["org"], org)]
    return {
        "cases": len(cases),
        "persons": sum(c["persons"] for c in cases),
        "migrant_persons": sum(c["migrants"] for c in cases),
        "group_visits": sum(c["group"] for c in cases),
        "group_persons": sum(c["persons"] for c in cases if c["group"]),
        "lawyer_cases": len(lawyer),
        "lawyer_cases_migrant": sum(c["migrants"] > 0 for c in lawyer),
        "by_cause": dict(Counter(c["cause"] for c in cases)),
        "recovered": money(sum((c["recovered"] or Decimal(0) for c in cases), Decimal(0))),
        "contracts": {
            "signed": len(signed),
            "by_kind": {k: sum(c["kind"] == k for c in signed) for k in ("综合", "工资专项", "女职工专项")},
            "in_force": len(in_force),
            "workers_covered": sum(c["workers"] for c in in_force),
            "employers_covered": sum(c["employers"] for c in in_force),
        },
        "monitoring": {
            "reports": len(reports),
            "by_kind": {k: sum(r["kind"] == k for r in reports) for k in ("定期", "专报", "快报")},
            "serious": sum(r["risk"] == "重大" for r in reports),
        },
    }


def _perks(s: Sample, org: str) -> dict:
    # Each card at the organization its member belonged to on its 发卡日期 (transfers move it not).
    cards = [
        c for c in s.cards if in_subtree(org_on(c["member"], c["issued"]), org) and c["issued"] <= s.as_of
    ]
    merchants = [m for m in s.merchants if in_subtree(m["org"], org) and m["signed"] <= s.as_of]
    codes = {m["code"] for m in merchants}
    selling = {m["code"] for m in s.merchants if in_subtree(m["org"], org)}
    days = {}
    for x in s.sales:
        if x["merchant"] in selling and s.in_year(x["date"]):
            day = days.setdefault(
                x["day"],
                {
                    "name": x["day"],
                    "date": x["date"].isoformat(),
                    "sales": Decimal(0),
                    "discount": Decimal(0),
                },
            )
            day["sales"] += x["sales"]
            day["discount"] += x["discount"]
    perk_days = [
        dict(d, sales=money(d["sales"]), discount=money(d["discount"]))
        for d in sorted(days.values(), key=lambda d: d["date"])
    ]
    return {
        "cards_issued": len(cards),
        "cards_issued_in_year": sum(c["issued"].year == s.year for c in cards),
        "merchants": len(merchants),
        "stores": sum(x["merchant"] in codes for x in s.stores),
        "perk_days": perk_days,
        "discount_total": money(sum((Decimal(str(d["discount"])) for d in perk_days), Decimal(0))),
    }


def expected_figures(s: Sample, org: str) -> dict:
    return {
        "year": s.year,
        "org": org,
        "as_of": s.as_of.isoformat(),
        "members": _members(s, org),
        "relief": _relief(s, org),
        "skills": _skills(s, org),
        "legal": _legal(s, org),
        "perks": _perks(s, org),
    }


# The city, a district and an enterprise union under it (transfers inside the district count
# for the union and not for the district).
EXPECTED_ORGS = ("LZ", "LZ-CZ", "LZ-CZ-001")


def write_sample(
    folder: Path, *, seed: int = 2018, year: int = 2018, as_of: datetime.date | None = None
) -> dict:
    """Write the files into `folder`; return {"files": [(path, kind)], "expected": {org: figures}}."""
    s = Sample(year=year, as_of=as_of or D(year, 10, 31), rnd=random.Random(seed))
    _build(s)
    _build_titles_contracts_monitoring(s)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number, (name, kind, rows, encoding) in enumerate(_files(s)):
        path = folder / f"{number:02d}-{name}"  # imported in this order
        _write(path, rows, encoding or "utf-8")
        files.append((path, kind))
    return {
        "files": files,
        "expected": {org: expected_figures(s, org) for org in EXPECTED_ORGS},
        "sample": s,
    }

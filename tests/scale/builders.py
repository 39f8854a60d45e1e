"""Rows for the list pages, made in bulk: `build_<page>(world, n)` adds n rows that the page shows
to the city user, each with its own related records (person, employer, file…), so a page that
queries per row shows it in its query count."""

import datetime
import itertools
from decimal import Decimal

from legal.models import Case, CaseEvent, CollectiveContract, Lawyer, MonitoringReport
from members.models import Drive, Employer, Industry, Member
from perks.models import MemberCard, Merchant, PerkDay, PerkSale, Store
from relief.models import CareService, HardshipFile, Payment, ReliefProgram
from skills.models import Contest, CraftsmanAward, Entry, ModelWorker, Promotion, Trade
from tests.factories import make_credit_code
from unionhub.imports.models import ImportBatch
from unionhub.orgs.models import Organization, User
from unionhub.people.idnumbers import make_id_number
from unionhub.people.models import Person
from unionhub.reports.models import Report

D = datetime.date
_n = itertools.count(1)


def people(n: int) -> list[Person]:
    out = []
    for _ in range(n):
        k = next(_n)
        birth = D(1970, 1, 1) + datetime.timedelta(days=k)
        p = Person(id_number=make_id_number(birth=birth, seq=k), name=f"测{k}", phone="")
        p.derive_from_id()
        out.append(p)
    return Person.objects.bulk_create(out)


def employers(org, n: int, **kwargs) -> list[Employer]:
    industry = Industry.objects.get(name="道路货运")
    return Employer.objects.bulk_create(
        Employer(
            name=f"单位{next(_n)}",
            credit_code=make_credit_code(),
            organization=org,
            industry=industry,
            ownership=Employer.Ownership.PRIVATE,
            headcount=10,
            **kwargs,
        )
        for _ in range(n)
    )


def members(org, n: int) -> list[Member]:
    emps = employers(org, n)
    return Member.objects.bulk_create(
        Member(person=p, organization=org, employer=e, join_date=D(2015, 1, 1))
        for p, e in zip(people(n), emps, strict=True)
    )


# --- one builder per list page: (world, n) -> None ----------------------------------------------


def build_members(w, n):
    members(w.cz, n)


def build_employers(w, n):
    employers(w.cz, n)


def build_drives(w, n):
    industry = Industry.objects.get(name="道路货运")
    Drive.objects.bulk_create(
        Drive(
            name=f"行动{next(_n)}",
            key_group="货车司机",
            industry=industry,
            start=D(2018, 1, 1),
            end=D(2018, 6, 30),
            population=100,
            target_join_rate=Decimal(40),
            target_founding_rate=Decimal(40),
            organization=w.cz,
        )
        for _ in range(n)
    )


def build_chains(w, n):
    for lead in employers(w.cz, n):
        employers(w.cz, 2, lead=lead, has_union=True, union_founded_on=D(2018, 3, 1))


def build_industries(w, n):
    Industry.objects.bulk_create(Industry(name=f"行业{next(_n)}") for _ in range(n))


def _files(w, n, **kwargs):
    return HardshipFile.objects.bulk_create(
        HardshipFile(
            person=p,
            category="在职",
            cause="因病",
            household_size=3,
            income_per_head=Decimal(800),
            organization=w.cz,
            filed_on=D(2018, 1, 5),
            state="已认定",
            verified_on=D(2018, 1, 10),
            **kwargs,
        )
        for p in people(n)
    )


def build_files(w, n):
    _files(w, n)


def build_programs(w, n):
    kinds = ["春节送温暖", "金秋助学", "医疗救助", "其他帮扶", "送清凉", "游园活动"]
    start = 1900 + next(_n) * 100 % 900
    ReliefProgram.objects.bulk_create(
        ReliefProgram(kind=kinds[i % 6], year=start + i // 6, organization=w.cz) for i in range(n)
    )


def _payments(w, n, program=None):
    program = program or ReliefProgram.objects.create(
        kind="春节送温暖", year=1800 + next(_n), organization=w.cz
    )
    Payment.objects.bulk_create(
        Payment(
            number=f"FF{next(_n):010d}",
            program=program,
            person=f.person,
            file=f,
            cash=Decimal(100),
            paid_on=D(2018, 1, 20),
            organization=w.cz,
        )
        for f in _files(w, n)
    )
    return program


def build_payments(w, n):
    _payments(w, n)


def build_program_payments(w, n):
    w.program = _payments(w, n, getattr(w, "program", None))


def build_care(w, n):
    CareService.objects.bulk_create(
        CareService(
            number=f"GA{next(_n):010d}",
            kind="免费体检",
            point=f"服务点{next(_n)}",
            start=D(2018, 5, 1),
            end=D(2018, 5, 2),
            person_times=10,
            organization=w.cz,
        )
        for _ in range(n)
    )


def build_file_payments(w, n):
    """Payments of one person (from several programs), on the household page of their file."""
    if not hasattr(w, "file"):
        w.file = _files(w, 1)[0]
    programs = ReliefProgram.objects.bulk_create(
        ReliefProgram(kind="其他帮扶", year=1000 + next(_n), organization=w.cz) for _ in range(n)
    )
    Payment.objects.bulk_create(
        Payment(
            number=f"FF{next(_n):010d}",
            program=program,
            person=w.file.person,
            file=w.file,
            cash=Decimal(100),
            paid_on=D(2018, 1, 20),
            organization=w.cz,
        )
        for program in programs
    )


def _contest(w, level="市级"):
    return Contest.objects.create(year=2018, name=f"大赛{next(_n)}", level=level)


def build_contests(w, n):
    Contest.objects.bulk_create(Contest(year=2018, name=f"大赛{next(_n)}", level="市级") for _ in range(n))


def build_entries(w, n):
    if not hasattr(w, "contest"):
        w.contest = _contest(w)
    trades = Trade.objects.bulk_create(Trade(name=f"工种{next(_n)}") for _ in range(n))
    emps = employers(w.cz, n)
    Entry.objects.bulk_create(
        Entry(contest=w.contest, trade=t, person=p, employer=e, score=Decimal(80), rank=1, organization=w.cz)
        for t, p, e in zip(trades, people(n), emps, strict=True)
    )


def build_awards(w, n):
    industry = Industry.objects.get(name="道路货运")
    CraftsmanAward.objects.bulk_create(
        CraftsmanAward(year=2018, title="工匠", person=p, employer=e, industry=industry, organization=w.cz)
        for p, e in zip(people(n), employers(w.cz, n), strict=True)
    )


def build_promotions(w, n):
    trades = Trade.objects.bulk_create(Trade(name=f"工种{next(_n)}") for _ in range(n))
    Promotion.objects.bulk_create(
        Promotion(
            person=p,
            trade=t,
            level="技师",
            certified_on=D(2018, 6, 1),
            subsidy=Decimal(500),
            organization=w.cz,
        )
        for p, t in zip(people(n), trades, strict=True)
    )


def build_model_workers(w, n):
    ModelWorker.objects.bulk_create(
        ModelWorker(person=p, title="市劳动模范", year=2018, employer=e, organization=w.cz)
        for p, e in zip(people(n), employers(w.cz, n), strict=True)
    )


def _contracts(w, n, **kwargs):
    values = {"signed_on": D(2018, 3, 1), "expires_on": D(2021, 2, 28), **kwargs}
    CollectiveContract.objects.bulk_create(
        CollectiveContract(
            number=f"JT{next(_n):010d}",
            kind="工资专项",
            signing="单独签订",
            employer=e,
            employers_covered=1,
            workers_covered=50,
            organization=w.cz,
            **values,
        )
        for e in employers(w.cz, n)
    )


def build_contracts(w, n):
    _contracts(w, n)


def build_contracts_expiring(w, n):
    today = datetime.date.today()  # noqa: DTZ011 (the page counts from the local date)
    _contracts(
        w, n, signed_on=today - datetime.timedelta(days=300), expires_on=today + datetime.timedelta(days=30)
    )


def build_monitoring(w, n):
    MonitoringReport.objects.bulk_create(
        MonitoringReport(
            number=f"JC{next(_n):010d}",
            sent_on=D(2018, 4, 1),
            kind="定期",
            title="报告",
            employers=3,
            risk="一般",
            organization=w.cz,
        )
        for _ in range(n)
    )


def _lawyers(n):
    return Lawyer.objects.bulk_create(Lawyer(name=f"律师{next(_n)}", firm="律所") for _ in range(n))


def _cases(w, n, **kwargs):
    lawyers = _lawyers(n)
    return Case.objects.bulk_create(
        Case(
            number=f"WQ{next(_n):010d}",
            channel="来电",
            applicant_name="申请人",
            applicant=p,
            cause="拖欠工资",
            handling="指派律师代理仲裁",
            lawyer=lawyer,
            organization=w.cz,
            **{"received_on": D(2018, 3, 1), **kwargs},
        )
        for p, lawyer in zip(people(n), lawyers, strict=True)
    )


def build_cases(w, n):
    _cases(w, n)


def build_near_limit(w, n):
    today = datetime.date.today()  # noqa: DTZ011 (the page counts from the local date)
    _cases(w, n, received_on=today - datetime.timedelta(days=360))


def build_lawyers(w, n):
    _cases(w, n)


def build_case_events(w, n):
    if not hasattr(w, "case"):
        w.case = _cases(w, 1)[0]
    by = User.objects.filter(organization=w.cz).first()
    CaseEvent.objects.bulk_create(CaseEvent(case=w.case, action="处理", by=by) for _ in range(n))


def build_cards(w, n):
    MemberCard.objects.bulk_create(
        MemberCard(number=f"{next(_n):014d}", member=m, issued_on=D(2018, 5, 1)) for m in members(w.cz, n)
    )


def build_card_history(w, n):
    """Cancelled cards of one member, on the page of their card in force."""
    if not hasattr(w, "card"):
        w.card = MemberCard.objects.create(
            number=f"{next(_n):014d}", member=members(w.cz, 1)[0], issued_on=D(2018, 5, 1)
        )
    MemberCard.objects.bulk_create(
        MemberCard(number=f"{next(_n):014d}", member=w.card.member, issued_on=D(2017, 5, 1), status="注销")
        for _ in range(n)
    )


def _merchants(w, n):
    return Merchant.objects.bulk_create(
        Merchant(
            name=f"商户{next(_n)}",
            credit_code=make_credit_code(),
            category="商超",
            perks="九折",
            signed_on=D(2018, 1, 1),
            organization=w.cz,
        )
        for _ in range(n)
    )


def build_merchants(w, n):
    for m in _merchants(w, n):
        Store.objects.create(merchant=m, name="总店", address="柳州")


def build_stores(w, n):
    if not hasattr(w, "merchant"):
        w.merchant = _merchants(w, 1)[0]
    Store.objects.bulk_create(
        Store(merchant=w.merchant, name=f"门店{next(_n)}", address="柳州") for _ in range(n)
    )


def build_perk_days(w, n):
    days = PerkDay.objects.bulk_create(
        PerkDay(name=f"红利日{next(_n)}", date=D(2018, 4, 15)) for _ in range(n)
    )
    merchant = _merchants(w, 1)[0]
    PerkSale.objects.bulk_create(
        PerkSale(day=d, merchant=merchant, sales=Decimal(1000), discount=Decimal(100)) for d in days
    )


def build_perk_sales(w, n):
    if not hasattr(w, "day"):
        w.day = PerkDay.objects.create(name=f"红利日{next(_n)}", date=D(2018, 4, 15))
    PerkSale.objects.bulk_create(
        PerkSale(day=w.day, merchant=m, sales=Decimal(1000), discount=Decimal(100)) for m in _merchants(w, n)
    )


def build_batches(w, n):
    ImportBatch.objects.bulk_create(
        ImportBatch(kind="members", filename=f"f{next(_n)}.csv", organization=w.cz, created_by=w.user, rows=1)
        for _ in range(n)
    )


def build_reports(w, n):
    Report.objects.bulk_create(
        Report(organization=w.cz, year=2000 + i % 20, as_of=D(2000 + i % 20, 12, 31), created_by=w.user)
        for i in range(n)
    )


def build_children(w, n):
    k = next(_n)
    for i in range(n):
        org = Organization(code=f"LZ-CZ-X{k}-{i}", name=f"企业{k}-{i}", kind="企业工会", parent=w.cz)
        org.save()


def build_users(w, n):
    User.objects.bulk_create(User(username=f"u{next(_n)}", organization=w.cz) for _ in range(n))

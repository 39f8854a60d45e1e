"""One record of every scoped model, all in district LZ-CZ (the sibling of LZ-YF, the parent of
the enterprise union LZ-CZ-001), and the users who knock on their doors.

Every text a page could show carries LEAK, so a response that shows one of these records to a
user outside LZ-CZ's subtree is caught whatever the page is.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone

from legal.models import Case
from members.models import Drive, Employer, Industry, Member
from perks.models import MemberCard, Merchant, PerkDay, PerkSale, Store
from relief.models import (
    CareService,
    FileAttachment,
    FileState,
    HardshipFile,
    Payment,
    ProgramKind,
    ReliefProgram,
)
from skills.models import Contest, CraftsmanAward, Entry, Promotion, Trade
from tests.factories import OrganizationFactory, PersonFactory, UserFactory, make_credit_code
from unionhub.imports.models import ImportBatch
from unionhub.jobs.models import Job
from unionhub.jobs.services import job_attach_file
from unionhub.orgs.models import Organization
from unionhub.orgs.roles import ADMIN, OFFICIAL, STAFF
from unionhub.reports.models import Report

LEAK = "泄露标记"
D = datetime.date

# role -> (organization attribute of the world, groups, extra permissions). The sibling (LZ-YF)
# and the enterprise union (LZ-CZ-001) hold every role and the full-ID permission, so what
# stops them is the scoping alone, never a missing permission.
ROLES = {
    "anonymous": None,
    "cz_staff": ("cz", [STAFF], []),
    "yf_sibling": ("yf", [STAFF, OFFICIAL, ADMIN], ["people.view_full_id"]),
    "ent_child": ("ent", [STAFF, OFFICIAL, ADMIN], ["people.view_full_id"]),
    "city_staff": ("city", [STAFF], []),
    "cz_official": ("cz", [OFFICIAL], []),
    "cz_admin": ("cz", [ADMIN], []),
}


def make_role_user(org, groups, perms, username):
    user = UserFactory(organization=org, username=username)
    user.groups.set(Group.objects.filter(name__in=groups))
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


class World:
    def __init__(self):
        K = Organization.Kind
        self.city = OrganizationFactory(code="LZ", name="柳州市总工会", kind=K.CITY)
        self.cz = OrganizationFactory(code="LZ-CZ", name="城中区总工会", kind=K.DISTRICT, parent=self.city)
        self.yf = OrganizationFactory(code="LZ-YF", name="鱼峰区总工会", kind=K.DISTRICT, parent=self.city)
        self.ent = OrganizationFactory(
            code="LZ-CZ-001", name="城中第一企业工会", kind=K.ENTERPRISE, parent=self.cz
        )
        self.users = {
            role: make_role_user(getattr(self, spec[0]), spec[1], spec[2], role)
            for role, spec in ROLES.items()
            if spec
        }
        self.cz_admin = self.users["cz_admin"]
        self._records()

    def _records(self):
        cz = self.cz
        industry, _ = Industry.objects.get_or_create(name="道路货运")
        self.person = PersonFactory(name=f"{LEAK}人")
        self.employer = Employer.objects.create(
            name=f"{LEAK}单位",
            credit_code=make_credit_code(),
            organization=cz,
            industry=industry,
            ownership=Employer.Ownership.PRIVATE,
            headcount=50,
        )
        self.member = Member.objects.create(
            person=self.person, organization=cz, employer=self.employer, join_date=D(2015, 1, 1)
        )
        self.drive = Drive.objects.create(
            name=f"{LEAK}行动",
            key_group="货车司机",
            industry=industry,
            start=D(2018, 4, 1),
            end=D(2018, 6, 30),
            population=10,
            target_join_rate=Decimal("40"),
            target_founding_rate=Decimal("40"),
            organization=cz,
        )
        # relief
        self.file = HardshipFile.objects.create(
            person=self.person,
            organization=cz,
            category="在职",
            cause="因病",
            household_size=3,
            income_per_head=Decimal("800"),
            filed_on=D(2018, 1, 5),
            state=FileState.VERIFIED,
            verified_on=D(2018, 1, 10),
        )
        self.attachment = FileAttachment(
            file=self.file, filename=f"{LEAK}.pdf", content_type="application/pdf", size=20
        )
        self.attachment.stored.save("a.pdf", ContentFile(b"%PDF-1.7 " + LEAK.encode()), save=True)
        self.program = ReliefProgram.objects.create(
            kind=ProgramKind.SPRING, year=2018, organization=cz, budget=Decimal("10000")
        )
        self.payment = Payment.objects.create(
            number="FF2018-0001",
            program=self.program,
            person=self.person,
            file=self.file,
            cash=Decimal("500"),
            paid_on=D(2018, 1, 20),
            note=f"{LEAK}发放",
            organization=cz,
        )
        self.care = CareService.objects.create(
            number="GA2018-0001",
            kind="免费体检",
            point=f"{LEAK}服务点",
            start=D(2018, 5, 1),
            end=D(2018, 5, 2),
            person_times=30,
            organization=cz,
        )
        # skills
        self.contest = Contest.objects.create(year=2018, name="2018年柳州市职工职业技能大赛", level="市级")
        trade = Trade.objects.create(name="维修电工")
        self.entry = Entry.objects.create(
            contest=self.contest, trade=trade, person=self.person, score=Decimal("90"), organization=cz
        )
        self.award = CraftsmanAward.objects.create(
            year=2018,
            title="工匠",
            person=self.person,
            employer=self.employer,
            industry=industry,
            organization=cz,
        )
        self.promotion = Promotion.objects.create(
            person=self.person,
            trade=trade,
            level="技师",
            certified_on=D(2018, 6, 1),
            subsidy=Decimal("2000"),
            organization=cz,
        )
        # legal
        self.case = Case.objects.create(
            number="WQ2018-0001",
            received_on=D(2018, 3, 1),
            channel="来电",
            applicant_name=f"{LEAK}当事人",
            applicant=self.person,
            employer_name=f"{LEAK}单位",
            cause="拖欠工资",
            handling="法律咨询",
            note=f"{LEAK}案情",
            organization=cz,
        )
        # perks
        self.card = MemberCard.objects.create(
            member=self.member, number="62170010000001", issued_on=D(2018, 3, 1)
        )
        self.merchant = Merchant.objects.create(
            name=f"{LEAK}商户",
            credit_code=make_credit_code(),
            category="商超",
            perks=f"{LEAK}优惠",
            signed_on=D(2017, 6, 1),
            organization=cz,
        )
        self.store = Store.objects.create(merchant=self.merchant, name=f"{LEAK}门店", address="城中区")
        self.perk_day = PerkDay.objects.create(name="4·15红利日", date=D(2018, 4, 15))
        self.sale = PerkSale.objects.create(
            day=self.perk_day, merchant=self.merchant, sales=Decimal("1000"), discount=Decimal("100")
        )
        # imports, jobs, reports: made by the district's admin
        self.batch = ImportBatch.objects.create(
            kind="members",
            filename=f"{LEAK}.csv",
            organization=cz,
            created_by=self.cz_admin,
            state=ImportBatch.State.INVALID,
            rows=1,
            invalid=1,
        )
        self.batch.bad_rows_file.save("bad.xlsx", ContentFile(LEAK.encode()), save=True)
        self.job = Job.objects.create(
            kind="ping", organization=cz, created_by=self.cz_admin, state=Job.State.FAILED, error="中断"
        )
        job_attach_file(
            job=self.job, name="result", filename="r.csv", content=LEAK.encode(), content_type="text/csv"
        )
        self.export_job = Job.objects.create(
            kind="export_data",
            organization=cz,
            created_by=self.cz_admin,
            state=Job.State.DONE,
            args={"kind": "members", "fmt": "csv"},
        )
        self.report = Report.objects.create(
            organization=cz,
            year=2018,
            as_of=D(2018, 10, 31),
            created_by=self.cz_admin,
            made_at=timezone.now(),
        )
        self.report.pdf.save("r.pdf", ContentFile(b"%PDF-1.7 " + LEAK.encode()), save=True)

    def path_of(self, role):
        spec = ROLES[role]
        return getattr(self, spec[0]).path if spec else None

"""One record of every scoped model, all in district LZ-CZ (the sibling of LZ-YF, the parent of
the enterprise union LZ-CZ-001), and the users who knock on their doors. The machinery's records
(imports, jobs, reports) are made here; each work area's come from its own module,
tests/security/areas/<label>.py (see its __init__).

Every text a page could show carries LEAK, so a response that shows one of these records to a
user outside LZ-CZ's subtree is caught whatever the page is.
"""

import datetime
from importlib import import_module

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import PersonFactory, Tree, UserFactory
from unionhub.core.areas import work_areas
from unionhub.imports.models import ImportBatch
from unionhub.jobs.models import Job
from unionhub.jobs.services import job_attach_file
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


def area_matrices() -> list:
    """Each work area's matrix fixtures (tests/security/areas/<label>.py), in the areas' order."""
    return [import_module(area.get_matrix()) for area in work_areas()]


def make_role_user(org, groups, perms, username):
    user = UserFactory(organization=org, username=username)
    user.groups.set(Group.objects.filter(name__in=groups))
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def _bad_rows_sheet() -> bytes:
    import io

    from unionhub.imports.sheets import write_sheet

    buf = io.BytesIO()
    write_sheet(buf, ["姓名", "行号", "错误原因"], [[LEAK, 2, "姓名: 必填"]], "xlsx")
    return buf.getvalue()


class World(Tree):
    def __init__(self):
        super().__init__()  # the tests' tree: LZ, LZ-CZ, LZ-YF, LZ-CZ-001
        self.ent = self.cz_ent
        self.users = {
            role: make_role_user(getattr(self, spec[0]), spec[1], spec[2], role)
            for role, spec in ROLES.items()
            if spec
        }
        self.cz_admin = self.users["cz_admin"]
        self._records()

    def _records(self):
        cz = self.cz
        self.person = PersonFactory(name=f"{LEAK}人")
        # An account of LZ-CZ its administrators manage (orgs:user, orgs:user_reset).
        self.managed_user = make_role_user(self.cz, [STAFF], [], "cz_managed")
        for module in area_matrices():
            module.records(self)
        # imports, jobs, reports: made by the district's admin
        self.batch = ImportBatch.objects.create(
            kind="orgs",
            filename=f"{LEAK}.csv",
            organization=cz,
            created_by=self.cz_admin,
            state=ImportBatch.State.INVALID,
            rows=1,
            invalid=1,
        )
        self.batch.bad_rows_file.save("bad.xlsx", ContentFile(_bad_rows_sheet()), save=True)
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
            args={"kind": "orgs", "fmt": "csv"},
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

"""legal: a case of LZ-CZ."""

import datetime

from legal.models import Case
from tests.security.matrix import A
from tests.security.world import LEAK

D = datetime.date

ACCESS = {
    "legal:cases": A("legal.view_case"),
    "legal:intake": A("legal.add_case"),
    "legal:case": A("legal.view_case", "cz", pk="case"),
    "legal:case_edit": A("legal.change_case", "cz", pk="case"),
    "legal:case_status": A("legal.change_case", "cz", post=True, pk="case"),
    "legal:near_limit": A("legal.view_case"),
    "legal:lawyers": A("legal.view_lawyer", post_perm="legal.add_lawyer"),
}


def records(world):
    world.case = Case.objects.create(
        number="WQ2018-0001",
        received_on=D(2018, 3, 1),
        channel="来电",
        applicant_name=f"{LEAK}当事人",
        applicant=world.person,
        employer_name=f"{LEAK}单位",
        cause="拖欠工资",
        handling="法律咨询",
        note=f"{LEAK}案情",
        organization=world.cz,
    )

"""legal: a case, a collective contract and a monitoring report of LZ-CZ."""

import datetime
from decimal import Decimal

from legal.models import Case, CollectiveContract, MonitoringReport
from tests.security.matrix import A, Audited
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
    "legal:contracts": A("legal.view_collectivecontract"),
    "legal:contracts_expiring": A("legal.view_collectivecontract"),
    "legal:contract_add": A("legal.add_collectivecontract"),
    "legal:contract": A("legal.view_collectivecontract", "cz", pk="contract"),
    "legal:contract_edit": A("legal.change_collectivecontract", "cz", pk="contract"),
    "legal:monitoring": A("legal.view_monitoringreport"),
    "legal:monitoring_add": A("legal.add_monitoringreport"),
    "legal:monitoring_report": A("legal.view_monitoringreport", "cz", pk="monitoring"),
    "legal:monitoring_edit": A("legal.change_monitoringreport", "cz", pk="monitoring"),
}

AUDITED = {
    "legal.Case": Audited("case", "recovered", Decimal("3000.00")),
    "legal.CollectiveContract": Audited("contract", "workers_covered", 80),
    "legal.MonitoringReport": Audited("monitoring", "risk", "较大"),
}
HISTORY_PAGES = {"legal.Case": "legal:case"}


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
    world.contract = CollectiveContract.objects.create(
        number=f"{LEAK}合同",
        kind="工资专项",
        signing="单独签订",
        employer=world.employer,
        employers_covered=1,
        workers_covered=50,
        signed_on=D(2018, 3, 1),
        expires_on=D(2021, 2, 28),
        organization=world.cz,
    )
    world.monitoring = MonitoringReport.objects.create(
        number="JC2018-0001",
        sent_on=D(2018, 4, 1),
        kind="快报",
        title=f"{LEAK}监测",
        employers=1,
        risk="重大",
        organization=world.cz,
    )

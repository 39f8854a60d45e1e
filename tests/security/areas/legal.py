"""legal: a case, a collective contract and a monitoring report of LZ-CZ."""

import datetime
from decimal import Decimal

from legal.models import Case, CollectiveContract, MonitoringReport
from tests.security.matrix import A, Audited, record_pages
from tests.security.world import LEAK

D = datetime.date

ACCESS = {
    **record_pages(
        "legal.case", "case",
        list="legal:cases", add="legal:intake", view="legal:case", change="legal:case_edit",
        actions=["legal:case_status"],
    ),
    "legal:near_limit": A("legal.view_case"),
    "legal:lawyers": A("legal.view_lawyer", post_perm="legal.add_lawyer"),
    **record_pages(
        "legal.collectivecontract", "contract",
        list="legal:contracts", add="legal:contract_add", view="legal:contract", change="legal:contract_edit",
    ),
    "legal:contracts_expiring": A("legal.view_collectivecontract"),
    **record_pages(
        "legal.monitoringreport", "monitoring",
        list="legal:monitoring", add="legal:monitoring_add", view="legal:monitoring_report",
        change="legal:monitoring_edit",
    ),
}  # fmt: skip

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

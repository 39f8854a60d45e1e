"""The `legal` section of the year-end report (法律维权)."""

from django.utils.translation import gettext_lazy as _

from unionhub.reports.numbers import fmt_money
from unionhub.reports.registry import Headline, Section

from .selectors import legal_figures


def _propose(f: dict, previous: dict | None) -> str | None:
    if f["recovered"] >= 10000:
        return _("依法维权为职工追回%(money)s") % {"money": fmt_money(f["recovered"])}
    return None


SECTION = Section(
    figures=legal_figures,
    labels={
        "cases": (_("接待来电来访"), "件"),
        "persons": (_("涉及人次"), "人次"),
        "migrant_persons": (_("其中农民工"), "人次"),
        "group_visits": (_("群体性来访"), "次"),
        "group_persons": (_("群体性来访涉及人数"), "人"),
        "lawyer_cases": (_("指派律师代理仲裁和诉讼"), "件"),
        "lawyer_cases_migrant": (_("其中涉及农民工"), "件"),
        "by_cause": (_("案由"), ""),
        "by_cause.*": (None, "件"),
        "recovered": (_("追回金额"), "元"),
        "contracts": (_("集体合同"), ""),
        "contracts.signed": (_("签订集体合同"), "份"),
        "contracts.by_kind": (_("签订集体合同"), ""),
        "contracts.by_kind.*": (None, "份"),
        "contracts.in_force": (_("有效集体合同"), "份"),
        "contracts.workers_covered": (_("有效合同覆盖职工"), "人"),
        "contracts.employers_covered": (_("有效合同覆盖单位"), "家"),
        "monitoring": (_("劳动关系监测"), ""),
        "monitoring.reports": (_("报送监测报告"), "份"),
        "monitoring.by_kind": (_("监测报告"), ""),
        "monitoring.by_kind.*": (None, "份"),
        "monitoring.serious": (_("重大风险报告"), "份"),
    },
    headline=(
        Headline("cases"),
        Headline("persons"),
        Headline("lawyer_cases"),
        Headline("recovered", rank=True),
        Headline("contracts.signed"),
        Headline("contracts.workers_covered", rank=True),
        Headline("monitoring.reports"),
    ),
    propose=_propose,
    records={
        "legal.Case": "legal:case",
        "legal.CollectiveContract": "legal:contract",
        "legal.MonitoringReport": "legal:monitoring_report",
    },
)

"""Import kinds of the legal area: legal_cases (维权案件), collective_contracts (集体合同) and
monitoring_reports (劳动关系监测), as import-formats.md defines them."""

from members.models import Employer
from unionhub.imports import cells
from unionhub.imports.kinds import ORG, ORG_COLUMN, Column, ImportKind, raise_first

from .models import (
    Case,
    CollectiveContract,
    Lawyer,
    MonitoringReport,
    case_problems,
    contract_problems,
)

HEADER_OF = {"migrants": "农民工人数", "lawyer": "代理律师", "closed_on": "结案日期", "persons": "涉及人数"}


def case_number(raw) -> str:
    return cells.text(raw, max_length=30)


def short_text(raw) -> str:
    return cells.text(raw, max_length=50)


class LegalCaseKind(ImportKind):
    name = "legal_cases"
    label = "维权案件"
    model = Case
    key = ("案件编号",)
    outside = "案件“{}”不在您的管辖范围内"
    person_columns = ("当事人身份证号", "当事人姓名", None)
    rollback_models = ()  # cases are never deleted
    export_order = ("received_on", "number")
    columns = [
        Column("案件编号", case_number, field="number"),
        Column("受理日期", cells.date, field="received_on"),
        Column("来源", cells.choice(Case.channel.field)),
        Column("是否群体", cells.yes_no, field="is_group"),
        Column("涉及人数", cells.positive_count, field="persons"),
        Column("农民工人数", cells.count, field="migrants"),
        Column("当事人姓名", short_text, field="applicant_name"),
        Column("当事人身份证号", cells.id_number, field="applicant.id_number", required=False),
        Column("用人单位", cells.text, field="employer_name", required=False),
        Column("案由", cells.choice(Case.cause.field)),
        Column("处理方式", cells.choice(Case.handling.field)),
        Column(
            "代理律师",
            short_text,
            field="lawyer.name",
            required=False,
            help="指派律师代理的案件必填;新律师自动登记",
        ),
        Column("状态", cells.choice(Case.status.field)),
        Column("结案日期", cells.date, field="closed_on", required=False),
        Column("追回金额", cells.money, field="recovered", required=False),
        ORG_COLUMN,
    ]

    def prepare(self, rows, ctx):
        super().prepare(rows, ctx)
        ctx.prefetch(Lawyer, "name", {r["代理律师"] for r in rows})

    def apply(self, row, ctx):
        values = self.values(row, ctx)
        self.record(row, ctx)  # a case outside the subtree is refused before its cells are checked
        # Check the rules on a copy before anything is assigned, so a bad row changes nothing.
        problems = case_problems(Case(**values))
        if row["代理律师"]:
            problems.pop("lawyer", None)
        raise_first(problems, HEADER_OF)
        lawyer = row["代理律师"]
        values["lawyer"] = ctx.get_or_create(Lawyer, "name", lawyer) if lawyer else None
        return self.save(row, ctx, values)


CONTRACT_EMPLOYER = "单位统一社会信用代码"
CONTRACT_HEADERS = {
    "signed_on": "签订日期",
    "expires_on": "期满日期",
    "employer": CONTRACT_EMPLOYER,
    "employers_covered": "覆盖单位数",
    "workers_covered": "覆盖职工人数",
}


class CollectiveContractKind(ImportKind):
    name = "collective_contracts"
    label = "集体合同"
    model = CollectiveContract
    key = ("合同编号",)
    outside = "“{}”不在您的管辖范围内"
    rollback_models = (CollectiveContract,)
    export_order = ("signed_on", "number")
    columns = [
        Column("合同编号", case_number, field="number"),
        Column("合同类型", cells.choice(CollectiveContract.kind.field)),
        Column("签订形式", cells.choice(CollectiveContract.signing.field)),
        Column(
            CONTRACT_EMPLOYER,
            cells.credit_code,
            field="employer.credit_code",
            required=False,
            help="单独签订时必填",
        ),
        Column("覆盖单位数", cells.positive_count, field="employers_covered", help="单独签订为1"),
        Column("覆盖职工人数", cells.positive_count, field="workers_covered"),
        Column("签订日期", cells.date, field="signed_on"),
        Column("期满日期", cells.date, field="expires_on", help="应晚于签订日期"),
        ORG_COLUMN,
    ]

    def prepare(self, rows, ctx):
        super().prepare(rows, ctx)
        ctx.prefetch(Employer, "credit_code", {r[CONTRACT_EMPLOYER] for r in rows})

    def _employer(self, code, ctx) -> Employer | None:
        return None if code is None else ctx.reference(Employer, "credit_code", code, CONTRACT_EMPLOYER)

    def apply(self, row, ctx):
        org = ctx.org(row[ORG])
        self.record(row, ctx)  # a contract outside the subtree is refused before its employer
        values = self.values(row, ctx, organization=org, employer=self._employer(row[CONTRACT_EMPLOYER], ctx))
        # The rules on a copy before anything is assigned, so a bad row changes nothing.
        raise_first(contract_problems(CollectiveContract(**values)), CONTRACT_HEADERS)
        return self.save(row, ctx, values)


class MonitoringReportKind(ImportKind):
    name = "monitoring_reports"
    label = "劳动关系监测"
    model = MonitoringReport
    key = ("报告编号",)
    outside = "“{}”不在您的管辖范围内"
    rollback_models = (MonitoringReport,)
    export_order = ("sent_on", "number")
    columns = [
        Column("报告编号", case_number, field="number"),
        Column("报送日期", cells.date, field="sent_on"),
        Column("报告类型", cells.choice(MonitoringReport.kind.field)),
        Column("标题", cells.text, field="title"),
        Column("涉及单位数", cells.count, field="employers"),
        Column("风险等级", cells.choice(MonitoringReport.risk.field)),
        ORG_COLUMN,
    ]


KINDS = [LegalCaseKind(), CollectiveContractKind(), MonitoringReportKind()]

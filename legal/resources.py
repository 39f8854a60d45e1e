"""Import kinds of the legal area: legal_cases (维权案件), collective_contracts (集体合同) and
monitoring_reports (劳动关系监测), as import-formats.md defines them."""

from members.models import Employer
from unionhub.imports import cells
from unionhub.imports.kinds import Column, ImportKind, raise_first

from .models import (
    Case,
    CollectiveContract,
    Lawyer,
    MonitoringReport,
    case_problems,
    contract_problems,
)

ORG = "所属工会组织代码"
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
    key_field = "number"
    key_related = ("organization",)
    outside = "案件“{}”不在您的管辖范围内"
    person_columns = ("当事人身份证号", "当事人姓名", None)
    rollback_models = ()  # cases are never deleted
    columns = [
        Column("案件编号", case_number),
        Column("受理日期", cells.date),
        Column("来源", cells.choice(Case.channel.field)),
        Column("是否群体", cells.yes_no),
        Column("涉及人数", cells.positive_count),
        Column("农民工人数", cells.count),
        Column("当事人姓名", short_text),
        Column("当事人身份证号", cells.id_number, required=False),
        Column("用人单位", cells.text, required=False),
        Column("案由", cells.choice(Case.cause.field)),
        Column("处理方式", cells.choice(Case.handling.field)),
        Column("代理律师", short_text, required=False, help="指派律师代理的案件必填;新律师自动登记"),
        Column("状态", cells.choice(Case.status.field)),
        Column("结案日期", cells.date, required=False),
        Column("追回金额", cells.money, required=False),
        Column(ORG, cells.org_code),
    ]

    def prepare(self, rows, ctx):
        super().prepare(rows, ctx)
        ctx.prefetch(Lawyer, "name", {r["代理律师"] for r in rows})

    def apply(self, row, ctx):
        org = ctx.org(row[ORG])
        self.record(row, ctx)
        values = {
            "received_on": row["受理日期"],
            "channel": row["来源"],
            "is_group": row["是否群体"],
            "persons": row["涉及人数"],
            "migrants": row["农民工人数"],
            "applicant_name": row["当事人姓名"],
            "applicant": row.person,
            "employer_name": row.get("用人单位", ""),
            "cause": row["案由"],
            "handling": row["处理方式"],
            "status": row["状态"],
            "closed_on": row["结案日期"],
            "recovered": row["追回金额"],
            "organization": org,
        }
        # Check the rules on a copy before anything is assigned, so a bad row changes nothing.
        problems = case_problems(Case(**values))
        if row["代理律师"]:
            problems.pop("lawyer", None)
        raise_first(problems, HEADER_OF)
        lawyer = row["代理律师"]
        values["lawyer"] = ctx.get_or_create(Lawyer, "name", lawyer) if lawyer else None
        return self.save(row, ctx, values)

    def export_queryset(self, org):
        return (
            Case.objects.within(org)
            .select_related("applicant", "lawyer", "organization")
            .order_by("received_on", "number")
        )

    def export_row(self, obj):
        return {
            "案件编号": obj.number,
            "受理日期": obj.received_on,
            "来源": obj.channel,
            "是否群体": obj.is_group,
            "涉及人数": obj.persons,
            "农民工人数": obj.migrants,
            "当事人姓名": obj.applicant_name,
            "当事人身份证号": obj.applicant.id_number if obj.applicant_id else None,
            "用人单位": obj.employer_name or None,
            "案由": obj.cause,
            "处理方式": obj.handling,
            "代理律师": obj.lawyer.name if obj.lawyer_id else None,
            "状态": obj.status,
            "结案日期": obj.closed_on,
            "追回金额": obj.recovered,
            ORG: obj.organization.code,
        }


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
    key_field = "number"
    key_related = ("organization",)
    outside = "“{}”不在您的管辖范围内"
    rollback_models = (CollectiveContract,)
    columns = [
        Column("合同编号", case_number),
        Column("合同类型", cells.choice(CollectiveContract.kind.field)),
        Column("签订形式", cells.choice(CollectiveContract.signing.field)),
        Column(CONTRACT_EMPLOYER, cells.credit_code, required=False, help="单独签订时必填"),
        Column("覆盖单位数", cells.positive_count, help="单独签订为1"),
        Column("覆盖职工人数", cells.positive_count),
        Column("签订日期", cells.date),
        Column("期满日期", cells.date, help="应晚于签订日期"),
        Column(ORG, cells.org_code),
    ]

    def prepare(self, rows, ctx):
        super().prepare(rows, ctx)
        ctx.prefetch(Employer, "credit_code", {r[CONTRACT_EMPLOYER] for r in rows})

    def _employer(self, code, ctx) -> Employer | None:
        if code is None:
            return None
        return ctx.reference(
            Employer,
            "credit_code",
            code,
            CONTRACT_EMPLOYER,
            missing="统一社会信用代码为“{}”的单位不存在",
            outside="单位“{}”不在您的管辖范围内",
        )

    def apply(self, row, ctx):
        org = ctx.org(row[ORG])
        self.record(row, ctx)
        values = {
            "kind": row["合同类型"],
            "signing": row["签订形式"],
            "employer": self._employer(row[CONTRACT_EMPLOYER], ctx),
            "employers_covered": row["覆盖单位数"],
            "workers_covered": row["覆盖职工人数"],
            "signed_on": row["签订日期"],
            "expires_on": row["期满日期"],
            "organization": org,
        }
        # The rules on a copy before anything is assigned, so a bad row changes nothing.
        raise_first(contract_problems(CollectiveContract(**values)), CONTRACT_HEADERS)
        return self.save(row, ctx, values)

    def export_queryset(self, org):
        return (
            CollectiveContract.objects.within(org)
            .select_related("employer", "organization")
            .order_by("signed_on", "number")
        )

    def export_row(self, obj):
        return {
            "合同编号": obj.number,
            "合同类型": obj.kind,
            "签订形式": obj.signing,
            CONTRACT_EMPLOYER: obj.employer.credit_code if obj.employer_id else None,
            "覆盖单位数": obj.employers_covered,
            "覆盖职工人数": obj.workers_covered,
            "签订日期": obj.signed_on,
            "期满日期": obj.expires_on,
            ORG: obj.organization.code,
        }


class MonitoringReportKind(ImportKind):
    name = "monitoring_reports"
    label = "劳动关系监测"
    model = MonitoringReport
    key = ("报告编号",)
    key_field = "number"
    key_related = ("organization",)
    outside = "“{}”不在您的管辖范围内"
    rollback_models = (MonitoringReport,)
    columns = [
        Column("报告编号", case_number),
        Column("报送日期", cells.date),
        Column("报告类型", cells.choice(MonitoringReport.kind.field)),
        Column("标题", cells.text),
        Column("涉及单位数", cells.count),
        Column("风险等级", cells.choice(MonitoringReport.risk.field)),
        Column(ORG, cells.org_code),
    ]

    def apply(self, row, ctx):
        values = {
            "sent_on": row["报送日期"],
            "kind": row["报告类型"],
            "title": row["标题"],
            "employers": row["涉及单位数"],
            "risk": row["风险等级"],
            "organization": ctx.org(row[ORG]),
        }
        return self.save(row, ctx, values)

    def export_queryset(self, org):
        return (
            MonitoringReport.objects.within(org).select_related("organization").order_by("sent_on", "number")
        )

    def export_row(self, obj):
        return {
            "报告编号": obj.number,
            "报送日期": obj.sent_on,
            "报告类型": obj.kind,
            "标题": obj.title,
            "涉及单位数": obj.employers,
            "风险等级": obj.risk,
            ORG: obj.organization.code,
        }


KINDS = [LegalCaseKind(), CollectiveContractKind(), MonitoringReportKind()]

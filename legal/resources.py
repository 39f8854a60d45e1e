"""The `legal_cases` import kind (维权案件, key 案件编号)."""

from unionhub.imports import cells
from unionhub.imports.kinds import Column, ImportKind, RowError

from .models import Case, Cause, Channel, Handling, Lawyer, Status, case_problems

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
    person_columns = ("当事人身份证号", "当事人姓名", None)
    rollback_models = ()  # cases are never deleted
    columns = [
        Column("案件编号", case_number),
        Column("受理日期", cells.date),
        Column("来源", cells.choice(Channel)),
        Column("是否群体", cells.yes_no),
        Column("涉及人数", cells.positive_count),
        Column("农民工人数", cells.count),
        Column("当事人姓名", short_text),
        Column("当事人身份证号", cells.id_number, required=False),
        Column("用人单位", cells.text, required=False),
        Column("案由", cells.choice(Cause)),
        Column("处理方式", cells.choice(Handling)),
        Column("代理律师", short_text, required=False, help="指派律师代理的案件必填;新律师自动登记"),
        Column("状态", cells.choice(Status)),
        Column("结案日期", cells.date, required=False),
        Column("追回金额", cells.money, required=False),
        Column(ORG, cells.org_code),
    ]

    def prepare(self, rows, ctx):
        ctx.prefetch(
            Case,
            "number",
            {r["案件编号"] for r in rows},
            queryset=Case.objects.select_related("organization"),
        )
        ctx.prefetch(Lawyer, "name", {r["代理律师"] for r in rows})

    def _lawyer(self, name, ctx) -> Lawyer | None:
        if not name:
            return None
        lawyer = ctx.lookup(Lawyer, "name", name)
        if lawyer is None:
            lawyer = Lawyer.objects.create(name=name)
            ctx.remember(Lawyer, "name", lawyer)
        return lawyer

    def apply(self, row, ctx):
        org = ctx.org(row[ORG])
        case = ctx.lookup(Case, "number", row["案件编号"])
        if case is not None and not ctx.root.contains(case.organization):
            raise RowError("案件编号", f"案件“{row['案件编号']}”不在您的管辖范围内")
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
        if problems:
            field, message = next(iter(problems.items()))
            raise RowError(HEADER_OF[field], str(message))
        values["lawyer"] = self._lawyer(row["代理律师"], ctx)
        if case is None:
            case = Case(number=row["案件编号"], **values)
            ctx.remember(Case, "number", case)
            return ctx.add(case)
        return ctx.update(case, ctx.assign(case, **values))

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


KINDS = [LegalCaseKind()]

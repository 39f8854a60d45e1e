"""Import/export kinds of the members work area: `employers`, `members`, `drives`
(import-formats.md). Each batch resolves its references with one query per kind of reference;
`apply` does no queries of its own, so 100,000 members import in seconds."""

from django.utils import timezone

from unionhub.imports import cells
from unionhub.imports.kinds import Column, ImportKind, RowError
from unionhub.people.models import Person
from unionhub.people.services import OUT_OF_SCOPE

from .models import Drive, Employer, Industry, KeyGroup, Member
from .services import drive_problems, employer_problems, member_problems

ORG = "所属工会组织代码"
MEMBER_ATTNAMES = [f.attname for f in Member._meta.concrete_fields]


def _org_ids(ctx) -> set[int]:
    """Primary keys of the organizations inside the importer's subtree (once per import)."""
    if "org_ids" not in ctx.state:
        ctx.state["org_ids"] = {o.pk for o in ctx.orgs.values()}
    return ctx.state["org_ids"]


def _today(ctx):
    today = ctx.state.get("today")
    if today is None:
        today = ctx.state["today"] = timezone.localdate()
    return today


def _industry(ctx, name: str) -> Industry:
    industry = ctx.lookup(Industry, "name", name)
    if industry is None:
        names = ctx.state.setdefault(
            "industry_names", "、".join(Industry.objects.values_list("name", flat=True))
        )
        raise RowError("行业", f"行业“{name}”不在行业列表中({names})")
    return industry


def _raise_first(problems: dict, headers: dict):
    for field, message in problems.items():
        raise RowError(headers[field], str(message))


def _employer_in_scope(ctx, code: str, column: str) -> Employer:
    employer = ctx.lookup(Employer, "credit_code", code)
    if employer is None:
        raise RowError(column, f"单位“{code}”不存在")
    if employer.organization_id not in _org_ids(ctx):
        raise RowError(column, f"单位“{code}”不在您的管辖范围内")
    return employer


class EmployerKind(ImportKind):
    name = "employers"
    label = "单位"
    model = Employer
    key = ("统一社会信用代码",)
    rollback_models = (Employer,)
    columns = [
        Column("单位名称", cells.text),
        Column("统一社会信用代码", cells.credit_code),
        Column(ORG, cells.org_code),
        Column("行业", cells.text),
        Column("经济类型", cells.choice(Employer.Ownership)),
        Column("职工人数", cells.count),
        Column("是否建会", cells.yes_no),
        Column("建会日期", cells.date, required=False),
        Column("链主企业统一社会信用代码", cells.credit_code, required=False),
    ]
    HEADERS = {"union_founded_on": "建会日期", "lead": "链主企业统一社会信用代码"}

    def prepare(self, rows, ctx):
        codes = [r["统一社会信用代码"] for r in rows] + [r["链主企业统一社会信用代码"] for r in rows]
        ctx.prefetch(Employer, "credit_code", codes)
        ctx.prefetch(Industry, "name", [r["行业"] for r in rows])

    def apply(self, row, ctx):
        code = row["统一社会信用代码"]
        lead_code = row["链主企业统一社会信用代码"]
        org = ctx.org(row[ORG])
        industry = _industry(ctx, row["行业"])
        _raise_first(
            employer_problems(
                credit_code=code,
                has_union=row["是否建会"],
                union_founded_on=row["建会日期"],
                lead_code=lead_code,
                today=_today(ctx),
            ),
            self.HEADERS,
        )
        lead = None
        if lead_code:
            if ctx.lookup(Employer, "credit_code", lead_code) is None:
                raise RowError(
                    "链主企业统一社会信用代码",
                    f"链主企业“{lead_code}”不存在(须为系统中已有的单位或本文件前面的行)",
                )
            lead = _employer_in_scope(ctx, lead_code, "链主企业统一社会信用代码")
            if lead.pk is None:  # created earlier in this batch: write it now to refer to it
                ctx.flush()
        values = {
            "name": row["单位名称"],
            "organization_id": org.pk,
            "industry_id": industry.pk,
            "ownership": row["经济类型"],
            "headcount": row["职工人数"],
            "has_union": row["是否建会"],
            "union_founded_on": row["建会日期"],
            "lead_id": lead.pk if lead else None,
        }
        employer = ctx.lookup(Employer, "credit_code", code)
        if employer is None:
            employer = Employer(credit_code=code, **values)
            ctx.remember(Employer, "credit_code", employer)
            return ctx.add(employer)
        if employer.organization_id not in _org_ids(ctx):
            raise RowError("统一社会信用代码", "该单位属于其他组织,不在您的管辖范围内")
        return ctx.update(employer, ctx.assign(employer, **values))

    def export_queryset(self, org):
        return Employer.objects.within(org).select_related("organization", "industry", "lead").order_by("pk")

    def export_row(self, obj):
        return {
            "单位名称": obj.name,
            "统一社会信用代码": obj.credit_code,
            ORG: obj.organization.code,
            "行业": obj.industry.name,
            "经济类型": obj.ownership,
            "职工人数": obj.headcount,
            "是否建会": obj.has_union,
            "建会日期": obj.union_founded_on,
            "链主企业统一社会信用代码": obj.lead.credit_code if obj.lead_id else None,
        }


class MemberKind(ImportKind):
    name = "members"
    label = "会员"
    model = Member
    key = ("身份证号",)
    person_columns = ("身份证号", "姓名", "手机号")
    person_mode = "create"
    rollback_models = (Member, Person)
    batch_size = 5000
    columns = [
        Column("姓名", cells.text),
        Column("身份证号", cells.id_number),
        Column("手机号", cells.phone, required=False),
        Column("工作单位统一社会信用代码", cells.credit_code, required=False),
        Column(ORG, cells.org_code),
        Column("重点群体", cells.choice(KeyGroup), required=False),
        Column("是否农民工", cells.yes_no),
        Column("入会日期", cells.date),
        Column("会员状态", cells.choice(Member.Status), required=False),
    ]

    def prepare(self, rows, ctx):
        ctx.prefetch(Employer, "credit_code", [r["工作单位统一社会信用代码"] for r in rows])
        # One query for the whole batch; memberships made earlier in this file are in the cache
        # (ctx.remember) or, once the cache is trimmed, in the database.
        ctx.prefetch(Member, "person_id", [r.person.pk for r in rows])

    def apply(self, row, ctx):
        person = row.person
        org = ctx.org(row[ORG])
        employer_code = row["工作单位统一社会信用代码"]
        employer = (
            _employer_in_scope(ctx, employer_code, "工作单位统一社会信用代码") if employer_code else None
        )
        join_date = row["入会日期"]
        problems = member_problems(join_date=join_date, birth_date=person.birth_date, today=_today(ctx))
        if problems:
            raise RowError("入会日期", str(problems["join_date"]))
        values = {
            "organization_id": org.pk,
            "employer_id": employer.pk if employer else None,
            "join_date": join_date,
            "status": row["会员状态"] or Member.Status.ACTIVE,
            "key_group": row["重点群体"] or "",
            "is_migrant": row["是否农民工"],
        }
        member = ctx.lookup(Member, "person_id", person.pk)
        if member is None:
            values["person_id"] = person.pk
            # Positional arguments: Model.__init__'s fast path, a third of the keyword path's cost.
            member = Member(*[values.get(name) for name in MEMBER_ATTNAMES])
            ctx.remember(Member, "person_id", member)
            return ctx.add(member)
        if member.organization_id not in _org_ids(ctx):
            raise RowError("身份证号", str(OUT_OF_SCOPE))
        return ctx.update(member, ctx.assign(member, **values))

    def export_queryset(self, org):
        return Member.objects.within(org).select_related("person", "organization", "employer").order_by("pk")

    def export_row(self, obj):
        return {
            "姓名": obj.person.name,
            "身份证号": obj.person.id_number,
            "手机号": obj.person.phone,
            "工作单位统一社会信用代码": obj.employer.credit_code if obj.employer_id else None,
            ORG: obj.organization.code,
            "重点群体": obj.key_group,
            "是否农民工": obj.is_migrant,
            "入会日期": obj.join_date,
            "会员状态": obj.status,
        }


class DriveKind(ImportKind):
    name = "drives"
    label = "入会集中行动"
    model = Drive
    key = ("行动名称",)
    rollback_models = (Drive,)
    columns = [
        Column("行动名称", cells.text),
        Column("重点群体", cells.choice(KeyGroup)),
        Column("行业", cells.text),
        Column("开始日期", cells.date),
        Column("结束日期", cells.date),
        Column("群体总数", cells.positive_count),
        Column("目标入会率", cells.percent),
        Column("目标建会率", cells.percent),
        Column(ORG, cells.org_code),
    ]

    def prepare(self, rows, ctx):
        ctx.prefetch(Drive, "name", [r["行动名称"] for r in rows])
        ctx.prefetch(Industry, "name", [r["行业"] for r in rows])

    def apply(self, row, ctx):
        org = ctx.org(row[ORG])
        industry = _industry(ctx, row["行业"])
        _raise_first(drive_problems(start=row["开始日期"], end=row["结束日期"]), {"end": "结束日期"})
        values = {
            "key_group": row["重点群体"],
            "industry_id": industry.pk,
            "start": row["开始日期"],
            "end": row["结束日期"],
            "population": row["群体总数"],
            "target_join_rate": row["目标入会率"],
            "target_founding_rate": row["目标建会率"],
            "organization_id": org.pk,
        }
        drive = ctx.lookup(Drive, "name", row["行动名称"])
        if drive is None:
            drive = Drive(name=row["行动名称"], **values)
            ctx.remember(Drive, "name", drive)
            return ctx.add(drive)
        if drive.organization_id not in _org_ids(ctx):
            raise RowError("行动名称", "该行动属于其他组织,不在您的管辖范围内")
        return ctx.update(drive, ctx.assign(drive, **values))

    def export_queryset(self, org):
        return Drive.objects.within(org).select_related("organization", "industry").order_by("start", "pk")

    def export_row(self, obj):
        return {
            "行动名称": obj.name,
            "重点群体": obj.key_group,
            "行业": obj.industry.name,
            "开始日期": obj.start,
            "结束日期": obj.end,
            "群体总数": obj.population,
            "目标入会率": obj.target_join_rate,
            "目标建会率": obj.target_founding_rate,
            ORG: obj.organization.code,
        }


KINDS = [EmployerKind(), MemberKind(), DriveKind()]

"""Import/export kinds of the members work area: `employers`, `members`, `transfers`, `drives`
(import-formats.md). Each batch resolves its references with one query per kind of reference;
`apply` does no queries of its own, so 100,000 members import in seconds."""

from django.core.exceptions import ValidationError
from django.db import transaction

from unionhub.imports import cells
from unionhub.imports.kinds import (
    NEW,
    ORG,
    ORG_COLUMN,
    UNCHANGED,
    Column,
    ImportKind,
    RowError,
    raise_first,
    raise_refused,
)
from unionhub.people.models import Person
from unionhub.people.services import OUT_OF_SCOPE

from .models import Drive, Employer, Industry, Member, Transfer, TransferState
from .services import drive_problems, employer_problems, member_problems, transfer_record

MEMBER_ATTNAMES = [f.attname for f in Member._meta.concrete_fields]


def _industry(ctx, name: str) -> Industry:
    industry = ctx.lookup(Industry, "name", name)
    if industry is None:
        names = ctx.state.setdefault(
            "industry_names", "、".join(Industry.objects.values_list("name", flat=True))
        )
        raise RowError("行业", f"行业“{name}”不在行业列表中({names})")
    return industry


def _employer_in_scope(ctx, code: str, column: str) -> Employer:
    return ctx.reference(Employer, "credit_code", code, column, missing="单位“{}”不存在")


class EmployerKind(ImportKind):
    name = "employers"
    label = "单位"
    model = Employer
    key = ("统一社会信用代码",)
    outside = "该单位属于其他组织,不在您的管辖范围内"
    rollback_models = (Employer,)
    columns = [
        Column("单位名称", cells.text, field="name"),
        Column("统一社会信用代码", cells.credit_code, field="credit_code"),
        ORG_COLUMN,
        Column("行业", cells.text, field="industry.name"),
        Column("经济类型", cells.choice(Employer.ownership.field)),
        Column("职工人数", cells.count, field="headcount"),
        Column("是否建会", cells.yes_no, field="has_union"),
        Column("建会日期", cells.date, field="union_founded_on", required=False),
        Column("链主企业统一社会信用代码", cells.credit_code, field="lead.credit_code", required=False),
    ]
    HEADERS = {"union_founded_on": "建会日期", "lead": "链主企业统一社会信用代码"}

    def prepare(self, rows, ctx):
        # The rows' employers and their chain leads in one query (in place of the base's).
        codes = [r["统一社会信用代码"] for r in rows] + [r["链主企业统一社会信用代码"] for r in rows]
        ctx.prefetch(Employer, "credit_code", codes)
        ctx.prefetch(Industry, "name", [r["行业"] for r in rows])

    def apply(self, row, ctx):
        code = row["统一社会信用代码"]
        lead_code = row["链主企业统一社会信用代码"]
        org = ctx.org(row[ORG])
        industry = _industry(ctx, row["行业"])
        raise_first(
            employer_problems(
                credit_code=code,
                has_union=row["是否建会"],
                union_founded_on=row["建会日期"],
                lead_code=lead_code,
                today=ctx.today,
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
        return self.save(row, ctx, values)


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
        Column("姓名", cells.text, field="person.name"),
        Column("身份证号", cells.id_number, field="person.id_number"),
        Column("手机号", cells.phone, field="person.phone", required=False),
        Column("工作单位统一社会信用代码", cells.credit_code, field="employer.credit_code", required=False),
        ORG_COLUMN,
        Column("重点群体", cells.choice(Member.key_group.field), required=False),
        Column("是否农民工", cells.yes_no, field="is_migrant"),
        Column("入会日期", cells.date, field="join_date"),
        Column("会员状态", cells.choice(Member.status.field), required=False),
        Column("离会日期", cells.date, field="leave_date", required=False),
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
        problems = member_problems(join_date=join_date, birth_date=person.birth_date, today=ctx.today)
        if problems:
            raise RowError("入会日期", str(problems["join_date"]))
        status = row["会员状态"] or Member.Status.ACTIVE
        leave_date = _leave_date(row, status, join_date, ctx)
        values = {
            "organization_id": org.pk,
            "employer_id": employer.pk if employer else None,
            "join_date": join_date,
            "status": status,
            "leave_date": leave_date,
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
        if member.organization_id not in ctx.org_ids:
            raise RowError("身份证号", str(OUT_OF_SCOPE))
        if member.organization_id != org.pk:
            raise RowError(ORG, "组织变更请用会员转接导入")
        if member.pk is not None:
            _check_history(member, values)
        return ctx.update(member, ctx.assign(member, **values))


def _leave_date(row, status, join_date, ctx):
    leave_date = row["离会日期"]
    if status == Member.Status.ACTIVE:
        if leave_date is not None:
            raise RowError("离会日期", "在会会员不填离会日期")
        return None
    if leave_date is None:
        raise RowError("离会日期", f"{status}的会员须填写离会日期")
    if leave_date > ctx.today:
        raise RowError("离会日期", "离会日期不能晚于今天")
    if leave_date < join_date:
        raise RowError("离会日期", "离会日期不能早于入会日期")
    return leave_date


def _check_history(member: Member, values: dict):
    """A re-import may correct a member but not rewrite the periods: 入会日期 stays before the
    first transfer, 离会日期 after the last, and nobody leaves with a transfer pending. A few
    queries, only for the rows that change these dates."""
    if values["join_date"] != member.join_date:
        first = member.periods.filter(transfer__isnull=True).first()
        if first is not None and first.end is not None and values["join_date"] > first.end:
            raise RowError("入会日期", f"入会日期不能晚于{first.end:%Y-%m-%d}(该会员在该日转接或离会)")
    if values["leave_date"] == member.leave_date:
        return
    if member.status != Member.Status.ACTIVE and values["leave_date"] is None:
        raise RowError("会员状态", f"该会员已于{member.leave_date:%Y-%m-%d}离会,不能通过导入恢复为在会")
    if member.transfers.filter(state=TransferState.PENDING).exists():
        raise RowError("离会日期", "该会员有待接收的转接,请先处理转接再办理离会")
    last = member.periods.order_by("-start", "-pk").first()
    if last is not None and last.transfer_id is not None and values["leave_date"] < last.start:
        raise RowError("离会日期", f"离会日期不能早于该会员最近一次转接的日期{last.start:%Y-%m-%d}")


TRANSFER_FIELDS = {
    "date": "转接日期",
    "from_organization": "转出组织代码",
    "to_organization": "转入组织代码",
    "new_employer": "转入单位统一社会信用代码",
}


class TransferKind(ImportKind):
    """会员转接: each row an accepted transfer (the file is the record of both sides), applied in
    date order per member through the same rules as the browser's (services.transfer_record)."""

    name = "transfers"
    label = "会员转接"
    model = Transfer
    key = ("身份证号", "转接日期")
    person_columns = ("身份证号", "姓名", None)
    person_mode = "existing"
    # Rows are applied in date order per member: the whole file in one batch.
    batch_size = 1_000_000
    columns = [
        Column("姓名", cells.text, field="member.person.name"),
        Column("身份证号", cells.id_number, field="member.person.id_number"),
        Column("转出组织代码", cells.org_code, field="from_organization.code"),
        Column("转入组织代码", cells.org_code, field="to_organization.code"),
        Column(
            "转入单位统一社会信用代码", cells.credit_code, field="new_employer.credit_code", required=False
        ),
        Column("转接日期", cells.date, field="date"),
    ]

    def prepare(self, rows, ctx):
        # In place: the engine applies the rows in the order of this list.
        rows.sort(key=lambda r: (r.person.pk if r.person else 0, r["转接日期"], r.number))
        ctx.prefetch(Member, "person_id", [r.person.pk for r in rows if r.person])
        ctx.prefetch(Employer, "credit_code", [r["转入单位统一社会信用代码"] for r in rows])

    def apply(self, row, ctx):
        member = ctx.lookup(Member, "person_id", row.person.pk) if row.person else None
        if member is None:
            raise RowError("身份证号", "该人员不是会员")
        from_org = ctx.org(row["转出组织代码"], "转出组织代码")
        to_org = ctx.org(row["转入组织代码"], "转入组织代码")
        if from_org.pk == to_org.pk:
            raise RowError("转入组织代码", "转入组织代码不能与转出组织代码相同")
        code = row["转入单位统一社会信用代码"]
        employer = _employer_in_scope(ctx, code, "转入单位统一社会信用代码") if code else None
        date = row["转接日期"]
        if date > ctx.today:
            raise RowError("转接日期", "转接日期不能晚于今天")
        if member.pk is None:
            raise RowError("身份证号", "该人员不是会员")
        same_day = Transfer.objects.filter(
            member_id=member.pk, date=date, state=TransferState.ACCEPTED
        ).first()
        if same_day is not None:
            if (same_day.from_organization_id, same_day.to_organization_id) == (from_org.pk, to_org.pk) and (
                employer is None or same_day.new_employer_id == employer.pk
            ):
                return UNCHANGED
            raise RowError("转接日期", "该会员在该日期已有一次不同的转接记录")
        try:
            with transaction.atomic():
                transfer_record(
                    member=member,
                    from_organization=from_org,
                    to_organization=to_org,
                    date=date,
                    new_employer=employer,
                    batch=ctx.batch,
                )
        except ValidationError as exc:
            raise_refused(exc, TRANSFER_FIELDS, default="身份证号")
        return NEW

    def export_queryset(self, org):
        return (
            Transfer.objects.filter(state=TransferState.ACCEPTED)
            .filter(from_organization__path__startswith=org.path, to_organization__path__startswith=org.path)
            .select_related("member__person", "from_organization", "to_organization", "new_employer")
            .order_by("date", "pk")
        )


class DriveKind(ImportKind):
    name = "drives"
    label = "入会集中行动"
    model = Drive
    key = ("行动名称",)
    outside = "该行动属于其他组织,不在您的管辖范围内"
    rollback_models = (Drive,)
    export_order = ("start", "pk")
    columns = [
        Column("行动名称", cells.text, field="name"),
        Column("重点群体", cells.choice(Drive.key_group.field)),
        Column("行业", cells.text, field="industry.name"),
        Column("开始日期", cells.date, field="start"),
        Column("结束日期", cells.date, field="end"),
        Column("群体总数", cells.positive_count, field="population"),
        Column("目标入会率", cells.percent, field="target_join_rate"),
        Column("目标建会率", cells.percent, field="target_founding_rate"),
        ORG_COLUMN,
    ]

    def prepare(self, rows, ctx):
        super().prepare(rows, ctx)
        ctx.prefetch(Industry, "name", [r["行业"] for r in rows])

    def apply(self, row, ctx):
        org = ctx.org(row[ORG])
        industry = _industry(ctx, row["行业"])
        raise_first(drive_problems(start=row["开始日期"], end=row["结束日期"]), {"end": "结束日期"})
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
        return self.save(row, ctx, values)


KINDS = [EmployerKind(), MemberKind(), TransferKind(), DriveKind()]

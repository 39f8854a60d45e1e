"""The relief import kinds (import-formats.md): relief_files, relief_programs, relief_payments,
care_services.

Payments obey exactly the rules a form does: each new row is checked by
relief.services.payment_problems under the programs' row locks (taken for the whole import),
with the facts it needs read for a batch at once; a changed row goes through payment_correct.
A refused payment is a bad row carrying the rule's message, and the engine's all-or-nothing
transaction leaves nothing written.
"""

from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError

from members.models import Employer
from unionhub.imports import cells
from unionhub.imports.kinds import (
    ORG,
    ORG_COLUMN,
    UNCHANGED,
    UPDATED,
    Column,
    ImportKind,
    RowError,
    raise_first,
    raise_refused,
)
from unionhub.people.services import OUT_OF_SCOPE

from .models import (
    HOUSEHOLD_FACTS,
    IMPORT_STATES,
    CareService,
    FileState,
    HardshipFile,
    Payment,
    ReliefProgram,
    file_problems,
)
from .services import (
    PaymentFacts,
    eligible_file,
    file_payment_problems,
    no_file_here,
    notices_settle,
    payment_correct,
    payment_problems,
    person_files_locked,
    program_usable_from,
)

PROGRAM_ORG = "项目所属组织代码"


def _state_as_imported(file) -> str:
    """The contract knows a file on notice (公示, this system's own step) as 待认定."""
    return FileState.PENDING if file.state == FileState.NOTICE else file.state


class FileKind(ImportKind):
    name = "relief_files"
    label = "困难职工档案"
    model = HardshipFile
    key = ("身份证号", "建档日期")  # one file per person and filing year, checked in apply()
    person_columns = ("身份证号", "姓名", "手机号")
    columns = [
        Column("姓名", partial(cells.text, max_length=50), field="person.name"),
        Column("身份证号", cells.id_number, field="person.id_number"),
        Column("手机号", cells.phone, field="person.phone", required=False),
        Column("类别", cells.choice(HardshipFile.category.field)),
        Column("致困原因", cells.choice(HardshipFile.cause.field)),
        Column("家庭人口", cells.positive_count, field="household_size"),
        Column("家庭月人均收入", cells.money, field="income_per_head", format=cells.format_money),
        ORG_COLUMN,
        Column("建档日期", cells.date, field="filed_on", format=cells.format_date),
        Column("认定状态", cells.choice(IMPORT_STATES), field=_state_as_imported),
        Column("认定日期", cells.date, field="verified_on", required=False, format=cells.format_date),
        Column("脱困日期", cells.date, field="exited_on", required=False, format=cells.format_date),
    ]
    COLUMN_OF = {"verified_on": "认定日期", "exited_on": "脱困日期", "state": "认定状态"}

    def prepare(self, rows, ctx):
        people = [r.person.pk for r in rows if r.person is not None and r.person.pk]
        files = ctx.state.setdefault("files", {})
        for f in HardshipFile.objects.filter(person_id__in=people).select_related("organization"):
            files.setdefault((f.person_id, f.filed_on.year), f)

    def apply(self, row, ctx):
        org = ctx.org(row[ORG])
        year = row["建档日期"].year
        seen = ctx.state.setdefault("seen", {})
        key = (row["身份证号"], year)
        if key in seen:
            raise RowError("建档日期", f"与第{seen[key]}行是同一人员同一年度的档案")
        seen[key] = row.number
        values = {
            "category": row["类别"],
            "cause": row["致困原因"],
            "household_size": row["家庭人口"],
            "income_per_head": row["家庭月人均收入"],
            "organization": org,
            "filed_on": row["建档日期"],
            "state": row["认定状态"],
            "verified_on": row["认定日期"],
            "exited_on": row["脱困日期"],
        }
        existing = ctx.state["files"].get((row.person.pk, year))
        importer = ctx.batch.created_by_id
        if existing is None:
            # An imported 已认定 file keeps its dates: the import is the record of that review.
            file = HardshipFile(person=row.person, filed_by_id=importer, **values)
            self._check(file)
            return ctx.add(file)
        if existing.organization_id not in ctx.org_ids:
            raise RowError("身份证号", str(OUT_OF_SCOPE))
        if existing.state == FileState.NOTICE:
            # On notice: the file's review is this system's; the contract knows it as 待认定.
            if values["state"] != FileState.PENDING:
                raise RowError("认定状态", "该档案正在公示中,公示期满前不能导入其他认定状态")
            if any(getattr(existing, name) != values[name] for name in HOUSEHOLD_FACTS):
                raise RowError(
                    "家庭人口", "该档案正在公示中,不能修改家庭情况;如有异议,请在档案页登记公示异议"
                )
            values["state"] = FileState.NOTICE
        elif values["state"] in (FileState.PENDING, FileState.REFUSED):
            values.update(reviewed_by_id=None, reviewed_on=None, notice_until=None)
        if any(getattr(existing, name) != values[name] for name in HOUSEHOLD_FACTS):
            values["facts_changed_by_id"] = importer  # who changed the facts last does not review
        changed = ctx.assign(existing, **values)
        self._check(existing)
        if {"state", "verified_on", "exited_on", "organization"} & set(changed):
            self._check_payments(existing)
        return ctx.update(existing, changed)

    def _check(self, file):
        raise_first(file_problems(file), self.COLUMN_OF)

    COLUMN_OF_PAYMENT_RULE = {"state": "认定状态", "organization": ORG}

    def _check_payments(self, file):
        """A change of dates or organization may not strip an existing payment of its file."""
        raise_first(file_payment_problems(file), self.COLUMN_OF_PAYMENT_RULE)


class ProgramKindImport(ImportKind):
    name = "relief_programs"
    label = "帮扶项目"
    model = ReliefProgram
    key = ("项目类型", "年度", ORG)
    rollback_models = (ReliefProgram,)
    export_order = ("year", "pk")
    columns = [
        Column("项目类型", cells.choice(ReliefProgram.kind.field)),
        Column("年度", cells.year, field="year"),
        Column("预算", cells.money, field="budget", required=False),
        Column("单笔上限", cells.money, field="cap", required=False),
        ORG_COLUMN,
    ]

    def prepare(self, rows, ctx):
        # Only the importer's own subtree's programs: another organization's program of the same
        # kind and year is another program, and nothing here tells that it exists.
        programs = ctx.state.setdefault("programs", {})
        years = {r["年度"] for r in rows}
        queryset = ReliefProgram.objects.filter(year__in=years).select_related("organization")
        if ctx.root.pk:
            queryset = queryset.within(ctx.root)
        for p in queryset:
            programs.setdefault((p.kind, p.year, p.organization.code), p)

    def apply(self, row, ctx):
        org = ctx.org(row[ORG])
        key = (row["项目类型"], row["年度"], org.code)
        programs = ctx.state["programs"]
        existing = programs.get(key)
        if existing is not None and row["预算"] is not None and row["预算"] < existing.spent:
            raise RowError("预算", f"预算不能低于该项目已发放的金额{existing.spent}元")
        values = self.values(row, ctx)
        return ctx.upsert(programs, key, values, ReliefProgram, kind=key[0], year=key[1], organization=org)


class PaymentKind(ImportKind):
    name = "relief_payments"
    label = "帮扶发放"
    model = Payment
    key = ("发放编号",)
    person_columns = ("身份证号",)
    person_mode = "existing"
    batch_size = 500
    columns = [
        Column("发放编号", partial(cells.text, max_length=30), field="number"),
        Column("项目类型", cells.choice(ReliefProgram.kind.field), field="program.kind"),
        Column("年度", cells.year, field="program.year"),
        Column(
            PROGRAM_ORG,
            cells.org_code,
            field="program.organization.code",
            required=False,
            help="项目所属组织;不填则用受助人档案(或受助单位)所属组织及其上级中最近的同类型同年度项目",
        ),
        Column("身份证号", cells.id_number, field="person.id_number", required=False),
        Column("受助单位统一社会信用代码", cells.credit_code, field="unit.credit_code", required=False),
        Column("受益人数", cells.positive_count, field="people_reached", required=False),
        Column("金额", cells.money, field="cash", format=cells.format_money),
        Column("物资折款", cells.money, field="goods", required=False, format=cells.format_money),
        Column("发放日期", cells.date, field="paid_on", format=cells.format_date),
        Column("备注", partial(cells.text, max_length=500), field="note", required=False),
    ]
    COLUMN_OF = {
        "number": "发放编号",
        "program": "项目类型",
        "person": "身份证号",
        "unit": "受助单位统一社会信用代码",
        "people_reached": "受益人数",
        "cash": "金额",
        "goods": "物资折款",
        "paid_on": "发放日期",
        "note": "备注",
        "reason": "备注",
    }

    def prepare(self, rows, ctx):
        programs = ctx.state.setdefault("programs", {})
        spent = ctx.state.setdefault("spent", {})
        years = {r["年度"] for r in rows} - ctx.state.setdefault("years", set())
        if years:
            # Held until the import commits: nobody pays from these programs meanwhile.
            locked = ReliefProgram.objects.filter(year__in=years).select_for_update(of=("self",))
            for p in locked.select_related("organization").order_by("pk"):
                programs.setdefault((p.kind, p.year), []).append(p)
                spent[p.pk] = p.spent
            ctx.state["years"] |= years
        ctx.prefetch(
            Payment,
            "number",
            [r["发放编号"] for r in rows],
            queryset=Payment.objects.select_related("program", "person", "unit", "organization"),
        )
        ctx.prefetch(
            Employer,
            "credit_code",
            [r["受助单位统一社会信用代码"] for r in rows],
            queryset=Employer.objects.select_related("organization"),
        )
        people = {r.person.pk for r in rows if r.person is not None}
        notices_settle(person_ids=people)  # a notice that ended makes its file 已认定 first
        files = ctx.state["files"] = {}
        for f in person_files_locked(people):
            files.setdefault(f.person_id, []).append(f)
        paid = ctx.state.setdefault("paid", {})
        # One payment per person per kind and year, across every program of the federation.
        earlier = (
            Payment.objects.filter(person_id__in=people, program_id__in=list(spent))
            .select_related("organization", "program")
            .only("number", "person_id", "organization__path", "program__kind", "program__year")
        )
        for payment in earlier:
            paid.setdefault((payment.program.kind, payment.program.year, payment.person_id), payment)

    def apply(self, row, ctx):
        seen = ctx.state.setdefault("seen", {})
        if row["发放编号"] in seen:
            raise RowError("发放编号", f"与第{seen[row['发放编号']]}行重复")
        seen[row["发放编号"]] = row.number
        if row["身份证号"] and row.person is None:
            raise RowError("身份证号", no_file_here())
        unit = None
        if row["受助单位统一社会信用代码"]:
            unit = ctx.lookup(Employer, "credit_code", row["受助单位统一社会信用代码"])
            if unit is None:
                raise RowError("受助单位统一社会信用代码", "系统中没有该统一社会信用代码的单位")
        existing = ctx.lookup(Payment, "number", row["发放编号"])
        program = self._program(row, ctx, unit, existing)
        if existing is not None:
            return self._correct(existing, row, program, unit, ctx)
        payment = Payment(
            number=row["发放编号"],
            program=program,
            person=row.person,
            unit=unit,
            people_reached=row["受益人数"],
            cash=row["金额"],
            goods=row["物资折款"] or Decimal("0"),
            paid_on=row["发放日期"],
            note=row["备注"] or "",
            created_by=ctx.batch.created_by,
        )
        person_id = row.person.pk if row.person is not None else None
        facts = PaymentFacts(
            files=ctx.state["files"].get(person_id, []),
            earlier=ctx.state["paid"].get((program.kind, program.year, person_id)),
            spent_without=ctx.state["spent"][program.pk],
        )
        self._raise_first(payment_problems(payment, program, facts=facts, scope=ctx.root))
        ctx.state["spent"][program.pk] += payment.amount
        pending = ctx.state.setdefault("pending", {})
        pending[program.pk] = pending.get(program.pk, Decimal("0")) + payment.amount
        if person_id:
            ctx.state["paid"][(program.kind, program.year, person_id)] = payment
        return ctx.add(payment)

    @staticmethod
    def _program(row, ctx, unit, existing) -> ReliefProgram:
        """The program a row draws on: the one of 项目所属组织代码, or the nearest program of the
        kind and year at or above the recipient's file organization (or the unit's)."""
        kind, year = row["项目类型"], row["年度"]
        candidates = ctx.state["programs"].get((kind, year), [])
        code = row[PROGRAM_ORG]
        if code:
            for program in candidates:
                if program.organization.code == code and program_usable_from(program, ctx.root):
                    return program
            raise RowError(PROGRAM_ORG, f"组织“{code}”没有可用的{year}年{kind}项目")
        if existing is not None and existing.program.kind == kind and existing.program.year == year:
            return existing.program
        if unit is not None:
            at = unit.organization
        else:
            files = ctx.state["files"].get(row.person.pk if row.person is not None else None, [])
            file = eligible_file(files, row["发放日期"], ctx.root if ctx.root.pk else None)
            at = file.organization if file is not None else ctx.root
        above = [p for p in candidates if at is not None and at.pk and p.organization.contains(at)]
        if not above and not (at is not None and at.pk):
            above = candidates
        if not above:
            raise RowError("项目类型", f"没有{year}年的{kind}项目,请先导入帮扶项目")
        return max(above, key=lambda p: p.organization.depth)

    def _raise_first(self, problems):
        raise_first(problems, self.COLUMN_OF, default="发放编号")

    def _write_pending(self, ctx):
        """Write the new payments so far; the database adds them to their programs' totals
        (relief migration 0004)."""
        ctx.flush()
        ctx.state.pop("pending", None)

    def finish(self, ctx):
        self._write_pending(ctx)

    def _correct(self, existing, row, program, unit, ctx):
        if existing.organization_id not in ctx.org_ids:
            raise RowError("发放编号", "该发放记录属于其他组织,不在您的管辖范围内")
        if existing.program_id != program.pk or existing.person_id != (row.person and row.person.pk):
            raise RowError("发放编号", "该发放编号已用于其他项目或其他受助对象,发放对象不能通过导入更改")
        if existing.unit_id != (unit and unit.pk):
            raise RowError(
                "受助单位统一社会信用代码", "该发放编号已用于其他受助单位,发放对象不能通过导入更改"
            )
        values = {
            "cash": row["金额"],
            "goods": row["物资折款"] or Decimal("0"),
            "paid_on": row["发放日期"],
            "people_reached": row["受益人数"] if program.for_units else None,
            "note": row["备注"] or "",
        }
        changes = {k: v for k, v in values.items() if getattr(existing, k) != v}
        if not changes:
            return UNCHANGED
        self._write_pending(ctx)  # the service reads the program's total from the database
        old_amount = existing.amount
        try:
            corrected = payment_correct(
                payment=existing,
                changes=changes,
                reason=f"导入更正:{ctx.batch.filename}",
                by=ctx.batch.created_by,
                batch=ctx.batch,
            )
        except ValidationError as exc:
            raise_refused(exc, self.COLUMN_OF, default="发放编号")
        ctx.state["spent"][program.pk] += corrected.amount - old_amount
        return UPDATED


class CareKind(ImportKind):
    name = "care_services"
    label = "关爱服务"
    model = CareService
    key = ("服务编号",)
    outside = "该服务记录属于其他组织,不在您的管辖范围内"
    rollback_models = (CareService,)
    columns = [
        Column("服务编号", partial(cells.text, max_length=30), field="number"),
        Column("服务类型", cells.choice(CareService.kind.field)),
        Column("服务点", partial(cells.text, max_length=100), field="point"),
        Column("开始日期", cells.date, field="start", format=cells.format_date),
        Column("结束日期", cells.date, field="end", format=cells.format_date),
        Column("服务人次", cells.count, field="person_times"),
        Column("物资折款", cells.money, field="goods", required=False, format=cells.format_money),
        ORG_COLUMN,
    ]

    def apply(self, row, ctx):
        values = self.values(row, ctx)  # start before end: CareService.DATE_ORDER, checked by the engine
        existing = ctx.lookup(CareService, "number", row["服务编号"])
        if existing is not None and existing.pk is None:
            raise RowError("服务编号", "与本文件前面的行重复")
        return self.save(row, ctx, values)


KINDS = [FileKind(), ProgramKindImport(), PaymentKind(), CareKind()]

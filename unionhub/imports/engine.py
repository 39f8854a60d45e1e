"""The import engine: one code path for the browser, the worker and the command line.

A file is read as a stream, in batches: every cell is parsed by its column, references are
resolved with one query per batch, rows are applied by the kind and written with bulk_create /
bulk_update. Everything happens inside one transaction that is rolled back when any row is bad
or when it is a dry run, so an import is all or nothing and a preview writes nothing. Rows keep
being checked after the first bad one, so the user sees every bad row at once.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pghistory
from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError, transaction
from django.db.models import F, Lookup
from django.utils import timezone, translation

from unionhub.core.dates import date_problems
from unionhub.orgs.models import Organization
from unionhub.people.idnumbers import mask_id_number
from unionhub.people.models import Person
from unionhub.people.services import OUT_OF_SCOPE, name_problem, person_visible_to

from . import cells
from .kinds import NEW, ORG, UNCHANGED, UPDATED, ImportKind, Row, RowError
from .models import ImportBatch
from .readers import FileRefused, SheetReader
from .writers import insert_rows, update_rows

log = logging.getLogger(__name__)

MAX_ERRORS_KEPT = 50000
CACHE_LIMIT = 50_000  # look-ups kept per (model, field) between batches
PERSON_ATTNAMES = [f.attname for f in Person._meta.concrete_fields]


@dataclass
class RowProblem:
    row: int
    column: str
    message: str

    def __str__(self):
        return (
            f"第{self.row}行 {self.column}: {self.message}"
            if self.column
            else f"第{self.row}行: {self.message}"
        )


@dataclass
class ImportResult:
    batch: ImportBatch
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    bad_rows: list[tuple[int, list, str]] = field(default_factory=list)  # (row, raw cells, reasons)
    file_error: str = ""
    headers: list[str] = field(default_factory=list)
    # What the first rows do (new / changed fields / unchanged), for the preview page.
    changes: list[dict] = field(default_factory=list)

    @property
    def invalid(self) -> int:
        return len({p.row for p in self.problems})

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.problems

    def summary(self) -> str:
        if self.file_error:
            return self.file_error
        text = f"共{self.rows}行:新增{self.new}行,更新{self.updated}行,未变{self.unchanged}行"
        if self.problems:
            text += f",错误{self.invalid}行,未写入任何数据"
        elif self.new == 0 and self.updated == 0:
            text += "(与系统中的数据完全相同,没有任何改动)"
        return text


class _AnyOf(Lookup):
    """`field = ANY(%s)` with the values as one array parameter: `__in` with thousands of values
    builds and quotes one parameter each, a tenth of a big import's time."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = [field.get_db_prep_value(v, connection, prepared=False) for v in self.rhs]
        return f"{lhs} = ANY(%s)", [*params, values]


class _Rollback(Exception):
    pass


class ImportContext:
    """What a kind's `prepare` and `apply` work with: the batch, the organizations in scope,
    look-ups, and the pending writes."""

    def __init__(self, kind: ImportKind, batch: ImportBatch, root: Organization):
        self.kind = kind
        self.batch = batch
        self.root = root
        self._orgs: dict[str, Organization] | None = None
        self._org_ids: set[int] | None = None
        self._cache: dict[tuple, dict] = defaultdict(dict)
        self._new: dict[type, list] = {}
        self._updates: dict[tuple, list] = defaultdict(list)
        self.state: dict = {}  # free space for a kind's running totals across rows
        self.today = cells.today()  # one clock reading for the whole import (the date rules)
        # (record, field, before, after) of the row being applied, while the preview records it.
        self.row_changes: list | None = None

    # -- organizations --
    @property
    def orgs(self) -> dict[str, Organization]:
        if self._orgs is None:
            self._orgs = {o.code: o for o in Organization.objects.filter(path__startswith=self.root.path)}
        return self._orgs

    def org(self, code: str, column: str = ORG) -> Organization:
        org = self.orgs.get(code)
        if org is None:
            if Organization.objects.filter(code=code).exists():
                raise RowError(column, f"组织“{code}”不在您的管辖范围内")
            raise RowError(column, f"组织代码“{code}”不存在")
        return org

    @property
    def org_ids(self) -> set[int]:
        """Primary keys of the organizations in scope: a record is inside the importer's subtree
        when its `organization_id` is one of them."""
        if self._org_ids is None:
            self._org_ids = {o.pk for o in self.orgs.values()}
        return self._org_ids

    def remember_org(self, org: Organization):
        self.orgs[org.code] = org
        self._org_ids = None

    # -- look-ups --
    def prefetch(self, model, field_name: str, values, queryset=None) -> dict:
        """Load `model` rows whose `field_name` is in `values` (one query), cached for the import."""
        cache = self._cache[(model, field_name)]
        missing = {v for v in values if v is not None and v not in cache}
        if missing:
            qs = queryset if queryset is not None else model._default_manager.all()
            for obj in qs.filter(_AnyOf(F(field_name), list(missing))):
                cache[getattr(obj, field_name)] = obj
            for v in missing:
                cache.setdefault(v, None)
        return cache

    def trim_caches(self):
        """Between batches, when everything so far is written: forget look-ups past the limit,
        so memory stays flat however long the file is (later rows find them in the database)."""
        for cache in self._cache.values():
            if len(cache) > CACHE_LIMIT:
                cache.clear()

    def lookup(self, model, field_name: str, value):
        cache = self._cache[(model, field_name)]
        if value not in cache:
            self.prefetch(model, field_name, [value])
        return cache.get(value)

    def remember(self, model, field_name: str, obj):
        """Make a record created earlier in this file findable by later rows."""
        self._cache[(model, field_name)][getattr(obj, field_name)] = obj

    def index(self, model, field_name: str) -> dict:
        """The records of `model` looked up by `field_name` so far (value → record or None)."""
        return self._cache[(model, field_name)]

    def reference(self, model, field_name: str, value, column: str, *, noun: str = "", missing: str = ""):
        """The record a cell names by a unique field (prefetched for the batch). The row is refused
        under `column` when there is none (“统一社会信用代码为“…”的单位不存在”, or `missing` with
        "{}" for the value) or when it belongs to an organization out of scope (“单位“…”不在您的
        管辖范围内”); `noun` is the model's verbose name unless given."""
        record = self.lookup(model, field_name, value)
        if record is not None and record.organization_id in self.org_ids:
            return record
        with translation.override(None):  # the verbose names as written: the format's Chinese
            noun = noun or str(model._meta.verbose_name)
            label = str(model._meta.get_field(field_name).verbose_name)
        if record is None:
            raise RowError(column, missing.format(value) if missing else f"{label}为“{value}”的{noun}不存在")
        raise RowError(column, f"{noun}“{value}”不在您的管辖范围内")

    def get_or_create(self, model, field_name: str, value):
        """The record whose `field_name` is `value`, created at once when there is none yet (the
        name lists that imports extend: a new lawyer, a new trade)."""
        record = self.lookup(model, field_name, value)
        if record is None:
            record = model._default_manager.create(**{field_name: value})
            self.remember(model, field_name, record)
        return record

    # -- writes --
    def assign(self, obj, **values) -> list[str]:
        """Set fields on `obj`; return the names of those whose value really changed."""
        changed = []
        for name, value in values.items():
            before = getattr(obj, name)
            if before != value:
                setattr(obj, name, value)
                changed.append(name)
                if self.row_changes is not None:
                    self.row_changes.append((obj, name, before, value))
        return changed

    def check_dates(self, obj) -> None:
        """The happened-date rule of the record's model (unionhub.core.dates), under its column:
        the header as the file has it (the field's verbose name as written, whatever the
        language of the page) unless the kind names another."""
        for name, message in date_problems(obj, on=self.today).items():
            with translation.override(None):
                label = str(type(obj)._meta.get_field(name).verbose_name)
            raise RowError(self.kind.date_columns.get(name, label), message)

    def upsert(self, index: dict, key, values: dict, model, **identity) -> str:
        """The row's record `index[key]` given `values`; when there is none, a new
        `model(**identity, **values)`, put in `index` for the later rows of the file."""
        record = index.get(key)
        if record is None:
            record = index[key] = model(**identity, **values)
            return self.add(record)
        return self.update(record, self.assign(record, **values))

    def add(self, obj) -> str:
        """A new record, written with the rest of the batch."""
        self.check_dates(obj)
        if hasattr(obj, "created_batch_id"):
            obj.created_batch_id = obj.updated_batch_id = self.batch.pk
        self._new.setdefault(type(obj), []).append(obj)
        return NEW

    def update(self, obj, fields: list[str]) -> str:
        if not fields:
            return UNCHANGED
        self.check_dates(obj)
        self.refuse_repeat(obj)
        if hasattr(obj, "updated_batch_id"):
            obj.updated_batch = self.batch
            fields = [*fields, "updated_batch"]
        self._updates[(type(obj), tuple(sorted(fields)))].append(obj)
        return UPDATED

    def refuse_repeat(self, obj) -> None:
        """A record this batch has written already: the file names it a second time."""
        if getattr(obj, "updated_batch_id", None) == self.batch.pk and obj.pk is not None:
            raise RowError(
                self.kind.key[0] if self.kind.key else "", "与本文件前面的行重复(同一条记录出现了两次)"
            )

    def stamp(self, obj, created: bool) -> None:
        """For a record a kind writes itself: this batch wrote it (and, when `created`, made it)."""
        if created:
            obj.created_batch_id = self.batch.pk
        obj.updated_batch_id = self.batch.pk

    def create_now(self, obj):
        """A new record written at once, not with the batch (later rows need its key), checked
        and stamped as `add` does."""
        self.check_dates(obj)
        self.stamp(obj, created=True)
        obj.save()
        return obj

    def update_now(self, obj, fields: list[str]) -> None:
        """Write a record's changed `fields` at once, not with the batch, stamped by it."""
        obj.updated_batch = self.batch
        obj.save(update_fields=[*fields, "updated_batch"])

    def saved(self, obj, created: bool) -> str:
        """For kinds that write a row themselves through a service (money rules, locks)."""
        return NEW if created else UPDATED

    def flush(self):
        for model, objs in self._new.items():
            insert_rows(model, objs)
        self._new = {}
        for (model, fields), objs in self._updates.items():
            update_rows(model, objs, list(fields))
        self._updates = defaultdict(list)


def _parse_row(kind: ImportKind, positions: dict[str, int], number: int, raw: list):
    values, problems = {}, []
    for column in kind.columns:
        idx = positions.get(column.header)
        cell = raw[idx] if idx is not None and idx < len(raw) else None
        if cells.is_empty(cell):
            if column.required:
                problems.append(RowProblem(number, column.header, "必填"))
            values[column.header] = None
            continue
        try:
            values[column.header] = column.parse(cell)
        except cells.CellError as exc:
            problems.append(RowProblem(number, column.header, str(exc)))
    return Row(number=number, values=values, raw=raw), problems


def check_headers(kind: ImportKind, headers: list[str]) -> dict[str, int]:
    known = {c.header for c in kind.columns}
    unknown = [h for h in headers if h and h not in known]
    seen, dupes = set(), []
    for h in headers:
        if h in seen:
            dupes.append(h)
        seen.add(h)
    missing = [c.header for c in kind.columns if c.required and c.header not in headers]
    problems = []
    if missing:
        problems.append("缺少必填列:" + "、".join(missing))
    if unknown:
        problems.append("无法识别的列:" + "、".join(unknown))
    if dupes:
        problems.append("重复的列:" + "、".join(dupes))
    if problems:
        raise FileRefused(";".join(problems) + f"。{kind.label}模板的列为:" + "、".join(kind.headers))
    return {h: i for i, h in enumerate(headers) if h}


def _derived_from_id(number: str) -> dict:
    """Person.derive_from_id for a number the cell parser has validated, without python-stdnum's
    cleaning on every row (a tenth of a 100,000-row import's time)."""
    return {
        "birth_date": datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
        "sex": Person.Sex.MALE if int(number[16]) % 2 else Person.Sex.FEMALE,
    }


def _resolve_people(kind: ImportKind, rows: list[Row], ctx: ImportContext, problems: list[RowProblem]):
    id_col, name_col, phone_col = (list(kind.person_columns) + [None, None])[:3]
    ids = [r[id_col] for r in rows if r[id_col]]
    found = ctx.prefetch(Person, "id_number", ids)
    user = ctx.batch.created_by if ctx.batch.created_by_id else None
    batch_id = ctx.batch.pk
    changed = []
    for row in rows:
        number = row[id_col]
        if not number:
            continue
        person = found.get(number)
        name = row[name_col] if name_col else None
        phone = row[phone_col] if phone_col else None
        if person is None:
            if kind.person_mode != "create" or not name:
                continue
            values = {
                "id_number": number,
                "name": name,
                "phone": phone or "",
                "created_batch_id": batch_id,
                "updated_batch_id": batch_id,
                **_derived_from_id(number),
            }
            # Positional arguments: Model.__init__'s fast path (every field of Person is given).
            person = Person(*[values.get(a) for a in PERSON_ATTNAMES])
            ctx.add(person)
            ctx.remember(Person, "id_number", person)
        elif problem := name_problem(person, name):
            # Of a person the importer may not see, only that the number cannot be used here.
            if person.pk is not None and user is not None and not person_visible_to(person, user):
                problems.append(RowProblem(row.number, id_col, str(OUT_OF_SCOPE)))
            else:
                problems.append(RowProblem(row.number, name_col, str(problem)))
            continue
        elif phone and person.phone != phone and person.pk is not None:
            person.phone = phone
            if hasattr(person, "updated_batch_id"):
                person.updated_batch = ctx.batch
            changed.append(person)
            row.values["_person_changed"] = True
        row.person = person
    ctx.flush()  # new people need their keys before rows refer to them
    if changed:
        update_rows(Person, changed, ["phone", "updated_batch"])


def run_import(
    *,
    kind: ImportKind,
    path: Path,
    filename: str,
    root: Organization,
    user=None,
    dry_run: bool = False,
    progress: Callable[[float, str], None] | None = None,
    batch: ImportBatch | None = None,
) -> ImportResult:
    """Check (and unless `dry_run`, write) one file of `kind` inside `root`'s subtree."""
    batch = batch or ImportBatch.objects.create(
        kind=kind.name,
        filename=filename,
        organization=root if root.pk else None,
        created_by=user,
        dry_run=dry_run,
    )
    result = ImportResult(batch=batch)
    progress = progress or (lambda pct, msg: None)
    try:
        reader = SheetReader(path, filename)
    except FileRefused as exc:
        result.file_error = str(exc)
        return _record(result, dry_run)
    try:
        result.headers = reader.headers
        positions = check_headers(kind, reader.headers)
        # Every history row (pghistory) the import writes names the importer and the batch.
        with (
            transaction.atomic(),
            pghistory.context(user=getattr(user, "pk", None), batch=str(batch.pk)),
            cells.fixed_today(timezone.localdate()),
        ):
            ctx = ImportContext(kind, batch, root)
            _run_rows(kind, reader, positions, ctx, result, progress)
            if not result.problems:
                kind.finish(ctx)
                ctx.flush()
            if dry_run or result.problems:
                raise _Rollback
    except _Rollback:
        pass
    except FileRefused as exc:
        result.file_error = str(exc)
    except RowError as exc:  # a whole-file rule raised from finish()
        result.problems.append(RowProblem(0, exc.column, exc.message))
    except DatabaseError as exc:
        log.exception("import %s failed writing", batch.pk)
        result.file_error = f"写入数据库失败,未写入任何数据:{exc.__class__.__name__}"
    finally:
        reader.close()
    # Rows are checked in batches, so a later row's bad cell can be found before an earlier
    # row's bad reference: list them in the order of the file.
    result.problems.sort(key=lambda p: p.row)
    result.bad_rows.sort(key=lambda r: r[0])
    progress(100, "完成")
    return _record(result, dry_run)


PREVIEW_ROWS = 20  # rows whose changes the preview shows


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def row_change(kind: ImportKind, row: Row, outcome: str, changes: list) -> dict:
    """One row of the preview: its key (ID numbers masked), what it does, and each changed field
    before → after (field labels from the models, values as the page shows them)."""
    label = []
    for header in (*kind.key, "姓名"):
        value = row.values.get(header)
        if value is None:
            continue
        label.append(mask_id_number(value) if "身份证号" in header else _shown(value))
    fields = []
    for obj, name, before, after in changes:
        try:
            title = str(type(obj)._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            title = name
        fields.append({"field": title, "before": _shown(before), "after": _shown(after)})
    return {"row": row.number, "outcome": outcome, "label": " ".join(dict.fromkeys(label)), "fields": fields}


def _run_rows(kind, reader, positions, ctx, result, progress):
    batch_rows: list[Row] = []
    done = 0

    def process(rows: list[Row]):
        nonlocal done
        if not rows:
            return
        ctx.trim_caches()
        if kind.person_columns:
            before = len(result.problems)
            _resolve_people(kind, rows, ctx, result.problems)
            bad = {p.row for p in result.problems[before:]}
            for row in rows:
                if row.number in bad:
                    result.bad_rows.append((row.number, row.raw, ""))
            rows = [r for r in rows if r.number not in bad]
        kind.prepare(rows, ctx)
        keys_in_batch: dict[tuple, int] = {}
        for row in rows:
            key = tuple(row[h] for h in kind.key)
            if kind.key and key in keys_in_batch:
                _problem(result, row, RowProblem(row.number, kind.key[0], f"与第{keys_in_batch[key]}行重复"))
                continue
            keys_in_batch[key] = row.number
            ctx.row_changes = [] if len(result.changes) < PREVIEW_ROWS else None
            try:
                outcome = kind.apply(row, ctx)
            except RowError as exc:
                _problem(result, row, RowProblem(row.number, exc.column, exc.message))
                continue
            if outcome == UNCHANGED and row.values.get("_person_changed"):
                outcome = UPDATED
            if ctx.row_changes is not None:
                result.changes.append(row_change(kind, row, outcome, ctx.row_changes))
            if outcome == NEW:
                result.new += 1
            elif outcome == UPDATED:
                result.updated += 1
            else:
                result.unchanged += 1
        ctx.flush()
        done += len(rows)
        fraction = reader.progress()
        if fraction is None and reader.estimated_rows:
            fraction = min(result.rows / reader.estimated_rows, 1)
        progress(min(99, (fraction or 0) * 100), f"已检查{result.rows}行")

    for number, raw in reader.rows():
        result.rows += 1
        row, problems = _parse_row(kind, positions, number, raw)
        if problems:
            for p in problems:
                _problem(result, row, p)
            continue
        batch_rows.append(row)
        if len(batch_rows) >= kind.batch_size:
            process(batch_rows)
            batch_rows = []
    process(batch_rows)
    if result.rows == 0:
        raise FileRefused("文件中没有数据行")


def _problem(result: ImportResult, row: Row, problem: RowProblem):
    if len(result.problems) < MAX_ERRORS_KEPT:
        result.problems.append(problem)
        if not result.bad_rows or result.bad_rows[-1][0] != row.number:
            result.bad_rows.append((row.number, row.raw, ""))


def _record(result: ImportResult, dry_run: bool) -> ImportResult:
    batch = result.batch
    if result.file_error:
        state = ImportBatch.State.FAILED
    elif result.problems:
        state = ImportBatch.State.INVALID
    elif dry_run:
        state = ImportBatch.State.PREVIEW
    else:
        state = ImportBatch.State.IMPORTED
    errors = [{"row": p.row, "column": p.column, "message": p.message} for p in result.problems[:1000]]
    if result.file_error:
        errors = [{"row": 0, "column": "", "message": result.file_error}]
    ImportBatch.objects.filter(pk=batch.pk).update(
        state=state,
        rows=result.rows,
        new=result.new,
        updated=result.updated,
        unchanged=result.unchanged,
        invalid=result.invalid,
        errors=errors,
        preview=result.changes if state == ImportBatch.State.PREVIEW else [],
        finished_at=timezone.now(),
    )
    batch.refresh_from_db()
    return result

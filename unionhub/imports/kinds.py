"""Import kinds: how a work area declares one spreadsheet kind of import-formats.md.

    class MemberKind(ImportKind):
        name = "members"; label = "会员"; model = Member; key = ("身份证号",)
        columns = [Column("姓名", cells.text, field="person.name"), ..., ORG_COLUMN, ...]
        person_columns = ("身份证号", "姓名", "手机号")   # the engine resolves row.person

        def prepare(self, rows, ctx): ...   # once per batch: bulk look-ups (ctx.prefetch)
        def apply(self, row, ctx): ...      # one row: raise RowError or return ctx.add/update/unchanged

    register_kind(MemberKind())         # in the app's AppConfig.ready()

Each column names what it holds of the kind's record (`field`): `values(row, ctx)` turns a row
into the record's fields, and an export reads them back, joined with the relations the fields go
through and ordered by `export_order` (a kind whose export is not that overrides
export_queryset/export_row). When the key is one column holding a field (`key_field`), the base
class loads each batch's records, `record` finds a row's (refused with `outside` when it belongs
outside the importer's subtree) and `save` creates or updates it; the default `apply` is just
that, and a kind with rules of its own writes its `apply` with these helpers.

The engine parses every cell with its column's parser before `apply` sees the row, so `row[h]`
is already a clean Python value (None for an empty optional cell).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models

from . import cells


@dataclass
class Column:
    header: str
    parse: Callable
    required: bool = True
    format: Callable | None = None  # stored value → cell; default by parser
    help: str = ""  # shown in the template's notes
    # What the column holds of the kind's record, for the export: a field ("number"), a path
    # through its relations ("organization.code"; empty where a relation is) or a function of
    # the record.
    field: str | Callable = ""

    def __post_init__(self):
        if not self.field:  # a choice column built from a model field fills that field
            self.field = getattr(self.parse, "field_name", "")

    @property
    def joins(self) -> str:
        """The relation `field` goes through, as select_related names it ("" for none)."""
        if callable(self.field):
            return ""
        return "__".join(self.field.split(".")[:-1])

    def read(self, obj):
        if callable(self.field):
            return self.field(obj)
        for name in self.field.split("."):
            obj = getattr(obj, name)
            if obj is None:
                return None
        return obj

    def to_cell(self, value):
        if value is None:
            return ""
        if self.format:
            return self.format(value)
        fmt = _DEFAULT_FORMATS.get(self.parse)
        if fmt:
            return fmt(value)
        return value


# The column naming a record's organization by its code (the one ctx.org refuses rows under).
ORG = "所属工会组织代码"

_DEFAULT_FORMATS = {
    cells.date: cells.format_date,
    cells.yes_no: cells.format_yes_no,
    cells.money: cells.format_money,
    cells.count: cells.format_number,
    cells.positive_count: cells.format_number,
    cells.percent: cells.format_percent,
    cells.year: cells.format_number,
    cells.score: cells.format_number,
}


ORG_COLUMN = Column(ORG, cells.org_code, field="organization.code")


class RowError(Exception):
    """A bad row: `column` is the header named in `第N行 列名: 原因`."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


def raise_first(problems: dict, columns: dict[str, str], default: str | None = None) -> None:
    """Refuse the row with the first of a record's problems ({field: message}, as the models'
    and services' rules return them) under its field's column (`default` for one not in `columns`)."""
    for name, message in problems.items():
        raise RowError(columns[name] if default is None else columns.get(name, default), str(message))


def raise_refused(exc: ValidationError, columns: dict[str, str], default: str) -> None:
    """Refuse the row with what a service refused (its ValidationError): the first message,
    under its field's column (`default` for an error of no field or of a field not in `columns`)."""
    if hasattr(exc, "error_dict"):
        raise_first({name: messages[0] for name, messages in exc.message_dict.items()}, columns, default)
    raise RowError(default, str(exc.messages[0]))


@dataclass
class Row:
    number: int  # the spreadsheet row number, the header being row 1
    values: dict
    raw: list = field(default_factory=list)
    person: object = None  # set by the engine when the kind declares person_columns

    def __getitem__(self, header):
        return self.values.get(header)

    def get(self, header, default=None):
        value = self.values.get(header)
        return default if value is None else value


NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"


class ImportKind:
    name: str = ""
    label: str = ""
    model = None
    key: tuple[str, ...] = ()
    columns: list[Column] = []
    # (ID column, name column or None, phone column or None) when rows name a person.
    person_columns: tuple | None = None
    # "create": a new ID number makes a new Person; "existing": it must exist already.
    person_mode: str = "create"
    batch_size: int = 2000
    # Models whose rows this kind creates, for rolling back a batch that only created records.
    # A kind that moves money never rolls back (payments are never deleted).
    rollback_models: tuple = ()
    permission: str = "imports.run_import"
    # Model field → column header, for a happened-date field whose verbose_name is not its header.
    date_columns: dict[str, str] = {}
    # The refusal of a found record outside the importer's subtree, under the key column ("{}"
    # the key); empty when the kind decides that itself.
    outside: str = ""
    export_order: tuple[str, ...] = ("pk",)
    export_prefetch: tuple[str, ...] = ()  # many-to-many fields a column reads

    @cached_property
    def key_field(self) -> str:
        """The field of the record that a key of one column holds ("" for a key of several
        columns or one naming a related record): the base `prepare` loads each batch's records
        by it, `record` finds a row's and `save` creates or updates it."""
        fields = [c.field for c in self.columns if c.header in self.key]
        if len(self.key) != 1 or not fields or not isinstance(fields[0], str) or "." in fields[0]:
            return ""
        return fields[0]

    def prepare(self, rows: list[Row], ctx) -> None:
        """Resolve references for a batch of rows with one query each (ctx.prefetch); a kind
        that adds its own calls this first. The base loads the records the keys name, each with
        its organization (the scope check and the update read it)."""
        if self.key_field:
            records = self.model._default_manager.select_related("organization")
            ctx.prefetch(self.model, self.key_field, {r[self.key[0]] for r in rows}, queryset=records)

    def apply(self, row: Row, ctx) -> str:
        """One row: by default, its record (found by the key) given the row's `values`."""
        return self.save(row, ctx, self.values(row, ctx))

    def finish(self, ctx) -> None:
        """After the last row: checks across the whole file (raise RowError on ctx.rows_seen)."""

    def export_queryset(self, org):
        """The records of `org`'s subtree, joined with what the columns read."""
        records = self.model.objects.within(org)
        joins = sorted({c.joins for c in self.columns} - {""})
        if joins:
            records = records.select_related(*joins)
        if self.export_prefetch:
            records = records.prefetch_related(*self.export_prefetch)
        return records.order_by(*self.export_order)

    def export_row(self, obj) -> dict:
        """Header → stored value (formatted by the columns)."""
        return {c.header: c.read(obj) for c in self.columns}

    # -- helpers shared by the kinds --
    @cached_property
    def _fills(self) -> list[tuple[str, str, str, object]]:
        """(header, field, source, empty value) of each column `values` reads, in column order."""
        person_column = self.person_columns[0] if self.person_columns else None
        fills = []
        for column in self.columns:
            if column.header in self.key or not isinstance(column.field, str) or not column.field:
                continue
            name, _, through = column.field.partition(".")
            if not through:
                model_field = self.model._meta.get_field(name)
                text = isinstance(model_field, (models.CharField, models.TextField)) and not model_field.null
                fills.append((column.header, name, "cell", "" if text else None))
            elif column.header == ORG:
                fills.append((column.header, name, "organization", None))
            elif column.header == person_column:
                fills.append((column.header, name, "person", None))
            else:
                fills.append((column.header, name, "related", None))
        return fills

    def values(self, row: Row, ctx, **related) -> dict:
        """Field → value of the row's record, column by column (the key's columns left out): a
        column holding a field of the record gives the cell (an empty text cell ""), the
        organization column the organization (ctx.org), the person column the row's person,
        and a column naming another record the one the kind found for it (`related`, which may
        give the organization too)."""
        values = {}
        for header, name, source, empty in self._fills:
            if source == "cell":
                value = row[header]
                values[name] = empty if value is None else value
            elif name in related:
                values[name] = related[name]
            elif source == "organization":
                values[name] = ctx.org(row[header])
            elif source == "person":
                values[name] = row.person
        return values

    def record(self, row: Row, ctx):
        """The record the row's key names (None for a new one); with `outside` set, one that
        belongs to an organization outside the importer's subtree refuses the row."""
        key = row[self.key[0]]
        record = ctx.lookup(self.model, self.key_field, key)
        if record is not None and self.outside and record.organization_id not in ctx.org_ids:
            raise RowError(self.key[0], self.outside.format(key))
        return record

    def save(self, row: Row, ctx, values: dict) -> str:
        """The row's record (`record`: refused outside the subtree) given `values`; when there is
        none, a new one with the row's key and `values`."""
        self.record(row, ctx)
        key = row[self.key[0]]
        index = ctx.index(self.model, self.key_field)
        return ctx.upsert(index, key, values, self.model, **{self.key_field: key})

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def export_cells(self, obj) -> list:
        values = self.export_row(obj)
        out = []
        for column in self.columns:
            value = column.to_cell(values.get(column.header))
            out.append(cells.escape(value) if isinstance(value, str) else value)
        return out


_kinds: dict[str, ImportKind] = {}


def register_kind(kind: ImportKind) -> ImportKind:
    _kinds[kind.name] = kind
    return kind


def get_kind(name: str) -> ImportKind | None:
    return _kinds.get(name)


def all_kinds() -> Iterable[ImportKind]:
    return list(_kinds.values())

"""Import kinds: how a work area declares one spreadsheet kind of import-formats.md.

    class MemberKind(ImportKind):
        name = "members"; label = "会员"; model = Member; key = ("身份证号",)
        columns = [Column("姓名", cells.text, field="person.name"), ..., ORG_COLUMN, ...]
        person_columns = ("身份证号", "姓名", "手机号")   # the engine resolves row.person

        def prepare(self, rows, ctx): ...   # once per batch: bulk look-ups (ctx.prefetch)
        def apply(self, row, ctx): ...      # one row: raise RowError or return ctx.add/update/unchanged

    register_kind(MemberKind())         # in the app's AppConfig.ready()

A kind whose record is found by one key column says which field that column holds (key_field)
and how a record outside the importer's subtree is refused (outside): the base class loads each
batch's records and its `save(row, ctx, values)` creates or updates the row's. An export reads
each column's `field` of the kind's records, joined with the relations the fields go through and
ordered by `export_order`; a kind whose export is not that overrides export_queryset/export_row.

The engine parses every cell with its column's parser before `apply` sees the row, so `row[h]`
is already a clean Python value (None for an empty optional cell).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

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
    # When a row's record is found by one key column: the model field that column holds. The
    # base `prepare` then loads the batch's records by it (one query, joined with
    # `key_related`), `record` finds a row's and `save` creates or updates it.
    key_field: str = ""
    key_related: tuple[str, ...] = ()
    # The refusal of a found record outside the importer's subtree, under the key column ("{}"
    # the key); empty when the kind decides that itself.
    outside: str = ""
    export_order: tuple[str, ...] = ("pk",)
    export_prefetch: tuple[str, ...] = ()  # many-to-many fields a column reads

    def prepare(self, rows: list[Row], ctx) -> None:
        """Resolve references for a batch of rows with one query each (ctx.prefetch); a kind
        that adds its own calls this first."""
        if self.key_field:
            manager = self.model._default_manager
            records = manager.select_related(*self.key_related) if self.key_related else None
            ctx.prefetch(self.model, self.key_field, {r[self.key[0]] for r in rows}, queryset=records)

    def apply(self, row: Row, ctx) -> str:
        raise NotImplementedError

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

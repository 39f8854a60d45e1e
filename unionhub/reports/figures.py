"""The figures of a report: computed once, then rendered as JSON, xlsx and PDF (and compared
with the figures recomputed later, once a report is published)."""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from unionhub.core.replica import replica_reads

from .numbers import fmt_value
from .registry import Section, get_section, sections

META_KEYS = ("year", "org", "as_of")
# The sub-organizations' table in print: at most this many figures beside the names, so that no
# cell has to wrap (a section with more headline figures gets a second table).
COLUMNS_PER_TABLE = 4


def default_as_of(year: int, today: datetime.date) -> datetime.date:
    """31 December of the year, or today for the current year."""
    end = datetime.date(year, 12, 31)
    return min(end, today) if today.year == year else end


def previous_as_of(as_of: datetime.date) -> datetime.date:
    """The same day a year earlier (28 February for the 29th): last year's same period."""
    try:
        return as_of.replace(year=as_of.year - 1)
    except ValueError:
        return as_of.replace(year=as_of.year - 1, day=28)


def report_figures(
    *, org, year: int, as_of: datetime.date, on_section: Callable[[Section, int, int], None] | None = None
) -> dict:
    """The one computation behind the JSON, the xlsx and the PDF.

    `on_section(section, done, total)` is called after each section (a job's progress)."""
    figures = {"year": year, "org": org.code, "as_of": as_of.isoformat()}
    ordered = sections()
    with replica_reads():
        for i, section in enumerate(ordered, 1):
            figures[section.key] = section.figures(org=org, year=year, as_of=as_of)
            if on_section is not None:
                on_section(section, i, len(ordered))
    return figures


def sub_org_figures(*, org, year: int, as_of: datetime.date, on_org: Callable | None = None) -> list[dict]:
    """The figures of each direct sub-organization of `org` (its subtree each), in code order:
    the table of sub-organizations side by side."""
    children = list(org.children.order_by("code"))
    out = []
    for i, child in enumerate(children, 1):
        out.append(
            {
                "code": child.code,
                "name": child.name,
                "figures": report_figures(org=child, year=year, as_of=as_of),
            }
        )
        if on_org is not None:
            on_org(child, i, len(children))
    return out


def has_records(value) -> bool:
    """True when any figure is non-zero or any list has items: a year with records."""
    if isinstance(value, dict):
        return any(has_records(v) for v in value.values())
    if isinstance(value, list):
        return bool(value)
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return False
    return value != 0


def section_title(key: str) -> str:
    section = get_section(key)
    return str(section.title) if section else key


@dataclass(frozen=True)
class FigureRow:
    """One figure, flattened: its section, its path of keys, the names of that path, its unit.

    `short` is the name a section's own table gives it: the names of the breakdowns' entries
    and list items on its path, then its own label (`春节送温暖：发放资金`, `案由：劳动报酬`)."""

    section: str
    path: tuple
    names: tuple[str, ...]
    unit: str
    value: object
    short: str = ""
    listed: bool = False  # under a list of items (drives, perk days): they have tables of their own
    pattern: str = ""  # the declared path it matches: `by_kind.*.people`

    @property
    def label(self) -> str:
        unit = f"({self.unit})" if self.unit else ""
        return " · ".join(self.names) + unit

    @property
    def text(self) -> str:
        return fmt_value(self.value, self.unit)


def child_pattern(section: Section | None, parent: str, key: str) -> str:
    """The pattern of `key` under `parent` (paths relative to the section): `*` when the
    section declares names the data brings there, else the literal key."""
    literal = f"{parent}.{key}" if parent else key
    wildcard = f"{parent}.*" if parent else "*"
    return wildcard if section is not None and section.knows(wildcard) else literal


def is_breakdown(section: Section | None, pattern: str) -> bool:
    """True when the dict at `pattern` is keyed by names the data brings (groups, causes …):
    its declaration says so with a `*`, and a dict it does not declare is taken as one."""
    if section is None:
        return True
    return section.knows(f"{pattern}.*") or not section.knows(pattern)


def declared(section: Section | None, concrete: str, pattern: str) -> tuple[str | None, str]:
    """(label, unit) of a figure: declared for its very path (`programs.送清凉.recipients`),
    else for its pattern (`programs.*.recipients`)."""
    if section is None:
        return None, ""
    if concrete in section.labels:
        return section.label(concrete)
    return section.label(pattern)


def figure_rows(figures: dict) -> list[FigureRow]:
    """Every figure of the sections, in the order of the figures, one row each."""
    rows: list[FigureRow] = []
    for key, value in figures.items():
        if key not in META_KEYS and isinstance(value, dict):
            rows.extend(section_rows(get_section(key), key, value))
    return rows


def section_rows(section: Section | None, key: str, data: dict) -> list[FigureRow]:
    return list(_walk(section, key, data, _Place("", "", (key,), (), (), False)))


@dataclass(frozen=True)
class _Place:
    pattern: str  # `by_kind.*.people`
    concrete: str  # `by_kind.助老.people`
    path: tuple  # (section key, "by_kind", "助老", "people")
    names: tuple  # the labels along the path
    short: tuple  # the names the data brings along the path
    listed: bool

    def down(self, key, pattern: str, label: str | None, *, named: bool, listed: bool = False) -> "_Place":
        concrete = f"{self.concrete}.{key}" if self.concrete else str(key)
        return _Place(
            pattern,
            concrete,
            (*self.path, key),
            (*self.names, label or str(key)),
            (*self.short, str(key)) if named else self.short,
            self.listed or listed,
        )


def _walk(section, key: str, node, at: _Place) -> Iterator[FigureRow]:
    if isinstance(node, dict):
        for k, value in node.items():
            child = child_pattern(section, at.pattern, str(k))
            concrete = f"{at.concrete}.{k}" if at.concrete else str(k)
            label = declared(section, concrete, child)[0]
            yield from _walk(section, key, value, at.down(k, child, label, named=child.endswith("*")))
    elif isinstance(node, list) and any(isinstance(item, dict) for item in node):
        for i, item in enumerate(node, 1):
            name = str(item.get("name") or _("第%(n)d项") % {"n": i})
            item_at = at.down(name, f"{at.pattern}[]", name, named=True, listed=True)
            for k, value in item.items():
                if k != "name":
                    child = f"{at.pattern}[].{k}"
                    label = declared(section, child, child)[0]
                    yield from _walk(section, key, value, item_at.down(k, child, label, named=False))
    else:
        value = "、".join(str(v) for v in node) if isinstance(node, list) else node
        label, unit = declared(section, at.concrete, at.pattern)
        if label is None and at.pattern.endswith("*"):
            # A breakdown's entry: the breakdown's own label, then the entry's name.
            parent = declared(section, at.concrete.rsplit(".", 1)[0], at.pattern[:-2])[0]
            short = (parent, *at.short) if parent else at.short
        else:
            short = (*at.short, label or str(at.path[-1]))
        yield FigureRow(key, at.path, at.names, unit, value, "：".join(short), at.listed, at.pattern)


def figures_diff(old: dict, new: dict) -> list[dict]:
    """The figures that differ between `old` (as published) and `new` (recomputed now), in the
    order of `new`; a figure present on one side only shows `—` on the other."""
    before = {row.path: row for row in figure_rows(old)}
    after = {row.path: row for row in figure_rows(new)}
    changes = []
    for path, row in after.items():
        was = before.get(path)
        if was is None or was.value != row.value:
            changes.append(_change(row, was.text if was else "—", row.text))
    for path, row in before.items():
        if path not in after:
            changes.append(_change(row, row.text, "—"))
    return changes


def _change(row: FigureRow, old: str, new: str) -> dict:
    return {"section": section_title(row.section), "label": row.label, "old": old, "new": new}


def sub_org_table(section: Section, subs: list[dict]) -> dict | None:
    """The direct sub-organizations side by side on the section's headline figures: one row
    each, ranked (highest first, 第N) on the first headline figure declared `rank` that has
    values; a sub-organization with nothing in the section is left out. None when no row is left."""
    columns: list[str] = []
    ranked_on: list[str] = []
    rows = []
    for sub in subs:
        data = sub["figures"].get(section.key)
        if data is None or not section.has_records(data):
            continue
        values = {}
        for label, value, unit, headline in section.headline_values(data):
            if label not in columns:
                columns.append(label)
            if headline.rank and label not in ranked_on:
                ranked_on.append(label)
            values[label] = (value, unit)
        rows.append({"name": sub["name"], "code": sub["code"], "values": values})
    if not rows:
        return None
    # A figure that is zero (or none) for every sub-organization says nothing: no column.
    columns = [c for c in columns if any(r["values"].get(c, (None,))[0] for r in rows)]
    rank_by = next((c for c in ranked_on if c in columns), None)
    if rank_by is not None:
        rows.sort(key=lambda r: -(r["values"].get(rank_by, (None,))[0] or 0))
    out = []
    for i, r in enumerate(rows, 1):
        cells = [fmt_value(*r["values"][c]) if c in r["values"] else "—" for c in columns]
        raw = [r["values"].get(c, (None,))[0] for c in columns]
        out.append(
            {"name": r["name"], "code": r["code"], "rank": i if rank_by else None, "cells": cells, "raw": raw}
        )
    parts = [
        {
            "columns": columns[i : i + COLUMNS_PER_TABLE],
            "rows": [{**r, "cells": r["cells"][i : i + COLUMNS_PER_TABLE]} for r in out],
        }
        for i in range(0, len(columns), COLUMNS_PER_TABLE)
    ]
    return {"columns": columns, "rank_by": rank_by, "rows": out, "parts": parts}

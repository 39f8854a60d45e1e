"""The figures of a report: computed once, then rendered as JSON, xlsx and PDF (and compared
with the figures recomputed later, once a report is published)."""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .labels import child_pattern, label_for
from .numbers import fmt_count, fmt_money, fmt_rate
from .registry import Section, sections_for_json

META_KEYS = ("year", "org", "as_of")


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
    sections = sections_for_json()
    for i, section in enumerate(sections, 1):
        figures[section.key] = section.figures(org=org, year=year, as_of=as_of)
        if on_section is not None:
            on_section(section, i, len(sections))
    return figures


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
    for section in sections_for_json():
        if section.key == key:
            return str(section.title)
    return key


@dataclass(frozen=True)
class FigureRow:
    """One figure, flattened: its section, its path of keys, the names of that path, its unit."""

    section: str
    path: tuple
    names: tuple[str, ...]
    unit: str
    value: object

    @property
    def label(self) -> str:
        unit = f"({self.unit})" if self.unit else ""
        return " · ".join(self.names) + unit

    @property
    def text(self) -> str:
        return format_value(self.value, self.unit)


def format_value(value, unit: str = "") -> str:
    """A figure as the report writes it: `95万元`, `40.24%`, `475户`, `—` for none."""
    if value is None:
        return fmt_rate(None)
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, str):
        return value
    if unit == "元":
        return fmt_money(value)
    if unit == "%":
        return fmt_rate(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return fmt_count(int(value), unit)
    return f"{value}{unit}"


def figure_rows(figures: dict) -> list[FigureRow]:
    """Every figure of the sections, in the order of the figures, one row each."""
    rows: list[FigureRow] = []
    for key, value in figures.items():
        if key not in META_KEYS and isinstance(value, dict):
            rows.extend(_walk(key, value, key, (key,), ()))
    return rows


def _walk(section: str, node, pattern: str, path: tuple, names: tuple) -> Iterator[FigureRow]:
    if isinstance(node, dict):
        for key, value in node.items():
            child = child_pattern(pattern, str(key))
            yield from _walk(section, value, child, (*path, key), (*names, label_for(child, key)[0]))
    elif isinstance(node, list) and any(isinstance(item, dict) for item in node):
        for i, item in enumerate(node, 1):
            name = str(item.get("name") or _("第%(n)d项") % {"n": i})
            for key, value in item.items():
                if key == "name":
                    continue
                child = f"{pattern}[].{key}"
                yield from _walk(
                    section, value, child, (*path, name, key), (*names, name, label_for(child, key)[0])
                )
    else:
        value = "、".join(str(v) for v in node) if isinstance(node, list) else node
        yield FigureRow(section, path, names, label_for(pattern, path[-1])[1], value)


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

"""Template filters that write figures as the report does: {{ v|money }}, {{ n|count:"户" }},
{{ r|rate }}; {{ cur|change:prev }} gives the change against the previous year;
{% section_table section figures previous %} the rows of a section's table from its declaration;
{{ section|label:"path" }} a declared label."""

import re

from django import template

from unionhub.reports.figures import section_rows
from unionhub.reports.numbers import fmt_about, fmt_count, fmt_money, fmt_money_about, fmt_rate

register = template.Library()


@register.filter
def money(value):
    return fmt_money(value)


@register.filter
def count(value, unit=""):
    return fmt_count(value, unit)


@register.filter
def about(value, unit=""):
    """A headline sentence's rounded count: `8500多名`, `5万余人` (tables stay exact)."""
    return fmt_about(value, unit)


@register.filter
def money_about(value):
    """A headline sentence's rounded money: `近90万元`."""
    return fmt_money_about(value)


@register.filter
def rate(value):
    return fmt_rate(value)


@register.filter
def change(current, previous):
    """`增长12.5%` / `下降3%` / `持平` against last year; empty when there is nothing to compare."""
    if previous in (None, "") or current is None:
        return ""
    try:
        cur, prev = float(current), float(previous)
    except (TypeError, ValueError):
        return ""
    if prev == 0:
        return ""
    pct = (cur - prev) / prev * 100
    if abs(pct) < 0.005:
        return "与上年持平"
    return f"比上年{'增长' if pct > 0 else '下降'}{fmt_rate(abs(pct))}"


@register.filter
def label(section, path):
    """The label the section declares for `path` (the path itself when it declares none)."""
    return section.label(path)[0] or path


def _shown(row) -> bool:
    return not row.listed and isinstance(row.value, int | float) and not isinstance(row.value, bool)


@register.simple_tag
def section_table(section, figures, previous=None):
    """The rows of a section's table, from its declaration: each figure (lists of items have
    tables of their own), the exact figure, last year's beside it when `previous` is given;
    a row that is zero (or none) in both years is left out."""
    prev = {r.path: r for r in section_rows(section, section.key, previous)} if previous else {}
    rows = []
    for r in section_rows(section, section.key, figures):
        if not _shown(r):
            continue
        p = prev.get(r.path)
        if not r.value and not (p and p.value):
            continue
        rows.append(
            {
                "label": r.short,
                "value": r.text,
                "raw": r.value,
                "previous": p.text if p else "",
                "previous_raw": p.value if p else None,
                "path": r.path,
            }
        )
    return rows


_MATRIX = re.compile(r"^(?P<group>.+)\.\*\.(?P<metric>[^.*\[\]]+)$")


@register.simple_tag
def section_tables(section, figures, previous=None):
    """The section's tables from its declaration: one of its single figures (this year, last
    year, the change: `section_table`), then one per breakdown of several figures each (帮扶项目:
    a row per program, a column per figure), so that no table runs over pages of rows. Rows and
    columns of zeros are left out."""
    rows = [r for r in section_rows(section, section.key, figures) if _shown(r)]
    matrices: dict[str, dict] = {}
    single_paths = set()
    for r in rows:
        m = _MATRIX.match(r.pattern)
        if m is None:
            single_paths.add(r.path)
            continue
        matrix = matrices.setdefault(m["group"], {"columns": {}, "rows": {}})
        label = section.label(r.pattern)[0] or m["metric"]
        matrix["columns"].setdefault(label, False)
        if r.value:
            matrix["columns"][label] = True
        matrix["rows"].setdefault(str(r.path[-2]), {})[label] = r
    tables = []
    singles = [r for r in section_table(section, figures, previous) if r["path"] in single_paths]
    if singles:
        tables.append({"kind": "single", "rows": singles})
    for group, matrix in matrices.items():
        columns = [c for c, any_value in matrix["columns"].items() if any_value]
        body = []
        for name, cells in matrix["rows"].items():
            if any(cells.get(c) is not None and cells[c].value for c in columns):
                body.append(
                    {
                        "name": name,
                        "cells": [cells[c].text if c in cells and cells[c].value else "—" for c in columns],
                    }
                )
        if body:
            tables.append(
                {
                    "kind": "matrix",
                    "title": section.label(group)[0] or group,
                    "columns": columns,
                    "rows": body,
                }
            )
    return tables

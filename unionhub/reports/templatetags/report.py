"""Template filters that write figures as the report does: {{ v|money }}, {{ n|count:"户" }},
{{ r|rate }}; {{ cur|change:prev }} gives the change against the previous year;
{% section_table section figures previous %} the rows of a section's table from its declaration;
{{ section|label:"path" }} a declared label."""

from django import template

from unionhub.reports.figures import section_rows
from unionhub.reports.numbers import fmt_count, fmt_money, fmt_rate

register = template.Library()


@register.filter
def money(value):
    return fmt_money(value)


@register.filter
def count(value, unit=""):
    return fmt_count(value, unit)


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
            }
        )
    return rows

"""Template filters that write figures as the report does: {{ v|money }}, {{ n|count:"户" }},
{{ r|rate }}; {{ cur|change:prev }} gives the change against the previous year."""

from django import template

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

"""Helpers for the legal report section: the charts' bars and the parts of a sentence."""

from django import template

from unionhub.reports.charts import bars
from unionhub.reports.numbers import fmt_parts

register = template.Library()


@register.simple_tag
def legal_bars(counts: dict, most_first: bool = True):
    """Bars of a breakdown ({name: n}), most first, with widths scaled to the largest."""
    counts = {name: n for name, n in counts.items() if n}  # no bar of zero
    return bars(counts.items(), most_first=most_first)


@register.simple_tag
def legal_parts(counts: dict, unit: str, suffix: str = "") -> str:
    """`工资专项集体合同3份、女职工专项集体合同1份`: the non-zero entries, in order."""
    return fmt_parts(counts, unit, suffix)

"""Helpers for the legal report section: the table's rows and the chart's bars."""

from django import template
from django.utils.translation import gettext as _

from unionhub.reports.numbers import fmt_count, fmt_money
from unionhub.reports.tables import rows_with_previous

register = template.Library()

BAR_WIDTH = 320
ROW = 30


def _rows(f: dict) -> list[tuple[str, str, object]]:
    rows = [
        (_("接待来电来访"), fmt_count(f["cases"], "件"), f["cases"]),
        (_("涉及人次"), fmt_count(f["persons"], "人次"), f["persons"]),
        (_("其中农民工"), fmt_count(f["migrant_persons"], "人次"), f["migrant_persons"]),
        (_("群体性来访"), fmt_count(f["group_visits"], "次"), f["group_visits"]),
        (_("群体性来访涉及人数"), fmt_count(f["group_persons"], "人"), f["group_persons"]),
        (_("指派律师代理仲裁和诉讼"), fmt_count(f["lawyer_cases"], "件"), f["lawyer_cases"]),
        (_("其中涉及农民工"), fmt_count(f["lawyer_cases_migrant"], "件"), f["lawyer_cases_migrant"]),
    ]
    for cause, n in f["by_cause"].items():
        rows.append((_("案由:%(cause)s") % {"cause": cause}, fmt_count(n, "件"), n))
    rows.append((_("追回金额"), fmt_money(f["recovered"]), f["recovered"]))
    return rows


@register.simple_tag
def legal_table(figures, previous=None):
    return rows_with_previous(_rows, figures, previous)


@register.simple_tag
def legal_causes(figures):
    """Cases by cause, most first, with bar widths for the chart."""
    items = sorted(figures["by_cause"].items(), key=lambda kv: -kv[1])
    top = max((n for _, n in items), default=0) or 1
    bars = [
        {"label": cause, "n": n, "width": round(n / top * BAR_WIDTH), "y": i * ROW}
        for i, (cause, n) in enumerate(items)
    ]
    return {"bars": bars, "height": len(bars) * ROW}

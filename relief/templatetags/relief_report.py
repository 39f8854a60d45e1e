"""Helpers for the relief report section: the sentences' parts, the table's rows, the chart."""

from django import template
from django.utils.translation import gettext as _

from relief.models import UNIT_KINDS
from unionhub.reports.numbers import fmt_count, fmt_money
from unionhub.reports.tables import rows_with_previous

register = template.Library()

BAR_WIDTH = 300
ROW = 30


def _rows(f: dict) -> list[tuple[str, str, object]]:
    files = f["files"]
    rows = [
        (_("在档困难职工:%(c)s") % {"c": c}, fmt_count(n, "户"), n) for c, n in files["by_category"].items()
    ]
    rows += [
        (_("本年新建档"), fmt_count(files["new"], "户"), files["new"]),
        (_("已认定在档"), fmt_count(files["verified"], "户"), files["verified"]),
        (_("本年脱困"), fmt_count(files["exited"], "户"), files["exited"]),
    ]
    for kind, p in f["programs"].items():
        unit = "个" if kind in UNIT_KINDS else "户"
        rows.append((_("%(k)s:受助对象") % {"k": kind}, fmt_count(p["recipients"], unit), p["recipients"]))
        rows.append((_("%(k)s:发放金额") % {"k": kind}, fmt_money(p["cash"]), p["cash"]))
        if p["goods"]:
            rows.append((_("%(k)s:物资折款") % {"k": kind}, fmt_money(p["goods"]), p["goods"]))
        if p["people_reached"]:
            rows.append(
                (_("%(k)s:受益人数") % {"k": kind}, fmt_count(p["people_reached"], "人"), p["people_reached"])
            )
    for kind, c in f["care"].items():
        rows.append((_("%(k)s:服务点") % {"k": kind}, fmt_count(c["points"], "个"), c["points"]))
        rows.append(
            (_("%(k)s:服务人次") % {"k": kind}, fmt_count(c["person_times"], "人次"), c["person_times"])
        )
    return rows


@register.simple_tag
def relief_table(figures, previous=None):
    return rows_with_previous(_rows, figures, previous)


@register.simple_tag
def relief_chart(figures):
    """Money paid (cash + goods) per program kind, with bar widths for the chart."""
    items = [(kind, p["cash"] + p["goods"]) for kind, p in figures["programs"].items()]
    top = max((v for _, v in items), default=0) or 1
    bars = [
        {"label": kind, "text": fmt_money(v), "width": round(v / top * BAR_WIDTH), "y": i * ROW}
        for i, (kind, v) in enumerate(items)
    ]
    return {"bars": bars, "height": len(bars) * ROW}


PROGRAM_KEYS = {
    "春节送温暖": "spring",
    "金秋助学": "school",
    "医疗救助": "medical",
    "其他帮扶": "other",
    "送清凉": "summer",
    "游园活动": "garden",
}
CARE_KEYS = {
    "暖流服务": "warm",
    "免费体检": "health",
    "高温慰问": "heat",
    "亲子团聚": "reunion",
    "爱心托管": "care",
}


@register.simple_tag
def relief_parts(figures):
    """The figures under ASCII names for the template's sentences, with the file total."""
    programs = {
        PROGRAM_KEYS[k]: {**v, "paid": v["cash"] + v["goods"]} for k, v in figures["programs"].items()
    }
    care = {CARE_KEYS[k]: v for k, v in figures["care"].items()}
    return {
        "open": sum(figures["files"]["by_category"].values()),
        "programs": programs,
        "care": care,
        "paid_any": any(p["recipients"] for p in programs.values()),
    }

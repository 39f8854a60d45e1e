"""Helpers for the relief report section: the sentences' parts and the chart."""

from django import template

from unionhub.reports.numbers import fmt_money

register = template.Library()

BAR_WIDTH = 300
ROW = 30


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

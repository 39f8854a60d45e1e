"""Helpers for the skills report section: the chart's bars."""

from django import template

register = template.Library()

LEVELS = ["高级技师", "技师", "高级工", "中级工"]
BAR_WIDTH = 320


@register.simple_tag
def skills_promotions(figures):
    """The promotions by level, highest first, with the total and bar widths for the chart."""
    by_level = figures["promotions"]["by_level"]
    top = max(by_level.values()) or 1
    bars = [
        {"label": level, "n": by_level[level], "width": round(by_level[level] / top * BAR_WIDTH), "y": i * 34}
        for i, level in enumerate(LEVELS)
    ]
    return {"bars": bars, "total": sum(by_level.values()), "height": len(bars) * 34}


@register.simple_tag
def skills_industries(industries):
    """The industries for the sentence, with 其他 last (it reads oddly at the head of the list)."""
    return sorted(industries, key=lambda name: name == "其他")

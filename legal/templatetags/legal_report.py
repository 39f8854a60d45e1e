"""Helpers for the legal report section: the chart's bars."""

from django import template

register = template.Library()

BAR_WIDTH = 320
ROW = 30


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

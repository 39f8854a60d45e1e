"""Helpers for the perks pages and report section: day counts in words and the sales chart."""

from django import template

from unionhub.reports.numbers import fmt_money

register = template.Library()

_CN_NUMBERS = "一两三四五六七八九十"


@register.filter
def cn_days(n) -> str:
    """`两天`, as the seed writes it; in figures from eleven up."""
    n = int(n or 0)
    return f"{_CN_NUMBERS[n - 1]}天" if 1 <= n <= 10 else f"{n}天"


WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 640, 260, 28, 44, 10
BAR, GAP = 48, 10


@register.inclusion_tag("perks/_sales_chart.html")
def sales_chart(days, title=""):
    """Grouped bars of sales and discount per day (or per merchant): `days` is a list of dicts
    with name, sales and discount. Geometry is computed here so the template only draws."""
    days = list(days)
    top = max([float(d["sales"] or 0) for d in days] + [float(d["discount"] or 0) for d in days] + [1])
    plot = HEIGHT - TOP - BOTTOM
    slot = max((WIDTH - 2 * LEFT) / max(len(days), 1), 2 * BAR + 3 * GAP)
    width = int(max(WIDTH, 2 * LEFT + slot * len(days)))
    groups = []
    for i, d in enumerate(days):
        x0 = LEFT + i * slot + (slot - 2 * BAR - GAP) / 2
        bars = []
        for j, key in enumerate(("sales", "discount")):
            value = float(d[key] or 0)
            h = round(plot * value / top, 1)
            bars.append(
                {
                    "x": round(x0 + j * (BAR + GAP), 1),
                    "y": round(TOP + plot - h, 1),
                    "h": h,
                    "ty": round(TOP + plot - h - 4, 1),
                    "label": fmt_money(d[key]),
                    "cls": key,
                    "cx": round(x0 + j * (BAR + GAP) + BAR / 2, 1),
                }
            )
        groups.append({"name": d["name"], "bars": bars, "cx": round(LEFT + i * slot + slot / 2, 1)})
    return {
        "groups": groups,
        "width": width,
        "height": HEIGHT,
        "bar": BAR,
        "base": TOP + plot,
        "name_y": HEIGHT - BOTTOM + 18,
        "legend_y": HEIGHT - 8,
        "legend_box_y": HEIGHT - 17,
        "middle": width // 2,
        "title": title,
    }

"""Helpers for the skills report section: the table's rows and the chart's bars."""

from django import template
from django.utils.translation import gettext as _

from unionhub.reports.numbers import fmt_count, fmt_money
from unionhub.reports.tables import rows_with_previous

register = template.Library()

LEVELS = ["高级技师", "技师", "高级工", "中级工"]
BAR_WIDTH = 320


def _rows(f: dict) -> list[tuple[str, str, object]]:
    """(label, formatted figure, raw figure) for the table, in the section's order."""
    rows = [
        (_("市级职业技能大赛参赛选手"), fmt_count(f["city_contestants"], "名"), f["city_contestants"]),
        (_("自治区级大赛参赛工种"), fmt_count(f["provincial"]["trades"], "个"), f["provincial"]["trades"]),
        (
            _("获第一名的工种"),
            fmt_count(f["provincial"]["first_places"], "个"),
            f["provincial"]["first_places"],
        ),
        (_("进入前十名的选手"), fmt_count(f["provincial"]["top_ten"], "名"), f["provincial"]["top_ten"]),
        (_("代表广西参加国赛"), fmt_count(f["national_entrants"], "人"), f["national_entrants"]),
        (_("柳州工匠"), fmt_count(f["craftsmen"]["工匠"], "名"), f["craftsmen"]["工匠"]),
        (_("柳州工匠提名奖"), fmt_count(f["craftsmen"]["提名奖"], "名"), f["craftsmen"]["提名奖"]),
    ]
    for level in LEVELS:
        n = f["promotions"]["by_level"][level]
        rows.append((_("晋升%(level)s") % {"level": level}, fmt_count(n, "人"), n))
    subsidy = f["promotions"]["subsidy"]
    rows.append((_("培训补贴"), fmt_money(subsidy), subsidy))
    return rows


@register.simple_tag
def skills_table(figures, previous=None):
    return rows_with_previous(_rows, figures, previous)


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

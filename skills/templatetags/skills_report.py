"""Helpers for the skills report section: the charts' bars, the team rank as the seed writes
it (第一名) and the model-worker titles of a sentence."""

from django import template

from unionhub.reports.charts import bars
from unionhub.reports.numbers import fmt_parts
from unionhub.reports.pdf import numeral

register = template.Library()

LEVELS = ["高级技师", "技师", "高级工", "中级工"]
ROW = 34


@register.simple_tag
def skills_promotions(figures):
    """The promotions by level, highest first, with the total and bar widths for the chart."""
    by_level = figures["promotions"]["by_level"]
    chart = bars(((level, by_level[level]) for level in LEVELS), row=ROW)
    first_shown = next((b["label"] for b in chart["bars"] if b["n"]), None)
    return {**chart, "total": sum(by_level.values()), "first_shown": first_shown}


@register.simple_tag
def skills_industries(industries):
    """The industries for the sentence, with 其他 last (it reads oddly at the head of the list)."""
    return sorted(industries, key=lambda name: name == "其他")


@register.filter
def cn_rank(n) -> str:
    """A rank in Chinese numerals, as the seed writes it: 1 → 一 (第一名), 12 → 十二."""
    return numeral(n) if isinstance(n, int) and 0 < n < 100 else str(n)


@register.simple_tag
def skills_titles(model_workers: dict) -> dict:
    """The titles of the year for the sentence (`全国劳动模范2名、市劳动模范5名`, zeros left out),
    their total, and the bars of the chart."""
    chart = bars(((t, n) for t, n in model_workers.items() if n), width=240, row=ROW)
    return {
        **chart,
        "text": fmt_parts(model_workers, "名"),
        "total": sum(model_workers.values()),
    }

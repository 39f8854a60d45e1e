"""Helpers for the skills report section: the charts' bars, the team rank as the seed writes
it (第一名) and the model-worker titles of a sentence."""

from django import template

from unionhub.reports.numbers import fmt_count
from unionhub.reports.pdf import numeral

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
    first_shown = next((b["label"] for b in bars if b["n"]), None)
    return {
        "bars": bars,
        "total": sum(by_level.values()),
        "height": len(bars) * 34,
        "first_shown": first_shown,
    }


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
    top = max(model_workers.values(), default=0) or 1
    bars = [
        {"label": title, "n": n, "width": round(n / top * BAR_WIDTH * 0.75), "y": i * 34}
        for i, (title, n) in enumerate((t, n) for t, n in model_workers.items() if n)
    ]
    return {
        "text": "、".join(f"{title}{fmt_count(n, '名')}" for title, n in model_workers.items() if n),
        "total": sum(model_workers.values()),
        "bars": bars,
        "height": len(bars) * 34,
    }

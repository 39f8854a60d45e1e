"""The activities section's sentences (as the seed writes them) and its chart's bars."""

import datetime

from django import template
from django.utils.translation import gettext as _

from unionhub.reports.charts import bars
from unionhub.reports.numbers import fmt_count

register = template.Library()

LECTURE, TRAINING, MEETING = "宣讲", "培训", "会议"


def _lectures(f: dict, place: str) -> str:
    lecture = f["by_kind"].get(LECTURE, {})
    sessions = lecture.get("sessions", 0)
    if not sessions:
        return ""
    where = _("在%(place)s范围") % {"place": place} if place else ""
    themes = f.get("lecture_themes") or []
    if themes and themes[0]["sessions"] == sessions:
        text = _("%(where)s开展%(n)s“%(theme)s”宣讲活动") % {
            "where": where,
            "n": fmt_count(sessions, "场"),
            "theme": themes[0]["name"],
        }
    else:
        text = _("%(where)s开展宣讲活动%(n)s") % {"where": where, "n": fmt_count(sessions, "场")}
        if themes:
            text += _(",其中") + "、".join(
                _("“%(theme)s”%(n)s") % {"theme": t["name"], "n": fmt_count(t["sessions"], "场")}
                for t in themes
            )
    text += _(",参与职工%(p)s。") % {"p": fmt_count(lecture.get("participants", 0), "人次")}
    if f["speakers"]:
        text += _(
            "%(n)s劳模工匠进企业、进校园、进车间班组、进社区街道,宣讲爱岗敬业、精益求精,弘扬劳模精神和工匠精神。"
        ) % {"n": fmt_count(f["speakers"], "名")}
    return text


def _events(f: dict) -> str:
    parts = []
    for kind, row in f["by_kind"].items():
        if kind in (LECTURE, TRAINING, MEETING) or not row["activities"]:
            continue
        parts.append(
            _("%(kind)s%(n)s(%(s)s,%(p)s参与)")
            % {
                "kind": kind,
                "n": fmt_count(row["activities"], "项"),
                "s": fmt_count(row["sessions"], "场"),
                "p": fmt_count(row["participants"], "人次"),
            }
        )
    return _("举办%(list)s。") % {"list": "、".join(parts)} if parts else ""


def _training(f: dict) -> str:
    training = f["by_kind"].get(TRAINING, {})
    if not training.get("activities"):
        return ""
    groups = [
        _("为%(group)s培训%(n)s") % {"group": group, "n": fmt_count(n, "人次")}
        for group, n in f["trained"].items()
        if n
    ]
    text = _("开展职工培训%(n)s、%(s)s") % {
        "n": fmt_count(training["activities"], "期"),
        "s": fmt_count(training["sessions"], "场"),
    }
    return text + (_(",其中") + "、".join(groups) if groups else "") + "。"


def _meetings(f: dict) -> str:
    out = []
    for m in f["meetings_hosted"]:
        month = datetime.date.fromisoformat(m["date"]).month
        out.append(
            _("%(month)s月,承办%(level)s会议“%(name)s”。")
            % {"month": month, "level": m["level"], "name": m["name"]}
        )
    return "".join(out)


def _honours(f: dict) -> str:
    honours = f["honours"]
    if not honours:
        return ""
    named = []
    for h in honours:
        text = f"“{h['name']}”"
        if h["rank"]:
            text += _("(第%(r)s名") % {"r": h["rank"]}
            text += (
                _(",已连续%(y)s年保持") % {"y": h["years"]} if h["years"] and h["years"] > 1 else ""
            ) + ")"
        named.append(text)
    banners = sum(1 for h in honours if h["kind"] == "锦旗")
    text = _("获得荣誉%(n)s:%(list)s") % {"n": fmt_count(len(honours), "项"), "list": "、".join(named)}
    if banners:
        text += _(",其中获赠锦旗%(n)s") % {"n": fmt_count(banners, "面")}
    return text + "。"


@register.simple_tag
def activities_sentences(figures, place=""):
    """The section's paragraphs, each left out when its figures are all zero."""
    paragraphs = [
        _lectures(figures, place),
        _events(figures) + _training(figures),
        _meetings(figures) + _honours(figures),
    ]
    return [p for p in paragraphs if p]


@register.simple_tag
def activities_bars(figures):
    """Sessions by kind of activity, most first, with bar widths for the chart."""
    return bars(((k, v["sessions"]) for k, v in figures["by_kind"].items()), width=300, most_first=True)


@register.simple_tag
def activities_totals(figures):
    rows = figures["by_kind"].values()
    return {
        "activities": sum(r["activities"] for r in rows),
        "sessions": sum(r["sessions"] for r in rows),
        "participants": sum(r["participants"] for r in rows),
    }

"""Helpers for the relief report section: the sentences' parts and the chart."""

from django import template
from django.utils.translation import gettext as _

from unionhub.reports.charts import bars
from unionhub.reports.numbers import fmt_about, fmt_count, fmt_money, fmt_money_about

register = template.Library()


@register.simple_tag
def relief_chart(figures):
    """Money paid (cash + goods) per program kind, with bar widths for the chart."""
    items = [
        (kind, p["cash"] + p["goods"]) for kind, p in figures["programs"].items() if p["cash"] + p["goods"]
    ]
    return bars(items, width=300, text=fmt_money)


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
        "paid_clauses": _paid_clauses(programs),
        "care_clauses": _care_clauses(care),
    }


def _paid_clauses(programs: dict) -> list[str]:
    """The clauses of the payments' sentence, as the seed writes them; a program without
    recipients says nothing (no clause of zeros)."""
    out = []
    s = programs.get("spring")
    if s and s["recipients"]:
        text = _("春节送温暖慰问困难职工%(n)s，发放慰问金%(cash)s") % {
            "n": fmt_count(s["recipients"], "户"),
            "cash": fmt_money(s["cash"]),
        }
        if s["goods"]:
            text += _("，慰问物资折款%(goods)s") % {"goods": fmt_money(s["goods"])}
        out.append(text)
    for key, clause in (
        ("school", _("慰问困难学子%(n)s，发放助学金%(cash)s")),
        ("medical", _("医疗救助%(n)s，发放救助金%(cash)s")),
        ("other", _("其他帮扶%(n)s，发放帮扶金%(cash)s")),
    ):
        p = programs.get(key)
        if p and p["recipients"]:
            out.append(clause % {"n": fmt_count(p["recipients"], "户"), "cash": fmt_money(p["paid"])})
    g = programs.get("garden")
    if g and g["recipients"]:
        text = _("下拨游园款%(cash)s，支持%(n)s单位开展游园活动") % {
            "cash": fmt_money(g["paid"]),
            "n": fmt_count(g["recipients"], "个"),
        }
        if g["people_reached"]:
            text += _("，惠及职工%(n)s") % {"n": fmt_about(g["people_reached"], "人")}
        out.append(text)
    s = programs.get("summer")
    if s and s["recipients"]:
        text = _("“送清凉”慰问企业%(n)s") % {"n": fmt_about(s["recipients"], "家")}
        if s["people_reached"]:
            text += _("，慰问职工、农民工%(n)s") % {"n": fmt_about(s["people_reached"], "人")}
        text += _("，共计发放慰问物资%(goods)s") % {"goods": fmt_money_about(s["paid"])}
        out.append(text)
    return out


def _care_clauses(care: dict) -> list[str]:
    out = []
    w = care.get("warm")
    if w and w["person_times"]:
        out.append(
            _("开展暖流行动，共设置%(n)s暖流服务点，服务返乡农民工%(t)s")
            % {"n": fmt_count(w["points"], "个"), "t": fmt_count(w["person_times"], "人次")}
        )
    h = care.get("health")
    if h and h["person_times"]:
        out.append(_("为%(t)s一线农民工免费健康体检") % {"t": fmt_about(h["person_times"], "名")})
    h = care.get("heat")
    if h and h["person_times"]:
        out.append(_("慰问了%(t)s高温酷暑坚守在一线的农民工") % {"t": fmt_about(h["person_times"], "名")})
    r = care.get("reunion")
    if r and r["person_times"]:
        out.append(_("组织农民工家庭亲子团聚活动，参与%(t)s") % {"t": fmt_count(r["person_times"], "人次")})
    c = care.get("care")
    if c and c["person_times"]:
        out.append(
            _("在%(n)s服务点开展爱心托管，服务%(t)s")
            % {"n": fmt_count(c["points"], "个"), "t": fmt_count(c["person_times"], "人次")}
        )
    return out

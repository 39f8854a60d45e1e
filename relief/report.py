"""The `relief` section of the year-end report (困难职工帮扶)."""

from django.utils.translation import gettext_lazy as _

from unionhub.reports.registry import Headline, Section, grew, total

from .selectors import relief_figures


def _paid(f: dict) -> float:
    return sum(p["cash"] + p["goods"] for p in f["programs"].values())


def _propose(f: dict, previous: dict | None) -> str | None:
    if grew(_paid, f, previous):
        return _("困难职工帮扶成效显著")
    if f["files"]["exited"]:
        return _("扎实推进困难职工解困脱困工作")
    return None


SECTION = Section(
    figures=relief_figures,
    labels={
        "files": (_("困难职工档案"), ""),
        "files.by_category": (_("在档困难职工"), ""),
        "files.by_category.*": (None, "户"),
        "files.new": (_("本年新建档"), "户"),
        "files.verified": (_("已认定在档"), "户"),
        "files.exited": (_("本年脱困"), "户"),
        "programs": (_("帮扶项目"), ""),
        "programs.*.recipients": (_("受助对象"), "户"),
        "programs.送清凉.recipients": (_("受助企业"), "家"),
        "programs.游园活动.recipients": (_("受助单位"), "个"),
        "programs.*.cash": (_("发放资金"), "元"),
        "programs.*.goods": (_("物资折款"), "元"),
        "programs.*.people_reached": (_("受益人数"), "人"),
        "care": (_("关爱服务"), ""),
        "care.*.points": (_("服务点"), "个"),
        "care.*.person_times": (_("服务人次"), "人次"),
    },
    headline=(
        Headline(value=total("files.by_category.*"), label=_("在档困难职工"), unit="户"),
        Headline("programs.春节送温暖.recipients"),
        Headline(value=_paid, label=_("帮扶发放"), unit="元", rank=True),
        Headline(value=total("care.*.person_times"), label=_("关爱服务"), unit="人次"),
    ),
    propose=_propose,
    records={
        "relief.HardshipFile": "relief:file",
        "relief.ReliefProgram": "relief:program",
        "relief.Payment": "relief:payment",
    },
)

"""The `skills` section of the year-end report (工匠与技能)."""

from django.utils.translation import gettext_lazy as _

from unionhub.reports.registry import Headline, Section, total

from .selectors import skills_figures

_promoted = total("promotions.by_level.*")


def _propose(f: dict, previous: dict | None) -> str | None:
    if f.get("team_rank") == 1:
        return _("职工职业技能大赛名列广西榜首")
    if f["provincial"]["first_places"]:
        return _("职工职业技能大赛获得%(n)d个工种第一名") % {"n": f["provincial"]["first_places"]}
    if previous is not None and _promoted(f) > _promoted(previous):
        return _("职工技能晋升助推行动成效显著")
    return None


SECTION = Section(
    figures=skills_figures,
    labels={
        "city_contestants": (_("市级技能大赛选手"), "名"),
        "provincial": (_("自治区级大赛"), ""),
        "provincial.trades": (_("自治区级大赛参赛工种"), "个"),
        "provincial.first_places": (_("获第一名的工种"), "个"),
        "provincial.top_ten": (_("进入前十名的选手"), "名"),
        "team_rank": (_("自治区级大赛团体名次"), "名"),
        "national_entrants": (_("代表广西参加国赛"), "名"),
        "model_workers": (_("劳模称号"), ""),
        "model_workers.*": (None, "名"),
        "craftsmen": (_("柳州工匠"), ""),
        "craftsmen.工匠": (_("柳州工匠"), "名"),
        "craftsmen.提名奖": (_("柳州工匠提名奖"), "名"),
        "craftsmen.industries": (_("涵盖行业"), ""),
        "promotions": (_("技能晋升"), ""),
        "promotions.by_level": (_("晋升"), ""),
        "promotions.by_level.*": (None, "人"),
        "promotions.subsidy": (_("培训补贴"), "元"),
    },
    headline=(
        Headline("city_contestants"),
        Headline("craftsmen.工匠"),
        Headline(value=total("model_workers.*"), label=_("劳模称号"), unit="名"),
        Headline(value=_promoted, label=_("技能晋升"), unit="人"),
        Headline("promotions.subsidy"),
    ),
    propose=_propose,
    records={"skills.Promotion": "skills:promotion", "skills.ModelWorker": "skills:model_worker"},
)

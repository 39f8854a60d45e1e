"""Chinese names and units of the figures of the contract (annual-report.md), for the xlsx sheet,
the differences shown on a published report and the fallback table of a section.

A path is the chain of keys from the section down: `members.by_group.*.total` (`*` stands for a
name that the data brings, such as a key group), `members.drives[].joined` for each item of a
list (named by its `name`). A key not listed here is shown as it is.
"""

from django.utils.translation import gettext_lazy as _

# path -> (label, unit); a unit of "元" is money, "%" a rate, anything else a count.
LABELS = {
    "members.total": (_("在会会员"), "人"),
    "members.joined": (_("本年新入会会员"), "人"),
    "members.migrant_joined": (_("其中农民工"), "人"),
    "members.by_group": (_("重点群体"), ""),
    "members.by_group.*.total": (_("在会会员"), "人"),
    "members.by_group.*.joined": (_("本年入会"), "人"),
    "members.drives": (_("入会集中行动"), ""),
    "members.drives[].group": (_("群体"), ""),
    "members.drives[].start": (_("开始日期"), ""),
    "members.drives[].end": (_("结束日期"), ""),
    "members.drives[].joined": (_("行动期间入会"), "人"),
    "members.drives[].join_rate": (_("入会率"), "%"),
    "members.drives[].target_join_rate": (_("目标入会率"), "%"),
    "members.drives[].founding_rate": (_("建会率"), "%"),
    "members.drives[].target_founding_rate": (_("目标建会率"), "%"),
    "members.drives[].met": (_("是否达标"), ""),
    "members.chain": (_("产业链联建"), ""),
    "members.chain.lead_enterprises": (_("龙头企业"), "家"),
    "members.chain.enterprises_founded": (_("链上新建会非公企业"), "家"),
    "members.chain.workers_joined": (_("链上企业新入会职工"), "人"),
    "relief.files": (_("困难职工档案"), ""),
    "relief.files.by_category": (_("在档(按类别)"), ""),
    "relief.files.by_category.*": (None, "户"),
    "relief.files.new": (_("本年新建档"), "户"),
    "relief.files.verified": (_("已认定在档"), "户"),
    "relief.files.exited": (_("本年脱困"), "户"),
    "relief.programs": (_("帮扶项目"), ""),
    "relief.programs.*.recipients": (_("受助户(单位)"), "户"),
    "relief.programs.*.cash": (_("发放资金"), "元"),
    "relief.programs.*.goods": (_("发放物资折款"), "元"),
    "relief.programs.*.people_reached": (_("受益人数"), "人"),
    "relief.care": (_("服务项目"), ""),
    "relief.care.*.points": (_("服务点"), "个"),
    "relief.care.*.person_times": (_("服务人次"), "人次"),
    "skills.city_contestants": (_("市级大赛选手"), "人"),
    "skills.provincial": (_("自治区级大赛"), ""),
    "skills.provincial.trades": (_("参赛工种"), "个"),
    "skills.provincial.first_places": (_("获第一名工种"), "个"),
    "skills.provincial.top_ten": (_("进入前十名"), "人次"),
    "skills.national_entrants": (_("参加全国大赛"), "人"),
    "skills.craftsmen": (_("柳州工匠"), ""),
    "skills.craftsmen.工匠": (_("工匠"), "名"),
    "skills.craftsmen.提名奖": (_("提名奖"), "名"),
    "skills.craftsmen.industries": (_("涵盖行业"), ""),
    "skills.promotions": (_("技能晋升"), ""),
    "skills.promotions.by_level": (_("按等级"), ""),
    "skills.promotions.by_level.*": (None, "人"),
    "skills.promotions.subsidy": (_("培训补贴"), "元"),
    "legal.cases": (_("接待来访案件"), "件"),
    "legal.persons": (_("涉及人数"), "人次"),
    "legal.migrant_persons": (_("其中农民工"), "人次"),
    "legal.group_visits": (_("群体性来访"), "次"),
    "legal.group_persons": (_("群体性来访人数"), "人"),
    "legal.lawyer_cases": (_("指派律师代理案件"), "件"),
    "legal.lawyer_cases_migrant": (_("其中涉及农民工"), "件"),
    "legal.by_cause": (_("按案由"), ""),
    "legal.by_cause.*": (None, "件"),
    "legal.recovered": (_("追回金额"), "元"),
    "perks.cards_issued": (_("累计发卡"), "张"),
    "perks.cards_issued_in_year": (_("本年发卡"), "张"),
    "perks.merchants": (_("特约商户"), "家"),
    "perks.stores": (_("服务门店"), "个"),
    "perks.perk_days": (_("红利日"), ""),
    "perks.perk_days[].date": (_("日期"), ""),
    "perks.perk_days[].sales": (_("销售额"), "元"),
    "perks.perk_days[].discount": (_("让利"), "元"),
    "perks.discount_total": (_("让利合计"), "元"),
}

_KNOWN = {p.rsplit(".", 1)[0] for p in LABELS} | set(LABELS)


def child_pattern(parent: str, key: str) -> str:
    """The pattern of `key` under `parent`: the literal key when listed, else `*`."""
    literal = f"{parent}.{key}"
    if literal in _KNOWN:
        return literal
    wildcard = f"{parent}.*"
    return wildcard if wildcard in _KNOWN else literal


def label_for(pattern: str, key: str) -> tuple[str, str]:
    """(label, unit) of the key at `pattern`; a name the data brings is its own label."""
    label, unit = LABELS.get(pattern, (None, ""))
    return (str(label) if label is not None else str(key)), unit


def is_breakdown(pattern: str) -> bool:
    """True when the dict at `pattern` is keyed by names the data brings (groups, causes …):
    the contract says so with a `*`, and a dict the contract does not know is taken as one."""
    return f"{pattern}.*" in _KNOWN or pattern not in _KNOWN

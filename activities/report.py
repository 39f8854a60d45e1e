"""The `activities` section of the year-end report (活动与荣誉), after legal aid in the PDF."""

from django.utils.translation import gettext_lazy as _

from unionhub.reports.registry import Headline, Section, total

from .selectors import activities_figures

SECTION = Section(
    figures=activities_figures,
    labels={
        "by_kind": (_("活动类型"), ""),
        "by_kind.*.activities": (_("活动"), "项"),
        "by_kind.*.sessions": (_("场次"), "场"),
        "by_kind.*.participants": (_("参与人次"), "人次"),
        "speakers": (_("宣讲主讲人(劳模工匠)"), "名"),
        "trained": (_("培训人次"), ""),
        "trained.*": (None, "人次"),
        "meetings_hosted": (_("承办全国、自治区级会议"), ""),
        "meetings_hosted[].level": (_("会议级别"), ""),
        "meetings_hosted[].date": (_("日期"), ""),
        "honours": (_("获得荣誉"), ""),
        "honours[].kind": (_("荣誉类型"), ""),
        "honours[].level": (_("级别"), ""),
        "honours[].date": (_("获得日期"), ""),
        "honours[].rank": (_("名次"), "名"),
        "honours[].years": (_("连续年数"), "年"),
        "lecture_themes": (_("宣讲主题"), ""),
        "lecture_themes[].sessions": (_("场次"), "场"),
        "lecture_themes[].participants": (_("参与人次"), "人次"),
    },
    headline=(
        Headline(value=total("by_kind.*.activities"), label=_("开展活动"), unit="项"),
        Headline("by_kind.宣讲.sessions"),
        Headline("speakers"),
        Headline(value=total("by_kind.*.participants"), label=_("活动参与"), unit="人次", rank=True),
    ),
)

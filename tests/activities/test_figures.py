"""The `activities` figures of annual-report.md, each on a small data set counted by hand."""

import datetime

from activities.report import SECTION
from activities.selectors import activities_figures
from unionhub.reports.registry import get_section, sections

D = datetime.date
AS_OF = D(2018, 10, 31)


def test_the_section_is_registered_after_legal_and_before_perks():
    keys = [s.key for s in sections()]
    assert keys.index("legal") + 1 == keys.index("activities") < keys.index("perks")
    section = get_section("activities")
    assert section.figures is SECTION.figures
    assert (section.title, section.template) == ("活动与荣誉", "activities/report_section.html")


def test_no_records_give_every_kind_and_group_at_zero(tree):
    f = activities_figures(org=tree.city, year=2018, as_of=AS_OF)
    assert f["by_kind"] == {
        k: {"activities": 0, "sessions": 0, "participants": 0}
        for k in ["宣讲", "演讲比赛", "展览", "培训", "会议", "文体活动", "其他"]
    }
    assert f["trained"] == {"在职职工": 0, "农民工": 0, "失业人员": 0, "困难职工": 0}
    assert (f["speakers"], f["meetings_hosted"], f["honours"]) == (0, [], [])


def test_by_kind_counts_activities_starting_in_the_year_up_to_as_of(tree, make_activity):
    make_activity(tree.cz, kind="宣讲", sessions=2, participants=100)
    make_activity(tree.cz_ent, kind="宣讲", sessions=3, participants=50)
    make_activity(tree.yf, kind="展览", sessions=4, participants=30)
    # Started in 2017, ended in 2018: a 2017 activity.
    make_activity(tree.cz, kind="宣讲", start=D(2017, 12, 30), end=D(2018, 1, 2), sessions=7, participants=7)
    # After the as-of day.
    make_activity(tree.cz, kind="宣讲", start=D(2018, 11, 1), end=D(2018, 11, 1), sessions=9, participants=9)
    city = activities_figures(org=tree.city, year=2018, as_of=AS_OF)
    assert city["by_kind"]["宣讲"] == {"activities": 2, "sessions": 5, "participants": 150}
    assert city["by_kind"]["展览"] == {"activities": 1, "sessions": 4, "participants": 30}
    cz = activities_figures(org=tree.cz, year=2018, as_of=AS_OF)
    assert cz["by_kind"]["宣讲"] == {"activities": 2, "sessions": 5, "participants": 150}
    assert cz["by_kind"]["展览"]["activities"] == 0
    full_year = activities_figures(org=tree.city, year=2018, as_of=D(2018, 12, 31))
    assert full_year["by_kind"]["宣讲"]["sessions"] == 14


def test_speakers_are_distinct_people_of_the_years_lectures_only(tree, make_activity, speakers):
    a, b, c = speakers
    make_activity(tree.cz, speakers=[a, b])
    make_activity(tree.yf, speakers=[b])  # b twice: counted once
    make_activity(tree.cz, kind="演讲比赛", speakers=[c])  # not a 宣讲
    make_activity(tree.cz, start=D(2017, 5, 1), end=D(2017, 5, 1), speakers=[c])  # last year
    assert activities_figures(org=tree.city, year=2018, as_of=AS_OF)["speakers"] == 2
    assert activities_figures(org=tree.yf, year=2018, as_of=AS_OF)["speakers"] == 1


def test_trained_sums_the_participants_of_training_by_group(tree, make_activity):
    make_activity(tree.cz, kind="培训", trainee_group="失业人员", participants=40)
    make_activity(tree.yf, kind="培训", trainee_group="失业人员", participants=25)
    make_activity(tree.cz, kind="培训", trainee_group="农民工", participants=12)
    make_activity(tree.cz, kind="文体活动", participants=500)
    f = activities_figures(org=tree.city, year=2018, as_of=AS_OF)
    assert f["trained"] == {"在职职工": 0, "农民工": 12, "失业人员": 65, "困难职工": 0}
    assert f["by_kind"]["培训"] == {"activities": 3, "sessions": 3, "participants": 77}


def test_meetings_hosted_are_national_and_regional_meetings_by_date_then_name(tree, make_activity):
    make_activity(
        tree.cz, kind="会议", name="乙会", meeting_level="全国", start=D(2018, 9, 5), end=D(2018, 9, 6)
    )
    make_activity(
        tree.cz, kind="会议", name="甲会", meeting_level="自治区", start=D(2018, 9, 5), end=D(2018, 9, 5)
    )
    make_activity(
        tree.cz, kind="会议", name="丙会", meeting_level="自治区", start=D(2018, 4, 10), end=D(2018, 4, 10)
    )
    make_activity(tree.cz, kind="会议", name="市会", meeting_level="市级")
    make_activity(tree.cz, kind="会议", name="无级别")
    f = activities_figures(org=tree.city, year=2018, as_of=AS_OF)
    assert f["meetings_hosted"] == [
        {"name": "丙会", "level": "自治区", "date": "2018-04-10"},
        {"name": "乙会", "level": "全国", "date": "2018-09-05"},
        {"name": "甲会", "level": "自治区", "date": "2018-09-05"},
    ]
    assert f["by_kind"]["会议"]["activities"] == 5


def test_honours_of_the_year_by_date_then_name_with_rank_and_years(tree, make_honour):
    make_honour(tree.cz, name="工资集体协商工作考评一档第一名", kind="考评排名", level="自治区级",
                date=D(2018, 3, 1), rank=1, years=5)  # fmt: skip
    make_honour(tree.cz, name="锦旗", kind="锦旗", level="其他", date=D(2018, 3, 1))
    make_honour(tree.yf, name="全国模范职工之家", date=D(2018, 1, 20))
    make_honour(tree.cz, name="去年", date=D(2017, 12, 31))
    make_honour(tree.cz, name="年末", date=D(2018, 12, 1))
    f = activities_figures(org=tree.city, year=2018, as_of=AS_OF)
    assert f["honours"] == [
        {"name": "全国模范职工之家", "kind": "集体荣誉", "level": "国家级", "date": "2018-01-20", "rank": None, "years": None},
        {"name": "工资集体协商工作考评一档第一名", "kind": "考评排名", "level": "自治区级", "date": "2018-03-01", "rank": 1, "years": 5},
        {"name": "锦旗", "kind": "锦旗", "level": "其他", "date": "2018-03-01", "rank": None, "years": None},
    ]  # fmt: skip
    assert [h["name"] for h in activities_figures(org=tree.yf, year=2018, as_of=AS_OF)["honours"]] == [
        "全国模范职工之家"
    ]


def test_lecture_themes_give_the_sessions_per_theme(tree, make_activity):
    theme = "中国梦·劳动美 劳模工匠成长"
    make_activity(tree.cz, theme=theme, sessions=20, participants=900)
    make_activity(tree.yf, theme=theme, sessions=11, participants=300)
    make_activity(tree.cz, theme="其他主题", sessions=2)
    make_activity(tree.cz, sessions=5)  # no theme
    f = activities_figures(org=tree.city, year=2018, as_of=AS_OF)
    assert f["lecture_themes"] == [
        {"name": theme, "activities": 2, "sessions": 31, "participants": 1200},
        {"name": "其他主题", "activities": 1, "sessions": 2, "participants": 100},
    ]

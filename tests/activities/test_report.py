"""The activities section of the PDF: sentences as the seed writes them, a table, a chart, the
change against last year; a section with no records says so in one line."""

import datetime

from activities.selectors import activities_figures
from tests.factories import PersonFactory
from tests.sections import section_html
from unionhub.reports.registry import get_section

D = datetime.date
AS_OF = D(2018, 10, 31)
THEME = "中国梦·劳动美 劳模工匠成长"


def render(figures, previous=None, place="全市"):
    return section_html("activities", figures, previous, place=place)


def test_the_section_writes_the_seeds_sentences(tree, make_activity, make_honour, speakers):
    # 31 sessions of the theme (20 + 11) given by 10 distinct model workers (two spoke at both).
    people = [*speakers, *(PersonFactory(name=f"劳模{i}") for i in range(7))]
    make_activity(tree.cz, theme=THEME, sessions=20, participants=900, speakers=people[:6])
    make_activity(tree.yf, theme=THEME, sessions=11, participants=300, speakers=people[4:10])
    make_activity(tree.cz, kind="演讲比赛", sessions=3, participants=400)
    make_activity(tree.cz, kind="展览", sessions=1, participants=2000)
    make_activity(tree.cz, kind="培训", trainee_group="失业人员", sessions=4, participants=60)
    make_activity(tree.cz, kind="会议", name="全国工会信访工作经验交流会", meeting_level="全国",
                  start=D(2018, 9, 12), end=D(2018, 9, 13))  # fmt: skip
    make_honour(
        tree.cz, name="工资集体协商工作考评一档第一名", kind="考评排名", level="自治区级", rank=1, years=5
    )
    make_honour(tree.cz, name="锦旗", kind="锦旗", level="其他")
    make_activity(tree.cz, theme=THEME, sessions=12, start=D(2017, 5, 1), end=D(2017, 5, 1))
    figures = activities_figures(org=tree.city, year=2018, as_of=AS_OF)
    previous = activities_figures(org=tree.city, year=2017, as_of=D(2017, 10, 31))
    html = render(figures, previous)
    assert "在全市范围开展31场“中国梦·劳动美 劳模工匠成长”宣讲活动,参与职工1200人次。" in html
    assert "10名劳模工匠进企业、进校园、进车间班组、进社区街道" in html
    assert "举办演讲比赛1项(3场,400人次参与)、展览1项(1场,2000人次参与)" in html
    assert "开展职工培训1期、4场,其中为失业人员培训60人次。" in html
    assert "9月,承办全国会议“全国工会信访工作经验交流会”。" in html
    assert "“工资集体协商工作考评一档第一名”(第1名,已连续5年保持)" in html
    assert "其中获赠锦旗1面" in html
    assert "活动场次比上年增长" in html  # 12 sessions in 2017, 41 in 2018
    assert '<table class="report">' in html and "<svg" in html and "<h2>" in html
    assert "宣讲主讲人(劳模工匠)" in html


def test_a_district_report_speaks_of_its_own_place(tree, make_activity):
    make_activity(tree.cz, sessions=3)
    html = render(activities_figures(org=tree.cz, year=2018, as_of=AS_OF), place="本区")
    assert "在本区范围开展宣讲活动3场" in html and "全市" not in html


def test_a_year_without_records_says_so_in_one_line(tree):
    html = render(activities_figures(org=tree.city, year=2018, as_of=AS_OF))
    assert "本年度暂无活动和荣誉记录" in html and "<table" not in html and "<svg" not in html


def test_headline_tiles(tree, make_activity, speakers):
    make_activity(tree.cz, sessions=4, participants=70, speakers=speakers[:2])
    make_activity(tree.cz, kind="文体活动", sessions=1, participants=30)
    tiles = get_section("activities").tiles(activities_figures(org=tree.city, year=2018, as_of=AS_OF))
    assert tiles == [
        ("开展活动", "2项"),
        ("宣讲：场次", "4场"),
        ("宣讲主讲人(劳模工匠)", "2名"),
        ("活动参与", "100人次"),
    ]

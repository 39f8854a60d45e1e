"""The `legal` figures on a small data set counted by hand, with the as-of cut-off and scoping.

LZ-CZ: A 2018-01-10 来电 拖欠工资 咨询 2 persons/1 migrant, recovered 1000;
       B 2018-05-05 来访 group 工伤 仲裁 (lawyer) 6 persons/4 migrants, recovered 2000.50;
LZ-CZ-001: C 2018-10-31 网络 劳动合同 诉讼 (lawyer) 1 person/0 migrants;
LZ-YF: D 2018-07-01 信函 group 拖欠工资 调解 5 persons/5 migrants, recovered 300;
LZ-CZ: E 2018-11-01 (after the as-of date) 社会保险 3 persons; F 2017-12-31 (last year).

Collective contracts (workers, employers covered):
K1 LZ-CZ 工资专项 单独签订 2018-03-01 → 2021-02-28 (500, 1): signed in 2018, in force;
K2 LZ-CZ-001 综合 区域性 2016-05-01 → 2019-04-30 (3000, 12): in force;
K3 LZ-YF 女职工专项 行业性 2018-06-01 → 2018-10-31 (2000, 30): signed in 2018, ends on the as-of day;
K4 LZ-CZ 工资专项 区域性 2018-11-05 → 2021-11-04 (800, 20): after the as-of date;
K5 LZ-CZ 综合 单独签订 2015-01-01 → 2018-01-01 (100, 1): expired.
Monitoring reports: M1 LZ-CZ 定期 一般 2018-01-15; M2 LZ-CZ-001 快报 重大 2018-04-01;
M3 LZ-YF 专报 重大 2018-09-09; M4 LZ-CZ 专报 较大 2018-11-20 (after); M5 LZ-CZ 定期 重大 2017-12-01.
"""

import datetime
from decimal import Decimal

import pytest

from legal.models import CollectiveContract, MonitoringReport
from legal.selectors import legal_figures
from tests.sections import columns, section_html, this_year_and_last
from unionhub.reports.registry import get_section
from unionhub.reports.templatetags.report import section_table

AS_OF = datetime.date(2018, 10, 31)
D = datetime.date
ZERO_CAUSES = {"拖欠工资": 0, "劳动合同": 0, "社会保险": 0, "工伤": 0, "解除劳动关系": 0, "其他": 0}


@pytest.fixture
def data(tree, make_case, make_employer, lawyer):
    cz, yf, ent = tree.cz, tree.yf, tree.cz_ent
    make_case(cz, received_on=D(2018, 1, 10), persons=2, migrants=1, recovered=Decimal("1000"))
    make_case(
        cz,
        received_on=D(2018, 5, 5),
        channel="来访",
        is_group=True,
        cause="工伤",
        handling="指派律师代理仲裁",
        lawyer=lawyer,
        persons=6,
        migrants=4,
        recovered=Decimal("2000.50"),
    )
    make_case(
        ent,
        received_on=D(2018, 10, 31),
        channel="网络",
        cause="劳动合同",
        handling="指派律师代理诉讼",
        lawyer=lawyer,
    )
    make_case(
        yf,
        received_on=D(2018, 7, 1),
        channel="信函",
        is_group=True,
        handling="调解",
        persons=5,
        migrants=5,
        recovered=Decimal("300"),
    )
    make_case(cz, received_on=D(2018, 11, 1), cause="社会保险", persons=3)
    make_case(cz, received_on=D(2017, 12, 31), persons=9)
    employer = make_employer(cz)
    for number, org, kind, signing, signed, expires, workers, employers in [
        ("K1", cz, "工资专项", "单独签订", D(2018, 3, 1), D(2021, 2, 28), 500, 1),
        ("K2", ent, "综合", "区域性", D(2016, 5, 1), D(2019, 4, 30), 3000, 12),
        ("K3", yf, "女职工专项", "行业性", D(2018, 6, 1), D(2018, 10, 31), 2000, 30),
        ("K4", cz, "工资专项", "区域性", D(2018, 11, 5), D(2021, 11, 4), 800, 20),
        ("K5", cz, "综合", "单独签订", D(2015, 1, 1), D(2018, 1, 1), 100, 1),
    ]:
        CollectiveContract.objects.create(
            number=number,
            organization=org,
            kind=kind,
            signing=signing,
            employer=employer if signing == "单独签订" else None,
            signed_on=signed,
            expires_on=expires,
            workers_covered=workers,
            employers_covered=employers,
        )
    for number, org, kind, risk, sent in [
        ("M1", cz, "定期", "一般", D(2018, 1, 15)),
        ("M2", ent, "快报", "重大", D(2018, 4, 1)),
        ("M3", yf, "专报", "重大", D(2018, 9, 9)),
        ("M4", cz, "专报", "较大", D(2018, 11, 20)),
        ("M5", cz, "定期", "重大", D(2017, 12, 1)),
    ]:
        MonitoringReport.objects.create(
            number=number,
            organization=org,
            kind=kind,
            risk=risk,
            sent_on=sent,
            title=f"{number}报告",
            employers=3,
        )
    return tree


# The 2018 figures up to AS_OF side by side: (the city, 城中区).
FIGURES_2018 = {
    "cases": (4, 3),
    "persons": (14, 9),
    "migrant_persons": (10, 5),
    "group_visits": (2, 1),
    "group_persons": (11, 6),
    "lawyer_cases": (2, 2),
    "lawyer_cases_migrant": (1, 1),
    "by_cause": {
        **{cause: (0, 0) for cause in ZERO_CAUSES},
        "拖欠工资": (2, 1),
        "工伤": (1, 1),
        "劳动合同": (1, 1),
    },
    "recovered": (3300.5, 3000.5),
    "contracts": {
        "signed": (2, 1),
        "by_kind": {"综合": (0, 0), "工资专项": (1, 1), "女职工专项": (1, 0)},
        "in_force": (2, 2),
        "workers_covered": (3500, 3500),
        "employers_covered": (13, 13),
    },
    "monitoring": {
        "reports": (3, 2),
        "by_kind": {"定期": (1, 1), "专报": (1, 0), "快报": (1, 1)},
        "serious": (2, 1),
    },
}


@pytest.mark.parametrize("org, expected", columns(FIGURES_2018, ("city", "cz")))
def test_figures_count_the_subtree_up_to_the_as_of_date(data, org, expected):
    """The city's count the whole tree, 城中区's only its own subtree."""
    assert legal_figures(org=getattr(data, org), year=2018, as_of=AS_OF) == expected


def test_a_later_as_of_date_takes_in_the_later_cases(data):
    figures = legal_figures(org=data.cz, year=2018, as_of=D(2018, 12, 31))
    assert (figures["cases"], figures["persons"], figures["by_cause"]["社会保险"]) == (4, 12, 1)
    assert legal_figures(org=data.cz, year=2018, as_of=D(2018, 10, 30))["cases"] == 2


def test_contracts_in_force_and_reports_move_with_the_as_of_date(data):
    end = legal_figures(org=data.city, year=2018, as_of=D(2018, 12, 31))
    assert end["contracts"] == {
        "signed": 3,
        "by_kind": {"综合": 0, "工资专项": 2, "女职工专项": 1},
        "in_force": 3,
        "workers_covered": 4300,
        "employers_covered": 33,
    }
    assert end["monitoring"] == {"reports": 4, "by_kind": {"定期": 1, "专报": 2, "快报": 1}, "serious": 2}
    # K3 ends on 2018-10-31: still in force the day before.
    before = legal_figures(org=data.city, year=2018, as_of=D(2018, 10, 30))["contracts"]
    assert (before["in_force"], before["workers_covered"], before["employers_covered"]) == (3, 5500, 43)
    # In 2017 only K2 and K5 were in force; nothing was signed.
    last = legal_figures(org=data.city, year=2017, as_of=D(2017, 12, 31))
    assert last["contracts"] == {
        "signed": 0,
        "by_kind": {"综合": 0, "工资专项": 0, "女职工专项": 0},
        "in_force": 2,
        "workers_covered": 3100,
        "employers_covered": 13,
    }
    assert last["monitoring"]["by_kind"]["定期"] == 1


def test_a_year_without_cases_gives_zeros(tree):
    assert legal_figures(org=tree.city, year=2030, as_of=D(2030, 12, 31)) == {
        "cases": 0,
        "persons": 0,
        "migrant_persons": 0,
        "group_visits": 0,
        "group_persons": 0,
        "lawyer_cases": 0,
        "lawyer_cases_migrant": 0,
        "by_cause": ZERO_CAUSES,
        "recovered": 0.0,
        "contracts": {
            "signed": 0,
            "by_kind": {"综合": 0, "工资专项": 0, "女职工专项": 0},
            "in_force": 0,
            "workers_covered": 0,
            "employers_covered": 0,
        },
        "monitoring": {"reports": 0, "by_kind": {"定期": 0, "专报": 0, "快报": 0}, "serious": 0},
    }


def test_figures_are_computed_in_four_queries(data, django_assert_num_queries):
    with django_assert_num_queries(4):
        legal_figures(org=data.city, year=2018, as_of=AS_OF)


def test_the_section_writes_sentences_a_table_and_a_chart(data):
    section = get_section("legal")
    assert (section.title, section.order) == ("法律维权", 40)
    figures, previous = this_year_and_last(legal_figures, data.city, AS_OF)
    html = section_html("legal", figures, previous)
    assert "接待来电来访业务共4件，涉及14人次，其中农民工10人次" in html
    assert "群体性来访2次，涉及11人" in html
    assert "代理仲裁和诉讼案件2件，其中农民工1件" in html
    assert "为职工追回3300.5元" in html
    assert "案件数比上年增长300.00%" in html
    assert '<table class="report">' in html and "<svg" in html
    assert section.tiles(figures)[0] == ("接待来电来访", "4件")


def test_the_section_writes_the_contracts_and_the_monitoring_reports(data):
    section = get_section("legal")
    figures, previous = this_year_and_last(legal_figures, data.city, AS_OF)
    html = section_html("legal", figures, previous, as_of=AS_OF, place="全市")
    assert "全年签订工资专项集体合同1份、女职工专项集体合同1份，" in html
    assert "截至10月31日全市有效集体合同2份，覆盖单位13家，覆盖职工3500人。" in html
    assert "全年报送劳动关系监测报告3份（定期1份、专报1份、快报1份），其中反映重大风险的2份。" in html
    assert "报送监测报告数比上年增长200.00%" in html  # 2017: M5 only
    assert "本年签订集体合同（按合同类型）" in html  # the chart
    rows = {r["label"]: r["value"] for r in section_table(section, figures, previous)}
    assert rows["签订集体合同"] == "2份" and rows["有效合同覆盖职工"] == "3500人"
    assert ("签订集体合同", "2份") in section.tiles(figures)
    # Before any case, contract or report: no sentence, no chart of them.
    bare = legal_figures(org=data.city, year=2014, as_of=D(2014, 12, 31))
    html = section_html("legal", bare, as_of=D(2014, 12, 31))
    assert "集体合同" not in html and "监测报告" not in html
    assert "接待来电来访业务" not in html and "案件按案由分布" not in html  # no sentence of zeros

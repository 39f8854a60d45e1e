"""The `skills` figures on a small data set counted by hand, with the as-of cut-off and scoping.

City contest 2018: p1 in 钳工 (LZ-CZ) and 电焊工 (LZ-CZ), p2 in 钳工 (LZ-YF), p3 in 电焊工
(LZ-CZ-001, no score); p4 in the 2017 city contest (another year).
Provincial 2018: 钳工 rank 1 (CZ) and 5 (YF); 电焊工 rank 12 (CZ); 车工 rank 10 (CZ), unranked (YF).
National 2018: p1 twice (CZ), p2 (YF).
Awards 2018: 工匠 p1 (CZ, 汽车制造), 工匠 p2 (YF, 电力), 提名奖 p3 (CZ-001, 茶业); 2017: p4.
Promotions: CZ 技师 2018-03-01 1000; CZ-001 高级工 2018-10-31 500.50; CZ 高级技师 2018-11-01 1000;
YF 中级工 2018-06-01 no subsidy; CZ 技师 2017-12-31 (last year).
Team ranks: the provincial contest 2 (CZ and YF entered); a second provincial contest 1 (YF only);
a city contest cannot hold one; a 2017 provincial contest 1 (another year).
Model workers: p1 全国劳动模范 2018 (CZ) and 市劳动模范 2016 (CZ); p2 自治区五一劳动奖章 2018 (YF);
p3 自治区劳动模范 2018 (CZ-001).
"""

import datetime
from decimal import Decimal

import pytest

from members.models import Industry
from skills.models import Contest, CraftsmanAward, ModelWorker, Promotion, Trade
from skills.selectors import skills_figures
from skills.services import contest_rank
from tests.factories import PersonFactory
from tests.sections import columns, section_html, this_year_and_last
from unionhub.reports.registry import get_section

AS_OF = datetime.date(2018, 10, 31)


@pytest.fixture
def data(tree, city_contest, provincial_contest, national_contest, make_entry, make_employer):
    p1, p2, p3, p4 = (PersonFactory() for _ in range(4))
    cz, yf, ent = tree.cz, tree.yf, tree.cz_ent
    make_entry(city_contest, "钳工", cz, score=Decimal("90"), person=p1)
    make_entry(city_contest, "电焊工", cz, score=Decimal("80"), person=p1)
    make_entry(city_contest, "钳工", yf, score=Decimal("85"), person=p2)
    make_entry(city_contest, "电焊工", ent, person=p3)
    contest_rank(city_contest)
    old = Contest.objects.create(year=2017, name="2017年柳州市职工职业技能大赛", level="市级")
    make_entry(old, "钳工", cz, score=Decimal("99"), person=p4)
    make_entry(provincial_contest, "钳工", cz, rank=1)
    make_entry(provincial_contest, "钳工", yf, rank=5)
    make_entry(provincial_contest, "电焊工", cz, rank=12)
    make_entry(provincial_contest, "车工", cz, rank=10)
    make_entry(provincial_contest, "车工", yf)
    make_entry(national_contest, "钳工", cz, rank=20, person=p1)
    make_entry(national_contest, "电焊工", cz, rank=30, person=p1)
    make_entry(national_contest, "钳工", yf, person=p2)
    provincial_contest.team_rank = 2
    provincial_contest.save()
    other = Contest.objects.create(year=2018, name="2018年广西青年技能大赛", level="自治区级", team_rank=1)
    make_entry(other, "钳工", yf)
    old_prov = Contest.objects.create(
        year=2017, name="2017年广西职工职业技能大赛", level="自治区级", team_rank=1
    )
    make_entry(old_prov, "钳工", cz, rank=1)
    for person, title, year, org in [
        (p1, "全国劳动模范", 2018, cz),
        (p1, "市劳动模范", 2016, cz),
        (p2, "自治区五一劳动奖章", 2018, yf),
        (p3, "自治区劳动模范", 2018, ent),
    ]:
        ModelWorker.objects.create(person=person, title=title, year=year, organization=org)

    def award(person, org, title, industry, year=2018):
        CraftsmanAward.objects.create(
            year=year,
            title=title,
            person=person,
            employer=make_employer(org),
            industry=Industry.objects.get(name=industry),
            organization=org,
        )

    award(p1, cz, "工匠", "汽车制造")
    award(p2, yf, "工匠", "电力")
    award(p3, ent, "提名奖", "茶业")
    award(p4, cz, "工匠", "钢铁", year=2017)
    trade = Trade.objects.get(name="钳工")

    def promote(org, level, on, subsidy):
        Promotion.objects.create(
            person=PersonFactory(),
            trade=trade,
            level=level,
            certified_on=on,
            subsidy=subsidy,
            organization=org,
        )

    promote(cz, "技师", datetime.date(2018, 3, 1), Decimal("1000"))
    promote(ent, "高级工", datetime.date(2018, 10, 31), Decimal("500.50"))
    promote(cz, "高级技师", datetime.date(2018, 11, 1), Decimal("1000"))
    promote(yf, "中级工", datetime.date(2018, 6, 1), None)
    promote(cz, "技师", datetime.date(2017, 12, 31), Decimal("800"))
    return tree


# The 2018 figures up to AS_OF side by side: (the city, 城中区).
FIGURES_2018 = {
    "city_contestants": (3, 2),
    "provincial": {"trades": (3, 3), "first_places": (1, 1), "top_ten": (3, 2)},
    "team_rank": (1, 2),
    "national_entrants": (2, 1),
    "model_workers": {
        "全国劳动模范": (1, 1),
        "全国五一劳动奖章": (0, 0),
        "自治区劳动模范": (1, 1),
        "自治区五一劳动奖章": (1, 0),
        "市劳动模范": (0, 0),
    },
    "craftsmen": {
        "工匠": (2, 1),
        "提名奖": (1, 1),
        "industries": (["汽车制造", "电力", "茶业"], ["汽车制造", "茶业"]),
    },
    "promotions": {
        "by_level": {"中级工": (1, 0), "高级工": (1, 1), "技师": (1, 1), "高级技师": (0, 0)},
        "subsidy": (1500.5, 1500.5),
    },
}


@pytest.mark.parametrize("org, expected", columns(FIGURES_2018, ("city", "cz")))
def test_figures_count_the_subtree(data, org, expected):
    """The city's count the whole tree, 城中区's only its own subtree."""
    assert skills_figures(org=getattr(data, org), year=2018, as_of=AS_OF) == expected


def test_promotions_after_the_as_of_date_are_left_out_until_it_moves(data):
    figures = skills_figures(org=data.city, year=2018, as_of=datetime.date(2018, 12, 31))
    assert figures["promotions"] == {
        "by_level": {"中级工": 1, "高级工": 1, "技师": 1, "高级技师": 1},
        "subsidy": 2500.5,
    }
    early = skills_figures(org=data.city, year=2018, as_of=datetime.date(2018, 10, 30))
    assert early["promotions"]["by_level"]["高级工"] == 0


def test_a_year_without_records_gives_zeros_and_empty_lists(tree):
    assert skills_figures(org=tree.city, year=2030, as_of=datetime.date(2030, 12, 31)) == {
        "city_contestants": 0,
        "provincial": {"trades": 0, "first_places": 0, "top_ten": 0},
        "team_rank": None,
        "national_entrants": 0,
        "model_workers": {
            "全国劳动模范": 0,
            "全国五一劳动奖章": 0,
            "自治区劳动模范": 0,
            "自治区五一劳动奖章": 0,
            "市劳动模范": 0,
        },
        "craftsmen": {"工匠": 0, "提名奖": 0, "industries": []},
        "promotions": {"by_level": {"中级工": 0, "高级工": 0, "技师": 0, "高级技师": 0}, "subsidy": 0.0},
    }


def test_figures_are_computed_in_a_handful_of_queries(data, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        skills_figures(org=data.city, year=2018, as_of=AS_OF)


def test_the_section_writes_sentences_a_table_and_a_chart(data):
    section = get_section("skills")
    assert (section.title, section.order) == ("工匠与技能", 20)
    figures, previous = this_year_and_last(skills_figures, data.city, AS_OF)
    html = section_html("skills", figures, previous, place="全市", is_city=True)
    assert "获得1个工种的第一名，3名选手进入前十名，2人代表广西参加国赛" in html
    assert "全市评选出2名“柳州工匠”和1名“柳州工匠”提名奖" in html
    assert "参加培训职工晋升技师1人，晋升高级工1人，晋升中级工1人，拨付培训补贴1500.5元" in html  # no 0人
    assert "技能晋升共3人，比上年增长200.00%" in html
    assert '<table class="report">' in html and "<svg" in html
    assert section.tiles(figures)[0] == ("市级技能大赛选手", "3名")


def test_the_section_writes_the_team_rank_and_the_model_workers(data):
    section = get_section("skills")
    figures = skills_figures(org=data.city, year=2018, as_of=AS_OF)
    html = section_html("skills", figures)
    assert "2人代表广西参加国赛，位列团体总分第一名。" in html
    assert "新获评全国劳动模范1名、自治区劳动模范1名、自治区五一劳动奖章1名，" in html
    assert "本年获评劳模称号（按称号）" in html  # the chart
    assert ("劳模称号", "3名") in section.tiles(figures)
    district = skills_figures(org=data.cz, year=2018, as_of=AS_OF)
    html = section_html("skills", district)
    assert "位列团体总分第二名" in html
    none = skills_figures(org=data.city, year=2015, as_of=datetime.date(2015, 12, 31))
    html = section_html("skills", none)
    assert "位列团体总分" not in html and "获评" not in html

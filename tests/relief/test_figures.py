"""The `relief` figures of annual-report.md on a small data set counted by hand, for the city
and for one district, with the as-of cut-off.

Files (year 2018, as of 2018-10-31):
  A  LZ-CZ      在职  filed 2017-05-01  verified 2017-05-10                    open, verified
  B  LZ-CZ-001  退休  filed 2018-03-01  待认定                                 open, new
  C  LZ-YF      失业  filed 2018-02-01  verified 2018-02-05, exited 2018-06-30  new, exited
  D  LZ-CZ      在职  filed 2018-11-15  待认定                                 after the cut-off
  E  LZ-YF      退休  filed 2018-04-01  不予认定                               new
  F  LZ-CZ      失业  filed 2018-01-10  verified 2018-01-20, exited 2018-12-01  open, verified, new
  G  LZ-CZ      在职  filed 2017-01-01  verified 2017-01-05, exited 2017-12-31  closed last year
  H  LZ-YF      在职  filed 2018-10-31  verified 2018-10-31                    open, verified, new
"""

import datetime
from decimal import Decimal

import pytest

from relief.models import CareService, FileState, ProgramKind
from relief.selectors import relief_figures
from relief.services import payment_make
from tests.factories import PersonFactory
from tests.relief.conftest import make_employer, make_file, make_program
from tests.sections import columns, section_html

D = datetime.date
AS_OF = D(2018, 10, 31)


def program(recipients, cash, goods=0.0, people_reached=0) -> dict:
    """One program's figures."""
    return {"recipients": recipients, "cash": cash, "goods": goods, "people_reached": people_reached}


ZERO = program(0, 0.0)


@pytest.fixture
def data(tree):
    p = {k: PersonFactory(name=k) for k in "ABCDEFGH"}
    V, X, P, R = FileState.VERIFIED, FileState.EXITED, FileState.PENDING, FileState.REFUSED
    make_file(p["A"], tree.cz, category="在职", filed_on=D(2017, 5, 1), verified_on=D(2017, 5, 10), state=V)
    make_file(p["B"], tree.cz_ent, category="退休", filed_on=D(2018, 3, 1), state=P)
    make_file(p["C"], tree.yf, category="失业", filed_on=D(2018, 2, 1), verified_on=D(2018, 2, 5), state=X,
              exited_on=D(2018, 6, 30))  # fmt: skip
    make_file(p["D"], tree.cz, category="在职", filed_on=D(2018, 11, 15), state=P)
    make_file(p["E"], tree.yf, category="退休", filed_on=D(2018, 4, 1), state=R)
    make_file(p["F"], tree.cz, category="失业", filed_on=D(2018, 1, 10), verified_on=D(2018, 1, 20), state=X,
              exited_on=D(2018, 12, 1))  # fmt: skip
    make_file(p["G"], tree.cz, category="在职", filed_on=D(2017, 1, 1), verified_on=D(2017, 1, 5), state=X,
              exited_on=D(2017, 12, 31))  # fmt: skip
    make_file(
        p["H"], tree.yf, category="在职", filed_on=D(2018, 10, 31), verified_on=D(2018, 10, 31), state=V
    )

    spring = make_program(ProgramKind.SPRING, org=tree.city)
    school = make_program(ProgramKind.SCHOOL, org=tree.city)
    summer = make_program(ProgramKind.SUMMER, org=tree.city)
    spring_2017 = make_program(ProgramKind.SPRING, 2017, org=tree.city)
    cz_unit, yf_unit = make_employer(tree.cz), make_employer(tree.yf, "鱼峰建筑公司")

    def pay(number, program, day, cash, goods=0, person=None, unit=None, reached=None):
        payment_make(program=program, number=number, person=p.get(person), unit=unit, people_reached=reached,
                     cash=Decimal(cash), goods=Decimal(goods), paid_on=day)  # fmt: skip

    pay("P1", spring, D(2018, 1, 20), 2000, 200, person="A")
    pay("P2", spring, D(2018, 10, 31), 1000, person="H")  # on the as-of day: counted
    pay("P3", spring, D(2018, 11, 5), 500, person="F")  # after the cut-off
    pay("P4", school, D(2018, 9, 1), 3000, person="A")
    pay("P5", spring_2017, D(2017, 2, 1), 999, person="G")  # last year's program
    pay("P6", summer, D(2018, 7, 1), 0, 5000, unit=cz_unit, reached=40)
    pay("P7", summer, D(2018, 8, 1), 0, 1000, unit=cz_unit, reached=10)  # the same unit again
    pay("P8", summer, D(2018, 7, 15), 300, unit=yf_unit, reached=5)

    def serve(number, org, kind, point, start, times):
        CareService.objects.create(number=number, organization=org, kind=kind, point=point, start=start,
                                   end=start + datetime.timedelta(days=20), person_times=times)  # fmt: skip

    serve("S1", tree.cz, "暖流服务", "火车站", D(2018, 1, 10), 100)
    serve("S2", tree.yf, "暖流服务", "火车站", D(2018, 2, 1), 50)  # the same point
    serve("S3", tree.cz, "暖流服务", "汽车站", D(2018, 10, 31), 10)
    serve("S4", tree.cz, "暖流服务", "东站", D(2018, 11, 1), 999)  # after the cut-off
    serve("S5", tree.cz_ent, "免费体检", "医院", D(2017, 12, 20), 70)  # started last year
    serve("S6", tree.yf, "高温慰问", "工地", D(2018, 7, 1), 30)


# The 2018 figures side by side: the city's and 城中区's up to AS_OF, and the city's up to 2018-06-29
# (C is still open, it exits the next day; H and the autumn records do not exist yet).
COLUMNS = {"city": ("city", AS_OF), "cz": ("cz", AS_OF), "city_on_june_29": ("city", D(2018, 6, 29))}
FIGURES_2018 = {
    "files": {
        "by_category": {"在职": (2, 1, 1), "退休": (1, 1, 1), "失业": (1, 1, 2)},
        "new": (5, 2, 4),
        "verified": (3, 2, 3),
        "exited": (1, 0, 0),
    },
    "programs": {
        "春节送温暖": (program(2, 3000.0, 200.0), program(1, 2000.0, 200.0), program(1, 2000.0, 200.0)),
        "金秋助学": (program(1, 3000.0), program(1, 3000.0), ZERO),
        "医疗救助": (ZERO, ZERO, ZERO),
        "其他帮扶": (ZERO, ZERO, ZERO),
        "送清凉": (program(2, 300.0, 6000.0, 55), program(1, 0.0, 6000.0, 50), ZERO),
        "游园活动": (ZERO, ZERO, ZERO),
    },
    "care": (
        {"暖流服务": {"points": 2, "person_times": 160}, "高温慰问": {"points": 1, "person_times": 30}},
        {"暖流服务": {"points": 2, "person_times": 110}},
        {"暖流服务": {"points": 1, "person_times": 150}},
    ),
}


@pytest.mark.parametrize("column, expected", columns(FIGURES_2018, tuple(COLUMNS)))
def test_figures_cover_the_subtree_up_to_the_as_of_date(data, tree, column, expected):
    """The city's cover the whole tree, 城中区's only its own subtree; an earlier as-of date cuts
    off the later records."""
    org, as_of = COLUMNS[column]
    assert relief_figures(org=getattr(tree, org), year=2018, as_of=as_of) == expected


def test_a_year_with_no_records_has_every_key_at_zero(tree):
    f = relief_figures(org=tree.city, year=2016, as_of=D(2016, 12, 31))
    assert f == {
        "files": {"by_category": {"在职": 0, "退休": 0, "失业": 0}, "new": 0, "verified": 0, "exited": 0},
        "programs": {
            k: ZERO for k in ["春节送温暖", "金秋助学", "医疗救助", "其他帮扶", "送清凉", "游园活动"]
        },
        "care": {},
    }


def test_the_section_writes_the_seeds_sentences(data, tree):

    from unionhub.reports.registry import _sections

    section = _sections["relief"]
    figures = relief_figures(org=tree.city, year=2018, as_of=AS_OF)
    html = section_html("relief", figures)
    assert "春节送温暖慰问困难职工2户，发放慰问金3000元" in html
    assert '<table class="report">' in html and "<svg" in html
    assert section.tiles(figures)[0] == ("在档困难职工", "4户")

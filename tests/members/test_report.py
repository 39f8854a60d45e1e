"""The `members` figures of the year-end report, on data counted by hand and on the sample files."""

import datetime
import json

import pytest
from django.core.management import call_command

from members.models import Employer, KeyGroup, Member
from members.report import figures
from tests.sections import section_html
from tests.shared_data import shared_sample
from unionhub.orgs.models import Organization
from unionhub.reports.numbers import fmt_about
from unionhub.reports.registry import get_section

SAMPLE = shared_sample("sample-2018-v2")
AS_OF = datetime.date(2018, 10, 31)
D = datetime.date


def test_section_is_registered_first_in_the_pdf():
    section = get_section("members")
    assert section.order == 10
    assert section.template == "members/report_section.html"


# --- the sample files ------------------------------------------------------------------------


@pytest.fixture
def sample(db):
    if not SAMPLE.is_dir():
        pytest.skip(
            "../shared/data/sample-2018-v2 is not beside the repository (tests/sampledata covers the same ground)"
        )
    for name, kind in [
        ("00-orgs.csv", "orgs"),
        ("01-employers.csv", "employers"),
        ("02-members.csv", "members"),
        ("03-transfers.csv", "transfers"),
        ("04-drives.xlsx", "drives"),
    ]:
        call_command("import_data", kind, str(SAMPLE / name), verbosity=0)


def _expected(name):
    return json.loads((SAMPLE / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["expected-LZ.json", "expected-DIST.json"])
def test_sample_figures_match_the_expected_file(sample, name):
    expected = _expected(name)
    org = Organization.objects.get(code=expected["org"])
    got = figures(org=org, year=expected["year"], as_of=D.fromisoformat(expected["as_of"]))
    want = expected["members"]
    assert set(got) == set(want)
    assert {k: v for k, v in got.items() if k != "drives"} == {k: v for k, v in want.items() if k != "drives"}
    assert len(got["drives"]) == len(want["drives"])
    for mine, theirs in zip(got["drives"], want["drives"], strict=True):
        assert {k: mine[k] for k in theirs} == theirs
        assert set(mine) == {*theirs, "start", "end"}


def test_sample_section_writes_the_seed_sentences(sample):
    """The sentences carry the sample's figures (taken from the expected file, not from the app)."""
    want = _expected("expected-LZ.json")["members"]
    truck = next(d for d in want["drives"] if d["group"] == "货车司机")
    chain = want["chain"]
    got = figures(org=Organization.objects.get(code="LZ"), year=2018, as_of=AS_OF)
    html = section_html("members", got, place="全市")
    assert (
        f"全市共有在会会员{want['total']}名，本年新入会会员{want['joined']}名，其中农民工{want['migrant_joined']}名"
    ) in html
    # Sentences round as the seed does (8500多名, 5万余人); tables stay exact.
    assert f"全市以优质服务吸引了{fmt_about(truck['joined'], '名')}货车司机加入工会组织" in html
    assert f"货车司机入会率为{truck['join_rate']:.2f}%" in html
    founded, workers = fmt_about(chain["enterprises_founded"], "家"), fmt_about(chain["workers_joined"], "人")
    assert f"链上{founded}非公企业组建工会，吸纳职工{workers}" in html
    assert '<table class="report">' in html and "<svg" in html


# --- small data counted by hand --------------------------------------------------------------


@pytest.fixture
def people(tree, make_member, make_employer):
    """Five members, counted by hand below:
    a  CZ     在会  2017-05-01  货车司机                 → total, not joined
    b  CZ-001 在会  2018-03-01  货车司机  migrant        → total, joined, migrant
    c  CZ     退会  2018-02-01  快递员                   → joined only (left)
    d  CZ     在会  2018-11-15            migrant        → after as_of: nothing
    e  YF     在会  2018-01-05  保安员                   → city only: total, joined
    """
    return {
        "a": make_member(tree.cz, join_date=D(2017, 5, 1), key_group=KeyGroup.TRUCK_DRIVER),
        "b": make_member(
            tree.cz_ent, join_date=D(2018, 3, 1), key_group=KeyGroup.TRUCK_DRIVER, is_migrant=True
        ),
        "c": make_member(
            tree.cz, join_date=D(2018, 2, 1), key_group=KeyGroup.COURIER, status=Member.Status.LEFT
        ),
        "d": make_member(tree.cz, join_date=D(2018, 11, 15), is_migrant=True),
        "e": make_member(tree.yf, join_date=D(2018, 1, 5), key_group=KeyGroup.SECURITY_GUARD),
    }


def test_totals_count_active_members_and_the_year_up_to_as_of(tree, people):
    city = figures(org=tree.city, year=2018, as_of=AS_OF)
    assert (city["total"], city["joined"], city["migrant_joined"]) == (3, 3, 1)


def test_totals_cover_only_the_district_subtree(tree, people):
    cz = figures(org=tree.cz, year=2018, as_of=AS_OF)
    assert (cz["total"], cz["joined"], cz["migrant_joined"]) == (2, 2, 1)


def test_a_later_as_of_takes_in_members_who_joined_after_the_cut_off(tree, people):
    cz = figures(org=tree.cz, year=2018, as_of=D(2018, 12, 31))
    assert (cz["total"], cz["joined"], cz["migrant_joined"]) == (3, 3, 2)


def test_by_group_lists_all_eight_groups_even_when_empty(tree, people):
    by_group = figures(org=tree.cz, year=2018, as_of=AS_OF)["by_group"]
    assert list(by_group) == [g.value for g in KeyGroup]
    assert by_group["货车司机"] == {"total": 2, "joined": 1}
    assert by_group["快递员"] == {"total": 0, "joined": 1}
    assert by_group["保安员"] == {"total": 0, "joined": 0}


def test_nothing_recorded_gives_zeros_and_empty_lists(tree):
    got = figures(org=tree.cz, year=2018, as_of=AS_OF)
    assert got["total"] == got["joined"] == got["migrant_joined"] == 0
    assert got["drives"] == []
    assert got["chain"] == {"lead_enterprises": 0, "enterprises_founded": 0, "workers_joined": 0}
    assert all(v == {"total": 0, "joined": 0} for v in got["by_group"].values())


# --- drives ----------------------------------------------------------------------------------


@pytest.fixture
def drive_data(tree, make_member, make_employer, make_drive):
    """A truck-driver drive 2018-04-01..06-30 over the city, population 10, targets 30% / 50%.
    Truck drivers: two joined before the drive (one of them left), three joined in it (one left),
    one after it.  Join rate: active truck drivers joined by 06-30 = 1 + 2 = 3 → 30%.
    Joined in the period: 3.  Road-freight employers: 4, founded by 06-30: 2 → 50%."""
    g = KeyGroup.TRUCK_DRIVER
    left = Member.Status.LEFT
    make_member(tree.cz, join_date=D(2016, 1, 1), key_group=g)
    make_member(tree.cz, join_date=D(2017, 1, 1), key_group=g, status=left)
    make_member(tree.cz, join_date=D(2018, 4, 1), key_group=g)
    make_member(tree.yf, join_date=D(2018, 6, 30), key_group=g)
    make_member(tree.yf, join_date=D(2018, 5, 1), key_group=g, status=left)
    make_member(tree.yf, join_date=D(2018, 7, 1), key_group=g)
    make_member(tree.yf, join_date=D(2018, 5, 1), key_group=KeyGroup.COURIER)
    make_employer(tree.cz, founded=D(2010, 1, 1))
    make_employer(tree.yf, founded=D(2018, 6, 30))
    make_employer(tree.yf, founded=D(2018, 7, 1))
    make_employer(tree.cz)
    make_employer(tree.cz, industry="快递物流", founded=D(2010, 1, 1))
    return make_drive(
        tree.city, name="货车司机行动", population=10, target_join_rate=30, target_founding_rate=50
    )


def test_drive_figures_counted_by_hand(tree, drive_data):
    (d,) = figures(org=tree.city, year=2018, as_of=AS_OF)["drives"]
    assert d == {
        "name": "货车司机行动",
        "group": "货车司机",
        "start": "2018-04-01",
        "end": "2018-06-30",
        "joined": 3,
        "join_rate": 30.0,
        "target_join_rate": 30.0,
        "founding_rate": 50.0,
        "target_founding_rate": 50.0,
        "met": True,
    }


def test_drive_below_a_target_is_not_met(tree, drive_data):
    drive_data.target_join_rate = 30.01
    drive_data.save()
    (d,) = figures(org=tree.city, year=2018, as_of=AS_OF)["drives"]
    assert d["met"] is False


def test_drive_still_running_at_as_of_counts_up_to_as_of(tree, drive_data):
    (d,) = figures(org=tree.city, year=2018, as_of=D(2018, 5, 31))["drives"]
    # by 05-31: joined in period: 04-01, 05-01 (left) = 2; active joined by then: 2016, 04-01 = 2
    assert (d["joined"], d["join_rate"]) == (2, 20.0)
    assert d["founding_rate"] == 25.0


def test_drives_not_ending_in_the_year_or_not_started_by_as_of_are_left_out(tree, make_drive):
    make_drive(tree.city, name="去年", start=D(2017, 4, 1), end=D(2017, 12, 31))
    make_drive(tree.city, name="跨年", start=D(2018, 10, 1), end=D(2019, 3, 31))
    make_drive(tree.city, name="未开始", start=D(2018, 11, 1), end=D(2018, 12, 31))
    make_drive(tree.city, name="本年", start=D(2018, 1, 1), end=D(2018, 3, 31))
    assert [d["name"] for d in figures(org=tree.city, year=2018, as_of=AS_OF)["drives"]] == ["本年"]


def test_drive_with_no_employers_in_its_industry_has_no_founding_rate(tree, make_drive):
    make_drive(tree.city, industry="茶业")
    (d,) = figures(org=tree.city, year=2018, as_of=AS_OF)["drives"]
    assert d["founding_rate"] is None
    assert d["join_rate"] == 0.0
    assert d["met"] is False


def test_a_city_drive_is_not_in_a_district_report(tree, drive_data, make_drive):
    make_drive(tree.cz, name="城中区行动")
    assert [d["name"] for d in figures(org=tree.cz, year=2018, as_of=AS_OF)["drives"]] == ["城中区行动"]


# --- chain campaigns -------------------------------------------------------------------------


def test_chain_figures_counted_by_hand(tree, make_employer, make_member):
    """Two leads (one in YF).  On their chains, in CZ: a 非公 employer founded 2018-03-01 (counts),
    a 公有 one founded in 2018 (not 非公), one founded in 2017 (not this year), one founded
    2018-11-20 (after as_of), one without a union.  Workers: two joined the counted employer in
    2018 by as_of, one joined it in 2017, one joined it after as_of."""
    lead_cz = make_employer(tree.cz, founded=D(2000, 1, 1))
    lead_yf = make_employer(tree.yf, founded=D(2000, 1, 1))
    counted = make_employer(tree.cz, lead=lead_cz, founded=D(2018, 3, 1))
    make_employer(tree.cz_ent, lead=lead_yf, founded=D(2018, 3, 1), ownership=Employer.Ownership.PUBLIC)
    make_employer(tree.cz, lead=lead_cz, founded=D(2017, 3, 1))
    make_employer(tree.cz, lead=lead_cz, founded=D(2018, 11, 20))
    make_employer(tree.yf, lead=lead_yf)
    for joined in (D(2018, 3, 5), D(2018, 10, 31), D(2017, 6, 1), D(2018, 11, 1)):
        make_member(tree.cz, employer=counted, join_date=joined)
    city = figures(org=tree.city, year=2018, as_of=AS_OF)["chain"]
    assert city == {"lead_enterprises": 2, "enterprises_founded": 1, "workers_joined": 2}
    yf = figures(org=tree.yf, year=2018, as_of=AS_OF)["chain"]
    assert yf == {"lead_enterprises": 1, "enterprises_founded": 0, "workers_joined": 0}


# --- the section's text ----------------------------------------------------------------------


def test_section_writes_a_dash_for_a_rate_without_denominator(tree, make_drive):
    make_drive(tree.city, industry="茶业", start=D(2018, 4, 15), end=D(2018, 6, 20))
    got = figures(org=tree.city, year=2018, as_of=AS_OF)
    html = section_html("members", got)
    assert "4月15日至6月20日，开展货车司机入会集中行动。" in html  # no clause of zeros
    assert "货运企业建会率为—" in html
    assert "未完成任务" in html


def test_section_compares_with_the_previous_year(tree, people):
    got = figures(org=tree.city, year=2018, as_of=AS_OF)
    previous = {**got, "total": 2}
    html = section_html("members", got, previous)
    assert "在会会员比上年增长50.00%" in html

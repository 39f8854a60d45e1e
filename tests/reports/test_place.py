"""The place word of a report (annual-report.md, "Writing like a person"): the machinery alone
makes it (reports.pdf.section_context) and every section template gets it, so the sentences say
全市 in the city's report, 本区 / 本县 in a district's or county's and 本单位 in an enterprise
union's, never 全市 below the city. Checked on the sentences of the activities and the collective
contracts, rendered from real records as the report renders them."""

import datetime
import re

import pytest
from django.utils.html import strip_tags

from activities.models import Activity
from legal.models import CollectiveContract
from tests.factories import OrganizationFactory
from unionhub.orgs.models import Organization
from unionhub.reports.figures import report_figures
from unionhub.reports.models import Report
from unionhub.reports.pdf import place_name, render_sections

D = datetime.date
AS_OF = D(2018, 12, 31)
THEME = "中国梦·劳动美 劳模工匠成长"
K = Organization.Kind


@pytest.fixture
def county(tree):
    return OrganizationFactory(code="LZ-RS", name="融水苗族自治县总工会", kind=K.DISTRICT, parent=tree.city)


@pytest.fixture
def records(tree, county):
    def lecture(number, org, sessions, participants):
        Activity.objects.create(
            number=number, kind="宣讲", name="劳模宣讲", theme=THEME, start=D(2018, 5, 1), end=D(2018, 5, 1),
            sessions=sessions, participants=participants, organization=org,
        )  # fmt: skip

    def contract(number, org, kind, employers, workers):
        CollectiveContract.objects.create(
            number=number, kind=kind, signing="区域性", employers_covered=employers, workers_covered=workers,
            signed_on=D(2018, 3, 1), expires_on=D(2021, 2, 28), organization=org,
        )  # fmt: skip

    lecture("HD1", tree.cz_ent, 3, 120)
    lecture("HD2", county, 2, 80)
    contract("HT1", tree.cz_ent, "工资专项", 12, 3000)
    contract("HT2", county, "综合", 5, 800)


def sentences(org) -> dict[str, str]:
    """Each section's text as the report writes it for `org` (tags and spaces taken out)."""
    report = Report(organization=org, year=2018, as_of=AS_OF)
    figures = report_figures(org=org, year=2018, as_of=AS_OF)
    return {
        s["key"]: re.sub(r"\s+", "", strip_tags(s["html"]))
        for s in render_sections(report=report, figures=figures, previous=None)
    }


def test_the_place_word_of_each_kind_of_organization(tree, county):
    joint = OrganizationFactory(code="LZ-CZ-L01", name="城中第1联合工会", kind=K.JOINT, parent=tree.cz)
    industry = OrganizationFactory(
        code="LZ-CY01", name="柳州市汽车产业工会", kind=K.INDUSTRY, parent=tree.city
    )
    orgs = (tree.city, tree.cz, county, tree.cz_ent, joint, industry)
    assert [place_name(o) for o in orgs] == ["全市", "本区", "本县", "本单位", "本单位", "柳州市汽车产业工会"]


def test_the_citys_report_says_全市(tree, records):
    text = sentences(tree.city)
    assert "在全市范围开展5场“中国梦·劳动美劳模工匠成长”宣讲活动，参与职工200人次。" in text["activities"]
    assert "全年签订综合集体合同1份、工资专项集体合同1份，截至12月31日全市有效集体合同2份" in text["legal"]
    assert "覆盖单位17家，覆盖职工3800人。" in text["legal"]


def test_a_districts_report_says_本区_and_never_全市(tree, records):
    text = sentences(tree.cz)
    assert "在本区范围开展3场“中国梦·劳动美劳模工匠成长”宣讲活动，参与职工120人次。" in text["activities"]
    assert "截至12月31日本区有效集体合同1份，覆盖单位12家，覆盖职工3000人。" in text["legal"]
    assert not [key for key, t in text.items() if "全市" in t]


def test_a_countys_and_an_enterprise_unions_reports_say_本县_and_本单位(tree, county, records):
    text = sentences(county)
    assert "在本县范围开展2场" in text["activities"] and "截至12月31日本县有效集体合同1份" in text["legal"]
    text = sentences(tree.cz_ent)
    assert (
        "在本单位范围开展3场" in text["activities"] and "截至12月31日本单位有效集体合同1份" in text["legal"]
    )


def test_a_section_without_records_says_so_with_the_place_too(tree, records):
    assert "2018年本区没有活动与荣誉方面的记录。" in sentences(tree.yf)["activities"]

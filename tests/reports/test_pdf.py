"""The PDF: its text as pdftotext reads it, its fonts as pdffonts lists them."""

import datetime
import subprocess

import pytest

from unionhub.reports.services import report_request

AS_OF = datetime.date(2018, 10, 31)


def pdf_text(report) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", report.pdf.path, "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def made(tree, official, demo_section):
    return report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)


def test_pdf_has_the_title_page_and_the_headline_figures_in_the_report_format(made):
    text = pdf_text(made)
    assert "2018年柳州市总工会工作总结" in text
    assert "数据截至2018年10月31日" in text
    assert f"生成于{made.made_at.astimezone(datetime.UTC).year}" in text.replace(" ", "")
    for figure in ("475户", "95万元", "84万张", "40.24%"):
        assert figure in text
    assert "春节送温暖慰问困难职工475户，发放慰问金95万元" in text.replace(" ", "")


def test_pdf_numbers_its_sections_and_says_when_there_is_nothing_to_compare(made):
    text = pdf_text(made)
    assert "一、困难职工帮扶" in text
    assert "上年无可比数据" in text.replace("\n", "")
    assert "2017年同期没有记录" in text.replace(" ", "")


def test_pdf_embeds_a_cjk_font(made):
    fonts = subprocess.run(["pdffonts", made.pdf.path], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk
    assert all(" yes " in line for line in cjk)  # embedded (and subset)
    assert any("Noto-Serif-CJK-SC" in line for line in cjk)


def test_a_year_after_one_with_records_is_compared_with_it(tree, official, demo_section):
    report = report_request(org=tree.city, year=2019, as_of=datetime.date(2019, 10, 31), by=official)
    text = pdf_text(report).replace(" ", "")
    assert "覆盖基层组织4个，与上年持平" in text
    assert "2018年同期(截至2018年10月31日)" in text.replace("（", "(").replace("）", ")")


def test_every_registered_section_renders_when_nothing_happened(tree, official):
    """The work areas' real sections, on an empty year: zeros, dashes, no previous year."""
    from unionhub.reports.pdf import numeral
    from unionhub.reports.registry import sections

    report = report_request(org=tree.cz, year=2018, as_of=AS_OF, by=official)
    report.refresh_from_db()
    assert report.job.state == "done", report.job.error
    text = pdf_text(report)
    assert "2018年城中区总工会工作总结" in text
    for i, section in enumerate(sections(), 1):
        assert f"{numeral(i)}、{section.title}" in text.replace(" ", "")


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (5, "五"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三")]
)
def test_sections_are_numbered_in_chinese(n, text):
    from unionhub.reports.pdf import numeral

    assert numeral(n) == text

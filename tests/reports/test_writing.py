"""The report reads like a person wrote it (annual-report.md, "Writing like a person"), checked on
the text pdftotext reads back from the PDFs of the project's own sample year, for the city and a
district: no sentence or clause of zeros, no 全市 below the city, no half-width punctuation in
Chinese text, no word wrapped inside a table cell."""

import datetime
import re
import subprocess
from html.parser import HTMLParser

from django.core.management import call_command

from tests.sampledata.generate import write_sample
from unionhub.orgs.models import Organization
from unionhub.reports.pdf import report_html
from unionhub.reports.services import report_request

CJK = r"[\u3400-\u9fff]"
HALF_WIDTH = re.compile(rf"{CJK}\s*[,;:()]|[,;:()]\s*{CJK}")
# A figure of zero in a sentence: 0名, 0户, 0件, 0元 … (not 10名, not 0.5万元, not 40.00%).
ZERO = re.compile(r"(?<![\d.])0(?![\d.%])(名|户|件|人次|人|个|家|张|元|份|次|项)")


def pdf_lines(path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def prose(lines: list[str]) -> list[str]:
    """The lines of running text: a table's or a tile row's cells are set apart by runs of spaces."""
    return [line.strip() for line in lines if line.strip() and "  " not in line.strip()]


class Cells(HTMLParser):
    """The text of every cell of the report's tables (`table.report`; not the overview's tiles)."""

    def __init__(self):
        super().__init__()
        self.cells, self._in, self._report = [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._report = "report" in (dict(attrs).get("class") or "").split()
        if tag in ("td", "th") and self._report:
            self._in = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._in is not None:
            text = "".join(self._in).strip()
            if text:
                self.cells.append(text)
            self._in = None

    def handle_data(self, data):
        if self._in is not None:
            self._in.append(data)


def test_the_sample_years_city_and_district_reports_read_like_a_person_wrote_them(db, tmp_path):
    sample = write_sample(tmp_path / "sample")
    for path, kind in sample["files"]:
        call_command("import_data", kind, str(path), verbosity=0)
    made = {}
    for code in ("LZ", "LZ-CZ"):
        org = Organization.objects.get(code=code)
        as_of = datetime.date.fromisoformat(sample["expected"][code]["as_of"])
        report = report_request(org=org, year=2018, as_of=as_of, by=None)
        made[code] = (pdf_lines(report.pdf.path), report_html(report=report))

    for code, (lines, html) in made.items():
        # No sentence or clause of zeros (0名, 0户 … in running text).
        assert [line for line in prose(lines) if ZERO.search(line)] == [], code
        # Chinese punctuation in Chinese text, tables and sentences alike.
        assert [line for line in lines if HALF_WIDTH.search(line)] == [], code
        # Every table cell's text stands whole on one line (a wrapped cell is split over two).
        parser = Cells()
        parser.feed(html)
        assert parser.cells
        flat = [re.sub(r"\s+", "", line) for line in lines]
        split = [c for c in set(parser.cells) if not any(re.sub(r"\s+", "", c) in line for line in flat)]
        assert split == [], code

    city, district = ("\n".join(made[c][0]) for c in ("LZ", "LZ-CZ"))
    # Below the city the report names its own organization, never 全市.
    assert "全市" not in district and "本区" in district
    assert "全市" in city
    # The city compares its districts, ranked where a rank means something.
    assert "下属组织主要数据" in city and "城中区总工会" in city and "鱼峰区总工会" in city
    assert "排名" in city

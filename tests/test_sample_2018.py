"""The shared sample of the new contract (../shared/data/sample-2018-v2) end to end, exactly as
its README runs it: every one of its 22 files through `import_data` in number order, then
`annual_report` for the city and for the district of meta.json as of 2018-10-31, and every key
of the independently computed expected-LZ.json and expected-DIST.json must match the JSON (rates
to 0.01). Skipped, with the reason, when the folder is not beside the repository (the project's
own sample year, tests/sampledata, covers the same ground without it)."""

import datetime
import json
import re

from tests.sampledata.compare import import_all, mismatches, reimport_changes_nothing, report_json
from tests.shared_data import requires_shared, shared_sample
from unionhub.orgs.models import Organization
from unionhub.reports.figures import report_figures

SAMPLE = shared_sample("sample-2018-v2")
FILES = 22
AS_OF = datetime.date(2018, 10, 31)

pytestmark = requires_shared("sample-2018-v2")


def sample_files():
    files = sorted(SAMPLE.glob("[0-9]*"))
    assert len(files) == FILES, [f.name for f in files]
    return [(f, re.sub(r"^\d+-", "", f.stem)) for f in files]


def test_every_file_imports_and_every_expected_figure_matches(db, tmp_path):
    import_all(sample_files())
    meta = json.loads((SAMPLE / "meta.json").read_text(encoding="utf-8"))
    for expected_file, org in (("expected-LZ.json", "LZ"), ("expected-DIST.json", meta["district"])):
        expected = json.loads((SAMPLE / expected_file).read_text(encoding="utf-8"))
        assert (expected["org"], expected["year"], expected["as_of"]) == (org, meta["year"], meta["as_of"])
        actual = report_json(org, expected["year"], expected["as_of"], tmp_path)
        assert mismatches(expected, actual) == [], expected_file
        # Keys the expected files lack are still the contract's.
        for drive in actual["members"]["drives"]:
            assert {"start", "end"} <= drive.keys()


def test_a_second_import_of_every_file_changes_nothing(db, tmp_path):
    """The README: re-importing the same files changes nothing (the summary counts every row
    unchanged, the figures stay), except 02-members.csv, which the transfers of 03-transfers.csv
    make stale: members are checked by exporting them and importing the export."""
    files = sample_files()
    import_all(files)
    city = Organization.objects.get(code="LZ")
    before = report_figures(org=city, year=2018, as_of=AS_OF)
    reimport_changes_nothing(files, tmp_path)
    assert report_figures(org=city, year=2018, as_of=AS_OF) == before

"""The shared sample (../shared/data/sample-2018-v2): its activities and honours, with the
organizations and the people their rows name, import, and the `activities` figures equal the
independently computed ones for the city and the district (as of 2018-10-31). The speakers are
members of the sample: made here as people from 02-members.csv, so this test does not wait for
the members kind of the new contract (tests/test_sample_2018.py imports every file)."""

import datetime
import json

from django.core.management import call_command

from activities.selectors import activities_figures
from tests.sampledata.compare import mismatches
from tests.shared_data import requires_shared, shared_sample
from unionhub.orgs.models import Organization
from unionhub.people.models import Person

SAMPLE = shared_sample("sample-2018-v2")
FILES = [("00-orgs.csv", "orgs"), ("20-activities.csv", "activities"), ("21-honours.csv", "honours")]


def make_the_members_people():
    rows = read_sheet_any(SAMPLE / "02-members.csv")
    header = rows[0]
    number, name = header.index("身份证号"), header.index("姓名")
    for r in rows[1:]:
        Person.objects.create(id_number=r[number], name=r[name])


def read_sheet_any(path):
    """A CSV of the sample in whichever encoding it was written (UTF-8, with BOM, or GBK)."""
    import csv
    import io

    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return list(csv.reader(io.StringIO(raw.decode(encoding))))
        except UnicodeDecodeError:
            continue
    raise AssertionError(f"{path}: unknown encoding")


pytestmark = requires_shared("sample-2018-v2")


def test_the_activities_figures_equal_the_expected_ones(db):
    call_command("import_data", "orgs", str(SAMPLE / "00-orgs.csv"), verbosity=0)
    make_the_members_people()
    for name, kind in FILES[1:]:
        call_command("import_data", kind, str(SAMPLE / name), verbosity=0)
    for expected_file in ("expected-LZ.json", "expected-DIST.json"):
        expected = json.loads((SAMPLE / expected_file).read_text(encoding="utf-8"))
        figures = activities_figures(
            org=Organization.objects.get(code=expected["org"]),
            year=expected["year"],
            as_of=datetime.date.fromisoformat(expected["as_of"]),
        )
        assert mismatches(expected["activities"], figures) == [], expected_file
    # A second import of the same files changes nothing.
    for name, kind in FILES[1:]:
        call_command("import_data", kind, str(SAMPLE / name), verbosity=0)

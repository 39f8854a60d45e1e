"""The project's own sample year end to end, as ../shared/data/README.md runs the shared one: every
file through `import_data` in number order, then `annual_report`, and every figure computed by the
generator from the rows it wrote must equal the report's JSON (rates to 0.01), for the city, a
district and an enterprise union; and the rows are such that a membership figure counted a wrong
way (at the wrong organization, or past as_of) would not match."""

import datetime

from unionhub.orgs.models import Organization
from unionhub.reports.figures import report_figures

from .compare import import_all, mismatches, reimport_changes_nothing, report_json
from .generate import in_subtree, member_in, org_on, write_sample


def test_the_report_figures_equal_the_ones_computed_from_the_rows(db, tmp_path):
    sample = write_sample(tmp_path / "sample")
    import_all(sample["files"])
    for org, expected in sample["expected"].items():
        actual = report_json(org, expected["year"], expected["as_of"], tmp_path)
        assert mismatches(expected, actual) == [], org


def test_a_second_import_of_the_same_files_changes_nothing(db, tmp_path):
    sample = write_sample(tmp_path / "sample")
    import_all(sample["files"])
    city = Organization.objects.get(code="LZ")
    year, as_of = (
        sample["expected"]["LZ"]["year"],
        datetime.date.fromisoformat(sample["expected"]["LZ"]["as_of"]),
    )
    before = report_figures(org=city, year=year, as_of=as_of)
    reimport_changes_nothing(sample["files"], tmp_path)
    assert report_figures(org=city, year=year, as_of=as_of) == before


def _wrong_ways(s, expected: dict, org: str) -> dict[str, tuple[int, int]]:
    """{a wrong way to count: (its number over the rows, the expected figure)}."""
    right = expected["members"]

    def mine(code):
        return in_subtree(code, org)

    def total(is_in, org_of):
        return sum(is_in(m) and mine(org_of(m)) for m in s.members)

    this_year = [t for t in s.transfers if s.in_year(t["date"])]
    whole_year = [t for t in s.transfers if t["date"].year == s.year]
    leavers = [m for m in s.members if s.in_year(m["left"])]
    return {
        "left up to the end of the year, not as_of": (
            sum(m["left"].year == s.year and mine(org_on(m, m["left"])) for m in s.members if m["left"]),
            right["left"],
        ),
        "left at the organization joined": (sum(mine(m["org"]) for m in leavers), right["left"]),
        "total at the organization joined": (
            total(lambda m: member_in(m, s.as_of), lambda m: m["org"]),
            right["total"],
        ),
        "total at the organization after every transfer, later ones too": (
            total(lambda m: member_in(m, s.as_of), lambda m: org_on(m, datetime.date.max)),
            right["total"],
        ),
        "total counting who left on as_of": (
            total(
                lambda m: m["joined"] <= s.as_of and (m["left"] is None or m["left"] >= s.as_of),
                lambda m: org_on(m, s.as_of),
            ),
            right["total"],
        ),
        "total counting who left after as_of as gone": (
            total(lambda m: member_in(m, s.as_of) and not m["left"], lambda m: org_on(m, s.as_of)),
            right["total"],
        ),
        "transferred_out at the receiving organization": (right["transferred_in"], right["transferred_out"]),
        "transferred_out counting moves inside the subtree": (
            sum(mine(t["from"]) for t in this_year),
            right["transferred_out"],
        ),
        "transferred_in up to the end of the year, not as_of": (
            sum(mine(t["to"]) and not mine(t["from"]) for t in whole_year),
            right["transferred_in"],
        ),
        "cards at the member's organization of today, not of the issue day": (
            sum(mine(org_on(c["member"], datetime.date.max)) for c in s.cards if c["issued"] <= s.as_of),
            expected["perks"]["cards_issued"],
        ),
    }


def test_the_rows_tell_apart_the_ways_to_count_membership_wrongly(tmp_path):
    """The comparison above catches a membership figure counted a wrong way only if the sample
    gives that way another number: each wrong count, made over the same rows, differs from the
    expected figure for the district or for the enterprise union under it."""
    sample = write_sample(tmp_path / "sample")
    caught = {
        org: _wrong_ways(sample["sample"], sample["expected"][org], org) for org in ("LZ-CZ", "LZ-CZ-001")
    }
    ways = caught["LZ-CZ"].keys()
    missed = [way for way in ways if all(caught[org][way][0] == caught[org][way][1] for org in caught)]
    assert missed == []
    # The edges themselves are in the rows: a leaving and a transfer on as_of and after it.
    s = sample["sample"]
    assert {s.as_of, s.as_of + datetime.timedelta(days=1)} <= {m["left"] for m in s.members}
    assert {s.as_of, s.as_of + datetime.timedelta(days=1)} <= {t["date"] for t in s.transfers}
    assert any(len(m["transfers"]) > 1 for m in s.members)

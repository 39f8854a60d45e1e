"""The shared sample data sets (../shared/data beside the repository) are an extra end-to-end
check: they are not beside every clone, so tests that read them skip, with the reason, when they
are absent. The project's own sample year (tests/sampledata) needs nothing outside the repository."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def shared_sample(name: str) -> Path:
    return SHARED_DATA / name


def requires_shared(name: str):
    return pytest.mark.skipif(
        not shared_sample(name).is_dir(),
        reason=f"../shared/data/{name} is not beside the repository (tests/sampledata covers the same ground)",
    )


def sample_file(name: str, kind: str) -> Path:
    """The sample's file of `kind`: its files are numbered in import order, NN-<kind>.<csv|xlsx>."""
    (path,) = shared_sample(name).glob(f"[0-9][0-9]-{kind}.*")
    return path


def import_sample(name: str, kinds) -> dict:
    """Import the sample's file of each kind through the CLI, in the order given: its meta.json."""
    for kind in kinds:
        call_command("import_data", kind, str(sample_file(name, kind)), verbosity=0)
    return json.loads((shared_sample(name) / "meta.json").read_text())


def expected_by_org(name: str):
    """(organization, its expected figures) for the city (expected-LZ.json) and the district
    (expected-DIST.json) of the sample."""
    from unionhub.orgs.models import Organization

    for file in ("expected-LZ.json", "expected-DIST.json"):
        expected = json.loads((shared_sample(name) / file).read_text(encoding="utf-8"))
        yield Organization.objects.get(code=expected["org"]), expected

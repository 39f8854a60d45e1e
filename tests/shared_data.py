"""The shared sample data sets (../shared/data beside the repository) are an extra end-to-end
check: they are not beside every clone, so tests that read them skip, with the reason, when they
are absent. The project's own sample year (tests/sampledata) needs nothing outside the repository."""

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def shared_sample(name: str) -> Path:
    return SHARED_DATA / name


def requires_shared(name: str):
    return pytest.mark.skipif(
        not shared_sample(name).is_dir(),
        reason=f"../shared/data/{name} is not beside the repository (tests/sampledata covers the same ground)",
    )

"""A report made by a real Celery worker process, as the reports page asks for one."""

import pytest

from tests.workers import celery_worker, wait_for
from unionhub.reports.services import report_request

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DEADLINE = 90  # seconds


@pytest.fixture
def report_worker(queue, settings, tmp_path):
    """A worker on this test's own queue, writing its files where this test reads them."""
    log = tmp_path / "worker.log"
    with celery_worker(queue, log, MEDIA_ROOT=str(settings.MEDIA_ROOT)) as proc:
        yield proc, log


def test_a_report_is_made_by_a_real_worker(tree, official, not_eager, report_worker):
    proc, log = report_worker
    report = report_request(org=tree.cz, year=2018, by=official)
    wait_for(report.job, proc, DEADLINE)
    report.refresh_from_db()
    output = log.read_text(errors="replace")
    assert report.job.state == "done", (
        f"{report.job.state} {report.job.error!r}; worker said:\n{output[-4000:]}"
    )
    assert report.is_made
    assert report.figures["org"] == "LZ-CZ"
    with report.pdf.open("rb") as f:
        assert f.read(5) == b"%PDF-"

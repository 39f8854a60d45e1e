"""A report made by a real Celery worker process, as the reports page asks for one."""

import subprocess
import sys
import time
import uuid

import pytest

from tests.foundation.conftest import subprocess_env
from unionhub.celery import app
from unionhub.jobs.tasks import run_job
from unionhub.reports.services import report_request

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DEADLINE = 90  # seconds


@pytest.fixture
def queue(monkeypatch):
    """A queue of this test's own: no other worker on the broker takes the message."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setattr(run_job, "queue", name, raising=False)
    monkeypatch.setattr(run_job, "_exec_options", None)  # Celery caches the task's send options
    return name


@pytest.fixture
def not_eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def report_worker(queue, settings, tmp_path):
    """A worker on this test's own queue, writing its files where this test reads them."""
    log = tmp_path / "worker.log"
    cmd = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "unionhub",
        "worker",
        "--pool=solo",
        "-Q",
        queue,
        "-l",
        "info",
    ]
    env = subprocess_env(MEDIA_ROOT=str(settings.MEDIA_ROOT))
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield proc, log
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_a_report_is_made_by_a_real_worker(tree, official, not_eager, report_worker):
    proc, log = report_worker
    report = report_request(org=tree.cz, year=2018, by=official)
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if not report.job.is_active or proc.poll() is not None:
            break
        time.sleep(0.5)
    output = log.read_text(errors="replace")
    assert report.job.state == "done", (
        f"{report.job.state} {report.job.error!r}; worker said:\n{output[-4000:]}"
    )
    assert report.is_made
    assert report.figures["org"] == "LZ-CZ"
    with report.pdf.open("rb") as f:
        assert f.read(5) == b"%PDF-"

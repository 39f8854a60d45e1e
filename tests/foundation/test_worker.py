"""The sample job runs through a real Celery worker process, on the broker the settings choose:
kombu's filesystem transport when REDIS_URL is unset, Redis when it is set."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings

from unionhub.celery import app
from unionhub.jobs.models import Job
from unionhub.jobs.services import job_enqueue
from unionhub.jobs.tasks import run_job

from .conftest import subprocess_env

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DEADLINE = 60  # seconds


@pytest.fixture
def queue(monkeypatch):
    """A queue of this test's own, so that no other worker on the same broker (a `make run`
    nearby, another test run) takes the message, and this worker takes no one else's."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setattr(run_job, "queue", name, raising=False)
    monkeypatch.setattr(run_job, "_exec_options", None)  # Celery caches the task's send options
    return name


@pytest.fixture
def worker(queue, tmp_path):
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
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=settings.BASE_DIR, env=subprocess_env(), stdout=out, stderr=subprocess.STDOUT
        )
    try:
        yield proc, log
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def not_eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = eager


def test_ping_job_runs_in_a_real_worker(tree, city_user, not_eager, worker):
    proc, log = worker
    job = job_enqueue(kind="ping", organization=tree.cz, user=city_user)
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if not job.is_active or proc.poll() is not None:
            break
        time.sleep(0.5)
    output = log.read_text(errors="replace")
    assert job.state == Job.State.DONE, f"job {job.state} {job.error!r}; worker said:\n{output[-4000:]}"
    assert job.progress == 100
    assert job.attempts == 1
    # It ran in the worker process, on this test's database: LZ-CZ and its enterprise union.
    assert job.result == {"pid": proc.pid, "orgs": 2}
    assert job.result["pid"] != os.getpid()
    broker = "redis://" if os.environ.get("REDIS_URL") else "filesystem://"
    assert broker in output

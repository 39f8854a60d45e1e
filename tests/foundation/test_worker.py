"""The sample job runs through a real Celery worker process, on the broker the settings choose:
kombu's filesystem transport when REDIS_URL is unset, Redis when it is set."""

import os

import pytest

from tests.workers import celery_worker, wait_for
from unionhub.jobs.models import Job
from unionhub.jobs.services import job_enqueue

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DEADLINE = 60  # seconds


@pytest.fixture
def worker(queue, tmp_path):
    log = tmp_path / "worker.log"
    with celery_worker(queue, log) as proc:
        yield proc, log


def test_ping_job_runs_in_a_real_worker(tree, city_user, not_eager, worker):
    proc, log = worker
    job = job_enqueue(kind="ping", organization=tree.cz, user=city_user)
    wait_for(job, proc, DEADLINE)
    output = log.read_text(errors="replace")
    assert job.state == Job.State.DONE, f"job {job.state} {job.error!r}; worker said:\n{output[-4000:]}"
    assert job.progress == 100
    assert job.attempts == 1
    # It ran in the worker process, on this test's database: LZ-CZ and its enterprise union.
    assert job.result == {"pid": proc.pid, "orgs": 2}
    assert job.result["pid"] != os.getpid()
    broker = "redis://" if os.environ.get("REDIS_URL") else "filesystem://"
    assert broker in output

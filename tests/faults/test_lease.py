"""Issue 15 items 8 and 11: a running job holds a lease its worker renews (a heartbeat thread).
When the whole worker dies the renewals stop: beat and the next worker to start send the job
again (or fail it after its tries), the user may retry it, and asking again does not answer with
the dead job. A failed import job never leaves its batch 检查中."""

import datetime
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from unionhub.imports import services as imports
from unionhub.imports.kinds import get_kind
from unionhub.imports.models import ImportBatch
from unionhub.jobs import registry, tasks
from unionhub.jobs import services as jobs
from unionhub.jobs.models import Job
from unionhub.jobs.services import MAX_ATTEMPTS, Heartbeat, job_enqueue, job_run

from .test_jobs import cases_csv


def whole_worker_died(job: Job, *, attempts=1, ago=datetime.timedelta(minutes=5)) -> Job:
    """The state a job is left in when the worker process itself is killed (not just a pool
    child): running, and its lease ran out some time ago because nobody renews it."""
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.RUNNING, attempts=attempts, lease_until=timezone.now() - ago
    )
    job.refresh_from_db()
    return job


@pytest.fixture
def ping(world):
    return Job.objects.create(
        kind="ping", organization=world.cz, created_by=world.cz_admin, dedupe_key="ping:test"
    )


def test_beat_requeues_a_running_job_whose_lease_ran_out(ping, django_capture_on_commit_callbacks):
    whole_worker_died(ping)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.requeue_jobs() == 1  # eager in tests: it runs as a worker would run it
    ping.refresh_from_db()
    assert (ping.state, ping.attempts, ping.lease_until) == (Job.State.DONE, 2, None)


def test_a_job_whose_lease_has_not_run_out_is_left_alone(ping, django_capture_on_commit_callbacks):
    Job.objects.filter(pk=ping.pk).update(
        state=Job.State.RUNNING, attempts=1, lease_until=timezone.now() + datetime.timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.requeue_jobs() == 0
    ping.refresh_from_db()
    assert ping.state == Job.State.RUNNING and not ping.is_stuck


def test_an_expired_job_out_of_tries_is_failed_with_the_reason(ping):
    whole_worker_died(ping, attempts=MAX_ATTEMPTS)
    assert jobs.recover_expired_jobs() == 1
    ping.refresh_from_db()
    assert ping.state == Job.State.FAILED and "多次中断" in ping.error
    assert jobs.recover_expired_jobs() == 0


def test_a_starting_worker_requeues_a_job_whose_lease_ran_out(ping, start_worker):
    whole_worker_died(ping)
    assert start_worker() == [str(ping.pk)]
    ping.refresh_from_db()
    assert ping.state == Job.State.QUEUED and "重新排队" in ping.message


def test_the_user_retries_a_job_stuck_past_its_lease(ping, world, django_capture_on_commit_callbacks):
    whole_worker_died(ping)
    client = Client()
    client.force_login(world.cz_admin)
    page = client.get(reverse("jobs:status", args=[ping.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "长时间无响应" in page and "重试" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:retry", args=[ping.pk]))
    assert response.status_code == 200
    ping.refresh_from_db()
    assert ping.state == Job.State.DONE


def test_a_running_job_within_its_lease_cannot_be_retried(ping):
    Job.objects.filter(pk=ping.pk).update(
        state=Job.State.RUNNING, lease_until=timezone.now() + datetime.timedelta(minutes=1)
    )
    with pytest.raises(jobs.ValidationError):
        jobs.job_retry(job=ping)


def test_asking_again_for_a_stuck_job_sends_it_again(ping, world, django_capture_on_commit_callbacks):
    whole_worker_died(ping)
    with django_capture_on_commit_callbacks(execute=True):
        again = job_enqueue(kind="ping", organization=world.cz, user=world.cz_admin, dedupe_key="ping:test")
    assert again.pk == ping.pk
    ping.refresh_from_db()
    assert ping.state == Job.State.DONE


def test_a_job_on_a_worker_holds_a_lease_while_it_runs(world, monkeypatch):
    seen = {}

    def handler(job, progress):
        seen["lease"] = Job.objects.get(pk=job.pk).lease_until
        return {}

    monkeypatch.setitem(registry._handlers, "lease_probe", handler)
    job = Job.objects.create(kind="lease_probe", organization=world.cz, created_by=world.cz_admin)
    before = timezone.now()
    job_run(job.id, heartbeat=True)
    assert seen["lease"] >= before + jobs.lease_length() - datetime.timedelta(seconds=5)
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.lease_until is None


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_renews_the_lease_on_its_own_connection():
    from tests.factories import OrganizationFactory

    org = OrganizationFactory(code="LZ", name="柳州市总工会", kind="市总工会")
    old = timezone.now() + datetime.timedelta(seconds=1)
    job = Job.objects.create(kind="ping", organization=org, state=Job.State.RUNNING, lease_until=old)
    beat = Heartbeat(job.pk, interval=0.02, lease=datetime.timedelta(minutes=2))
    beat.start()
    for _ in range(500):  # a renewal, however slow the machine (not a timing assertion)
        if beat.beats >= 2:
            break
        time.sleep(0.02)
    beat.stop()
    job.refresh_from_db()
    assert beat.beats >= 2 and not beat.is_alive()
    assert job.lease_until > old + datetime.timedelta(seconds=60)


# --- imports (item 11: a failed import job leaves its batch at 检查中 for good) --------------


def _upload(world):
    upload = SimpleUploadedFile("cases.csv", cases_csv(["WQ-L1", "WQ-L2"]))
    return imports.import_upload(
        kind=get_kind("legal_cases"), uploaded_file=upload, user=world.cz_admin, root=world.cz
    )


def test_an_import_job_failing_unexpectedly_marks_its_batch_failed_and_a_retry_checks_it_again(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    real = imports.run_import

    def broken(**kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(imports, "run_import", broken)
    batch = _upload(world)
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.FAILED  # today: 检查中 for good
    assert "意外错误" in batch.errors[0]["message"]
    assert batch.job.state == Job.State.FAILED

    monkeypatch.setattr(imports, "run_import", real)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.job_retry(job=batch.job)
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.PREVIEW and batch.rows == 2


def test_an_import_job_whose_worker_died_for_good_marks_its_batch_failed(world, monkeypatch):
    monkeypatch.setattr(jobs, "job_dispatch", lambda job: None)  # the worker never gets to it
    batch = _upload(world)
    assert batch.state == ImportBatch.State.CHECKING
    whole_worker_died(batch.job, attempts=MAX_ATTEMPTS)
    assert jobs.recover_expired_jobs() == 1
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.FAILED and "多次中断" in batch.errors[0]["message"]

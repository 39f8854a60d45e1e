"""A worker killed mid-job: the broker redelivers the message (acks_late and
reject_on_worker_lost) and unionhub.jobs.services.job_run runs the job again; after
MAX_ATTEMPTS interrupted runs the job is marked failed with the reason, never left running.
An import cut off mid-write leaves the database as it was, and its rerun imports once."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from legal.models import Case
from tests.formats import header
from unionhub.celery import app
from unionhub.imports import engine, services
from unionhub.imports.kinds import get_kind
from unionhub.imports.models import ImportBatch
from unionhub.jobs import services as jobs
from unionhub.jobs.models import Job
from unionhub.jobs.services import MAX_ATTEMPTS, job_run
from unionhub.reports.models import Report

HEADER = header("legal_cases")  # fmt: skip


def cases_csv(numbers) -> bytes:
    rows = [",".join(HEADER)]
    for n in numbers:
        rows.append(f"{n},2018-03-17,来电,否,1,0,甲,,,拖欠工资,法律咨询,,受理,,,LZ-CZ")
    return ("\n".join(rows) + "\n").encode()


def died_mid_run(job: Job) -> Job:
    """The state a job is left in when its worker is killed while running it."""
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, attempts=job.attempts + 1)
    job.refresh_from_db()
    return job


def test_the_task_is_redelivered_when_its_worker_dies():
    from unionhub.jobs.tasks import run_job

    assert run_job.acks_late and run_job.reject_on_worker_lost
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert app.conf.worker_prefetch_multiplier == 1


def test_a_job_whose_worker_died_runs_again_on_redelivery(world):
    job = died_mid_run(Job.objects.create(kind="ping", organization=world.cz, created_by=world.cz_admin))
    job_run(job.id)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == (Job.State.DONE, 2, "")


def test_a_job_interrupted_again_and_again_is_marked_failed_with_the_reason(world):
    job = Job.objects.create(kind="ping", organization=world.cz, created_by=world.cz_admin)
    for _ in range(MAX_ATTEMPTS):
        job = died_mid_run(job)
    job_run(job.id)  # the last redelivery
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert "多次中断" in job.error and str(MAX_ATTEMPTS) in job.error
    assert job.finished_at is not None
    job_run(job.id)  # a late duplicate message changes nothing
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.attempts == MAX_ATTEMPTS


def test_a_report_whose_worker_died_is_made_on_redelivery(world, fast_pdf):
    report = Report.objects.create(organization=world.cz, year=2018, as_of=datetime.date(2018, 10, 31))
    job = Job.objects.create(
        kind="annual_report",
        organization=world.cz,
        created_by=world.users["cz_official"],
        args={"report": str(report.pk)},
    )
    Report.objects.filter(pk=report.pk).update(job=job)
    job_run(died_mid_run(job).id)
    report.refresh_from_db()
    job.refresh_from_db()
    assert job.state == Job.State.DONE and report.is_made and report.pdf


def test_an_import_killed_mid_write_leaves_nothing_and_its_redelivery_imports_once(world, monkeypatch):
    admin = world.cz_admin
    upload = SimpleUploadedFile("cases.csv", cases_csv(["WQ-K1", "WQ-K2", "WQ-K3"]))
    batch = services.import_upload(
        kind=get_kind("legal_cases"), uploaded_file=upload, user=admin, root=world.cz
    )
    assert batch.state == ImportBatch.State.PREVIEW, batch.errors
    # The commit job is queued; a worker takes it...
    monkeypatch.setattr(jobs, "job_dispatch", lambda job: None)
    batch = services.import_confirm(batch=batch, user=admin)
    job = batch.job

    real_insert = engine.insert_rows

    def killed_after_writing(model, objs):
        real_insert(model, objs)
        raise SystemExit("worker killed")  # not an Exception: nothing in the app catches it

    monkeypatch.setattr(engine, "insert_rows", killed_after_writing)
    with pytest.raises(SystemExit):
        job_run(job.id)
    # ...and dies with the rows written but not committed: the database is as before.
    assert not Case.objects.filter(number__startswith="WQ-K").exists()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.RUNNING, 1)

    monkeypatch.setattr(engine, "insert_rows", real_insert)
    job_run(job.id)  # the broker redelivers the message to another worker
    job.refresh_from_db()
    batch.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.DONE, 2)
    assert batch.state == ImportBatch.State.IMPORTED and batch.new == 3
    assert Case.objects.filter(number__startswith="WQ-K").count() == 3
    job_run(job.id)  # a duplicate message: the job is done, nothing is imported twice
    assert Case.objects.filter(number__startswith="WQ-K").count() == 3


def test_retrying_a_job_twice_does_not_give_a_server_error(world):
    job = Job.objects.create(
        kind="ping", organization=world.cz, created_by=world.cz_admin, state=Job.State.FAILED, error="x"
    )
    client = Client(raise_request_exception=False)
    client.force_login(world.cz_admin)
    url = reverse("jobs:retry", args=[job.pk])
    assert client.post(url).status_code == 200
    second = client.post(url)  # a double click: the job is no longer failed
    assert second.status_code == 200
    job.refresh_from_db()
    assert f'id="job-{job.pk}"' in second.content.decode() and job.state != Job.State.FAILED

"""JOB_QUEUES sends job kinds to queues of their own (workers sized per load); the rest, and
everything when it is empty, go to the default queue."""

from django.db import transaction

from unionhub.jobs import services
from unionhub.jobs.tasks import run_job


def _sent(monkeypatch, settings, tree, kind):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    sent = []
    monkeypatch.setattr(run_job, "apply_async", lambda args, queue: sent.append((args, queue)))
    monkeypatch.setattr(run_job, "delay", lambda job_id: sent.append(([job_id], "default")))
    with transaction.atomic():
        job = services.job_enqueue(kind=kind, organization=tree.city, user=None, args={})
    return job, sent


def test_a_kind_listed_goes_to_its_queue(db, tree, settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.JOB_QUEUES = {"ping": "reports"}
    with django_capture_on_commit_callbacks(execute=True):
        job, sent = _sent(monkeypatch, settings, tree, "ping")
    assert sent == [([str(job.id)], "reports")]


def test_without_queues_every_kind_goes_to_the_default_queue(
    db, tree, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.JOB_QUEUES = {}
    with django_capture_on_commit_callbacks(execute=True):
        job, sent = _sent(monkeypatch, settings, tree, "ping")
    assert sent == [([str(job.id)], "default")]

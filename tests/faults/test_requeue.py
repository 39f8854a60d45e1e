"""Jobs whose broker message was lost (Redis down when they were asked for, a lost message) are
sent again without anyone running `manage.py requeue_jobs`: by Celery beat every five minutes
(settings.CELERY_BEAT_SCHEDULE, the compose `beat` service) and by a worker when it starts."""

import datetime

import pytest
from celery.signals import worker_ready
from django.conf import settings as django_settings
from django.utils import timezone

from unionhub.jobs import tasks
from unionhub.jobs.models import Job


@pytest.fixture
def queued(world):
    """A job queued two minutes ago (its message lost) and one asked for just now."""

    def make(age):
        job = Job.objects.create(kind="ping", organization=world.cz, created_by=world.cz_admin)
        Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - age)
        return job

    return make(datetime.timedelta(minutes=2)), make(datetime.timedelta(seconds=5))


def states(*jobs):
    return [Job.objects.get(pk=j.pk).state for j in jobs]


def test_beat_runs_the_requeue_task_every_five_minutes():
    entry = django_settings.CELERY_BEAT_SCHEDULE["requeue-jobs"]
    assert entry["task"] == tasks.requeue_jobs.name
    assert entry["schedule"] == 300


def test_the_requeue_task_sends_jobs_queued_over_a_minute_ago_only(
    queued, django_capture_on_commit_callbacks
):
    old, new = queued
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.requeue_jobs() == 1  # eager in tests: the job runs as a worker would run it
    assert states(old, new) == [Job.State.DONE, Job.State.QUEUED]
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.requeue_jobs() == 0  # done: not sent again


def test_a_starting_worker_sends_the_jobs_still_queued(queued, start_worker):
    old, new = queued
    assert start_worker() == [str(old.pk)]
    assert states(old, new) == [Job.State.QUEUED, Job.State.QUEUED]  # the worker will run it


def test_a_starting_worker_does_nothing_when_jobs_run_eagerly(queued, monkeypatch):
    assert django_settings.CELERY_TASK_ALWAYS_EAGER
    called = []
    monkeypatch.setattr(tasks, "requeue_jobs", lambda: called.append(1))
    worker_ready.send(sender=None)
    assert called == []


def test_a_starting_worker_that_cannot_requeue_still_starts(queued, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def broken():
        raise ConnectionError("database unreachable")

    monkeypatch.setattr(tasks, "requeue_jobs", broken)
    worker_ready.send(sender=None)  # logged, not raised

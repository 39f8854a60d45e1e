"""Faults fixtures: a worker starting up, with its messages caught."""

import pytest
from celery.signals import worker_ready

from unionhub.jobs import tasks


@pytest.fixture
def start_worker(settings, monkeypatch):
    """`start_worker()`: what a worker does when it starts (the worker_ready signal), jobs going
    through the broker; returns the ids of the jobs it sent (run_job.delay, caught here)."""

    def start():
        settings.CELERY_TASK_ALWAYS_EAGER = False
        sent = []
        monkeypatch.setattr(tasks.run_job, "delay", lambda job_id: sent.append(job_id))
        monkeypatch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
        worker_ready.send(sender=None)
        return sent

    return start

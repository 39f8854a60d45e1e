import logging

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings
from django.db import connections

from .services import REQUEUE_AFTER, job_run, requeue_stale_jobs

log = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def run_job(job_id: str):
    """Thin: the Job row holds everything; the message only carries its primary key."""
    job_run(job_id)


@shared_task(ignore_result=True)
def requeue_jobs() -> int:
    """Celery beat runs this every few minutes (settings.CELERY_BEAT_SCHEDULE): the jobs asked
    for while the broker was down, or whose message was lost, are sent again."""
    n = requeue_stale_jobs(older_than=REQUEUE_AFTER)
    if n:
        log.info("%d queued job(s) sent again", n)
    return n


@worker_ready.connect
def requeue_on_worker_start(**kwargs):
    """A worker that starts (after a restart, after Redis came back) sends the jobs still queued
    in the database. Never fatal: a worker that cannot reach the database still starts."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return
    try:
        requeue_jobs()
    except Exception:
        log.exception("requeue at worker start failed")
    finally:
        # The main process keeps no connection that pool children forked later would share.
        for conn in connections.all(initialized_only=True):
            if not conn.in_atomic_block:
                conn.close()

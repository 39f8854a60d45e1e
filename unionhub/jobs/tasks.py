from celery import shared_task

from .services import job_run


@shared_task(acks_late=True, reject_on_worker_lost=True)
def run_job(job_id: str):
    """Thin: the Job row holds everything; the message only carries its primary key."""
    job_run(job_id)

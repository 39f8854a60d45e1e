import os

from .registry import job_handler


@job_handler("ping")
def ping(job, progress):
    """The sample job: proves that a worker process reaches the database and reports back."""
    progress(50, "ping")
    return {"pid": os.getpid(), "orgs": job.organization.subtree().count()}

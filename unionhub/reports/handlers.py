from unionhub.jobs.registry import job_handler

from .services import JOB_KIND, report_make


@job_handler(JOB_KIND)
def annual_report(job, progress):
    """Thin: the job's arguments carry the report's id; the service does the rest."""
    return report_make(report_id=job.args["report"], job=job, progress=progress)

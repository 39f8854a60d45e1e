from unionhub.jobs.registry import job_handler

from .services import JOB_KIND, PUBLISH_JOB_KIND, report_make, report_publish_make


@job_handler(JOB_KIND)
def annual_report(job, progress):
    """Thin: the job's arguments carry the report's id; the service does the rest."""
    return report_make(report_id=job.args["report"], job=job, progress=progress)


@job_handler(PUBLISH_JOB_KIND)
def annual_report_publish(job, progress):
    return report_publish_make(report_id=job.args["report"], job=job, progress=progress)

"""The import and export jobs: thin, the services do the work."""

from unionhub.jobs.registry import job_handler

from . import services


@job_handler("import_preview", on_failure=services.import_job_failed, on_retry=services.import_job_retry)
def import_preview(job, progress):
    """Check an uploaded file (a dry run): counts, bad cells and the bad-rows sheet."""
    return services.import_run(job=job, dry_run=True, progress=progress)


@job_handler("import_commit", on_failure=services.import_job_failed, on_retry=services.import_job_retry)
def import_commit(job, progress):
    """Import a previewed file for real."""
    return services.import_run(job=job, dry_run=False, progress=progress)


@job_handler("export_data")
def export_data(job, progress):
    return services.export_run(job=job, progress=progress)

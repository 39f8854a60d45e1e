from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from unionhub.orgs.scoping import get_visible_or_404

from .models import Job, JobFile
from .services import job_retry


def _job_for_user(request, pk) -> Job:
    job = get_visible_or_404(Job, request.user, pk=pk)
    if job.created_by_id != request.user.id and not request.user.is_superuser:
        # A job belongs to the one who asked for it; colleagues reach its output through the
        # record it produced (a report, an import batch), which has its own access check.
        from django.http import Http404

        raise Http404
    return job


def job_status_data(job: Job) -> dict:
    return {
        "id": str(job.id),
        "state": job.state,
        "ready": not job.is_active,
        "stuck": job.is_stuck,
        "started": job.state != Job.State.QUEUED,
        "percentage": job.progress,
        "message": job.message or job.get_state_display(),
        "error": job.error,
        "redirect": job.result.get("redirect", "") if job.state == Job.State.DONE else "",
    }


@login_required
def status(request, pk):
    job = _job_for_user(request, pk)
    if request.htmx and request.GET.get("follow") and not job.is_active:
        # The page follows its job: once it has ended, show its result (or the page again).
        response = HttpResponse(status=204)
        data = job_status_data(job)
        if data["redirect"]:
            response["HX-Redirect"] = data["redirect"]
        else:
            response["HX-Refresh"] = "true"
        return response
    if request.htmx:
        return render(request, "jobs/progress.html", {"job": job, "status": job_status_data(job)})
    return JsonResponse(job_status_data(job))


@login_required
def download(request, pk, name):
    job = _job_for_user(request, pk)
    jf = get_object_or_404(JobFile, job=job, name=name)
    return FileResponse(
        jf.file.open("rb"), as_attachment=True, filename=jf.filename, content_type=jf.content_type
    )


@require_POST
@login_required
def retry(request, pk):
    job = _job_for_user(request, pk)
    try:
        job = job_retry(job=job)
    except ValidationError:
        # No longer failed (a second click, or retried elsewhere): show where it is now.
        job.refresh_from_db()
    return render(request, "jobs/progress.html", {"job": job, "status": job_status_data(job)})

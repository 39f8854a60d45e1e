import io

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from unionhub.core.forms import acted
from unionhub.core.pages import permission_page
from unionhub.core.paging import page_of
from unionhub.jobs.views import job_status_data
from unionhub.orgs.scoping import user_root

from . import services
from .filters import BatchFilter
from .forms import ExportForm, UploadForm
from .kinds import all_kinds, get_kind
from .models import ImportBatch
from .selectors import batch_get_for_user, batches_for, export_job_get_for_user
from .sheets import write_template


def _kind_or_404(name):
    kind = get_kind(name)
    if kind is None:
        raise Http404
    return kind


@permission_page("imports.run_import")
def index(request):
    """Pick a kind: its columns, its template, its upload form."""
    kinds = [k for k in all_kinds() if request.user.has_perm(k.permission)]
    return render(request, "imports/index.html", {"kinds": kinds})


@permission_page("imports.run_import")
def template(request, kind, fmt):
    k = _kind_or_404(kind)
    if fmt not in services.EXPORT_FORMATS:
        raise Http404
    buf = io.BytesIO()
    write_template(k, buf, fmt)
    buf.seek(0)
    return FileResponse(
        buf,
        as_attachment=True,
        filename=_("%(label)s导入模板.%(fmt)s") % {"label": k.label, "fmt": fmt},
        content_type=services.EXPORT_FORMATS[fmt],
    )


@permission_page("imports.run_import")
def upload(request, kind):
    k = _kind_or_404(kind)
    if not request.user.has_perm(k.permission):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.import_upload(
                kind=k,
                uploaded_file=form.cleaned_data["file"],
                user=request.user,
                root=user_root(request.user),
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect("imports:batch", batch.pk)
    return render(
        request,
        "imports/upload.html",
        {"kind": k, "form": form, "max_mb": settings.UPLOAD_MAX_BYTES // 1024 // 1024},
    )


@permission_page("imports.view_importbatch")
def batch_list(request):
    """The import history of the user's subtree: who, when, which file, what happened."""
    f = BatchFilter(request.GET, queryset=batches_for(user=request.user), request=request)
    page = page_of(request, f.qs)
    labels = {k.name: k.label for k in all_kinds()}
    for b in page:
        b.kind_label = labels.get(b.kind, b.kind)
    return render(request, "imports/batch_list.html", {"filters": f, "page": page})


@permission_page("imports.view_importbatch")
def batch_detail(request, pk):
    batch = batch_get_for_user(user=request.user, pk=pk)
    kind = get_kind(batch.kind)
    job = batch.job if batch.job_id else None
    show_job = (
        job is not None and job.created_by_id == request.user.pk and (job.is_active or job.state == "failed")
    )
    done = batch.state in (ImportBatch.State.IMPORTED, ImportBatch.State.ROLLED_BACK)
    refusal = services.batch_rollback_refusal(batch) if batch.state == ImportBatch.State.IMPORTED else ""
    return render(
        request,
        "imports/batch_detail.html",
        {
            "batch": batch,
            "kind": kind,
            "job": job if show_job else None,
            "status": job_status_data(job) if show_job else None,
            "records": services.batch_records(batch) if done else [],
            "can_confirm": batch.state == ImportBatch.State.PREVIEW
            and batch.created_by_id == request.user.pk
            and bool(batch.source),
            "can_rollback": batch.state == ImportBatch.State.IMPORTED
            and not refusal
            and request.user.has_perm("imports.rollback_import"),
            "rollback_refusal": refusal,
            "unconfirmed": services.unconfirmed_before(batch)
            if batch.state == ImportBatch.State.INVALID
            else [],
        },
    )


@permission_page("imports.run_import", post=True)
def batch_confirm(request, pk):
    batch = batch_get_for_user(user=request.user, pk=pk)
    acted(request, lambda: services.import_confirm(batch=batch, user=request.user))
    return redirect("imports:batch", batch.pk)


@permission_page("imports.view_importbatch")
def batch_bad_rows(request, pk):
    batch = batch_get_for_user(user=request.user, pk=pk)
    if not batch.bad_rows_file:
        raise Http404
    stem = batch.filename.rsplit(".", 1)[0]
    return FileResponse(
        io.BytesIO(services.bad_rows_for_user(batch=batch, user=request.user)),
        as_attachment=True,
        filename=_("%(name)s-错误行.xlsx") % {"name": stem},
        content_type=services.EXPORT_FORMATS["xlsx"],
    )


@permission_page("imports.rollback_import", post=True)
def batch_rollback(request, pk):
    batch = batch_get_for_user(user=request.user, pk=pk)
    acted(
        request,
        lambda: services.batch_rollback(batch=batch, by=request.user),
        done=lambda n: _("已撤销本批次,删除了%(n)d条记录") % {"n": n},
    )
    return redirect("imports:batch", batch.pk)


@permission_page("imports.run_export")
def export(request):
    """Pick a kind and a format; the file of the user's subtree is written by the worker."""
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind = _kind_or_404(form.cleaned_data["kind"])
        try:
            job = services.export_start(kind=kind, fmt=form.cleaned_data["fmt"], user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("imports:export_job", job.pk)
    masked = not request.user.has_perm(services.FULL_ID_PERMISSION)
    return render(request, "imports/export.html", {"form": form, "masked": masked})


@permission_page("imports.run_export")
def export_job(request, pk):
    job = export_job_get_for_user(user=request.user, pk=pk)
    kind = get_kind(job.args.get("kind", ""))
    return render(
        request, "imports/export_job.html", {"job": job, "status": job_status_data(job), "kind": kind}
    )

"""Imports and exports in the browser, run by the worker.

upload → `import_upload` keeps the file on a batch and queues the preview job (a dry run) →
the batch's page shows the counts and every bad cell → `import_confirm` queues the commit job,
which imports the same file for real → the page shows the result. The worker re-checks the
importer's permission and organization rather than trusting what the job says.
"""

import contextlib
import datetime
import io
import re
import shutil
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.replica import replica_reads
from unionhub.jobs.models import Job, JobFile
from unionhub.jobs.registry import JobError
from unionhub.jobs.services import job_enqueue
from unionhub.orgs.models import Organization
from unionhub.orgs.scoping import user_root
from unionhub.people.models import FullIdFileView

from .engine import ImportResult, run_import
from .kinds import ImportKind, all_kinds, get_kind
from .models import ImportBatch, ImportTracked
from .readers import OLE_MAGIC
from .sheets import export_rows, id_column_indexes, write_sheet

ALLOWED_SUFFIXES = (".xlsx", ".xls", ".csv")
EXPORT_FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
FULL_ID_PERMISSION = "people.view_full_id"


# --- upload, preview, confirm ----------------------------------------------------------------


def upload_check(uploaded_file) -> str:
    """Refuse a file by its name and size before it is stored; return its suffix."""
    suffix = Path(uploaded_file.name or "").suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ValidationError(_("只支持 .xlsx、.xls 和 .csv 文件"), code="type")
    if not uploaded_file.size:
        raise ValidationError(_("文件是空的"), code="empty")
    if uploaded_file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("文件过大(超过%(mb)dMB)") % {"mb": settings.UPLOAD_MAX_BYTES // 1024 // 1024}, code="size"
        )
    if suffix == ".xls":
        head = uploaded_file.read(len(OLE_MAGIC))
        uploaded_file.seek(0)
        if head != OLE_MAGIC:
            raise ValidationError(_("不是有效的 .xls 文件"), code="type")
    return suffix


def import_upload(*, kind: ImportKind, uploaded_file, user, root: Organization) -> ImportBatch:
    """Keep the upload on a new batch and queue its preview (a dry run on the worker)."""
    if not user.has_perm(kind.permission):
        raise PermissionDenied
    if root is None or root.pk is None:
        raise ValidationError(_("您的账号尚未分配组织,不能导入"))
    suffix = upload_check(uploaded_file)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            kind=kind.name,
            filename=Path(uploaded_file.name).name[-255:],
            organization=root,
            created_by=user,
            dry_run=True,
            state=ImportBatch.State.CHECKING,
        )
        batch.source.save(f"{batch.pk}{suffix}", uploaded_file, save=False)
        ImportBatch.objects.filter(pk=batch.pk).update(source=batch.source.name)
        _enqueue(batch, "import_preview", user)
    batch.refresh_from_db()
    return batch


def import_confirm(*, batch: ImportBatch, user) -> ImportBatch:
    """Import a previewed batch for real (its own file, on the worker)."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.created_by_id != user.pk:
            raise ValidationError(_("只有上传该文件的用户可以确认导入"))
        if batch.state != ImportBatch.State.PREVIEW or not batch.source:
            raise ValidationError(_("该批次不是待确认的预览,不能导入"))
        ImportBatch.objects.filter(pk=batch.pk).update(state=ImportBatch.State.IMPORTING, dry_run=False)
        _enqueue(batch, "import_commit", user)
    batch.refresh_from_db()
    return batch


def _enqueue(batch: ImportBatch, job_kind: str, user) -> Job:
    job = job_enqueue(
        kind=job_kind,
        organization=batch.organization,
        user=user,
        args={"batch": str(batch.pk)},
        dedupe_key=f"{job_kind}:{batch.pk}",
    )
    ImportBatch.objects.filter(pk=batch.pk).update(job=job)
    return job


def import_run(*, job: Job, dry_run: bool, progress=None) -> dict:
    """The preview or the commit of one batch, on the worker."""
    batch = ImportBatch.objects.filter(pk=job.args.get("batch")).first()
    expected = ImportBatch.State.CHECKING if dry_run else ImportBatch.State.IMPORTING
    if batch is None or batch.state != expected:
        raise JobError(_("该导入批次已不存在或已处理"))
    try:
        kind, root = _import_scope(batch, job.created_by)
        if not batch.source:
            raise JobError(_("上传的文件已不存在,请重新上传"))
        with _local_copy(batch.source) as path:
            result = run_import(
                kind=kind,
                path=path,
                filename=batch.filename,
                root=root,
                user=job.created_by,
                dry_run=dry_run,
                progress=progress,
                batch=batch,
            )
    except JobError as exc:
        ImportBatch.objects.filter(pk=batch.pk).update(
            state=ImportBatch.State.FAILED,
            errors=[{"row": 0, "column": "", "message": str(exc)}],
            finished_at=timezone.now(),
        )
        _drop_source(batch)
        raise
    _keep_bad_rows(batch, result)
    if not dry_run or not result.ok:
        _drop_source(batch)  # the job has ended: nothing will read the upload again
    return {"redirect": reverse("imports:batch", args=[batch.pk]), "summary": result.summary()}


def _job_batch_state(job: Job):
    return ImportBatch.State.CHECKING if job.kind == "import_preview" else ImportBatch.State.IMPORTING


def import_job_failed(job: Job, error: str) -> None:
    """The preview or commit job ended failed, however (an unexpected error, too many
    interrupted runs, an expired lease): its batch says so instead of staying 检查中/导入中."""
    ImportBatch.objects.filter(pk=job.args.get("batch"), state=_job_batch_state(job)).update(
        state=ImportBatch.State.FAILED,
        errors=[{"row": 0, "column": "", "message": error or _("导入任务失败")}],
        finished_at=timezone.now(),
    )


def import_job_retry(job: Job) -> None:
    """Before a failed or stuck import job is sent again: its batch goes back to the state the
    job expects, if its file is still there."""
    expected = _job_batch_state(job)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().filter(pk=job.args.get("batch")).first()
        if batch is None:
            raise ValidationError(_("该导入批次已不存在,请重新上传"))
        if batch.state == expected:
            return
        if batch.state != ImportBatch.State.FAILED or not batch.source:
            raise ValidationError(_("上传的文件已不存在,请重新上传"))
        ImportBatch.objects.filter(pk=batch.pk).update(state=expected, errors=[], finished_at=None)


def _import_scope(batch: ImportBatch, user) -> tuple[ImportKind, Organization]:
    """The importer's permission and organization, as they are now."""
    kind = get_kind(batch.kind)
    if kind is None:
        raise JobError(_("未知的导入类型“%(kind)s”") % {"kind": batch.kind})
    if user is None or not user.is_active or not user.has_perm(kind.permission):
        raise JobError(_("导入人没有批量导入的权限"))
    root = user_root(user)
    if root is None or (batch.organization_id and not root.contains(batch.organization)):
        raise JobError(_("该批次不在导入人的管辖范围内"))
    return kind, root


@contextlib.contextmanager
def _local_copy(field_file):
    """A path on this machine for a stored file (a temporary copy when storage is remote)."""
    try:
        yield Path(field_file.path)
        return
    except NotImplementedError:
        pass
    suffix = Path(field_file.name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        with field_file.open("rb") as src:
            shutil.copyfileobj(src, tmp)
        tmp.flush()
        yield Path(tmp.name)


def _keep_bad_rows(batch: ImportBatch, result: ImportResult) -> None:
    if batch.bad_rows_file:
        batch.bad_rows_file.delete(save=False)
    if result.problems and result.bad_rows:
        from .sheets import write_bad_rows

        buf = io.BytesIO()
        write_bad_rows(result, buf)
        batch.bad_rows_file.save(f"{batch.pk}-bad-rows.xlsx", ContentFile(buf.getvalue()), save=False)
    ImportBatch.objects.filter(pk=batch.pk).update(bad_rows_file=batch.bad_rows_file.name or "")


def _drop_source(batch: ImportBatch) -> None:
    if batch.source:
        batch.source.delete(save=False)
    ImportBatch.objects.filter(pk=batch.pk).update(source="")


def batch_sources_purge(*, before) -> int:
    """Delete the uploads of previews never confirmed (uploaded before `before`): a preview keeps
    its file only until the user confirms or gives up."""
    n = 0
    stale = ImportBatch.objects.filter(state=ImportBatch.State.PREVIEW, created_at__lt=before).exclude(
        source=""
    )
    for batch in stale.iterator():
        _drop_source(batch)
        n += 1
    return n


# --- provenance and rollback -----------------------------------------------------------------


def _tracked(model) -> bool:
    return isinstance(model, type) and issubclass(model, ImportTracked)


def batch_models(batch: ImportBatch) -> list:
    """The models whose records this batch's kind creates or changes (with provenance)."""
    kind = get_kind(batch.kind)
    if kind is None:
        return []
    models = [kind.model, *kind.rollback_models]
    if kind.person_columns:
        models.append(apps.get_model("people", "Person"))
    seen = []
    for m in models:
        if _tracked(m) and m not in seen:
            seen.append(m)
    return seen


def kind_names_person(batch: ImportBatch) -> bool:
    kind = get_kind(batch.kind)
    return kind is not None and any(f.name == "person" for f in kind.model._meta.fields)


def batch_records(batch: ImportBatch, limit: int = 50) -> list[dict]:
    """Per model: how many records the batch created and last changed, and the first few."""
    out = []
    for model in batch_models(batch):
        created = model._default_manager.filter(created_batch=batch)
        changed = model._default_manager.filter(updated_batch=batch).exclude(created_batch=batch)
        n_created, n_changed = created.count(), changed.count()
        if not n_created and not n_changed:
            continue
        if model._meta.label == "people.Person" and kind_names_person(batch):
            # Each record of the kind already shows its person: list the people only as counts.
            out.append(
                {"label": model._meta.verbose_name, "created": n_created, "changed": n_changed, "records": []}
            )
            continue
        out.append(
            {
                "label": model._meta.verbose_name,
                "created": n_created,
                "changed": n_changed,
                "records": list(created.order_by("pk")[:limit]) + list(changed.order_by("pk")[:limit]),
            }
        )
    return out


def unconfirmed_before(batch: ImportBatch) -> list[ImportBatch]:
    """The same user's previews of kinds that come before this one (an organizations file before
    the members that name its codes) and were never confirmed: a reference this batch lacks may be
    in one of them."""
    order = [k.name for k in all_kinds()]
    if batch.kind not in order:
        return []
    earlier = order[: order.index(batch.kind)]
    pending = list(
        ImportBatch.objects.filter(
            created_by_id=batch.created_by_id,
            kind__in=earlier,
            state=ImportBatch.State.PREVIEW,
            created_at__lte=batch.created_at,
        ).order_by("-created_at")[:3]
    )
    labels = {k.name: k.label for k in all_kinds()}
    for b in pending:
        b.kind_label = labels[b.kind]
    return pending


def batch_rollback_refusal(batch: ImportBatch) -> str:
    """Why this batch cannot be rolled back ("" when it can)."""
    kind = get_kind(batch.kind)
    if batch.state != ImportBatch.State.IMPORTED:
        return _("只有已导入的批次可以撤销")
    if kind is None or not kind.rollback_models:
        return _("此类数据不能撤销导入")
    if not all(_tracked(m) for m in kind.rollback_models):
        return _("此类数据没有记录导入批次,不能撤销导入")
    if batch.updated:
        return _("本批次更新了已有记录,不能撤销")
    for model in kind.rollback_models:
        if model._default_manager.filter(created_batch=batch).exclude(updated_batch=batch).exists():
            return _("本批次创建的%(what)s已被之后的导入修改,不能撤销") % {"what": model._meta.verbose_name}
    return ""


def _deletion_order(models) -> list:
    """Models referred to by others of the set go last (a member before its person)."""

    def targets(model):
        return {f.related_model for f in model._meta.concrete_fields if f.many_to_one}

    remaining, order = list(models), []
    while remaining:
        referred = {t for o in remaining for t in targets(o) if t is not o}
        pick = next((m for m in remaining if m not in referred), remaining[0])
        order.append(pick)
        remaining.remove(pick)
    return order


def batch_rollback(*, batch: ImportBatch, by) -> int:
    """Delete every record the batch created and mark it rolled back (who, when). Returns how
    many records were deleted."""
    if not by.has_perm("imports.rollback_import"):
        raise PermissionDenied
    kind = get_kind(batch.kind)
    deleted = 0
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            refusal = batch_rollback_refusal(batch)
            if refusal:
                raise ValidationError(refusal)
            for model in _deletion_order(kind.rollback_models):
                qs = model._default_manager.filter(created_batch=batch)
                # A plain DELETE: a record of another batch that still refers to one of these
                # makes the constraint check below fail, and the rollback is refused whole.
                deleted += qs._raw_delete(qs.db)
            with connection.cursor() as cur:
                cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cur.execute("SET CONSTRAINTS ALL DEFERRED")
            ImportBatch.objects.filter(pk=batch.pk).update(
                state=ImportBatch.State.ROLLED_BACK, rolled_back_by=by, rolled_back_at=timezone.now()
            )
    except IntegrityError:
        with connection.cursor() as cur:
            cur.execute("SET CONSTRAINTS ALL DEFERRED")
        raise ValidationError(_("本批次创建的记录已被其他记录引用,不能撤销"))
    return deleted


# --- export ----------------------------------------------------------------------------------


def export_start(*, kind: ImportKind, fmt: str, user) -> Job:
    if not user.has_perm("imports.run_export"):
        raise PermissionDenied
    if fmt not in EXPORT_FORMATS:
        raise ValidationError(_("导出格式须为 xlsx 或 csv"))
    root = user_root(user)
    if root is None:
        raise ValidationError(_("您的账号尚未分配组织,不能导出"))
    return job_enqueue(kind="export_data", organization=root, user=user, args={"kind": kind.name, "fmt": fmt})


def export_run(*, job: Job, progress=None) -> dict:
    """Write the export file of the job's user's subtree and attach it to the job. ID numbers
    are masked unless the user may see them in full."""
    user = job.created_by
    kind = get_kind(job.args.get("kind", ""))
    fmt = job.args.get("fmt")
    if kind is None or fmt not in EXPORT_FORMATS:
        raise JobError(_("未知的导出类型"))
    if user is None or not user.is_active or not user.has_perm("imports.run_export"):
        raise JobError(_("没有导出数据的权限"))
    root = user_root(user)
    if root is None:
        raise JobError(_("账号尚未分配组织"))
    queryset = kind.export_queryset(root)
    total = queryset.count() or 1
    progress = progress or (lambda pct, msg="": None)

    full = user.has_perm(FULL_ID_PERMISSION)
    id_columns = id_column_indexes(kind)
    full_numbers = [0]

    def rows():
        for i, row in enumerate(export_rows(kind, queryset, mask_ids=not full), 1):
            if i % 2000 == 0:
                progress(min(99, i * 100 / total), _("已导出%(n)d行") % {"n": i})
            if full:
                full_numbers[0] += sum(1 for c in id_columns if row[c])
            yield row

    filename = f"{kind.label}-{root.code}-{timezone.localdate():%Y%m%d}.{fmt}"
    with tempfile.NamedTemporaryFile(suffix=f".{fmt}") as tmp:
        with replica_reads():
            write_sheet(tmp.name, kind.headers, rows(), fmt)
        JobFile.objects.filter(job=job, name="export").delete()
        jf = JobFile(
            job=job,
            name="export",
            filename=filename,
            content_type=EXPORT_FORMATS[fmt],
            expires_at=timezone.now() + datetime.timedelta(days=1),
        )
        with open(tmp.name, "rb") as f:
            jf.file.save(f"{job.pk}-export.{fmt}", File(f), save=False)
        jf.save()
        if full_numbers[0]:
            # Handed full numbers: logged as full views, with how many the file holds.
            FullIdFileView.objects.create(
                user=user, what=_("导出:%(name)s") % {"name": filename}, count=full_numbers[0]
            )
    return {
        "redirect": reverse("jobs:download", args=[job.pk, "export"]),
        "filename": filename,
        "full_id_numbers": full_numbers[0],
    }


# --- bad-rows files --------------------------------------------------------------------------

# An ID number anywhere in a cell, as uploaded (the bad rows are the rows as they came, typos
# and all): the region, the eight hidden digits, the last four.
_ID_IN_TEXT = re.compile(r"(?<![0-9])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9])")


def _mask_cell(value):
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 10**14:
        value = str(int(value))  # an ID number typed as a number: its digits are still there
    if isinstance(value, str):
        return _ID_IN_TEXT.sub(lambda m: f"{m[1]}{'*' * 8}{m[2]}", value)
    return value


def _id_numbers_in(value) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 10**14:
        return 1
    return len(_ID_IN_TEXT.findall(value)) if isinstance(value, str) else 0


def bad_rows_for_user(*, batch: ImportBatch, user) -> bytes:
    """The batch's bad-rows file for `user`: its ID numbers masked unless the user may see full
    numbers, in which case handing it over is logged as a full view with how many it holds."""
    import openpyxl

    with batch.bad_rows_file.open("rb") as f:
        data = f.read()
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    wb.close()
    if not rows:
        return data
    if user.has_perm(FULL_ID_PERMISSION):
        count = sum(_id_numbers_in(v) for row in rows[1:] for v in row)
        if count:
            FullIdFileView.objects.create(
                user=user, what=_("错误行:%(name)s") % {"name": batch.filename}, count=count
            )
        return data
    buf = io.BytesIO()
    write_sheet(buf, rows[0], ([_mask_cell(v) for v in row] for row in rows[1:]), "xlsx")
    return buf.getvalue()

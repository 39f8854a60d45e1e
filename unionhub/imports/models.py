import uuid

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhub.orgs.scoping import OrgScopedQuerySet


@pgtrigger.register(pgtrigger.Protect(name="batch_never_deleted", operation=pgtrigger.Delete))
class ImportBatch(models.Model):
    """One import of one file (导入批次): who, when, what, how many; the provenance of records."""

    class State(models.TextChoices):
        CHECKING = "checking", _("检查中")
        PREVIEW = "preview", _("已预览")
        IMPORTING = "importing", _("导入中")
        INVALID = "invalid", _("有错误")
        IMPORTED = "imported", _("已导入")
        FAILED = "failed", _("失败")
        ROLLED_BACK = "rolled_back", _("已撤销")

    BADGE_TONES = {
        "state": {
            State.IMPORTED: "ok",
            State.INVALID: "err",
            State.FAILED: "err",
            State.PREVIEW: "warn",
            State.ROLLED_BACK: "warn",
        }
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("类型"), max_length=40)
    filename = models.CharField(_("文件名"), max_length=255)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("导入范围"), null=True, blank=True, on_delete=models.PROTECT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True, blank=True, on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    dry_run = models.BooleanField(_("仅预览"), default=False)
    state = models.CharField(_("状态"), max_length=12, choices=State, default=State.PREVIEW)
    rows = models.PositiveIntegerField(_("行数"), default=0)
    new = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("未变"), default=0)
    invalid = models.PositiveIntegerField(_("错误行"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    # What the first rows of a previewed file would do: [{row, outcome, label, fields: [{field, before, after}]}]
    preview = models.JSONField(_("预览"), default=list, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rolled_back_at = models.DateTimeField(null=True, blank=True)
    source = models.FileField(_("上传文件"), upload_to="imports/%Y/%m/", blank=True)
    bad_rows_file = models.FileField(_("错误行"), upload_to="imports/%Y/%m/", blank=True)
    # The job now checking or writing this batch: its progress bar is on the batch's page.
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-created_at"]
        permissions = [
            ("run_import", _("可批量导入")),
            ("run_export", _("可导出数据")),
            ("rollback_import", _("可撤销导入批次")),
        ]

    def __str__(self):
        return f"{self.kind} {self.filename}"


class ImportTracked(models.Model):
    """Provenance: the batch that created a record and the batch that last changed it.

    No foreign-key constraint in the database (`db_constraint=False`): the engine stamps rows with
    the batch it created itself before the first row, so the check is once per batch, not one
    deferred check per row and column at commit (a fifth of a large import's database time,
    docs/benchmarks.md); batches are never deleted (ImportBatch's delete trigger), so no
    reference can dangle."""

    created_batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, editable=False, on_delete=models.DO_NOTHING,
        related_name="+", db_constraint=False,
    )  # fmt: skip
    updated_batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, editable=False, on_delete=models.DO_NOTHING,
        related_name="+", db_constraint=False,
    )  # fmt: skip

    class Meta:
        abstract = True

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.orgs.scoping import OrgScopedQuerySet


class Job(models.Model):
    """A background job (后台任务) whose state lives in the database, not in the broker.

    The row outlives Redis: a job whose message was lost is still "queued" here and can be sent
    again; two requests with the same `dedupe_key` while one is active are one job.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    ACTIVE = (State.QUEUED, State.RUNNING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("任务类型"), max_length=40)
    args = models.JSONField(_("参数"), default=dict)
    dedupe_key = models.CharField(max_length=200, blank=True, default="")
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("组织"), on_delete=models.PROTECT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True, on_delete=models.PROTECT
    )
    state = models.CharField(_("状态"), max_length=10, choices=State, default=State.QUEUED)
    progress = models.FloatField(_("进度"), default=0)
    message = models.CharField(_("进度说明"), max_length=200, blank=True)
    error = models.TextField(_("失败原因"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("执行次数"), default=0)
    result = models.JSONField(_("结果"), default=dict, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    # A running job's lease: the worker running it renews it every few seconds (its heartbeat).
    # Past it the worker is taken for dead and the job is sent again (or failed after its tries).
    lease_until = models.DateTimeField(_("租约到期"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=Q(state__in=["queued", "running"]) & ~Q(dedupe_key=""),
                name="one_active_job_per_key",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.id}"

    @property
    def is_active(self):
        return self.state in self.ACTIVE

    @property
    def is_stuck(self) -> bool:
        """Running, but its worker stopped renewing the lease: the user may retry it."""
        from django.utils import timezone

        return (
            self.state == self.State.RUNNING
            and self.lease_until is not None
            and self.lease_until < timezone.now()
        )


class JobFile(models.Model):
    """A file a job produced (a report PDF, an export, a bad-rows sheet); downloaded through an
    access-checked view, never from a public URL (pretix's CachedFile)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=40)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    file = models.FileField(upload_to="jobs/%Y/%m/")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "name"], name="one_file_per_job_name")]

    def __str__(self):
        return self.filename

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhub.orgs.scoping import OrgScopedQuerySet


class Report(models.Model):
    """A year-end report made for an organization's subtree (年度工作总结): kept to download again;
    once published its figures are frozen as made."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("组织"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("年度"))
    as_of = models.DateField(_("截至日期"))
    job = models.OneToOneField(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="report"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), null=True, blank=True, on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    figures = models.JSONField(_("数据"), default=dict, blank=True)
    made_at = models.DateTimeField(_("生成时间"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="reports/%Y/", blank=True)
    xlsx = models.FileField(_("Excel"), upload_to="reports/%Y/", blank=True)
    json = models.FileField(_("JSON"), upload_to="reports/%Y/", blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ["-created_at"]
        permissions = [("request_report", _("可生成年度报告")), ("publish_report", _("可发布年度报告"))]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return f"{self.year}年{self.organization.name}工作总结"

    @property
    def dedupe_key(self) -> str:
        return report_dedupe_key(org=self.organization, year=self.year, as_of=self.as_of)

    @property
    def is_made(self) -> bool:
        return self.made_at is not None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def file_for(self, kind: str):
        """The stored file of one rendering ("pdf", "xlsx", "json"), or None."""
        f = getattr(self, kind) if kind in FILE_KINDS else None
        return f or None

    def filename(self, kind: str) -> str:
        return f"{self.title}(截至{self.as_of:%Y-%m-%d}).{kind}"


FILE_KINDS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def report_dedupe_key(*, org, year: int, as_of) -> str:
    """One running job per organization, year and as-of date."""
    return f"report:{org.code}:{year}:{as_of.isoformat()}"

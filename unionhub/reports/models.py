import uuid

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhub.orgs.scoping import OrgScopedQuerySet


# What officials write is in the report's history (who, when, before → after), and a published
# report never changes, not even in bulk (database triggers): a new version supersedes it.
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    fields=["authored", "published_at", "published_by"],
    model_name="ReportEvent",
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    append_only=True,
)
@pgtrigger.register(
    pgtrigger.Protect(
        name="published_report_frozen",
        operation=pgtrigger.Update | pgtrigger.Delete,
        condition=pgtrigger.Q(old__published_at__isnull=False),
    )
)
class Report(models.Model):
    """A year-end report made for an organization's subtree (年度工作总结): kept to download again.

    A draft until published: its figures and their sentences are the records' (made by a job),
    and officials add what they write themselves (`authored`: a foreword, a headline and
    paragraphs before or after each section, sections of their own). Publishing freezes figures
    and text in an archival PDF (PDF/A, the figures JSON attached); a later version supersedes it
    and never changes it."""

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
    # The year before and the direct sub-organizations, computed with the figures: the published
    # PDF is made again from exactly what the draft showed.
    previous_figures = models.JSONField(_("上年同期数据"), default=dict, blank=True)
    sub_figures = models.JSONField(_("下属组织数据"), default=list, blank=True)
    authored = models.JSONField(_("撰写内容"), default=dict, blank=True)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("取代的版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
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

    @property
    def successor(self):
        """The version that supersedes this one, or None."""
        try:
            return self.superseded_by
        except Report.DoesNotExist:
            return None

    def file_for(self, kind: str):
        """The stored file of one rendering ("pdf", "xlsx", "json"), or None."""
        f = getattr(self, kind) if kind in FILE_KINDS else None
        return f or None

    def filename(self, kind: str) -> str:
        version = f"第{self.version}版" if self.version > 1 else ""
        return f"{self.title}{version}(截至{self.as_of:%Y-%m-%d}).{kind}"


FILE_KINDS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def report_dedupe_key(*, org, year: int, as_of) -> str:
    """One running job per organization, year and as-of date."""
    return f"report:{org.code}:{year}:{as_of.isoformat()}"

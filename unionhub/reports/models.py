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
        return f"{self.year}年{self.organization}工作总结"

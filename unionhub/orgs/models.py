import pgtrigger
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

PATH_SEP = "/"


class Organization(models.Model):
    """工会组织: a node of the federation's tree.

    `path` is the chain of codes from the root ("LZ/LZ-CZ/LZ-CZ-001/"), so a subtree is one
    indexed prefix match. Codes are the import key and never change once created.
    """

    class Kind(models.TextChoices):
        CITY = "市总工会", _("市总工会")
        DISTRICT = "县区总工会", _("县区总工会")
        INDUSTRY = "产业工会", _("产业工会")
        ENTERPRISE = "企业工会", _("企业工会")
        JOINT = "联合工会", _("联合工会")

    code = models.CharField(
        _("组织代码"),
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9-]+$", _("组织代码只能包含字母、数字和“-”"))],
    )
    name = models.CharField(_("组织名称"), max_length=100)
    kind = models.CharField(_("组织类型"), max_length=10, choices=Kind)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=400, editable=False, unique=True)

    class Meta:
        verbose_name = _("工会组织")
        verbose_name_plural = _("工会组织")
        ordering = ["path"]
        indexes = [models.Index(fields=["path"], name="org_path_prefix", opclasses=["varchar_pattern_ops"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.path = self.compute_path()
        super().save(*args, **kwargs)

    def compute_path(self):
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.code}{PATH_SEP}"

    @property
    def depth(self):
        return self.path.count(PATH_SEP) - 1

    def contains(self, other: "Organization | None") -> bool:
        """True when `other` is this organization or below it."""
        return other is not None and other.path.startswith(self.path)

    def subtree(self):
        return Organization.objects.filter(path__startswith=self.path)


class User(AbstractUser):
    """A person who works in UnionHub; belongs to one organization and sees its subtree."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("所属组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        full = f"{self.last_name}{self.first_name}".strip()
        return full or self.username


@pgtrigger.register(
    pgtrigger.Protect(name="userchange_append_only", operation=pgtrigger.Update | pgtrigger.Delete)
)
class UserChange(models.Model):
    """用户管理日志: every change an administrator makes to a user account (created, roles,
    organization, enabled, a one-time password reset issued, the full-ID permission), who made
    it and when. Append-only: a trigger refuses updates and deletes, TRUNCATE is refused too."""

    TRUNCATE_PROTECTED = True

    actor = models.ForeignKey(
        User, verbose_name=_("操作人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.PROTECT, related_name="changes")
    action = models.CharField(_("操作"), max_length=40)
    detail = models.CharField(_("内容"), max_length=500, blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("用户管理日志")
        verbose_name_plural = _("用户管理日志")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.actor} {self.action} {self.user} @ {self.at:%Y-%m-%d %H:%M}"

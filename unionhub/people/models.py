import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhub.imports.models import ImportTracked

from .idnumbers import birth_date_of, mask_id_number, sex_of, validate_id_number


class Person(ImportTracked):
    """人员: one natural person, keyed by the resident ID number; many roles hang off it
    (member, hardship file, legal applicant, contestant...)."""

    class Sex(models.TextChoices):
        MALE = "男", _("男")
        FEMALE = "女", _("女")

    id_number = models.CharField(_("身份证号"), max_length=18, unique=True, validators=[validate_id_number])
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号"), max_length=11, blank=True)
    birth_date = models.DateField(_("出生日期"), editable=False)
    sex = models.CharField(_("性别"), max_length=1, choices=Sex, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        permissions = [("view_full_id", _("可查看完整身份证号"))]
        indexes = [
            models.Index(fields=["name"], name="person_name_prefix", opclasses=["varchar_pattern_ops"]),
        ]
        # Also person_name_trgm, pg_trgm's GIN on name (migration 0002, raw SQL: GinIndex would
        # need django.contrib.postgres installed): a name's end (…建国) and any three characters.

    def __str__(self):
        return f"{self.name}({self.masked_id})"

    @property
    def masked_id(self):
        return mask_id_number(self.id_number)

    def derive_from_id(self):
        self.birth_date = birth_date_of(self.id_number)
        self.sex = sex_of(self.id_number)

    def save(self, *args, **kwargs):
        self.derive_from_id()
        super().save(*args, **kwargs)


class FullIdView(models.Model):
    """Every time a user opens a full ID number: who, whom, when (个人信息查看日志)."""

    TRUNCATE_PROTECTED = True  # an append-only log (unionhub/core/truncate.py)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="full_id_views")
    viewed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("完整身份证号查看记录")
        verbose_name_plural = _("完整身份证号查看记录")
        ordering = ["-viewed_at"]

    def __str__(self):
        return f"{self.user} → {self.person_id} @ {self.viewed_at:%Y-%m-%d %H:%M}"


@pgtrigger.register(
    pgtrigger.Protect(name="fullidfileview_append_only", operation=pgtrigger.Update | pgtrigger.Delete)
)
class FullIdFileView(models.Model):
    """A file holding full ID numbers handed to a user (an export, a bad-rows file): who, what,
    how many numbers, when. The file counterpart of FullIdView; append-only."""

    TRUNCATE_PROTECTED = True

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    what = models.CharField(_("文件"), max_length=200)
    count = models.PositiveIntegerField(_("完整身份证号个数"))
    viewed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("含完整身份证号的文件查看记录")
        verbose_name_plural = _("含完整身份证号的文件查看记录")
        ordering = ["-viewed_at"]

    def __str__(self):
        return f"{self.user} {self.what} ({self.count}) @ {self.viewed_at:%Y-%m-%d %H:%M}"

"""Hardship relief (困难职工解困脱困): case files, relief programs, payments and care services.

Money and files are never deleted (database triggers refuse it) and every change of them is
recorded by django-pghistory's triggers, so imports and bulk writes are in the history too.
"""

import uuid
from pathlib import PurePath

import pghistory
import pgtrigger
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhub.core.dates import HappenedDates
from unionhub.imports.models import ImportTracked
from unionhub.orgs.scoping import OrgScopedQuerySet

MONEY = {"max_digits": 14, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(0)]


class Category(models.TextChoices):
    """类别: retired and unemployed people are covered too, and need not be members."""

    EMPLOYED = "在职", _("在职")
    RETIRED = "退休", _("退休")
    UNEMPLOYED = "失业", _("失业")


class Cause(models.TextChoices):
    """致困原因."""

    ILLNESS = "因病", _("因病")
    DISABILITY = "因残", _("因残")
    SCHOOLING = "因学", _("因学")
    UNEMPLOYMENT = "失业", _("失业")
    DISASTER = "灾害", _("灾害")
    OTHER = "其他", _("其他")


class FileState(models.TextChoices):
    """认定状态: 待认定 → (入户核查, second person's review) 公示中 → 已认定 → 已脱困, or
    待认定 → 不予认定; an objection during the notice sends 公示中 back to 待认定."""

    PENDING = "待认定", _("待认定")
    NOTICE = "公示中", _("公示中")
    VERIFIED = "已认定", _("已认定")
    EXITED = "已脱困", _("已脱困")
    REFUSED = "不予认定", _("不予认定")


class ProgramKind(models.TextChoices):
    """项目类型: the first four pay people, the last two pay units."""

    SPRING = "春节送温暖", _("春节送温暖")
    SCHOOL = "金秋助学", _("金秋助学")
    MEDICAL = "医疗救助", _("医疗救助")
    OTHER = "其他帮扶", _("其他帮扶")
    SUMMER = "送清凉", _("送清凉")
    GARDEN = "游园活动", _("游园活动")


# The states of the import contract (import-formats.md): 公示中 is this system's own step.
IMPORT_STATES = [FileState.PENDING, FileState.VERIFIED, FileState.EXITED, FileState.REFUSED]
# The household facts (家庭情况): whoever filed them or changed them last cannot review the file.
HOUSEHOLD_FACTS = ("category", "cause", "household_size", "income_per_head")

UNIT_KINDS = frozenset({ProgramKind.SUMMER, ProgramKind.GARDEN})


class ServiceKind(models.TextChoices):
    """关爱服务类型: services counted in person-times."""

    WARM_STREAM = "暖流服务", _("暖流服务")
    HEALTH_CHECK = "免费体检", _("免费体检")
    HEAT_VISIT = "高温慰问", _("高温慰问")
    REUNION = "亲子团聚", _("亲子团聚")
    AFTER_SCHOOL = "爱心托管", _("爱心托管")


def file_problems(file) -> dict[str, str]:
    """The file's state rules, field by field, in Chinese (forms and imports); the database
    constraints below back each one. Its dates' order and "not after today" are
    HardshipFile.HAPPENED/DATE_ORDER (unionhub.core.dates), checked by full_clean and the import."""
    problems = {}
    if file.state == FileState.NOTICE and (file.reviewed_on is None or file.notice_until is None):
        problems["state"] = _("公示中的档案须有复核日期和公示截止日期")
    dated = file.state in (FileState.VERIFIED, FileState.EXITED)
    if dated and file.verified_on is None:
        problems["verified_on"] = _("已认定或已脱困的档案须填写认定日期")
    elif not dated and file.verified_on is not None:
        problems["verified_on"] = _("待认定或不予认定的档案不能填写认定日期")
    if file.state == FileState.EXITED and file.exited_on is None:
        problems["exited_on"] = _("已脱困的档案须填写脱困日期")
    elif file.state != FileState.EXITED and file.exited_on is not None:
        problems["exited_on"] = _("只有已脱困的档案可以填写脱困日期")
    return problems


class HardshipFileQuerySet(OrgScopedQuerySet):
    def open_at(self, day):
        """Files open on `day`: filed by then, not refused, not out of hardship by then."""
        return self.filter(filed_on__lte=day).exclude(state=FileState.REFUSED).exclude(exited_on__lte=day)


# A review (reviewed_by/reviewed_on written) needs a home visit of the file on or before the
# review day: the database refuses it otherwise, whatever wrote the row.
REVIEW_NEEDS_VISIT = pgtrigger.Trigger(
    name="hardshipfile_review_needs_visit",
    when=pgtrigger.Before,
    operation=pgtrigger.Insert | pgtrigger.Update,
    func="""
    IF NEW.reviewed_by_id IS NOT NULL
       AND (TG_OP = 'INSERT' OR OLD.reviewed_by_id IS DISTINCT FROM NEW.reviewed_by_id
            OR OLD.reviewed_on IS DISTINCT FROM NEW.reviewed_on)
       AND NOT EXISTS (SELECT 1 FROM relief_homevisit v
                       WHERE v.file_id = NEW.id AND v.visited_on <= NEW.reviewed_on) THEN
        RAISE EXCEPTION 'hardshipfile_review_needs_visit: file %: no home visit on or before %',
            NEW.id, NEW.reviewed_on
            USING ERRCODE = 'check_violation', CONSTRAINT = 'hardshipfile_review_needs_visit';
    END IF;
    RETURN NEW;
    """,
)


@pghistory.track(model_name="HardshipFileEvent", append_only=True)
@pgtrigger.register(
    pgtrigger.Protect(name="hardshipfile_never_deleted", operation=pgtrigger.Delete), REVIEW_NEEDS_VISIT
)
class HardshipFile(HappenedDates, ImportTracked):
    """困难职工档案: one person's hardship case, filed by an organization, and its verification."""

    HAPPENED = ("filed_on", "verified_on", "exited_on", "reviewed_on")
    DATE_ORDER = (("filed_on", "verified_on"), ("verified_on", "exited_on"), ("filed_on", "reviewed_on"))

    person = models.ForeignKey(
        "people.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="hardship_files"
    )
    category = models.CharField(_("类别"), max_length=2, choices=Category)
    cause = models.CharField(_("致困原因"), max_length=2, choices=Cause)
    household_size = models.PositiveSmallIntegerField(_("家庭人口"), validators=[MinValueValidator(1)])
    income_per_head = models.DecimalField(_("家庭月人均收入"), **MONEY, validators=NON_NEGATIVE)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )
    filed_on = models.DateField(_("建档日期"))
    state = models.CharField(_("认定状态"), max_length=4, choices=FileState, default=FileState.PENDING)
    verified_on = models.DateField(_("认定日期"), null=True, blank=True)
    exited_on = models.DateField(_("脱困日期"), null=True, blank=True)
    state_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("状态变更人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True, editable=False)
    # The review (domain.md "Review before verification"): who filed the household facts and who
    # changed them last may not review; the review starts the notice (公示) that ends in 已认定.
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("建档人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    facts_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("家庭情况修改人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("复核人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_on = models.DateField(_("复核日期"), null=True, blank=True, editable=False)
    notice_until = models.DateField(_("公示截止日期"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    ORG_FIELD = "organization"
    BADGE_TONES = {
        "state": {
            FileState.VERIFIED: "ok",
            FileState.PENDING: "warn",
            FileState.NOTICE: "warn",
            FileState.REFUSED: "err",
        }
    }
    objects = HardshipFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("困难职工档案")
        verbose_name_plural = _("困难职工档案")
        ordering = ["-filed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                F("person"),
                ExtractYear("filed_on"),
                name="hardshipfile_one_per_person_year",
                violation_error_message=_("该人员在同一年度已有困难职工档案"),
            ),
            models.CheckConstraint(
                condition=Q(household_size__gte=1),
                name="hardshipfile_household_positive",
                violation_error_message=_("家庭人口至少为1"),
            ),
            models.CheckConstraint(
                condition=Q(income_per_head__gte=0),
                name="hardshipfile_income_not_negative",
                violation_error_message=_("家庭月人均收入不能为负数"),
            ),
            models.CheckConstraint(
                condition=Q(verified_on__isnull=True) | Q(verified_on__gte=F("filed_on")),
                name="hardshipfile_verified_after_filed",
                violation_error_message=_("认定日期不能早于建档日期"),
            ),
            models.CheckConstraint(
                condition=Q(exited_on__isnull=True) | Q(exited_on__gte=F("verified_on")),
                name="hardshipfile_exited_after_verified",
                violation_error_message=_("脱困日期不能早于认定日期"),
            ),
            models.CheckConstraint(
                condition=Q(state__in=[FileState.PENDING, FileState.REFUSED], verified_on__isnull=True)
                | Q(state=FileState.NOTICE, verified_on__isnull=True)
                | Q(state=FileState.VERIFIED, verified_on__isnull=False)
                | Q(state=FileState.EXITED, verified_on__isnull=False, exited_on__isnull=False),
                name="hardshipfile_state_dates",
                violation_error_message=_("认定状态与认定日期、脱困日期不一致"),
            ),
            models.CheckConstraint(
                condition=Q(exited_on__isnull=True) | Q(state=FileState.EXITED),
                name="hardshipfile_exit_date_only_when_exited",
                violation_error_message=_("只有已脱困的档案可以填写脱困日期"),
            ),
            models.CheckConstraint(
                condition=~Q(state=FileState.NOTICE)
                | Q(reviewed_by__isnull=False, reviewed_on__isnull=False, notice_until__isnull=False),
                name="hardshipfile_notice_reviewed",
                violation_error_message=_("公示中的档案须有复核人、复核日期和公示截止日期"),
            ),
            models.CheckConstraint(
                condition=~Q(state=FileState.PENDING)
                | Q(reviewed_by__isnull=True, reviewed_on__isnull=True, notice_until__isnull=True),
                name="hardshipfile_pending_not_reviewed",
                violation_error_message=_("待认定的档案不能有复核记录"),
            ),
            models.CheckConstraint(
                condition=Q(notice_until__isnull=True) | Q(notice_until__gte=F("reviewed_on")),
                name="hardshipfile_notice_after_review",
                violation_error_message=_("公示截止日期不能早于复核日期"),
            ),
            # The second person: who filed the file or last changed its household facts never
            # reviews it (NULL, an imported review or an unknown filer, passes).
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True)
                | (~Q(reviewed_by=F("filed_by")) & ~Q(reviewed_by=F("facts_changed_by"))),
                name="hardshipfile_second_person_reviews",
                violation_error_message=_("建档人或最后修改家庭情况的人不能复核该档案"),
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "filed_on"], name="hfile_org_filed"),
            models.Index(fields=["person", "state"], name="hfile_person_state"),
            models.Index(fields=["filed_on"], name="hfile_filed"),
            models.Index(fields=["exited_on"], name="hfile_exited"),
            models.Index(fields=["notice_until"], name="hfile_notice", condition=Q(state=FileState.NOTICE)),
        ]

    def __str__(self):
        return f"{self.person.name} {self.filed_on:%Y}年{self.get_category_display()}"

    def get_absolute_url(self):
        return reverse("relief:file", args=[self.pk])


@pghistory.track(model_name="ReliefProgramEvent", append_only=True)
@pgtrigger.register(pgtrigger.Protect(name="reliefprogram_never_deleted", operation=pgtrigger.Delete))
class ReliefProgram(ImportTracked):
    """帮扶项目: an organization's kind of relief in one year, with an optional budget and cap per
    recipient. Each organization has its own (unique per organization, kind and year); a payment
    draws on the program of its own organization or of one above it.

    `spent` (cash + goods of its payments) is computed by the database, never written by the
    code: a trigger on the payments recomputes it from the payments themselves, and the
    program's own trigger overwrites any other value written to it (migration 0004). The budget
    constraint below and the payments' cap trigger make the database refuse what the services
    refuse."""

    kind = models.CharField(_("项目类型"), max_length=5, choices=ProgramKind)
    year = models.PositiveSmallIntegerField(_("年度"))
    budget = models.DecimalField(_("预算"), **MONEY, null=True, blank=True, validators=NON_NEGATIVE)
    cap = models.DecimalField(_("单笔上限"), **MONEY, null=True, blank=True, validators=NON_NEGATIVE)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )
    spent = models.DecimalField(_("已发放"), **MONEY, default=0, editable=False)

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("帮扶项目")
        verbose_name_plural = _("帮扶项目")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "year"],
                name="reliefprogram_unique_org_kind_year",
                violation_error_message=_("本组织该年度已有同类型的帮扶项目"),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="reliefprogram_budget_not_negative",
                violation_error_message=_("预算不能为负数"),
            ),
            models.CheckConstraint(
                condition=Q(cap__isnull=True) | Q(cap__gte=0),
                name="reliefprogram_cap_not_negative",
                violation_error_message=_("单笔上限不能为负数"),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(spent__lte=F("budget")),
                name="reliefprogram_within_budget",
                violation_error_message=_("预算不能低于已发放金额"),
            ),
        ]

    def __str__(self):
        return f"{self.year}年{self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("relief:program", args=[self.pk])

    @property
    def for_units(self) -> bool:
        return self.kind in UNIT_KINDS

    @property
    def remaining(self):
        return None if self.budget is None else self.budget - self.spent


@pghistory.track(model_name="PaymentEvent", append_only=True)
@pgtrigger.register(pgtrigger.Protect(name="payment_never_deleted", operation=pgtrigger.Delete))
class Payment(HappenedDates, ImportTracked):
    """帮扶发放: money and goods (at value) of a program, paid to a person holding a verified
    file, or to a unit with the number of people it reached.

    The rules that span rows (verified file on the date, cap, budget, the program's year) are
    checked by relief.services under the program's row lock; the database backs the rest.
    `organization` is the paying file's organization, or the unit's."""

    HAPPENED = ("paid_on",)

    number = models.CharField(_("发放编号"), max_length=30, unique=True)
    program = models.ForeignKey(
        ReliefProgram, verbose_name=_("帮扶项目"), on_delete=models.PROTECT, related_name="payments"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("受助人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relief_payments",
    )
    file = models.ForeignKey(
        HardshipFile,
        verbose_name=_("困难职工档案"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    unit = models.ForeignKey(
        "members.Employer",
        verbose_name=_("受助单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relief_payments",
    )
    people_reached = models.PositiveIntegerField(_("受益人数"), null=True, blank=True)
    cash = models.DecimalField(_("金额"), **MONEY, validators=NON_NEGATIVE)
    goods = models.DecimalField(_("物资折款"), **MONEY, default=0, validators=NON_NEGATIVE)
    paid_on = models.DateField(_("发放日期"))
    note = models.CharField(_("备注"), max_length=500, blank=True)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("帮扶发放")
        verbose_name_plural = _("帮扶发放")
        ordering = ["-paid_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "person"],
                name="payment_one_per_person_program",
                violation_error_message=_("同一人员在同一帮扶项目中只能发放一次"),
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False, file__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, file__isnull=True, unit__isnull=False, people_reached__gte=1),
                name="payment_person_or_unit",
                violation_error_message=_("发放对象须为持有档案的人员,或填写了受益人数的单位"),
            ),
            models.CheckConstraint(
                condition=Q(cash__gte=0) & Q(goods__gte=0),
                name="payment_money_not_negative",
                violation_error_message=_("金额不能为负数"),
            ),
        ]
        indexes = [
            models.Index(fields=["program", "paid_on"], name="payment_program_paid"),
            models.Index(fields=["organization", "paid_on"], name="payment_org_paid"),
            # The payment list's order (newest first): a subtree's first page stops at fifty.
            models.Index(fields=["paid_on", "id"], name="payment_paid"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("relief:payment", args=[self.pk])

    @property
    def amount(self):
        return (self.cash or 0) + (self.goods or 0)

    @property
    def recipient(self):
        return self.person if self.person_id else self.unit


@pghistory.track(model_name="CareServiceEvent", append_only=True)
class CareService(HappenedDates, ImportTracked):
    """关爱服务: a service counted in person-times at a service point (暖流服务点, 体检, ...)."""

    HAPPENED = ("start",)
    DATE_ORDER = (("start", "end"),)

    number = models.CharField(_("服务编号"), max_length=30, unique=True)
    kind = models.CharField(_("服务类型"), max_length=4, choices=ServiceKind)
    point = models.CharField(_("服务点"), max_length=100)
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"))
    person_times = models.PositiveIntegerField(_("服务人次"))
    goods = models.DecimalField(_("物资折款"), **MONEY, null=True, blank=True, validators=NON_NEGATIVE)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("关爱服务")
        verbose_name_plural = _("关爱服务")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lte=F("end")),
                name="careservice_start_before_end",
                violation_error_message=_("开始日期不能晚于结束日期"),
            ),
        ]
        indexes = [models.Index(fields=["start"], name="care_start")]

    def __str__(self):
        return f"{self.number} {self.point}"


def attachment_upload_to(instance, filename: str) -> str:
    """relief/attachments/<year>/<month>/<uuid>.<ext>: the stored name says nothing of the
    person or the original name (kept in `filename`), and cannot be guessed."""
    ext = PurePath(filename).suffix.lower()
    return f"relief/attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{ext}"


@pgtrigger.register(pgtrigger.Protect(name="fileattachment_never_deleted", operation=pgtrigger.Delete))
class FileAttachment(models.Model):
    """附件: a scanned document of a hardship file, stored under MEDIA_ROOT and served only
    through the download view to users who may see the file. Kept like the file: never deleted."""

    file = models.ForeignKey(
        HardshipFile, verbose_name=_("困难职工档案"), on_delete=models.PROTECT, related_name="attachments"
    )
    stored = models.FileField(_("文件"), upload_to=attachment_upload_to, max_length=200)
    filename = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=50)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    ORG_FIELD = "file__organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("档案附件")
        verbose_name_plural = _("档案附件")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.filename


@pghistory.track(model_name="HomeVisitEvent", append_only=True)
@pgtrigger.register(pgtrigger.Protect(name="homevisit_never_deleted", operation=pgtrigger.Delete))
class HomeVisit(HappenedDates, models.Model):
    """入户核查: a home visit of a hardship file (date, who visited, what they found, optionally a
    scanned record among the file's attachments). A file is reviewed only after one."""

    HAPPENED = ("visited_on",)

    file = models.ForeignKey(
        HardshipFile, verbose_name=_("困难职工档案"), on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField(_("核查日期"))
    visitors = models.CharField(_("核查人员"), max_length=200)
    finding = models.TextField(_("核查情况"), max_length=2000)
    attachment = models.ForeignKey(
        FileAttachment,
        verbose_name=_("核查记录附件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    ORG_FIELD = "file__organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("入户核查")
        verbose_name_plural = _("入户核查")
        ordering = ["visited_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(visitors=""),
                name="homevisit_visitors",
                violation_error_message=_("请填写核查人员"),
            ),
            models.CheckConstraint(
                condition=~Q(finding=""),
                name="homevisit_finding",
                violation_error_message=_("请填写核查情况"),
            ),
        ]

    def __str__(self):
        return f"{self.visited_on:%Y-%m-%d} {self.visitors}"

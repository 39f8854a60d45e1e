import datetime

import pghistory
import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhub.core.dates import HappenedDates
from unionhub.imports.models import ImportTracked
from unionhub.orgs.scoping import OrgScopedQuerySet

MONEY = {"max_digits": 14, "decimal_places": 2}
ARBITRATION_LIMIT = datetime.timedelta(days=365)


class Lawyer(models.Model):
    """律师: the lawyers the centre assigns to arbitration and litigation."""

    name = models.CharField(_("姓名"), max_length=50, unique=True)
    firm = models.CharField(_("律师事务所"), max_length=100, blank=True)
    licence_number = models.CharField(_("执业证号"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("律师")
        verbose_name_plural = _("律师")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Channel(models.TextChoices):
    PHONE = "来电", _("来电")
    VISIT = "来访", _("来访")
    ONLINE = "网络", _("网络")
    LETTER = "信函", _("信函")


class Cause(models.TextChoices):
    WAGES = "拖欠工资", _("拖欠工资")
    CONTRACT = "劳动合同", _("劳动合同")
    INSURANCE = "社会保险", _("社会保险")
    INJURY = "工伤", _("工伤")
    DISMISSAL = "解除劳动关系", _("解除劳动关系")
    OTHER = "其他", _("其他")


class Handling(models.TextChoices):
    CONSULTATION = "法律咨询", _("法律咨询")
    MEDIATION = "调解", _("调解")
    ARBITRATION = "指派律师代理仲裁", _("指派律师代理仲裁")
    LITIGATION = "指派律师代理诉讼", _("指派律师代理诉讼")


LAWYER_HANDLINGS = (Handling.ARBITRATION, Handling.LITIGATION)


class Status(models.TextChoices):
    RECEIVED = "受理", _("受理")
    IN_PROGRESS = "处理中", _("处理中")
    CLOSED = "结案", _("结案")


def case_problems(case) -> dict[str, str]:
    """The case's rules, field by field, in Chinese; the database constraints back each one.
    Its dates (none after today, dispute ≤ intake ≤ closing) are Case.HAPPENED/DATE_ORDER."""
    problems = {}
    if case.persons is not None and case.migrants is not None and case.migrants > case.persons:
        problems["migrants"] = _("农民工人数不能多于涉及人数")
    if case.handling in LAWYER_HANDLINGS and not case.lawyer_id and case.lawyer is None:
        problems["lawyer"] = _("指派律师代理的案件须填写代理律师")
    if case.status == Status.CLOSED:
        if case.closed_on is None:
            problems["closed_on"] = _("结案的案件须填写结案日期")
    elif case.closed_on is not None:
        problems["closed_on"] = _("未结案的案件不能填写结案日期")
    return problems


# History is append-only and a case is never deleted, not even in bulk (database triggers).
@pghistory.track(
    model_name="CaseSnapshot", obj_field=pghistory.ObjForeignKey(related_name="snapshots"), append_only=True
)
@pgtrigger.register(pgtrigger.Protect(name="case_never_deleted", operation=pgtrigger.Delete))
class Case(HappenedDates, ImportTracked):
    """维权案件: a request for help received by the rights-protection centre, from intake to closing.

    The note may hold sensitive facts: it is shown only on the case's own page (to staff of its
    organization subtree) and never in lists or exports."""

    HAPPENED = ("received_on", "dispute_on", "closed_on")
    DATE_ORDER = (("dispute_on", "received_on"), ("received_on", "closed_on"))

    number = models.CharField(_("案件编号"), max_length=30, unique=True)
    received_on = models.DateField(_("受理日期"))
    dispute_on = models.DateField(
        _("争议发生日期"), null=True, blank=True, help_text=_("用于提示劳动仲裁一年时效;不填时按受理日期计算")
    )
    channel = models.CharField(_("来源"), max_length=2, choices=Channel)
    is_group = models.BooleanField(_("是否群体性来访"), default=False)
    persons = models.PositiveIntegerField(_("涉及人数"), default=1, validators=[MinValueValidator(1)])
    migrants = models.PositiveIntegerField(_("农民工人数"), default=0)
    applicant_name = models.CharField(_("当事人姓名"), max_length=50)
    applicant = models.ForeignKey(
        "people.Person",
        verbose_name=_("当事人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_cases",
    )
    employer_name = models.CharField(_("用人单位"), max_length=200, blank=True)
    cause = models.CharField(_("案由"), max_length=6, choices=Cause)
    handling = models.CharField(_("处理方式"), max_length=8, choices=Handling)
    lawyer = models.ForeignKey(
        Lawyer,
        verbose_name=_("代理律师"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    status = models.CharField(_("状态"), max_length=3, choices=Status, default=Status.RECEIVED)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    recovered = models.DecimalField(
        _("追回金额"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    note = models.TextField(_("备注"), blank=True)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    ORG_FIELD = "organization"
    BADGE_TONES = {"status": {Status.CLOSED: "ok", Status.RECEIVED: "warn"}}
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("维权案件")
        verbose_name_plural = _("维权案件")
        ordering = ["-received_on", "-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(persons__gte=1),
                name="case_persons_positive",
                violation_error_message=_("涉及人数至少为1"),
            ),
            models.CheckConstraint(
                condition=Q(migrants__lte=F("persons")),
                name="case_migrants_within_persons",
                violation_error_message=_("农民工人数不能多于涉及人数"),
            ),
            models.CheckConstraint(
                condition=~Q(handling__in=LAWYER_HANDLINGS) | Q(lawyer__isnull=False),
                name="case_lawyer_for_lawyer_handling",
                violation_error_message=_("指派律师代理的案件须填写代理律师"),
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=Status.CLOSED, closed_on__isnull=False, closed_on__gte=F("received_on"))
                    | (~Q(status=Status.CLOSED) & Q(closed_on__isnull=True))
                ),
                name="case_closed_on_with_closing",
                violation_error_message=_("结案须填写结案日期,且不能早于受理日期"),
            ),
            models.CheckConstraint(
                condition=Q(recovered__isnull=True) | Q(recovered__gte=0),
                name="case_recovered_not_negative",
                violation_error_message=_("追回金额不能为负数"),
            ),
        ]
        indexes = [
            models.Index(fields=["received_on"], name="case_received"),
            models.Index(fields=["status", "received_on"], name="case_status_received"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("legal:case", args=[self.pk])

    def clean(self):
        problems = case_problems(self)
        if problems:
            raise ValidationError(problems)

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def arbitration_deadline(self) -> datetime.date:
        """Labour arbitration must be applied for within one year of the dispute."""
        return (self.dispute_on or self.received_on) + ARBITRATION_LIMIT


class CaseEvent(models.Model):
    """One step of a case's timeline: who did what, when (受理, 指派律师, 结案…)."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("事项"), max_length=50)
    detail = models.CharField(_("说明"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("案件进程")
        verbose_name_plural = _("案件进程")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.case} {self.action}"


# -- collective contracts and labour-relations monitoring ---------------------------------------


class ContractKind(models.TextChoices):
    GENERAL = "综合", _("综合")
    WAGES = "工资专项", _("工资专项")
    WOMEN = "女职工专项", _("女职工专项")


class Signing(models.TextChoices):
    SINGLE = "单独签订", _("单独签订")
    REGIONAL = "区域性", _("区域性")
    INDUSTRY = "行业性", _("行业性")


def contract_problems(contract) -> dict[str, str]:
    """The collective contract's rules, field by field, in Chinese (forms, services and the import
    kind all ask this one function); the database constraints back each one. The signing date
    (never after today) is the shared rule of HAPPENED (unionhub.core.dates)."""
    problems = {}
    if contract.signed_on and contract.expires_on and contract.expires_on <= contract.signed_on:
        problems["expires_on"] = _("期满日期应晚于签订日期")
    if contract.signing == Signing.SINGLE:
        if contract.employer_id is None and getattr(contract, "employer", None) is None:
            problems["employer"] = _("单独签订的集体合同须填写签订单位")
        if contract.employers_covered is not None and contract.employers_covered != 1:
            problems["employers_covered"] = _("单独签订的集体合同覆盖单位数应为1")
    if contract.employers_covered is not None and contract.employers_covered < 1:
        problems["employers_covered"] = _("覆盖单位数至少为1")
    if contract.workers_covered is not None and contract.workers_covered < 1:
        problems["workers_covered"] = _("覆盖职工人数至少为1")
    return problems


@pghistory.track(model_name="CollectiveContractEvent", append_only=True)
class CollectiveContract(HappenedDates, ImportTracked):
    """集体合同 (工资集体协商): an employer's own contract (单独签订), or a region's or an
    industry's covering several employers. It belongs to the organization that signed it (a
    regional contract to the district or street union that negotiated it), whatever employers it
    covers."""

    HAPPENED = ("signed_on",)  # the expiry (期满日期) is planned: it may lie ahead

    number = models.CharField(_("合同编号"), max_length=30, unique=True)
    kind = models.CharField(_("合同类型"), max_length=5, choices=ContractKind)
    signing = models.CharField(_("签订形式"), max_length=4, choices=Signing)
    employer = models.ForeignKey(
        "members.Employer",
        verbose_name=_("签订单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collective_contracts",
        help_text=_("单独签订时必填"),
    )
    covered = models.ManyToManyField(
        "members.Employer",
        verbose_name=_("覆盖单位"),
        blank=True,
        related_name="collective_contracts_covering",
        help_text=_("区域性、行业性合同覆盖的单位(可选,不多于覆盖单位数)"),
    )
    employers_covered = models.PositiveIntegerField(_("覆盖单位数"), default=1)
    workers_covered = models.PositiveIntegerField(_("覆盖职工人数"))
    signed_on = models.DateField(_("签订日期"))
    expires_on = models.DateField(_("期满日期"))
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("集体合同")
        verbose_name_plural = _("集体合同")
        ordering = ["-signed_on", "-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=F("signed_on")),
                name="contract_expires_after_signed",
                violation_error_message=_("期满日期应晚于签订日期"),
            ),
            models.CheckConstraint(
                condition=~Q(signing=Signing.SINGLE) | Q(employer__isnull=False, employers_covered=1),
                name="contract_single_has_employer",
                violation_error_message=_("单独签订的集体合同须填写签订单位,覆盖单位数为1"),
            ),
            models.CheckConstraint(
                condition=Q(employers_covered__gte=1, workers_covered__gte=1),
                name="contract_covers_someone",
                violation_error_message=_("覆盖单位数和覆盖职工人数至少为1"),
            ),
        ]
        indexes = [
            models.Index(fields=["signed_on"], name="contract_signed"),
            models.Index(fields=["expires_on"], name="contract_expires"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("legal:contract", args=[self.pk])

    def clean(self):
        problems = contract_problems(self)
        if problems:
            raise ValidationError(problems)

    def in_force_on(self, day: datetime.date) -> bool:
        return self.signed_on <= day < self.expires_on


class ReportKind(models.TextChoices):
    REGULAR = "定期", _("定期")
    SPECIAL = "专报", _("专报")
    FLASH = "快报", _("快报")


class Risk(models.TextChoices):
    ORDINARY = "一般", _("一般")
    MAJOR = "较大", _("较大")
    SERIOUS = "重大", _("重大")


@pghistory.track(model_name="MonitoringReportEvent", append_only=True)
class MonitoringReport(HappenedDates, ImportTracked):
    """劳动关系监测: a report a monitoring point sent up (定期, 专报 on one matter, 快报 on an
    incident), on the employers it concerns and the risk it sees."""

    HAPPENED = ("sent_on",)

    number = models.CharField(_("报告编号"), max_length=30, unique=True)
    sent_on = models.DateField(_("报送日期"))
    kind = models.CharField(_("报告类型"), max_length=2, choices=ReportKind)
    title = models.CharField(_("标题"), max_length=200)
    employers = models.PositiveIntegerField(_("涉及单位数"), default=0)
    risk = models.CharField(_("风险等级"), max_length=2, choices=Risk)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )

    ORG_FIELD = "organization"
    BADGE_TONES = {"risk": {Risk.SERIOUS: "warn"}}
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("劳动关系监测报告")
        verbose_name_plural = _("劳动关系监测报告")
        ordering = ["-sent_on", "-number"]
        indexes = [models.Index(fields=["sent_on"], name="monitoring_sent")]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("legal:monitoring_report", args=[self.pk])

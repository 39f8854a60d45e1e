from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from unionhub.core.dates import HappenedDates
from unionhub.imports.models import ImportTracked
from unionhub.orgs.scoping import OrgScopedQuerySet
from unionhub.people.idnumbers import validate_credit_code

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class KeyGroup(models.TextChoices):
    """重点群体: the eight groups of new-form workers."""

    TRUCK_DRIVER = "货车司机", _("货车司机")
    COURIER = "快递员", _("快递员")
    CARER = "护工护理员", _("护工护理员")
    HOUSEKEEPER = "家政服务员", _("家政服务员")
    MALL_INFO = "商场信息员", _("商场信息员")
    FOOD_DELIVERY = "网约送餐员", _("网约送餐员")
    ESTATE_AGENT = "房产中介员", _("房产中介员")
    SECURITY_GUARD = "保安员", _("保安员")


# The industry list of import-formats.md; admins can add more.
STANDARD_INDUSTRIES = [
    "汽车制造", "钢铁", "机械制造", "电力", "茶业", "手工艺", "道路货运",
    "快递物流", "商贸", "建筑", "环卫", "园林", "餐饮", "其他",
]  # fmt: skip


class Industry(models.Model):
    """行业: the industry list; admins can add more."""

    name = models.CharField(_("行业"), max_length=30, unique=True)

    class Meta:
        verbose_name = _("行业")
        verbose_name_plural = _("行业")
        ordering = ["id"]

    def __str__(self):
        return self.name


class Employer(HappenedDates, ImportTracked):
    """单位: an employer, keyed by its unified social credit code."""

    HAPPENED = ("union_founded_on",)

    class Ownership(models.TextChoices):
        PUBLIC = "公有", _("公有")
        PRIVATE = "非公", _("非公")

    name = models.CharField(_("单位名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("所属工会组织"),
        on_delete=models.PROTECT,
        related_name="employers",
    )
    industry = models.ForeignKey(Industry, verbose_name=_("行业"), on_delete=models.PROTECT)
    ownership = models.CharField(_("经济类型"), max_length=2, choices=Ownership)
    headcount = models.PositiveIntegerField(_("职工人数"))
    has_union = models.BooleanField(_("是否建会"), default=False)
    union_founded_on = models.DateField(_("建会日期"), null=True, blank=True)
    lead = models.ForeignKey(
        "self",
        verbose_name=_("链主企业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chain_members",
    )

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(has_union=False) | Q(union_founded_on__isnull=False),
                name="employer_founded_needs_date",
                violation_error_message=_("已建会的单位须填写建会日期"),
            ),
            models.CheckConstraint(
                condition=~Q(lead=F("pk")),
                name="employer_not_own_lead",
                violation_error_message=_("单位不能是自己的链主企业"),
            ),
        ]
        indexes = [
            models.Index(fields=["industry", "has_union"], name="employer_industry_union"),
            # The employer list's order: its first page without sorting tens of thousands.
            models.Index(fields=["name", "id"], name="employer_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:employer", args=[self.pk])


class Member(HappenedDates, ImportTracked):
    """会员: a person's membership of a union organization."""

    HAPPENED = ("join_date",)

    class Status(models.TextChoices):
        ACTIVE = "在会", _("在会")
        TRANSFERRED = "转出", _("转出")
        LEFT = "退会", _("退会")

    person = models.OneToOneField(
        "people.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="membership"
    )
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="members"
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("工作单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    join_date = models.DateField(_("入会日期"))
    status = models.CharField(_("会员状态"), max_length=2, choices=Status, default=Status.ACTIVE)
    key_group = models.CharField(_("重点群体"), max_length=10, choices=KeyGroup, blank=True)
    is_migrant = models.BooleanField(_("是否农民工"), default=False)

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("会员")
        verbose_name_plural = _("会员")
        indexes = [
            models.Index(fields=["organization", "join_date"], name="member_org_join"),
            models.Index(fields=["key_group", "join_date"], name="member_group_join"),
            models.Index(fields=["join_date"], name="member_join"),
        ]

    def __str__(self):
        return str(self.person)

    def get_absolute_url(self):
        return reverse("members:detail", args=[self.pk])


class Drive(ImportTracked):
    """入会集中行动: a campaign for one key group over a period, with targets."""

    name = models.CharField(_("行动名称"), max_length=100, unique=True)
    key_group = models.CharField(_("重点群体"), max_length=10, choices=KeyGroup)
    industry = models.ForeignKey(Industry, verbose_name=_("行业"), on_delete=models.PROTECT)
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"))
    population = models.PositiveIntegerField(_("群体总数"), validators=[MinValueValidator(1)])
    target_join_rate = models.DecimalField(
        _("目标入会率"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    target_founding_rate = models.DecimalField(
        _("目标建会率"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT
    )

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("入会集中行动")
        verbose_name_plural = _("入会集中行动")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lte=F("end")),
                name="drive_start_before_end",
                violation_error_message=_("开始日期不能晚于结束日期"),
            ),
            models.CheckConstraint(condition=Q(population__gte=1), name="drive_population_positive"),
        ]

    def __str__(self):
        return self.name

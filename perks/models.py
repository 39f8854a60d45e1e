"""会员红利工程: member cards, partner merchants and their stores, perk days and their sales.

A card, a store and a perk sale have no organization of their own: a card belongs to its
member's organization, a store and a sale to their merchant's. Perk days are city-wide events
(any user sees the day; each user sees only the sales of the merchants in their subtree).
"""

import pghistory
import pgtrigger
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from unionhub.core.dates import HappenedDates
from unionhub.imports.models import ImportTracked
from unionhub.orgs.scoping import OrgScopedQuerySet
from unionhub.people.idnumbers import validate_credit_code

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0)]}

card_number_validator = RegexValidator(r"^\d{1,30}$", _("卡号只能由数字组成"))


class CardStatus(models.TextChoices):
    ACTIVE = "正常", _("正常")
    LOST = "挂失", _("挂失")
    CANCELLED = "注销", _("注销")


# A card is "in force" until it is cancelled: a lost card still belongs to its member until it
# is reissued (which cancels it) or cancelled, so a member never holds a lost card and a new
# one side by side. The partial unique index below makes that a database rule.
IN_FORCE = [CardStatus.ACTIVE, CardStatus.LOST]


@pghistory.track(
    pghistory.UpdateEvent("status_changed", condition=pghistory.AnyChange("status")),
    fields=["status"],
)
class MemberCard(HappenedDates, ImportTracked):
    """会员卡 (龙城工会·柳州市民卡): one card issued to one member."""

    HAPPENED = ("issued_on",)

    Status = CardStatus

    number = models.CharField(
        _("卡号"),
        max_length=30,
        unique=True,
        validators=[card_number_validator],
        error_messages={"unique": _("卡号已被使用")},
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("会员"), on_delete=models.PROTECT, related_name="cards"
    )
    issued_on = models.DateField(_("发卡日期"))
    status = models.CharField(_("状态"), max_length=2, choices=CardStatus, default=CardStatus.ACTIVE)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("补办前的卡"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replacement",
    )
    # The member's organization, copied by the database (triggers of migration 0002: on a card's
    # insert or change of member, and on a member's transfer), so that a subtree's cards are found
    # through the card's own index instead of a join through a million members. Never set it.
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("所属工会组织"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        blank=True,
        db_index=False,
    )

    # The organization the member belonged to on 发卡日期 (their membership period of that day),
    # where the report counts the card; kept by the database too (triggers of migration 0004:
    # on a card's insert or change, and when a transfer opens or moves a period). Never set it.
    issued_organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("发卡时所属工会组织"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        null=True,
        blank=True,
        db_index=False,
    )

    ORG_FIELD = "organization"
    BADGE_TONES = {"status": {CardStatus.ACTIVE: "ok", CardStatus.LOST: "warn", CardStatus.CANCELLED: "err"}}
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("会员卡")
        verbose_name_plural = _("会员卡")
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(status__in=IN_FORCE),
                name="card_one_in_force_per_member",
                violation_error_message=_("该会员已有一张在用(正常或挂失)的会员卡"),
            ),
        ]
        indexes = [
            models.Index(fields=["issued_on", "id"], name="card_issued"),
            models.Index(fields=["status", "issued_on"], name="card_status_issued"),
            models.Index(fields=["organization", "issued_on", "id"], name="card_org_issued"),
            models.Index(fields=["issued_organization", "issued_on"], name="card_issued_org"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("perks:card", args=[self.pk])

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE


class MerchantCategory(models.TextChoices):
    MARKET = "商超", _("商超")
    APPLIANCES = "家电", _("家电")
    CATERING = "餐饮", _("餐饮")
    PHARMACY = "医药", _("医药")
    TOURISM = "文旅", _("文旅")
    EDUCATION = "教育", _("教育")
    OTHER = "其他", _("其他")


class Merchant(HappenedDates, ImportTracked):
    """特约商户: a business that gives card-holding members a perk."""

    HAPPENED = ("signed_on",)

    Category = MerchantCategory

    name = models.CharField(_("商户名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        error_messages={"unique": _("该统一社会信用代码的商户已存在")},
    )
    category = models.CharField(_("类别"), max_length=4, choices=MerchantCategory)
    perks = models.TextField(_("优惠内容"), max_length=2000)
    signed_on = models.DateField(_("签约日期"))
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("特约商户")
        verbose_name_plural = _("特约商户")
        ordering = ["name"]
        indexes = [models.Index(fields=["category", "name"], name="merchant_category")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("perks:merchant", args=[self.pk])


class Store(ImportTracked):
    """服务门店: one shop of a merchant where members use their card."""

    merchant = models.ForeignKey(
        Merchant, verbose_name=_("特约商户"), on_delete=models.PROTECT, related_name="stores"
    )
    name = models.CharField(_("门店名称"), max_length=200)
    address = models.CharField(_("地址"), max_length=300)

    ORG_FIELD = "merchant__organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("服务门店")
        verbose_name_plural = _("服务门店")
        ordering = ["merchant", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["merchant", "name"],
                name="store_unique_name_per_merchant",
                violation_error_message=_("该商户已有同名门店"),
            ),
        ]

    def __str__(self):
        return self.name


class PerkDay(HappenedDates, ImportTracked):
    """红利日: a dated city-wide event on which merchants give members a discount."""

    HAPPENED = ("date",)

    name = models.CharField(
        _("活动名称"), max_length=100, unique=True, error_messages={"unique": _("同名的红利日已存在")}
    )
    date = models.DateField(_("活动日期"), db_index=True)

    class Meta:
        verbose_name = _("红利日")
        verbose_name_plural = _("红利日")
        ordering = ["-date", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("perks:perk_day", args=[self.pk])


def discount_error(sales, discount) -> str | None:
    """The one rule on a perk sale's money, shared by the model, the form and the import."""
    if sales is not None and discount is not None and discount > sales:
        return str(_("让利金额不能大于销售额"))
    return None


# Money: history is append-only and a sale is never deleted, not even in bulk (database triggers).
@pghistory.track(append_only=True)
@pgtrigger.register(pgtrigger.Protect(name="perksale_never_deleted", operation=pgtrigger.Delete))
class PerkSale(ImportTracked):
    """红利日销售: one merchant's sales on a perk day and the discount it gave members."""

    day = models.ForeignKey(PerkDay, verbose_name=_("红利日"), on_delete=models.PROTECT, related_name="sales")
    merchant = models.ForeignKey(
        Merchant, verbose_name=_("特约商户"), on_delete=models.PROTECT, related_name="sales"
    )
    sales = models.DecimalField(_("销售额"), **MONEY)
    discount = models.DecimalField(_("让利金额"), **MONEY)

    ORG_FIELD = "merchant__organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("红利日销售")
        verbose_name_plural = _("红利日销售")
        ordering = ["day", "merchant"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "merchant"],
                name="perksale_unique_day_merchant",
                violation_error_message=_("该商户在本红利日已有销售记录"),
            ),
            models.CheckConstraint(
                condition=Q(discount__lte=F("sales")),
                name="perksale_discount_within_sales",
                violation_error_message=_("让利金额不能大于销售额"),
            ),
            models.CheckConstraint(
                condition=Q(sales__gte=0) & Q(discount__gte=0),
                name="perksale_money_not_negative",
                violation_error_message=_("金额不能为负数"),
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.merchant}"

    def clean(self):
        error = discount_error(self.sales, self.discount)
        if error:
            raise ValidationError({"discount": error})

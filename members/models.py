import pghistory
import pgtrigger
from django.conf import settings
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


# The membership periods follow the member row (see Member's docstring).
FIRST_PERIOD = """
INSERT INTO members_membershipperiod (member_id, organization_id, employer_id, start, "end", transfer_id)
SELECT id, organization_id, employer_id, join_date, leave_date, NULL FROM new_members;
RETURN NULL;
"""
PERIODS_FOLLOW = """
SELECT id, organization_id INTO last_id, last_org FROM members_membershipperiod
 WHERE member_id = NEW.id ORDER BY start DESC, id DESC LIMIT 1;
IF NEW.organization_id IS DISTINCT FROM OLD.organization_id AND last_org IS DISTINCT FROM NEW.organization_id THEN
    RAISE EXCEPTION 'the organization of member % changes only through an accepted transfer', NEW.id
        USING ERRCODE = '23514';
END IF;
IF NEW.join_date IS DISTINCT FROM OLD.join_date THEN
    UPDATE members_membershipperiod SET start = NEW.join_date
     WHERE member_id = NEW.id AND transfer_id IS NULL;
END IF;
IF NEW.employer_id IS DISTINCT FROM OLD.employer_id
   AND NEW.organization_id IS NOT DISTINCT FROM OLD.organization_id THEN
    UPDATE members_membershipperiod SET employer_id = NEW.employer_id WHERE id = last_id;
END IF;
IF NEW.leave_date IS DISTINCT FROM OLD.leave_date THEN
    UPDATE members_membershipperiod SET "end" = NEW.leave_date WHERE id = last_id;
END IF;
RETURN NULL;
"""


@pgtrigger.register(
    pgtrigger.Trigger(
        name="member_first_period",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Insert,
        referencing=pgtrigger.Referencing(new="new_members"),
        func=FIRST_PERIOD,
    ),
    # The rollback of an import of new members deletes them (a raw DELETE): their periods go
    # with them, and only then (see MembershipPeriod's delete trigger).
    pgtrigger.Trigger(
        name="member_periods_go_with_it",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Delete,
        referencing=pgtrigger.Referencing(old="old_members"),
        func="""
DELETE FROM members_membershipperiod WHERE member_id IN (SELECT id FROM old_members);
RETURN NULL;
""",
    ),
    pgtrigger.Trigger(
        name="member_periods_follow",
        when=pgtrigger.After,
        operation=pgtrigger.Update,
        condition=pgtrigger.AnyChange("organization", "employer", "join_date", "leave_date"),
        declare=[("last_id", "bigint"), ("last_org", "bigint")],
        func=PERIODS_FOLLOW,
    ),
)
@pghistory.track(
    pghistory.UpdateEvent(
        "changed",
        condition=pghistory.AnyChange("organization", "employer", "join_date", "status", "leave_date"),
    ),
    fields=["organization", "employer", "join_date", "status", "leave_date"],
    model_name="MemberEvent",
    obj_field=pghistory.ObjForeignKey(related_name="events"),
)
class Member(HappenedDates, ImportTracked):
    """会员: a person's membership of a union organization.

    `organization` and `employer` are those of the member's current (or, after leaving, last)
    membership period: a copy kept for the member list and its scope. The periods themselves
    (MembershipPeriod) are kept by the database (triggers of migration 0004): the first on
    insert, from 入会日期 to 离会日期; a change of 入会日期, employer or 离会日期 moves the first or
    the last period with it; the organization changes only through an accepted transfer (the
    database refuses any other change of it)."""

    HAPPENED = ("join_date", "leave_date")
    DATE_ORDER = (("join_date", "leave_date"),)

    class Status(models.TextChoices):
        ACTIVE = "在会", _("在会")
        TRANSFERRED = "转出", _("转出")
        LEFT = "退会", _("退会")

    person = models.OneToOneField(
        "people.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="membership"
    )
    # No index of its own: member_org_join (organization, join_date) serves every look-up by it.
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="members",
        db_index=False,
    )  # fmt: skip
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
    leave_date = models.DateField(_("离会日期"), null=True, blank=True)
    key_group = models.CharField(_("重点群体"), max_length=10, choices=KeyGroup, blank=True)
    is_migrant = models.BooleanField(_("是否农民工"), default=False)

    ORG_FIELD = "organization"
    # The list badge of each state (unionhub.core.templatetags.ui.badge).
    BADGE_TONES = {"status": {Status.ACTIVE: "ok", Status.TRANSFERRED: "warn", Status.LEFT: "err"}}
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("会员")
        verbose_name_plural = _("会员")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="在会", leave_date__isnull=True)
                | Q(status__in=["转出", "退会"], leave_date__isnull=False, leave_date__gte=F("join_date")),
                name="member_leave_date_with_status",
                violation_error_message=_("转出或退会须填写不早于入会日期的离会日期,在会会员不填离会日期"),
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "join_date"], name="member_org_join"),
            models.Index(fields=["key_group", "join_date"], name="member_group_join"),
            models.Index(fields=["join_date"], name="member_join"),
            models.Index(fields=["leave_date"], name="member_leave", condition=Q(leave_date__isnull=False)),
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


class TransferState(models.TextChoices):
    PENDING = "待接收", _("待接收")
    ACCEPTED = "已转入", _("已转入")
    DECLINED = "已拒绝", _("已拒绝")
    WITHDRAWN = "已撤回", _("已撤回")


@pghistory.track(model_name="TransferEvent", append_only=True)
@pgtrigger.register(pgtrigger.Protect(name="transfer_never_deleted", operation=pgtrigger.Delete))
class Transfer(HappenedDates, ImportTracked):
    """会员转接: a member's move from one organization of the federation to another, started by
    the sending organization and accepted (or declined) by the receiving one. Only an accepted
    transfer changes the member's organization: it closes the open period on `date` and opens
    one at `to_organization` (services.transfer_accept)."""

    State = TransferState
    HAPPENED = ("date",)

    member = models.ForeignKey(
        Member, verbose_name=_("会员"), on_delete=models.PROTECT, related_name="transfers"
    )
    from_organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("转出组织"), on_delete=models.PROTECT, related_name="+"
    )
    to_organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("转入组织"), on_delete=models.PROTECT, related_name="+"
    )
    new_employer = models.ForeignKey(
        Employer,
        verbose_name=_("转入单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    date = models.DateField(_("转接日期"))
    state = models.CharField(_("状态"), max_length=3, choices=TransferState, default=TransferState.PENDING)
    note = models.CharField(_("转接说明"), max_length=200, blank=True)
    reason = models.CharField(_("处理意见"), max_length=200, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    started_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    BADGE_TONES = {
        "state": {
            TransferState.ACCEPTED: "ok",
            TransferState.PENDING: "warn",
            TransferState.DECLINED: "err",
            TransferState.WITHDRAWN: "err",
        }
    }

    class Meta:
        verbose_name = _("会员转接")
        verbose_name_plural = _("会员转接")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_organization=F("to_organization")),
                name="transfer_to_another_org",
                violation_error_message=_("转入组织不能与转出组织相同"),
            ),
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(state="待接收"),
                name="transfer_one_pending_per_member",
                violation_error_message=_("该会员已有一件待接收的转接"),
            ),
            models.UniqueConstraint(
                fields=["member", "date"],
                condition=Q(state="已转入"),
                name="transfer_one_accepted_per_member_day",
                violation_error_message=_("该会员在该日期已有一次转接"),
            ),
        ]
        indexes = [
            models.Index(fields=["to_organization", "state"], name="transfer_to_state"),
            models.Index(fields=["from_organization", "state"], name="transfer_from_state"),
            models.Index(fields=["date"], name="transfer_accepted_date", condition=Q(state="已转入")),
        ]

    def __str__(self):
        return f"{self.member} {self.date:%Y-%m-%d}"


# No two periods of a member overlap: [start, end) ranges, an empty one (a transfer on the day of
# joining) overlapping nothing. A plain check in a trigger (no btree_gist needed).
NO_OVERLAP = """
IF EXISTS (
    SELECT 1 FROM members_membershipperiod p
     WHERE p.member_id = NEW.member_id AND p.id <> NEW.id
       AND daterange(p.start, p."end", '[)') && daterange(NEW.start, NEW."end", '[)')
) THEN
    RAISE EXCEPTION 'membership periods of member % overlap', NEW.member_id USING ERRCODE = '23P01';
END IF;
RETURN NEW;
"""


@pghistory.track(
    pghistory.UpdateEvent("changed"),
    model_name="MembershipPeriodEvent",
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    append_only=True,
)
@pgtrigger.register(
    pgtrigger.Trigger(
        name="period_no_overlap",
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.UpdateOf("start", "end", "member_id"),
        condition=pgtrigger.Condition('NEW.transfer_id IS NOT NULL OR NEW."end" IS NOT NULL'),
        func=NO_OVERLAP,
    ),
    # A period goes only with its member (Member's delete trigger), never on its own.
    pgtrigger.Trigger(
        name="period_only_with_member",
        when=pgtrigger.Before,
        operation=pgtrigger.Delete,
        func="""
IF EXISTS (SELECT 1 FROM members_member WHERE id = OLD.member_id) THEN
    RAISE EXCEPTION 'a membership period is never deleted' USING ERRCODE = '23514';
END IF;
RETURN OLD;
""",
    ),
)
class MembershipPeriod(models.Model):
    """One stretch of a membership at one organization (and employer): from `start` (inclusive)
    to `end` (exclusive; empty while it lasts). A member is in `organization` on day d when
    start <= d < end. The first period starts on 入会日期 (no transfer); each accepted transfer
    opens the next; leaving ends the last on 离会日期. Written by the database's triggers and
    the transfer service only; nobody edits it."""

    # No single-column indexes: period_member_start and period_org_start lead with these columns.
    member = models.ForeignKey(
        Member, verbose_name=_("会员"), on_delete=models.PROTECT, related_name="periods", db_index=False
    )
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+",
        db_index=False,
    )  # fmt: skip
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("工作单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    start = models.DateField(_("起始日期"))
    end = models.DateField(_("结束日期"), null=True, blank=True)
    transfer = models.OneToOneField(
        Transfer,
        verbose_name=_("转接"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="period",
    )

    # Both ends are days something happened (a joining, a transfer, a leaving), never ahead.
    HAPPENED = ("start", "end")

    class Meta:
        verbose_name = _("会籍期间")
        verbose_name_plural = _("会籍期间")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="period_end_not_before_start",
                violation_error_message=_("结束日期不能早于起始日期"),
            ),
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(end__isnull=True),
                name="period_one_open_per_member",
                violation_error_message=_("一名会员同时只能有一个在会期间"),
            ),
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(transfer__isnull=True),
                name="period_one_joining_per_member",
                violation_error_message=_("一名会员只有一个入会期间"),
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "start"], name="period_org_start"),
            models.Index(fields=["member", "start"], name="period_member_start"),
            models.Index(fields=["start"], name="period_joining_start", condition=Q(transfer__isnull=True)),
        ]

    def __str__(self):
        return f"{self.member_id} {self.organization_id} {self.start}–{self.end or ''}"

import pghistory
import pgtrigger
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from unionhub.core.dates import HappenedDates
from unionhub.imports.models import ImportTracked
from unionhub.orgs.scoping import OrgScopedQuerySet

MONEY = {"max_digits": 14, "decimal_places": 2}


class Trade(models.Model):
    """工种: 维修电工, 汽车维修工, 钳工…; created on first use by an import."""

    name = models.CharField(_("工种"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("工种")
        verbose_name_plural = _("工种")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Contest(HappenedDates, ImportTracked):
    """技能大赛: a contest of one year at one level. The city's own (市级) contests rank their
    entrants from the scores; outside contests report the rank they gave."""

    HAPPENED_YEARS = ("year",)

    class Level(models.TextChoices):
        CITY = "市级", _("市级")
        PROVINCIAL = "自治区级", _("自治区级")
        NATIONAL = "全国", _("全国")

    year = models.PositiveSmallIntegerField(_("年度"))
    name = models.CharField(_("赛事名称"), max_length=100)
    level = models.CharField(_("赛事级别"), max_length=4, choices=Level)
    team_rank = models.PositiveIntegerField(
        _("团体名次"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("本市代表队在自治区级、全国赛事中的团体总分名次"),
    )

    class Meta:
        verbose_name = _("技能大赛")
        verbose_name_plural = _("技能大赛")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "year"],
                name="contest_name_year_unique",
                violation_error_message=_("同一年度已有同名赛事"),
            ),
            models.CheckConstraint(
                condition=Q(team_rank__isnull=True) | (Q(team_rank__gte=1) & ~Q(level="市级")),
                name="contest_team_rank_outside_only",
                violation_error_message=_("团体名次只用于自治区级、全国赛事,且不小于1"),
            ),
        ]

    def __str__(self):
        return f"{self.name}({self.year})"

    def get_absolute_url(self):
        return reverse("skills:contest", args=[self.pk])

    @property
    def ranks_from_scores(self) -> bool:
        return self.level == self.Level.CITY


class Entry(ImportTracked):
    """参赛成绩: one contestant in one trade of one contest."""

    contest = models.ForeignKey(
        Contest, verbose_name=_("赛事"), on_delete=models.PROTECT, related_name="entries"
    )
    trade = models.ForeignKey(Trade, verbose_name=_("工种"), on_delete=models.PROTECT, related_name="entries")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("选手"), on_delete=models.PROTECT, related_name="contest_entries"
    )
    employer = models.ForeignKey(
        "members.Employer",
        verbose_name=_("工作单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contest_entries",
    )
    score = models.DecimalField(
        _("成绩"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    rank = models.PositiveIntegerField(_("名次"), null=True, blank=True, validators=[MinValueValidator(1)])
    # False when the rank was computed from the scores (市级), so a new score may move it.
    rank_given = models.BooleanField(_("名次为填报"), default=False)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("参赛成绩")
        verbose_name_plural = _("参赛成绩")
        ordering = ["contest", "trade", "rank", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "trade", "person"],
                name="entry_once_per_trade",
                violation_error_message=_("该选手已报名本赛事的这个工种"),
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="entry_score_0_100",
                violation_error_message=_("成绩应在0到100之间"),
            ),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1),
                name="entry_rank_positive",
                violation_error_message=_("名次应不小于1"),
            ),
        ]
        indexes = [models.Index(fields=["contest", "trade", "rank"], name="entry_contest_trade_rank")]

    def __str__(self):
        return f"{self.person.name} {self.trade}"


class CraftsmanAward(HappenedDates, ImportTracked):
    """柳州工匠评选: one title (工匠 or 提名奖) per person per year."""

    HAPPENED_YEARS = ("year",)

    class Title(models.TextChoices):
        CRAFTSMAN = "工匠", _("工匠")
        NOMINEE = "提名奖", _("提名奖")

    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("称号"), max_length=4, choices=Title)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="craftsman_awards"
    )
    employer = models.ForeignKey(
        "members.Employer", verbose_name=_("工作单位"), on_delete=models.PROTECT, related_name="+"
    )
    industry = models.ForeignKey("members.Industry", verbose_name=_("行业"), on_delete=models.PROTECT)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("工匠评选")
        verbose_name_plural = _("工匠评选")
        ordering = ["-year", "title", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"],
                name="award_once_per_year",
                violation_error_message=_("该人员本年度已获评称号(每人每年只能评一次)"),
            )
        ]

    def __str__(self):
        return f"{self.year} {self.title} {self.person.name}"


# The subsidy is money: history is append-only and a promotion is never deleted, not even in
# bulk (database triggers).
@pghistory.track(
    model_name="PromotionSnapshot",
    obj_field=pghistory.ObjForeignKey(related_name="snapshots"),
    append_only=True,
)
@pgtrigger.register(pgtrigger.Protect(name="promotion_never_deleted", operation=pgtrigger.Delete))
class Promotion(HappenedDates, ImportTracked):
    """技能晋升: a person reached a level in a trade, with the training subsidy paid.

    The subsidy is money: promotions are never deleted and every change is snapshotted by the
    database (django-pghistory), imports and bulk updates included."""

    HAPPENED = ("certified_on",)

    class Level(models.TextChoices):
        INTERMEDIATE = "中级工", _("中级工")
        ADVANCED = "高级工", _("高级工")
        TECHNICIAN = "技师", _("技师")
        SENIOR_TECHNICIAN = "高级技师", _("高级技师")

    person = models.ForeignKey(
        "people.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="promotions"
    )
    trade = models.ForeignKey(
        Trade, verbose_name=_("工种"), on_delete=models.PROTECT, related_name="promotions"
    )
    level = models.CharField(_("晋升等级"), max_length=4, choices=Level)
    certified_on = models.DateField(_("取证日期"))
    subsidy = models.DecimalField(
        _("培训补贴"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("技能晋升")
        verbose_name_plural = _("技能晋升")
        ordering = ["-certified_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "trade", "level"],
                name="promotion_once_per_level",
                violation_error_message=_("该人员已有此工种此等级的晋升记录"),
            ),
            models.CheckConstraint(
                condition=Q(subsidy__isnull=True) | Q(subsidy__gte=0),
                name="promotion_subsidy_not_negative",
                violation_error_message=_("培训补贴不能为负数"),
            ),
        ]
        indexes = [models.Index(fields=["certified_on"], name="promotion_certified")]

    def __str__(self):
        return f"{self.person.name} {self.trade} {self.level}"


class ModelWorkerTitle(models.TextChoices):
    NATIONAL_MODEL = "全国劳动模范", _("全国劳动模范")
    NATIONAL_MEDAL = "全国五一劳动奖章", _("全国五一劳动奖章")
    REGIONAL_MODEL = "自治区劳动模范", _("自治区劳动模范")
    REGIONAL_MEDAL = "自治区五一劳动奖章", _("自治区五一劳动奖章")
    CITY_MODEL = "市劳动模范", _("市劳动模范")


@pghistory.track(model_name="ModelWorkerEvent", append_only=True)
class ModelWorker(HappenedDates, ImportTracked):
    """劳模: one title a person holds (全国劳动模范, 自治区五一劳动奖章, ...), awarded in a year;
    a person holds each title once. Model workers and craftsmen are the speakers of activities."""

    Title = ModelWorkerTitle
    HAPPENED_YEARS = ("year",)  # a title is awarded: never a year after this one

    person = models.ForeignKey(
        "people.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="model_worker_titles"
    )
    title = models.CharField(_("称号"), max_length=9, choices=ModelWorkerTitle)
    year = models.PositiveSmallIntegerField(_("年度"))
    employer = models.ForeignKey(
        "members.Employer",
        verbose_name=_("工作单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("劳模")
        verbose_name_plural = _("劳模")
        ordering = ["-year", "title", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "title"],
                name="model_worker_title_once",
                violation_error_message=_("该人员已有此称号"),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1949),
                name="model_worker_year_sane",
                violation_error_message=_("年度无效"),
            ),
        ]
        indexes = [models.Index(fields=["year", "title"], name="model_worker_year_title")]

    def __str__(self):
        return f"{self.person.name} {self.title}({self.year})"

    def get_absolute_url(self):
        return reverse("skills:model_worker", args=[self.pk])


def team_rank_problem(level: str, team_rank) -> str | None:
    if team_rank is not None and level == Contest.Level.CITY:
        return _("团体名次只用于自治区级、全国赛事")
    return None

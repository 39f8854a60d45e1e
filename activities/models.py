"""Activities (活动) and honours (荣誉): domain.md §6.

An activity is a dated piece of union work counted in sessions (场次) and person-times (参与人次):
a lecture tour with its speakers (people, by ID number: the model workers and craftsmen who
spoke), a speech contest, an exhibition, a training course for a named group, a meeting hosted.
An honour is what an organization received: a collective honour, a place in an assessment (with
its rank and the years in a row), a banner, an invitation to speak of its experience.

Each rule is written once, in `activity_problems` / `honour_problems` (field → Chinese message),
used by the models' clean(), the forms, the services and the import kinds, and backed by a
database constraint; the happened-date rule (never after today, start before end) is
`HAPPENED`/`DATE_ORDER` (unionhub/core/dates.py).
"""

import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from unionhub.core.dates import HappenedDates
from unionhub.imports.models import ImportTracked
from unionhub.orgs.scoping import OrgScopedQuerySet


class ActivityKind(models.TextChoices):
    LECTURE = "宣讲", _("宣讲")
    SPEECH_CONTEST = "演讲比赛", _("演讲比赛")
    EXHIBITION = "展览", _("展览")
    TRAINING = "培训", _("培训")
    MEETING = "会议", _("会议")
    CULTURE = "文体活动", _("文体活动")
    OTHER = "其他", _("其他")


class TraineeGroup(models.TextChoices):
    EMPLOYED = "在职职工", _("在职职工")
    MIGRANT = "农民工", _("农民工")
    UNEMPLOYED = "失业人员", _("失业人员")
    HARDSHIP = "困难职工", _("困难职工")


class MeetingLevel(models.TextChoices):
    NATIONAL = "全国", _("全国")
    REGION = "自治区", _("自治区")
    CITY = "市级", _("市级")


# The meetings the report lists as hosted (annual-report.md: 会议级别 全国 or 自治区).
HOSTED_LEVELS = (MeetingLevel.NATIONAL, MeetingLevel.REGION)


class HonourKind(models.TextChoices):
    COLLECTIVE = "集体荣誉", _("集体荣誉")
    RANKING = "考评排名", _("考评排名")
    BANNER = "锦旗", _("锦旗")
    EXPERIENCE = "经验交流", _("经验交流")


class HonourLevel(models.TextChoices):
    NATIONAL = "国家级", _("国家级")
    REGION = "自治区级", _("自治区级")
    CITY = "市级", _("市级")
    OTHER = "其他", _("其他")


def activity_problems(activity) -> dict[str, str]:
    """The activity's rules beyond single fields, field by field; a constraint backs each one."""
    problems = {}
    if activity.kind == ActivityKind.TRAINING:
        if not activity.trainee_group:
            problems["trainee_group"] = _("培训活动须填写培训对象")
    elif activity.trainee_group:
        problems["trainee_group"] = _("只有培训活动填写培训对象")
    if activity.meeting_level and activity.kind != ActivityKind.MEETING:
        problems["meeting_level"] = _("只有会议填写会议级别")
    return problems


def honour_problems(honour) -> dict[str, str]:
    problems = {}
    if honour.kind == HonourKind.RANKING:
        if honour.rank is None:
            problems["rank"] = _("考评排名须填写名次")
    elif honour.rank is not None:
        problems["rank"] = _("只有考评排名填写名次")
    if honour.years is not None and honour.kind != HonourKind.RANKING:
        problems["years"] = _("只有考评排名填写连续年数")
    return problems


@pghistory.track(
    model_name="ActivitySnapshot",
    obj_field=pghistory.ObjForeignKey(related_name="snapshots"),
    append_only=True,
)
class Activity(HappenedDates, ImportTracked):
    """活动: one activity of an organization, with its speakers."""

    # An activity is recorded once it has taken place: its counts are what happened.
    HAPPENED = ("start", "end")
    DATE_ORDER = (("start", "end"),)

    number = models.CharField(_("活动编号"), max_length=30, unique=True)
    kind = models.CharField(_("活动类型"), max_length=4, choices=ActivityKind)
    name = models.CharField(_("活动名称"), max_length=200)
    theme = models.CharField(_("主题"), max_length=200, blank=True)
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"))
    sessions = models.PositiveIntegerField(_("场次"), default=1, validators=[MinValueValidator(1)])
    participants = models.PositiveIntegerField(_("参与人次"), default=0)
    trainee_group = models.CharField(_("培训对象"), max_length=4, choices=TraineeGroup, blank=True)
    meeting_level = models.CharField(_("会议级别"), max_length=3, choices=MeetingLevel, blank=True)
    speakers = models.ManyToManyField(
        "people.Person",
        verbose_name=_("主讲人"),
        through="ActivitySpeaker",
        related_name="activities_spoken",
        blank=True,
    )
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["-start", "-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sessions__gte=1),
                name="activity_sessions_positive",
                violation_error_message=_("场次至少为1"),
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="activity_end_not_before_start",
                violation_error_message=_("结束日期不能早于开始日期"),
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=ActivityKind.TRAINING, trainee_group__in=TraineeGroup.values)
                    | (~Q(kind=ActivityKind.TRAINING) & Q(trainee_group=""))
                ),
                name="activity_trainee_group_for_training",
                violation_error_message=_("培训活动须填写培训对象,其他活动不填"),
            ),
            models.CheckConstraint(
                condition=Q(meeting_level="")
                | Q(kind=ActivityKind.MEETING, meeting_level__in=MeetingLevel.values),
                name="activity_meeting_level_for_meetings",
                violation_error_message=_("只有会议填写会议级别"),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ActivityKind.values),
                name="activity_kind_valid",
                violation_error_message=_("活动类型无效"),
            ),
        ]
        indexes = [models.Index(fields=["start"], name="activity_start")]

    def __str__(self):
        return f"{self.number} {self.name}"

    def get_absolute_url(self):
        return reverse("activities:detail", args=[self.pk])

    def clean(self):
        problems = activity_problems(self)
        if problems:
            raise ValidationError(problems)


@pghistory.track(
    pghistory.InsertEvent("speaker.add"),
    pghistory.DeleteEvent("speaker.remove"),
    model_name="ActivitySpeakerEvent",
)
class ActivitySpeaker(models.Model):
    """A person who spoke at an activity (its additions and removals are kept as events)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="speaker_links")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("主讲人")
        verbose_name_plural = _("主讲人")
        constraints = [models.UniqueConstraint(fields=["activity", "person"], name="activity_speaker_once")]

    def __str__(self):
        return f"{self.activity_id}:{self.person_id}"


@pghistory.track(
    model_name="HonourSnapshot", obj_field=pghistory.ObjForeignKey(related_name="snapshots"), append_only=True
)
class Honour(HappenedDates, ImportTracked):
    """荣誉: an honour an organization received."""

    HAPPENED = ("date",)

    name = models.CharField(_("荣誉名称"), max_length=200)
    kind = models.CharField(_("荣誉类型"), max_length=4, choices=HonourKind)
    awarded_by = models.CharField(_("颁发单位"), max_length=200)
    level = models.CharField(_("级别"), max_length=4, choices=HonourLevel)
    date = models.DateField(_("获得日期"))
    rank = models.PositiveIntegerField(_("名次"), null=True, blank=True, validators=[MinValueValidator(1)])
    years = models.PositiveIntegerField(
        _("连续年数"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属工会组织"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    ORG_FIELD = "organization"
    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("荣誉")
        verbose_name_plural = _("荣誉")
        ordering = ["-date", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "date", "organization"],
                name="honour_once_per_org_and_day",
                violation_error_message=_("该组织在同一天已登记同名荣誉"),
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=HonourKind.RANKING, rank__gte=1)
                    | (~Q(kind=HonourKind.RANKING) & Q(rank__isnull=True, years__isnull=True))
                ),
                name="honour_rank_for_rankings",
                violation_error_message=_("考评排名须填写名次;其他荣誉不填名次和连续年数"),
            ),
            models.CheckConstraint(
                condition=Q(years__isnull=True) | Q(years__gte=1),
                name="honour_years_positive",
                violation_error_message=_("连续年数至少为1"),
            ),
        ]
        indexes = [models.Index(fields=["date"], name="honour_date")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activities:honour", args=[self.pk])

    def clean(self):
        problems = honour_problems(self)
        if problems:
            raise ValidationError(problems)

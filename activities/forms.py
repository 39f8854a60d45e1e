import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from unionhub.core.filters import SearchFilter, sort_filter
from unionhub.orgs.forms import ScopedModelForm
from unionhub.people.idnumbers import validate_id_number
from unionhub.people.models import Person

from . import services
from .models import Activity, ActivityKind, Honour, HonourKind, HonourLevel, MeetingLevel, TraineeGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SpeakerChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} {obj.masked_id}"


class ActivityForm(ScopedModelForm):
    """An activity, its speakers named by ID number (one per line, or separated by 、,;). On a
    change the current speakers are shown masked, with a box to remove each: a full ID number is
    never written into the page."""

    fixed = ("number",)

    speaker_ids = forms.CharField(
        label=_("主讲人身份证号"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个,或用“、”“,”“;”分隔;须为本组织已登记的人员(会员、劳模、工匠等)"),
    )
    remove_speakers = SpeakerChoice(
        label=_("移除主讲人"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Activity
        fields = [
            "number",
            "kind",
            "name",
            "theme",
            "start",
            "end",
            "sessions",
            "participants",
            "trainee_group",
            "meeting_level",
            "organization",
        ]
        widgets = {"start": DATE, "end": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.user = user
        self.fields["trainee_group"].choices = [("", _("—(仅培训活动填写)")), *TraineeGroup.choices]
        self.fields["meeting_level"].choices = [("", _("—(仅会议填写)")), *MeetingLevel.choices]
        if self.instance.pk:
            self.fields["speaker_ids"].label = _("添加主讲人(身份证号)")
            self.fields["remove_speakers"].queryset = self.instance.speakers.order_by("name", "pk")
        else:
            del self.fields["remove_speakers"]

    def clean_speaker_ids(self):
        numbers = services.split_id_numbers(self.cleaned_data.get("speaker_ids", ""))
        for n in numbers:
            try:
                validate_id_number(n)
            except ValidationError as exc:
                raise ValidationError(f"{n}:{' '.join(exc.messages)}")
        try:
            self.added_speakers = services.speakers_resolve(numbers, user=self.user)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["speakers"])
        return numbers

    @property
    def speakers(self) -> list:
        """The speakers the activity will have: those kept, then those added."""
        removed = set(self.cleaned_data.get("remove_speakers") or [])
        kept = (
            [p for p in self.fields["remove_speakers"].queryset if p not in removed]
            if self.instance.pk
            else []
        )
        return kept + [p for p in self.added_speakers if p not in kept]


class HonourForm(ScopedModelForm):
    class Meta:
        model = Honour
        fields = ["name", "kind", "awarded_by", "level", "date", "rank", "years", "organization"]
        widgets = {"date": DATE}


class ActivityFilter(django_filters.FilterSet):
    q = SearchFilter("number", "name__contains", "theme__contains", label=_("搜索"))
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("活动类型"))
    year = django_filters.NumberFilter(field_name="start", lookup_expr="year", label=_("年度"))
    trainee_group = django_filters.ChoiceFilter(choices=TraineeGroup.choices, label=_("培训对象"))
    meeting_level = django_filters.ChoiceFilter(choices=MeetingLevel.choices, label=_("会议级别"))
    sort = sort_filter(("start", _("开始日期")), ("number", _("活动编号")), ("participants", _("参与人次")))

    class Meta:
        model = Activity
        fields = []


class HonourFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="contains", label=_("荣誉名称"))
    kind = django_filters.ChoiceFilter(choices=HonourKind.choices, label=_("荣誉类型"))
    level = django_filters.ChoiceFilter(choices=HonourLevel.choices, label=_("级别"))
    year = django_filters.NumberFilter(field_name="date", lookup_expr="year", label=_("年度"))

    class Meta:
        model = Honour
        fields = []

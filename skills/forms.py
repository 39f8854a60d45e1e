from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import employer_by_credit_code
from unionhub.core.filters import ALL, ALL_CHOICE
from unionhub.orgs.forms import ScopedModelForm
from unionhub.people.idnumbers import validate_id_number

from .models import Contest, CraftsmanAward, Entry, ModelWorker, ModelWorkerTitle, Promotion, Trade

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonFieldsMixin(forms.Form):
    """姓名 + 身份证号: the view resolves them to a person with services.save_with_person (people.person_resolve)."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号"), max_length=18)

    def clean_id_number(self):
        return validate_id_number(self.cleaned_data["id_number"])


def _employer_by_credit_code(form, user, **kwargs):
    employer_by_credit_code(form.fields["employer"], user, label=_("工作单位统一社会信用代码"), **kwargs)


class EntryForm(PersonFieldsMixin, ScopedModelForm):
    trade_name = forms.CharField(label=_("工种"), max_length=50, help_text=_("新工种会自动登记"))

    class Meta:
        model = Entry
        fields = ["employer", "score", "rank", "organization"]
        help_texts = {"rank": _("市级赛事可不填,按成绩自动排名(并列同名次)")}

    def __init__(self, *args, user, contest: Contest, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.instance.contest = contest
        _employer_by_credit_code(self, user)


class AwardForm(PersonFieldsMixin, ScopedModelForm):
    class Meta:
        model = CraftsmanAward
        fields = ["year", "title", "employer", "industry", "organization"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _employer_by_credit_code(self, user)


class PromotionForm(PersonFieldsMixin, ScopedModelForm):
    trade_name = forms.CharField(label=_("工种"), max_length=50, help_text=_("新工种会自动登记"))

    class Meta:
        model = Promotion
        fields = ["level", "certified_on", "subsidy", "organization"]
        widgets = {"certified_on": DATE}


class _ListFilter(forms.Form):
    """A list's filters: each one given keeps the rows its lookup (`lookups`: field -> lookup)
    finds with it, a text stripped; an invalid form finds nothing."""

    lookups: dict[str, str] = {}

    def apply(self, qs):
        if not self.is_valid():
            return qs.none()
        for name, lookup in self.lookups.items():
            value = self.cleaned_data[name]
            if value:
                qs = qs.filter(**{lookup: value.strip() if isinstance(value, str) else value})
        return qs


class PromotionFilter(_ListFilter):
    # A name only, carried in the URL; an ID number is searched by a POST (views.promotion_lookup).
    q = forms.CharField(label=_("姓名"), required=False, widget=forms.HiddenInput)
    year = forms.IntegerField(label=_("取证年度"), required=False, min_value=1949, max_value=2100)
    level = forms.ChoiceField(
        label=_("晋升等级"), required=False, choices=[ALL_CHOICE, *Promotion.Level.choices]
    )
    trade = forms.ModelChoiceField(
        label=_("工种"), required=False, queryset=Trade.objects.all(), empty_label=ALL
    )

    lookups = {
        "q": "person__name__startswith",
        "year": "certified_on__year",
        "level": "level",
        "trade": "trade",
    }


class ContestFilter(forms.Form):
    q = forms.CharField(label=_("赛事名称"), required=False)
    year = forms.IntegerField(label=_("年度"), required=False, min_value=1949, max_value=2100)
    level = forms.ChoiceField(label=_("级别"), required=False, choices=[ALL_CHOICE, *Contest.Level.choices])

    def apply(self, contests: list) -> list:
        if not self.is_valid():
            return []
        d = self.cleaned_data
        return [
            c
            for c in contests
            if (not d["q"] or d["q"] in c.name)
            and (not d["year"] or c.year == d["year"])
            and (not d["level"] or c.level == d["level"])
        ]


class ModelWorkerForm(PersonFieldsMixin, ScopedModelForm):
    """A model-worker title: the person by 姓名 + 身份证号 (found or created) when new; a title's
    person stays as it is on a change."""

    class Meta:
        model = ModelWorker
        fields = ["title", "year", "employer", "organization"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _employer_by_credit_code(self, user, invalid=_("该单位不存在或不在您的管辖范围内"))
        if self.instance.pk:
            del self.fields["name"], self.fields["id_number"]
            if self.instance.employer_id:
                self.initial["employer"] = self.instance.employer.credit_code


class ModelWorkerFilter(_ListFilter):
    q = forms.CharField(label=_("姓名"), required=False)
    title = forms.ChoiceField(
        label=_("称号"), required=False, choices=[ALL_CHOICE, *ModelWorkerTitle.choices]
    )
    year = forms.IntegerField(label=_("年度"), required=False, min_value=1949, max_value=2100)

    lookups = {"q": "person__name__startswith", "title": "title", "year": "year"}


class ContestForm(forms.ModelForm):
    """A contest's year, name and level (its results come as entries or an import)."""

    class Meta:
        model = Contest
        fields = ["year", "name", "level"]

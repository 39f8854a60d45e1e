import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhub.orgs.models import Organization
from unionhub.orgs.scoping import user_root, visible_orgs

from .models import Report
from .services import FIRST_YEAR, report_validate


def year_choices():
    return [(y, f"{y}年") for y in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


class OrgChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'　' * max(obj.depth, 0)}{obj.name}"


class ReportRequestForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=year_choices)
    org = OrgChoiceField(
        label=_("组织"), queryset=Organization.objects.none(), to_field_name="code", empty_label=None
    )
    as_of = forms.DateField(
        label=_("截至日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("不填则为当年12月31日;当年则为今天"),
    )

    def __init__(self, *args, user, **kwargs):
        # Its own element ids: the page also holds the reports filter, with a year of its own.
        kwargs.setdefault("auto_id", "request_%s")
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = visible_orgs(user).order_by("path")
        self.fields["org"].initial = getattr(user_root(user), "code", None)
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        if "year" in data:
            try:
                data["as_of"] = report_validate(
                    year=data["year"], as_of=data.get("as_of"), today=timezone.localdate()
                )
            except ValidationError as exc:
                self.add_error(None, exc)
        return data


class ReportFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(label=_("年度"), choices=year_choices, empty_label=_("全部"))
    organization = django_filters.ModelChoiceFilter(
        label=_("组织"),
        queryset=Organization.objects.none(),
        to_field_name="code",
        field_name="organization",
        empty_label=_("全部"),
    )
    published = django_filters.ChoiceFilter(
        label=_("发布状态"),
        choices=[("yes", _("已发布")), ("no", _("未发布"))],
        empty_label=_("全部"),
        method="filter_published",
    )
    ordering = django_filters.OrderingFilter(
        fields=(("created_at", "created_at"), ("year", "year"), ("as_of", "as_of")),
        field_labels={"created_at": _("申请时间"), "year": _("年度"), "as_of": _("截至日期")},
        label=_("排序"),
        empty_label=_("最新申请在前"),
    )

    class Meta:
        model = Report
        fields = ["year", "organization", "published"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organization"].queryset = visible_orgs(user).order_by("path")

    def filter_published(self, queryset, name, value):
        return queryset.filter(published_at__isnull=value != "yes")

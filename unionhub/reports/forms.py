import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhub.core.dates import latest_year
from unionhub.core.filters import sort_filter
from unionhub.orgs.models import Organization
from unionhub.orgs.scoping import user_root, visible_orgs

from .models import Report
from .registry import sections
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
        self.fields["year"].initial = latest_year(user_root(user))

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
    year = django_filters.ChoiceFilter(label=_("年度"), choices=year_choices)
    organization = django_filters.ModelChoiceFilter(
        label=_("组织"),
        queryset=Organization.objects.none(),
        to_field_name="code",
        field_name="organization",
    )
    published = django_filters.ChoiceFilter(
        label=_("发布状态"),
        choices=[("yes", _("已发布")), ("no", _("未发布"))],
        method="filter_published",
    )
    ordering = sort_filter(
        ("created_at", _("申请时间")),
        ("year", _("年度")),
        ("as_of", _("截至日期")),
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


class ReportWriteForm(forms.Form):
    """What officials write in a draft: a foreword; per section a headline (the proposal from
    the figures as its first value) and paragraphs before and after the generated text; sections
    of their own. The figures and their sentences are not fields: they are the records'."""

    OWN_FORMS = 3

    foreword = forms.CharField(label=_("前言"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        authored = report.authored or {}
        written = authored.get("sections") or {}
        previous = report.previous_figures or {}
        self.fields["foreword"].initial = authored.get("foreword", "")
        self.section_fields = []
        choices = [("", _("最前面"))]
        for section in sections():
            if section.key not in (report.figures or {}):
                continue
            mine = written.get(section.key) or {}
            data = report.figures[section.key]
            proposal = section.proposal(data, previous.get(section.key))
            names = {part: f"{section.key}__{part}" for part in ("headline", "before", "after")}
            self.fields[names["headline"]] = forms.CharField(
                label=_("标题"),
                required=False,
                initial=mine.get("headline") or proposal,
                help_text=_("建议:%(p)s") % {"p": proposal},
            )
            self.fields[names["before"]] = forms.CharField(
                label=_("前段文字"),
                required=False,
                initial=mine.get("before", ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[names["after"]] = forms.CharField(
                label=_("后段文字"),
                required=False,
                initial=mine.get("after", ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.section_fields.append(
                {
                    "key": section.key,
                    "title": section.title,
                    "proposal": proposal,
                    "fields": [self[names[p]] for p in ("headline", "before", "after")],
                }
            )
            choices.append((section.key, _("“%(s)s”之后") % {"s": section.title}))
        own = list(authored.get("own") or [])
        self.own_fields = []
        for i in range(len(own) + self.OWN_FORMS):
            item = own[i] if i < len(own) else {}
            self.fields[f"own{i}__title"] = forms.CharField(
                label=_("标题"), required=False, initial=item.get("title", "")
            )
            self.fields[f"own{i}__body"] = forms.CharField(
                label=_("正文"),
                required=False,
                initial=item.get("body", ""),
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"own{i}__after"] = forms.ChoiceField(
                label=_("位置"), required=False, choices=choices, initial=item.get("after", "")
            )
            self.own_fields.append([self[f"own{i}__{p}"] for p in ("title", "body", "after")])
        self._own_count = len(own) + self.OWN_FORMS

    def authored(self) -> dict:
        """The cleaned form as `Report.authored` (authoring.authored_clean checks it again)."""
        d = self.cleaned_data
        sections_written = {
            s["key"]: {p: d.get(f"{s['key']}__{p}", "") for p in ("headline", "before", "after")}
            for s in self.section_fields
        }
        # A headline left as proposed is not the officials' own: it stays a proposal.
        for s in self.section_fields:
            if sections_written[s["key"]]["headline"].strip() == s["proposal"]:
                sections_written[s["key"]]["headline"] = ""
        own = [
            {p: d.get(f"own{i}__{p}", "") for p in ("title", "body", "after")} for i in range(self._own_count)
        ]
        return {"foreword": d.get("foreword", ""), "sections": sections_written, "own": own}

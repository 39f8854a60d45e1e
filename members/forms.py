"""Forms and list filters. Forms check what the import checks (the same rule functions in
services.py) and put each message beside its field."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhub.core.dates import HappenedDateField
from unionhub.core.filters import YES_NO_ALL, sort_filter
from unionhub.orgs.choices import OrgSelect
from unionhub.orgs.filters import ScopedFilterSet, SubtreeFilter
from unionhub.orgs.scoping import visible_orgs
from unionhub.people.idnumbers import normalize_credit_code, validate_credit_code, validate_id_number

from .models import Drive, Employer, Industry, KeyGroup, Member
from .services import drive_problems, employer_problems

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PHONE = forms.RegexField(
    label=_("手机号"),
    regex=r"^1\d{10}$",
    required=False,
    error_messages={"invalid": _("手机号应为11位数字")},
)


def _employer_by_code(user, code: str, *, own_code: str = "") -> Employer:
    """An employer the user may see, named by its credit code (as the import names it)."""
    code = validate_credit_code(code)
    if own_code and code == own_code:
        raise ValidationError(_("单位不能是自己的链主企业"))
    employer = Employer.objects.visible_to(user).filter(credit_code=code).first()
    if employer is None:
        raise ValidationError(_("单位“%(code)s”不存在或不在您的管辖范围内") % {"code": code})
    return employer


def employer_by_credit_code(field: forms.ModelChoiceField, user, *, label: str, invalid: str | None = None):
    """A record's employer field (another area's form too): an employer of the user's subtree,
    typed in as its credit code; `invalid` is the message for a code it does not find."""
    field.queryset = Employer.objects.visible_to(user)
    field.widget = forms.TextInput()
    field.to_field_name = "credit_code"
    field.label = label
    if invalid is not None:
        field.error_messages["invalid_choice"] = invalid


class OrgField(forms.ModelChoiceField):
    widget = OrgSelect

    def label_from_instance(self, obj):
        return f"{'　' * obj.depth}{obj.name}({obj.code})"


# --- members ---------------------------------------------------------------------------------


class MemberForm(forms.Form):
    """Enter a member (or correct one: the ID number is then fixed)."""

    id_number = forms.CharField(label=_("身份证号"), max_length=18)
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = PHONE
    organization = OrgField(label=_("所属工会组织"), queryset=None)
    employer_code = forms.CharField(
        label=_("工作单位统一社会信用代码"), max_length=18, required=False, help_text=_("可不填")
    )
    key_group = forms.ChoiceField(
        label=_("重点群体"), choices=[("", "—")] + list(KeyGroup.choices), required=False
    )
    is_migrant = forms.BooleanField(label=_("是否农民工"), required=False)
    join_date = HappenedDateField(label=_("入会日期"), widget=DATE)

    def __init__(self, *args, user, member: Member | None = None, **kwargs):
        if member is not None:
            kwargs.setdefault(
                "initial",
                {
                    "id_number": member.person.masked_id,
                    "name": member.person.name,
                    "phone": member.person.phone,
                    "organization": member.organization_id,
                    "employer_code": member.employer.credit_code if member.employer_id else "",
                    "key_group": member.key_group,
                    "is_migrant": member.is_migrant,
                    "join_date": member.join_date,
                },
            )
        super().__init__(*args, **kwargs)
        self.user, self.member = user, member
        self.fields["organization"].queryset = visible_orgs(user)
        if member is not None:
            self.fields["id_number"].disabled = True
            self.fields["id_number"].help_text = _("身份证号不能修改")
            # The organization changes only through a transfer (会员转接), never by a correction.
            del self.fields["organization"]

    def clean_id_number(self):
        if self.member is not None:
            return self.member.person.id_number
        return validate_id_number(self.cleaned_data["id_number"])

    def clean_employer_code(self):
        code = self.cleaned_data["employer_code"].strip()
        if not code:
            return None
        if self.member is not None and self.member.employer_id and code == self.member.employer.credit_code:
            # Kept as it is: a member transferred in keeps the employer of the old district
            # until someone sets another (which must then be one the user sees).
            return self.member.employer
        return _employer_by_code(self.user, code)

    def clean_join_date(self):
        join_date = self.cleaned_data["join_date"]
        if join_date > timezone.localdate():
            raise ValidationError(_("入会日期不能晚于今天"))
        return join_date

    def values(self) -> dict:
        d = self.cleaned_data
        values = {
            "employer": d["employer_code"],
            "join_date": d["join_date"],
            "key_group": d["key_group"],
            "is_migrant": d["is_migrant"],
        }
        if "organization" in self.fields:
            values["organization"] = d["organization"]
        return values


class MemberFilter(ScopedFilterSet):
    """The member list's filters; each is served by an index of Member (organization+join_date,
    key_group+join_date, join_date) or of Employer (industry+has_union)."""

    organization = SubtreeFilter()
    key_group = django_filters.ChoiceFilter(label=_("重点群体"), choices=KeyGroup.choices)
    status = django_filters.ChoiceFilter(label=_("会员状态"), choices=Member.Status.choices)
    is_migrant = django_filters.TypedChoiceFilter(
        label=_("是否农民工"), choices=YES_NO_ALL, coerce=lambda v: v == "true", empty_value=None
    )
    join_year = django_filters.NumberFilter(label=_("入会年度"), method="joined_in")
    industry = django_filters.ModelChoiceFilter(
        label=_("行业"),
        queryset=Industry.objects.all(),
        field_name="employer__industry",
    )
    has_union = django_filters.TypedChoiceFilter(
        label=_("单位是否建会"), choices=YES_NO_ALL, coerce=lambda v: v == "true", method="employer_union"
    )
    employer = django_filters.CharFilter(label=_("工作单位(名称或信用代码)"), method="employer_named")
    sort = sort_filter(
        ("join_date", _("入会日期")),
        ("person__name", _("姓名"), "name"),
        ("organization__path", _("组织"), "organization"),
    )

    class Meta:
        model = Member
        fields = []

    def joined_in(self, queryset, name, value):
        # A date range rather than __year, so the join_date indexes serve it.
        year = int(value)
        if not 1900 <= year <= 2100:
            return queryset.none()
        return queryset.filter(join_date__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))

    def employer_union(self, queryset, name, value):
        if value is None or value == "":
            return queryset
        return queryset.filter(employer__has_union=value)

    def employer_named(self, queryset, name, value):
        value = value.strip()
        code = normalize_credit_code(value)
        if len(code) == 18:
            return queryset.filter(employer__credit_code=code)
        return queryset.filter(employer__name__contains=value)


# --- employers -------------------------------------------------------------------------------


class EmployerForm(forms.ModelForm):
    lead_code = forms.CharField(
        label=_("链主企业统一社会信用代码"),
        max_length=18,
        required=False,
        help_text=_("产业链联建的龙头企业,可不填"),
    )

    class Meta:
        model = Employer
        fields = [
            "name",
            "credit_code",
            "organization",
            "industry",
            "ownership",
            "headcount",
            "has_union",
            "union_founded_on",
        ]
        field_classes = {"organization": OrgField}
        widgets = {"union_founded_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organization"].queryset = visible_orgs(user)
        if self.instance.pk:
            self.fields["credit_code"].disabled = True
            if self.instance.lead_id:
                self.initial["lead_code"] = self.instance.lead.credit_code

    def clean_credit_code(self):
        return validate_credit_code(self.cleaned_data["credit_code"])

    def clean_lead_code(self):
        code = self.cleaned_data["lead_code"].strip()
        if not code:
            return None
        own = self.cleaned_data.get("credit_code") or self.instance.credit_code
        return _employer_by_code(self.user, code, own_code=own)

    def clean(self):
        cleaned = super().clean()
        if "has_union" in cleaned and "union_founded_on" not in self.errors:
            for field, message in employer_problems(
                credit_code=cleaned.get("credit_code") or self.instance.credit_code,
                has_union=cleaned["has_union"],
                union_founded_on=cleaned.get("union_founded_on"),
                lead_code=None,
                today=timezone.localdate(),
            ).items():
                self.add_error(field, message)
        return cleaned

    def save(self, commit=True):
        # `lead` is no field of the form (it is named by its code), so the model's checks of it
        # run in services.employer_save.
        self.instance.lead = self.cleaned_data.get("lead_code")
        return super().save(commit=commit)


class EmployerFilter(ScopedFilterSet):
    organization = SubtreeFilter()
    industry = django_filters.ModelChoiceFilter(label=_("行业"), queryset=Industry.objects.all())
    ownership = django_filters.ChoiceFilter(label=_("经济类型"), choices=Employer.Ownership.choices)
    has_union = django_filters.TypedChoiceFilter(
        label=_("是否建会"), choices=YES_NO_ALL, coerce=lambda v: v == "true", empty_value=None
    )
    founded_year = django_filters.NumberFilter(
        label=_("建会年度"), field_name="union_founded_on", lookup_expr="year"
    )
    chain = django_filters.TypedChoiceFilter(
        label=_("产业链"),
        choices=[("", _("全部")), ("lead", _("链主企业")), ("member", _("链上企业"))],
        method="on_chain",
    )
    lead = django_filters.NumberFilter(field_name="lead_id", widget=forms.HiddenInput)
    sort = sort_filter(
        ("name", _("单位名称")), ("headcount", _("职工人数")), ("union_founded_on", _("建会日期"), "founded")
    )

    class Meta:
        model = Employer
        fields = []

    def on_chain(self, queryset, name, value):
        if value == "lead":
            return queryset.filter(Q(chain_members__isnull=False)).distinct()
        if value == "member":
            return queryset.filter(lead__isnull=False)
        return queryset


# --- drives ----------------------------------------------------------------------------------


class DriveForm(forms.ModelForm):
    class Meta:
        model = Drive
        fields = [
            "name",
            "key_group",
            "industry",
            "start",
            "end",
            "population",
            "target_join_rate",
            "target_founding_rate",
            "organization",
        ]
        field_classes = {"organization": OrgField}
        widgets = {"start": DATE, "end": DATE}
        help_texts = {
            "target_join_rate": _("百分比,0–100"),
            "target_founding_rate": _("百分比,0–100"),
            "industry": _("统计建会率的行业"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = visible_orgs(user)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end"):
            for field, message in drive_problems(start=cleaned["start"], end=cleaned["end"]).items():
                self.add_error(field, message)
        return cleaned


class IndustryForm(forms.ModelForm):
    class Meta:
        model = Industry
        fields = ["name"]


# --- leaving and transfers -------------------------------------------------------------------


class LeaveForm(forms.Form):
    """转出 (to a union outside this system) or 退会, with the day and the reason."""

    status = forms.ChoiceField(
        label=_("离会类型"),
        choices=[
            (Member.Status.TRANSFERRED, _("转出(转往本系统以外的工会)")),
            (Member.Status.LEFT, _("退会")),
        ],
    )
    leave_date = HappenedDateField(label=_("离会日期"), widget=DATE)
    reason = forms.CharField(label=_("原因"), max_length=200)


def find_organization(text: str):
    """Any organization of the federation, named by its code, its full name, or "name(code)" as
    the suggestions write it; a clear message when none or several match."""
    from unionhub.orgs.models import Organization

    text = text.strip()
    if "(" in text and text.endswith(")"):
        text = text.rsplit("(", 1)[1][:-1]
    by_code = Organization.objects.filter(code__iexact=text).first()
    if by_code is not None:
        return by_code
    named = list(Organization.objects.filter(name=text)[:2])
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise ValidationError(_("有多个组织名为“%(name)s”,请填写组织代码") % {"name": text})
    similar = list(Organization.objects.filter(name__contains=text).order_by("path")[:5]) if text else []
    if similar:
        raise ValidationError(
            _("未找到组织“%(text)s”,您是否要找:%(names)s")
            % {"text": text, "names": "、".join(f"{o.name}({o.code})" for o in similar)}
        )
    raise ValidationError(_("未找到组织“%(text)s”,请填写组织名称或组织代码") % {"text": text})


class TransferForm(forms.Form):
    """The sending side starts a transfer: the receiving organization (any of the federation, by
    name or code), the day, and optionally the member's new employer."""

    to_organization = forms.CharField(
        label=_("转入组织"),
        max_length=200,
        help_text=_("填写组织名称或组织代码,可以是本市任何工会组织"),
        widget=forms.TextInput(attrs={"list": "org-suggestions", "autocomplete": "off"}),
    )
    date = HappenedDateField(label=_("转接日期"), widget=DATE)
    employer_code = forms.CharField(
        label=_("转入单位统一社会信用代码"), max_length=18, required=False, help_text=_("不填则工作单位不变")
    )
    note = forms.CharField(label=_("转接说明"), max_length=200, required=False)

    def clean_to_organization(self):
        return find_organization(self.cleaned_data["to_organization"])

    def clean_employer_code(self):
        code = self.cleaned_data["employer_code"].strip().upper()
        if not code:
            return None
        code = validate_credit_code(code)
        employer = Employer.objects.filter(credit_code=code).first()
        if employer is None:
            raise ValidationError(_("单位“%(code)s”不存在") % {"code": code})
        return employer


class DecideForm(forms.Form):
    reason = forms.CharField(label=_("处理意见"), max_length=200, required=False)

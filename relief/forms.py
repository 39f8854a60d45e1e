"""Forms and list filters of the relief pages. The rules themselves are in models/services:
a form parses and looks things up, the service says what is wrong, field by field."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.models import Employer
from unionhub.core.dates import HappenedDateField
from unionhub.core.filters import SearchFilter, sort_filter
from unionhub.orgs.filters import ScopedFilterSet, SubtreeFilter
from unionhub.orgs.forms import ScopedModelForm
from unionhub.people.idnumbers import validate_credit_code, validate_id_number
from unionhub.people.services import person_in_scope

from .models import (
    CareService,
    Category,
    Cause,
    FileState,
    HardshipFile,
    Payment,
    ProgramKind,
    ReliefProgram,
    ServiceKind,
)
from .selectors import programs_usable_by

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FileForm(ScopedModelForm):
    """建档 and the edit of a file's facts; a new file names its person by ID number and name."""

    id_number = forms.CharField(label=_("身份证号"), max_length=18)
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.RegexField(
        label=_("手机号"),
        regex=r"^1\d{10}$",
        required=False,
        error_messages={"invalid": _("手机号应为11位数字")},
    )

    class Meta:
        model = HardshipFile
        fields = ["category", "cause", "household_size", "income_per_head", "organization", "filed_on"]
        widgets = {"filed_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk:
            for name in ("id_number", "name", "phone"):
                del self.fields[name]

    def clean_id_number(self):
        return validate_id_number(self.cleaned_data["id_number"])


class AttachmentForm(forms.Form):
    """A scanned document for a file; its type and size are checked by services.attachment_add."""

    attachment = forms.FileField(
        label=_("扫描件"),
        help_text=_("PDF、JPG 或 PNG,不超过10MB"),
        error_messages={"required": _("请选择要上传的文件"), "empty": _("文件为空")},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class VerifyForm(forms.Form):
    """复核认定 by a second person: the review day starts the notice (公示)."""

    reviewed_on = HappenedDateField(label=_("复核日期"), widget=DATE)


class VisitForm(forms.Form):
    """入户核查; the rules (dates, state) are services.visit_record's, beside these fields."""

    visited_on = HappenedDateField(label=_("核查日期"), widget=DATE)
    visitors = forms.CharField(
        label=_("核查人员"), max_length=200, help_text=_("参加入户核查的人员姓名,多人用顿号分隔")
    )
    finding = forms.CharField(label=_("核查情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(
        label=_("核查记录扫描件"),
        required=False,
        help_text=_("可选;PDF、JPG 或 PNG,不超过10MB"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("异议内容"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请填写异议内容")},
    )  # fmt: skip


class VerifiedOnCorrectionForm(forms.Form):
    verified_on = HappenedDateField(label=_("更正后的认定日期"), widget=DATE)
    reason = forms.CharField(
        label=_("更正原因"), max_length=500, error_messages={"required": _("请填写更正原因")}
    )


class ExitForm(forms.Form):
    exited_on = HappenedDateField(label=_("脱困日期"), widget=DATE)


class ProgramForm(ScopedModelForm):
    fixed = ("kind", "year")

    class Meta:
        model = ReliefProgram
        fields = ["kind", "year", "budget", "cap", "organization"]


class ProgramChoiceField(forms.ModelChoiceField):
    """Programs of several organizations share a kind and year: the label names the owner."""

    def label_from_instance(self, obj):
        return f"{obj}({obj.organization.name})"


class PaymentForm(forms.Form):
    """发放登记. The field names are the service's, so its refusals land beside their field."""

    program = ProgramChoiceField(label=_("帮扶项目"), queryset=ReliefProgram.objects.none())
    number = forms.CharField(label=_("发放编号"), max_length=30)
    person = forms.CharField(
        label=_("受助人员身份证号"), max_length=18, required=False, help_text=_("个人项目填写")
    )
    unit = forms.CharField(
        label=_("受助单位统一社会信用代码"),
        max_length=18,
        required=False,
        help_text=_("送清凉、游园活动填写"),
    )
    people_reached = forms.IntegerField(label=_("受益人数"), min_value=1, required=False)
    cash = forms.DecimalField(label=_("金额(元)"), min_value=0, max_digits=14, decimal_places=2)
    goods = forms.DecimalField(
        label=_("物资折款(元)"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    paid_on = HappenedDateField(label=_("发放日期"), widget=DATE)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)
    # Opened from a household's page: the file travels as its key, never as the person's full
    # ID number (the page shows the masked number; a blank person field pays the file's person).
    file = forms.ModelChoiceField(
        queryset=HardshipFile.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["program"].queryset = programs_usable_by(user).select_related("organization")
        self.fields["file"].queryset = HardshipFile.objects.visible_to(user).select_related("person")
        self.file = self._file()
        if self.file is not None:
            person = self.fields["person"]
            person.widget.attrs["placeholder"] = self.file.person.masked_id
            person.help_text = _("留空即发放给档案人员 %(name)s(%(id)s)") % {
                "name": self.file.person.name,
                "id": self.file.person.masked_id,
            }

    def _file(self):
        pk = self.data.get(self.add_prefix("file")) if self.is_bound else self.initial.get("file")
        if not str(pk or "").isdigit():
            return None
        return self.fields["file"].queryset.filter(pk=int(pk)).first()

    def clean_person(self):
        value = self.cleaned_data["person"].strip()
        if not value:
            return None
        # A number nobody has and a person of another subtree read the same.
        return person_in_scope(id_number=value, by=self.user, id_field=None)

    def clean_unit(self):
        value = self.cleaned_data["unit"].strip()
        if not value:
            return None
        code = validate_credit_code(value)
        unit = (
            Employer.objects.visible_to(self.user)
            .select_related("organization")
            .filter(credit_code=code)
            .first()
        )
        if unit is None:
            raise ValidationError(_("您的管辖范围内没有该统一社会信用代码的单位"))
        return unit

    def clean(self):
        data = super().clean()
        file = data.pop("file", None)
        if data.get("person") is None and file is not None and "person" not in self.errors:
            data["person"] = file.person
        return data


class CorrectionForm(forms.Form):
    """更正: the new values and why; the service records both in the payment's history."""

    cash = forms.DecimalField(label=_("金额(元)"), min_value=0, max_digits=14, decimal_places=2)
    goods = forms.DecimalField(label=_("物资折款(元)"), min_value=0, max_digits=14, decimal_places=2)
    paid_on = HappenedDateField(label=_("发放日期"), widget=DATE)
    people_reached = forms.IntegerField(label=_("受益人数"), min_value=1, required=False)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)
    reason = forms.CharField(
        label=_("更正原因"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("必填,记入发放历史"),
    )

    def __init__(self, *args, payment, **kwargs):
        initial = {f: getattr(payment, f) for f in ("cash", "goods", "paid_on", "people_reached", "note")}
        super().__init__(*args, initial=initial, **kwargs)
        if not payment.program.for_units:
            del self.fields["people_reached"]

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("reason")
        return {k: v for k, v in data.items() if self.initial.get(k) != v}


class CareServiceForm(ScopedModelForm):
    fixed = ("number",)

    class Meta:
        model = CareService
        fields = ["number", "kind", "point", "start", "end", "person_times", "goods", "organization"]
        widgets = {"start": DATE, "end": DATE}


class _ScopedFilterSet(ScopedFilterSet):
    """Filters whose organization choices are the user's subtree ("org" picks a subtree), and
    whose programs are those the user may use."""

    org = SubtreeFilter(label=_("组织(含下级)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if "program" in self.filters:
            self.filters["program"].queryset = programs_usable_by(user)


class FileFilter(_ScopedFilterSet):
    # A name only, carried in the URL; an ID number is searched by a POST (views.file_lookup).
    q = SearchFilter("person__name__startswith", label=_("姓名"), widget=forms.HiddenInput)
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("类别"))
    cause = django_filters.ChoiceFilter(choices=Cause.choices, label=_("致困原因"))
    state = django_filters.ChoiceFilter(choices=FileState.choices, label=_("认定状态"))
    year = django_filters.NumberFilter(field_name="filed_on", lookup_expr="year", label=_("建档年度"))
    program = django_filters.ModelChoiceFilter(
        queryset=ReliefProgram.objects.none(), method="filter_program", label=_("受助项目")
    )
    sort = sort_filter(
        ("filed_on", _("建档日期")),
        ("income_per_head", _("人均收入"), "income"),
        ("household_size", _("家庭人口"), "household"),
    )

    class Meta:
        model = HardshipFile
        fields = []

    def filter_program(self, qs, name, value):
        return qs.filter(payments__program=value).distinct()


class PaymentFilter(_ScopedFilterSet):
    q = SearchFilter(
        "number", "person__name__startswith", "unit__name__contains", label=_("发放编号、姓名或单位")
    )
    kind = django_filters.ChoiceFilter(
        field_name="program__kind", choices=ProgramKind.choices, label=_("项目类型")
    )
    year = django_filters.NumberFilter(field_name="program__year", label=_("年度"))
    sort = sort_filter(("paid_on", _("发放日期")), ("cash", _("金额")), ("number", _("发放编号")))

    class Meta:
        model = Payment
        fields = []


class CareFilter(_ScopedFilterSet):
    q = django_filters.CharFilter(field_name="point", lookup_expr="contains", label=_("服务点"))
    kind = django_filters.ChoiceFilter(choices=ServiceKind.choices, label=_("服务类型"))
    year = django_filters.NumberFilter(field_name="start", lookup_expr="year", label=_("年度"))

    class Meta:
        model = CareService
        fields = []

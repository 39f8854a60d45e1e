import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.forms import employer_by_credit_code
from unionhub.core.dates import HappenedDateField
from unionhub.core.filters import SearchFilter, sort_filter
from unionhub.orgs.forms import ScopedModelForm
from unionhub.people.idnumbers import validate_id_number

from .models import (
    Case,
    Cause,
    Channel,
    CollectiveContract,
    ContractKind,
    Handling,
    Lawyer,
    MonitoringReport,
    ReportKind,
    Risk,
    Signing,
    Status,
)

CASE_FIELDS = [
    "number",
    "received_on",
    "dispute_on",
    "channel",
    "is_group",
    "persons",
    "migrants",
    "applicant_name",
    "employer_name",
    "cause",
    "handling",
    "lawyer",
    "note",
    "organization",
]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseForm(ScopedModelForm):
    """The intake form (and the edit form): the model's rules give the errors, field by field."""

    fixed = ("number",)

    applicant_id_number = forms.CharField(
        label=_("当事人身份证号"), required=False, max_length=18, help_text=_("填写后关联或新建人员档案")
    )

    class Meta:
        model = Case
        fields = CASE_FIELDS
        widgets = {"received_on": DATE, "dispute_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["lawyer"].queryset = Lawyer.objects.all()
        if self.instance.pk:
            del self.fields["applicant_id_number"]

    def clean_applicant_id_number(self):
        value = self.cleaned_data.get("applicant_id_number", "")
        return validate_id_number(value) if value else ""


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("新状态"), choices=Status.choices)
    closed_on = HappenedDateField(label=_("结案日期"), required=False, widget=DATE)
    recovered = forms.DecimalField(label=_("追回金额(元)"), required=False, min_value=0, decimal_places=2)
    detail = forms.CharField(label=_("说明"), required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if data.get("status") == Status.CLOSED and not data.get("closed_on"):
            raise ValidationError({"closed_on": _("结案的案件须填写结案日期")})
        return data


class LawyerForm(forms.ModelForm):
    class Meta:
        model = Lawyer
        fields = ["name", "firm", "licence_number"]


class CaseFilter(django_filters.FilterSet):
    q = SearchFilter("number", "applicant_name__startswith", "employer_name__contains", label=_("搜索"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("来源"))
    cause = django_filters.ChoiceFilter(choices=Cause.choices, label=_("案由"))
    handling = django_filters.ChoiceFilter(choices=Handling.choices, label=_("处理方式"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("状态"))
    # "全部 / 是 / 否": Django's own choices for a yes/no filter read "未知", which says nothing here.
    migrant = django_filters.BooleanFilter(
        method="filter_migrant",
        label=_("涉及农民工"),
        widget=forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))]),
    )
    lawyer = django_filters.ModelChoiceFilter(queryset=Lawyer.objects.all(), label=_("代理律师"))
    month = django_filters.CharFilter(
        method="filter_month", label=_("受理月份"), widget=forms.TextInput(attrs={"type": "month"})
    )
    sort = sort_filter(("received_on", _("受理日期")), ("number", _("案件编号")), ("persons", _("涉及人数")))

    class Meta:
        model = Case
        fields = []

    def filter_migrant(self, qs, name, value):
        return qs.filter(migrants__gt=0) if value else qs.filter(migrants=0)

    def filter_month(self, qs, name, value):
        try:
            year, month = (int(x) for x in value.split("-"))
        except ValueError:
            return qs.none()
        return qs.filter(received_on__year=year, received_on__month=month)


# -- collective contracts and monitoring reports ----------------------------------------------


class ContractForm(ScopedModelForm):
    """A collective contract; the rules (contract_problems) give the errors field by field."""

    fixed = ("number",)

    covered_codes = forms.CharField(
        label=_("覆盖单位统一社会信用代码"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("区域性、行业性合同可列出覆盖的单位,用顿号、逗号或换行分隔(可选)"),
    )

    class Meta:
        model = CollectiveContract
        fields = [
            "number",
            "kind",
            "signing",
            "employer",
            "employers_covered",
            "workers_covered",
            "signed_on",
            "expires_on",
            "organization",
        ]
        widgets = {"signed_on": DATE, "expires_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        employer_by_credit_code(
            self.fields["employer"],
            user,
            label=_("签订单位统一社会信用代码"),
            invalid=_("该单位不存在或不在您的管辖范围内"),
        )
        if self.instance.pk:
            self.initial["covered_codes"] = "、".join(
                self.instance.covered.order_by("credit_code").values_list("credit_code", flat=True)
            )
            if self.instance.employer_id:
                self.initial["employer"] = self.instance.employer.credit_code


class MonitoringForm(ScopedModelForm):
    fixed = ("number",)

    class Meta:
        model = MonitoringReport
        fields = ["number", "sent_on", "kind", "title", "employers", "risk", "organization"]
        widgets = {"sent_on": DATE}


class ContractFilter(django_filters.FilterSet):
    q = SearchFilter("number", "employer__name__contains", label=_("合同编号或单位"))
    kind = django_filters.ChoiceFilter(choices=ContractKind.choices, label=_("合同类型"))
    signing = django_filters.ChoiceFilter(choices=Signing.choices, label=_("签订形式"))
    year = django_filters.NumberFilter(field_name="signed_on", lookup_expr="year", label=_("签订年度"))
    state = django_filters.ChoiceFilter(
        method="filter_state",
        choices=[("in_force", _("有效")), ("expired", _("已期满"))],
        label=_("状态"),
    )

    class Meta:
        model = CollectiveContract
        fields = []

    def filter_state(self, qs, name, value):
        today = timezone.localdate()
        if value == "in_force":
            return qs.filter(signed_on__lte=today, expires_on__gt=today)
        return qs.filter(expires_on__lte=today)


class MonitoringFilter(django_filters.FilterSet):
    q = SearchFilter("number", "title__contains", label=_("报告编号或标题"))
    kind = django_filters.ChoiceFilter(choices=ReportKind.choices, label=_("报告类型"))
    risk = django_filters.ChoiceFilter(choices=Risk.choices, label=_("风险等级"))
    year = django_filters.NumberFilter(field_name="sent_on", lookup_expr="year", label=_("报送年度"))

    class Meta:
        model = MonitoringReport
        fields = []

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Member
from unionhub.core.dates import HappenedDateField
from unionhub.core.filters import sort_filter
from unionhub.orgs.filters import ScopedFilterSet, SubtreeFilter
from unionhub.orgs.scoping import visible_orgs
from unionhub.people.idnumbers import normalize_credit_code, validate_id_number
from unionhub.people.services import out_of_scope

from .models import (
    CardStatus,
    MemberCard,
    Merchant,
    MerchantCategory,
    PerkDay,
    PerkSale,
    Store,
    card_number_validator,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CardFilter(ScopedFilterSet):
    """Filters of the card list; every one is served by an index (status+issued_on, the
    member's organization, issued_on)."""

    status = django_filters.ChoiceFilter(label=_("状态"), choices=CardStatus.choices)
    organization = SubtreeFilter()
    year = django_filters.NumberFilter(label=_("发卡年度"), field_name="issued_on", lookup_expr="year")
    sort = sort_filter(("issued_on", _("发卡日期")), ("number", _("卡号")))

    class Meta:
        model = MemberCard
        fields = ["status", "organization", "year"]


class CardIssueForm(forms.Form):
    id_number = forms.CharField(label=_("身份证号"), max_length=18)
    number = forms.CharField(label=_("卡号"), max_length=30, validators=[card_number_validator])
    issued_on = HappenedDateField(label=_("发卡日期"), widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.member = None

    def clean_id_number(self):
        number = validate_id_number(self.cleaned_data["id_number"])
        # A member of another subtree reads the same as a non-member: nothing is revealed.
        self.member = Member.objects.visible_to(self.user).filter(person__id_number=number).first()
        if self.member is None:
            raise out_of_scope(None)
        return number


class CardReissueForm(forms.Form):
    number = forms.CharField(label=_("新卡号"), max_length=30, validators=[card_number_validator])
    issued_on = HappenedDateField(label=_("补办日期"), widget=DATE)


class ParentBoundForm(forms.ModelForm):
    """A model form whose parent (the merchant of a store, the day of a sale) is fixed by the
    URL rather than chosen: constraints over the parent are still validated."""

    parent_fields: tuple[str, ...] = ()

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() - set(self.parent_fields)


class MerchantForm(forms.ModelForm):
    class Meta:
        model = Merchant
        fields = ["name", "credit_code", "category", "perks", "signed_on", "organization"]
        widgets = {"signed_on": DATE, "perks": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = visible_orgs(user)

    def clean_credit_code(self):
        return normalize_credit_code(self.cleaned_data["credit_code"])


class StoreForm(ParentBoundForm):
    parent_fields = ("merchant",)

    class Meta:
        model = Store
        fields = ["name", "address"]


class PerkDayForm(forms.ModelForm):
    class Meta:
        model = PerkDay
        fields = ["name", "date"]
        widgets = {"date": DATE}


class PerkSaleForm(ParentBoundForm):
    parent_fields = ("day",)

    class Meta:
        model = PerkSale
        fields = ["merchant", "sales", "discount"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merchant"].queryset = Merchant.objects.visible_to(user).order_by("name")

    def validate_constraints(self):
        # The model's clean() already put "discount above sales" beside the field; the same
        # CheckConstraint would only repeat it at the top of the form.
        if not self.has_error("discount"):
            super().validate_constraints()


class MerchantFilter(django_filters.FilterSet):
    """The merchant directory: by name, category and district."""

    q = django_filters.CharFilter(label=_("商户名称"), field_name="name", lookup_expr="contains")
    category = django_filters.ChoiceFilter(label=_("类别"), choices=MerchantCategory.choices)
    district = SubtreeFilter(label=_("所在县区"), empty_label=_("全部"), widget=forms.Select)

    class Meta:
        model = Merchant
        fields = ["q", "category", "district"]

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].queryset = districts

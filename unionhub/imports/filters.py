import django_filters
from django.utils.translation import gettext_lazy as _

from unionhub.core.filters import ALL_CHOICE, sort_filter

from .kinds import all_kinds
from .models import ImportBatch


def _kind_choices():
    return [(k.name, k.label) for k in all_kinds()]


class BatchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="filename", lookup_expr="icontains", label=_("文件名"))
    kind = django_filters.ChoiceFilter(choices=_kind_choices, label=_("类型"))
    state = django_filters.ChoiceFilter(choices=ImportBatch.State.choices, label=_("状态"))
    mine = django_filters.TypedChoiceFilter(
        label=_("只看我导入的"),
        choices=[ALL_CHOICE, ("true", _("是"))],
        coerce=lambda v: v == "true",
        method="filter_mine",
    )
    sort = sort_filter(("created_at", _("导入时间")), ("kind", _("类型")), ("rows", _("行数")))

    class Meta:
        model = ImportBatch
        fields = []

    def filter_mine(self, queryset, name, value):
        return queryset.filter(created_by=self.request.user) if value else queryset

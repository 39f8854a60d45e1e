"""What the list pages' filters (django-filter FilterSets) share: the sort drop-down, a text
searched in several fields, and the empty choice of a filter that is a plain form (全部: the
settings.FILTERS_EMPTY_CHOICE_LABEL of every FilterSet). The organization filter of the
user's subtree is unionhub/orgs/filters.py's."""

import functools
import operator

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.conf import settings as filter_settings
from django_filters.constants import EMPTY_VALUES

ALL = filter_settings.EMPTY_CHOICE_LABEL  # a filter's empty choice, 全部: no filtering by it
ALL_CHOICE = ("", ALL)
YES_NO_ALL = [ALL_CHOICE, ("true", _("是")), ("false", _("否"))]


def sort_filter(*columns, **kwargs) -> django_filters.OrderingFilter:
    """A list's 排序 drop-down: `columns` are (field, label), or (field, label, the name the URL
    gives it), in the drop-down's order; `kwargs` go to the OrderingFilter (`empty_label`)."""
    return django_filters.OrderingFilter(
        fields=tuple((field, param[0] if param else field) for field, _label, *param in columns),
        field_labels={field: label for field, label, *_param in columns},
        label=_("排序"),
        **{"empty_label": _("默认排序"), **kwargs},
    )


class SearchFilter(django_filters.CharFilter):
    """A text searched in several fields: the rows that any of `lookups` finds with it
    (`SearchFilter("number", "person__name__startswith", label=…)`: the number exactly, or the
    start of the name)."""

    def __init__(self, *lookups: str, **kwargs):
        super().__init__(**kwargs)
        self.lookups = lookups

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        value = value.strip()
        return functools.reduce(operator.or_, (qs.filter(**{lookup: value}) for lookup in self.lookups))

"""The organization filter of a list page: an organization of the user's subtree, choosing the
records of its subtree (`within`)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from .choices import OrgSelect
from .models import Organization
from .scoping import visible_orgs


class SubtreeFilter(django_filters.ModelChoiceFilter):
    """The records of the chosen organization's subtree; it offers the organizations the user
    sees (ScopedFilterSet sets them)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("所属工会组织"))
        kwargs.setdefault("empty_label", _("全部(含下属)"))
        kwargs.setdefault("widget", OrgSelect)
        super().__init__(queryset=Organization.objects.none(), **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.within(value)


class ScopedFilterSet(django_filters.FilterSet):
    """A list's filters for `user` (a keyword argument): each SubtreeFilter offers the
    organizations of the user's subtree."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.filters.values():
            if isinstance(f, SubtreeFilter):
                f.queryset = visible_orgs(user)

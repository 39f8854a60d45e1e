"""The one paginator of every list page: PAGE_SIZE rows a page, and for the lists that reach a
million rows a count that stops at a cap ("more than 100,000") instead of counting them all.

Templates: `{% include "includes/pagination.html" with page=page %}` for the pager and
`{% include "includes/count.html" with page=page unit=... %}` for the count above a table.

Counting still costs 10–30 ms of database time at city scale, on every request of every list
page. So the count is kept in the cache, keyed by the exact SQL (with its parameters) of the
count and by the version of the tables it reads (unionhub/core/changes.py): the subtree and
every filter of the list are in the key, so a user never gets another subtree's or another
filter's answer, and any committed write to one of those tables makes a new key, so the count
shown is always exact ("共 N"). Inside an atomic block (no version) it is counted every time.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.functional import cached_property

from .changes import remembered, versioned_rows

PAGE_SIZE = 50
COUNT_CAP = 100_000


class CountedPaginator(Paginator):
    """A paginator whose count of a queryset is kept in the cache until the tables it reads
    change (see above)."""

    cap: int | None = None

    @cached_property
    def count(self):
        if not hasattr(self.object_list, "query"):
            return super().count
        # Without select_related's joins (they never change a count), so that a list showing the
        # person's name is not counted again after a phone number changes.
        counted = self.object_list.order_by().select_related(None)
        if self.cap is not None:
            counted = counted[: self.cap + 1]
        return remembered("paging:count", counted, lambda qs: qs.count())

    def page(self, number):
        """Django's page, its rows carrying their `row_version` (unionhub/core/changes.py) for the
        kept rows of `{% cached_rows %}`."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = versioned_rows(self.object_list)
        return self._get_page((self.object_list if rows is None else rows)[bottom:top], number, self)


class CappedPaginator(CountedPaginator):
    """Counting a million rows costs more than the page itself: count up to `cap` and say "more
    than" beyond it (the capped count also bounds the pages)."""

    cap = COUNT_CAP

    @property
    def capped(self):
        return self.count > self.cap


def page_of(request, object_list, *, capped: bool = False, first: bool = False):
    """The page of `object_list` that `?page=` asks for (the first one with `first`)."""
    paginator = (CappedPaginator if capped else CountedPaginator)(object_list, PAGE_SIZE)
    return paginator.get_page(1 if first else request.GET.get("page"))


def render_list(request, template, filters, *, capped: bool = False, **context):
    """A list page (on templates/list_page.html): the filter set `filters` and the page of the
    rows it leaves, with `context`."""
    page = page_of(request, filters.qs, capped=capped)
    return render(request, template, {"filters": filters, "page": page, **context})

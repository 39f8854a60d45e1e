"""The one paginator of every list page: PAGE_SIZE rows a page, and for the lists that reach a
million rows a count that stops at a cap ("more than 100,000") instead of counting them all.

Templates: `{% include "includes/pagination.html" with page=page %}` for the pager and
`{% include "includes/count.html" with page=page unit=... %}` for the count above a table.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

PAGE_SIZE = 50
COUNT_CAP = 100_000


class CappedPaginator(Paginator):
    """Counting a million rows costs more than the page itself: count up to `cap` and say "more
    than" beyond it (the capped count also bounds the pages)."""

    cap = COUNT_CAP

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self):
        return self.count > self.cap


def page_of(request, object_list, *, capped: bool = False, first: bool = False):
    """The page of `object_list` that `?page=` asks for (the first one with `first`)."""
    paginator = (CappedPaginator if capped else Paginator)(object_list, PAGE_SIZE)
    return paginator.get_page(1 if first else request.GET.get("page"))

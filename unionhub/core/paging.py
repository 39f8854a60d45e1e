"""The one paginator of every list page: PAGE_SIZE rows a page, and for the lists that reach a
million rows a count that stops at a cap ("more than 100,000") instead of counting them all.

Templates: `{% include "includes/pagination.html" with page=page %}` for the pager and
`{% include "includes/count.html" with page=page unit=... %}` for the count above a table.

Counting the first cap + 1 rows still costs 20–30 ms at city scale, so the fact that a list is
over its cap is kept in the cache for CAPPED_TIMEOUT seconds, keyed by the exact SQL (with its
parameters) of the capped count: the subtree and every filter of the list are in the key, so a
user never gets another subtree's or another filter's answer. Only "more than the cap" is cached
(the page says "超过 N", which a minute cannot make untrue short of deleting most of a list); an
exact count ("共 N") is counted on every request.
"""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

PAGE_SIZE = 50
COUNT_CAP = 100_000
CAPPED_TIMEOUT = 60


def count_key(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    return "paging:capped:" + hashlib.sha256(repr((queryset.db, sql, params)).encode()).hexdigest()


class CappedPaginator(Paginator):
    """Counting a million rows costs more than the page itself: count up to `cap` and say "more
    than" beyond it (the capped count also bounds the pages)."""

    cap = COUNT_CAP

    @cached_property
    def count(self):
        capped = self.object_list.order_by()[: self.cap + 1]
        key = count_key(capped)
        if cache.get(key):
            return self.cap + 1
        n = capped.count()
        if n > self.cap:
            cache.set(key, True, CAPPED_TIMEOUT)
        return n

    @property
    def capped(self):
        return self.count > self.cap


def page_of(request, object_list, *, capped: bool = False, first: bool = False):
    """The page of `object_list` that `?page=` asks for (the first one with `first`)."""
    paginator = (CappedPaginator if capped else Paginator)(object_list, PAGE_SIZE)
    return paginator.get_page(1 if first else request.GET.get("page"))

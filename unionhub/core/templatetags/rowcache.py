"""The rendered rows of a list page, kept until the data they show changes.

    {% load rowcache %}
    <tbody>{% cached_rows page %}{% for m in page %}…{% endfor %}{% endcached_rows %}</tbody>

Rendering fifty rows is most of a list page's cost. What the rows show is decided by the page's
query (its SQL with the parameters: the user's subtree, every filter, the page), the tables every
query of the rendering read (the page's query, and any look-up a row makes), the user's
permissions (links and buttons), the language, the address (sorting and search words) and today's
date; all of these are the key, with the version of those tables (unionhub/core/changes.py),
which grows with every committed write to any of them. So a user gets rows only as another user
of the same subtree, permissions and address would have seen them from the same data.

The first request of a key only learns which tables its rendering reads (nothing is kept yet: a
table first met while rendering had no version read before it); later ones read those tables'
version first, then render or take the kept rows. A CSRF token in the rows is never kept: the
rows are kept with a placeholder that takes each request's own token. Inside a transaction (a
test's, a view's atomic block) nothing is kept.
"""

import hashlib

from django import template
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from unionhub.core.changes import KEPT_SECONDS, tables_in, version

register = template.Library()

CSRF_PLACEHOLDER = "__unionhub_csrf_token__"


class _TablesRead:
    """An execute wrapper that notes the tables of every query run while it is installed."""

    def __init__(self):
        self.tables: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        self.tables.update(tables_in(sql))
        return execute(sql, params, many, context)


def _permissions(user) -> str:
    if user is None or not user.is_authenticated:
        return "anonymous"
    perms = sorted(user.get_all_permissions())
    return hashlib.sha256(repr((user.is_superuser, perms)).encode()).hexdigest()


class CachedRowsNode(template.Node):
    def __init__(self, page, nodelist):
        self.page = page
        self.nodelist = nodelist

    def _render(self, context, db) -> tuple[str, set[str]]:
        reader = _TablesRead()
        with context.push(csrf_token=CSRF_PLACEHOLDER), connections[db].execute_wrapper(reader):
            html = self.nodelist.render(context)
        return html, reader.tables

    def _serve(self, context, html: str) -> str:
        if CSRF_PLACEHOLDER in html:
            html = html.replace(CSRF_PLACEHOLDER, str(context.get("csrf_token", "")))
        return mark_safe(html)  # noqa: S308 (rendered by the template engine, escaped there)

    def render(self, context):
        page = self.page.resolve(context)
        rows = getattr(page, "object_list", None)
        query = getattr(rows, "query", None)
        if query is None:
            return self.nodelist.render(context)
        request = context.get("request")
        try:
            sql, params = query.sql_with_params()
        except EmptyResultSet:  # a query that can find nothing: nothing to keep
            return self.nodelist.render(context)
        what = (
            context.template.name if context.template else "",
            self.origin.name if self.origin else "",
            self.token.position if self.token else None,
            rows.db,
            sql,
            params,
            _permissions(getattr(request, "user", None)),
            get_language(),
            request.get_full_path() if request is not None else "",
            timezone.localdate().isoformat(),
        )
        tables_key = "rows:tables:" + hashlib.sha256(repr(what).encode()).hexdigest()
        tables = cache.get(tables_key)
        if tables is None:
            html, read = self._render(context, rows.db)
            if connections[rows.db].in_atomic_block is False:
                cache.set(tables_key, sorted(read | set(tables_in(sql))), KEPT_SECONDS)
            return self._serve(context, html)
        tables_version = version(tables, using=rows.db)
        if tables_version is None:
            return self.nodelist.render(context)
        rows_key = f"rows:html:{tables_key}:{tables_version}"
        html = cache.get(rows_key)
        if html is None:
            html, read = self._render(context, rows.db)
            if read <= set(tables):
                cache.set(rows_key, html, KEPT_SECONDS)
            else:  # the rendering now reads another table: learn it, keep nothing this time
                cache.set(tables_key, sorted(read | set(tables)), KEPT_SECONDS)
        return self._serve(context, html)


@register.tag
def cached_rows(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("cached_rows takes the page: {% cached_rows page %}")
    nodelist = parser.parse(("endcached_rows",))
    parser.delete_first_token()
    return CachedRowsNode(parser.compile_filter(bits[1]), nodelist)

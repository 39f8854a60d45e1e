"""The rendered rows of a list page (and its filter panel), kept until the data they show changes.

    {% load rowcache %}
    <tbody>{% cached_rows page %}{% for m in page %}…{% endfor %}{% endcached_rows %}</tbody>
    {% cached_form form %}<form>…</form>{% endcached_form %}

Rendering fifty rows is most of a list page's cost. What the rows show is decided by the page's
query (its SQL with the parameters: the user's subtree, every filter, the page), the data of its
rows, the tables any look-up of a row reads, the user's permissions (links and buttons), the
language, the address (sorting and search words) and today's date; all of these are the key. The
rows' data is named by their row versions (changes.RowVersion: the xmin of every table row a
result row is made of, read with the rows; a page without them, a grouped one, by the version of
the tables its query reads), the look-ups by their tables' versions (unionhub/core/changes.py),
which grow with every committed write. So a user gets rows only as another user of the same
subtree, permissions and address would have seen them from the same data.

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

from unionhub.core.changes import KEPT_SECONDS, logged_tables, tables_in, version

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


def _render(nodelist, context, db) -> tuple[str, set[str]]:
    reader = _TablesRead()
    with context.push(csrf_token=CSRF_PLACEHOLDER), connections[db].execute_wrapper(reader):
        html = nodelist.render(context)
    return html, reader.tables


def _serve(context, html: str) -> str:
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, str(context.get("csrf_token", "")))
    return mark_safe(html)  # noqa: S308 (rendered by the template engine, escaped there)


def kept_render(node, context, what: tuple, *, db: str = "default", tables=(), named=None) -> str:
    """`node.nodelist` rendered, or kept from an earlier request with the same `what` and the same
    version of every table the rendering reads (`tables` are known to be read beforehand).
    `named` (the page's row versions, read with the rows before rendering) keys the rendering but
    not the learning of the tables it reads."""
    request = context.get("request")
    what = (
        context.template.name if context.template else "",
        node.origin.name if node.origin else "",
        node.token.position if node.token else None,
        db,
        _permissions(getattr(request, "user", None)),
        get_language(),
        request.get_full_path() if request is not None else "",
        timezone.localdate().isoformat(),
        *what,
    )
    tables_key = "kept:tables:" + hashlib.sha256(repr(what).encode()).hexdigest()
    known = cache.get(tables_key)
    if known is None:
        html, read = _render(node.nodelist, context, db)
        read |= set(tables)
        # Only tables the change log follows can key a kept rendering (not, say, a raw table).
        if connections[db].in_atomic_block is False and read <= logged_tables():
            cache.set(tables_key, sorted(read), KEPT_SECONDS)
        return _serve(context, html)
    tables_version = version(known, using=db) if known else 0
    if tables_version is None or connections[db].in_atomic_block:
        return node.nodelist.render(context)
    named_key = hashlib.sha256(repr(named).encode()).hexdigest()
    html_key = f"kept:html:{tables_key}:{tables_version}:{named_key}"
    html = cache.get(html_key)
    if html is None:
        html, read = _render(node.nodelist, context, db)
        if read <= set(known):
            cache.set(html_key, html, KEPT_SECONDS)
        elif read <= logged_tables():  # it now reads another table: learn it, keep nothing yet
            cache.set(tables_key, sorted(read | set(known)), KEPT_SECONDS)
        else:
            cache.delete(tables_key)
    return _serve(context, html)


class KeptNode(template.Node):
    """A block of a template whose rendering is kept (kept_render), of one value: `{% tag value %}`."""

    def __init__(self, value, nodelist):
        self.value = value
        self.nodelist = nodelist

    @classmethod
    def tag(cls, name: str, what: str):
        """The template tag `{% name what %}…{% endname %}` of this node."""

        def compile_tag(parser, token):
            bits = token.split_contents()
            if len(bits) != 2:
                raise template.TemplateSyntaxError(f"{name} takes the {what}: {{% {name} {what} %}}")
            nodelist = parser.parse((f"end{name}",))
            parser.delete_first_token()
            return cls(parser.compile_filter(bits[1]), nodelist)

        register.tag(name, compile_tag)


class CachedRowsNode(KeptNode):
    def render(self, context):
        page = self.value.resolve(context)
        rows = getattr(page, "object_list", None)
        query = getattr(rows, "query", None)
        if query is None or connections[rows.db].in_atomic_block:  # nothing kept in a transaction
            return self.nodelist.render(context)
        try:
            sql, params = query.sql_with_params()
        except EmptyResultSet:  # a query that can find nothing: nothing to keep
            return self.nodelist.render(context)
        if "row_version" not in query.annotations:
            return kept_render(self, context, (sql, params), db=rows.db, tables=tables_in(sql))
        # The page's rows carry their versions (CountedPaginator.page): the rows' own data is
        # named by them, so a change of one record misses only the pages that show it. The rows
        # are read before rendering, so every table the rendering reads is a row's own look-up
        # (another organization, say, even of a table the page's query reads): keyed by its
        # table's version.
        # One query: the rows themselves, each with its version (a second, lighter query of the
        # same WHERE would double a slow search's time whenever the page is not kept).
        page.object_list = objects = list(rows)
        versions = [(obj.pk, obj.row_version) for obj in objects]
        return kept_render(self, context, (sql, params), db=rows.db, named=versions)


def _choices(field, tables: set[str]) -> str:
    """What a form field offers, for the key: a queryset's SQL (so, the subtree; its tables go
    into `tables`) or the choices."""
    queryset = getattr(field, "queryset", None)
    if queryset is not None:
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:
            return "none"
        tables.update(tables_in(sql))
        return repr((sql, params))
    choices = getattr(field, "choices", None)
    if choices is None:
        return ""
    return repr([(str(value), str(label)) for value, label in field.widget.choices])


class CachedFormNode(KeptNode):
    def render(self, context):
        form = self.value.resolve(context)
        if form is None or not hasattr(form, "fields") or connections["default"].in_atomic_block:
            return self.nodelist.render(context)
        # The choices' tables are read beforehand: a drop-down served from its own cache
        # (unionhub/orgs/choices.py) reads none of them while rendering.
        tables: set[str] = set()
        what = (
            f"{type(form).__module__}.{type(form).__qualname__}",
            form.prefix,
            sorted(
                (k, form.data.getlist(k) if hasattr(form.data, "getlist") else form.data[k])
                for k in form.data
            ),
            [
                (
                    name,
                    type(field).__name__,
                    field.required,
                    _choices(field, tables),
                    repr(form.get_initial_for_field(field, name)),
                )
                for name, field in form.fields.items()
            ],
            [(name, str(e)) for name, e in form.errors.items()] if form.is_bound else [],
            str(context.get("clear", "")),
            str(context.get("keep_q", "")),
            bool(context.get("autosubmit")),
        )
        return kept_render(self, context, what, tables=tables)


CachedRowsNode.tag("cached_rows", "page")
# A form's rendering kept as the rows are (the filter panel of a list page: its drop-downs are
# most of its cost), keyed by what it offers and what it was given.
CachedFormNode.tag("cached_form", "form")

"""Organization drop-downs without rendering ~360 options through templates on every request.

`OrgSelect` renders its options once per distinct choice set and keeps the HTML in the cache. The
key is the exact SQL (with its parameters) of the field's queryset, so it names the subtree (and
any other filter) the choices come from: two users share an entry only when they would be shown
the same options. The key also carries the tree's version (bumped by a database trigger on any
change of `orgs_organization`, migration 0002) and the language, so a renamed, added or moved
organization is seen at once. The version is read before the organizations, so an entry can hold
newer options than its version, never older ones.
"""

import hashlib

from django import forms
from django.core.cache import cache
from django.db import connection
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

TIMEOUT = 24 * 3600


def tree_version() -> int:
    with connection.cursor() as cur:
        cur.execute("SELECT version FROM orgs_tree_version WHERE id = 1")
        return cur.fetchone()[0]


def options_key(choices: ModelChoiceIterator) -> str:
    field = choices.field
    sql, params = choices.queryset.query.sql_with_params()
    identity = repr(
        (
            sql,
            params,
            str(field.empty_label),
            f"{type(field).__module__}.{type(field).__qualname__}",
            get_language(),
        )
    )
    return f"orgs:options:{tree_version()}:{hashlib.sha256(identity.encode()).hexdigest()}"


def render_options(choices) -> str:
    return "".join(
        format_html('<option value="{}">{}</option>', "" if value is None else str(value), label)
        for value, label in choices
    )


class OrgSelect(forms.Select):
    """A Select of organizations (a ModelChoiceField's) whose options come from the cache."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = self.choices
        if not isinstance(choices, ModelChoiceIterator) or self.allow_multiple_selected:
            return super().render(name, value, attrs, renderer)
        key = options_key(choices)
        html = cache.get(key)
        if html is None:
            html = render_options(choices)
            cache.set(key, html, TIMEOUT)
        for selected in self.format_value(value):
            target = f'<option value="{escape(selected)}">'
            if target in html:
                html = html.replace(target, f'<option value="{escape(selected)}" selected>', 1)
                break
        attrs = self.build_attrs(self.attrs, attrs)
        return mark_safe(f'<select name="{escape(name)}"{flatatt(attrs)}>{html}</select>')  # noqa: S308

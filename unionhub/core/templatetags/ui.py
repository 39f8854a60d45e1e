"""The shared pieces of every list page: the tab bar of a work area and the status badge.

    {% load ui %}
    {% tabs _("帮扶救助") "relief:files" _("困难职工档案") "relief:programs" _("帮扶项目") %}
    {{ file|badge:"state" }}

`tabs` marks the page the user is on (aria-current="page"): the tab whose address is the
longest start of the current path, so a file's page is under 困难职工档案. A tab shown only
to holders of a permission names it after a bar: "legal:contracts|legal.view_collectivecontract". `badge` shows a
choice field's label in the tone its model declares in BADGE_TONES (choice → "ok", "warn",
"err"), so no template compares against the Chinese values.
"""

from functools import cache

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.inclusion_tag("includes/tabs.html", takes_context=True)
def tabs(context, label, *pairs):
    if len(pairs) % 2:
        raise template.TemplateSyntaxError("tabs takes a label, then URL names and labels in pairs")
    request = context.get("request")
    path = request.path if request is not None else ""
    user = getattr(request, "user", None)
    items = []
    for spec, text in zip(pairs[::2], pairs[1::2], strict=True):
        name, _bar, permission = spec.partition("|")
        if permission and not (user is not None and user.has_perm(permission)):
            continue
        items.append({"url": reverse(name), "label": text})
    matching = [i for i in items if path.startswith(i["url"])]
    current = max(matching, key=lambda i: len(i["url"]), default=None)
    for item in items:
        item["current"] = item is current
    return {"label": label, "items": items}


@register.filter
def badge(obj, field_name: str):
    """A choice field's value as a badge, toned by the model's BADGE_TONES."""
    return _badge_html(type(obj), field_name, getattr(obj, field_name), get_language())


@cache
def _badge_html(model, field_name: str, value, language: str) -> str:
    """The badge of one value in one language (a list page shows fifty; the choice's label is a
    lazy translation that get_FOO_display resolves anew on every call)."""
    tones = getattr(model, "BADGE_TONES", {}).get(field_name, {})
    tone = tones.get(value, "")
    shown = dict(model._meta.get_field(field_name).flatchoices).get(value, value)
    return format_html('<span class="badge{}">{}</span>', f" {tone}" if tone else "", shown)

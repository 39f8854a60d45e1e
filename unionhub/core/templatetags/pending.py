"""{% pending_work %}: the work waiting for the signed-in user (unionhub.core.pending)."""

from django import template

from unionhub.core.pending import pending_for

register = template.Library()


@register.inclusion_tag("core/_pending.html", takes_context=True)
def pending_work(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"groups": pending_for(user) if user is not None else []}

from functools import cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from .nav import nav_items


@cache
def _url(url_name: str, urlconf: str, prefix: str) -> str | None:
    """A navigation item's address, reversed once per process, URLconf and script prefix: every
    page asks."""
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return None


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = []
    for item in nav_items(user):
        url = _url(item.url_name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
        if url is None:
            continue
        items.append({"label": item.label, "url": url, "active": request.path.startswith(url)})
    return {"nav": items}

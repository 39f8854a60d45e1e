from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from unionhub.core.dates import latest_year
from unionhub.orgs.scoping import user_root
from unionhub.reports.figures import default_as_of
from unionhub.reports.selectors import dashboard_sections, live_figures

HOME_TILES = 4  # headline figures per work area on an official's home page


def home_figures(user, root) -> dict | None:
    """An official's home page: the headline figures of their subtree for the latest year with
    records (the dashboard has the rest)."""
    if root is None or not user.has_perm("reports.request_report"):
        return None
    year = latest_year(root)
    as_of = default_as_of(year, timezone.localdate())
    sections = [
        {"title": s["title"], "tiles": s["tiles"][:HOME_TILES]}
        for s in dashboard_sections(live_figures(org=root, as_of=as_of))
        if s["tiles"]
    ]
    return {"year": year, "as_of": as_of, "sections": sections}


@login_required
def home(request):
    root = user_root(request.user)
    return render(request, "home.html", {"root": root, "figures": home_figures(request.user, root)})

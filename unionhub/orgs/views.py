from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render

from unionhub.core.paging import page_of

from .scoping import user_root
from .selectors import org_breadcrumb, org_children, org_get_for_user, org_subtree_counts, users_of_subtree


@login_required
def tree(request):
    """The top of the user's own subtree."""
    root = user_root(request.user)
    if root is None:
        raise Http404
    return _render_org(request, root)


@login_required
def detail(request, code):
    return _render_org(request, org_get_for_user(user=request.user, code=code))


def _render_org(request, org):
    counts = org_subtree_counts(org=org)
    page = page_of(request, org_children(org=org))
    children = [(child, counts.get(child.code, {"orgs": 0, "users": 0})) for child in page]
    return render(
        request,
        "orgs/detail.html",
        {
            "org": org,
            "breadcrumb": org_breadcrumb(user=request.user, org=org),
            "totals": counts[""],
            "children": children,
            "page": page,
        },
    )


@login_required
@permission_required("orgs.view_user", raise_exception=True)
def users(request, code):
    org = org_get_for_user(user=request.user, code=code)
    query = request.GET.get("q", "").strip()
    page = page_of(request, users_of_subtree(org=org, query=query))
    return render(
        request,
        "orgs/users.html",
        {"org": org, "breadcrumb": org_breadcrumb(user=request.user, org=org), "page": page, "q": query},
    )

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from unionhub.core.forms import acted, cleaned, refuse, submitted
from unionhub.core.pages import permission_page
from unionhub.core.paging import page_of

from . import services
from .forms import FullIdForm, UserForm
from .scoping import user_root
from .selectors import (
    org_breadcrumb,
    org_children,
    org_get_for_user,
    org_subtree_counts,
    user_changes,
    user_get_managed,
    users_of_subtree,
)


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


@permission_page("orgs.view_user")
def users(request, code):
    org = org_get_for_user(user=request.user, code=code)
    query = request.GET.get("q", "").strip()
    page = page_of(request, users_of_subtree(org=org, query=query))
    return render(
        request,
        "orgs/users.html",
        {"org": org, "breadcrumb": org_breadcrumb(user=request.user, org=org), "page": page, "q": query},
    )


# --- user administration (issue 19: in the browser; the rules are in services) ----------------


USER_FIELDS = ("organization", "roles", "last_name", "first_name")


@permission_page("orgs.add_user")
def user_create(request, code):
    org = org_get_for_user(user=request.user, code=code)
    form = UserForm(request.POST or None, by=request.user, initial={"organization": org.pk})
    user = submitted(
        request,
        form,
        lambda f: services.user_create(
            by=request.user, username=f.cleaned_data["username"], **cleaned(f, *USER_FIELDS)
        ),
        done=_("已创建账号,请签发一次性重置链接交给本人设置密码"),
    )
    if user:
        return redirect("orgs:user", user.pk)
    return render(request, "orgs/user_form.html", {"form": form, "org": org, "editing": None})


@permission_page("orgs.change_user")
def user_detail(request, pk):
    user = user_get_managed(by=request.user, pk=pk)
    initial = {
        "username": user.username,
        "last_name": user.last_name,
        "first_name": user.first_name,
        "organization": user.organization_id,
        "roles": list(user.groups.values_list("name", flat=True)),
        "is_active": user.is_active,
    }
    form = UserForm(request.POST or None, by=request.user, editing=user, initial=initial)
    if submitted(
        request,
        form,
        lambda f: services.user_update(
            by=request.user, user=user, is_active=f.cleaned_data["is_active"], **cleaned(f, *USER_FIELDS)
        ),
    ):
        return redirect("orgs:user", user.pk)
    log = user_changes(user)
    context = {"form": form, "org": user.organization, "editing": user, "log": log}
    return render(request, "orgs/user_form.html", context | _full_id_state(request, user))


def _full_id_state(request, user) -> dict:
    return {"full_id": services.has_full_id(user), "may_set_full_id": services.may_set_full_id(request.user)}


@permission_page("orgs.change_user", post=True)
def user_reset(request, pk):
    user = user_get_managed(by=request.user, pk=pk)
    path = acted(request, lambda: services.user_reset_link(by=request.user, user=user))
    if not path:
        return redirect("orgs:user", user.pk)
    link = request.build_absolute_uri(path)
    return render(request, "orgs/user_reset.html", {"editing": user, "link": link})


@permission_page("orgs.change_user")
def user_full_id(request, pk):
    """Grant or take away the full-ID permission, after confirming on this page. Only a superuser
    may (services.may_set_full_id); an administrator of the subtree is told whom to ask, and
    another subtree's user is a 404 like any record of it."""
    user = user_get_managed(by=request.user, pk=pk)
    state = _full_id_state(request, user)
    form = FullIdForm(request.POST or None, initial={"allowed": "0" if state["full_id"] else "1"})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_full_id(
                by=request.user,
                user=user,
                allowed=form.cleaned_data["allowed"],
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied:
            form.add_error(None, _("无法在本组织办理,请联系上级工会"))
        except ValidationError as exc:
            refuse(form, exc)
        else:
            granted = form.cleaned_data["allowed"]
            messages.success(
                request, _("已授予查看完整身份证号的权限") if granted else _("已收回查看完整身份证号的权限")
            )
            return redirect("orgs:user", user.pk)
    return render(request, "orgs/user_full_id.html", {"form": form, "editing": user} | state)

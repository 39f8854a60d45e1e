"""Reads of the organization tree, always scoped to what the asking user may see."""

from collections import defaultdict

from django.db.models import CharField, Count, Func, Q, Value
from django.db.models.functions import Substr
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import PATH_SEP, Organization, User
from .scoping import org_visible_to, user_root


class SplitPart(Func):
    function = "split_part"
    output_field = CharField()


def _child_code(path_field: str, org: Organization):
    """The code of the child of `org` on the way down to a row (whose path is in `path_field`);
    "" for `org` itself. Lets one GROUP BY count whole subtrees per child."""
    return SplitPart(Substr(path_field, len(org.path) + 1), Value(PATH_SEP), Value(1))


def org_get_for_user(*, user, code: str) -> Organization:
    """The organization `code` if it is in `user`'s subtree, else 404 (never 403)."""
    org = Organization.objects.select_related("parent").filter(code=code).first()
    if not org_visible_to(user, org):
        raise Http404
    return org


def org_breadcrumb(*, user, org: Organization) -> list[Organization]:
    """The organizations from the user's own down to `org` (the parents above it stay hidden)."""
    root = user_root(user)
    codes = org.path.rstrip(PATH_SEP).split(PATH_SEP)
    qs = Organization.objects.filter(code__in=codes)
    if root is not None:
        qs = qs.filter(path__startswith=root.path)
    return list(qs.order_by("path"))


def org_children(*, org: Organization):
    # In the order they were created: the seed and the imports keep the official order.
    return Organization.objects.filter(parent=org).order_by("id")


def org_subtree_counts(*, org: Organization) -> dict[str, dict[str, int]]:
    """How many organizations lie below each child of `org` (keyed by the child's code) and how
    many active users work in its subtree; the key "" holds the same for `org` itself. Two
    queries, whatever the size of the tree."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"orgs": 0, "users": 0})
    orgs = (
        Organization.objects.filter(path__startswith=org.path)
        .annotate(child=_child_code("path", org))
        .values("child")
        .annotate(n=Count("id"))
        .order_by()
    )
    users = (
        User.objects.filter(organization__path__startswith=org.path, is_active=True)
        .annotate(child=_child_code("organization__path", org))
        .values("child")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in orgs:
        counts[row["child"]]["orgs"] = row["n"] - 1  # not counting the child itself
    for row in users:
        counts[row["child"]]["users"] = row["n"]
    own = counts[""]
    own["orgs"] = sum(c["orgs"] + 1 for code, c in counts.items() if code)
    own["users"] = sum(c["users"] for c in counts.values())
    return dict(counts)


def users_of_subtree(*, org: Organization, query: str = ""):
    """Users of `org` and everything below it, for the user list of admins."""
    qs = User.objects.filter(organization__path__startswith=org.path)
    if query:
        qs = qs.filter(
            Q(username__icontains=query) | Q(last_name__icontains=query) | Q(first_name__icontains=query)
        )
    return (
        qs.select_related("organization")
        .prefetch_related("groups")
        .order_by("organization__path", "username")
    )


def user_get_managed(*, by, pk) -> User:
    """A user of the administrator `by`'s subtree, else 404 (never a 403 that says it exists)."""
    user = get_object_or_404(User.objects.select_related("organization"), pk=pk)
    if not by.is_superuser and (user.is_superuser or not org_visible_to(by, user.organization)):
        raise Http404
    return user


def user_changes(user: User, *, shown: int = 50):
    """The latest changes of an account, for its page."""
    return user.changes.select_related("actor")[:shown]

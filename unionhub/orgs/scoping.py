"""The one scoping mechanism: every list, detail, form, export, import and report goes through it.

A scoped model declares `ORG_FIELD`, the lookup path to its Organization, and uses
`OrgScopedQuerySet`. A user sees the subtree of their own organization; superusers see all.
Records outside the subtree are simply not in the queryset, so a detail view answers 404, never
403, and never reveals that a sibling's record exists.
"""

from django.db import models
from django.http import Http404

from .models import Organization


class OrgScopedQuerySet(models.QuerySet):
    def within(self, org: Organization):
        """Records of `org` and everything below it."""
        return self.filter(**{f"{self.model.ORG_FIELD}__path__startswith": org.path})

    def visible_to(self, user):
        if user.is_superuser:
            return self
        org = getattr(user, "organization", None)
        if not user.is_authenticated or org is None:
            return self.none()
        return self.within(org)


def tree_root() -> Organization | None:
    """The root of the organization tree (None before the tree is imported)."""
    return Organization.objects.filter(parent__isnull=True).order_by("path").first()


def user_root(user) -> Organization | None:
    """The top of what `user` may see: their organization, or the tree's root for a superuser."""
    if user.organization_id:
        return user.organization
    if user.is_superuser:
        return tree_root()
    return None


def visible_orgs(user):
    if user.is_superuser:
        return Organization.objects.all()
    if not user.organization_id:
        return Organization.objects.none()
    return Organization.objects.filter(path__startswith=user.organization.path)


def org_visible_to(user, org: Organization | None) -> bool:
    if org is None:
        return False
    if user.is_superuser:
        return True
    return user.organization_id is not None and user.organization.contains(org)


def get_visible_or_404(queryset_or_model, user, **lookup):
    """The scoped twin of get_object_or_404: another subtree's record is a plain 404."""
    qs = queryset_or_model
    if isinstance(qs, type):
        qs = qs.objects.all()
    try:
        return qs.visible_to(user).get(**lookup)
    except qs.model.DoesNotExist:
        raise Http404


def _org_of(record) -> Organization | None:
    obj = record
    for part in type(record).ORG_FIELD.split("__"):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def require_scope(by, *things) -> None:
    """The services' own scope check, whatever the view did: `by` must see every organization or
    scoped record in `things` (an organization, a record with ORG_FIELD; None is skipped). For a
    record already saved, the organization it has in the database is checked as well as the one
    it carries now, so a record of another subtree cannot be changed, nor one moved out of the
    subtree. `by` None is the system (commands, imports check their own root). Refuses with
    PermissionDenied (the views answer 403; they have already given 404 for what they fetch)."""
    from django.core.exceptions import PermissionDenied

    if by is None or getattr(by, "is_superuser", False):
        return
    for thing in things:
        if thing is None:
            continue
        if isinstance(thing, Organization):
            orgs = [thing]
        else:
            model = type(thing)
            orgs = [_org_of(thing)]
            if thing.pk is not None:
                stored = (
                    model._default_manager.filter(pk=thing.pk)
                    .values_list(f"{model.ORG_FIELD}__path", flat=True)
                    .first()
                )
                if stored is not None and not (
                    by.organization_id and stored.startswith(by.organization.path)
                ):
                    raise PermissionDenied
        for org in orgs:
            if not org_visible_to(by, org):
                raise PermissionDenied

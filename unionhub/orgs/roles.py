"""Roles as Django groups: 工作人员 (staff), 领导 (officials), 管理员 (admins).

The groups and their permissions are (re)synchronised after every migrate, so a permission
added by a new model reaches its role without a hand-written data migration. Seeing a full ID
number (people.view_full_id) is never part of a role: it is granted to a user separately.
"""

from django.utils.translation import gettext_noop

from unionhub.core.areas import work_areas

# The group names stay Chinese in the database; pages translate them when they show them.
STAFF = gettext_noop("工作人员")
OFFICIAL = gettext_noop("领导")
ADMIN = gettext_noop("管理员")


def record_apps() -> list[str]:
    """The apps whose records staff keep: people and every work area."""
    return ["people", *(a.label for a in work_areas())]


def _record_perms(Permission, actions):
    return Permission.objects.filter(
        content_type__app_label__in=record_apps(), codename__regex=rf"^({'|'.join(actions)})_"
    ).exclude(codename="view_full_id")


def _area_extras(Permission, role):
    """The extra permissions the work areas give `role` (WorkAreaConfig.roles)."""
    perms = set()
    for area in work_areas():
        for perm in area.roles.get(role, []):
            app_label, codename = perm.split(".")
            perms |= set(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
    return perms


def role_permissions(Permission):
    staff = set(_record_perms(Permission, ["add", "change", "view"]))
    reports = set(
        Permission.objects.filter(content_type__app_label="reports", codename__in=["request_report"])
    )
    official = (
        set(_record_perms(Permission, ["view"]))
        | reports
        | set(Permission.objects.filter(content_type__app_label="reports", codename="publish_report"))
    )
    admin = (
        staff
        | reports
        | set(Permission.objects.filter(content_type__app_label="imports"))
        | set(
            Permission.objects.filter(
                content_type__app_label="orgs", codename__in=["view_user", "add_user", "change_user"]
            )
        )
    )
    roles = {STAFF: staff, OFFICIAL: official, ADMIN: admin}
    return {name: perms | _area_extras(Permission, name) for name, perms in roles.items()}


def sync_roles(sender=None, **kwargs):
    from django.contrib.auth.models import Group, Permission

    for name, perms in role_permissions(Permission).items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(perms)

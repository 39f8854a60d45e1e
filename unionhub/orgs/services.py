"""User administration inside the app (用户管理), for the administrators of a subtree.

The rules, for every path (the pages and the `users` import kind):
- an administrator manages the users of their own subtree only (the user's organization as
  stored and as given);
- grants, and takes away, only roles they hold themselves; never the full-ID permission, which
  only a superuser (the city's) grants;
- cannot change their own roles or organization, nor a superuser's account;
- never sets anyone's password: they issue a one-time reset link that the user completes (the
  token dies with the first password set, or after PASSWORD_RESET_TIMEOUT);
- every change is written to the append-only UserChange log.
/admin/ is for superusers only (unionhub/orgs/admin.py).
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import Organization, User, UserChange
from .roles import ADMIN, OFFICIAL, STAFF
from .scoping import org_visible_to

ROLES = [STAFF, OFFICIAL, ADMIN]
FULL_ID = "people.view_full_id"


def grantable_roles(by) -> list[str]:
    """The roles `by` may give or take away: those they hold (a superuser: all)."""
    if by.is_superuser:
        return list(ROLES)
    held = set(by.groups.values_list("name", flat=True))
    return [r for r in ROLES if r in held]


def _require_manager(by, perm: str):
    if not (by.is_superuser or by.has_perm(perm)):
        raise PermissionDenied


def _require_manages(by, user: User, organization: Organization | None):
    """`user` (as stored) and its new organization in `by`'s subtree; never a superuser's account
    unless `by` is one."""
    if by.is_superuser:
        return
    if user.is_superuser:
        raise PermissionDenied
    if user.pk:
        stored = User.objects.filter(pk=user.pk).select_related("organization").first()
        if stored is None or not org_visible_to(by, stored.organization):
            raise PermissionDenied
    if organization is None or not org_visible_to(by, organization):
        raise PermissionDenied


def _check_roles(by, roles) -> list[str]:
    roles = list(dict.fromkeys(roles))
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ValidationError({"roles": _("未知的角色:%(r)s") % {"r": "、".join(unknown)}})
    allowed = grantable_roles(by)
    beyond = [r for r in roles if r not in allowed]
    if beyond:
        raise ValidationError(
            {"roles": _("只能授予您本人拥有的角色,不能授予:%(r)s") % {"r": "、".join(_(r) for r in beyond)}}
        )
    return roles


def _log(by, user, action: str, detail: str = ""):
    UserChange.objects.create(
        actor=by if by and by.pk else None, user=user, action=action, detail=detail[:500]
    )


def _role_text(roles) -> str:
    return "、".join(_(r) for r in roles) or _("无")


@transaction.atomic
def user_create(
    *,
    by,
    username: str,
    organization: Organization,
    roles,
    last_name: str = "",
    first_name: str = "",
    email: str = "",
) -> User:
    """A new account of `organization` with `roles`, without a password: the user sets one
    through the one-time link (user_reset_link)."""
    _require_manager(by, "orgs.add_user")
    _require_manages(by, User(), organization)
    roles = _check_roles(by, roles)
    username = (username or "").strip()
    if not username:
        raise ValidationError({"username": _("请填写用户名")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("用户名“%(u)s”已被使用") % {"u": username}})
    user = User(
        username=username, organization=organization, last_name=last_name, first_name=first_name, email=email
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    _log(
        by,
        user,
        _("创建账号"),
        _("组织:%(org)s;角色:%(roles)s") % {"org": organization.name, "roles": _role_text(roles)},
    )
    return user


@transaction.atomic
def user_update(
    *,
    by,
    user: User,
    organization: Organization,
    roles,
    is_active: bool,
    last_name: str = "",
    first_name: str = "",
) -> User:
    """Change a user's organization, roles, names or whether the account is enabled."""
    _require_manager(by, "orgs.change_user")
    user = User.objects.select_for_update().get(pk=user.pk)
    _require_manages(by, user, organization)
    roles = _check_roles(by, roles)
    before_roles = list(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
    if user.pk == by.pk and (set(roles) != set(before_roles) or organization.pk != user.organization_id):
        raise ValidationError(_("不能修改自己的角色或所属组织,请由上级管理员办理"))
    if user.pk == by.pk and not is_active:
        raise ValidationError({"is_active": _("不能停用自己的账号")})
    # Taking a role away is granting in reverse: only a role the administrator holds.
    _check_roles(by, set(before_roles) ^ set(roles))
    changes = []
    if organization.pk != user.organization_id:
        changes.append(_("组织:%(a)s → %(b)s") % {"a": user.organization, "b": organization.name})
        user.organization = organization
    if set(roles) != set(before_roles):
        changes.append(_("角色:%(a)s → %(b)s") % {"a": _role_text(before_roles), "b": _role_text(roles)})
        user.groups.remove(*Group.objects.filter(name__in=ROLES))
        user.groups.add(*Group.objects.filter(name__in=roles))
    if is_active != user.is_active:
        changes.append(_("启用") if is_active else _("停用"))
        user.is_active = is_active
    if (last_name, first_name) != (user.last_name, user.first_name):
        changes.append(
            _("姓名:%(a)s → %(b)s")
            % {"a": f"{user.last_name}{user.first_name}", "b": f"{last_name}{first_name}"}
        )
        user.last_name, user.first_name = last_name, first_name
    if not changes:
        raise ValidationError(_("没有任何改动"))
    user.save()
    _log(by, user, _("修改账号"), ";".join(changes))
    return user


def user_reset_link(*, by, user: User) -> str:
    """A one-time link (path) with which `user` sets a new password; the old one stops working.
    The administrator hands it over; they never learn or choose the password."""
    _require_manager(by, "orgs.change_user")
    _require_manages(by, user, user.organization)
    if user.pk == by.pk:
        raise ValidationError(_("请在“修改密码”中修改自己的密码"))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.set_unusable_password()  # the old password no longer opens the account
        user.save(update_fields=["password"])
        _log(by, user, _("签发一次性重置链接"))
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "password_reset_confirm", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)}
    )


def may_set_full_id(by) -> bool:
    """Who grants and takes away the full-ID permission: a superuser (the city's), nobody else,
    not even the city's administrators."""
    return bool(by is not None and by.is_authenticated and by.is_superuser)


def has_full_id(user: User) -> bool:
    """The permission as granted to the account itself (a superuser holds it anyway)."""
    return user.user_permissions.filter(content_type__app_label="people", codename="view_full_id").exists()


@transaction.atomic
def user_set_full_id(*, by, user: User, allowed: bool, reason: str = "") -> User:
    """The full-ID permission (people.view_full_id): granted and taken away by a superuser only
    (may_set_full_id), with the grounds written down (an approval's number, a change of duty),
    into the append-only UserChange log."""
    if not may_set_full_id(by):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写办理依据(如审批单号、岗位调整)")})
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_superuser:
        raise ValidationError(_("超级用户本身拥有全部权限,无需授予或收回"))
    if has_full_id(user) == allowed:
        raise ValidationError(
            _("该用户已有查看完整身份证号的权限") if allowed else _("该用户没有查看完整身份证号的权限")
        )
    perm = Permission.objects.get(content_type__app_label="people", codename="view_full_id")
    if allowed:
        user.user_permissions.add(perm)
    else:
        user.user_permissions.remove(perm)
    _log(
        by,
        user,
        _("授予完整身份证号权限") if allowed else _("收回完整身份证号权限"),
        _("依据:%(reason)s") % {"reason": reason},
    )
    return user

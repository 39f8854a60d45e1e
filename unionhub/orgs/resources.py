"""The `orgs` import kind (工会组织, key 组织代码) and the `users` kind (用户账号)."""

import re

from unionhub.imports import cells
from unionhub.imports.kinds import Column, ImportKind, RowError

from .models import Organization, User


class OrgKind(ImportKind):
    name = "orgs"
    label = "工会组织"
    model = Organization
    key = ("组织代码",)
    batch_size = 1  # a row may name the row before it as its parent
    rollback_models = (Organization,)
    columns = [
        Column("组织代码", cells.org_code),
        Column("组织名称", cells.text),
        Column("上级组织代码", cells.org_code, required=False),
        Column("组织类型", cells.choice(Organization.Kind)),
    ]

    def apply(self, row, ctx):
        code, parent_code = row["组织代码"], row["上级组织代码"]
        existing = ctx.orgs.get(code)
        if existing is None and Organization.objects.filter(code=code).exists():
            raise RowError("组织代码", f"组织“{code}”不在您的管辖范围内")
        if parent_code:
            parent = ctx.org(parent_code, "上级组织代码")
        elif ctx.root.pk and existing is not None and existing.pk == ctx.root.pk:
            parent = None
        elif ctx.root.pk or Organization.objects.filter(parent__isnull=True).exclude(code=code).exists():
            raise RowError("上级组织代码", "只有根组织可以不填上级组织代码")
        else:
            parent = None
        if existing is None:
            org = Organization(code=code, name=row["组织名称"], kind=row["组织类型"], parent=parent)
            org.save()
            ctx.remember_org(org)
            if not ctx.root.pk:
                ctx.root = org
                ctx.batch.organization = org
                ctx.batch.save(update_fields=["organization"])
            return "new"
        if parent is not None and existing.contains(parent):
            raise RowError("上级组织代码", "上级组织不能是本组织或其下级")
        changed = ctx.assign(existing, name=row["组织名称"], kind=row["组织类型"], parent=parent)
        if not changed:
            return "unchanged"
        existing.save()
        if "parent" in changed:
            _repath_descendants(existing)
        return "updated"

    def export_queryset(self, org):
        return (
            Organization.objects.filter(path__startswith=org.path).select_related("parent").order_by("path")
        )

    def export_row(self, obj):
        return {
            "组织代码": obj.code,
            "组织名称": obj.name,
            "上级组织代码": obj.parent.code if obj.parent_id else "",
            "组织类型": obj.kind,
        }


def _repath_descendants(org: Organization):
    for child in org.children.all():
        child.save()
        _repath_descendants(child)


class UserKind(ImportKind):
    """`users` (用户账号, key 用户名): accounts created in bulk, with the rules of the pages
    (unionhub/orgs/services.py): the importer's subtree, only roles the importer holds, never the
    full-ID permission, no password (each user sets one through a one-time link the administrator
    issues). Existing accounts are changed on their page, not by an import. Never rolled back:
    accounts are in the user-administration log."""

    name = "users"
    label = "用户账号"
    model = User
    key = ("用户名",)
    permission = "orgs.add_user"
    columns = [
        Column("用户名", cells.text, help="登录名,如 cz_zhangsan"),
        Column("姓名", cells.text),
        Column("所属工会组织代码", cells.org_code),
        Column("角色", cells.text, required=False, help="工作人员、领导、管理员,多个用顿号或逗号分隔"),
    ]

    def apply(self, row, ctx):
        from django.core.exceptions import PermissionDenied, ValidationError

        from unionhub.imports.kinds import NEW

        from .models import User
        from .services import user_create

        by = ctx.batch.created_by if ctx.batch is not None else None
        if by is None:
            raise RowError("用户名", "须由管理员在系统中导入账号")
        org = ctx.org(row["所属工会组织代码"])
        roles = [r.strip() for r in re.split(r"[、,,;;\s]+", row["角色"] or "") if r.strip()]
        if User.objects.filter(username__iexact=row["用户名"]).exists():
            raise RowError("用户名", f"用户名“{row['用户名']}”已被使用;已有账号请在用户页面修改")
        name = row["姓名"]
        try:
            user_create(
                by=by,
                username=row["用户名"],
                organization=org,
                roles=roles,
                last_name=name[:1],
                first_name=name[1:],
            )
        except PermissionDenied:
            raise RowError("所属工会组织代码", "无权在该组织创建账号")
        except ValidationError as exc:
            field, messages = (
                next(iter(exc.message_dict.items())) if hasattr(exc, "error_dict") else ("", exc.messages)
            )
            column = {"roles": "角色", "username": "用户名"}.get(field, "用户名")
            raise RowError(column, ";".join(messages))
        return NEW

    def export_queryset(self, org):
        from .models import User

        return (
            User.objects.filter(organization__path__startswith=org.path)
            .select_related("organization")
            .order_by("username")
        )

    def export_row(self, obj):
        return {
            "用户名": obj.username,
            "姓名": f"{obj.last_name}{obj.first_name}",
            "所属工会组织代码": obj.organization.code if obj.organization_id else "",
            "角色": "、".join(obj.groups.values_list("name", flat=True)),
        }

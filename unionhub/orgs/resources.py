"""The `orgs` import kind (工会组织, key 组织代码)."""

from unionhub.imports import cells
from unionhub.imports.kinds import Column, ImportKind, RowError

from .models import Organization


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

"""Django admin for operators. Staff work in the app's own pages; the admin is scoped the same
way (a non-superuser sees their subtree only) and never lets anyone raise their own rights."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from unionhub.core.admin import AppendOnlyAdmin

from .models import Organization, User, UserChange
from .scoping import visible_orgs

# /admin/ is for superusers only: administrators of a subtree manage its users in the app's own
# pages (orgs:users, with the rules of unionhub/orgs/services.py), where a district admin can
# neither set another's password nor raise their own rights.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser


class ScopedAdmin(admin.ModelAdmin):
    """For models with an OrgScopedQuerySet: rows and organization choices of the user's subtree."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Organization:
            kwargs["queryset"] = visible_orgs(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    readonly_fields = ["path"]
    list_select_related = ["parent"]

    def get_queryset(self, request):
        return visible_orgs(request.user)

    def get_readonly_fields(self, request, obj=None):
        # Codes are the import key and part of every path below: fixed once created.
        return ["code", "path"] if obj else ["path"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = visible_orgs(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "last_name", "first_name", "organization", "is_active", "last_login"]
    list_filter = ["is_active", "groups", "organization__kind"]
    list_select_related = ["organization"]
    fieldsets = [
        *BaseUserAdmin.fieldsets[:1],
        (_("所属组织"), {"fields": ["organization"]}),
        *BaseUserAdmin.fieldsets[1:],
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "organization", "password1", "password2"]})
    ]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(organization__in=visible_orgs(request.user))

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["is_superuser", "is_staff", "user_permissions", "last_login", "date_joined"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = visible_orgs(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(UserChange)
class UserChangeAdmin(AppendOnlyAdmin, admin.ModelAdmin):
    list_display = ["at", "actor", "user", "action", "detail"]
    list_select_related = ["actor", "user"]

"""Person has no organization of its own, so the admin cannot scope it: superusers only. The
full-ID log is append-only."""

from django.contrib import admin

from unionhub.core.admin import AppendOnlyAdmin

from .models import FullIdFileView, FullIdView, Person


class SuperuserOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Person)
class PersonAdmin(SuperuserOnly):
    list_display = ["name", "masked_id", "sex", "birth_date", "created_at"]
    search_fields = ["=id_number", "^name"]
    readonly_fields = ["birth_date", "sex", "created_at"]

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser


@admin.register(FullIdView)
class FullIdViewAdmin(AppendOnlyAdmin, SuperuserOnly):
    list_display = ["viewed_at", "user", "person"]
    list_select_related = ["user", "person"]
    date_hierarchy = "viewed_at"


@admin.register(FullIdFileView)
class FullIdFileViewAdmin(AppendOnlyAdmin, SuperuserOnly):
    list_display = ["viewed_at", "user", "what", "count"]
    list_select_related = ["user"]
    date_hierarchy = "viewed_at"

from django.contrib import admin

from unionhub.orgs.admin import ScopedAdmin

from .models import Job, JobFile


class JobFileInline(admin.TabularInline):
    model = JobFile
    fields = ["name", "filename", "content_type", "created_at", "expires_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Job)
class JobAdmin(ScopedAdmin):
    """Read-only: a job changes state only through its services (retry is on the job's page)."""

    list_display = ["created_at", "kind", "organization", "created_by", "state", "progress", "attempts"]
    list_filter = ["state", "kind"]
    list_select_related = ["organization", "created_by"]
    inlines = [JobFileInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

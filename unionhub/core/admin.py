"""Admin pieces every app's admin.py shares."""


class AppendOnlyAdmin:
    """A log the database keeps append-only (its triggers refuse updates and deletes): the admin
    lists and opens its rows, and offers no way to add, change or delete one. Mixed in before a
    ModelAdmin class."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

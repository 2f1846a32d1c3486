from django.contrib import admin

from audit.models import AccessEvent


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    """Read-only: the access log is append-only (DPA 2018 s.62)."""

    list_display = ["at", "user", "username", "action", "offender", "object_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["username", "query", "object_id"]
    list_select_related = ["user", "offender"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

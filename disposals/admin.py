from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from disposals.models import ForceDisposalSettings, Intervention


class AdminRoleAdmin(SimpleHistoryAdmin):
    """Editable by holders of the ``admin`` role (a Django group without model permissions),
    as well as superusers. Rows are retired (``active``), never deleted, so delete stays with
    Django's own permissions."""

    def _is_admin(self, request) -> bool:
        return request.user.is_active and request.user.is_staff and request.user.is_admin_role

    def has_module_permission(self, request):
        return self._is_admin(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._is_admin(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self._is_admin(request) or super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._is_admin(request) or super().has_change_permission(request, obj)


@admin.register(Intervention)
class InterventionAdmin(AdminRoleAdmin):
    """The course catalogue: administrators add, rename and retire courses (a course with
    referrals cannot be deleted: the foreign key protects it)."""

    list_display = ["name", "code", "provider", "active"]
    list_filter = ["active", "provider"]
    search_fields = ["name", "code", "provider"]


@admin.register(ForceDisposalSettings)
class ForceDisposalSettingsAdmin(AdminRoleAdmin):
    list_display = [
        "force",
        "framework",
        "max_financial_penalty",
        "default_completion_days",
        "part6_commenced_on",
    ]

    def has_add_permission(self, request):
        return False  # one row per force, created by a data migration

"""Admin for custody reference data: suites, cells (capacity is data) and the local
authorities' Golden Hour service hours. Detentions are read-only here: they change only
through custody.services, which keeps the clocks, deadlines and audit in step."""

from django.contrib import admin

from custody.models import Cell, CustodySuite, Detention, LocalAuthority, ServiceWindow


class ServiceWindowInline(admin.TabularInline):
    model = ServiceWindow
    extra = 0


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "force", "daytime_service", "out_of_hours_service"]
    inlines = [ServiceWindowInline]


class CellInline(admin.TabularInline):
    model = Cell
    extra = 0
    fields = ["number", "in_service"]


@admin.register(CustodySuite)
class CustodySuiteAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "force", "local_authority", "active"]
    list_select_related = ["force", "local_authority"]
    inlines = [CellInline]


@admin.register(Detention)
class DetentionAdmin(admin.ModelAdmin):
    list_display = ["pk", "suite", "arrived_at", "is_child", "released_at", "outcome"]
    list_filter = ["suite", "is_child"]
    list_select_related = ["suite"]
    raw_id_fields = ["offender", "cell", "booked_in_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

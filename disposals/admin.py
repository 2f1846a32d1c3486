from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from disposals.models import ForceDisposalSettings, Intervention


@admin.register(Intervention)
class InterventionAdmin(SimpleHistoryAdmin):
    """The course catalogue: administrators add, rename and retire courses (never delete one
    that has referrals: the foreign key protects it)."""

    list_display = ["name", "code", "provider", "active"]
    list_filter = ["active", "provider"]
    search_fields = ["name", "code", "provider"]


@admin.register(ForceDisposalSettings)
class ForceDisposalSettingsAdmin(SimpleHistoryAdmin):
    list_display = [
        "force",
        "framework",
        "max_financial_penalty",
        "default_completion_days",
        "part6_commenced_on",
    ]

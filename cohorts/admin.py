from django.contrib import admin

from cohorts.models import IomCohortCriteria, IomMembership


@admin.register(IomCohortCriteria)
class IomCohortCriteriaAdmin(admin.ModelAdmin):
    """Where a force sets its selection criteria and review interval (data, not code)."""

    list_display = [
        "force",
        "cohort",
        "requires_neighbourhood_offending",
        "lookback_months",
        "statutory_supervision",
        "female_only",
        "minimum_ogrs_score",
        "review_interval_weeks",
    ]
    list_filter = ["force"]


@admin.register(IomMembership)
class IomMembershipAdmin(admin.ModelAdmin):
    """Read-only: adoptions, moves, reviews and removals go through the IOM pages (services)."""

    list_display = ["pk", "force", "offender", "cohort", "adopted_on", "removed_on", "lead_officer"]
    list_filter = ["force", "cohort"]
    list_select_related = ["force", "offender", "lead_officer"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

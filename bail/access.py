"""Who may see and change bail cases. Person-level reads go through ``visible_offenders``."""

from __future__ import annotations

from django.http import Http404

from accounts.roles import Role
from bail.models import BailCase
from offenders.access import visible_offenders

# Roles whose work involves pre-charge bail and RUI cases.
BAIL_ROLES = frozenset(
    {
        Role.BAIL_MANAGEMENT,
        Role.INVESTIGATOR,
        Role.CUSTODY_OFFICER,
        Role.CUSTODY_INSPECTOR,
        Role.SUPERVISOR,
        Role.ADMIN,
    }
)
# Roles that see the bail figures (aggregates only; analysts cannot open the records).
FIGURES_ROLES = frozenset({Role.BAIL_MANAGEMENT, Role.SUPERVISOR, Role.ADMIN, Role.ANALYST})


def can_work_on_bail(user) -> bool:
    """Open cases, record extensions, vary conditions, end cases, assess lapses."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_role(*BAIL_ROLES)


def can_see_bail_figures(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_role(*FIGURES_ROLES)


def visible_cases(user):
    """Bail cases of the people ``user`` may see, for users whose work involves bail."""
    if not can_work_on_bail(user):
        return BailCase.objects.none()
    return BailCase.objects.filter(offender__in=visible_offenders(user)).for_lists()


def get_case_for_user(user, case_id) -> BailCase:
    """One case with what its page prints preloaded; 404 for missing and not allowed alike."""
    try:
        return (
            visible_cases(user)
            .prefetch_related("extensions", "conditions", "variations", "ends", "rui_reviews")
            .get(pk=int(case_id))
        )
    except (BailCase.DoesNotExist, ValueError, TypeError):
        raise Http404("No such bail case.") from None


def figures_scope(user):
    """Cases counted in the figures: the user's force (every force for a superuser)."""
    if not can_see_bail_figures(user):
        return BailCase.objects.none()
    if user.is_superuser:
        return BailCase.objects.all()
    return BailCase.objects.filter(force_id=user.force_id)

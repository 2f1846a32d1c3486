"""Who may see and change bail cases. Person-level reads go through ``visible_offenders``."""

from __future__ import annotations

from django.http import Http404

from bail.models import BailCase
from bail.permissions import can_see_bail_figures, can_work_on_bail
from offenders.access import visible_offenders


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

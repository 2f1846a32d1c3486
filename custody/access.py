"""Who may see and record custody records, and the custody querysets built on the access
gate (``offenders.access.visible_offenders``): not found and not allowed are one 404."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404

from custody.models import CustodySuite, Detention, S136Detention
from custody.permissions import can_view_custody, can_view_custody_dashboard
from offenders.access import visible_offenders


def suites_for(user):
    """The suites of the user's force (all of them for a superuser)."""
    qs = CustodySuite.objects.filter(active=True).select_related("force", "local_authority", "team")
    if user.is_superuser:
        return qs
    return qs.filter(force_id=user.force_id)


def visible_detentions(user):
    """Detentions of the people ``user`` may see, with what lists and boards show."""
    if not can_view_custody(user):
        return Detention.objects.none()
    return Detention.objects.filter(offender__in=visible_offenders(user)).select_related(
        "offender", "suite", "cell", "golden_hour_call", "force"
    )


def figures_detentions(user):
    """What the custody dashboard counts for ``user``: the detentions they may open, or, for
    an analyst (figures without names or links), every detention of their force."""
    if can_view_custody(user):
        return visible_detentions(user)
    if not can_view_custody_dashboard(user):
        return Detention.objects.none()
    return Detention.objects.filter(force_id=user.force_id).select_related("suite", "force")


def figures_s136(user):
    """As ``figures_detentions``, for s.136 detentions."""
    if can_view_custody(user):
        return visible_s136(user)
    if not can_view_custody_dashboard(user):
        return S136Detention.objects.none()
    return S136Detention.objects.filter(force_id=user.force_id).select_related("suite")


def visible_s136(user):
    if not can_view_custody(user):
        return S136Detention.objects.none()
    return S136Detention.objects.filter(offender__in=visible_offenders(user)).select_related(
        "offender", "suite"
    )


def get_detention_for_user(user, detention_id) -> Detention:
    """One detention with everything its page shows, or 404."""
    try:
        return (
            visible_detentions(user)
            .prefetch_related(
                "reviews",
                "extensions",
                "hospital_periods",
                "juvenile_transfers",
                "searches",
                "uses_of_force",
                "control_measures",
                "mental_health_assessments",
                Prefetch("suite__local_authority__windows"),
            )
            .get(pk=int(detention_id))
        )
    except (Detention.DoesNotExist, ValueError, TypeError):
        raise Http404("No such detention.") from None


def get_s136_for_user(user, record_id) -> S136Detention:
    try:
        return visible_s136(user).get(pk=int(record_id))
    except (S136Detention.DoesNotExist, ValueError, TypeError):
        raise Http404("No such record.") from None

"""The access gate for wanted records: every read builds on ``visible_offenders`` (force
isolation, restricted people) and the role predicates. Not found and not allowed are one 404."""

from __future__ import annotations

from django.http import Http404

from offenders.access import visible_offenders
from wanted.models import (
    OutstandingSuspect,
    VoluntaryAttendance,
    WantedCirculation,
    Warrant,
)
from wanted.permissions import can_view_wanted, can_view_wanted_figures


def _visible(model, user):
    if not can_view_wanted(user):
        return model.objects.none()
    return model.objects.filter(
        force_id=user.force_id, offender__in=visible_offenders(user)
    ).select_related("offender", "officer_in_case", "district", "force")


def visible_circulations(user):
    return _visible(WantedCirculation, user)


def visible_suspects(user):
    return _visible(OutstandingSuspect, user)


def visible_warrants(user):
    return _visible(Warrant, user)


def visible_attendances(user):
    return _visible(VoluntaryAttendance, user)


def _get(queryset, pk, what: str):
    try:
        return queryset.get(pk=int(pk))
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(f"No such {what}.") from None


def get_circulation_for_user(user, pk) -> WantedCirculation:
    return _get(
        visible_circulations(user).select_related("bail_case", "detention"), pk, "circulation"
    )


def get_suspect_for_user(user, pk) -> OutstandingSuspect:
    return _get(visible_suspects(user), pk, "outstanding suspect")


def get_warrant_for_user(user, pk) -> Warrant:
    return _get(visible_warrants(user).select_related("detention"), pk, "warrant")


def get_attendance_for_user(user, pk) -> VoluntaryAttendance:
    return _get(visible_attendances(user).select_related("suspect"), pk, "voluntary attendance")


def figures_scope(user, model):
    """Rows counted in the figures: the user's force; nothing without the figures role."""
    if not can_view_wanted_figures(user):
        return model.objects.none()
    return model.objects.filter(force_id=user.force_id)

"""The only way to read public-protection records for a user (STYLE.md "Do" 5).

Everything builds on ``offenders.access.visible_offenders`` (force isolation, restrictions,
merges) and the need-to-know predicate; not allowed and not found are the same 404.
"""

from __future__ import annotations

from django.http import Http404

from offenders.access import visible_offenders
from protection.models import MappaCase, ProtectiveOrder, RsoRegistration
from protection.permissions import can_see_public_protection


def visible_registrations(user):
    if not can_see_public_protection(user):
        return RsoRegistration.objects.none()
    return RsoRegistration.objects.filter(offender__in=visible_offenders(user)).select_related(
        "offender", "lead_officer", "force", "area", "team"
    )


def visible_orders(user):
    if not can_see_public_protection(user):
        return ProtectiveOrder.objects.none()
    return ProtectiveOrder.objects.filter(offender__in=visible_offenders(user)).select_related(
        "offender", "area"
    )


def visible_mappa_cases(user):
    if not can_see_public_protection(user):
        return MappaCase.objects.none()
    return MappaCase.objects.filter(offender__in=visible_offenders(user)).select_related(
        "offender", "lead_officer", "force", "area", "team"
    )


def _get(queryset, pk):
    try:
        return queryset.get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, queryset.model.DoesNotExist):
        raise Http404 from None


def get_registration_for_user(user, pk) -> RsoRegistration:
    return _get(visible_registrations(user), pk)


def get_order_for_user(user, pk) -> ProtectiveOrder:
    return _get(visible_orders(user), pk)


def get_mappa_case_for_user(user, pk) -> MappaCase:
    return _get(visible_mappa_cases(user), pk)

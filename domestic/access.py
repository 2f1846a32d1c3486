"""The only way to read domestic-abuse records for a user (STYLE.md "Do" 5).

Everything builds on ``offenders.access.visible_offenders`` (force isolation, restrictions,
merges) and the need-to-know predicate; not allowed and not found are the same 404.
"""

from __future__ import annotations

from django.http import Http404

from domestic.models import Notice, ProgrammeEntry
from domestic.permissions import can_see_dapu
from offenders.access import visible_offenders


def visible_entries(user):
    if not can_see_dapu(user):
        return ProgrammeEntry.objects.none()
    return ProgrammeEntry.objects.filter(offender__in=visible_offenders(user)).select_related(
        "offender", "lead_officer", "force", "area", "team"
    )


def visible_notices(user):
    if not can_see_dapu(user):
        return Notice.objects.none()
    return Notice.objects.filter(offender__in=visible_offenders(user)).select_related(
        "offender", "area", "order"
    )


def _get(queryset, pk):
    try:
        return queryset.get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, queryset.model.DoesNotExist):
        raise Http404 from None


def get_entry_for_user(user, pk) -> ProgrammeEntry:
    return _get(visible_entries(user), pk)


def get_notice_for_user(user, pk) -> Notice:
    return _get(visible_notices(user), pk)

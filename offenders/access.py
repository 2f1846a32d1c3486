"""The access gate: the only way to reach a person's records (ARCHITECTURE.md "Access gate").

Every app builds on ``visible_offenders``. Not found and not allowed answer the same 404.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from offenders.models import Offender
from offenders.permissions import can_see_people


def visible_offenders(user):
    """The people ``user`` may see.

    - only roles that see people at all (not analysts or the scrutiny panel);
    - only their own force's records (superusers: every force);
    - never a record merged into another;
    - a restricted person only for the users named on the restriction, whatever their role.
    """
    if not can_see_people(user):
        return Offender.objects.none()
    qs = Offender.objects.live().select_related("force")
    if not user.is_superuser:
        qs = qs.filter(force_id=user.force_id)
    named = Offender.restricted_to.through.objects.filter(user_id=user.pk).values("offender_id")
    return qs.filter(Q(restricted=False) | Q(pk__in=named))


def get_offender_for_user(user, offender_id) -> Offender:
    try:
        pk = int(offender_id)
        if not 0 < pk < 2**63:
            raise ValueError(pk)
        return visible_offenders(user).get(pk=pk)
    except (Offender.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such person.") from None

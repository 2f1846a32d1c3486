"""The access gate: the only way to reach a person's records (ARCHITECTURE.md "Access gate").

Every app builds on ``visible_offenders``. Not found and not allowed answer the same 404.
"""

from __future__ import annotations

from django.http import Http404

from accounts.roles import Role
from offenders.models import Offender

# Roles that see no person-level records at all: aggregates or anonymised cases only.
NO_PERSON_ACCESS = {Role.ANALYST, Role.SCRUTINY_PANEL}


def can_see_people(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.has_role(Role.ADMIN):
        return True
    roles = user.role_names()
    return bool(roles) and not roles <= {str(r) for r in NO_PERSON_ACCESS}


def visible_offenders(user):
    """The people ``user`` may see: their own force's live records, never merged ones."""
    if not can_see_people(user):
        return Offender.objects.none()
    qs = Offender.objects.live().select_related("force")
    if user.is_superuser:
        return qs
    return qs.filter(force_id=user.force_id)


def get_offender_for_user(user, offender_id) -> Offender:
    try:
        return visible_offenders(user).get(pk=int(offender_id))
    except (Offender.DoesNotExist, ValueError, TypeError):
        raise Http404("No such person.") from None

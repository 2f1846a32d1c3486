"""The access gate: the only way to reach a person's records (ARCHITECTURE.md "Access gate").

Every app builds on ``visible_offenders``. Not found and not allowed answer the same 404.
"""

from __future__ import annotations

from django.db.models import Q
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


def can_edit_people(user) -> bool:
    """Anyone who may see people may record and correct them."""
    return can_see_people(user)


def can_merge_people(user) -> bool:
    """Merging combines two people's records for good: supervisors and administrators."""
    if not can_see_people(user):
        return False
    return user.is_superuser or user.has_role(Role.SUPERVISOR, Role.ADMIN)


def can_restrict_people(user) -> bool:
    """Marking a person restricted, or lifting it: supervisors and administrators."""
    return can_see_people(user) and (user.is_superuser or user.has_role(Role.SUPERVISOR, Role.ADMIN))


def can_see_public_protection(user) -> bool:
    """RSO and MAPPA records (need-to-know): the Public Protection Unit, MAPPA, admins."""
    return user.is_authenticated and (
        user.is_superuser or user.has_role(Role.PPU_OFFICER, Role.MAPPA_COORDINATOR, Role.ADMIN)
    )


def can_see_dapu(user) -> bool:
    """Domestic Abuse Perpetrator Unit records: DAPU officers, supervisors, admins."""
    return user.is_authenticated and (
        user.is_superuser or user.has_role(Role.DAPU_OFFICER, Role.SUPERVISOR, Role.ADMIN)
    )

"""Who may see, change, merge and restrict people: small named predicates.

Each is a small named predicate that pages and API views call in one line. The querysets
that go with them (the access gate) are in ``offenders/access.py``.
"""

from __future__ import annotations

from accounts.roles import Role

# Roles that see no person-level records at all: aggregates or anonymised cases only.
NO_PERSON_ACCESS = {Role.ANALYST, Role.SCRUTINY_PANEL}


def can_see_people(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.has_role(Role.ADMIN):
        return True
    roles = user.role_names()
    return bool(roles) and not roles <= {str(r) for r in NO_PERSON_ACCESS}


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
    return can_see_people(user) and (
        user.is_superuser or user.has_role(Role.SUPERVISOR, Role.ADMIN)
    )


def can_see_public_protection(user) -> bool:
    """RSO and MAPPA records (need-to-know): the Public Protection Unit, MAPPA, their
    supervisors, admins (the same roles as ``protection.permissions``)."""
    return user.is_authenticated and (
        user.is_superuser
        or user.has_role(Role.PPU_OFFICER, Role.MAPPA_COORDINATOR, Role.SUPERVISOR, Role.ADMIN)
    )


def can_see_dapu(user) -> bool:
    """Domestic Abuse Perpetrator Unit records: DAPU officers, supervisors, admins."""
    return user.is_authenticated and (
        user.is_superuser or user.has_role(Role.DAPU_OFFICER, Role.SUPERVISOR, Role.ADMIN)
    )

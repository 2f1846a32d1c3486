"""Who may do what with IOM records (STYLE.md "Do" 5 and 6).

Person-level reads build on ``offenders.access.visible_offenders``; analysts see the
cohort figures (aggregates) but no members.
"""

from __future__ import annotations

from accounts.roles import Role
from cohorts.models import IomMembership
from offenders.access import visible_offenders

IOM_STAFF = {Role.IOM_OFFICER, Role.SUPERVISOR, Role.ADMIN}
IOM_FIGURES = {*IOM_STAFF, Role.ANALYST}


def can_manage_iom(user) -> bool:
    """Adopt, move, review and remove members, and see who they are."""
    return user.is_authenticated and (user.is_superuser or user.has_role(*IOM_STAFF))


def can_view_iom_figures(user) -> bool:
    """The cohort counts and measures, without names."""
    return user.is_authenticated and (user.is_superuser or user.has_role(*IOM_FIGURES))


def visible_memberships(user):
    """Memberships of the people ``user`` may see, for IOM staff only."""
    if not can_manage_iom(user):
        return IomMembership.objects.none()
    return IomMembership.objects.filter(offender__in=visible_offenders(user)).with_people()


def figures_force_id(user):
    """The force whose figures the user sees (their own)."""
    return user.force_id

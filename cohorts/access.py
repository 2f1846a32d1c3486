"""Who may do what with IOM records (STYLE.md "Do" 5 and 6).

Person-level reads build on ``offenders.access.visible_offenders``; analysts see the
cohort figures (aggregates) but no members.
"""

from __future__ import annotations

from cohorts.models import IomMembership
from cohorts.permissions import can_manage_iom
from offenders.access import visible_offenders


def visible_memberships(user):
    """Memberships of the people ``user`` may see, for IOM staff only."""
    if not can_manage_iom(user):
        return IomMembership.objects.none()
    return IomMembership.objects.filter(offender__in=visible_offenders(user)).with_people()


def figures_force_id(user):
    """The force whose figures the user sees (their own)."""
    return user.force_id

"""Who may read and edit the directory, record needs and refer, and see the figures.

Small named predicates that pages and API views call in one line; the querysets that go
with them are in ``partners/access.py``.
"""

from __future__ import annotations

from accounts.roles import Role
from offenders.permissions import can_see_dapu, can_see_people

FIGURES = {
    Role.SUPERVISOR,
    Role.ANALYST,
    Role.IOM_OFFICER,
    Role.DAPU_OFFICER,
    Role.OFFENDER_DIVERSION,
}


def _is_admin(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_role(Role.ADMIN))


def can_read_directory(user) -> bool:
    """The directory names services, not people: everyone signed in with a role reads it."""
    return (
        user.is_authenticated and user.is_active and (user.is_superuser or bool(user.role_names()))
    )


def can_edit_directory(user) -> bool:
    """Services are the commissioner's list: administrators maintain it."""
    return user.is_authenticated and user.is_active and _is_admin(user)


def can_refer(user) -> bool:
    """Record needs on a person and refer them: anyone who works with people."""
    return can_see_people(user)


def can_see_dapu_pathways(user) -> bool:
    """Needs and referrals recorded in a DAPU case are DAPU records (need-to-know)."""
    return can_see_dapu(user)


def can_see_partner_figures(user) -> bool:
    """Aggregates (gap map, figures, proven reoffending): no names."""
    return user.is_authenticated and user.is_active and (_is_admin(user) or user.has_role(*FIGURES))

"""Who may read, decide and manage out-of-court disposals, see the figures, or scrutinise.

Each is a small named predicate that pages and API views call in one line. The querysets
that go with them (the access gate) are in ``disposals/access.py``.
"""

from __future__ import annotations

from accounts.roles import Role
from offenders.permissions import can_see_people

WRITERS = {Role.OFFENDER_DIVERSION, Role.SUPERVISOR}

FIGURES = {Role.OFFENDER_DIVERSION, Role.SUPERVISOR, Role.ANALYST}


def _is_admin(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_role(Role.ADMIN))


def can_read_disposals(user) -> bool:
    return can_see_people(user)


def can_manage_disposals(user) -> bool:
    return user.is_authenticated and user.is_active and (_is_admin(user) or user.has_role(*WRITERS))


def can_see_figures(user) -> bool:
    return user.is_authenticated and user.is_active and (_is_admin(user) or user.has_role(*FIGURES))


def can_see_record_links(user) -> bool:
    """Figures link to their records only for people who may open them."""
    return can_read_disposals(user)


def can_scrutinise(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and (_is_admin(user) or user.has_role(Role.SCRUTINY_PANEL))
    )


def can_prepare_for_panel(user) -> bool:
    """The Offender Diversion Team prepares (redacts) and releases cases to the panel."""
    return (
        user.is_authenticated
        and user.is_active
        and (_is_admin(user) or user.has_role(Role.OFFENDER_DIVERSION))
    )

"""Who may see and change wanted circulations, outstanding suspects, warrants and voluntary
attenders. Small named predicates; the querysets are in ``wanted/access.py``.

Any officer who may see the person sees that they are wanted (badges, summary, book-in):
that is the point of a circulation. The lists and records are for operational roles; the
writes for the investigators and the teams who circulate people; the performance-meeting
list for supervisors; the figures also for analysts (aggregates only).
"""

from __future__ import annotations

from accounts.roles import Role

VIEW_ROLES = frozenset(
    {
        Role.CUSTODY_OFFICER,
        Role.CUSTODY_INSPECTOR,
        Role.INVESTIGATOR,
        Role.BAIL_MANAGEMENT,
        Role.IOM_OFFICER,
        Role.DAPU_OFFICER,
        Role.PPU_OFFICER,
        Role.MAPPA_COORDINATOR,
        Role.SUPERVISOR,
        Role.ADMIN,
    }
)
MANAGE_ROLES = frozenset(
    {
        Role.INVESTIGATOR,
        Role.BAIL_MANAGEMENT,
        Role.IOM_OFFICER,
        Role.DAPU_OFFICER,
        Role.PPU_OFFICER,
        Role.SUPERVISOR,
        Role.ADMIN,
    }
)
SUPERVISE_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})
FIGURES_ROLES = frozenset({Role.SUPERVISOR, Role.ANALYST, Role.ADMIN})


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def can_view_wanted(user) -> bool:
    """The lists and records, the District Commander's monthly list."""
    return _active(user) and (user.is_superuser or user.has_role(*VIEW_ROLES))


def can_manage_wanted(user) -> bool:
    """Circulate, review, end; record suspects, warrants and voluntary attenders."""
    return _active(user) and (user.is_superuser or user.has_role(*MANAGE_ROLES))


def can_supervise_wanted(user) -> bool:
    """The performance-meeting list and the force's review cadence."""
    return _active(user) and (user.is_superuser or user.has_role(*SUPERVISE_ROLES))


def can_view_wanted_figures(user) -> bool:
    return _active(user) and (user.is_superuser or user.has_role(*FIGURES_ROLES))

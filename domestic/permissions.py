"""Who may see and work on domestic-abuse records (need-to-know, ARCHITECTURE.md "Access
gate"): DAPU officers and their supervisors (and administrators) see the programme and the
notices; analysts see the funnel and the figures without names. For everyone else the
records do not exist (404). An order made at a hearing is a protective order, whose
existence every officer dealing with the person sees through ``protection``."""

from __future__ import annotations

from accounts.roles import Role
from offenders.permissions import can_see_dapu

__all__ = ["can_see_dapu", "can_see_dapu_figures"]


def can_see_dapu_figures(user) -> bool:
    """The funnel and the notice figures, as counts: DAPU, supervisors, analysts."""
    return can_see_dapu(user) or (user.is_authenticated and user.has_role(Role.ANALYST))

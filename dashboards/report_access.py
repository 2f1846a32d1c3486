"""Who may see and write the Accountability and Performance Panel report (issue 18).

* Analysts, supervisors and administrators see the live report (aggregates: no names) and
  write its narrative, issue it and keep the appendices' trackers.
* Supervisors and administrators mark an issued report for publication.
* The OOCD scrutiny panel and the public see only issued reports marked for publication,
  with small numbers suppressed.
* Each figure links to its records only for users whose role may open that section's lists
  (``PanelSection.may_open``); an analyst sees the numbers without links.
"""

from __future__ import annotations

from django.http import Http404

from accounts.models import Force
from accounts.roles import Role

AUTHORS = (Role.ANALYST, Role.SUPERVISOR, Role.ADMIN)
PUBLISHERS = (Role.SUPERVISOR, Role.ADMIN)


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_see_report(user) -> bool:
    return _active(user) and (user.is_superuser or user.has_role(*AUTHORS))


def can_write_report(user) -> bool:
    return can_see_report(user)


def can_publish_report(user) -> bool:
    return _active(user) and (user.is_superuser or user.has_role(*PUBLISHERS))


def report_force(user, code: str | None = None) -> Force:
    """The force whose report ``user`` reads: their own; a superuser may name another with
    ``code``. A force the user may not read is the same 404 as one that does not exist."""
    if code and user.is_superuser:
        force = Force.objects.filter(code=code).first()
    elif code and user.force_id and user.force.code != code:
        force = None
    else:
        force = user.force if user.force_id else None
    if force is None:
        raise Http404("No such force.")
    return force


def is_scrutiny_panel(user) -> bool:
    """The OOCD scrutiny panel reads the published reports (as the public may), nothing more."""
    return _active(user) and user.has_role(Role.SCRUTINY_PANEL)

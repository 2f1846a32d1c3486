"""Who may read and record custody records and see the custody figures.

Each is a small named predicate that pages and API views call in one line. The querysets
that go with them (the access gate) are in ``custody/access.py``.
"""

from __future__ import annotations

from accounts.roles import Role

READERS = {Role.CUSTODY_OFFICER, Role.CUSTODY_INSPECTOR, Role.SUPERVISOR, Role.INVESTIGATOR}

RECORDERS = {Role.CUSTODY_OFFICER, Role.CUSTODY_INSPECTOR}

DASHBOARD = {Role.CUSTODY_INSPECTOR, Role.SUPERVISOR}


def _holds(user, roles) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_role(Role.ADMIN, *roles))


def can_view_custody(user) -> bool:
    return _holds(user, READERS)


def can_record_custody(user) -> bool:
    """Book in, record reviews, calls, searches and releases: the custody officers."""
    return _holds(user, RECORDERS)


def can_view_custody_dashboard(user) -> bool:
    """The figures. Analysts see them too, without names or links to records."""
    return _holds(user, DASHBOARD | {Role.ANALYST})

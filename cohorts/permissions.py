"""Who may manage IOM members and see the IOM figures.

Each is a small named predicate that pages and API views call in one line. The querysets
that go with them (the access gate) are in ``cohorts/access.py``.
"""

from __future__ import annotations

from accounts.roles import Role

IOM_STAFF = {Role.IOM_OFFICER, Role.SUPERVISOR, Role.ADMIN}

IOM_FIGURES = {*IOM_STAFF, Role.ANALYST}


def can_manage_iom(user) -> bool:
    """Adopt, move, review and remove members, and see who they are."""
    return user.is_authenticated and (user.is_superuser or user.has_role(*IOM_STAFF))


def can_view_iom_figures(user) -> bool:
    """The cohort counts and measures, without names."""
    return user.is_authenticated and (user.is_superuser or user.has_role(*IOM_FIGURES))

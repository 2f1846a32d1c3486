"""Who may work on bail and RUI cases and see the bail figures.

Each is a small named predicate that pages and API views call in one line. The querysets
that go with them (the access gate) are in ``bail/access.py``.
"""

from __future__ import annotations

from accounts.roles import Role

# Roles whose work involves pre-charge bail and RUI cases.
BAIL_ROLES = frozenset(
    {
        Role.BAIL_MANAGEMENT,
        Role.INVESTIGATOR,
        Role.CUSTODY_OFFICER,
        Role.CUSTODY_INSPECTOR,
        Role.SUPERVISOR,
        Role.ADMIN,
    }
)
# Roles that see the bail figures (aggregates only; analysts cannot open the records).

# Roles that see the bail figures (aggregates only; analysts cannot open the records).
FIGURES_ROLES = frozenset({Role.BAIL_MANAGEMENT, Role.SUPERVISOR, Role.ADMIN, Role.ANALYST})


def can_work_on_bail(user) -> bool:
    """Open cases, record extensions, vary conditions, end cases, assess lapses."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_role(*BAIL_ROLES)


def can_see_bail_figures(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_role(*FIGURES_ROLES)

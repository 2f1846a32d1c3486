"""Who may do what with accounts and the access log (ARCHITECTURE.md "Audit")."""

from accounts.roles import Role


def can_view_access_log(user) -> bool:
    """Supervisors and admins see who looked at a person's record and what a user looked at."""
    return user.is_authenticated and (
        user.is_superuser or user.has_role(Role.SUPERVISOR, Role.ADMIN)
    )

"""Who may see and work on public-protection records (need-to-know, ARCHITECTURE.md
"Access gate"): the Public Protection Unit, MAPPA coordinators and supervisors (and
administrators). For everyone else the records do not exist: 404, nothing in search badges,
timelines, My work or exports, except the custody marker (``can_see_ppu_marker``)."""

from __future__ import annotations

from accounts.roles import Role
from offenders.permissions import can_see_public_protection

MARKER_ROLES = {Role.CUSTODY_OFFICER, Role.CUSTODY_INSPECTOR}

# See, record and change RSO, MAPPA and protective-order records, and their figures: the one
# predicate lives with the person access rules (offenders.permissions).
__all__ = ["can_see_ppu_marker", "can_see_public_protection"]


def can_see_ppu_marker(user) -> bool:
    """Custody staff see "Subject to public-protection management — contact PPU" (officer
    safety), never the records behind it."""
    return user.is_authenticated and user.has_role(*MARKER_ROLES)

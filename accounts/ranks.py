"""Police ranks in order of seniority (API.md "Roles"; DOMAIN.md §0).

Pure: no database. ``Rank`` values are the API's enumeration; "X or above" checks use
``rank_at_least``.
"""

from __future__ import annotations

import enum


class Rank(enum.StrEnum):
    STAFF = "staff"
    CONSTABLE = "constable"
    SERGEANT = "sergeant"
    INSPECTOR = "inspector"
    CHIEF_INSPECTOR = "chief_inspector"
    SUPERINTENDENT = "superintendent"
    CHIEF_SUPERINTENDENT = "chief_superintendent"
    ACC = "acc"  # assistant chief constable, or commander in the Met/City
    DCC = "dcc"
    CHIEF_CONSTABLE = "chief_constable"

    @property
    def label(self) -> str:
        return RANK_LABELS[self]


RANK_ORDER: tuple[Rank, ...] = tuple(Rank)

RANK_LABELS: dict[Rank, str] = {
    Rank.STAFF: "Police staff",
    Rank.CONSTABLE: "Constable",
    Rank.SERGEANT: "Sergeant",
    Rank.INSPECTOR: "Inspector",
    Rank.CHIEF_INSPECTOR: "Chief inspector",
    Rank.SUPERINTENDENT: "Superintendent",
    Rank.CHIEF_SUPERINTENDENT: "Chief superintendent",
    Rank.ACC: "Assistant chief constable / commander",
    Rank.DCC: "Deputy chief constable",
    Rank.CHIEF_CONSTABLE: "Chief constable",
}


def rank_at_least(rank: str, minimum: str) -> bool:
    """True when ``rank`` is ``minimum`` or more senior. Unknown ranks raise ValueError."""
    return RANK_ORDER.index(Rank(rank)) >= RANK_ORDER.index(Rank(minimum))

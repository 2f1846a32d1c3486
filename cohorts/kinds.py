"""The registry of cohort kinds: one entry per cohort built on the shared membership base.

IOM registers itself from ``CohortsConfig.ready()``; higher apps (``protection`` for RSO and
MAPPA) register theirs from their own ``ready()``. Everything that works across cohorts goes
through this one path: the caseload of a lead officer, a leaver's hand-over
(``accounts.work.handover``), reviews as deadlines and ending a membership
(``cohorts.membership``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.registry import Registry


@dataclass(frozen=True)
class CohortKind:
    """One cohort. ``model`` is a concrete ``cohorts.models.CohortMembership`` subclass."""

    key: str  # "iom", "rso", "mappa": also the model's COHORT_KIND
    label: str  # "IOM", "Registered sex offender", "MAPPA"
    model: Any
    can_manage: Callable[[Any], bool]  # the predicate for seeing and working on members
    member_url: str  # URL name of a member's page, taking the membership's pk
    review_kind: str = ""  # deadlines.Kind of the member's review, if reviews are deadlines
    team_code: str = ""  # the team that owns the review deadlines (accounts Team code)
    handover_label: str = ""  # shown on a leaver's hand-over: "IOM members as lead officer"


kinds: Registry[CohortKind] = Registry("cohort kinds")


def kind_of(record) -> CohortKind:
    return kinds[record.COHORT_KIND]

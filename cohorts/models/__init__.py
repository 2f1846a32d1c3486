"""Cohort records: the shared membership base (``base``) and IOM on it. MAPPA and RSO are
memberships of the ``protection`` app built on the same base (ARCHITECTURE.md "Layout")."""

from cohorts.models.base import CohortMembership, CohortMembershipQuerySet, TeamLedMembership
from cohorts.models.iom import (
    COHORT_CHOICES,
    OGRS_BAND_CHOICES,
    REMOVAL_REASON_CHOICES,
    CohortMove,
    IomCohortCriteria,
    IomMembership,
    IomMembershipQuerySet,
    IomReview,
    in_custody_on,
)

__all__ = [
    "COHORT_CHOICES",
    "OGRS_BAND_CHOICES",
    "REMOVAL_REASON_CHOICES",
    "CohortMembership",
    "CohortMembershipQuerySet",
    "CohortMove",
    "IomCohortCriteria",
    "IomMembership",
    "IomMembershipQuerySet",
    "IomReview",
    "TeamLedMembership",
    "in_custody_on",
]

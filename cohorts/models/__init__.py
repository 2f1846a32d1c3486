"""Cohort records. IOM now; DAPU, MAPPA and RSO will sit beside it (ARCHITECTURE.md "Layout")."""

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
    "CohortMove",
    "IomCohortCriteria",
    "IomMembership",
    "IomMembershipQuerySet",
    "IomReview",
    "in_custody_on",
]

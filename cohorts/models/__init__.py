"""Cohort records. IOM now; DAPU, MAPPA and RSO will sit beside it (ARCHITECTURE.md "Layout")."""

from cohorts.models.iom import (
    CohortMove,
    IomCohortCriteria,
    IomMembership,
    IomMembershipQuerySet,
    IomReview,
)

__all__ = ["CohortMove", "IomCohortCriteria", "IomMembership", "IomMembershipQuerySet", "IomReview"]

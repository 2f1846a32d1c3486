"""Integrated Offender Management (IOM) records: memberships, cohort moves and reviews.

DOMAIN.md §4. The measures computed from these records are pure functions in
``cohorts/rules.py``; ``cohorts/selectors.py`` turns rows into the rules' facts.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cohorts.models.base import CohortMembership, CohortMembershipQuerySet
from cohorts.rules import (
    COHORT_LABELS,
    DEFAULT_COHORT_CRITERIA,
    DEFAULT_IOM_REVIEW_WEEKS,
    OGRS_BAND_LABELS,
    REMOVAL_REASON_LABELS,
    Cohort,
    CohortCriteria,
)

COHORT_CHOICES = [(c.value, label) for c, label in COHORT_LABELS.items()]
REMOVAL_REASON_CHOICES = [(r.value, label) for r, label in REMOVAL_REASON_LABELS.items()]
OGRS_BAND_CHOICES = [(b.value, label) for b, label in OGRS_BAND_LABELS.items()]


def in_custody_on(offender, day: dt.date) -> bool:
    """Whether the person is held in custody or prison on ``day``, from what the force records.

    Today that is the recorded prison status (``Offender.in_prison_since``, a current
    state: it says nothing of earlier spells). The one place to add further custody
    records (an open detention in ``custody``) when they exist: every IOM figure and
    page asks this function.
    """
    return offender.in_prison_since is not None and offender.in_prison_since <= day


def in_custody_q(day: dt.date, offender: str = "offender") -> Q:
    """``in_custody_on`` as a database condition on the person at ``offender`` (a lookup path).

    Keep the two in step: lists filter and page in SQL with this one.
    """
    return Q(**{f"{offender}__in_prison_since__lte": day})


class IomCohortCriteria(models.Model):
    """A force's selection criteria and review interval for one cohort (data, not code).

    Without a row the national defaults in ``rules.DEFAULT_COHORT_CRITERIA`` apply.
    A breach gives the selection panel a warning, never a refusal.
    """

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    cohort = models.CharField(max_length=10, choices=COHORT_CHOICES)
    requires_neighbourhood_offending = models.BooleanField(default=False)
    lookback_months = models.PositiveSmallIntegerField(default=24)
    statutory_supervision = models.BooleanField(
        null=True, blank=True, help_text="Yes: expected; No: expected not; empty: either."
    )
    female_only = models.BooleanField(default=False)
    minimum_ogrs_score = models.PositiveSmallIntegerField(null=True, blank=True)
    review_interval_weeks = models.PositiveSmallIntegerField(default=DEFAULT_IOM_REVIEW_WEEKS)

    class Meta:
        verbose_name = "IOM cohort criteria"
        verbose_name_plural = "IOM cohort criteria"
        constraints = [
            models.UniqueConstraint(
                fields=["force", "cohort"], name="iom_criteria_once_per_cohort"
            ),
            models.CheckConstraint(
                condition=Q(lookback_months__gte=1), name="iom_criteria_lookback_positive"
            ),
            models.CheckConstraint(
                condition=Q(review_interval_weeks__gte=1), name="iom_criteria_interval_positive"
            ),
            models.CheckConstraint(
                condition=Q(minimum_ogrs_score__isnull=True) | Q(minimum_ogrs_score__lte=100),
                name="iom_criteria_ogrs_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.force}: {self.get_cohort_display()}"

    def as_rule(self) -> CohortCriteria:
        return CohortCriteria(
            cohort=Cohort(self.cohort),
            requires_neighbourhood_offending=self.requires_neighbourhood_offending,
            lookback_months=self.lookback_months,
            statutory_supervision=self.statutory_supervision,
            female_only=self.female_only,
            minimum_ogrs_score=self.minimum_ogrs_score,
        )

    @classmethod
    def for_cohort(cls, force, cohort: str) -> tuple[CohortCriteria, int]:
        """The force's criteria and review interval in weeks, or the defaults."""
        row = cls.objects.filter(force=force, cohort=cohort).first()
        if row is None:
            return DEFAULT_COHORT_CRITERIA[Cohort(cohort)], DEFAULT_IOM_REVIEW_WEEKS
        return row.as_rule(), row.review_interval_weeks


class IomMembershipQuerySet(CohortMembershipQuerySet):
    """``open``, ``open_on``, ``for_force``, ``led_by`` and ``with_people`` are the shared
    cohort queries (on ``adopted_on``/``removed_on``)."""

    def active_between(self, start: dt.date, end: dt.date) -> IomMembershipQuerySet:
        """Open on at least one day of ``[start, end]`` (the deterrence denominator)."""
        return self.filter(
            Q(removed_on__isnull=True) | Q(removed_on__gt=start), adopted_on__lte=end
        )

    def with_status_on(self, day: dt.date) -> IomMembershipQuerySet:
        """Annotate ``cohort_as_at`` and ``community_as_at``: ``IomMembership.cohort_on(day)``
        and ``managed_in_community_on(day)`` computed in SQL, so lists filter and page there."""
        moves = CohortMove.objects.filter(membership=OuterRef("pk"))
        return self.annotate(
            cohort_as_at=Coalesce(
                # The last move on or before the day; before any move, the first move's origin.
                Subquery(
                    moves.filter(moved_on__lte=day)
                    .order_by("-moved_on", "-pk")
                    .values("to_cohort")[:1]
                ),
                Subquery(moves.order_by("moved_on", "pk").values("from_cohort")[:1]),
                F("cohort"),
                output_field=CharField(),
            ),
            community_as_at=Case(
                When(
                    managed_in_community_override__isnull=False,
                    then=F("managed_in_community_override"),
                ),
                When(in_custody_q(day), then=Value(False)),
                default=Value(True),
                output_field=BooleanField(),
            ),
        )


class IomMembership(CohortMembership):
    """One person's time on the IOM scheme, from adoption to removal.

    The selection facts are recorded as the panel saw them on the adoption date.
    ``managed_in_community_override`` is for what the records cannot know (e.g. a
    member managed in the community while a prison record is being closed); empty
    means "follow the custody records" (``in_custody_on``).
    """

    # The shared cohort columns (cohorts.models.base) under IOM's historic names.
    START_FIELD = "adopted_on"
    END_FIELD = "removed_on"
    END_REASON_FIELD = "removal_reason"
    COHORT_KIND = "iom"

    offender = models.ForeignKey(
        "offenders.Offender", on_delete=models.PROTECT, related_name="iom_memberships"
    )
    cohort = models.CharField(max_length=10, choices=COHORT_CHOICES)
    adopted_on = models.DateField()
    reason = models.CharField(max_length=1000)

    # Selection facts on the adoption date.
    neighbourhood_offences = models.PositiveIntegerField(
        default=0,
        help_text="Burglary, robbery, vehicle crime and theft from the person in the lookback "
        "before adoption, counted from the offence history at adoption.",
    )
    lookback_months = models.PositiveSmallIntegerField(default=24)
    ogrs_score = models.PositiveSmallIntegerField("OGRS score", null=True, blank=True)
    ogrs_band = models.CharField("OGRS band", max_length=10, choices=OGRS_BAND_CHOICES, blank=True)
    statutory_supervision = models.BooleanField(default=False)
    selection_warnings = models.JSONField(default=list, blank=True)
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="iom_caseload"
    )
    probation_contact = models.CharField(max_length=200, blank=True)
    managed_in_community_override = models.BooleanField(null=True, blank=True)

    last_reviewed_on = models.DateField(null=True, blank=True)
    removed_on = models.DateField(null=True, blank=True)
    removal_reason = models.CharField(max_length=30, choices=REMOVAL_REASON_CHOICES, blank=True)
    removal_note = models.CharField(max_length=1000, blank=True)

    history = HistoricalRecords()
    objects = IomMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-adopted_on", "-pk"]
        indexes = [
            models.Index(fields=["force", "adopted_on"], name="iom_force_adopted_idx"),
            models.Index(fields=["force", "removed_on"], name="iom_force_removed_idx"),
            models.Index(fields=["lead_officer", "removed_on"], name="iom_caseload_idx"),
        ]
        constraints = [
            # STYLE.md "Do" 8: one open IOM membership per person, whatever the code does.
            models.UniqueConstraint(
                fields=["offender"],
                condition=Q(removed_on__isnull=True),
                name="one_open_iom_membership",
                violation_error_message="This person already has an open IOM membership.",
            ),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | Q(removed_on__gte=models.F("adopted_on")),
                name="iom_removed_after_adopted",
            ),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True, removal_reason="")
                | Q(removed_on__isnull=False) & ~Q(removal_reason=""),
                name="iom_removal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(ogrs_score__isnull=True) | Q(ogrs_score__lte=100),
                name="iom_ogrs_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"IOM {self.get_cohort_display()} membership {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("iom-member", args=[self.pk])

    def in_custody_on(self, day: dt.date) -> bool:
        return in_custody_on(self.offender, day)

    def managed_in_community_on(self, day: dt.date) -> bool:
        """The override when recorded, else not in custody on ``day``."""
        if self.managed_in_community_override is not None:
            return self.managed_in_community_override
        return not self.in_custody_on(day)

    @property
    def cohort_at_adoption(self) -> str:
        """The cohort the person was adopted into (``moves`` prefetched)."""
        moves = sorted(self.moves.all(), key=lambda m: (m.moved_on, m.pk))
        return moves[0].from_cohort if moves else self.cohort

    def cohort_on(self, day: dt.date) -> str:
        """The cohort on ``day``, replaying the recorded moves (``moves`` prefetched)."""
        moves = sorted(self.moves.all(), key=lambda m: (m.moved_on, m.pk))
        if not moves:
            return self.cohort
        cohort = moves[0].from_cohort
        for move in moves:
            if move.moved_on <= day:
                cohort = move.to_cohort
        return cohort


class CohortMove(models.Model):
    """A member moved between cohorts: a recorded change, never an edit."""

    membership = models.ForeignKey(IomMembership, on_delete=models.PROTECT, related_name="moves")
    from_cohort = models.CharField(max_length=10, choices=COHORT_CHOICES)
    to_cohort = models.CharField(max_length=10, choices=COHORT_CHOICES)
    moved_on = models.DateField()
    reason = models.CharField(max_length=1000)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["moved_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_cohort=models.F("to_cohort")), name="iom_move_changes_cohort"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_cohort} → {self.to_cohort} on {self.moved_on}"


class IomReview(models.Model):
    """A periodic review of a member (the ``iom_review`` deadline moves on each one)."""

    membership = models.ForeignKey(IomMembership, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    notes = models.CharField(max_length=2000, blank=True)
    next_review_due_on = models.DateField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"IOM review on {self.reviewed_on}"

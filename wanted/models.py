"""Suspects not yet dealt with (DOMAIN.md §13): wanted circulations, outstanding suspects,
court warrants and voluntary attenders, with their reviews and each force's review cadence.

Wanted circulations, outstanding suspects and warrants are *open cases*: opened on a date,
reviewed every ``cadence`` days (a ``wanted_review`` / ``suspect_review`` / ``warrant_review``
deadline), and ended with an outcome. They share the ``OpenCaseQuerySet`` filters that the
monthly list and the figures use. Every write is in ``wanted.services``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from wanted import rules
from wanted.choices import (
    AttendanceOutcome,
    NecessityGround,
    Reason,
    SuspectResolution,
    WantedOutcome,
    WarrantKind,
    WarrantOutcome,
)


class ReviewCadence(models.Model):
    """A force's review intervals (the panel report leaves the cadence to the force)."""

    force = models.OneToOneField(
        "accounts.Force", on_delete=models.CASCADE, related_name="wanted_cadence"
    )
    wanted_days = models.PositiveSmallIntegerField(default=rules.DEFAULT_REVIEW_DAYS)
    suspect_days = models.PositiveSmallIntegerField(default=rules.DEFAULT_REVIEW_DAYS)
    warrant_days = models.PositiveSmallIntegerField(default=rules.DEFAULT_REVIEW_DAYS)
    performance_age_days = models.PositiveSmallIntegerField(
        default=rules.DEFAULT_PERFORMANCE_AGE_DAYS,
        help_text="Cases with no arrest after this many days go to the performance meeting.",
    )

    def __str__(self) -> str:
        return f"Review cadence for {self.force}"


class OpenCaseQuerySet(models.QuerySet):
    """Filters shared by the three kinds of open case (``opened_field`` names its start)."""

    opened_field = "opened_on"

    def open(self):
        return self.filter(ended_on__isnull=True)

    def open_on(self, day: dt.date):
        """Open at the end of ``day`` (rules.is_open_on)."""
        return self.filter(**{f"{self.opened_field}__lte": day}).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=day)
        )

    def in_month_lists(self, first: dt.date, last: dt.date):
        """On this month's list or ended during it (the "what changed" rows too)."""
        return self.filter(**{f"{self.opened_field}__lte": last}).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=first)
        )

    def review_overdue(self, today: dt.date):
        return self.open().filter(next_review_due__lt=today)

    def opened_before(self, day: dt.date):
        return self.filter(**{f"{self.opened_field}__lte": day})

    def for_lists(self):
        return self.select_related("offender", "officer_in_case", "district", "force")


class WantedQuerySet(OpenCaseQuerySet):
    opened_field = "circulated_on"


class SuspectQuerySet(OpenCaseQuerySet):
    opened_field = "identified_on"


class WarrantQuerySet(OpenCaseQuerySet):
    opened_field = "issued_on"


class _OpenCase(models.Model):
    """Columns every open case has."""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    offender = models.ForeignKey("offenders.Offender", on_delete=models.PROTECT, related_name="+")
    offence = models.CharField(max_length=300, help_text="The offence or offences.")
    officer_in_case = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    district = models.ForeignKey(
        "accounts.PolicingArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    next_review_due = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    def age_on(self, day: dt.date) -> int:
        return rules.age_in_days(self.opened_on, self.ended_on or day)

    def review_overdue_on(self, day: dt.date) -> bool:
        return self.is_open and rules.is_review_overdue(self.next_review_due, day)

    @property
    def opened_on(self) -> dt.date:
        raise NotImplementedError


class WantedCirculation(_OpenCase):
    """A person circulated as wanted on the PNC (arrest necessary under PACE Code G)."""

    reason = models.CharField(max_length=30, choices=Reason.choices)
    bail_case = models.ForeignKey(
        "bail.BailCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The bail or RUI case a bail or RUI reason arises from.",
    )
    necessity_ground = models.CharField(max_length=30, choices=NecessityGround.choices, blank=True)
    necessity = models.TextField(help_text="Why arrest is necessary, in the officer's words.")
    circulated_on = models.DateField(help_text="The date circulated on the PNC.")
    outcome = models.CharField(max_length=30, choices=WantedOutcome.choices, blank=True)
    detention = models.ForeignKey(
        "custody.Detention",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The detention that followed the arrest.",
    )
    history = HistoricalRecords()

    objects = WantedQuerySet.as_manager()

    class Meta:
        ordering = ["circulated_on", "pk"]
        indexes = [
            models.Index(fields=["force", "ended_on", "circulated_on"], name="wanted_open_idx"),
            models.Index(fields=["offender", "ended_on"], name="wanted_person_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("circulated_on")),
                name="wanted_ends_after_circulation",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, outcome="")
                | (Q(ended_on__isnull=False) & ~Q(outcome="")),
                name="wanted_ended_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(detention__isnull=True) | Q(outcome=WantedOutcome.ARRESTED),
                name="wanted_detention_only_after_arrest",
            ),
            models.CheckConstraint(
                condition=Q(reason__in=Reason.values), name="wanted_reason_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("wanted-circulation", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"WP-{self.pk:06d}"

    @property
    def opened_on(self) -> dt.date:
        return self.circulated_on


class OutstandingSuspect(_OpenCase):
    """A suspect identified in a reported crime, not yet arrested or interviewed (§9.5)."""

    crime_reference = models.CharField(max_length=40)
    identified_on = models.DateField()
    resolution = models.CharField(max_length=30, choices=SuspectResolution.choices, blank=True)
    history = HistoricalRecords()

    objects = SuspectQuerySet.as_manager()

    class Meta:
        ordering = ["identified_on", "pk"]
        indexes = [
            models.Index(fields=["force", "ended_on", "identified_on"], name="suspect_open_idx"),
            models.Index(fields=["offender", "ended_on"], name="suspect_person_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("identified_on")),
                name="suspect_resolved_after_identified",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, resolution="")
                | (Q(ended_on__isnull=False) & ~Q(resolution="")),
                name="suspect_resolved_has_resolution",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("wanted-suspect", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"OS-{self.pk:06d}"

    @property
    def opened_on(self) -> dt.date:
        return self.identified_on

    @property
    def outcome(self) -> str:
        return self.resolution

    def get_outcome_display(self) -> str:
        return self.get_resolution_display()


class Warrant(_OpenCase):
    """A court warrant to bring the person before the court."""

    kind = models.CharField(max_length=30, choices=WarrantKind.choices)
    court = models.CharField(max_length=150)
    issued_on = models.DateField()
    backed_for_bail = models.BooleanField(default=False)
    outcome = models.CharField(max_length=30, choices=WarrantOutcome.choices, blank=True)
    detention = models.ForeignKey(
        "custody.Detention", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = WarrantQuerySet.as_manager()

    class Meta:
        ordering = ["issued_on", "pk"]
        indexes = [
            models.Index(fields=["force", "ended_on", "issued_on"], name="warrant_open_idx"),
            models.Index(fields=["offender", "ended_on"], name="warrant_person_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("issued_on")),
                name="warrant_ends_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, outcome="")
                | (Q(ended_on__isnull=False) & ~Q(outcome="")),
                name="warrant_ended_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("wanted-warrant", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"WR-{self.pk:06d}"

    @property
    def opened_on(self) -> dt.date:
        return self.issued_on


class Review(models.Model):
    """A review of one open case (exactly one of the three links is set)."""

    circulation = models.ForeignKey(
        WantedCirculation, on_delete=models.CASCADE, null=True, blank=True, related_name="reviews"
    )
    suspect = models.ForeignKey(
        OutstandingSuspect, on_delete=models.CASCADE, null=True, blank=True, related_name="reviews"
    )
    warrant = models.ForeignKey(
        Warrant, on_delete=models.CASCADE, null=True, blank=True, related_name="reviews"
    )
    held_on = models.DateField()
    note = models.TextField()
    was_due = models.DateField(null=True, blank=True)
    next_due = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(circulation__isnull=False, suspect__isnull=True, warrant__isnull=True)
                    | Q(circulation__isnull=True, suspect__isnull=False, warrant__isnull=True)
                    | Q(circulation__isnull=True, suspect__isnull=True, warrant__isnull=False)
                ),
                name="wanted_review_has_one_case",
            )
        ]

    def __str__(self) -> str:
        return f"Review on {self.held_on}"

    @property
    def late(self) -> bool:
        return self.was_due is not None and self.held_on > self.was_due


class VoluntaryAttendance(models.Model):
    """An interview under caution without arrest (PACE Code C 3.21), followed to its outcome."""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    offender = models.ForeignKey("offenders.Offender", on_delete=models.PROTECT, related_name="+")
    interviewed_on = models.DateField()
    offence = models.CharField(max_length=300)
    officer_in_case = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "accounts.PolicingArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    suspect = models.ForeignKey(
        OutstandingSuspect,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
        help_text="The outstanding suspect this interview dealt with, if any.",
    )
    outcome = models.CharField(max_length=20, choices=AttendanceOutcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-interviewed_on", "-pk"]
        indexes = [models.Index(fields=["force", "interviewed_on"], name="va_month_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="", outcome_on__isnull=True)
                | (~Q(outcome="") & Q(outcome_on__gte=F("interviewed_on"))),
                name="va_outcome_dated_after_interview",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("wanted-attendance", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"VA-{self.pk:06d}"

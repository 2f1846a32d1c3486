"""Pre-charge bail and released-under-investigation cases (DOMAIN.md §2).

A ``BailCase`` is one suspect's pre-charge release for one investigation: on bail (with a
statutory applicable bail period), released under investigation (RUI, no time limit), lapsed
(bail ended with no extension or outcome, awaiting the Bail Management Team's assessment) or
ended (an outcome). The legal arithmetic is in ``bail.rules``; every write is in
``bail.services``.

The stored ``status`` says what has been *recorded*. A bail period that ended yesterday is
lapsed in law whether or not the nightly ``bail.tasks.mark_lapsed`` has run yet, so reads use
``BailCase.objects.with_state(today)``, whose ``state`` treats a bail case past its period end
as lapsed. The task (and any service touching the case) then records the lapse.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from bail import rules
from bail.choices import (
    OPEN_STATUSES,
    Agency,
    Authority,
    CaseStatus,
    EndReason,
    LapseDecision,
    Regime,
)


class BailCaseQuerySet(models.QuerySet):
    def with_state(self, today: dt.date) -> BailCaseQuerySet:
        """Annotate ``state``: the recorded status, except that bail past its period end
        is lapsed even before the lapse has been recorded."""
        return self.annotate(
            state=Case(
                When(
                    status=CaseStatus.BAIL,
                    bail_period_ends__lt=today,
                    then=Value(CaseStatus.LAPSED.value),
                ),
                default=F("status"),
                output_field=models.CharField(),
            )
        )

    def open(self) -> BailCaseQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def on_bail(self, today: dt.date) -> BailCaseQuerySet:
        return self.filter(status=CaseStatus.BAIL, bail_period_ends__gte=today)

    def on_rui(self) -> BailCaseQuerySet:
        return self.filter(status=CaseStatus.RUI)

    def lapsed(self, today: dt.date) -> BailCaseQuerySet:
        """Awaiting the lapse assessment: recorded as lapsed, or bail past its end."""
        return self.filter(
            Q(status=CaseStatus.LAPSED) | Q(status=CaseStatus.BAIL, bail_period_ends__lt=today)
        )

    def lapse_unrecorded(self, today: dt.date) -> BailCaseQuerySet:
        return self.filter(status=CaseStatus.BAIL, bail_period_ends__lt=today)

    def ending_before(self, day: dt.date) -> BailCaseQuerySet:
        """Live bail whose period ends before ``day`` (exclusive)."""
        return self.filter(status=CaseStatus.BAIL, bail_period_ends__lt=day)

    def ending_between(self, first: dt.date, last: dt.date) -> BailCaseQuerySet:
        return self.filter(
            status=CaseStatus.BAIL, bail_period_ends__gte=first, bail_period_ends__lte=last
        )

    def rui_review_due_by(self, day: dt.date) -> BailCaseQuerySet:
        return self.filter(status=CaseStatus.RUI, next_rui_review_due__lte=day)

    def for_lists(self) -> BailCaseQuerySet:
        """What every list prints, preloaded."""
        return self.select_related(
            "offender", "force", "officer_in_case", "offence_type", "district"
        )


class BailCase(models.Model):
    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    offender = models.ForeignKey(
        "offenders.Offender", on_delete=models.PROTECT, related_name="bail_cases"
    )
    officer_in_case = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bail_cases",
        help_text="The officer in the case: receives the reminders with the Bail Management Team.",
    )
    arrested_on = models.DateField()
    offence = models.CharField(max_length=300, blank=True)
    offence_type = models.ForeignKey(
        "offenders.OffenceType", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "accounts.PolicingArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    status = models.CharField(max_length=10, choices=CaseStatus.choices)
    agency = models.CharField(max_length=10, choices=Agency.choices, default=Agency.POLICE)
    regime = models.CharField(max_length=4, choices=Regime.choices)
    designated_case = models.BooleanField(
        default=False, help_text="Designated exceptionally complex by the DPP (PACE s.47ZE)."
    )

    # Bail: set while the case is or was on bail.
    bail_start_date = models.DateField(null=True, blank=True)
    bail_period_ends = models.DateField(null=True, blank=True)
    return_date = models.DateField(null=True, blank=True)
    # RUI: since when, and the force's review interval.
    rui_since = models.DateField(null=True, blank=True)
    next_rui_review_due = models.DateField(null=True, blank=True)
    # Lapse and end.
    lapsed_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=EndReason.choices, blank=True)

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = BailCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["force", "status", "bail_period_ends"], name="bail_queue_idx"),
            models.Index(fields=["force", "status", "next_rui_review_due"], name="bail_rui_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(bail_start_date__isnull=True) | Q(bail_start_date__gt=F("arrested_on")),
                name="bail_starts_after_arrest",
            ),
            models.CheckConstraint(
                condition=Q(bail_period_ends__isnull=True)
                | Q(bail_period_ends__gte=F("bail_start_date")),
                name="bail_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(return_date__isnull=True)
                | (
                    Q(return_date__gte=F("bail_start_date"))
                    & Q(return_date__lte=F("bail_period_ends"))
                ),
                name="bail_return_date_within_period",
            ),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.BAIL)
                | (
                    Q(bail_start_date__isnull=False)
                    & Q(bail_period_ends__isnull=False)
                    & Q(return_date__isnull=False)
                ),
                name="bail_case_has_its_dates",
            ),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.RUI)
                | (Q(rui_since__isnull=False) & Q(next_rui_review_due__isnull=False)),
                name="bail_rui_case_has_its_dates",
            ),
            models.CheckConstraint(
                condition=Q(rui_since__isnull=True) | Q(rui_since__gte=F("arrested_on")),
                name="bail_rui_after_arrest",
            ),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.LAPSED) | Q(lapsed_on__gt=F("bail_period_ends")),
                name="bail_lapses_after_period_ends",
            ),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.ENDED)
                | (Q(ended_on__isnull=False) & ~Q(outcome="")),
                name="bail_ended_case_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("arrested_on")),
                name="bail_ends_after_arrest",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in CaseStatus]), name="bail_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Bail case {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("bail-case", args=[self.pk])

    @property
    def reference(self) -> str:
        """What titles, emails and CSVs call the case: never a personal name."""
        return f"BC-{self.pk:06d}"

    def state_on(self, today: dt.date) -> str:
        """The status in law on ``today`` (see ``BailCaseQuerySet.with_state``)."""
        if self.status == CaseStatus.BAIL and rules.is_lapsed(self.bail_period_ends, today):
            return CaseStatus.LAPSED
        return self.status

    def charging_file_status(self, today: dt.date) -> str:
        """What the MG3 charging file must record: bail with its end date, or RUI
        (DOMAIN.md §2.2, "MG3 field")."""
        state = self.state_on(today)
        if state == CaseStatus.BAIL:
            return f"On bail until {_day(self.bail_period_ends)}"
        if state == CaseStatus.RUI:
            return "Released under investigation"
        if state == CaseStatus.LAPSED:
            lapsed_on = self.lapsed_on or self.bail_period_ends + dt.timedelta(days=1)
            return f"Bail lapsed on {_day(lapsed_on)}: released without bail"
        return f"Ended on {_day(self.ended_on)}: {self.get_outcome_display().lower()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def extension_authorities(self) -> list[str]:
        """Earlier extensions' authorities, oldest first (needs ``extensions`` loaded)."""
        return [
            e.authority for e in sorted(self.extensions.all(), key=lambda e: (e.decided_on, e.pk))
        ]


class ConditionVariation(models.Model):
    """One decision that imposed or varied conditions (the grant is the first)."""

    case = models.ForeignKey(BailCase, on_delete=models.PROTECT, related_name="variations")
    varied_on = models.DateField()
    reason = models.CharField(max_length=500, blank=True)
    # Only meaningful when a victim-protecting condition changed; None: not applicable.
    victim_told = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["varied_on", "pk"]

    def __str__(self) -> str:
        return f"Conditions varied on {self.varied_on}"


class BailCondition(models.Model):
    case = models.ForeignKey(BailCase, on_delete=models.PROTECT, related_name="conditions")
    text = models.CharField(max_length=500)
    protects_victim = models.BooleanField(default=False)
    added_on = models.DateField()
    added_by_variation = models.ForeignKey(
        ConditionVariation, on_delete=models.PROTECT, related_name="added", null=True, blank=True
    )
    removed_on = models.DateField(null=True, blank=True)
    removed_by_variation = models.ForeignKey(
        ConditionVariation, on_delete=models.PROTECT, related_name="removed", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["added_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | Q(removed_on__gte=F("added_on")),
                name="bail_condition_removed_after_added",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def in_force(self) -> bool:
        return self.removed_on is None


class VictimViews(models.Model):
    """The alleged victim's views on victim-protecting conditions, or why they could not
    reasonably be sought (PCSC Act 2022 Sch 4 Part 3)."""

    case = models.ForeignKey(BailCase, on_delete=models.PROTECT, related_name="victim_views")
    variation = models.OneToOneField(
        ConditionVariation, on_delete=models.PROTECT, related_name="victim_views"
    )
    sought = models.BooleanField()
    views = models.TextField(blank=True)
    not_practicable_reason = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(sought=True) & ~Q(views="")) | ~Q(not_practicable_reason=""),
                name="bail_victim_views_or_reason",
            ),
        ]

    def __str__(self) -> str:
        return "Victim's views" if self.sought else "Victim's views not practicable"


class BailExtension(models.Model):
    case = models.ForeignKey(BailCase, on_delete=models.PROTECT, related_name="extensions")
    authority = models.CharField(max_length=20, choices=Authority.choices)
    decided_on = models.DateField()
    authorised_by_name = models.CharField(max_length=150)
    authorised_by_rank = models.CharField(max_length=30, blank=True)
    designated_case = models.BooleanField(default=False)
    previous_end = models.DateField()
    new_end = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_end__gt=F("previous_end")), name="bail_extension_extends"
            ),
            models.CheckConstraint(
                condition=Q(decided_on__lte=F("previous_end")),
                name="bail_extension_before_period_ends",
            ),
        ]

    def __str__(self) -> str:
        return f"Extended to {self.new_end} ({self.authority})"


class BailEnd(models.Model):
    """How bail or RUI ended (API ``POST /bail/cases/{id}/end/``)."""

    case = models.ForeignKey(BailCase, on_delete=models.PROTECT, related_name="ends")
    ended_on = models.DateField()
    reason = models.CharField(max_length=20, choices=EndReason.choices)
    rationale = models.TextField(blank=True)
    from_status = models.CharField(max_length=10, choices=CaseStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["ended_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on {self.ended_on}"


class LapseAssessment(models.Model):
    """The Bail Management Team's assessment of a lapsed bail period: continue as RUI or
    close with an outcome, with the rationale."""

    case = models.ForeignKey(BailCase, on_delete=models.PROTECT, related_name="lapse_assessments")
    lapsed_on = models.DateField()
    decided_on = models.DateField()
    decision = models.CharField(max_length=20, choices=LapseDecision.choices)
    outcome = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    rationale = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(rationale=""), name="bail_lapse_assessment_has_rationale"
            ),
            models.CheckConstraint(
                condition=Q(decided_on__gte=F("lapsed_on")), name="bail_lapse_decided_after_lapse"
            ),
            models.CheckConstraint(
                condition=(Q(decision="close") & ~Q(outcome=""))
                | (Q(decision="continue_rui") & Q(outcome="")),
                name="bail_lapse_close_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"Lapse assessed on {self.decided_on}: {self.get_decision_display()}"


class RuiReview(models.Model):
    case = models.ForeignKey(BailCase, on_delete=models.PROTECT, related_name="rui_reviews")
    reviewed_on = models.DateField()
    notes = models.TextField()
    next_review_due = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["reviewed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_due__gt=F("reviewed_on")), name="bail_rui_review_next_later"
            ),
        ]

    def __str__(self) -> str:
        return f"RUI review on {self.reviewed_on}"


def _day(day: dt.date | None) -> str:
    return "" if day is None else f"{day.day} {day:%b %Y}"

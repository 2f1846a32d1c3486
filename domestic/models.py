"""Domestic-abuse records: the DAPU programme list (a cohort on the shared membership base)
with its stage moves, scores, sessions and contacts, and DVPN/DAPN notices with their
hearing. Orders made at the hearing are protective orders on protection's shared record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.ranks import Rank
from cohorts.models import CohortMembershipQuerySet, TeamLedMembership
from domestic.choices import ContactKind, HearingResult, NoticeKind, SessionKind, Source, Stage


class ProgrammeEntry(TeamLedMembership):
    """A person on the DAPU programme list. ``stage`` is where they are now; the moves keep
    who moved them, when and why. ``ended_on`` is set when they reach a final stage
    (not suitable, not interested, withdrawn, completed)."""

    COHORT_KIND = "dapu"

    offender = models.ForeignKey(
        "offenders.Offender", on_delete=models.PROTECT, related_name="dapu_entries"
    )
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dapu_caseload"
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.TO_BE_SCORED)
    area = models.ForeignKey(
        "accounts.PolicingArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The latest RFG score (all of them in ``scores``).
    score = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    scored_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = CohortMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = "DAPU programme entry"
        verbose_name_plural = "DAPU programme entries"
        indexes = [
            models.Index(fields=["force", "stage"], name="dapu_force_stage_idx"),
            models.Index(fields=["lead_officer", "ended_on"], name="dapu_caseload_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["offender"],
                condition=Q(ended_on__isnull=True),
                name="one_open_dapu_entry",
                violation_error_message="This person is already on the programme list.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="dapu_ended_after_started",
            ),
        ]

    def __str__(self) -> str:
        return f"DAPU programme entry {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("domestic-entry", args=[self.pk])

    def get_end_reason_display(self) -> str:
        return Stage(self.end_reason).label if self.end_reason else ""


class StageMove(models.Model):
    entry = models.ForeignKey(ProgrammeEntry, on_delete=models.PROTECT, related_name="moves")
    from_stage = models.CharField(max_length=20, choices=Stage.choices)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    on = models.DateField()
    note = models.CharField(max_length=2000, blank=True)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "pk"]
        indexes = [models.Index(fields=["entry", "on"], name="dapu_move_entry_on_idx")]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display()} to {self.get_stage_display()} on {self.on}"


class Score(models.Model):
    """One RFG scoring: the inputs, the weights in force and the result."""

    entry = models.ForeignKey(ProgrammeEntry, on_delete=models.PROTECT, related_name="scores")
    recency = models.PositiveSmallIntegerField(help_text="Months since the latest incident")
    frequency = models.PositiveSmallIntegerField(help_text="Incidents in the last three years")
    gravity = models.PositiveSmallIntegerField(help_text="Gravity points of the incidents")
    weights = models.JSONField()
    score = models.DecimalField(max_digits=7, decimal_places=1)
    scored_on = models.DateField()
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-scored_on", "-pk"]

    def __str__(self) -> str:
        return f"RFG {self.score} on {self.scored_on}"


class Session(models.Model):
    entry = models.ForeignKey(ProgrammeEntry, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField()
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    notes = models.CharField(max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["held_on"], name="dapu_session_held_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"


class Contact(models.Model):
    """Contact with a partner agency or the victim, recorded for the victim's safety."""

    entry = models.ForeignKey(ProgrammeEntry, on_delete=models.PROTECT, related_name="contacts")
    kind = models.CharField(max_length=20, choices=ContactKind.choices)
    contacted_on = models.DateField()
    with_whom = models.CharField(max_length=200)
    summary = models.CharField(max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-contacted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} contact on {self.contacted_on}"


class NoticeQuerySet(models.QuerySet):
    def for_force(self, force_id):
        return self.filter(force_id=force_id)


class Notice(models.Model):
    """A DVPN or DAPN: who authorised it, when it was given, its conditions, the hearing
    deadline, and the hearing's result (an order made is on ``order``)."""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    offender = models.ForeignKey(
        "offenders.Offender", on_delete=models.PROTECT, related_name="dapu_notices"
    )
    kind = models.CharField(max_length=10, choices=NoticeKind.choices)
    given_at = models.DateTimeField()
    authorised_by_name = models.CharField(max_length=200)
    authorised_by_rank = models.CharField(max_length=30)
    victim_age = models.PositiveSmallIntegerField(null=True, blank=True)
    conditions = models.JSONField(default=list, blank=True)
    area = models.ForeignKey(
        "accounts.PolicingArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hearing_due_by = models.DateTimeField()
    heard_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=20, choices=HearingResult.choices, blank=True)
    electronic_monitoring_until = models.DateField(null=True, blank=True)
    order = models.OneToOneField(
        "protection.ProtectiveOrder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notice",
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at", "-pk"]
        indexes = [models.Index(fields=["force", "given_at"], name="notice_force_given_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(heard_at__isnull=True) | Q(heard_at__gte=models.F("given_at")),
                name="notice_heard_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{NoticeKind(self.kind).name} given {self.given_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("domestic-notice", args=[self.pk])

    @property
    def authorised_by_rank_label(self) -> str:
        try:
            return Rank(self.authorised_by_rank).label
        except ValueError:
            return self.authorised_by_rank

    @property
    def awaiting_hearing(self) -> bool:
        return self.result in ("", HearingResult.ADJOURNED)

"""The deadline engine's records (ARCHITECTURE.md "Deadline engine").

One ``Deadline`` per clock that matters. Its alert schedule is: a warning at each lead
time before ``due_at``, an overdue notice at ``due_at``, an escalation at
``escalate_at``. ``next_alert_at`` is the earliest step not yet sent, so the scan reads
only deadlines with something due (index on status, next_alert_at).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from deadlines import rules


class Kind(models.TextChoices):
    GOLDEN_HOUR_CALL = "golden_hour_call", "Golden Hour call to children's services"
    PACE_REVIEW = "pace_review", "PACE detention review"
    DETENTION_LIMIT = "detention_limit", "PACE detention limit"
    MHA_136_LIMIT = "mha_136_limit", "s.136 place of safety limit"
    BAIL_PERIOD_END = "bail_period_end", "Bail period ends"
    RUI_REVIEW = "rui_review", "Released under investigation review"
    OOCD_CONDITION = "oocd_condition", "Out-of-court disposal condition due"
    RSO_NOTIFICATION = "rso_notification", "RSO notification due"
    RSO_VISIT = "rso_visit", "RSO home visit due"
    MAPPA_REVIEW = "mappa_review", "MAPPA review due"
    IOM_REVIEW = "iom_review", "IOM review due"
    RSO_REVIEW_QUALIFYING = "rso_review_qualifying", "RSO indefinite notification review"
    PROTECTIVE_ORDER_END = "protective_order_end", "Protective order ends"
    DVPN_HEARING = "dvpn_hearing", "DVPO hearing due"
    DAPU_REVIEW = "dapu_review", "DAPU programme review due"
    WANTED_REVIEW = "wanted_review", "Wanted circulation review due"
    SUSPECT_REVIEW = "suspect_review", "Outstanding suspect review due"
    WARRANT_REVIEW = "warrant_review", "Warrant review due"
    SERVICE_FUNDING_END = "service_funding_end", "Partner service funding ends"
    REFERRAL_RESPONSE = "referral_response", "Partner referral awaiting a response"
    STRATEGY_ACTION_DUE = "strategy_action_due", "Managing Offenders strategy action due"
    HMICFRS_RECOMMENDATION_DUE = "hmicfrs_recommendation_due", "HMICFRS recommendation due"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    MET = "met", "Met"
    MISSED = "missed", "Missed"
    CANCELLED = "cancelled", "Cancelled"


class Stage(models.TextChoices):
    WARNING = "warning", "Warning"
    OVERDUE = "overdue", "Overdue"
    ESCALATION = "escalation", "Escalation"


class DeadlineQuerySet(models.QuerySet):
    def open(self) -> DeadlineQuerySet:
        return self.filter(status=Status.OPEN)

    def alert_due(self, now) -> DeadlineQuerySet:
        return self.filter(status=Status.OPEN, next_alert_at__lte=now)

    def for_user(self, user) -> DeadlineQuerySet:
        """Deadlines the user owns, or that belong to one of the user's teams."""
        return self.filter(Q(owner_user=user) | Q(owner_team__in=user.teams.all())).distinct()


class Deadline(models.Model):
    kind = models.CharField(max_length=40, choices=Kind.choices)
    title = models.CharField(max_length=200, help_text="What must happen, in a few words.")
    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    offender = models.ForeignKey(
        "offenders.Offender",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    # The record the deadline belongs to (a detention, a bail case, ...).
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")

    due_at = models.DateTimeField()
    # Warning lead times in seconds before due_at, most distant first (e.g. 14 and 3 days).
    warning_leads = models.JSONField(default=list, blank=True)
    escalate_at = models.DateTimeField(null=True, blank=True)
    next_alert_at = models.DateTimeField(null=True, blank=True)

    owner_team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="deadlines"
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    # Role whose members in the owning team (else in the force) receive the escalation.
    escalate_to_role = models.CharField(max_length=40, default="supervisor")

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["status", "next_alert_at"], name="deadline_scan_idx"),
            models.Index(fields=["status", "due_at"], name="deadline_due_idx"),
            models.Index(fields=["content_type", "object_id"], name="deadline_record_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(escalate_at__isnull=True) | Q(escalate_at__gte=models.F("due_at")),
                name="deadline_escalates_after_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def recorded_late(self) -> bool:
        """Already past by more than DEADLINE_RECORDED_LATE_HOURS when recorded."""
        return rules.recorded_late(
            due_at=self.due_at,
            recorded_at=self.created_at,
            grace=dt.timedelta(hours=settings.DEADLINE_RECORDED_LATE_HOURS),
        )

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN


class DeadlineAlert(models.Model):
    """One step of a deadline's alert schedule, sent once.

    The unique constraint is the exactly-once guarantee: whichever worker inserts the row
    sends the step; a second worker's insert fails and it sends nothing. ``due_at`` is the
    due time the step referred to, so a deadline moved to a new time is warned again.
    """

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="alerts")
    stage = models.CharField(max_length=12, choices=Stage.choices)
    due_at = models.DateTimeField()
    lead_seconds = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "stage", "due_at", "lead_seconds"], name="alert_once_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stage} for deadline {self.deadline_id} (due {self.due_at:%Y-%m-%d %H:%M})"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="notifications")
    alert = models.ForeignKey(DeadlineAlert, on_delete=models.CASCADE, related_name="notifications")
    stage = models.CharField(max_length=12, choices=Stage.choices)
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_inbox_idx"),
            # The email sweep (services.enqueue_unsent_emails) reads only what is unsent.
            models.Index(
                fields=["created_at"],
                name="notification_unsent_idx",
                condition=models.Q(emailed_at__isnull=True),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["alert", "user"], name="notification_once_per_user"),
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def read(self) -> bool:
        return self.read_at is not None


class Heartbeat(models.Model):
    """When a periodic job last ran (the deadline scan's beat tick), for /healthz."""

    name = models.CharField(max_length=60, unique=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.at:%Y-%m-%d %H:%M:%S}"

"""The Accountability and Performance Panel report's own records (issue 18).

* ``SectionNarrative``: the author's words for one section of the force's next report,
  written beside the live figures (the figures themselves are never typed).
* ``IssuedReport``: a report issued for a meeting: its figures and narrative frozen as they
  were, who issued it and when. Later data changes never alter it.
* ``StrategyAction`` and ``Recommendation``: the Managing Offenders strategy's actions and
  HMICFRS recommendations, printed as the report's appendices; their due dates are deadlines.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class SectionNarrative(models.Model):
    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    section = models.CharField(max_length=40)
    text = models.TextField(blank=True, max_length=20000)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["force", "section"], name="one_narrative_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.section} narrative"


class IssuedReportQuerySet(models.QuerySet):
    def published(self) -> IssuedReportQuerySet:
        return self.filter(published=True)


class IssuedReport(models.Model):
    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    meeting_date = models.DateField()
    period_first = models.DateField()
    period_last = models.DateField()
    # The whole report as it was issued: figures, comparisons, narrative and appendices.
    content = models.JSONField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField()
    published = models.BooleanField(default=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = IssuedReportQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_last__gte=models.F("period_first")),
                name="issued_report_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"Panel report for {self.meeting_date:%d %B %Y}"


class Pillar(models.TextChoices):
    DETECT = "detect", "Detect crime and create confidence"
    DIVERT = "divert", "Divert and deter"
    QUALITY = "quality", "Deliver a quality service"
    COMPLIANCE = "compliance", "Demonstrate compliance and quality"


class ActionStatus(models.TextChoices):
    ONGOING = "ongoing", "Ongoing"
    HELD = "held", "Held"
    DONE = "done", "Done"


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    CLOSED = "closed", "Closed by HMICFRS"


class StrategyAction(models.Model):
    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    pillar = models.CharField(max_length=20, choices=Pillar.choices)
    action = models.TextField(max_length=2000)
    owner = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default="ongoing")
    notes = models.TextField(blank=True, max_length=4000)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pillar", "due_on", "pk"]

    def __str__(self) -> str:
        return self.action[:60]


class Recommendation(models.Model):
    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    inspection = models.CharField(max_length=200)
    recommendation = models.TextField(max_length=4000)
    owner = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=RecommendationStatus.choices, default="open")
    closed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True, max_length=4000)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="closed", closed_on__isnull=False)
                | (~models.Q(status="closed") & models.Q(closed_on__isnull=True)),
                name="recommendation_closed_on_when_closed",
            )
        ]

    def __str__(self) -> str:
        return self.recommendation[:60]

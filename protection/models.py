"""Public-protection records: the sex offenders register, MAPPA cases and protective orders.

RSO registrations and MAPPA cases are cohort memberships on the shared base
(``cohorts.models.TeamLedMembership``): one open per person and cohort, a lead officer and
team, a start and an end with a reason, a version and history. The two are separate records
(not every RSO is a MAPPA case and not every MAPPA case is an RSO) and both show on the
person. The legal dates are computed in ``protection/rules.py`` by ``protection/services.py``
and stored here so lists filter and count in SQL.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cohorts.models import CohortMembershipQuerySet, TeamLedMembership
from protection.choices import (
    MAPPA_CATEGORIES,
    MAPPA_LEVELS,
    Disposal,
    LeadAgency,
    MappaEndReason,
    NotificationKind,
    OrderKind,
    RiskLevel,
    RsoEndReason,
    RsoStatus,
    VisitOutcome,
)
from protection.rules import NotificationPeriod


class RsoQuerySet(CohortMembershipQuerySet):
    def in_custody(self):
        return self.open().filter(in_custody=True)

    def in_community(self):
        return self.open().filter(in_custody=False)

    def visits_overdue_on(self, day: dt.date):
        """Open, in the community, with a planned visit due before ``day``."""
        return self.in_community().filter(next_visit_due__lt=day)

    def visits_due_between(self, first: dt.date, last: dt.date):
        return self.in_community().filter(next_visit_due__range=(first, last))


class RsoRegistration(TeamLedMembership):
    """A person subject to the notification requirements of SOA 2003 Part 2.

    ``started_on`` is the relevant date (conviction, finding or caution); ``ended_on`` the
    day the requirements ended (period over, discharged on review, ...).
    """

    COHORT_KIND = "rso"

    offender = models.ForeignKey(
        "offenders.Offender", on_delete=models.PROTECT, related_name="rso_registrations"
    )
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rso_caseload"
    )
    area = models.ForeignKey(
        "accounts.PolicingArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    disposal = models.CharField(max_length=30, choices=Disposal.choices)
    sentence_months = models.PositiveSmallIntegerField(null=True, blank=True)
    life_or_ipp = models.BooleanField("Life or IPP", default=False)
    discharge_months = models.PositiveSmallIntegerField(null=True, blank=True)
    offence = models.CharField(max_length=300, blank=True)
    under_18_at_relevant_date = models.BooleanField(default=False)
    # None: indefinite (s.82 table)
    notification_period_months = models.PositiveSmallIntegerField(null=True, blank=True)
    notification_ends_on = models.DateField(null=True, blank=True)
    initial_notification_due = models.DateField()

    in_custody = models.BooleanField(default=False)
    release_on = models.DateField(null=True, blank=True)
    first_notification_after_release = models.DateField(null=True, blank=True)
    review_qualifying_date = models.DateField(null=True, blank=True)

    last_notified_on = models.DateField(null=True, blank=True)
    next_periodic_due = models.DateField(null=True, blank=True)
    no_fixed_abode = models.BooleanField(default=False)

    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    risk_assessed_on = models.DateField(null=True, blank=True)
    low_risk_since = models.DateField(null=True, blank=True)
    visit_interval_days = models.PositiveSmallIntegerField(null=True, blank=True)
    last_visit_on = models.DateField(null=True, blank=True)
    next_visit_due = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = RsoQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = "RSO registration"
        indexes = [
            models.Index(fields=["force", "ended_on", "in_custody"], name="rso_force_status_idx"),
            models.Index(fields=["force", "next_visit_due"], name="rso_visit_due_idx"),
            models.Index(fields=["lead_officer", "ended_on"], name="rso_caseload_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["offender"],
                condition=Q(ended_on__isnull=True),
                name="one_open_rso_registration",
                violation_error_message="This person is already on the register.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="rso_ended_after_started",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | Q(ended_on__isnull=False) & ~Q(end_reason=""),
                name="rso_end_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"RSO registration {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("protection-rso", args=[self.pk])

    @property
    def relevant_date(self) -> dt.date:
        return self.started_on

    @property
    def period(self) -> NotificationPeriod:
        return NotificationPeriod(self.notification_period_months)

    @property
    def status(self) -> str:
        if self.ended_on is not None:
            return RsoStatus.ENDED
        return RsoStatus.IN_CUSTODY if self.in_custody else RsoStatus.IN_COMMUNITY

    def get_status_display(self) -> str:
        return RsoStatus(self.status).label

    def get_end_reason_display(self) -> str:
        return RsoEndReason(self.end_reason).label if self.end_reason else ""

    def visits_overdue(self, today: dt.date) -> bool:
        return (
            self.is_open
            and not self.in_custody
            and self.next_visit_due is not None
            and self.next_visit_due < today
        )


class RsoNotification(models.Model):
    """A notification the person made at a police station (ss.83-85, 2012 Regulations)."""

    registration = models.ForeignKey(
        RsoRegistration, on_delete=models.PROTECT, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    notified_on = models.DateField()
    changed_on = models.DateField(null=True, blank=True)  # the change notified, if known
    departs_on = models.DateField(null=True, blank=True)
    returns_on = models.DateField(null=True, blank=True)
    destination = models.CharField(max_length=200, blank=True)
    from_date = models.DateField(null=True, blank=True)
    to_date = models.DateField(null=True, blank=True)
    address = models.CharField(max_length=400, blank=True)
    details = models.CharField(max_length=2000, blank=True)
    due_on = models.DateField(null=True, blank=True)  # the latest day the law allowed
    late = models.BooleanField(default=False)  # a possible s.91 offence to investigate
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-notified_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_date__isnull=True)
                | Q(from_date__isnull=False) & Q(to_date__gte=models.F("from_date")),
                name="rso_stay_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.notified_on}"


class RsoRiskAssessment(models.Model):
    """An ARMS assessment; the latest sets the visit plan (DOMAIN.md §6.4)."""

    registration = models.ForeignKey(
        RsoRegistration, on_delete=models.PROTECT, related_name="risk_assessments"
    )
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    assessed_on = models.DateField()
    visit_interval_days = models.PositiveSmallIntegerField(null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"ARMS {self.get_level_display()} on {self.assessed_on}"


class RsoVisit(models.Model):
    registration = models.ForeignKey(
        RsoRegistration, on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=VisitOutcome.choices)
    notes = models.CharField(max_length=2000, blank=True)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["visited_on"], name="rso_visit_on_idx")]

    def __str__(self) -> str:
        return f"Visit on {self.visited_on}"


class IntelligenceKind(models.TextChoices):
    SUBMISSION = "submission", "Intelligence submission"
    OFFENCE_DETECTED = "offence_detected", "Further offence detected"


class RsoIntelligence(models.Model):
    """Intelligence submitted and further offences detected: what the unit is scrutinised on."""

    registration = models.ForeignKey(
        RsoRegistration, on_delete=models.PROTECT, related_name="intelligence"
    )
    kind = models.CharField(max_length=20, choices=IntelligenceKind.choices)
    recorded_on = models.DateField()
    summary = models.CharField(max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.recorded_on}"


class ProtectiveOrderQuerySet(models.QuerySet):
    def for_force(self, force_id):
        return self.filter(force_id=force_id)

    def in_force_on(self, day: dt.date):
        return self.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=day),
            Q(discharged_on__isnull=True) | Q(discharged_on__gt=day),
            made_on__lte=day,
        )


class ProtectiveOrder(models.Model):
    """One protective order, whatever its kind (SHPO, SRO, DVPO, DAPO, non-molestation,
    stalking protection): kind, dates, prohibitions and breaches."""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    offender = models.ForeignKey(
        "offenders.Offender", on_delete=models.PROTECT, related_name="protective_orders"
    )
    kind = models.CharField(max_length=30, choices=OrderKind.choices)
    made_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    until_further_order = models.BooleanField(default=False)
    prohibitions = models.JSONField(default=list, blank=True)
    foreign_travel_prohibition_until = models.DateField(null=True, blank=True)
    court = models.CharField(max_length=200, blank=True)
    area = models.ForeignKey(
        "accounts.PolicingArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    discharged_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = ProtectiveOrderQuerySet.as_manager()

    class Meta:
        ordering = ["-made_on", "-pk"]
        indexes = [models.Index(fields=["force", "made_on"], name="order_force_made_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("made_on")),
                name="order_ends_after_made",
            ),
            models.CheckConstraint(
                condition=~Q(until_further_order=True, ends_on__isnull=False),
                name="order_end_or_until_further_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} made {self.made_on}"

    def get_absolute_url(self) -> str:
        return reverse("protection-order", args=[self.pk])

    def in_force_on(self, day: dt.date) -> bool:
        if self.discharged_on is not None and self.discharged_on <= day:
            return False
        return self.made_on <= day and (self.ends_on is None or self.ends_on >= day)


class OrderVariation(models.Model):
    """A court's variation or discharge of a protective order: what changed, when, by whom."""

    VARY = "vary"
    DISCHARGE = "discharge"
    CHANGES = [(VARY, "Varied"), (DISCHARGE, "Discharged")]

    order = models.ForeignKey(ProtectiveOrder, on_delete=models.PROTECT, related_name="variations")
    change = models.CharField(max_length=10, choices=CHANGES)
    decided_on = models.DateField()
    court = models.CharField(max_length=200, blank=True)
    old_ends_on = models.DateField(null=True, blank=True)
    new_ends_on = models.DateField(null=True, blank=True)
    old_until_further_order = models.BooleanField(default=False)
    new_until_further_order = models.BooleanField(default=False)
    old_prohibitions = models.JSONField(default=list, blank=True)
    new_prohibitions = models.JSONField(default=list, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_change_display()} on {self.decided_on}"


class OrderBreach(models.Model):
    order = models.ForeignKey(ProtectiveOrder, on_delete=models.PROTECT, related_name="breaches")
    breached_on = models.DateField()
    details = models.CharField(max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-breached_on", "-pk"]

    def __str__(self) -> str:
        return f"Breach on {self.breached_on}"


MAPPA_CATEGORY_CHOICES = list(MAPPA_CATEGORIES.items())
MAPPA_LEVEL_CHOICES = list(MAPPA_LEVELS.items())


class MappaCase(TeamLedMembership):
    """A person managed under MAPPA (CJA 2003 ss.325-327): category, level, lead agency and
    area. ``transferred_in``: owned by another area but living here (Approved Premises, an
    open prison), counted apart."""

    COHORT_KIND = "mappa"

    offender = models.ForeignKey(
        "offenders.Offender", on_delete=models.PROTECT, related_name="mappa_cases"
    )
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mappa_caseload"
    )
    category = models.PositiveSmallIntegerField(choices=MAPPA_CATEGORY_CHOICES)
    level = models.PositiveSmallIntegerField(choices=MAPPA_LEVEL_CHOICES)
    area = models.ForeignKey("accounts.PolicingArea", on_delete=models.PROTECT, related_name="+")
    lead_agency = models.CharField(max_length=20, choices=LeadAgency.choices)
    transferred_in = models.BooleanField(default=False)
    transferred_from = models.CharField(max_length=200, blank=True)
    next_review_due = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = CohortMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = "MAPPA case"
        indexes = [models.Index(fields=["force", "ended_on", "level"], name="mappa_level_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["offender"],
                condition=Q(ended_on__isnull=True),
                name="one_open_mappa_case",
                violation_error_message="This person already has an open MAPPA case.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="mappa_ended_after_started",
            ),
            models.CheckConstraint(
                condition=Q(category__in=[1, 2, 3]) & Q(level__in=[1, 2, 3]),
                name="mappa_category_and_level",
            ),
        ]

    def __str__(self) -> str:
        return f"MAPPA case {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("protection-mappa", args=[self.pk])

    def get_end_reason_display(self) -> str:
        return MappaEndReason(self.end_reason).label if self.end_reason else ""


class MappaMeeting(models.Model):
    case = models.ForeignKey(MappaCase, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    level = models.PositiveSmallIntegerField(choices=MAPPA_LEVEL_CHOICES)
    attendees = models.CharField(max_length=2000, blank=True)
    actions = models.CharField(max_length=4000, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"MAPPA meeting on {self.held_on}"


class MappaLevelChange(models.Model):
    case = models.ForeignKey(MappaCase, on_delete=models.PROTECT, related_name="level_changes")
    from_level = models.PositiveSmallIntegerField(choices=MAPPA_LEVEL_CHOICES)
    to_level = models.PositiveSmallIntegerField(choices=MAPPA_LEVEL_CHOICES)
    changed_on = models.DateField()
    reason = models.CharField(max_length=1000)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_on", "pk"]

    def __str__(self) -> str:
        return f"Level {self.from_level} to {self.to_level} on {self.changed_on}"

"""Custody records: suites (Police Investigation Centres), cells, detentions and what
happens to a detainee while in custody (DOMAIN.md §1, §8, §12).

The legal arithmetic lives in ``custody/rules.py``; the computed instants stored here
(relevant time, detention limit, next review, Golden Hour) are written by
``custody/services.py`` whenever something that moves them is recorded.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from custody import rules
from custody.choices import CourtDelayCause, PlaceOfSafety, SearchKind, TransferOutcome


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class LocalAuthority(models.Model):
    """A council whose children's services take the Golden Hour call (DOMAIN.md §8)."""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    daytime_service = models.CharField(max_length=120, help_text='e.g. "Customer First".')
    out_of_hours_service = models.CharField(
        max_length=120, help_text='e.g. "Emergency Duty Service".'
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name

    def service_hours(self) -> rules.ServiceHours:
        """The daytime windows as the pure rule wants them (uses prefetched windows)."""
        days: dict[str, rules.Window] = {}
        for window in self.windows.all():
            days[Weekday(window.weekday).name.lower()] = (window.opens, window.closes)
        return rules.ServiceHours(**days)


class ServiceWindow(models.Model):
    """One weekday's daytime service hours, London wall time, read as [opens, closes).

    A weekday with no row has no daytime service: calls go out of hours.
    """

    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.CASCADE, related_name="windows"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["local_authority", "weekday"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "weekday"], name="one_window_per_weekday"
            ),
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="window_order"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M} to {self.closes:%H:%M}"


class CustodySuite(models.Model):
    """A Police Investigation Centre. Its cells are rows, so capacity is data."""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="suites"
    )
    team = models.OneToOneField(
        "accounts.Team",
        on_delete=models.PROTECT,
        related_name="custody_suite",
        help_text="The suite's custody officers: deadlines are routed to its members.",
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["force__name", "name"]

    def __str__(self) -> str:
        return self.name


class Cell(models.Model):
    suite = models.ForeignKey(CustodySuite, on_delete=models.PROTECT, related_name="cells")
    number = models.PositiveSmallIntegerField()
    in_service = models.BooleanField(default=True)

    class Meta:
        ordering = ["suite", "number"]
        constraints = [
            models.UniqueConstraint(fields=["suite", "number"], name="unique_cell_per_suite")
        ]

    def __str__(self) -> str:
        return f"Cell {self.number}"


class Outcome(models.TextChoices):
    CHARGED = "charged", "Charged"
    REMANDED = "remanded", "Charged and remanded to court"
    BAIL = "bail", "Released on pre-charge bail"
    RUI = "rui", "Released under investigation"
    NFA = "nfa", "No further action"
    OOCD = "oocd", "Out-of-court disposal"
    TRANSFERRED = "transferred", "Transferred"


def _beyond_maximum(now: dt.datetime) -> Q:
    return Q(detention_limit_at__lt=now, relevant_time__lt=now - rules.OVERALL_MAXIMUM)


class DetentionQuerySet(models.QuerySet):
    def in_custody(self) -> DetentionQuerySet:
        return self.filter(released_at__isnull=True)

    def to_resolve(self, now: dt.datetime) -> DetentionQuerySet:
        """Open records past every lawful limit (``rules.held_beyond_maximum`` in SQL)."""
        return self.in_custody().filter(_beyond_maximum(now))

    def held(self, now: dt.datetime) -> DetentionQuerySet:
        """In custody now: open, and not a record to resolve."""
        return self.in_custody().exclude(_beyond_maximum(now))

    def released(self) -> DetentionQuerySet:
        return self.filter(released_at__isnull=False)

    def children(self) -> DetentionQuerySet:
        return self.filter(is_child=True)

    def arrived_between(self, start: dt.datetime, end: dt.datetime) -> DetentionQuerySet:
        return self.filter(arrived_at__gte=start, arrived_at__lt=end)


class Detention(models.Model):
    """One period in police detention at a suite, from arrival to release."""

    # Set by services.book_in (not stored): what other apps did on book-in, for the sergeant.
    booked_in_notes: list[str]

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    offender = models.ForeignKey(
        "offenders.Offender", on_delete=models.PROTECT, related_name="detentions"
    )
    suite = models.ForeignKey(CustodySuite, on_delete=models.PROTECT, related_name="detentions")
    cell = models.ForeignKey(
        Cell, on_delete=models.PROTECT, null=True, blank=True, related_name="detentions"
    )
    arrested_at = models.DateTimeField()
    arrived_at = models.DateTimeField()
    detention_authorised_at = models.DateTimeField()
    voluntary_attendance = models.BooleanField(
        default=False, help_text="Attended voluntarily and was arrested at the station."
    )
    offence = models.CharField(max_length=300)
    indictable = models.BooleanField(default=False)
    vulnerable = models.BooleanField(
        default=False, help_text="Mentally vulnerable or otherwise needs an appropriate adult."
    )
    vulnerability_notes = models.CharField(max_length=500, blank=True)

    # Computed by custody.rules whenever what they depend on is recorded.
    relevant_time = models.DateTimeField()
    detention_limit_at = models.DateTimeField()
    next_review_due_at = models.DateTimeField()
    is_child = models.BooleanField(default=False)

    # Children (Code C 3.13, 3.15).
    appropriate_adult = models.CharField(max_length=200, blank=True)
    welfare_person = models.CharField("person responsible for welfare", max_length=200, blank=True)
    golden_hour_due_at = models.DateTimeField(null=True, blank=True)
    golden_hour_destination = models.CharField(
        max_length=20, choices=[(d.value, d.value) for d in rules.GoldenHourDestination], blank=True
    )
    golden_hour_closes_before_due = models.BooleanField(default=False)
    golden_hour_window_closes_at = models.DateTimeField(null=True, blank=True)

    charged_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person was charged (any age)."
    )
    released_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    release_notes = models.CharField(max_length=500, blank=True)

    booked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = DetentionQuerySet.as_manager()

    class Meta:
        ordering = ["-arrived_at", "-pk"]
        indexes = [
            models.Index(fields=["suite", "released_at"], name="detention_board_idx"),
            models.Index(fields=["force", "arrived_at"], name="detention_month_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["offender"],
                condition=Q(released_at__isnull=True),
                name="one_open_detention_per_person",
            ),
            models.UniqueConstraint(
                fields=["cell"],
                condition=Q(released_at__isnull=True, cell__isnull=False),
                name="one_detainee_per_cell",
            ),
            models.CheckConstraint(
                condition=Q(released_at__isnull=True) | Q(released_at__gte=models.F("arrived_at")),
                name="detention_released_after_arrival",
            ),
            models.CheckConstraint(
                condition=Q(released_at__isnull=True) | ~Q(outcome=""),
                name="detention_release_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"Detention {self.pk} at {self.suite_id}"

    @property
    def in_custody(self) -> bool:
        return self.released_at is None

    def charged_by(self, at: dt.datetime) -> bool:
        """Whether the detainee had been charged by ``at``: the charge recorded on the
        detention (``record_charge``), or with the s.38(6) decision about a charged child
        refused bail (``JuvenileTransfer``)."""
        if self.charged_at is not None and self.charged_at <= at:
            return True
        return self.juvenile_transfers.filter(charged_at__lte=at).exists()

    def time_in_custody(self, now: dt.datetime) -> dt.timedelta:
        return (self.released_at or now) - self.arrived_at

    def golden_hour_status(self, now: dt.datetime) -> str | None:
        """open, met, late or missed; None for an adult. Uses the prefetched call."""
        if not self.is_child or self.golden_hour_due_at is None:
            return None
        call = getattr(self, "golden_hour_call", None)
        return rules.golden_hour_status(
            due_at=self.golden_hour_due_at,
            called_at=call.called_at if call else None,
            at=now,
            released_at=self.released_at,
        ).value

    def next_clock(self, now: dt.datetime) -> tuple[str, dt.datetime] | None:
        """The soonest clock still running: review, detention limit or Golden Hour."""
        if not self.in_custody:
            return None
        clocks = [("Review", self.next_review_due_at), ("Detention limit", self.detention_limit_at)]
        if self.golden_hour_status(now) in ("open", "missed"):
            clocks.append(("Golden Hour call", self.golden_hour_due_at))
        return min(clocks, key=lambda clock: clock[1])


class Review(models.Model):
    """A PACE s.40 review of detention as held."""

    detention = models.ForeignKey(Detention, on_delete=models.PROTECT, related_name="reviews")
    held_at = models.DateTimeField()
    reviewer_name = models.CharField(max_length=150)
    reviewer_rank = models.CharField(max_length=30)
    postponement_reason = models.CharField(max_length=500, blank=True)
    notes = models.CharField(max_length=1000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["held_at", "pk"]

    def __str__(self) -> str:
        return f"Review at {self.held_at:%Y-%m-%d %H:%M}"


class Extension(models.Model):
    """A superintendent's extension, a warrant of further detention or its extension."""

    detention = models.ForeignKey(Detention, on_delete=models.PROTECT, related_name="extensions")
    kind = models.CharField(
        max_length=20, choices=[(k.value, k.value.replace("_", " ")) for k in rules.ExtensionKind]
    )
    authorised_at = models.DateTimeField()
    until = models.DateTimeField()
    authorised_by_name = models.CharField(max_length=150, blank=True)
    authorised_by_rank = models.CharField(max_length=30, blank=True)
    court = models.CharField(max_length=150, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["authorised_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__gt=models.F("authorised_at")), name="extension_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} until {self.until:%Y-%m-%d %H:%M}"

    def as_rule(self) -> rules.Extension:
        return rules.Extension(
            kind=rules.ExtensionKind(self.kind),
            authorised_at=self.authorised_at,
            until=self.until,
            authorised_by_rank=self.authorised_by_rank or None,
        )


class HospitalPeriod(models.Model):
    """Time at or travelling to and from hospital: not counted unless questioned (s.41(6))."""

    detention = models.ForeignKey(
        Detention, on_delete=models.PROTECT, related_name="hospital_periods"
    )
    left_at = models.DateTimeField()
    returned_at = models.DateTimeField()
    questioned = models.BooleanField(
        default=False, help_text="Questioned for evidence there: the time then counts."
    )
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["left_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(returned_at__gte=models.F("left_at")),
                name="hospital_return_after_leaving",
            )
        ]

    def __str__(self) -> str:
        return f"Hospital {self.left_at:%Y-%m-%d %H:%M}"


class GoldenHourCall(models.Model):
    """The call to the local authority for a child booked in (DOMAIN.md §8)."""

    detention = models.OneToOneField(
        Detention, on_delete=models.PROTECT, related_name="golden_hour_call"
    )
    called_at = models.DateTimeField()
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    destination = models.CharField(max_length=20)
    spoke_to = models.CharField(max_length=200)
    safeguarding_concerns = models.TextField(blank=True)
    appropriate_adult = models.CharField(max_length=200, blank=True)
    appropriate_adult_suitable = models.BooleanField(default=True)
    release_to = models.CharField(max_length=200, blank=True)
    diversion_reminder_given = models.BooleanField(default=False)
    late = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Golden Hour call at {self.called_at:%Y-%m-%d %H:%M}"

    @property
    def status(self) -> str:
        return "late" if self.late else "met"


class JuvenileTransfer(models.Model):
    """PACE s.38(6): a charged child refused bail, and what happened about the transfer."""

    detention = models.ForeignKey(
        Detention, on_delete=models.PROTECT, related_name="juvenile_transfers"
    )
    charged_at = models.DateTimeField()
    decided_at = models.DateTimeField()
    outcome = models.CharField(max_length=40, choices=TransferOutcome.choices)
    certificate_reason = models.TextField(blank=True)
    other_accommodation_inadequate = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return self.get_outcome_display()


class S136Detention(models.Model):
    """A Mental Health Act 1983 s.136 removal to a place of safety (DOMAIN.md §1.3)."""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    offender = models.ForeignKey(
        "offenders.Offender", on_delete=models.PROTECT, related_name="s136_detentions"
    )
    place = models.CharField(max_length=20, choices=PlaceOfSafety.choices)
    suite = models.ForeignKey(
        CustodySuite,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="s136_detentions",
    )
    started_at = models.DateTimeField(help_text="Arrival at the place of safety.")
    decided_by_name = models.CharField(max_length=150)
    decided_by_rank = models.CharField(max_length=30)
    authorised_by_name = models.CharField(max_length=150, blank=True)
    authorised_by_rank = models.CharField(max_length=30, blank=True)
    imminent_risk = models.BooleanField(default=False)
    no_other_place = models.BooleanField(default=False)
    healthcare_professional_available = models.BooleanField(default=False)
    reasons = models.TextField(blank=True)
    is_child = models.BooleanField(default=False)
    limit_at = models.DateTimeField()
    extended_at = models.DateTimeField(null=True, blank=True)
    extended_until = models.DateTimeField(null=True, blank=True)
    extended_by_name = models.CharField(max_length=150, blank=True)
    extension_approved_by_name = models.CharField(max_length=150, blank=True)
    extension_approved_by_rank = models.CharField(max_length=30, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_outcome = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = "s.136 detention"

    def __str__(self) -> str:
        return f"s.136 from {self.started_at:%Y-%m-%d %H:%M}"


class StripSearch(models.Model):
    """A strip or intimate search as recorded (Code C Annex A)."""

    detention = models.ForeignKey(Detention, on_delete=models.PROTECT, related_name="searches")
    kind = models.CharField(max_length=10, choices=SearchKind.choices, default=SearchKind.STRIP)
    searched_at = models.DateTimeField()
    reason = models.TextField()
    present = models.JSONField(default=list, help_text="[{name, role, sex}, ...]")
    intimate_parts_exposed = models.BooleanField(default=True)
    urgent = models.BooleanField(default=False)
    juvenile_opted_out_of_appropriate_adult = models.BooleanField(default=False)
    appropriate_adult_agreed_to_opt_out = models.BooleanField(default=False)
    authorised_by_name = models.CharField(max_length=150, blank=True)
    authorised_by_rank = models.CharField(max_length=30, blank=True)
    result = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["searched_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.searched_at:%Y-%m-%d %H:%M}"


class UseOfForce(models.Model):
    """One officer's use-of-force record (each officer submits one, since 1 Apr 2017)."""

    detention = models.ForeignKey(Detention, on_delete=models.PROTECT, related_name="uses_of_force")
    used_at = models.DateTimeField()
    officer_name = models.CharField(max_length=150)
    tactics = models.CharField(max_length=300)
    reason = models.TextField()
    injury = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["used_at", "pk"]
        verbose_name_plural = "uses of force"

    def __str__(self) -> str:
        return f"Use of force at {self.used_at:%Y-%m-%d %H:%M}"


class ControlMeasureKind(models.TextChoices):
    RIP_PROOF_CLOTHING = "rip_proof_clothing", "Rip-proof clothing"
    CONSTANT_OBSERVATION = "constant_observation", "Constant observation"
    HANDCUFFS = "handcuffs", "Handcuffs in cell"
    LEG_RESTRAINTS = "leg_restraints", "Leg restraints"
    SPIT_GUARD = "spit_guard", "Spit and bite guard"
    OTHER = "other", "Other"


class ControlMeasure(models.Model):
    detention = models.ForeignKey(
        Detention, on_delete=models.PROTECT, related_name="control_measures"
    )
    kind = models.CharField(max_length=30, choices=ControlMeasureKind.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField()
    authorised_by_name = models.CharField(max_length=150)
    authorised_by_rank = models.CharField(max_length=30)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="control_measure_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class MentalHealthAssessment(models.Model):
    """A Mental Health Act assessment requested for someone in custody."""

    detention = models.ForeignKey(
        Detention, on_delete=models.PROTECT, related_name="mental_health_assessments"
    )
    requested_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    bed_needed = models.BooleanField(default=False)
    bed_found = models.BooleanField(null=True, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True)
                | Q(completed_at__gte=models.F("requested_at")),
                name="assessment_completed_after_request",
            )
        ]

    def __str__(self) -> str:
        return f"Assessment requested {self.requested_at:%Y-%m-%d %H:%M}"


class PoliceProtection(models.Model):
    """Children Act 1989 s.46: a child in police protection brought to the custody suite."""

    detention = models.ForeignKey(
        Detention, on_delete=models.PROTECT, related_name="police_protections"
    )
    started_at = models.DateTimeField()
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["started_at", "pk"]

    def __str__(self) -> str:
        return f"Police protection from {self.started_at:%Y-%m-%d %H:%M}"


class CourtTransport(models.Model):
    """A remanded detainee's transport to court: when they should have left, when they left,
    and the cause of any delay."""

    detention = models.ForeignKey(
        Detention, on_delete=models.PROTECT, related_name="court_transports"
    )
    due_at = models.DateTimeField()
    left_at = models.DateTimeField()
    delay_cause = models.CharField(max_length=30, choices=CourtDelayCause.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_at__lte=models.F("due_at"), delay_cause="")
                | Q(left_at__gt=models.F("due_at")) & ~Q(delay_cause=""),
                name="court_transport_delay_has_cause",
            )
        ]

    def __str__(self) -> str:
        return f"Court transport due {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def delay(self) -> dt.timedelta:
        return max(self.left_at - self.due_at, dt.timedelta(0))

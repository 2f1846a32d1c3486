"""Partners and pathways: the directory of services, needs on a person, referrals.

DOMAIN.md §14. Rules are in ``partners/rules.py``; every write goes through
``partners/services.py``. Services belong to a force (force isolation); OOCD intervention
courses and the restorative justice hub are services too, linked to the disposals
catalogue, so one list shows every pathway a person is on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partners import rules
from partners.choices import CaseKind, Cohort, Gender, NeedClosedReason, ReferralStatus


class Need(models.Model):
    """A need a service meets and an officer assesses (the configurable list)."""

    code = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


class ServiceQuerySet(models.QuerySet):
    def active(self) -> ServiceQuerySet:
        return self.filter(active=True)

    def for_force(self, force_id) -> ServiceQuerySet:
        return self.filter(force_id=force_id)

    def with_lists(self) -> ServiceQuerySet:
        return self.prefetch_related("needs", "districts", "offence_types")


class Service(models.Model):
    """A service that helps people stop offending, as the commissioner's team lists it."""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=4000)
    needs = models.ManyToManyField(Need, related_name="services")
    districts = models.ManyToManyField(
        "accounts.PolicingArea",
        blank=True,
        related_name="+",
        help_text="Districts the service reaches. None: the whole force area.",
    )
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    gender = models.CharField(max_length=10, choices=Gender.choices, default=Gender.ANY)
    cohorts = models.JSONField(
        default=list, blank=True, help_text=f"Any of: {', '.join(Cohort.values)}. Empty: any."
    )
    offence_types = models.ManyToManyField("offenders.OffenceType", blank=True, related_name="+")
    capacity = models.PositiveIntegerField(null=True, blank=True)
    places_free = models.PositiveIntegerField(null=True, blank=True)
    contact = models.CharField("How to refer", max_length=500, blank=True)
    funded_by = models.CharField(max_length=200, blank=True)
    funding_ends_on = models.DateField(null=True, blank=True)
    volunteers = models.PositiveIntegerField(
        null=True, blank=True, help_text="Trained volunteers (mentoring schemes)."
    )
    active = models.BooleanField(default=True)
    # The disposals catalogue's course this service is (OOCD conditions refer to courses).
    intervention = models.ForeignKey(
        "disposals.Intervention",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_services",
    )
    restorative_justice_hub = models.BooleanField(
        default=False, help_text="Referrals to the RJ hub from disposals appear under it."
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["force", "code"], name="service_code_per_force"),
            models.UniqueConstraint(
                fields=["force", "intervention"], name="service_one_per_course_per_force"
            ),
            models.CheckConstraint(
                condition=Q(places_free__isnull=True)
                | Q(capacity__isnull=True)
                | Q(places_free__lte=models.F("capacity")),
                name="service_places_within_capacity",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners-service", args=[self.code])

    @property
    def eligibility(self) -> rules.Eligibility:
        return rules.Eligibility(
            min_age=self.min_age,
            max_age=self.max_age,
            gender=self.gender,
            cohorts=frozenset(self.cohorts or []),
            offence_types=frozenset(o.code for o in self.offence_types.all()),
        )

    def funding_ends_soon(self, today) -> bool:
        return rules.funding_ends_soon(self.funding_ends_on, today)


class PersonNeedQuerySet(models.QuerySet):
    def open(self) -> PersonNeedQuerySet:
        return self.filter(closed_on__isnull=True)


class PersonNeed(models.Model):
    """A need assessed on a person in a case (IOM member, DAPU participant, OOCD, custody)."""

    offender = models.ForeignKey(
        "offenders.Offender", on_delete=models.PROTECT, related_name="partner_needs"
    )
    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="+")
    source_kind = models.CharField(max_length=20, choices=CaseKind.choices)
    source_id = models.CharField(max_length=64, blank=True)
    assessed_on = models.DateField()
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.CharField(max_length=1000, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.CharField(max_length=30, choices=NeedClosedReason.choices, blank=True)
    closed_note = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()
    objects = PersonNeedQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["need", "closed_on"], name="person_need_open_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("assessed_on")),
                name="person_need_closed_after_assessed",
            )
        ]

    def __str__(self) -> str:
        return f"{self.need} (assessed {self.assessed_on:%d %b %Y})"


class ReferralQuerySet(models.QuerySet):
    def awaiting(self) -> ReferralQuerySet:
        return self.filter(status=ReferralStatus.REFERRED)

    def with_people(self) -> ReferralQuerySet:
        return self.select_related("offender", "service", "need", "referred_by")


class Referral(models.Model):
    """A referral of a person to a directory service, for a need, with its progress."""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    offender = models.ForeignKey(
        "offenders.Offender", on_delete=models.PROTECT, related_name="partner_referrals"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals")
    need = models.ForeignKey(
        Need, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_kind = models.CharField(max_length=20, choices=CaseKind.choices, default=CaseKind.OTHER)
    source_id = models.CharField(max_length=64, blank=True)
    referred_on = models.DateField()
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.CharField(max_length=1000, blank=True)
    status = models.CharField(
        max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.REFERRED
    )
    status_on = models.DateField()
    outcome = models.CharField(max_length=1000, blank=True)
    ever_engaged = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()
    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-pk"]
        indexes = [
            models.Index(fields=["service", "status"], name="partner_referral_status_idx"),
            models.Index(fields=["force", "referred_on"], name="partner_referral_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status_on__gte=models.F("referred_on")),
                name="partner_referral_status_after_referral",
            )
        ]

    def __str__(self) -> str:
        return f"Referral to {self.service}"

    def get_absolute_url(self) -> str:
        return reverse("partners-referral", args=[self.pk])

    @property
    def is_awaiting(self) -> bool:
        return self.status == ReferralStatus.REFERRED

    @property
    def next_statuses(self) -> list[ReferralStatus]:
        return sorted(
            rules.TRANSITIONS[ReferralStatus(self.status)], key=list(ReferralStatus).index
        )


class ReferralProgress(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    on = models.DateField()
    outcome = models.CharField(max_length=1000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.on:%d %b %Y}"


class ProofKind(models.TextChoices):
    CONVICTION = "conviction", "Convicted at court"
    CAUTION = "caution", "Cautioned"


class OffenceProof(models.Model):
    """When an offence in the offenders history was proved (conviction or caution).

    The offence history records the police outcome and its date (``Offence.outcome_on``):
    a caution outcome is proof on that day, but a charge is not a conviction. Proven
    reoffending (DOMAIN.md §10) needs the day of the conviction, so it is recorded here.
    """

    offence = models.OneToOneField(
        "offenders.Offence", on_delete=models.CASCADE, related_name="proof"
    )
    kind = models.CharField(max_length=20, choices=ProofKind.choices)
    proved_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.proved_on:%d %b %Y}"


class OpportunityKind(models.TextChoices):
    INTERVIEW = "interview", "Interview"
    BURSARY = "bursary", "Bursary or grant"
    TRAINING = "training", "Training"
    WORK_EXPERIENCE = "work_experience", "Work experience"
    JOB_OFFER = "job_offer", "Job offer"


class Opportunity(models.Model):
    """An employment opportunity an employment scheme offered (Gateway to Employment)."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="opportunities")
    kind = models.CharField(max_length=20, choices=OpportunityKind.choices)
    offered_on = models.DateField()
    offender = models.ForeignKey(
        "offenders.Offender", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    employer = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-offered_on", "-pk"]
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.offered_on:%d %b %Y}"

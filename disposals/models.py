"""Out-of-court disposals: the records the Offender Diversion Team keeps (DOMAIN.md §3).

The rules live in ``disposals/rules.py``; these models only store what was decided and what
happened. Every write goes through ``disposals/services.py``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from disposals import rules
from offenders.choices import OffenceCategory


def _choices(enum_cls, labels=None) -> list[tuple[str, str]]:
    return [
        (member.value, (labels or {}).get(member) or member.value.replace("_", " ").capitalize())
        for member in enum_cls
    ]


DISPOSAL_TYPE_CHOICES = _choices(rules.DisposalType, rules.DISPOSAL_LABELS)
FRAMEWORK_CHOICES = [
    (
        rules.Framework.LEGACY_TWO_TIER.value,
        "Two-tier (conditional caution and community resolution)",
    ),
    (rules.Framework.STATUTORY_TWO_TIER.value, "Statutory two-tier (PCSC Act 2022 Part 6)"),
]
STATUS_CHOICES = _choices(rules.Status)
CONDITION_KIND_CHOICES = _choices(rules.ConditionKind)
CONDITION_STATUS_CHOICES = _choices(rules.ConditionStatus)
REFERRAL_STATUS_CHOICES = _choices(rules.ReferralStatus)
BREACH_ACTION_CHOICES = _choices(rules.BreachAction, rules.BREACH_ACTION_LABELS)
FINDING_CHOICES = _choices(rules.ScrutinyFinding)


class ForceDisposalSettings(models.Model):
    """The values each force configures (see ``rules.DisposalSettings`` for why each exists)."""

    force = models.OneToOneField(
        "accounts.Force", on_delete=models.PROTECT, related_name="disposal_settings"
    )
    framework = models.CharField(
        max_length=30, choices=FRAMEWORK_CHOICES, default=rules.Framework.LEGACY_TWO_TIER.value
    )
    max_financial_penalty = models.DecimalField(
        max_digits=8, decimal_places=2, default=Decimal("100.00"), validators=[MinValueValidator(0)]
    )
    max_hours = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(20))
    default_completion_days = models.PositiveIntegerField(
        default=112,
        validators=[MinValueValidator(1)],
        help_text="Days allowed when a condition has no due date.",
    )
    part6_commenced_on = models.DateField(
        null=True,
        blank=True,
        help_text="When PCSC Act 2022 Part 6 came into force here; empty while prospective.",
    )
    two_tier_adopted_on = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "When this force adopted the adult two-tier framework: from then on, simple cautions, "
            "penalty notices and cannabis and khat warnings are not offered for adults. Empty: "
            "all six legacy options are offered."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "force disposal settings"
        verbose_name_plural = "force disposal settings"

    def __str__(self) -> str:
        return f"Disposal settings: {self.force}"

    def as_rules(self) -> rules.DisposalSettings:
        return rules.DisposalSettings(
            max_financial_penalty=self.max_financial_penalty,
            max_hours=self.max_hours,
            default_completion_days=self.default_completion_days,
            part6_commenced_on=self.part6_commenced_on,
            two_tier_adopted_on=self.two_tier_adopted_on,
        )


class InterventionQuerySet(models.QuerySet):
    def active(self) -> InterventionQuerySet:
        return self.filter(active=True)


class Intervention(models.Model):
    """An intervention course a person can be referred to (the catalogue admins maintain)."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=150)
    provider = models.CharField(max_length=150)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()
    objects = InterventionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DisposalQuerySet(models.QuerySet):
    def active(self) -> DisposalQuerySet:
        return self.filter(status=rules.Status.ACTIVE.value)

    def decided_between(self, start, end) -> DisposalQuerySet:
        return self.filter(decided_on__gte=start, decided_on__lte=end)

    def needing_breach_decision(self, today) -> DisposalQuerySet:
        """Active disposals with a condition outstanding after its due day, or a referral the
        person did not attend: the team must decide whether it is a breach."""
        # A breach recorded since (a warning keeps the disposal active) answers the question.
        overdue = DisposalCondition.objects.filter(
            disposal=OuterRef("pk"),
            status=rules.ConditionStatus.OUTSTANDING.value,
            due_by__lt=today,
        ).exclude(
            Exists(
                Breach.objects.filter(
                    disposal=OuterRef("disposal"), breached_on__gte=OuterRef("due_by")
                )
            )
        )
        missed = Referral.objects.filter(
            disposal=OuterRef("pk"), status=rules.ReferralStatus.DID_NOT_ATTEND.value
        ).exclude(
            Exists(
                Breach.objects.filter(
                    disposal=OuterRef("disposal"), breached_on__gte=OuterRef("status_on")
                )
            )
        )
        return self.active().filter(Exists(overdue) | Exists(missed))

    def with_previous_count(self) -> DisposalQuerySet:
        """Annotate ``previous_disposals``: the person's disposals decided before this one."""
        earlier = (
            Disposal.objects.filter(
                offender=OuterRef("offender"), decided_on__lt=OuterRef("decided_on")
            )
            .order_by()
            .values("offender")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(previous_disposals=Coalesce(Subquery(earlier), 0))


class Disposal(models.Model):
    offender = models.ForeignKey(
        "offenders.Offender", on_delete=models.PROTECT, related_name="disposals"
    )
    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        "accounts.PolicingArea", on_delete=models.PROTECT, related_name="+"
    )
    disposal_type = models.CharField(max_length=40, choices=DISPOSAL_TYPE_CHOICES)
    framework = models.CharField(max_length=30, choices=FRAMEWORK_CHOICES)
    decided_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Kept so that reports and the scrutiny sample never need the date of birth.
    age_at_decision = models.PositiveSmallIntegerField()
    offence = models.CharField(max_length=300)
    offence_date = models.DateField()
    offence_category = models.CharField(max_length=20, choices=OffenceCategory.choices)
    admitted = models.BooleanField()
    consented = models.BooleanField()
    dpp_consent = models.BooleanField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=STATUS_CHOICES, default=rules.Status.ACTIVE.value
    )
    outcome_code = models.CharField(max_length=3)
    victim_views_sought = models.BooleanField(default=False)
    victim_views = models.TextField(blank=True, max_length=2000)
    victim_not_practicable_reason = models.CharField(max_length=500, blank=True)
    rj_offered = models.BooleanField("restorative justice offered", default=False)
    rj_taken_up = models.BooleanField("restorative justice taken up", default=False)
    completed_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = DisposalQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [
            models.Index(fields=["force", "decided_on"], name="disposal_force_decided_idx"),
            models.Index(fields=["offender", "decided_on"], name="disposal_offender_idx"),
            models.Index(fields=["status"], name="disposal_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(offence_date__lte=models.F("decided_on")),
                name="disposal_offence_before_decision",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(completed_on__gte=models.F("decided_on")),
                name="disposal_completed_after_decision",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in rules.Status]),
                name="disposal_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_disposal_type_display()} of {self.decided_on:%d %b %Y}"

    @property
    def is_active(self) -> bool:
        return self.status == rules.Status.ACTIVE

    @property
    def allowed_breach_actions(self) -> tuple[rules.BreachAction, ...]:
        return rules.allowed_breach_actions(self.disposal_type)

    @property
    def victim_views_summary(self) -> str:
        if self.victim_views_sought and self.victim_views.strip():
            return "Victim's views sought and recorded"
        if self.victim_not_practicable_reason.strip():
            return "Victim's views not sought: not reasonably practicable (reason recorded)"
        if self.victim_views_sought:
            return "Victim's views sought; none given"
        return "Victim's views not recorded"


class DisposalCondition(models.Model):
    disposal = models.ForeignKey(Disposal, on_delete=models.CASCADE, related_name="conditions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=CONDITION_KIND_CHOICES)
    description = models.CharField(max_length=500)
    hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    due_by = models.DateField()
    status = models.CharField(
        max_length=12,
        choices=CONDITION_STATUS_CHOICES,
        default=rules.ConditionStatus.OUTSTANDING.value,
    )
    completed_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["disposal", "position", "pk"]
        indexes = [models.Index(fields=["status", "due_by"], name="condition_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} condition due {self.due_by:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("disposal-detail", args=[self.disposal_id])

    @property
    def is_outstanding(self) -> bool:
        return self.status == rules.ConditionStatus.OUTSTANDING


class Referral(models.Model):
    """A referral to an intervention course, with its progress."""

    disposal = models.ForeignKey(Disposal, on_delete=models.CASCADE, related_name="referrals")
    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="referrals"
    )
    # The condition attending the course fulfils, if any: completing the course meets it.
    condition = models.ForeignKey(
        DisposalCondition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )
    referred_on = models.DateField()
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=REFERRAL_STATUS_CHOICES, default=rules.ReferralStatus.REFERRED.value
    )
    status_on = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["referred_on", "pk"]
        indexes = [models.Index(fields=["status"], name="referral_status_idx")]

    def __str__(self) -> str:
        return f"Referral to {self.intervention}"


class ReferralProgress(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(max_length=20, choices=REFERRAL_STATUS_CHOICES)
    on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.on:%d %b %Y}"


class Breach(models.Model):
    disposal = models.ForeignKey(Disposal, on_delete=models.CASCADE, related_name="breaches")
    breached_on = models.DateField()
    details = models.TextField(max_length=2000)
    action = models.CharField(max_length=30, choices=BREACH_ACTION_CHOICES)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["breached_on", "pk"]
        indexes = [models.Index(fields=["breached_on"], name="breach_date_idx")]
        verbose_name_plural = "breaches"

    def __str__(self) -> str:
        return f"Breach on {self.breached_on:%d %b %Y}: {self.get_action_display()}"


class RJOutcome(models.TextChoices):
    PENDING = "pending", "Pending"
    DIRECT_CONFERENCE = "direct_conference", "Face-to-face conference held"
    INDIRECT = "indirect", "Indirect (shuttle) restorative justice"
    VICTIM_DECLINED = "victim_declined", "Victim declined"
    OFFENDER_DECLINED = "offender_declined", "Offender declined"
    NOT_SUITABLE = "not_suitable", "Not suitable"


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", "Very satisfied"
    SATISFIED = "satisfied", "Satisfied"
    NEITHER = "neither", "Neither satisfied nor dissatisfied"
    DISSATISFIED = "dissatisfied", "Dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied", "Very dissatisfied"


class RestorativeJusticeReferral(models.Model):
    """A referral to the Restorative Justice hub, when the victim takes up the offer."""

    disposal = models.OneToOneField(Disposal, on_delete=models.CASCADE, related_name="rj_referral")
    referred_on = models.DateField()
    contact_made_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=RJOutcome.choices, default=RJOutcome.PENDING)
    outcome_on = models.DateField(null=True, blank=True)
    victim_satisfaction = models.CharField(max_length=20, choices=Satisfaction.choices, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "restorative justice referral"
        constraints = [
            models.CheckConstraint(
                condition=Q(contact_made_on__isnull=True)
                | Q(contact_made_on__gte=models.F("referred_on")),
                name="rj_contact_after_referral",
            )
        ]

    def __str__(self) -> str:
        return f"Restorative justice referral of {self.referred_on:%d %b %Y}"


class ScrutinyReview(models.Model):
    """One scrutiny-panel member's finding on one disposal in a sample."""

    disposal = models.ForeignKey(
        Disposal, on_delete=models.CASCADE, related_name="scrutiny_reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    finding = models.CharField(max_length=30, choices=FINDING_CHOICES)
    learning = models.TextField(blank=True, max_length=4000)
    reviewed_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["disposal", "reviewer"], name="one_finding_per_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_finding_display()} ({self.reviewed_on:%d %b %Y})"


class PanelRelease(models.Model):
    """A disposal prepared for the scrutiny panel (issue 12 item 5): the free text the panel
    will see, redacted automatically (``core.redaction``) and then by an Offender Diversion
    Team member, who releases it. The panel sees only released cases, and only this text."""

    disposal = models.OneToOneField(
        Disposal, on_delete=models.CASCADE, related_name="panel_release"
    )
    offence = models.CharField(max_length=300)
    conditions = models.JSONField(
        default=dict, blank=True, help_text="Condition id -> the description the panel sees."
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField()

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Disposal {self.disposal_id} released to the panel {self.released_at:%d %b %Y}"

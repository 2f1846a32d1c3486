"""Every write to out-of-court disposals: one keyword-only function per domain verb.

Each runs in ``transaction.atomic``, locks what it changes when the change depends on the
current state, applies ``disposals.rules``, writes the access log and opens or closes the
``oocd_condition`` deadlines in the same transaction. A broken rule becomes a Django
``ValidationError({field: [message]})`` carrying *every* broken rule, so the API answers a
field-level 400 and a form shows all errors together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Team
from audit.models import Action
from audit.services import record_access
from core.calendar import end_of_day
from core.concurrency import bump_version, check_version
from core.redaction import REDACTED, Identity, patterns_for, redact
from deadlines import services as deadlines
from deadlines.models import Kind
from disposals import rules
from disposals.models import (
    Breach,
    Disposal,
    DisposalCondition,
    ForceDisposalSettings,
    Intervention,
    PanelRelease,
    Referral,
    ReferralProgress,
    RestorativeJusticeReferral,
    RJOutcome,
    ScrutinyReview,
)
from disposals.panel import identity_of, redacted_texts

OFFENDER_DIVERSION_TEAM = "offender-diversion"
CONDITION_WARNINGS = (dt.timedelta(days=14), dt.timedelta(days=3))
CONDITION_ESCALATION = dt.timedelta(days=3)
# Referrals still under way: a disposal is not complete while one of these is open.
OPEN_REFERRAL_STATUSES = {
    rules.ReferralStatus.REFERRED.value,
    rules.ReferralStatus.BOOKED.value,
    rules.ReferralStatus.ATTENDED.value,
}


class Errors:
    """Collects field errors so that every broken rule is reported together."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def extend(self, violations: Iterable[rules.RuleViolation]) -> None:
        for violation in violations:
            self.add(violation.field, violation.message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def settings_for(force) -> ForceDisposalSettings:
    """The force's settings; created with the defaults if a new force has none yet."""
    settings, _ = ForceDisposalSettings.objects.get_or_create(force=force)
    return settings


def _diversion_team(force) -> Team | None:
    return Team.objects.filter(force=force, code=OFFENDER_DIVERSION_TEAM).first()


def _not_after_today(errors: Errors, field: str, day: dt.date, today: dt.date) -> None:
    if day > today:
        errors.add(field, "The date cannot be in the future.")


def _open_condition_deadline(condition: DisposalCondition, team: Team | None) -> None:
    disposal = condition.disposal
    due_at = end_of_day(condition.due_by)
    deadlines.open_deadline(
        kind=Kind.OOCD_CONDITION,
        # No names: titles go into emails.
        title=f"{condition.get_kind_display()} condition due ({disposal.get_disposal_type_display()} #{disposal.pk})",
        force=disposal.force,
        due_at=due_at,
        offender=disposal.offender,
        record=condition,
        warning_leads=CONDITION_WARNINGS,
        escalate_at=due_at + CONDITION_ESCALATION,
        owner_team=team,
    )


# --- Deciding ------------------------------------------------------------------------------


def decide(
    *,
    today: dt.date,
    offender,
    disposal_type: str,
    decided_on: dt.date,
    offence: str,
    offence_date: dt.date,
    offence_category: str,
    district,
    admitted: bool,
    consented: bool,
    dpp_consent: bool | None,
    conditions: Sequence[rules.Condition],
    by,
    victim_views_sought: bool = False,
    victim_views: str = "",
    victim_not_practicable_reason: str = "",
    rj_offered: bool = False,
    rj_taken_up: bool = False,
    interventions: Sequence[Intervention] = (),
) -> Disposal:
    """Record a disposal decision after checking every rule of DOMAIN.md §3 against the
    force's framework and the person's age on the day of the decision.

    Opens one ``oocd_condition`` deadline per condition (owned by the force's Offender
    Diversion Team), refers the person to ``interventions`` and, if the victim took up
    restorative justice, refers the case to the RJ hub.
    """
    errors = Errors()
    force_settings = settings_for(offender.force)
    if district.force_id != offender.force_id:
        errors.add("district", "Choose a district of the person's own force.")
    _not_after_today(errors, "decided_on", decided_on, today)
    if not offence.strip():
        errors.add("offence", "Describe the offence.")
    if decided_on < offender.date_of_birth:
        errors.add("decided_on", "The decision date cannot be before the person's date of birth.")
    else:
        errors.extend(
            rules.disposal_violations(
                framework=force_settings.framework,
                disposal_type=disposal_type,
                age_at_decision=offender.age_on(decided_on),
                offence_category=offence_category,
                offence_date=offence_date,
                admitted=admitted,
                consented=consented,
                dpp_consent=dpp_consent,
                conditions=conditions,
                settings=force_settings.as_rules(),
                decided_on=decided_on,
            )
        )
    errors.extend(
        rules.victim_views_violations(
            disposal_type,
            sought=victim_views_sought,
            views=victim_views,
            not_practicable_reason=victim_not_practicable_reason,
        )
    )
    if rj_taken_up and not rj_offered:
        errors.add(
            "rj_taken_up", "Restorative justice can only be taken up once it has been offered."
        )
    for intervention in interventions:
        if not intervention.active:
            errors.add(
                "interventions", f"{intervention.name} is no longer offered; choose another course."
            )
    errors.raise_if_any()

    with transaction.atomic():
        disposal = Disposal.objects.create(
            offender=offender,
            force=offender.force,
            district=district,
            disposal_type=disposal_type,
            framework=force_settings.framework,
            decided_on=decided_on,
            decided_by=by,
            age_at_decision=offender.age_on(decided_on),
            offence=offence.strip(),
            offence_date=offence_date,
            offence_category=offence_category,
            admitted=admitted,
            consented=consented,
            dpp_consent=dpp_consent,
            outcome_code=rules.outcome_code(disposal_type),
            victim_views_sought=victim_views_sought,
            victim_views=victim_views.strip(),
            victim_not_practicable_reason=victim_not_practicable_reason.strip(),
            rj_offered=rj_offered,
            rj_taken_up=rj_taken_up,
        )
        team = _diversion_team(disposal.force)
        created_conditions = DisposalCondition.objects.bulk_create(
            DisposalCondition(
                disposal=disposal,
                position=position,
                kind=condition.kind.value,
                description=condition.description.strip(),
                hours=condition.hours,
                amount=condition.amount,
                due_by=rules.condition_due_date(
                    decided_on, condition.due_by, force_settings.as_rules()
                ),
            )
            for position, condition in enumerate(conditions)
        )
        for condition in created_conditions:
            condition.disposal = disposal
            _open_condition_deadline(condition, team)
        for intervention in interventions:
            # A course referral made with the decision fulfils the first rehabilitative condition.
            course_condition = next(
                (c for c in created_conditions if c.kind == rules.ConditionKind.REHABILITATIVE),
                None,
            )
            Referral.objects.create(
                disposal=disposal,
                intervention=intervention,
                condition=course_condition,
                referred_on=decided_on,
                referred_by=by,
                status_on=decided_on,
            )
        if rj_taken_up:
            RestorativeJusticeReferral.objects.create(disposal=disposal, referred_on=decided_on)
        record_access(
            user=by,
            action=Action.CREATE,
            offender=offender,
            target=disposal,
            detail={
                "disposal_type": disposal_type,
                "conditions": len(conditions),
                "referrals": len(interventions),
            },
        )
    return disposal


# --- Interventions -------------------------------------------------------------------------


def refer(
    *,
    today: dt.date,
    disposal: Disposal,
    intervention: Intervention,
    referred_on: dt.date,
    by,
    condition=None,
) -> Referral:
    """Refer the person to an intervention course while the disposal is active."""
    errors = Errors()
    if not disposal.is_active:
        errors.add(
            "non_field_errors", f"The disposal is {disposal.status}: no new referrals can be made."
        )
    if not intervention.active:
        errors.add(
            "intervention", f"{intervention.name} is no longer offered; choose another course."
        )
    if referred_on < disposal.decided_on:
        errors.add("referred_on", "The referral cannot be dated before the decision.")
    _not_after_today(errors, "referred_on", referred_on, today)
    if condition is not None and condition.disposal_id != disposal.pk:
        errors.add("condition", "Choose a condition of this disposal.")
    errors.raise_if_any()
    with transaction.atomic():
        referral = Referral.objects.create(
            disposal=disposal,
            intervention=intervention,
            condition=condition,
            referred_on=referred_on,
            referred_by=by,
            status_on=referred_on,
        )
        record_access(
            user=by,
            action=Action.CREATE,
            offender=disposal.offender,
            target=referral,
            detail={"intervention": intervention.code},
        )
    return referral


def progress_referral(
    *, today: dt.date, referral: Referral, status: str, on: dt.date, by
) -> Referral:
    """Record progress (booked, attended, completed, did not attend). Completing a course that
    fulfils a condition meets that condition."""
    with transaction.atomic():
        referral = (
            Referral.objects.select_for_update(of=("self",))
            .select_related("disposal", "condition")
            .get(pk=referral.pk)
        )
        errors = Errors()
        if not referral.disposal.is_active:
            errors.add(
                "non_field_errors",
                f"The disposal is {referral.disposal.status}: its referrals are closed.",
            )
        errors.extend(
            rules.referral_progress_violations(
                referral.status, status, last_on=referral.status_on, on=on
            )
        )
        _not_after_today(errors, "on", on, today)
        errors.raise_if_any()
        ReferralProgress.objects.create(referral=referral, status=status, on=on, recorded_by=by)
        referral.status = status
        referral.status_on = on
        referral.save(update_fields=["status", "status_on"])
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=referral.disposal.offender,
            target=referral,
            detail={"status": status},
        )
        condition = referral.condition
        if (
            status == rules.ReferralStatus.COMPLETED
            and condition is not None
            and condition.is_outstanding
        ):
            complete_condition(today=today, condition=condition, on=on, by=by)
    return referral


def complete_condition(
    *, today: dt.date, condition: DisposalCondition, on: dt.date, by
) -> DisposalCondition:
    """Record that a condition was done; its deadline is met (or missed, if late)."""
    with transaction.atomic():
        condition = (
            DisposalCondition.objects.select_for_update(of=("self",))
            .select_related("disposal")
            .get(pk=condition.pk)
        )
        errors = Errors()
        if not condition.disposal.is_active:
            errors.add("non_field_errors", f"The disposal is {condition.disposal.status}.")
        if not condition.is_outstanding:
            errors.add("non_field_errors", f"The condition is already {condition.status}.")
        if on < condition.disposal.decided_on:
            errors.add("on", "The condition cannot be completed before the decision.")
        _not_after_today(errors, "on", on, today)
        errors.raise_if_any()
        condition.status = rules.ConditionStatus.COMPLETED.value
        condition.completed_on = on
        condition.save(update_fields=["status", "completed_on"])
        for deadline in deadlines.open_deadlines_for(condition, Kind.OOCD_CONDITION):
            deadlines.meet_deadline(deadline=deadline, at=end_of_day(on))
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=condition.disposal.offender,
            target=condition,
            detail={"status": "completed"},
        )
    return condition


# --- Closing a disposal --------------------------------------------------------------------


def _lock(disposal: Disposal, version: int | None) -> Disposal:
    locked = (
        Disposal.objects.select_for_update(of=("self",))
        .select_related("offender", "force")
        .get(pk=disposal.pk)
    )
    if version is not None:
        check_version(locked, version)
    return locked


def _close_condition_deadlines(disposal: Disposal, at: dt.datetime) -> None:
    for condition in disposal.conditions.all():
        deadlines.cancel_deadlines_for(condition, at=at, kind=Kind.OOCD_CONDITION)


def complete(
    *, today: dt.date, disposal: Disposal, completed_on: dt.date, by, version: int | None = None
) -> Disposal:
    """Close the disposal as completed: only once every condition is done and no course
    referral is still under way."""
    with transaction.atomic():
        disposal = _lock(disposal, version)
        errors = Errors()
        statuses = list(disposal.conditions.values_list("status", flat=True))
        errors.extend(
            rules.completion_violations(
                status=disposal.status,
                condition_statuses=statuses,
                decided_on=disposal.decided_on,
                completed_on=completed_on,
            )
        )
        if disposal.referrals.filter(status__in=OPEN_REFERRAL_STATUSES).exists():
            errors.add(
                "referrals", "A course referral is still under way: record its outcome first."
            )
        _not_after_today(errors, "completed_on", completed_on, today)
        errors.raise_if_any()
        disposal.status = rules.Status.COMPLETED.value
        disposal.completed_on = completed_on
        bump_version(disposal, ["status", "completed_on", "updated_at"])
        _close_condition_deadlines(disposal, timezone.now())
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=disposal.offender,
            target=disposal,
            detail={"status": "completed"},
        )
    return disposal


def record_breach(
    *,
    today: dt.date,
    disposal: Disposal,
    breached_on: dt.date,
    details: str,
    action: str,
    by,
    version: int | None = None,
) -> Breach:
    """Record a failure to comply and the action taken, if the law allows it for the type.

    A warning keeps the disposal active, with its condition deadlines still running; any other
    action closes it as breached: outstanding conditions fail and their deadlines are cancelled.
    """
    with transaction.atomic():
        disposal = _lock(disposal, version)
        errors = Errors()
        if not disposal.is_active:
            errors.add(
                "non_field_errors",
                f"The disposal is {disposal.status}: a breach can only be recorded while it is active.",
            )
        try:
            rules.validate_breach_action(disposal.disposal_type, action)
        except rules.RuleViolation as violation:
            errors.add(violation.field, violation.message)
        if breached_on < disposal.decided_on:
            errors.add("breached_on", "A breach cannot be dated before the decision.")
        _not_after_today(errors, "breached_on", breached_on, today)
        if not details.strip():
            errors.add("details", "Describe what the person failed to do.")
        errors.raise_if_any()
        breach = Breach.objects.create(
            disposal=disposal,
            breached_on=breached_on,
            details=details.strip(),
            action=action,
            recorded_by=by,
        )
        new_status = rules.status_after_breach(action)
        if new_status is rules.Status.BREACHED:
            disposal.conditions.filter(status=rules.ConditionStatus.OUTSTANDING.value).update(
                status=rules.ConditionStatus.FAILED.value
            )
            _close_condition_deadlines(disposal, timezone.now())
            disposal.status = new_status.value
        # Every breach is a change to the record, a warning too: two officers recording
        # the same failure from one version must not both succeed (the second gets 409).
        bump_version(disposal, ["status", "updated_at"])
        record_access(
            user=by,
            action=Action.CREATE,
            offender=disposal.offender,
            target=breach,
            detail={"action": action},
        )
    return breach


def withdraw(
    *, today: dt.date, disposal: Disposal, on: dt.date, reason: str, by, version: int | None = None
) -> Disposal:
    """Withdraw a disposal (given in error, or Outcome 22 activity not undertaken)."""
    with transaction.atomic():
        disposal = _lock(disposal, version)
        errors = Errors()
        try:
            rules.validate_status_change(disposal.status, rules.Status.WITHDRAWN)
        except rules.RuleViolation as violation:
            errors.add("non_field_errors", violation.message)
        if not reason.strip():
            errors.add("reason", "Say why the disposal is withdrawn.")
        if on < disposal.decided_on:
            errors.add("on", "The withdrawal cannot be dated before the decision.")
        _not_after_today(errors, "on", on, today)
        errors.raise_if_any()
        disposal.status = rules.Status.WITHDRAWN.value
        disposal.withdrawn_on = on
        disposal.withdrawn_reason = reason.strip()[:500]
        bump_version(disposal, ["status", "withdrawn_on", "withdrawn_reason", "updated_at"])
        _close_condition_deadlines(disposal, timezone.now())
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=disposal.offender,
            target=disposal,
            detail={"status": "withdrawn"},
        )
    return disposal


# --- Restorative justice -------------------------------------------------------------------


def refer_to_rj(
    *, today: dt.date, disposal: Disposal, referred_on: dt.date, by
) -> RestorativeJusticeReferral:
    """Refer the case to the Restorative Justice hub once the victim takes up the offer."""
    with transaction.atomic():
        disposal = _lock(disposal, None)
        errors = Errors()
        if hasattr(disposal, "rj_referral"):
            errors.add(
                "non_field_errors",
                "The case has already been referred to the Restorative Justice hub.",
            )
        if referred_on < disposal.decided_on:
            errors.add("referred_on", "The referral cannot be dated before the decision.")
        _not_after_today(errors, "referred_on", referred_on, today)
        errors.raise_if_any()
        referral = RestorativeJusticeReferral.objects.create(
            disposal=disposal, referred_on=referred_on
        )
        disposal.rj_offered = True
        disposal.rj_taken_up = True
        bump_version(disposal, ["rj_offered", "rj_taken_up", "updated_at"])
        record_access(
            user=by,
            action=Action.CREATE,
            offender=disposal.offender,
            target=referral,
        )
    return referral


RJ_HELD = {RJOutcome.DIRECT_CONFERENCE, RJOutcome.INDIRECT}


def update_rj(
    *,
    today: dt.date,
    referral: RestorativeJusticeReferral,
    contact_made_on: dt.date | None,
    outcome: str,
    outcome_on: dt.date | None,
    victim_satisfaction: str,
    version: int,
    by,
) -> RestorativeJusticeReferral:
    """Record the hub's contact, the outcome and, when restorative justice took place, how
    satisfied the victim was."""
    with transaction.atomic():
        referral = (
            RestorativeJusticeReferral.objects.select_for_update(of=("self",))
            .select_related("disposal__offender")
            .get(pk=referral.pk)
        )
        check_version(referral, version)
        errors = Errors()
        if contact_made_on is not None:
            if contact_made_on < referral.referred_on:
                errors.add("contact_made_on", "Contact cannot be before the referral.")
            _not_after_today(errors, "contact_made_on", contact_made_on, today)
        if outcome != RJOutcome.PENDING:
            if outcome_on is None:
                errors.add("outcome_on", "Give the date of the outcome.")
            elif outcome_on < referral.referred_on:
                errors.add("outcome_on", "The outcome cannot be before the referral.")
            else:
                _not_after_today(errors, "outcome_on", outcome_on, today)
        if victim_satisfaction and outcome not in RJ_HELD:
            errors.add(
                "victim_satisfaction",
                "Victim satisfaction is recorded only once restorative justice has taken place.",
            )
        errors.raise_if_any()
        referral.contact_made_on = contact_made_on
        referral.outcome = outcome
        referral.outcome_on = outcome_on if outcome != RJOutcome.PENDING else None
        referral.victim_satisfaction = victim_satisfaction
        bump_version(referral, ["contact_made_on", "outcome", "outcome_on", "victim_satisfaction"])
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=referral.disposal.offender,
            target=referral,
            detail={"outcome": outcome},
        )
    return referral


# --- Scrutiny ------------------------------------------------------------------------------


def record_scrutiny(
    *,
    today: dt.date,
    disposal: Disposal,
    reviewer,
    finding: str,
    learning: str,
    reviewed_on: dt.date,
) -> ScrutinyReview:
    """Record (or revise) one panel member's finding on a sampled disposal.

    The access log names the disposal, not the person: the panel member never saw who it was.
    """
    errors = Errors()
    errors.extend(rules.scrutiny_violations(finding, learning))
    if reviewed_on < disposal.decided_on:
        errors.add("reviewed_on", "The review cannot be dated before the decision.")
    _not_after_today(errors, "reviewed_on", reviewed_on, today)
    errors.raise_if_any()
    with transaction.atomic():
        review, created = ScrutinyReview.objects.update_or_create(
            disposal=disposal,
            reviewer=reviewer,
            defaults={"finding": finding, "learning": learning.strip(), "reviewed_on": reviewed_on},
        )
        record_access(
            user=reviewer,
            action=Action.CREATE if created else Action.UPDATE,
            target=review,
            detail={"disposal": disposal.pk, "finding": finding},
        )
    return review


# --- Preparing a case for the scrutiny panel -----------------------------------------------


def release_to_panel(
    *, disposal: Disposal, offence: str, conditions: dict[str, str], by, now: dt.datetime
) -> PanelRelease:
    """An Offender Diversion Team member releases ``disposal`` to the scrutiny panel with the
    free text the panel will see. The automatic redaction runs again over what they send,
    so an edit can redact more but never put an identifier back; conditions not sent stay
    as automatically redacted."""
    automatic = redacted_texts(disposal)
    patterns = patterns_for(identity_of(disposal.offender))
    offence = redact(" ".join(offence.split()), Identity(), patterns=patterns)
    errors = Errors()
    if not offence:
        errors.add("offence", "Give the offence as the panel should read it.")
    unknown = set(conditions) - set(automatic["conditions"])
    if unknown:
        errors.add("conditions", "These are not conditions of this disposal.")
    errors.raise_if_any()
    texts = {
        pk: redact(" ".join(conditions.get(pk, text).split()), Identity(), patterns=patterns)
        or REDACTED
        for pk, text in automatic["conditions"].items()
    }
    with transaction.atomic():
        release, created = PanelRelease.objects.update_or_create(
            disposal=disposal,
            defaults={
                "offence": offence[:300],
                "conditions": texts,
                "released_by": by,
                "released_at": now,
            },
        )
        record_access(
            user=by,
            action=Action.CREATE if created else Action.UPDATE,
            offender=disposal.offender,
            target=release,
            purpose="Prepared for the scrutiny panel",
            detail={"disposal": disposal.pk},
        )
    return release

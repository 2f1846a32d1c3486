"""The only place partners records are written (STYLE.md "Do" 4).

Keyword-only functions, one per verb, each in one transaction with its access-log row and
its deadlines: ``service_funding_end`` for the commissioner's team while a service is
funded to a date, ``referral_response`` while a referral awaits the service's answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Force, PolicingArea, Team, User
from audit.models import Action
from audit.services import record_access
from core.calendar import end_of_day
from core.concurrency import bump_version, check_version
from core.rules import RuleViolation
from deadlines import services as deadlines
from deadlines.models import Kind
from offenders.models import Offence, OffenceType, Offender
from partners import rules
from partners.choices import CaseKind, Cohort, Gender, NeedClosedReason, ReferralStatus
from partners.models import (
    Need,
    OffenceProof,
    PersonNeed,
    ProofKind,
    Referral,
    ReferralProgress,
    Service,
)

PARTNERSHIPS_TEAM = "partnerships"
FUNDING_TITLE = "Partner service funding ends"  # no personal names: titles go into emails
RESPONSE_TITLE = "Partner referral awaiting a response"


def _violation(error: RuleViolation) -> ValidationError:
    return ValidationError({error.field: [error.message]})


def _not_future(field: str, day: dt.date, today: dt.date) -> None:
    if day > today:
        raise ValidationError({field: ["The date cannot be in the future."]})


# --- The directory ----------------------------------------------------------------------

SERVICE_FIELDS = [
    "name",
    "provider",
    "description",
    "min_age",
    "max_age",
    "gender",
    "cohorts",
    "capacity",
    "places_free",
    "contact",
    "funded_by",
    "funding_ends_on",
    "volunteers",
    "active",
]


def _funding_deadline(service: Service, at: dt.datetime) -> None:
    """One open ``service_funding_end`` deadline while an active service has an end date."""
    deadlines.cancel_deadlines_for(service, at=at, kind=Kind.SERVICE_FUNDING_END)
    if not service.active or service.funding_ends_on is None:
        return
    due_at = end_of_day(service.funding_ends_on)
    leads = [
        due_at - end_of_day(day)
        for day in rules.funding_warning_dates(
            service.funding_ends_on, settings.PARTNERS_FUNDING_WARNING_MONTHS
        )
    ]
    deadlines.open_deadline(
        kind=Kind.SERVICE_FUNDING_END,
        title=FUNDING_TITLE,
        force=service.force,
        due_at=due_at,
        record=service,
        warning_leads=leads,
        escalate_at=due_at,
        owner_team=Team.objects.filter(force=service.force, code=PARTNERSHIPS_TEAM).first(),
    )


def _check_service(data: dict[str, Any]) -> None:
    if not str(data.get("name", "")).strip():
        raise ValidationError({"name": ["Give the service's name."]})
    if not str(data.get("provider", "")).strip():
        raise ValidationError({"provider": ["Give the provider."]})
    if data.get("gender", Gender.ANY) not in Gender.values:
        raise ValidationError({"gender": ["Choose anyone, women only or men only."]})
    bad = [c for c in data.get("cohorts") or [] if c not in Cohort.values]
    if bad:
        raise ValidationError({"cohorts": [f"Not a cohort: {', '.join(map(str, bad))}."]})
    try:
        rules.check_eligibility_rule(
            rules.Eligibility(min_age=data.get("min_age"), max_age=data.get("max_age"))
        )
        rules.check_capacity(data.get("capacity"), data.get("places_free"))
    except RuleViolation as error:
        raise _violation(error) from None


def save_service(
    *,
    force: Force,
    code: str,
    needs: list[Need],
    districts: list[PolicingArea],
    by: User,
    at: dt.datetime,
    offence_types: list[OffenceType] | None = None,
    service: Service | None = None,
    version: int | None = None,
    request=None,
    **data: Any,
) -> Service:
    """Create a service (``service`` None) or edit one at ``version``.

    Refused with field errors: no name or provider, no need, districts of another force,
    ages out of order, more places free than capacity, a code already used in the force.
    """
    unknown = set(data) - set(SERVICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown service fields: {sorted(unknown)}")
    data.setdefault("cohorts", [])
    _check_service(data)
    if not needs:
        raise ValidationError({"needs": ["Choose at least one need the service meets."]})
    if any(d.force_id != force.pk for d in districts):
        raise ValidationError({"districts": ["A district is not in this force."]})
    with transaction.atomic():
        if service is None:
            service = Service(force=force, code=code, **data)
            try:
                with transaction.atomic():
                    service.save()
            except IntegrityError:
                raise ValidationError(
                    {"code": ["A service with this code is already in the directory."]}
                ) from None
            action = Action.CREATE
        else:
            service = Service.objects.select_for_update().get(pk=service.pk)
            check_version(service, version)
            for name, value in data.items():
                setattr(service, name, value)
            bump_version(service, list(data))
            action = Action.UPDATE
        service.needs.set(needs)
        service.districts.set(districts)
        service.offence_types.set(offence_types or [])
        record_access(
            user=by,
            action=action,
            target=service,
            request=request,
            detail={"partners": "service", "code": service.code},
        )
        _funding_deadline(service, at)
    return service


# --- Needs ------------------------------------------------------------------------------


def record_need(
    *,
    offender: Offender,
    need: Need,
    source_kind: str,
    assessed_on: dt.date,
    by: User,
    today: dt.date,
    source_id: str = "",
    notes: str = "",
    request=None,
) -> PersonNeed:
    """Record an assessed need on a person, with the case it was assessed in."""
    if source_kind not in CaseKind.values:
        raise ValidationError({"source_kind": ["Choose the case the need was assessed in."]})
    if not need.active:
        raise ValidationError({"need": ["This need is no longer on the list."]})
    _not_future("assessed_on", assessed_on, today)
    if assessed_on < offender.date_of_birth:
        raise ValidationError({"assessed_on": ["The date is before the person's birth."]})
    with transaction.atomic():
        row = PersonNeed.objects.create(
            offender=offender,
            need=need,
            source_kind=source_kind,
            source_id=str(source_id)[:64],
            assessed_on=assessed_on,
            assessed_by=by,
            notes=notes.strip(),
        )
        record_access(
            user=by,
            action=Action.CREATE,
            offender=offender,
            target=row,
            request=request,
            justification=f"Need assessed in {CaseKind(source_kind).label.lower()} case",
            detail={"partners": "need", "need": need.code, "source": source_kind},
        )
    return row


def check_need_closing_date(person_need: PersonNeed, closed_on: dt.date, today: dt.date) -> None:
    """A need closes on or after the day it was recorded, and not in the future."""
    _not_future("closed_on", closed_on, today)
    if closed_on < person_need.assessed_on:
        raise ValidationError({"closed_on": ["The date cannot be before the need was recorded."]})


def close_need(
    *,
    person_need: PersonNeed,
    closed_on: dt.date,
    reason: str,
    by: User,
    today: dt.date,
    version: int | None,
    note: str = "",
    request=None,
) -> PersonNeed:
    """Close a person's need at ``version`` (met, no longer relevant, moved away,
    declined support); a closed need no longer counts in the gap map.

    Refused with field errors: no reason, a date in the future or before the need was
    assessed, a need already closed; a stale ``version`` raises StaleVersion.
    """
    if reason not in NeedClosedReason.values:
        raise ValidationError({"reason": ["Choose why the need is closed."]})
    check_need_closing_date(person_need, closed_on, today)
    with transaction.atomic():
        row = PersonNeed.objects.select_for_update().get(pk=person_need.pk)
        check_version(row, version)
        if row.closed_on is not None:
            raise ValidationError({"closed_on": ["This need is already closed."]})
        check_need_closing_date(row, closed_on, today)
        row.closed_on = closed_on
        row.closed_reason = reason
        row.closed_note = note.strip()
        bump_version(row, ["closed_on", "closed_reason", "closed_note"])
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=row.offender,
            target=row,
            request=request,
            justification=f"Need closed: {NeedClosedReason(reason).label.lower()}",
            detail={"partners": "need closed", "need": row.need.code, "reason": reason},
        )
    return row


# --- Referrals --------------------------------------------------------------------------


def refer(
    *,
    offender: Offender,
    service: Service,
    referred_on: dt.date,
    by: User,
    today: dt.date,
    need: Need | None = None,
    source_kind: str = CaseKind.OTHER,
    source_id: str = "",
    notes: str = "",
    request=None,
) -> Referral:
    """Refer a person to a directory service; the service's answer is then awaited (a
    ``referral_response`` deadline to the referring officer).

    Refused: a service of another force or not active, a need the service does not meet,
    a future date or one before the person's birth. Eligibility is the service's call:
    the page shows the problems as warnings (``eligibility_warnings``).
    """
    if service.force_id != offender.force_id:
        raise ValidationError({"service": ["No such service in this person's force."]})
    if not service.active:
        raise ValidationError({"service": ["This service is not taking referrals."]})
    if need is not None and not service.needs.filter(pk=need.pk).exists():
        raise ValidationError({"need": ["The service does not meet this need."]})
    if source_kind not in CaseKind.values:
        raise ValidationError({"source_kind": ["Choose the case the referral is made from."]})
    _not_future("referred_on", referred_on, today)
    if referred_on < offender.date_of_birth:
        raise ValidationError({"referred_on": ["The date is before the person's birth."]})
    with transaction.atomic():
        referral = Referral.objects.create(
            force=offender.force,
            offender=offender,
            service=service,
            need=need,
            source_kind=source_kind,
            source_id=str(source_id)[:64],
            referred_on=referred_on,
            referred_by=by,
            notes=notes.strip(),
            status=ReferralStatus.REFERRED,
            status_on=referred_on,
        )
        ReferralProgress.objects.create(
            referral=referral, status=ReferralStatus.REFERRED, on=referred_on, recorded_by=by
        )
        record_access(
            user=by,
            action=Action.CREATE,
            offender=offender,
            target=referral,
            request=request,
            justification=f"Referral to {service.name}",
            detail={"partners": "referral", "service": service.code},
        )
        due = rules.referral_response_due(referred_on, settings.PARTNERS_REFERRAL_RESPONSE_DAYS)
        deadlines.open_deadline(
            kind=Kind.REFERRAL_RESPONSE,
            title=RESPONSE_TITLE,
            force=offender.force,
            due_at=end_of_day(due),
            offender=offender,
            record=referral,
            warning_leads=[dt.timedelta(days=3)],
            escalate_at=end_of_day(due + dt.timedelta(days=7)),
            owner_user=by,
        )
    return referral


def eligibility_warnings(*, offender: Offender, service: Service, on: dt.date) -> list[str]:
    """Why the person may be outside the service's eligibility, from what Desist holds."""
    from partners.selectors import person_profile

    return rules.eligibility_problems(service.eligibility, person_profile(offender, on))


def record_progress(
    *,
    referral: Referral,
    status: str,
    on: dt.date,
    by: User,
    today: dt.date,
    at: dt.datetime,
    outcome: str = "",
    version: int | None = None,
    request=None,
) -> Referral:
    """Move a referral on (accepted, declined, engaged, disengaged, completed).

    Refused: a move its life does not allow, a date before its last change or in the
    future, a stale ``version`` (StaleVersion). The service's first answer meets the
    ``referral_response`` deadline.
    """
    if status not in ReferralStatus.values:
        raise ValidationError({"status": ["Choose a status."]})
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if version is not None:
            check_version(referral, version)
        try:
            rules.check_progress(
                referral.status, status, on=on, last_on=referral.status_on, today=today
            )
        except RuleViolation as error:
            raise _violation(error) from None
        was_awaiting = referral.is_awaiting
        referral.status = status
        referral.status_on = on
        fields = ["status", "status_on"]
        if outcome.strip():
            referral.outcome = outcome.strip()
            fields.append("outcome")
        if status in rules.ENGAGED_STATUSES and not referral.ever_engaged:
            referral.ever_engaged = True
            fields.append("ever_engaged")
        bump_version(referral, fields)
        ReferralProgress.objects.create(
            referral=referral, status=status, on=on, outcome=outcome.strip(), recorded_by=by
        )
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=referral.offender,
            target=referral,
            request=request,
            justification=f"Referral progress: {ReferralStatus(status).label.lower()}",
            detail={"partners": "referral progress", "status": status},
        )
        if was_awaiting:
            for deadline in deadlines.open_deadlines_for(referral, Kind.REFERRAL_RESPONSE):
                deadlines.meet_deadline(deadline=deadline, at=min(at, end_of_day(on)))
    return referral


# --- Proof of offences (proven reoffending) ---------------------------------------------


def record_proof(
    *,
    offence: Offence,
    kind: str,
    proved_on: dt.date,
    by: User | None,
    today: dt.date,
    request=None,
) -> OffenceProof:
    """Record when an offence was proved (conviction or caution), or correct it."""
    if kind not in ProofKind.values:
        raise ValidationError({"kind": ["Choose conviction or caution."]})
    _not_future("proved_on", proved_on, today)
    if proved_on < offence.committed_on:
        raise ValidationError({"proved_on": ["An offence is proved after it is committed."]})
    with transaction.atomic():
        proof, _ = OffenceProof.objects.update_or_create(
            offence=offence, defaults={"kind": kind, "proved_on": proved_on, "recorded_by": by}
        )
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=offence.offender,
            target=proof,
            request=request,
            justification="Offence proved (conviction or caution) for reoffending figures",
            detail={"partners": "proof", "kind": kind},
        )
    return proof

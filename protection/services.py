"""The only place public-protection records are written (STYLE.md "Do" 4).

Keyword-only functions, one verb each, inside ``transaction.atomic``: lock what the change
depends on, check the rules (``protection/rules.py``; a ``RuleViolation`` becomes a field
error), write, record the access-log row, then open, move, meet or cancel the deadlines
(rso_notification, rso_visit, rso_review_qualifying, mappa_review, protective_order_end).
Membership plumbing shared with IOM (locking, reviews, ending, hand-over) is
``cohorts.membership``. Nothing here reads the clock: callers pass ``today`` and ``at``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import PolicingArea, Team, User
from accounts.roles import Role
from audit.models import Action
from audit.services import record_access
from cohorts import membership as cohort_membership
from core.calendar import end_of_day
from core.concurrency import bump_version, check_version
from core.dates import age_on
from core.rules import RuleViolation
from deadlines import services as deadlines
from deadlines.models import Kind
from offenders import services as offender_services
from offenders.models import Offender
from protection import rules
from protection.choices import (
    Disposal,
    LeadAgency,
    MappaEndReason,
    NotificationKind,
    OrderKind,
    RiskLevel,
    RsoEndReason,
    VisitOutcome,
)
from protection.models import (
    IntelligenceKind,
    MappaCase,
    MappaLevelChange,
    MappaMeeting,
    OrderBreach,
    OrderVariation,
    ProtectiveOrder,
    RsoIntelligence,
    RsoNotification,
    RsoRegistration,
    RsoRiskAssessment,
    RsoVisit,
)

LEAD_OFFICER_ROLES = {Role.PPU_OFFICER, Role.MAPPA_COORDINATOR, Role.SUPERVISOR}
LEAD_OFFICER_RULE = (
    "The lead officer must be an active PPU officer, MAPPA coordinator or supervisor of this force."
)

# Deadline titles name no person: they go into emails (README "The deadline engine").
NOTIFICATION_TITLES = {
    NotificationKind.INITIAL: "RSO initial notification due",
    NotificationKind.PERIODIC: "RSO periodic notification due",
    NotificationKind.RELEASE: "RSO notification after release due",
    NotificationKind.WEEKLY_NO_FIXED_ABODE: "RSO weekly notification due (no fixed abode)",
}
TITLE_KINDS = {title: kind for kind, title in NOTIFICATION_TITLES.items()}
VISIT_TITLE = "RSO home visit due"
REVIEW_QUALIFYING_TITLE = "RSO indefinite notification: review qualifying date"
MAPPA_REVIEW_TITLE = "MAPPA review due"
ORDER_END_TITLE = "Protective order ends"

NOTIFICATION_WARNING = [dt.timedelta(days=1)]
VISIT_WARNING = [dt.timedelta(days=14)]
VISIT_ESCALATION_AFTER = dt.timedelta(days=7)
# The review takes up to 12 weeks (DOMAIN.md §6.3): warn six and three months ahead.
REVIEW_WARNINGS = [dt.timedelta(days=183), dt.timedelta(days=92)]
MAPPA_WARNING = [dt.timedelta(days=14)]
ORDER_END_WARNING = [dt.timedelta(days=28), dt.timedelta(days=7)]

# Notifications under ss.83-85 that start a new year for the periodic one (s.85(1)).
RESETS_PERIODIC = {
    NotificationKind.INITIAL,
    NotificationKind.PERIODIC,
    NotificationKind.CHANGE_OF_NAME,
    NotificationKind.CHANGE_OF_ADDRESS,
    NotificationKind.OTHER_ADDRESS_STAY,
    NotificationKind.WEEKLY_NO_FIXED_ABODE,
    NotificationKind.RELEASE,
}


@contextmanager
def rule_errors() -> Iterator[None]:
    """A broken rule as the field-level ValidationError pages and the API show."""
    try:
        yield
    except RuleViolation as violation:
        raise ValidationError({violation.field: [violation.message]}) from None


def _not_future(field: str, day: dt.date | None, today: dt.date) -> None:
    if day is not None and day > today:
        raise ValidationError({field: ["The date cannot be in the future."]})


def _check_lead_officer(lead_officer: User, force) -> None:
    if (
        not lead_officer.is_active
        or lead_officer.force_id != force.pk
        or not (lead_officer.is_superuser or lead_officer.has_role(*LEAD_OFFICER_ROLES))
    ):
        raise ValidationError({"lead_officer": [LEAD_OFFICER_RULE]})


def _team(force, code: str) -> Team | None:
    return Team.objects.filter(force=force, code=code).first()


def _check_area(area: PolicingArea | None, force, required: bool = False) -> None:
    if area is None:
        if required:
            raise ValidationError({"area": ["Choose the policing area."]})
        return
    if area.force_id != force.pk:
        raise ValidationError({"area": ["Choose a policing area of this force."]})


def mappa_review_weeks() -> dict[int, int]:
    """The force's MAPPA review cadence per level: settings.MAPPA_REVIEW_WEEKS, else the
    UNCONFIRMED 16/8-week default (DOMAIN.md §5)."""
    return dict(getattr(settings, "MAPPA_REVIEW_WEEKS", rules.DEFAULT_MAPPA_REVIEW_WEEKS))


# --------------------------------------------------------------------------------------
# Deadlines of a registration
# --------------------------------------------------------------------------------------


def _set_deadline(
    record,
    *,
    kind: str,
    title: str,
    due_on: dt.date,
    warning_leads: Sequence[dt.timedelta] = (),
    escalate_after: dt.timedelta | None = None,
    owner_user=None,
    owner_team=None,
) -> None:
    """Move the record's open deadline of this kind and title to ``due_on``, or open it."""
    due_at = end_of_day(due_on)
    escalate_at = due_at + escalate_after if escalate_after else None
    existing = [d for d in deadlines.open_deadlines_for(record, kind) if d.title == title]
    for deadline in existing:
        deadlines.move_deadline(deadline=deadline, due_at=due_at, escalate_at=escalate_at)
    if not existing:
        deadlines.open_deadline(
            kind=kind,
            title=title,
            force=record.force,
            due_at=due_at,
            offender=record.offender,
            record=record,
            warning_leads=warning_leads,
            escalate_at=escalate_at,
            owner_user=owner_user,
            owner_team=owner_team,
        )


def _close_deadlines(record, *, kind: str, title: str | None, at: dt.datetime, met: bool) -> None:
    for deadline in deadlines.open_deadlines_for(record, kind):
        if title is not None and deadline.title != title:
            continue
        if met:
            deadlines.meet_deadline(deadline=deadline, at=at)
        else:
            deadlines.cancel_deadline(deadline=deadline, at=at)


def _notification_deadline(reg: RsoRegistration, kind: str, due_on: dt.date) -> None:
    _set_deadline(
        reg,
        kind=Kind.RSO_NOTIFICATION,
        title=NOTIFICATION_TITLES[NotificationKind(kind)],
        due_on=due_on,
        warning_leads=NOTIFICATION_WARNING,
        owner_user=reg.lead_officer,
        owner_team=reg.team,
    )


def _visit_deadline(reg: RsoRegistration, at: dt.datetime) -> None:
    if reg.next_visit_due is None or reg.in_custody or not reg.is_open:
        _close_deadlines(reg, kind=Kind.RSO_VISIT, title=None, at=at, met=False)
        return
    _set_deadline(
        reg,
        kind=Kind.RSO_VISIT,
        title=VISIT_TITLE,
        due_on=reg.next_visit_due,
        warning_leads=VISIT_WARNING,
        escalate_after=VISIT_ESCALATION_AFTER,
        owner_user=reg.lead_officer,
        owner_team=reg.team,
    )


def notifications_due(reg: RsoRegistration) -> list[dict[str, Any]]:
    """The notifications the person owes now: ``[{kind, due_on}]`` from the open deadlines."""
    from core.calendar import local_date

    due = []
    for deadline in deadlines.open_deadlines_for(reg, Kind.RSO_NOTIFICATION).order_by("due_at"):
        kind = TITLE_KINDS.get(deadline.title)
        if kind is not None:
            due.append({"kind": str(kind), "due_on": local_date(deadline.due_at)})
    return due


def _lock(reg: RsoRegistration, version: int | None) -> RsoRegistration:
    return cohort_membership.lock_open(reg, version)


def _log(by, action: str, record, offender, request, **detail) -> None:
    record_access(
        user=by, action=action, offender=offender, target=record, request=request, detail=detail
    )


# --------------------------------------------------------------------------------------
# Registration
# --------------------------------------------------------------------------------------

OPEN_REGISTRATION_MESSAGE = "This person is already on the register (an open registration)."


def register_rso(
    *,
    offender: Offender,
    relevant_date: dt.date,
    disposal: str,
    lead_officer: User,
    by: User,
    today: dt.date,
    sentence_months: int | None = None,
    life_or_ipp: bool = False,
    discharge_months: int | None = None,
    in_custody_until: dt.date | None = None,
    offence: str = "",
    area: PolicingArea | None = None,
    request=None,
) -> RsoRegistration:
    """Put a person on the register after conviction, finding or caution.

    Computes the s.82 period, its end and the initial notification due (from release when
    the person is held: s.83(6)); opens the initial notification deadline.
    """
    try:
        disposal = Disposal(disposal)
    except ValueError:
        raise ValidationError({"disposal": ["Choose the disposal from the list."]}) from None
    _not_future("relevant_date", relevant_date, today)
    if relevant_date < offender.date_of_birth:
        raise ValidationError({"relevant_date": ["The date is before the person's birth."]})
    if disposal != Disposal.IMPRISONMENT and (sentence_months or life_or_ipp):
        raise ValidationError(
            {"sentence_months": ["A sentence length is only for imprisonment or detention."]}
        )
    if disposal != Disposal.CONDITIONAL_DISCHARGE and discharge_months:
        raise ValidationError(
            {"discharge_months": ["A discharge period is only for a conditional discharge."]}
        )
    _check_lead_officer(lead_officer, offender.force)
    _check_area(area, offender.force)
    under_18 = age_on(offender.date_of_birth, relevant_date) < 18
    with rule_errors():
        period = rules.notification_period(
            disposal=disposal,
            under_18=under_18,
            sentence_months=sentence_months,
            life_or_ipp=life_or_ipp,
            discharge_months=discharge_months,
        )
        initial_due = rules.initial_notification_due(relevant_date, in_custody_until)
    held = in_custody_until is not None and in_custody_until > today
    with transaction.atomic():
        offender = Offender.objects.select_for_update().get(pk=offender.pk)
        if RsoRegistration.objects.filter(offender=offender).open().exists():
            raise ValidationError({"offender": [OPEN_REGISTRATION_MESSAGE]})
        reg = RsoRegistration(
            force=offender.force,
            offender=offender,
            lead_officer=lead_officer,
            team=_team(offender.force, "ppu"),
            started_on=relevant_date,
            area=area or offender.home_area,
            disposal=disposal,
            sentence_months=sentence_months if disposal == Disposal.IMPRISONMENT else None,
            life_or_ipp=life_or_ipp and disposal == Disposal.IMPRISONMENT,
            discharge_months=discharge_months,
            offence=offence.strip(),
            under_18_at_relevant_date=under_18,
            notification_period_months=period.months,
            notification_ends_on=rules.notification_ends_on(relevant_date, period),
            initial_notification_due=initial_due,
            in_custody=held,
            release_on=in_custody_until,
            created_by=by,
        )
        try:
            with transaction.atomic():
                reg.save()
        except IntegrityError:
            raise ValidationError({"offender": [OPEN_REGISTRATION_MESSAGE]}) from None
        _log(
            by,
            Action.CREATE,
            reg,
            offender,
            request,
            rso="registered",
            relevant_date=relevant_date.isoformat(),
            period=period.iso(),
        )
        _notification_deadline(reg, NotificationKind.INITIAL, initial_due)
    return reg


def _notification_due_on(
    reg: RsoRegistration,
    kind: NotificationKind,
    *,
    changed_on: dt.date | None,
    departs_on: dt.date | None,
    returns_on: dt.date | None,
    from_date: dt.date | None,
    to_date: dt.date | None,
) -> dt.date | None:
    """The latest day the law allowed for this notification, or None when there is none."""
    if kind == NotificationKind.INITIAL:
        return reg.initial_notification_due
    if kind in (NotificationKind.CHANGE_OF_NAME, NotificationKind.CHANGE_OF_ADDRESS):
        if changed_on is not None:
            return rules.change_notification_due(changed_on)
    elif kind == NotificationKind.RELEASE:
        released = changed_on or reg.release_on
        if released is not None:
            return rules.change_notification_due(released)
    elif kind == NotificationKind.FOREIGN_TRAVEL:
        if departs_on is None:
            raise RuleViolation("departs_on", "Give the date of departure.")
        if returns_on is not None and returns_on < departs_on:
            raise RuleViolation("returns_on", "The return cannot be before departure.")
        if changed_on is None:  # known in good time unless the officer says otherwise
            return departs_on - rules.FOREIGN_TRAVEL_NOTICE
        return rules.foreign_travel_due_on(departs_on, changed_on)
    elif kind == NotificationKind.OTHER_ADDRESS_STAY:
        if from_date is None or to_date is None:
            raise RuleViolation("from_date", "Give the first and last days of the stay.")
        if to_date < from_date:
            raise RuleViolation("to_date", "A stay cannot end before it starts.")
        stays = [
            (first, last)
            for first, last in reg.notifications.filter(
                kind=NotificationKind.OTHER_ADDRESS_STAY,
                to_date__gte=from_date - dt.timedelta(days=366),
            ).values_list("from_date", "to_date")
            if first is not None and last is not None
        ]
        return rules.stay_notification_due([*stays, (from_date, to_date)])
    elif kind == NotificationKind.PERIODIC:
        return reg.next_periodic_due
    elif kind == NotificationKind.WEEKLY_NO_FIXED_ABODE:
        return (
            rules.weekly_notification_due(reg.last_notified_on)
            if reg.no_fixed_abode and reg.last_notified_on
            else None
        )
    return None


def record_notification(
    *,
    registration: RsoRegistration,
    kind: str,
    notified_on: dt.date,
    by: User,
    today: dt.date,
    at: dt.datetime,
    changed_on: dt.date | None = None,
    departs_on: dt.date | None = None,
    returns_on: dt.date | None = None,
    destination: str = "",
    from_date: dt.date | None = None,
    to_date: dt.date | None = None,
    address: dict[str, str] | None = None,
    no_fixed_abode: bool = False,
    details: str = "",
    version: int | None = None,
    request=None,
) -> RsoNotification:
    """Record a notification made at a police station, and move the clocks it moves.

    A notification later than the law allows is recorded as ``late`` (a possible s.91
    offence to investigate), never refused.
    """
    try:
        kind = NotificationKind(kind)
    except ValueError:
        raise ValidationError({"kind": ["Choose the kind of notification."]}) from None
    _not_future("notified_on", notified_on, today)
    _not_future("changed_on", changed_on, today)
    with transaction.atomic():
        reg = _lock(registration, version)
        if notified_on < reg.started_on:
            raise ValidationError(
                {"notified_on": ["A notification cannot be before the relevant date."]}
            )
        if changed_on is not None and changed_on > notified_on:
            raise ValidationError({"changed_on": ["The change cannot be after its notification."]})
        stored_address = ""
        with rule_errors():
            due_on = _notification_due_on(
                reg,
                kind,
                changed_on=changed_on,
                departs_on=departs_on,
                returns_on=returns_on,
                from_date=from_date,
                to_date=to_date,
            )
        if kind == NotificationKind.CHANGE_OF_ADDRESS and not no_fixed_abode:
            if not address or not (address.get("line1") or "").strip():
                raise ValidationError({"line1": ["Enter the new home address."]})
            new_address = offender_services.add_address(
                today=today,
                offender=reg.offender,
                by=by,
                line1=address.get("line1", ""),
                line2=address.get("line2", ""),
                town=address.get("town", ""),
                postcode=address.get("postcode", ""),
                from_date=changed_on or notified_on,
            )
            stored_address = str(new_address)
        notification = RsoNotification.objects.create(
            registration=reg,
            kind=kind,
            notified_on=notified_on,
            changed_on=changed_on,
            departs_on=departs_on,
            returns_on=returns_on,
            destination=destination.strip(),
            from_date=from_date,
            to_date=to_date,
            address=stored_address,
            details=details.strip(),
            due_on=due_on,
            late=due_on is not None and notified_on > due_on,
            recorded_by=by,
        )
        fields: list[str] = []
        met_at = end_of_day(notified_on)
        if kind in NOTIFICATION_TITLES:
            _close_deadlines(
                reg,
                kind=Kind.RSO_NOTIFICATION,
                title=NOTIFICATION_TITLES[kind],
                at=met_at,
                met=True,
            )
        if kind == NotificationKind.CHANGE_OF_ADDRESS:
            reg.no_fixed_abode = no_fixed_abode
            fields.append("no_fixed_abode")
        if kind == NotificationKind.WEEKLY_NO_FIXED_ABODE:
            reg.no_fixed_abode = True
            fields.append("no_fixed_abode")
        if kind in RESETS_PERIODIC and (
            reg.last_notified_on is None or notified_on >= reg.last_notified_on
        ):
            reg.last_notified_on = notified_on
            reg.next_periodic_due = rules.periodic_notification_due(notified_on)
            fields += ["last_notified_on", "next_periodic_due"]
            if not reg.in_custody:
                _notification_deadline(reg, NotificationKind.PERIODIC, reg.next_periodic_due)
        if reg.no_fixed_abode and reg.last_notified_on and not reg.in_custody:
            _notification_deadline(
                reg,
                NotificationKind.WEEKLY_NO_FIXED_ABODE,
                rules.weekly_notification_due(reg.last_notified_on),
            )
        elif not reg.no_fixed_abode:
            _close_deadlines(
                reg,
                kind=Kind.RSO_NOTIFICATION,
                title=NOTIFICATION_TITLES[NotificationKind.WEEKLY_NO_FIXED_ABODE],
                at=at,
                met=False,
            )
        bump_version(reg, fields)
        _log(
            by,
            Action.UPDATE,
            notification,
            reg.offender,
            request,
            rso="notification",
            kind=str(kind),
            notified_on=notified_on.isoformat(),
            late=notification.late,
        )
    return notification


def record_first_notification_after_release(
    *,
    registration: RsoRegistration,
    on: dt.date,
    by: User,
    today: dt.date,
    version: int | None = None,
    request=None,
) -> RsoRegistration:
    """For an indefinite requirement, the s.91B review qualifying date (15 years, 8 for
    under-18s, from this notification), opened as a deadline months ahead."""
    _not_future("on", on, today)
    with transaction.atomic():
        reg = _lock(registration, version)
        if on < reg.started_on:
            raise ValidationError({"on": ["The notification cannot be before the relevant date."]})
        reg.first_notification_after_release = on
        fields = ["first_notification_after_release"]
        if reg.notification_period_months is None:
            reg.review_qualifying_date = rules.review_qualifying_date(
                on, under_18=reg.under_18_at_relevant_date
            )
            fields.append("review_qualifying_date")
            _set_deadline(
                reg,
                kind=Kind.RSO_REVIEW_QUALIFYING,
                title=REVIEW_QUALIFYING_TITLE,
                due_on=reg.review_qualifying_date,
                warning_leads=REVIEW_WARNINGS,
                owner_user=reg.lead_officer,
                owner_team=reg.team,
            )
        bump_version(reg, fields)
        _log(by, Action.UPDATE, reg, reg.offender, request, rso="first_notification_after_release")
    return reg


def record_custody(
    *,
    registration: RsoRegistration,
    in_custody: bool,
    on: dt.date,
    by: User,
    today: dt.date,
    at: dt.datetime,
    expected_release_on: dt.date | None = None,
    version: int | None = None,
    request=None,
) -> RsoRegistration:
    """Into prison or hospital (clocks paused: visits and periodic notifications cancelled),
    or released: the release notification (3 days) and the visit clock open."""
    _not_future("on", on, today)
    with transaction.atomic():
        reg = _lock(registration, version)
        if in_custody == reg.in_custody:
            raise ValidationError(
                {"non_field_errors": ["The register already shows that custody status."]}
            )
        reg.in_custody = in_custody
        if in_custody:
            reg.release_on = expected_release_on
            _close_deadlines(reg, kind=Kind.RSO_VISIT, title=None, at=at, met=False)
            for title in (
                NOTIFICATION_TITLES[NotificationKind.PERIODIC],
                NOTIFICATION_TITLES[NotificationKind.WEEKLY_NO_FIXED_ABODE],
            ):
                _close_deadlines(reg, kind=Kind.RSO_NOTIFICATION, title=title, at=at, met=False)
        else:
            reg.release_on = on
            _notification_deadline(reg, NotificationKind.RELEASE, rules.change_notification_due(on))
            if reg.risk_level:
                reg.next_visit_due = rules.next_visit_due(
                    on, reg.risk_level, interval_days=reg.visit_interval_days
                )
            _visit_deadline(reg, at)
        bump_version(reg, ["in_custody", "release_on", "next_visit_due"])
        _log(
            by,
            Action.UPDATE,
            reg,
            reg.offender,
            request,
            rso="custody" if in_custody else "released",
            on=on.isoformat(),
        )
    return reg


def assess_risk(
    *,
    registration: RsoRegistration,
    level: str,
    assessed_on: dt.date,
    by: User,
    today: dt.date,
    at: dt.datetime,
    visit_interval_days: int | None = None,
    version: int | None = None,
    request=None,
) -> RsoRiskAssessment:
    """An ARMS assessment: sets the visit plan (the level's default interval, or the plan's)."""
    try:
        level = RiskLevel(level)
    except ValueError:
        raise ValidationError({"level": ["Choose the ARMS risk level."]}) from None
    _not_future("assessed_on", assessed_on, today)
    with transaction.atomic():
        reg = _lock(registration, version)
        if assessed_on < reg.started_on:
            raise ValidationError(
                {"assessed_on": ["The assessment cannot be before the relevant date."]}
            )
        since = max(d for d in (assessed_on, reg.last_visit_on) if d is not None)
        with rule_errors():
            next_due = rules.next_visit_due(since, level, interval_days=visit_interval_days)
        assessment = RsoRiskAssessment.objects.create(
            registration=reg,
            level=level,
            assessed_on=assessed_on,
            visit_interval_days=visit_interval_days,
            assessed_by=by,
        )
        if level == RiskLevel.LOW:
            if reg.risk_level != RiskLevel.LOW or reg.low_risk_since is None:
                reg.low_risk_since = assessed_on
        else:
            reg.low_risk_since = None
        reg.risk_level = level
        reg.risk_assessed_on = assessed_on
        reg.visit_interval_days = visit_interval_days
        reg.next_visit_due = next_due
        bump_version(
            reg,
            [
                "risk_level",
                "risk_assessed_on",
                "visit_interval_days",
                "next_visit_due",
                "low_risk_since",
            ],
        )
        _visit_deadline(reg, at)
        _log(by, Action.UPDATE, assessment, reg.offender, request, rso="risk", level=str(level))
    return assessment


def record_visit(
    *,
    registration: RsoRegistration,
    visited_on: dt.date,
    outcome: str,
    by: User,
    today: dt.date,
    at: dt.datetime,
    notes: str = "",
    version: int | None = None,
    request=None,
) -> RsoVisit:
    """A home visit: meets the visit deadline (late if after it) and plans the next one."""
    try:
        outcome = VisitOutcome(outcome)
    except ValueError:
        raise ValidationError({"outcome": ["Choose the outcome of the visit."]}) from None
    _not_future("visited_on", visited_on, today)
    with transaction.atomic():
        reg = _lock(registration, version)
        if visited_on < reg.started_on:
            raise ValidationError({"visited_on": ["The visit cannot be before the relevant date."]})
        visit = RsoVisit.objects.create(
            registration=reg,
            visited_on=visited_on,
            outcome=outcome,
            notes=notes.strip(),
            visited_by=by,
        )
        if reg.last_visit_on is None or visited_on >= reg.last_visit_on:
            reg.last_visit_on = visited_on
            _close_deadlines(
                reg, kind=Kind.RSO_VISIT, title=None, at=end_of_day(visited_on), met=True
            )
            if reg.risk_level:
                reg.next_visit_due = rules.next_visit_due(
                    visited_on, reg.risk_level, interval_days=reg.visit_interval_days
                )
            _visit_deadline(reg, at)
        bump_version(reg, ["last_visit_on", "next_visit_due"])
        _log(by, Action.UPDATE, visit, reg.offender, request, rso="visit", outcome=str(outcome))
    return visit


def record_intelligence(
    *,
    registration: RsoRegistration,
    kind: str,
    recorded_on: dt.date,
    summary: str,
    by: User,
    today: dt.date,
    request=None,
) -> RsoIntelligence:
    """An intelligence submission or a further offence detected."""
    if kind not in IntelligenceKind.values:
        raise ValidationError({"kind": ["Choose intelligence submission or offence detected."]})
    _not_future("recorded_on", recorded_on, today)
    if not summary.strip():
        raise ValidationError({"summary": ["Give a short summary."]})
    with transaction.atomic():
        reg = _lock(registration, None)
        item = RsoIntelligence.objects.create(
            registration=reg,
            kind=kind,
            recorded_on=recorded_on,
            summary=summary.strip(),
            recorded_by=by,
        )
        _log(by, Action.UPDATE, item, reg.offender, request, rso=kind)
    return item


def end_registration(
    *,
    registration: RsoRegistration,
    ended_on: dt.date,
    reason: str,
    by: User,
    today: dt.date,
    at: dt.datetime,
    note: str = "",
    version: int | None = None,
    request=None,
) -> RsoRegistration:
    if reason not in RsoEndReason.values:
        raise ValidationError({"reason": ["Choose why the requirements ended."]})
    _not_future("ended_on", ended_on, today)
    with transaction.atomic():
        reg = _lock(registration, version)
        cohort_membership.end_membership(
            reg, ended_on=ended_on, reason=reason, note=note, by=by, at=at, request=request
        )
    return reg


# --------------------------------------------------------------------------------------
# Protective orders
# --------------------------------------------------------------------------------------


def make_order(
    *,
    offender: Offender,
    kind: str,
    made_on: dt.date,
    by: User,
    today: dt.date,
    ends_on: dt.date | None = None,
    until_further_order: bool = False,
    prohibitions: Sequence[str] = (),
    foreign_travel_prohibition_until: dt.date | None = None,
    court: str = "",
    area: PolicingArea | None = None,
    request=None,
) -> ProtectiveOrder:
    """Record an order made by a court; its length is checked against the law's minimum and
    maximum, and its end opens a deadline to the PPU."""
    try:
        kind = OrderKind(kind)
    except ValueError:
        raise ValidationError({"kind": ["Choose the kind of order."]}) from None
    _not_future("made_on", made_on, today)
    _check_area(area, offender.force)
    items = [p.strip() for p in prohibitions if p and p.strip()]
    if any(len(p) > 1000 for p in items):
        raise ValidationError({"prohibitions": ["Each prohibition is at most 1000 characters."]})
    with rule_errors():
        rules.check_order_length(
            kind=kind,
            made_on=made_on,
            ends_on=ends_on,
            until_further_order=until_further_order,
            foreign_travel_prohibition_until=foreign_travel_prohibition_until,
        )
    with transaction.atomic():
        order = ProtectiveOrder.objects.create(
            force=offender.force,
            offender=offender,
            kind=kind,
            made_on=made_on,
            ends_on=ends_on,
            until_further_order=until_further_order,
            prohibitions=items,
            foreign_travel_prohibition_until=foreign_travel_prohibition_until,
            court=court.strip(),
            area=area or offender.home_area,
            created_by=by,
        )
        _log(
            by,
            Action.CREATE,
            order,
            offender,
            request,
            order=str(kind),
            made_on=made_on.isoformat(),
        )
        if ends_on is not None and ends_on >= today:
            _set_deadline(
                order,
                kind=Kind.PROTECTIVE_ORDER_END,
                title=ORDER_END_TITLE,
                due_on=ends_on,
                warning_leads=ORDER_END_WARNING,
                owner_team=_team(offender.force, "ppu"),
            )
    return order


def record_breach(
    *,
    order: ProtectiveOrder,
    breached_on: dt.date,
    details: str,
    by: User,
    today: dt.date,
    request=None,
) -> OrderBreach:
    _not_future("breached_on", breached_on, today)
    if not details.strip():
        raise ValidationError({"details": ["Say what happened."]})
    with transaction.atomic():
        order = ProtectiveOrder.objects.select_for_update().get(pk=order.pk)
        if breached_on < order.made_on:
            raise ValidationError(
                {"breached_on": ["A breach cannot be before the order was made."]}
            )
        breach = OrderBreach.objects.create(
            order=order, breached_on=breached_on, details=details.strip(), recorded_by=by
        )
        _log(by, Action.UPDATE, breach, order.offender, request, order="breach")
    return breach


DISCHARGED_MESSAGE = "This order has been discharged: it can no longer be varied or discharged."


def _lock_order(order: ProtectiveOrder, version: int | None) -> ProtectiveOrder:
    locked = ProtectiveOrder.objects.select_for_update().get(pk=order.pk)
    check_version(locked, version)
    if locked.discharged_on is not None:
        raise ValidationError({"__all__": [DISCHARGED_MESSAGE]})
    return locked


def _check_decided_on(order: ProtectiveOrder, decided_on: dt.date, today: dt.date) -> None:
    _not_future("decided_on", decided_on, today)
    if decided_on < order.made_on:
        raise ValidationError({"decided_on": ["The date cannot be before the order was made."]})


def vary_order(
    *,
    order: ProtectiveOrder,
    decided_on: dt.date,
    by: User,
    today: dt.date,
    at: dt.datetime,
    version: int | None,
    ends_on: dt.date | None = None,
    until_further_order: bool = False,
    prohibitions: Sequence[str] | None = None,
    court: str = "",
    request=None,
) -> ProtectiveOrder:
    """Record a court's variation of the order's end and prohibitions. The new length is
    checked against the law from the day the order was made; its end deadline moves."""
    with transaction.atomic():
        locked = _lock_order(order, version)
        _check_decided_on(locked, decided_on, today)
        items = (
            list(locked.prohibitions)
            if prohibitions is None
            else [p.strip() for p in prohibitions if p and p.strip()]
        )
        if any(len(p) > 1000 for p in items):
            raise ValidationError(
                {"prohibitions": ["Each prohibition is at most 1000 characters."]}
            )
        with rule_errors():
            rules.check_order_length(
                kind=locked.kind,
                made_on=locked.made_on,
                ends_on=ends_on,
                until_further_order=until_further_order,
                foreign_travel_prohibition_until=locked.foreign_travel_prohibition_until,
            )
        if ends_on is not None and ends_on < decided_on:
            raise ValidationError(
                {"ends_on": ["The new end date cannot be before the date of the variation."]}
            )
        if (
            ends_on == locked.ends_on
            and until_further_order == locked.until_further_order
            and items == list(locked.prohibitions)
        ):
            raise ValidationError(
                {"ends_on": ["Nothing has changed: give the new end date or prohibitions."]}
            )
        OrderVariation.objects.create(
            order=locked,
            change=OrderVariation.VARY,
            decided_on=decided_on,
            court=court.strip(),
            old_ends_on=locked.ends_on,
            new_ends_on=ends_on,
            old_until_further_order=locked.until_further_order,
            new_until_further_order=until_further_order,
            old_prohibitions=list(locked.prohibitions),
            new_prohibitions=items,
            recorded_by=by,
            recorded_at=at,
        )
        locked.ends_on = ends_on
        locked.until_further_order = until_further_order
        locked.prohibitions = items
        bump_version(locked, ["ends_on", "until_further_order", "prohibitions"])
        _log(
            by,
            Action.UPDATE,
            locked,
            locked.offender,
            request,
            order="vary",
            decided_on=decided_on.isoformat(),
            ends_on=ends_on.isoformat() if ends_on else None,
        )
        if ends_on is not None and ends_on >= today:
            _set_deadline(
                locked,
                kind=Kind.PROTECTIVE_ORDER_END,
                title=ORDER_END_TITLE,
                due_on=ends_on,
                warning_leads=ORDER_END_WARNING,
                owner_team=_team(locked.force, "ppu"),
            )
        else:
            _close_deadlines(
                locked, kind=Kind.PROTECTIVE_ORDER_END, title=ORDER_END_TITLE, at=at, met=False
            )
    return locked


def discharge_order(
    *,
    order: ProtectiveOrder,
    decided_on: dt.date,
    by: User,
    today: dt.date,
    at: dt.datetime,
    version: int | None,
    court: str = "",
    request=None,
) -> ProtectiveOrder:
    """Record that a court discharged the order: from that day it is no longer in force and
    its end deadline is cancelled."""
    with transaction.atomic():
        locked = _lock_order(order, version)
        _check_decided_on(locked, decided_on, today)
        if locked.ends_on is not None and decided_on > locked.ends_on:
            raise ValidationError(
                {"decided_on": ["The order had already ended: it cannot be discharged after."]}
            )
        OrderVariation.objects.create(
            order=locked,
            change=OrderVariation.DISCHARGE,
            decided_on=decided_on,
            court=court.strip(),
            old_ends_on=locked.ends_on,
            new_ends_on=locked.ends_on,
            old_until_further_order=locked.until_further_order,
            new_until_further_order=locked.until_further_order,
            old_prohibitions=list(locked.prohibitions),
            new_prohibitions=list(locked.prohibitions),
            recorded_by=by,
            recorded_at=at,
        )
        locked.discharged_on = decided_on
        bump_version(locked, ["discharged_on"])
        _log(
            by,
            Action.UPDATE,
            locked,
            locked.offender,
            request,
            order="discharge",
            decided_on=decided_on.isoformat(),
        )
        _close_deadlines(
            locked, kind=Kind.PROTECTIVE_ORDER_END, title=ORDER_END_TITLE, at=at, met=False
        )
    return locked


# --------------------------------------------------------------------------------------
# MAPPA
# --------------------------------------------------------------------------------------

OPEN_MAPPA_MESSAGE = "This person already has an open MAPPA case."


def _mappa_review(case: MappaCase, from_day: dt.date, at: dt.datetime) -> None:
    due = rules.mappa_review_due(from_day, case.level, mappa_review_weeks())
    case.next_review_due = due
    if due is None:
        _close_deadlines(case, kind=Kind.MAPPA_REVIEW, title=None, at=at, met=False)
        return
    cohort_membership.schedule_review(
        case, due_at=end_of_day(due), title=MAPPA_REVIEW_TITLE, warning_leads=MAPPA_WARNING
    )


def open_mappa_case(
    *,
    offender: Offender,
    category: int,
    level: int,
    area: PolicingArea,
    lead_agency: str,
    from_date: dt.date,
    lead_officer: User,
    by: User,
    today: dt.date,
    at: dt.datetime,
    transferred_in: bool = False,
    transferred_from: str = "",
    request=None,
) -> MappaCase:
    with rule_errors():
        rules.check_mappa_category(category, level)
    if lead_agency not in LeadAgency.values:
        raise ValidationError({"lead_agency": ["Choose the lead agency."]})
    _not_future("from_date", from_date, today)
    _check_area(area, offender.force, required=True)
    _check_lead_officer(lead_officer, offender.force)
    with transaction.atomic():
        offender = Offender.objects.select_for_update().get(pk=offender.pk)
        if MappaCase.objects.filter(offender=offender).open().exists():
            raise ValidationError({"offender": [OPEN_MAPPA_MESSAGE]})
        case = MappaCase(
            force=offender.force,
            offender=offender,
            lead_officer=lead_officer,
            team=_team(offender.force, "mappa"),
            started_on=from_date,
            category=category,
            level=level,
            area=area,
            lead_agency=lead_agency,
            transferred_in=transferred_in,
            transferred_from=transferred_from.strip(),
            created_by=by,
        )
        try:
            with transaction.atomic():
                case.save()
        except IntegrityError:
            raise ValidationError({"offender": [OPEN_MAPPA_MESSAGE]}) from None
        _mappa_review(case, from_date, at)
        case.save(update_fields=["next_review_due"])
        _log(by, Action.CREATE, case, offender, request, mappa="opened", level=level)
    return case


def record_mappa_meeting(
    *,
    case: MappaCase,
    held_on: dt.date,
    level: int,
    by: User,
    today: dt.date,
    at: dt.datetime,
    attendees: str = "",
    actions: str = "",
    version: int | None = None,
    request=None,
) -> MappaMeeting:
    """A level 2/3 meeting: sets the level (a change is recorded with its reason) and the
    next review from the level's cadence."""
    with rule_errors():
        rules.check_mappa_category(1, level)
    _not_future("held_on", held_on, today)
    with transaction.atomic():
        case = cohort_membership.lock_open(case, version)
        if held_on < case.started_on:
            raise ValidationError({"held_on": ["The meeting cannot be before the case opened."]})
        if level != case.level:
            MappaLevelChange.objects.create(
                case=case,
                from_level=case.level,
                to_level=level,
                changed_on=held_on,
                reason=f"MAPPA meeting on {held_on:%-d %B %Y}",
                changed_by=by,
            )
            case.level = level
        _close_deadlines(case, kind=Kind.MAPPA_REVIEW, title=None, at=end_of_day(held_on), met=True)
        _mappa_review(case, held_on, at)
        meeting = MappaMeeting.objects.create(
            case=case,
            held_on=held_on,
            level=level,
            attendees=attendees.strip(),
            actions=actions.strip(),
            next_review_due=case.next_review_due,
            recorded_by=by,
        )
        bump_version(case, ["level", "next_review_due"])
        _log(by, Action.UPDATE, meeting, case.offender, request, mappa="meeting", level=level)
    return meeting


def change_mappa_level(
    *,
    case: MappaCase,
    to_level: int,
    changed_on: dt.date,
    reason: str,
    by: User,
    today: dt.date,
    at: dt.datetime,
    version: int | None = None,
    request=None,
) -> MappaCase:
    with rule_errors():
        rules.check_mappa_category(1, to_level)
    _not_future("changed_on", changed_on, today)
    if not reason.strip():
        raise ValidationError({"reason": ["Give the reason for the change of level."]})
    with transaction.atomic():
        case = cohort_membership.lock_open(case, version)
        if to_level == case.level:
            raise ValidationError({"to_level": ["The case is already at that level."]})
        if changed_on < case.started_on:
            raise ValidationError({"changed_on": ["The change cannot be before the case opened."]})
        MappaLevelChange.objects.create(
            case=case,
            from_level=case.level,
            to_level=to_level,
            changed_on=changed_on,
            reason=reason.strip(),
            changed_by=by,
        )
        case.level = to_level
        _mappa_review(case, changed_on, at)
        bump_version(case, ["level", "next_review_due"])
        _log(by, Action.UPDATE, case, case.offender, request, mappa="level", to=to_level)
    return case


def end_mappa_case(
    *,
    case: MappaCase,
    ended_on: dt.date,
    reason: str,
    by: User,
    today: dt.date,
    at: dt.datetime,
    note: str = "",
    version: int | None = None,
    request=None,
) -> MappaCase:
    if reason not in MappaEndReason.values:
        raise ValidationError({"reason": ["Choose why the case ended."]})
    _not_future("ended_on", ended_on, today)
    with transaction.atomic():
        case = cohort_membership.lock_open(case, version)
        cohort_membership.end_membership(
            case, ended_on=ended_on, reason=reason, note=note, by=by, at=at, request=request
        )
    return case

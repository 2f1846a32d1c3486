"""Every write to wanted circulations, outstanding suspects, warrants and voluntary attenders.

Keyword-only functions, one per domain verb, each atomic: lock what the change depends on,
apply ``wanted.rules`` (a ``RuleViolation`` becomes a field-level ``ValidationError``),
write, write the access log, then open/close the review deadline.

Reviews are deadlines (``wanted_review``, ``suspect_review``, ``warrant_review``) owned by
the officer in the case and the investigation team, escalated to a supervisor when missed.
Recording a review closes the open deadline (met, or missed if late, so missed reviews are
counted) and opens the next one ``cadence`` days after the review. Ending a case cancels it.

Custody calls ``end_on_book_in`` (registered in ``custody.extensions.booked_in``) in the
book-in transaction: a wanted person booked into custody has been arrested, so every open
circulation for them ends as ``arrested`` with the detention linked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Team
from audit.models import Action
from audit.services import record_access
from core.calendar import end_of_day, local_date
from core.concurrency import bump_version, check_version
from core.rules import RuleViolation
from deadlines import services as deadlines
from deadlines.models import Kind
from wanted import rules
from wanted.choices import (
    AttendanceOutcome,
    SuspectResolution,
    WantedOutcome,
    WarrantKind,
    WarrantOutcome,
)
from wanted.models import (
    OutstandingSuspect,
    Review,
    ReviewCadence,
    VoluntaryAttendance,
    WantedCirculation,
    Warrant,
)

INVESTIGATION_TEAM = "investigation"
REVIEW_WARNING = dt.timedelta(days=3)

OpenCase = WantedCirculation | OutstandingSuspect | Warrant


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _refusal(error: RuleViolation) -> ValidationError:
    return _refuse(error.field, error.message)


def cadence_for(force) -> ReviewCadence:
    """The force's review intervals (the defaults when the force has not set its own)."""
    return ReviewCadence.objects.filter(force=force).first() or ReviewCadence(force=force)


@transaction.atomic
def set_cadence(
    *,
    force,
    wanted_days: int,
    suspect_days: int,
    warrant_days: int,
    performance_age_days: int,
    by,
) -> ReviewCadence:
    """Change a force's review intervals; open reviews keep their due dates."""
    for field, days in (
        ("wanted_days", wanted_days),
        ("suspect_days", suspect_days),
        ("warrant_days", warrant_days),
    ):
        try:
            rules.check_cadence(days)
        except RuleViolation as error:
            raise _refuse(field, error.message) from None
    if performance_age_days < 1:
        raise _refuse("performance_age_days", "The age must be at least one day.")
    cadence, _ = ReviewCadence.objects.update_or_create(
        force=force,
        defaults={
            "wanted_days": wanted_days,
            "suspect_days": suspect_days,
            "warrant_days": warrant_days,
            "performance_age_days": performance_age_days,
        },
    )
    return cadence


# --- Shared checks and deadlines -------------------------------------------------------------


def _check_people(offender, officer_in_case, district) -> None:
    if officer_in_case is not None and officer_in_case.force_id != offender.force_id:
        raise _refuse("officer_in_case", "The officer in the case must be in the person's force.")
    if district is not None and district.force_id != offender.force_id:
        raise _refuse("district", "The district must be one of the person's force's areas.")


def _not_in_future(field: str, day: dt.date, today: dt.date) -> None:
    if day > today:
        raise _refuse(field, f"This date cannot be in the future (today is {day_label(today)}).")


def day_label(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _kind(case: OpenCase) -> str:
    if isinstance(case, WantedCirculation):
        return Kind.WANTED_REVIEW
    if isinstance(case, OutstandingSuspect):
        return Kind.SUSPECT_REVIEW
    return Kind.WARRANT_REVIEW


def _cadence_days(case: OpenCase) -> int:
    cadence = cadence_for(case.force)
    if isinstance(case, WantedCirculation):
        return cadence.wanted_days
    if isinstance(case, OutstandingSuspect):
        return cadence.suspect_days
    return cadence.warrant_days


_TITLES: dict[str, str] = {
    Kind.WANTED_REVIEW: "Wanted circulation review",
    Kind.SUSPECT_REVIEW: "Outstanding suspect review",
    Kind.WARRANT_REVIEW: "Warrant review",
}


def _open_review_deadline(case: OpenCase) -> None:
    kind = _kind(case)
    due = case.next_review_due
    if due is None:
        raise AssertionError("an open case always has a review due")
    deadlines.open_deadline(
        kind=kind,
        title=f"{_TITLES[kind]}: {case.reference}",
        force=case.force,
        due_at=end_of_day(due),
        offender=case.offender,
        record=case,
        warning_leads=[REVIEW_WARNING],
        owner_team=Team.objects.filter(force=case.force, code=INVESTIGATION_TEAM).first(),
        owner_user=case.officer_in_case,
        escalate_to_role="supervisor",
    )


def _log(by, action: str, case, purpose: str, **detail: Any) -> None:
    record_access(
        user=by,
        action=action,
        offender=case.offender,
        target=case,
        purpose=purpose,
        detail=detail,
    )


def _locked(case):
    return type(case).objects.select_for_update().get(pk=case.pk)


def _check_open(case: OpenCase) -> None:
    if case.ended_on is not None:
        raise _refuse("__all__", f"{case.reference} has already ended.")


# --- Wanted circulations ------------------------------------------------------------------------


@transaction.atomic
def circulate(
    *,
    offender,
    reason: str,
    offence: str,
    circulated_on: dt.date,
    necessity: str,
    by,
    now: dt.datetime,
    district=None,
    officer_in_case=None,
    necessity_ground: str = "",
    bail_case=None,
) -> WantedCirculation:
    """Circulate a person as wanted (PACE Code G; Suffolk panel report §9.3).

    Precondition: ``offender`` (and ``bail_case``) were reached through the access gate.
    """
    today = local_date(now)
    offence = offence.strip()
    if not offence:
        raise _refuse("offence", "Enter the offence or offences.")
    _check_people(offender, officer_in_case, district)
    if bail_case is not None and bail_case.offender_id != offender.pk:
        raise _refuse("bail_case", "That bail or RUI case is another person's.")
    try:
        rules.check_circulation(
            reason=reason,
            linked_case_status=bail_case.status if bail_case is not None else None,
            necessity=necessity,
            circulated_on=circulated_on,
            today=today,
        )
    except RuleViolation as error:
        raise _refusal(error) from None
    circulation = WantedCirculation(
        force=offender.force,
        offender=offender,
        reason=reason,
        bail_case=bail_case,
        offence=offence[:300],
        officer_in_case=officer_in_case,
        district=district,
        necessity_ground=necessity_ground,
        necessity=necessity.strip(),
        circulated_on=circulated_on,
        created_at=now,
        created_by=by,
    )
    circulation.next_review_due = rules.review_due(circulated_on, _cadence_days(circulation))
    circulation.save()
    _log(by, Action.CREATE, circulation, "Circulating a person as wanted", reason=reason)
    _open_review_deadline(circulation)
    return circulation


@transaction.atomic
def end_circulation(
    *,
    circulation: WantedCirculation,
    ended_on: dt.date,
    outcome: str,
    by,
    now: dt.datetime,
    note: str = "",
    detention=None,
    version: int | None = None,
) -> WantedCirculation:
    """End a circulation with its outcome; an arrest may link the detention that followed."""
    circulation = _locked(circulation)
    if version is not None:
        check_version(circulation, version)
    _check_open(circulation)
    try:
        chosen = rules.check_wanted_end(
            outcome=outcome,
            ended_on=ended_on,
            circulated_on=circulation.circulated_on,
            today=local_date(now),
        )
    except RuleViolation as error:
        raise _refusal(error) from None
    if detention is not None:
        if chosen != WantedOutcome.ARRESTED:
            raise _refuse("detention", "Only an arrest is followed by a detention.")
        if detention.offender_id != circulation.offender_id:
            raise _refuse("detention", "That detention is another person's.")
    circulation.ended_on = ended_on
    circulation.outcome = chosen
    circulation.end_note = note.strip()
    circulation.detention = detention
    bump_version(circulation, ["ended_on", "outcome", "end_note", "detention", "updated_at"])
    _log(by, Action.UPDATE, circulation, "Ending a wanted circulation", outcome=chosen)
    deadlines.cancel_deadlines_for(circulation, at=now, kind=Kind.WANTED_REVIEW)
    return circulation


def end_on_book_in(*, detention, by, now: dt.datetime) -> list[WantedCirculation]:
    """Booking a wanted person into custody ends their open circulations as arrested, with
    the detention linked (registered in ``custody.extensions.booked_in``; runs inside the
    book-in transaction). A voluntary attender booked in has been arrested at the station
    (PACE s.41(2)(c)), so that ends it too."""
    arrested_on = local_date(detention.arrested_at)
    ended = []
    for circulation in WantedCirculation.objects.filter(offender=detention.offender).open():
        ended.append(
            end_circulation(
                circulation=circulation,
                ended_on=max(arrested_on, circulation.circulated_on),
                outcome=WantedOutcome.ARRESTED,
                note=f"Booked into custody at {detention.suite.name}.",
                detention=detention,
                by=by,
                now=now,
            )
        )
    return ended


# --- Reviews (all three kinds of open case) --------------------------------------------------


@transaction.atomic
def record_review(
    *, case: OpenCase, held_on: dt.date, note: str, by, now: dt.datetime, version=None
) -> Review:
    """Record a review; the next falls due ``cadence`` days after it."""
    case = _locked(case)
    if version is not None:
        check_version(case, version)
    _check_open(case)
    note = note.strip()
    if not note:
        raise _refuse("note", "Say what the review found and what happens next.")
    try:
        rules.check_review_date(held_on, opened_on=case.opened_on, today=local_date(now))
        next_due = rules.review_due(held_on, _cadence_days(case))
    except RuleViolation as error:
        raise _refusal(error) from None
    links: dict[str, Any] = {
        "circulation": case if isinstance(case, WantedCirculation) else None,
        "suspect": case if isinstance(case, OutstandingSuspect) else None,
        "warrant": case if isinstance(case, Warrant) else None,
    }
    review = Review.objects.create(
        **links,
        held_on=held_on,
        note=note,
        was_due=case.next_review_due,
        next_due=next_due,
        created_at=now,
        created_by=by,
    )
    case.next_review_due = next_due
    bump_version(case, ["next_review_due", "updated_at"])
    _log(by, Action.UPDATE, case, "Reviewing an open case", review=review.pk)
    kind = _kind(case)
    for deadline in deadlines.open_deadlines_for(case, kind):
        deadlines.meet_deadline(deadline=deadline, at=end_of_day(held_on))
    _open_review_deadline(case)
    return review


# --- Outstanding suspects ---------------------------------------------------------------------


@transaction.atomic
def record_suspect(
    *,
    offender,
    crime_reference: str,
    offence: str,
    identified_on: dt.date,
    by,
    now: dt.datetime,
    officer_in_case=None,
    district=None,
) -> OutstandingSuspect:
    """Record a suspect identified in a reported crime and not yet arrested (§9.5)."""
    today = local_date(now)
    crime_reference = crime_reference.strip()
    offence = offence.strip()
    if not crime_reference:
        raise _refuse("crime_reference", "Enter the crime reference.")
    if not offence:
        raise _refuse("offence", "Enter the offence.")
    _not_in_future("identified_on", identified_on, today)
    _check_people(offender, officer_in_case, district)
    if (
        OutstandingSuspect.objects.open()
        .filter(offender=offender, crime_reference__iexact=crime_reference)
        .exists()
    ):
        raise _refuse(
            "crime_reference", "This person is already an outstanding suspect in this crime."
        )
    suspect = OutstandingSuspect(
        force=offender.force,
        offender=offender,
        crime_reference=crime_reference[:40],
        offence=offence[:300],
        identified_on=identified_on,
        officer_in_case=officer_in_case,
        district=district,
        created_at=now,
        created_by=by,
    )
    suspect.next_review_due = rules.review_due(identified_on, _cadence_days(suspect))
    suspect.save()
    _log(by, Action.CREATE, suspect, "Recording an outstanding suspect")
    _open_review_deadline(suspect)
    return suspect


@transaction.atomic
def resolve_suspect(
    *,
    suspect: OutstandingSuspect,
    resolved_on: dt.date,
    resolution: str,
    by,
    now: dt.datetime,
    note: str = "",
    version: int | None = None,
) -> OutstandingSuspect:
    """Resolve an outstanding suspect by arrest, voluntary interview or no further action."""
    suspect = _locked(suspect)
    if version is not None:
        check_version(suspect, version)
    _check_open(suspect)
    if resolution not in SuspectResolution.values:
        raise _refuse("resolution", "Choose how the suspect was dealt with.")
    try:
        rules.check_end(
            ended_on=resolved_on,
            opened_on=suspect.identified_on,
            today=local_date(now),
            field="resolved_on",
        )
    except RuleViolation as error:
        raise _refusal(error) from None
    suspect.ended_on = resolved_on
    suspect.resolution = resolution
    suspect.end_note = note.strip()
    bump_version(suspect, ["ended_on", "resolution", "end_note", "updated_at"])
    _log(by, Action.UPDATE, suspect, "Resolving an outstanding suspect", resolution=resolution)
    deadlines.cancel_deadlines_for(suspect, at=now, kind=Kind.SUSPECT_REVIEW)
    return suspect


# --- Warrants ------------------------------------------------------------------------------------


@transaction.atomic
def record_warrant(
    *,
    offender,
    kind: str,
    court: str,
    issued_on: dt.date,
    by,
    now: dt.datetime,
    backed_for_bail: bool = False,
    offence: str = "",
    officer_in_case=None,
    district=None,
) -> Warrant:
    today = local_date(now)
    if kind not in WarrantKind.values:
        raise _refuse("kind", "Choose the kind of warrant.")
    court = court.strip()
    if not court:
        raise _refuse("court", "Enter the court that issued the warrant.")
    _not_in_future("issued_on", issued_on, today)
    _check_people(offender, officer_in_case, district)
    warrant = Warrant(
        force=offender.force,
        offender=offender,
        kind=kind,
        court=court[:150],
        issued_on=issued_on,
        backed_for_bail=backed_for_bail,
        offence=offence.strip()[:300],
        officer_in_case=officer_in_case,
        district=district,
        created_at=now,
        created_by=by,
    )
    warrant.next_review_due = rules.review_due(issued_on, _cadence_days(warrant))
    warrant.save()
    _log(by, Action.CREATE, warrant, "Recording a court warrant", kind=kind)
    _open_review_deadline(warrant)
    return warrant


@transaction.atomic
def end_warrant(
    *,
    warrant: Warrant,
    ended_on: dt.date,
    outcome: str,
    by,
    now: dt.datetime,
    note: str = "",
    detention=None,
    version: int | None = None,
) -> Warrant:
    warrant = _locked(warrant)
    if version is not None:
        check_version(warrant, version)
    _check_open(warrant)
    if outcome not in WarrantOutcome.values:
        raise _refuse("outcome", "Choose how the warrant ended.")
    try:
        rules.check_end(ended_on=ended_on, opened_on=warrant.issued_on, today=local_date(now))
    except RuleViolation as error:
        raise _refusal(error) from None
    if detention is not None and detention.offender_id != warrant.offender_id:
        raise _refuse("detention", "That detention is another person's.")
    warrant.ended_on = ended_on
    warrant.outcome = outcome
    warrant.end_note = note.strip()
    warrant.detention = detention
    bump_version(warrant, ["ended_on", "outcome", "end_note", "detention", "updated_at"])
    _log(by, Action.UPDATE, warrant, "Ending a court warrant", outcome=outcome)
    deadlines.cancel_deadlines_for(warrant, at=now, kind=Kind.WARRANT_REVIEW)
    return warrant


# --- Voluntary attenders ----------------------------------------------------------------------


@transaction.atomic
def record_attendance(
    *,
    offender,
    interviewed_on: dt.date,
    offence: str,
    by,
    now: dt.datetime,
    officer_in_case=None,
    district=None,
    suspect: OutstandingSuspect | None = None,
) -> VoluntaryAttendance:
    """Record an interview under caution without arrest (PACE Code C 3.21). An outstanding
    suspect it dealt with is resolved as interviewed voluntarily."""
    today = local_date(now)
    offence = offence.strip()
    if not offence:
        raise _refuse("offence", "Enter the offence.")
    _not_in_future("interviewed_on", interviewed_on, today)
    _check_people(offender, officer_in_case, district)
    if suspect is not None and suspect.offender_id != offender.pk:
        raise _refuse("suspect", "That outstanding suspect is another person.")
    attendance = VoluntaryAttendance.objects.create(
        force=offender.force,
        offender=offender,
        interviewed_on=interviewed_on,
        offence=offence[:300],
        officer_in_case=officer_in_case,
        district=district,
        suspect=suspect,
        created_at=now,
        created_by=by,
    )
    record_access(
        user=by,
        action=Action.CREATE,
        offender=offender,
        target=attendance,
        purpose="Recording a voluntary attendance",
    )
    if suspect is not None and suspect.ended_on is None:
        resolve_suspect(
            suspect=suspect,
            resolved_on=max(interviewed_on, suspect.identified_on),
            resolution=SuspectResolution.VOLUNTARY_INTERVIEW,
            note=f"Interviewed under caution as a voluntary attender ({attendance.reference}).",
            by=by,
            now=now,
        )
    return attendance


@transaction.atomic
def record_attendance_outcome(
    *,
    attendance: VoluntaryAttendance,
    outcome: str,
    outcome_on: dt.date,
    by,
    now: dt.datetime,
    note: str = "",
    version: int | None = None,
) -> VoluntaryAttendance:
    attendance = VoluntaryAttendance.objects.select_for_update().get(pk=attendance.pk)
    if version is not None:
        check_version(attendance, version)
    if attendance.outcome:
        raise _refuse("__all__", f"{attendance.reference} already has an outcome.")
    if outcome not in AttendanceOutcome.values:
        raise _refuse("outcome", "Choose the outcome.")
    try:
        rules.check_end(
            ended_on=outcome_on,
            opened_on=attendance.interviewed_on,
            today=local_date(now),
            field="outcome_on",
        )
    except RuleViolation as error:
        raise _refusal(error) from None
    attendance.outcome = outcome
    attendance.outcome_on = outcome_on
    attendance.outcome_note = note.strip()
    bump_version(attendance, ["outcome", "outcome_on", "outcome_note", "updated_at"])
    record_access(
        user=by,
        action=Action.UPDATE,
        offender=attendance.offender,
        target=attendance,
        purpose="Recording a voluntary attender's outcome",
        detail={"outcome": outcome},
    )
    return attendance

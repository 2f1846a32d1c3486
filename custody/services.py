"""Custody writes: book in, review, extend, hospital, Golden Hour call, release, and the
other custody records. The only place that writes custody rows (STYLE.md "Do" 4).

Each function is keyword-only, runs in ``transaction.atomic``, locks the detention with
``select_for_update`` when the change depends on its current state, converts a
``RuleViolation`` into a field-level ``ValidationError`` (a 400 in the API, a field error
on a page), writes the access log, then opens, moves or closes deadlines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.ranks import Rank, rank_at_least
from audit.models import Action
from audit.services import record_access
from bail import services as bail_services
from core.calendar import local
from core.concurrency import bump_version
from custody import extensions, rules
from custody.choices import CourtDelayCause, PlaceOfSafety, SearchKind, TransferOutcome
from custody.models import (
    Cell,
    ControlMeasure,
    CourtTransport,
    CustodySuite,
    Detention,
    Extension,
    GoldenHourCall,
    HospitalPeriod,
    JuvenileTransfer,
    MentalHealthAssessment,
    Outcome,
    PoliceProtection,
    Review,
    S136Detention,
    StripSearch,
    UseOfForce,
)
from deadlines import services as deadlines
from deadlines.models import Kind

# Alert schedules (deadline engine): warnings to the suite's custody team, escalation to
# the custody inspector.
REVIEW_WARNINGS = [dt.timedelta(minutes=30)]
REVIEW_ESCALATION = dt.timedelta(minutes=15)
LIMIT_WARNINGS = [dt.timedelta(hours=2), dt.timedelta(minutes=30)]
S136_WARNINGS = [dt.timedelta(hours=2)]
ESCALATE_TO = "custody_inspector"
# Times a little in the future are clock skew between the station and the server.
FUTURE_TOLERANCE = dt.timedelta(minutes=5)


@contextmanager
def _rules() -> Iterator[None]:
    """Turn a pure rule's refusal into the field-level error the API and forms show."""
    try:
        yield
    except rules.RuleViolation as violation:
        field = "__all__" if violation.field == rules.NON_FIELD else violation.field
        raise ValidationError({field: [violation.message]}) from None


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _not_future(value: dt.datetime | None, field: str) -> None:
    if value is not None and value > timezone.now() + FUTURE_TOLERANCE:
        raise _refuse(field, "This time is in the future.")


def _show(instant: dt.datetime) -> str:
    wall = local(instant)
    return f"{wall.day} {wall:%b %Y %H:%M}"


def _locked(detention: Detention) -> Detention:
    return (
        Detention.objects.select_for_update()
        .select_related("suite", "offender")
        .get(pk=detention.pk)
    )


def _require_in_custody(detention: Detention) -> None:
    released = detention.released_at
    if released is not None:
        raise _refuse(
            "__all__", f"This person was released at {_show(released)}; the detention is closed."
        )


def _where(detention: Detention) -> str:
    """Deadline titles go into emails: say where, never who."""
    cell = f", cell {detention.cell.number}" if detention.cell is not None else ""
    return f"{detention.suite.name}{cell} (detention {detention.pk})"


def _audit(user, action: str, detention: Detention, target=None, **detail: Any) -> None:
    record_access(
        user=user,
        action=action,
        offender=detention.offender,
        target=target if target is not None else detention,
        detail={"detention": detention.pk, **detail},
    )


# --- the PACE clock --------------------------------------------------------------------


def _excluded_periods(detention: Detention) -> list[tuple[dt.datetime, dt.datetime]]:
    return [
        (period.left_at, period.returned_at)
        for period in detention.hospital_periods.all()
        if not period.questioned
    ]


def _recompute_clock(detention: Detention) -> None:
    """Store the current limit and next review from what is recorded, and move their
    deadlines to match."""
    excluded = _excluded_periods(detention)
    extensions = [extension.as_rule() for extension in detention.extensions.all()]
    reviews = [review.held_at for review in detention.reviews.all()]
    with _rules():
        detention.detention_limit_at = rules.detention_limit(
            detention.relevant_time, extensions, excluded
        )
        detention.next_review_due_at = rules.next_review_due(
            detention.detention_authorised_at, reviews
        )
    bump_version(detention, ["detention_limit_at", "next_review_due_at", "updated_at"])
    for deadline in deadlines.open_deadlines_for(detention, Kind.PACE_REVIEW):
        if deadline.due_at != detention.next_review_due_at:
            deadlines.move_deadline(
                deadline=deadline,
                due_at=detention.next_review_due_at,
                escalate_at=detention.next_review_due_at + REVIEW_ESCALATION,
            )
    for deadline in deadlines.open_deadlines_for(detention, Kind.DETENTION_LIMIT):
        if deadline.due_at != detention.detention_limit_at:
            deadlines.move_deadline(
                deadline=deadline,
                due_at=detention.detention_limit_at,
                escalate_at=detention.detention_limit_at,
            )


def book_in(
    *,
    offender,
    suite: CustodySuite,
    arrested_at: dt.datetime,
    arrived_at: dt.datetime,
    detention_authorised_at: dt.datetime,
    offence: str,
    indictable: bool,
    by,
    cell: Cell | None = None,
    voluntary_attendance: bool = False,
    vulnerable: bool = False,
    vulnerability_notes: str = "",
    appropriate_adult: str = "",
    welfare_person: str = "",
) -> Detention:
    """Book a person into custody and start their clocks.

    Precondition: ``offender`` was reached through the access gate. Refuses a second open
    detention for the person, an occupied or out-of-service cell, a cell of another suite
    and impossible times; opens the ``pace_review`` and ``detention_limit`` deadlines,
    and for a child the ``golden_hour_call`` deadline (DOMAIN.md §8).
    """
    if suite.force_id != offender.force_id:
        raise _refuse("suite", "This suite belongs to another force.")
    for field, value in (
        ("arrested_at", arrested_at),
        ("arrived_at", arrived_at),
        ("detention_authorised_at", detention_authorised_at),
    ):
        _not_future(value, field)
    with _rules():
        relevant = rules.relevant_time(arrested_at, arrived_at, voluntary_attendance)
    if detention_authorised_at < max(arrived_at, arrested_at):
        raise _refuse(
            "detention_authorised_at",
            "Detention is authorised by the custody officer after the person has been "
            "arrested and brought to the station (PACE s.37).",
        )
    try:
        child = rules.is_child(offender.date_of_birth, arrived_at)
    except ValueError:
        raise _refuse(
            "offender", "This person's date of birth is after the arrival time."
        ) from None

    with transaction.atomic():
        if cell is not None:
            cell = Cell.objects.select_for_update().get(pk=cell.pk)
            if cell.suite_id != suite.pk:
                raise _refuse("cell", f"Cell {cell.number} is not in {suite.name}.")
            if not cell.in_service:
                raise _refuse("cell", f"Cell {cell.number} is out of service.")
            if Detention.objects.in_custody().filter(cell=cell).exists():
                raise _refuse("cell", f"Cell {cell.number} is occupied.")
        if Detention.objects.in_custody().filter(offender=offender).exists():
            raise _refuse(
                "offender",
                "This person is already in custody; release them before booking in again.",
            )
        detention = Detention(
            force_id=suite.force_id,
            offender=offender,
            suite=suite,
            cell=cell,
            arrested_at=arrested_at,
            arrived_at=arrived_at,
            detention_authorised_at=detention_authorised_at,
            voluntary_attendance=voluntary_attendance,
            offence=offence,
            indictable=indictable,
            vulnerable=vulnerable,
            vulnerability_notes=vulnerability_notes,
            relevant_time=relevant,
            detention_limit_at=rules.detention_limit(relevant),
            next_review_due_at=rules.next_review_due(detention_authorised_at),
            is_child=child,
            appropriate_adult=appropriate_adult if child or vulnerable else "",
            welfare_person=welfare_person if child else "",
            booked_in_by=by,
        )
        if child:
            hours = suite.local_authority.service_hours()
            golden = rules.golden_hour(arrived_at, hours)
            detention.golden_hour_due_at = golden.due_at
            detention.golden_hour_destination = golden.destination.value
            detention.golden_hour_closes_before_due = golden.closes_before_due
            detention.golden_hour_window_closes_at = golden.window_closes_at
        try:
            # A savepoint, so a race lost to the unique constraints leaves the outer
            # transaction usable for the 400.
            with transaction.atomic():
                detention.save()
        except IntegrityError:
            raise _refuse(
                "offender", "This person or this cell already has an open detention."
            ) from None
        _audit(by, Action.CREATE, detention, event="book_in", child=child)
        where = _where(detention)
        deadlines.open_deadline(
            kind=Kind.PACE_REVIEW,
            title=f"PACE review due: {where}",
            force=suite.force,
            due_at=detention.next_review_due_at,
            offender=offender,
            record=detention,
            warning_leads=REVIEW_WARNINGS,
            escalate_at=detention.next_review_due_at + REVIEW_ESCALATION,
            owner_team=suite.team,
            escalate_to_role=ESCALATE_TO,
        )
        deadlines.open_deadline(
            kind=Kind.DETENTION_LIMIT,
            title=f"Detention limit: {where}",
            force=suite.force,
            due_at=detention.detention_limit_at,
            offender=offender,
            record=detention,
            warning_leads=LIMIT_WARNINGS,
            escalate_at=detention.detention_limit_at,
            owner_team=suite.team,
            escalate_to_role=ESCALATE_TO,
        )
        if child:
            deadlines.open_deadline(
                kind=Kind.GOLDEN_HOUR_CALL,
                title=f"Golden Hour call to children's services: {where}",
                force=suite.force,
                due_at=golden.due_at,
                offender=offender,
                record=detention,
                warning_leads=[rules.GOLDEN_HOUR - rules.GOLDEN_HOUR_WARNING],
                escalate_at=detention.golden_hour_due_at,
                owner_team=suite.team,
                escalate_to_role=ESCALATE_TO,
            )
        # What other apps do when a person is booked in (custody/extensions.py), e.g. a
        # wanted circulation ending as "arrested" with this detention linked.
        detention.booked_in_notes = extensions.after_book_in(detention, by)
    return detention


def record_review(
    *,
    detention: Detention,
    held_at: dt.datetime,
    reviewer_name: str,
    reviewer_rank: str,
    by,
    postponement_reason: str = "",
    notes: str = "",
    involved_in_investigation: bool = False,
) -> Review:
    """Record a PACE s.40 review held; the next one is due 9 hours after it, or after the
    time it was due if it was held late (a postponed review does not push later ones).

    Before charge the reviewer is an inspector not directly involved in the investigation;
    after a charge on the record (``Detention.charged_by``) the custody officer reviews.
    """
    _not_future(held_at, "held_at")
    with transaction.atomic():
        detention = _locked(detention)
        _require_in_custody(detention)
        with _rules():
            rules.check_review(
                held_at=held_at,
                detention_authorised_at=detention.detention_authorised_at,
                reviewer_rank=Rank(reviewer_rank),
                charged=detention.charged_by(held_at),
                involved_in_investigation=involved_in_investigation,
            )
        was_due = detention.next_review_due_at
        review = Review.objects.create(
            detention=detention,
            held_at=held_at,
            reviewer_name=reviewer_name,
            reviewer_rank=reviewer_rank,
            postponement_reason=postponement_reason,
            notes=notes,
            recorded_by=by,
        )
        _recompute_clock(detention)
        _audit(by, Action.UPDATE, detention, target=review, event="review", was_due=str(was_due))
    return review


def grant_extension(
    *,
    detention: Detention,
    kind: str,
    authorised_at: dt.datetime,
    until: dt.datetime,
    by,
    authorised_by_name: str = "",
    authorised_by_rank: str = "",
    court: str = "",
) -> Extension:
    """Record a superintendent's extension (s.42), a warrant of further detention (s.43)
    or its extension (s.44), refused with the rule when the law does not allow it."""
    _not_future(authorised_at, "authorised_at")
    with transaction.atomic():
        detention = _locked(detention)
        _require_in_custody(detention)
        extension = Extension(
            detention=detention,
            kind=kind,
            authorised_at=authorised_at,
            until=until,
            authorised_by_name=authorised_by_name,
            authorised_by_rank=authorised_by_rank,
            court=court,
            recorded_by=by,
        )
        if kind != rules.ExtensionKind.SUPERINTENDENT and not court.strip():
            raise _refuse(
                "court", "Name the magistrates' court that issued or extended the warrant."
            )
        with _rules():
            rules.check_extension(
                extension.as_rule(),
                relevant_time=detention.relevant_time,
                indictable=detention.indictable,
                reviews_held=[review.held_at for review in detention.reviews.all()],
                granted=[granted.as_rule() for granted in detention.extensions.all()],
                excluded_periods=_excluded_periods(detention),
            )
        extension.save()
        _recompute_clock(detention)
        _audit(by, Action.UPDATE, detention, target=extension, event="extension", kind=kind)
    return extension


def record_hospital_period(
    *,
    detention: Detention,
    left_at: dt.datetime,
    returned_at: dt.datetime,
    by,
    questioned: bool = False,
    reason: str = "",
) -> HospitalPeriod:
    """Time at hospital (or travelling to and from it) does not count towards the
    detention limit unless the person was questioned there (PACE s.41(6))."""
    _not_future(returned_at, "returned_at")
    if returned_at < left_at:
        raise _refuse("returned_at", "The return cannot be before leaving for hospital.")
    with transaction.atomic():
        detention = _locked(detention)
        _require_in_custody(detention)
        if left_at < detention.arrived_at:
            raise _refuse("left_at", "The hospital visit cannot start before arrival in custody.")
        period = HospitalPeriod.objects.create(
            detention=detention,
            left_at=left_at,
            returned_at=returned_at,
            questioned=questioned,
            reason=reason,
        )
        _recompute_clock(detention)
        _audit(by, Action.UPDATE, detention, target=period, event="hospital")
    return period


def record_golden_hour_call(
    *,
    detention: Detention,
    called_at: dt.datetime,
    spoke_to: str,
    by,
    safeguarding_concerns: str = "",
    appropriate_adult: str = "",
    appropriate_adult_suitable: bool = True,
    release_to: str = "",
    diversion_reminder_given: bool = False,
) -> GoldenHourCall:
    """Record the Golden Hour call: it meets the deadline, or marks it late."""
    _not_future(called_at, "called_at")
    with transaction.atomic():
        detention = _locked(detention)
        if not detention.is_child:
            raise _refuse("__all__", "The Golden Hour call is for children (under 18 at arrival).")
        if GoldenHourCall.objects.filter(detention=detention).exists():
            raise _refuse("__all__", "The Golden Hour call has already been recorded.")
        if called_at < detention.arrived_at:
            raise _refuse("called_at", "The call cannot be before the child arrived in custody.")
        if not spoke_to.strip():
            raise _refuse("spoke_to", "Record who you spoke to at the local authority.")
        due = detention.golden_hour_due_at
        if due is None:
            raise _refuse("__all__", "This detention has no Golden Hour to meet.")
        late = called_at > due
        call = GoldenHourCall.objects.create(
            detention=detention,
            called_at=called_at,
            called_by=by,
            destination=detention.golden_hour_destination,
            spoke_to=spoke_to,
            safeguarding_concerns=safeguarding_concerns,
            appropriate_adult=appropriate_adult,
            appropriate_adult_suitable=appropriate_adult_suitable,
            release_to=release_to,
            diversion_reminder_given=diversion_reminder_given,
            late=late,
        )
        if appropriate_adult and not detention.appropriate_adult:
            detention.appropriate_adult = appropriate_adult
            bump_version(detention, ["appropriate_adult", "updated_at"])
        for deadline in deadlines.open_deadlines_for(detention, Kind.GOLDEN_HOUR_CALL):
            deadlines.meet_deadline(deadline=deadline, at=called_at)
        _audit(by, Action.UPDATE, detention, target=call, event="golden_hour_call", late=late)
    return call


def record_charge(*, detention: Detention, charged_at: dt.datetime, by) -> Detention:
    """Record that the person was charged (any age): from then on the custody officer, a
    sergeant or above, holds the PACE s.40 reviews (``charged_by``, ``rules.check_review``)."""
    _not_future(charged_at, "charged_at")
    with transaction.atomic():
        detention = _locked(detention)
        _require_in_custody(detention)
        if detention.charged_at is not None:
            raise _refuse(
                "charged_at", f"The charge is already recorded at {_show(detention.charged_at)}."
            )
        if charged_at < detention.arrived_at:
            raise _refuse("charged_at", "The charge cannot be before arrival in custody.")
        detention.charged_at = charged_at
        bump_version(detention, ["charged_at", "updated_at"])
        _audit(by, Action.UPDATE, detention, event="charge", charged_at=charged_at.isoformat())
    return detention


def release(
    *,
    detention: Detention,
    released_at: dt.datetime,
    outcome: str,
    by,
    notes: str = "",
    bail_details: Mapping[str, Any] | None = None,
) -> Detention:
    """Release the person: every clock still running is closed. ``bail`` and ``rui``
    open the matching bail case (``bail.services.open_case``) with ``bail_details``: its
    ``officer_in_case``, ``district``, ``conditions`` (the case's first conditions, with
    ``victim_views``) and ``return_date``, checked by the bail rules in the same step."""
    _not_future(released_at, "released_at")
    if outcome not in Outcome.values:
        raise _refuse("outcome", f"Choose one of: {', '.join(Outcome.values)}.")
    bail_details = {key: value for key, value in (bail_details or {}).items() if value}
    if outcome not in (Outcome.BAIL, Outcome.RUI) and bail_details.get("conditions"):
        raise _refuse("conditions", "Conditions are imposed only on a release on bail.")
    with transaction.atomic():
        detention = _locked(detention)
        _require_in_custody(detention)
        if released_at < detention.arrived_at:
            raise _refuse("released_at", "Release cannot be before arrival in custody.")
        detention.released_at = released_at
        detention.outcome = outcome
        detention.release_notes = notes
        bump_version(detention, ["released_at", "outcome", "release_notes", "updated_at"])
        # A child released before the Golden Hour call was made: the call was missed.
        for deadline in deadlines.open_deadlines_for(detention, Kind.GOLDEN_HOUR_CALL):
            deadlines.miss_deadline(deadline=deadline, at=released_at)
        deadlines.cancel_deadlines_for(detention, at=released_at)
        _audit(by, Action.UPDATE, detention, event="release", outcome=outcome)
        if outcome in (Outcome.BAIL, Outcome.RUI):
            # Custody depends on bail on purpose (the layers contract names it): release
            # on bail or under investigation opens the bail case in the same transaction.
            bail_services.open_case(
                offender=detention.offender,
                arrested_on=local(detention.arrested_at).date(),
                status=outcome,
                by=by,
                now=released_at,
                offence=detention.offence,
                **bail_details,
            )
    return detention


# --- children after charge: PACE s.38(6) ---------------------------------------------


def record_juvenile_transfer(
    *,
    detention: Detention,
    charged_at: dt.datetime,
    decided_at: dt.datetime,
    outcome: str,
    by,
    certificate_reason: str = "",
    other_accommodation_inadequate: bool = False,
) -> JuvenileTransfer:
    """A charged child refused bail: transfer to local-authority accommodation requested,
    achieved, or certified impracticable / no secure accommodation (PACE s.38(6))."""
    _not_future(decided_at, "decided_at")
    with transaction.atomic():
        detention = _locked(detention)
        if not detention.is_child:
            raise _refuse("__all__", "PACE s.38(6) transfers apply to children (under 18).")
        if charged_at < detention.arrived_at:
            raise _refuse("charged_at", "The charge cannot be before arrival in custody.")
        if decided_at < charged_at:
            raise _refuse("decided_at", "The transfer decision comes after the charge.")
        with _rules():
            rules.check_juvenile_transfer(
                TransferOutcome(outcome),
                date_of_birth=detention.offender.date_of_birth,
                decided_at=decided_at,
                certificate_reason=certificate_reason,
                other_accommodation_inadequate=other_accommodation_inadequate,
            )
        transfer = JuvenileTransfer.objects.create(
            detention=detention,
            charged_at=charged_at,
            decided_at=decided_at,
            outcome=outcome,
            certificate_reason=certificate_reason,
            other_accommodation_inadequate=other_accommodation_inadequate,
            recorded_by=by,
        )
        _audit(by, Action.UPDATE, detention, target=transfer, event="s38_6", outcome=outcome)
    return transfer


# --- searches, force, control measures, mental health ---------------------------------


def record_search(
    *,
    detention: Detention,
    searched_at: dt.datetime,
    reason: str,
    present: list[dict[str, str]],
    by,
    kind: str = "strip",
    detainee_sex: str = "",
    intimate_parts_exposed: bool = True,
    urgent: bool = False,
    juvenile_opted_out_of_appropriate_adult: bool = False,
    appropriate_adult_agreed_to_opt_out: bool = False,
    authorised_by_name: str = "",
    authorised_by_rank: str = "",
    result: str = "",
) -> StripSearch:
    """A strip or intimate search, checked against Code C Annex A (DOMAIN.md §1.5)."""
    _not_future(searched_at, "searched_at")
    with transaction.atomic():
        detention = _locked(detention)
        _require_in_custody(detention)
        if searched_at < detention.arrived_at:
            raise _refuse("searched_at", "The search cannot be before arrival in custody.")
        sex = detainee_sex or detention.offender.gender
        with _rules():
            rules.check_search(
                rules.SearchRecord(
                    kind=SearchKind(kind),
                    reason=reason,
                    detainee_sex=sex,
                    present=tuple(
                        rules.PersonPresent(
                            name=person["name"],
                            role=rules.PresentRole(person["role"]),
                            sex=person["sex"],
                        )
                        for person in present
                    ),
                    juvenile=detention.is_child,
                    mentally_vulnerable=detention.vulnerable,
                    intimate_parts_exposed=intimate_parts_exposed,
                    urgent=urgent,
                    juvenile_opted_out_of_appropriate_adult=juvenile_opted_out_of_appropriate_adult,
                    appropriate_adult_agreed_to_opt_out=appropriate_adult_agreed_to_opt_out,
                    authorised_by_rank=Rank(authorised_by_rank) if authorised_by_rank else None,
                )
            )
        search = StripSearch.objects.create(
            detention=detention,
            kind=kind,
            searched_at=searched_at,
            reason=reason,
            present=present,
            intimate_parts_exposed=intimate_parts_exposed,
            urgent=urgent,
            juvenile_opted_out_of_appropriate_adult=juvenile_opted_out_of_appropriate_adult,
            appropriate_adult_agreed_to_opt_out=appropriate_adult_agreed_to_opt_out,
            authorised_by_name=authorised_by_name,
            authorised_by_rank=authorised_by_rank,
            result=result,
            recorded_by=by,
        )
        _audit(by, Action.UPDATE, detention, target=search, event="search", kind=kind)
    return search


def record_use_of_force(
    *,
    detention: Detention,
    used_at: dt.datetime,
    officer_name: str,
    tactics: str,
    reason: str,
    by,
    injury: bool = False,
) -> UseOfForce:
    _not_future(used_at, "used_at")
    with transaction.atomic():
        detention = _locked(detention)
        if used_at < detention.arrived_at or (
            detention.released_at and used_at > detention.released_at
        ):
            raise _refuse("used_at", "Record force used while the person was in custody here.")
        record = UseOfForce.objects.create(
            detention=detention,
            used_at=used_at,
            officer_name=officer_name,
            tactics=tactics,
            reason=reason,
            injury=injury,
            recorded_by=by,
        )
        _audit(by, Action.UPDATE, detention, target=record, event="use_of_force")
    return record


def record_control_measure(
    *,
    detention: Detention,
    kind: str,
    started_at: dt.datetime,
    reason: str,
    authorised_by_name: str,
    authorised_by_rank: str,
    by,
    ended_at: dt.datetime | None = None,
) -> ControlMeasure:
    """Rip-proof clothing, constant observation, restraints: authorised by the custody
    officer (a sergeant or above), with the reason."""
    _not_future(started_at, "started_at")
    _not_future(ended_at, "ended_at")
    if not rank_at_least(authorised_by_rank, Rank.SERGEANT):
        raise _refuse(
            "authorised_by",
            "A control measure is authorised by the custody officer, a sergeant or above.",
        )
    if ended_at is not None and ended_at < started_at:
        raise _refuse("ended_at", "The measure cannot end before it started.")
    with transaction.atomic():
        detention = _locked(detention)
        if started_at < detention.arrived_at:
            raise _refuse("started_at", "The measure cannot start before arrival in custody.")
        record = ControlMeasure.objects.create(
            detention=detention,
            kind=kind,
            started_at=started_at,
            ended_at=ended_at,
            reason=reason,
            authorised_by_name=authorised_by_name,
            authorised_by_rank=authorised_by_rank,
            recorded_by=by,
        )
        _audit(by, Action.UPDATE, detention, target=record, event="control_measure", kind=kind)
    return record


def record_mental_health_assessment(
    *,
    detention: Detention,
    requested_at: dt.datetime,
    by,
    completed_at: dt.datetime | None = None,
    bed_needed: bool = False,
    bed_found: bool | None = None,
    notes: str = "",
) -> MentalHealthAssessment:
    """A Mental Health Act assessment requested in custody; completed or not, bed found or not."""
    _not_future(requested_at, "requested_at")
    _not_future(completed_at, "completed_at")
    if completed_at is not None and completed_at < requested_at:
        raise _refuse("completed_at", "The assessment cannot be completed before it was requested.")
    if bed_found is not None and not bed_needed:
        raise _refuse(
            "bed_found", "Say whether a bed was found only when the assessment needed one."
        )
    with transaction.atomic():
        detention = _locked(detention)
        if requested_at < detention.arrived_at:
            raise _refuse("requested_at", "The request cannot be before arrival in custody.")
        record = MentalHealthAssessment.objects.create(
            detention=detention,
            requested_at=requested_at,
            completed_at=completed_at,
            bed_needed=bed_needed,
            bed_found=bed_found,
            notes=notes,
            recorded_by=by,
        )
        _audit(by, Action.UPDATE, detention, target=record, event="mental_health_assessment")
    return record


# --- Mental Health Act s.136 -------------------------------------------------------------


def record_s136(
    *,
    offender,
    place: str,
    started_at: dt.datetime,
    decided_by_name: str,
    decided_by_rank: str,
    by,
    suite: CustodySuite | None = None,
    authorised_by_name: str = "",
    authorised_by_rank: str = "",
    imminent_risk: bool = False,
    no_other_place: bool = False,
    healthcare_professional_available: bool = False,
    reasons: str = "",
) -> S136Detention:
    """A s.136 removal to a place of safety; a police station is never one for a child and,
    for an adult, only on the reg 2 conditions with an inspector's authority (SI 2017/1036)."""
    _not_future(started_at, "started_at")
    try:
        child = rules.is_child(offender.date_of_birth, started_at)
    except ValueError:
        raise _refuse("offender", "This person's date of birth is after the start time.") from None
    police_station = place == PlaceOfSafety.POLICE_STATION
    if police_station and suite is None:
        raise _refuse("suite", "Say which custody suite is being used as the place of safety.")
    if suite is not None and suite.force_id != offender.force_id:
        raise _refuse("suite", "This suite belongs to another force.")
    with _rules():
        rules.check_place_of_safety(
            PlaceOfSafety(place),
            child=child,
            decided_by_rank=Rank(decided_by_rank),
            conditions=rules.PoliceStationConditions(
                imminent_risk_of_serious_injury_or_death=imminent_risk,
                no_other_place_of_safety=no_other_place,
                healthcare_professional_available=healthcare_professional_available,
            ),
            authorised_by_rank=Rank(authorised_by_rank) if authorised_by_rank else None,
        )
    if police_station and not reasons.strip():
        raise _refuse("reasons", "Record why a police station had to be used (SI 2017/1036 reg 2).")
    with transaction.atomic():
        record = S136Detention.objects.create(
            force_id=offender.force_id,
            offender=offender,
            place=place,
            suite=suite,
            started_at=started_at,
            decided_by_name=decided_by_name,
            decided_by_rank=decided_by_rank,
            authorised_by_name=authorised_by_name,
            authorised_by_rank=authorised_by_rank,
            imminent_risk=imminent_risk,
            no_other_place=no_other_place,
            healthcare_professional_available=healthcare_professional_available,
            reasons=reasons,
            is_child=child,
            limit_at=rules.s136_limit(started_at),
            recorded_by=by,
        )
        record_access(
            user=by,
            action=Action.CREATE,
            offender=offender,
            target=record,
            detail={"event": "s136"},
        )
        deadlines.open_deadline(
            kind=Kind.MHA_136_LIMIT,
            title=f"s.136 period ends: {suite.name if suite else 'place of safety'} (record {record.pk})",
            force=offender.force,
            due_at=record.limit_at,
            offender=offender,
            record=record,
            warning_leads=S136_WARNINGS,
            escalate_at=record.limit_at,
            owner_team=suite.team if suite else None,
            escalate_to_role=ESCALATE_TO,
        )
    return record


def extend_s136(
    *,
    record: S136Detention,
    authorised_at: dt.datetime,
    until: dt.datetime,
    extended_by_name: str,
    by_registered_medical_practitioner: bool,
    condition_prevents_assessment: bool,
    by,
    approved_by_name: str = "",
    approved_by_rank: str = "",
) -> S136Detention:
    _not_future(authorised_at, "authorised_at")
    with transaction.atomic():
        record = (
            S136Detention.objects.select_for_update().select_related("offender").get(pk=record.pk)
        )
        if record.ended_at is not None:
            raise _refuse("__all__", "This s.136 detention has ended.")
        previous = None
        if record.extended_at is not None and record.extended_until is not None:
            previous = rules.S136Extension(
                authorised_at=record.extended_at,
                until=record.extended_until,
                by_registered_medical_practitioner=True,
                condition_prevents_assessment=True,
            )
        extension = rules.S136Extension(
            authorised_at=authorised_at,
            until=until,
            by_registered_medical_practitioner=by_registered_medical_practitioner,
            condition_prevents_assessment=condition_prevents_assessment,
            superintendent_approval_rank=Rank(approved_by_rank) if approved_by_rank else None,
        )
        with _rules():
            rules.check_s136_extension(
                extension,
                start=record.started_at,
                place=PlaceOfSafety(record.place),
                previous=previous,
            )
        record.extended_at = authorised_at
        record.extended_until = until
        record.extended_by_name = extended_by_name
        record.extension_approved_by_name = approved_by_name
        record.extension_approved_by_rank = approved_by_rank
        record.limit_at = rules.s136_limit(record.started_at, extension)
        record.save()
        for deadline in deadlines.open_deadlines_for(record, Kind.MHA_136_LIMIT):
            deadlines.move_deadline(
                deadline=deadline, due_at=record.limit_at, escalate_at=record.limit_at
            )
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=record.offender,
            target=record,
            detail={"event": "s136_extension"},
        )
    return record


def end_s136(*, record: S136Detention, ended_at: dt.datetime, outcome: str, by) -> S136Detention:
    _not_future(ended_at, "ended_at")
    with transaction.atomic():
        record = (
            S136Detention.objects.select_for_update().select_related("offender").get(pk=record.pk)
        )
        if record.ended_at is not None:
            raise _refuse("__all__", "This s.136 detention has already ended.")
        if ended_at < record.started_at:
            raise _refuse("ended_at", "The detention cannot end before it started.")
        record.ended_at = ended_at
        record.end_outcome = outcome
        record.save(update_fields=["ended_at", "end_outcome"])
        deadlines.cancel_deadlines_for(record, at=ended_at)
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=record.offender,
            target=record,
            detail={"event": "s136_end"},
        )
    return record


def record_police_protection(
    *, detention: Detention, started_at: dt.datetime, by, notes: str = ""
) -> PoliceProtection:
    """A child in police protection (Children Act 1989 s.46) brought to the suite."""
    _not_future(started_at, "started_at")
    with transaction.atomic():
        detention = _locked(detention)
        if not detention.is_child:
            raise _refuse("__all__", "Police protection (Children Act 1989 s.46) is for children.")
        record = PoliceProtection.objects.create(
            detention=detention, started_at=started_at, notes=notes, recorded_by=by
        )
        _audit(by, Action.UPDATE, detention, target=record, event="police_protection")
    return record


def record_court_transport(
    *,
    detention: Detention,
    due_at: dt.datetime,
    left_at: dt.datetime,
    by,
    delay_cause: str = "",
) -> CourtTransport:
    """A remanded detainee's transport to court. Leaving after ``due_at`` is a delay and
    needs its cause; leaving on time has none."""
    _not_future(left_at, "left_at")
    with transaction.atomic():
        detention = _locked(detention)
        if left_at < detention.arrived_at:
            raise _refuse("left_at", "The detainee cannot leave before arriving in custody.")
        if left_at > due_at and not delay_cause:
            raise _refuse("delay_cause", "Choose the cause of the delay.")
        if left_at <= due_at and delay_cause:
            raise _refuse("delay_cause", "The detainee left on time: leave the cause empty.")
        if delay_cause and delay_cause not in CourtDelayCause.values:
            raise _refuse("delay_cause", "Choose a cause from the list.")
        record = CourtTransport.objects.create(
            detention=detention,
            due_at=due_at,
            left_at=left_at,
            delay_cause=delay_cause,
            recorded_by=by,
        )
        _audit(by, Action.UPDATE, detention, target=record, event="court_transport")
    return record

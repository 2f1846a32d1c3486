"""The only place domestic-abuse records are written (STYLE.md "Do" 4).

Keyword-only functions, one verb each, inside ``transaction.atomic``: lock what the change
depends on, check the rules (``domestic/rules.py``; a ``RuleViolation`` becomes a field
error), write, record the access-log row, then open, move or close the deadlines
(dapu_review through the shared cohort path, dvpn_hearing). An order made at a hearing is
recorded on the shared protective-order record by ``protection.services.make_order``.
Nothing here reads the clock: callers pass ``today`` and ``at``/``now``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import PolicingArea, Team, User
from accounts.roles import Role
from audit.models import Action
from audit.services import record_access
from cohorts import membership as cohort_membership
from core.calendar import end_of_day, local_date
from core.concurrency import bump_version, check_version
from core.dates import age_on
from core.rules import RuleViolation
from deadlines import services as deadlines
from deadlines.models import Kind
from domestic import rules
from domestic.choices import ContactKind, HearingResult, NoticeKind, SessionKind, Source, Stage
from domestic.models import Contact, Notice, ProgrammeEntry, Score, Session, StageMove
from offenders.models import Offender
from protection import services as protection_services

TEAM = "dapu"
LEAD_OFFICER_ROLES = {Role.DAPU_OFFICER, Role.SUPERVISOR}
LEAD_OFFICER_RULE = "The lead officer must be an active DAPU officer or supervisor of this force."
OPEN_ENTRY_MESSAGE = "This person is already on the programme list."
REVIEW_TITLE = "DAPU programme review due"
HEARING_TITLE = "DVPO/DAPO hearing due at the magistrates' court"
# MATAC meets every four weeks (DOMAIN.md §7): each person's place is reviewed as often.
REVIEW_EVERY = dt.timedelta(days=28)
REVIEW_WARNING = [dt.timedelta(days=7)]
HEARING_WARNINGS = [dt.timedelta(hours=12), dt.timedelta(hours=4)]


@contextmanager
def rule_errors() -> Iterator[None]:
    """A broken rule as the field-level ValidationError pages and the API show."""
    try:
        yield
    except RuleViolation as violation:
        raise ValidationError({violation.field: [violation.message]}) from None


def rfg_weights() -> dict[str, float]:
    """The force's RFG weights: settings.DAPU_RFG_WEIGHTS over the defaults (all 1)."""
    return rules.check_weights(getattr(settings, "DAPU_RFG_WEIGHTS", {}) or {})


def _not_future(field: str, day: dt.date | None, today: dt.date) -> None:
    if day is not None and day > today:
        raise ValidationError({field: ["The date cannot be in the future."]})


def _team(force) -> Team | None:
    return Team.objects.filter(force=force, code=TEAM).first()


def _check_area(area: PolicingArea | None, force) -> None:
    if area is not None and area.force_id != force.pk:
        raise ValidationError({"area": ["Choose a policing area of this force."]})


def _log(by, action: str, record, offender, request, **detail) -> None:
    record_access(
        user=by, action=action, offender=offender, target=record, request=request, detail=detail
    )


def schedule_review(entry: ProgrammeEntry, from_day: dt.date, at: dt.datetime) -> None:
    """The entry's next review, four weeks after ``from_day`` (opened or moved)."""
    cohort_membership.schedule_review(
        entry,
        due_at=end_of_day(from_day + REVIEW_EVERY),
        title=REVIEW_TITLE,
        warning_leads=REVIEW_WARNING,
        as_of=at,
    )


# --------------------------------------------------------------------------------------
# The programme
# --------------------------------------------------------------------------------------


def put_on_programme(
    *,
    offender: Offender,
    source: str,
    started_on: dt.date,
    lead_officer: User,
    by: User,
    today: dt.date,
    at: dt.datetime,
    area: PolicingArea | None = None,
    request=None,
) -> ProgrammeEntry:
    """Put a person on the programme list (to be scored), with a review every four weeks."""
    try:
        source = Source(source)
    except ValueError:
        raise ValidationError({"source": ["Choose where the person came from."]}) from None
    _not_future("started_on", started_on, today)
    if (
        not lead_officer.is_active
        or lead_officer.force_id != offender.force_id
        or not (lead_officer.is_superuser or lead_officer.has_role(*LEAD_OFFICER_ROLES))
    ):
        raise ValidationError({"lead_officer": [LEAD_OFFICER_RULE]})
    _check_area(area, offender.force)
    with transaction.atomic():
        offender = Offender.objects.select_for_update().get(pk=offender.pk)
        if ProgrammeEntry.objects.filter(offender=offender).open().exists():
            raise ValidationError({"offender": [OPEN_ENTRY_MESSAGE]})
        entry = ProgrammeEntry(
            force=offender.force,
            offender=offender,
            lead_officer=lead_officer,
            team=_team(offender.force),
            started_on=started_on,
            source=source,
            stage=Stage.TO_BE_SCORED,
            area=area or offender.home_area,
            created_by=by,
        )
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:
            raise ValidationError({"offender": [OPEN_ENTRY_MESSAGE]}) from None
        _log(by, Action.CREATE, entry, offender, request, dapu="on programme", source=source)
        schedule_review(entry, started_on, at)
    return entry


def _lock(entry: ProgrammeEntry, version: int | None) -> ProgrammeEntry:
    return cohort_membership.lock_open(entry, version)


def _last_move_on(entry: ProgrammeEntry) -> dt.date:
    last = entry.moves.order_by("-on", "-pk").values_list("on", flat=True).first()
    return last or entry.started_on


def move_stage(
    *,
    entry: ProgrammeEntry,
    stage: str,
    on: dt.date,
    by: User,
    today: dt.date,
    at: dt.datetime,
    note: str = "",
    version: int | None = None,
    request=None,
) -> StageMove:
    """Move the person on the stage diagram (``rules.MOVES``), keeping who, when and why. A
    final stage ends the entry (its review is cancelled); any other moves the review on."""
    _not_future("on", on, today)
    with transaction.atomic():
        entry = _lock(entry, version)
        with rule_errors():
            rules.check_move(from_stage=entry.stage, to_stage=stage, scored=entry.score is not None)
        if on < _last_move_on(entry):
            raise ValidationError(
                {"on": ["The move cannot be before the person's last move or entry."]}
            )
        move = StageMove.objects.create(
            entry=entry,
            from_stage=entry.stage,
            stage=stage,
            on=on,
            note=note.strip(),
            moved_by=by,
        )
        entry.stage = stage
        bump_version(entry, ["stage"])
        _log(by, Action.UPDATE, entry, entry.offender, request, stage=stage, on=on.isoformat())
        if Stage(stage) in rules.FINAL_STAGES:
            cohort_membership.end_membership(
                entry, ended_on=on, reason=stage, note=note, by=by, at=at, request=request
            )
        else:
            schedule_review(entry, on, at)
    return move


def score_entry(
    *,
    entry: ProgrammeEntry,
    recency: int,
    frequency: int,
    gravity: int,
    scored_on: dt.date,
    by: User,
    today: dt.date,
    version: int | None = None,
    request=None,
) -> Score:
    """Score the person (recency, frequency, gravity with the force's weights); the inputs,
    weights and result are kept, the latest shown on the entry."""
    _not_future("scored_on", scored_on, today)
    weights = rfg_weights()
    with rule_errors():
        value = rules.rfg_score(
            recency=recency, frequency=frequency, gravity=gravity, weights=weights
        )
    with transaction.atomic():
        entry = _lock(entry, version)
        if scored_on < entry.started_on:
            raise ValidationError({"scored_on": ["The score cannot be before the entry."]})
        score = Score.objects.create(
            entry=entry,
            recency=recency,
            frequency=frequency,
            gravity=gravity,
            weights=weights,
            score=Decimal(str(value)),
            scored_on=scored_on,
            scored_by=by,
        )
        entry.score = score.score
        entry.scored_on = scored_on
        bump_version(entry, ["score", "scored_on"])
        _log(by, Action.UPDATE, entry, entry.offender, request, score=str(value))
    return score


def record_session(
    *,
    entry: ProgrammeEntry,
    held_on: dt.date,
    kind: str,
    by: User,
    today: dt.date,
    notes: str = "",
    request=None,
) -> Session:
    """A behaviour-change session with an active person, held since they became active."""
    if kind not in SessionKind.values:
        raise ValidationError({"kind": ["Choose the kind of session."]})
    _not_future("held_on", held_on, today)
    with transaction.atomic():
        entry = _lock(entry, None)
        if entry.stage != Stage.ACTIVE:
            raise ValidationError({"held_on": ["Sessions are recorded for active people only."]})
        if held_on < _last_move_on(entry):
            raise ValidationError({"held_on": ["The session is before the person became active."]})
        session = Session.objects.create(
            entry=entry, held_on=held_on, kind=kind, notes=notes.strip(), recorded_by=by
        )
        _log(by, Action.UPDATE, session, entry.offender, request, session=kind)
    return session


def record_contact(
    *,
    entry: ProgrammeEntry,
    kind: str,
    contacted_on: dt.date,
    with_whom: str,
    summary: str,
    by: User,
    today: dt.date,
    request=None,
) -> Contact:
    """Contact with a partner agency or the victim, kept for the victim's safety."""
    if kind not in ContactKind.values:
        raise ValidationError({"kind": ["Choose who was contacted."]})
    _not_future("contacted_on", contacted_on, today)
    if not with_whom.strip():
        raise ValidationError({"with_whom": ["Say who was contacted."]})
    if not summary.strip():
        raise ValidationError({"summary": ["Say what was said or agreed."]})
    with transaction.atomic():
        entry = ProgrammeEntry.objects.select_for_update().get(pk=entry.pk)
        contact = Contact.objects.create(
            entry=entry,
            kind=kind,
            contacted_on=contacted_on,
            with_whom=with_whom.strip(),
            summary=summary.strip(),
            recorded_by=by,
        )
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=entry.offender,
            target=contact,
            request=request,
            purpose="Victim safety",
            detail={"contact": kind},
        )
    return contact


# --------------------------------------------------------------------------------------
# Notices and hearings
# --------------------------------------------------------------------------------------


def give_notice(
    *,
    offender: Offender,
    kind: str,
    given_at: dt.datetime,
    authorised_by_name: str,
    authorised_by_rank: str,
    by: User,
    now: dt.datetime,
    victim_age: int | None = None,
    conditions: Sequence[str] = (),
    area: PolicingArea | None = None,
    request=None,
) -> Notice:
    """Record a DVPN or DAPN; the hearing deadline (48 hours, disregarded days left out) is
    opened to the DAPU team with warnings."""
    try:
        kind = NoticeKind(kind)
    except ValueError:
        raise ValidationError({"kind": ["Choose DVPN or DAPN."]}) from None
    if given_at > now:
        raise ValidationError({"given_at": ["The notice cannot be given in the future."]})
    if not authorised_by_name.strip():
        raise ValidationError({"authorised_by": ["Give the authorising officer's name."]})
    _check_area(area, offender.force)
    items = [c.strip() for c in conditions if c and c.strip()]
    if any(len(c) > 1000 for c in items):
        raise ValidationError({"conditions": ["Each condition is at most 1000 characters."]})
    with rule_errors():
        rules.check_notice(
            kind=kind,
            rank=authorised_by_rank,
            person_age=age_on(offender.date_of_birth, local_date(given_at)),
            victim_age=victim_age,
        )
    due = rules.hearing_due_by(given_at)
    with transaction.atomic():
        notice = Notice.objects.create(
            force=offender.force,
            offender=offender,
            kind=kind,
            given_at=given_at,
            authorised_by_name=authorised_by_name.strip(),
            authorised_by_rank=authorised_by_rank,
            victim_age=victim_age,
            conditions=items,
            area=area or offender.home_area,
            hearing_due_by=due,
            created_by=by,
        )
        _log(by, Action.CREATE, notice, offender, request, notice=str(kind))
        deadlines.open_deadline(
            kind=Kind.DVPN_HEARING,
            title=HEARING_TITLE,
            force=offender.force,
            due_at=due,
            offender=offender,
            record=notice,
            warning_leads=HEARING_WARNINGS,
            owner_user=by,
            owner_team=_team(offender.force),
            as_of=now,
        )
    return notice


def record_hearing(
    *,
    notice: Notice,
    heard_at: dt.datetime,
    result: str,
    by: User,
    now: dt.datetime,
    ends_on: dt.date | None = None,
    until_further_order: bool = False,
    electronic_monitoring_until: dt.date | None = None,
    court: str = "",
    version: int | None = None,
    request=None,
) -> Notice:
    """The magistrates' court's decision. An order made goes on the shared protective-order
    record (DVPO or DAPO, its length checked); the hearing deadline is met (or missed, if
    late). An adjourned hearing leaves the notice in force awaiting the next one."""
    try:
        result = HearingResult(result)
    except ValueError:
        raise ValidationError({"result": ["Choose the hearing's result."]}) from None
    if heard_at > now:
        raise ValidationError({"heard_at": ["The hearing cannot be in the future."]})
    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("offender").get(pk=notice.pk)
        if version is not None:
            check_version(notice, version)
        if not notice.awaiting_hearing:
            raise ValidationError({"result": ["The hearing's result is already recorded."]})
        with rule_errors():
            rules.check_hearing(
                kind=notice.kind,
                given_at=notice.given_at,
                heard_at=heard_at,
                result=result,
                ends_on=ends_on,
                until_further_order=until_further_order,
                electronic_monitoring_until=electronic_monitoring_until,
            )
        if result == HearingResult.ORDER_MADE:
            notice.order = protection_services.make_order(
                offender=notice.offender,
                kind=rules.ORDER_FOR_NOTICE[NoticeKind(notice.kind)],
                made_on=local_date(heard_at),
                ends_on=ends_on,
                until_further_order=until_further_order,
                prohibitions=notice.conditions,
                court=court,
                area=notice.area,
                by=by,
                today=local_date(now),
                request=request,
            )
            notice.electronic_monitoring_until = electronic_monitoring_until
        notice.heard_at = heard_at
        notice.result = result
        bump_version(notice, ["heard_at", "result", "order", "electronic_monitoring_until"])
        _log(by, Action.UPDATE, notice, notice.offender, request, hearing=str(result))
        for deadline in deadlines.open_deadlines_for(notice, Kind.DVPN_HEARING):
            deadlines.meet_deadline(deadline=deadline, at=heard_at)
    return notice

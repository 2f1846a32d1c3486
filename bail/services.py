"""Every write to a bail or RUI case (DOMAIN.md §2).

Keyword-only functions, one per domain verb, each atomic: lock what the change depends on,
apply the rules (``bail.rules``; a ``RuleViolation`` becomes a field-level
``ValidationError``), write, audit, then open/move/close the case's deadlines.

Deadlines. A bail case has one ``bail_period_end`` deadline due at 23:59:59 on the last day
of the period, owned by the force's Bail Management Team and the officer in the case, with
warnings at ``BAIL_WARNING_LEAD_DAYS`` (default 14 and 3 days) and escalation to a
supervisor. An extension moves it. An outcome closes it (met if recorded within the period,
missed otherwise). A lapse leaves it open, so the overdue notice and escalation go out, until
the lapse is assessed. An RUI case has one ``rui_review`` deadline every
``BAIL_RUI_REVIEW_DAYS`` (default 90); recording a review moves it.

Lapses. Bail past its period end is lapsed in law at once (``BailCase.state_on``); the
nightly ``bail.tasks.mark_lapsed`` records it (``record_lapses``), and every service that
changes a case records an unrecorded lapse first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import Team
from accounts.ranks import Rank
from audit.models import AccessEvent
from audit.services import access_event, record_access, record_accesses
from bail import rules
from bail.choices import FINAL_OUTCOMES, Agency, CaseStatus, EndReason, LapseDecision
from bail.models import (
    BailCase,
    BailCondition,
    BailEnd,
    BailExtension,
    ConditionVariation,
    LapseAssessment,
    RuiReview,
    VictimViews,
)
from core.calendar import end_of_day, local_date
from core.concurrency import bump_version, check_version
from deadlines import services as deadlines
from deadlines.models import Kind

BAIL_TEAM_CODE = "bail-management"

# Where a RuleViolation's field is not the name of an API input, the input it is about.
_API_FIELDS = {
    "authoriser_rank": "authorised_by",
    "extensions_so_far": "authority",
    "current_period_ends": "authority",
    "regime": "non_field_errors",
}


def warning_lead_days() -> tuple[int, ...]:
    return tuple(settings.BAIL_WARNING_LEAD_DAYS)


def rui_review_days() -> int:
    return settings.BAIL_RUI_REVIEW_DAYS


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _refusal(error: rules.RuleViolation) -> ValidationError:
    field = _API_FIELDS.get(error.field, error.field)
    return _refuse("__all__" if field == "non_field_errors" else field, error.message)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _not_in_future(field: str, day: dt.date, today: dt.date) -> None:
    if day > today:
        raise _refuse(field, f"This date cannot be in the future (today is {_day(today)}).")


def _known(day: dt.date | None) -> dt.date:
    """A date the case's status guarantees (database constraints ``bail_case_has_its_dates``
    and ``bail_rui_case_has_its_dates``)."""
    if day is None:
        raise AssertionError("a date this status requires is missing")
    return day


def _locked(case: BailCase) -> BailCase:
    return BailCase.objects.select_for_update().get(pk=case.pk)


# --- Deadlines ----------------------------------------------------------------------------


def _bail_team(force) -> Team | None:
    return Team.objects.filter(force=force, code=BAIL_TEAM_CODE).first()


def _leads() -> list[dt.timedelta]:
    return [dt.timedelta(days=days) for days in warning_lead_days()]


def _open_bail_deadline(case: BailCase, now: dt.datetime) -> None:
    deadlines.open_deadline(
        kind=Kind.BAIL_PERIOD_END,
        title=f"Pre-charge bail ends: case {case.reference}",
        force=case.force,
        due_at=end_of_day(_known(case.bail_period_ends)),
        offender=case.offender,
        record=case,
        warning_leads=_leads(),
        owner_team=_bail_team(case.force),
        owner_user=case.officer_in_case,
        escalate_to_role="supervisor",
        as_of=now,  # the service's clock: a case recorded late is judged by it, not the wall
    )


def _open_rui_deadline(case: BailCase, now: dt.datetime) -> None:
    deadlines.open_deadline(
        kind=Kind.RUI_REVIEW,
        title=f"Released under investigation review: case {case.reference}",
        force=case.force,
        due_at=end_of_day(_known(case.next_rui_review_due)),
        offender=case.offender,
        record=case,
        warning_leads=_leads(),
        owner_team=_bail_team(case.force),
        owner_user=case.officer_in_case,
        escalate_to_role="supervisor",
        as_of=now,  # the service's clock: a case recorded late is judged by it, not the wall
    )


def _close_deadlines(case: BailCase, kind: str, *, on: dt.date, met: bool) -> None:
    """Close the case's open deadlines of ``kind``: met (or missed, if late) or cancelled."""
    at = end_of_day(on)
    for deadline in deadlines.open_deadlines_for(case, kind):
        if met:
            deadlines.meet_deadline(deadline=deadline, at=at)
        else:
            deadlines.cancel_deadline(deadline=deadline, at=at)


# --- Opening a case -------------------------------------------------------------------------


def _clean_conditions(conditions: Iterable[Mapping[str, object]]) -> list[rules.Condition]:
    cleaned = []
    for number, condition in enumerate(conditions, start=1):
        text = str(condition.get("text", "")).strip()
        if not text:
            raise _refuse("conditions", f"Condition {number} has no text.")
        if len(text) > 500:
            raise _refuse("conditions", f"Condition {number} is longer than 500 characters.")
        cleaned.append(rules.Condition(text, bool(condition.get("protects_victim", False))))
    return cleaned


def _check_victim_views(
    conditions: Sequence[rules.Condition], victim_views: Mapping[str, object] | None
) -> dict[str, object] | None:
    """Apply the victim-views rule; the views to store, or None when there are none."""
    views = dict(victim_views or {})
    sought = bool(views.get("sought", False))
    text = str(views.get("views", "") or "").strip()
    reason = str(views.get("not_practicable_reason", "") or "").strip()
    try:
        rules.validate_victim_views(conditions, sought, text, reason)
    except rules.RuleViolation as error:
        raise _refusal(error) from None
    if (sought and text) or reason:
        return {"sought": sought, "views": text, "not_practicable_reason": reason}
    return None


def _add_conditions(
    case: BailCase,
    variation: ConditionVariation,
    conditions: Sequence[rules.Condition],
    victim_views: Mapping[str, object] | None,
) -> None:
    bulk_create_with_history(
        [
            BailCondition(
                case=case,
                text=condition.text,
                protects_victim=condition.protects_victim,
                added_on=variation.varied_on,
                added_by_variation=variation,
            )
            for condition in conditions
        ],
        BailCondition,
    )
    if victim_views is not None:
        VictimViews.objects.create(case=case, variation=variation, **victim_views)


@transaction.atomic
def open_case(
    *,
    offender,
    arrested_on: dt.date,
    status: str,
    by,
    now: dt.datetime,
    officer_in_case=None,
    agency: str = Agency.POLICE,
    offence: str = "",
    offence_type=None,
    district=None,
    designated_case: bool = False,
    conditions: Iterable[Mapping[str, object]] = (),
    victim_views: Mapping[str, object] | None = None,
    return_date: dt.date | None = None,
    return_date_reason: str = "",
) -> BailCase:
    """Record a release on pre-charge bail or under investigation after an arrest.

    Computes the regime, bail start date, period end and return date from the rules
    (PACE ss.47ZA-47ZB) and opens the case's reminder deadline.
    """
    today = local_date(now)
    if status not in (CaseStatus.BAIL, CaseStatus.RUI):
        raise _refuse("status", "Choose bail or rui.")
    _not_in_future("arrested_on", arrested_on, today)
    try:
        chosen_regime = rules.regime(arrested_on)
        rules.is_agency_case(agency)
    except rules.RuleViolation as error:
        raise _refusal(error) from None
    if officer_in_case is not None and officer_in_case.force_id != offender.force_id:
        raise _refuse("officer_in_case", "The officer in the case must be in the person's force.")
    if district is not None and district.force_id != offender.force_id:
        raise _refuse("district", "The district must be one of the person's force's areas.")
    cleaned = _clean_conditions(conditions)
    if status == CaseStatus.RUI and cleaned:
        raise _refuse(
            "conditions",
            "A person released under investigation cannot be given conditions; only "
            "pre-charge bail has conditions (DOMAIN.md §2.2).",
        )
    stored_views = _check_victim_views(cleaned, victim_views)

    case = BailCase(
        force=offender.force,
        offender=offender,
        officer_in_case=officer_in_case,
        arrested_on=arrested_on,
        offence=offence.strip()[:300],
        offence_type=offence_type,
        district=district,
        status=status,
        agency=agency,
        regime=chosen_regime,
        designated_case=designated_case,
        created_at=now,
        created_by=by,
    )
    if status == CaseStatus.BAIL:
        grant = rules.initial_bail(arrested_on=arrested_on, agency=agency)
        case.bail_start_date = grant.bail_start_date
        case.bail_period_ends = grant.bail_period_ends
        try:
            case.return_date = rules.return_date(
                bail_start=grant.bail_start_date,
                period_ends=grant.bail_period_ends,
                requested=return_date,
                reason_for_earlier_date=return_date_reason,
            )
        except rules.RuleViolation as error:
            raise _refusal(error) from None
    else:
        if return_date is not None:
            raise _refuse("return_date", "Released under investigation has no return date.")
        case.rui_since = arrested_on
        case.next_rui_review_due = rules.rui_review_due(arrested_on, rui_review_days())
    case.save()

    if cleaned:
        variation = ConditionVariation.objects.create(
            case=case,
            varied_on=_known(case.bail_start_date),
            reason="Conditions on the grant of bail",
            created_at=now,
            created_by=by,
        )
        _add_conditions(case, variation, cleaned, stored_views)

    record_access(
        user=by,
        action="create",
        offender=offender,
        target=case,
        detail={"status": status, "regime": chosen_regime, "agency": agency},
    )
    if status == CaseStatus.BAIL:
        _open_bail_deadline(case, now)
        if case.state_on(today) == CaseStatus.LAPSED:
            _record_lapse(case, by=by)
    else:
        _open_rui_deadline(case, now)
    return case


# --- Extensions -------------------------------------------------------------------------------


@transaction.atomic
def extend_bail(
    *,
    case: BailCase,
    authority: str,
    decided_on: dt.date,
    authorised_by_name: str,
    authorised_by_rank: str | None,
    by,
    now: dt.datetime,
    designated_case: bool = False,
    section_47zf7_case: bool = False,
    version: int | None = None,
) -> BailExtension:
    """Extend the applicable bail period (PACE ss.47ZD-47ZG); moves the reminder.

    A decision made on or before the last day may be recorded after it, even once the
    lapse has been recorded, as long as the lapse has not yet been assessed.
    """
    case = _locked(case)
    if version is not None:
        check_version(case, version)
    today = local_date(now)
    if case.status == CaseStatus.RUI:
        raise _refuse("__all__", "Released under investigation has no bail period to extend.")
    if case.status == CaseStatus.ENDED:
        raise _refuse("__all__", "This case has ended; its bail cannot be extended.")
    if case.status == CaseStatus.LAPSED and case.lapse_assessments.exists():
        raise _refuse("__all__", "This bail lapsed and the lapse has been assessed.")
    _not_in_future("decided_on", decided_on, today)
    name = authorised_by_name.strip()
    if not name:
        raise _refuse("authorised_by", "Record who authorised the extension.")
    previous = list(case.extensions.order_by("decided_on", "pk"))
    if previous and decided_on < previous[-1].decided_on:
        raise _refuse(
            "decided_on",
            f"The last extension was decided on {_day(previous[-1].decided_on)}; a later "
            "extension cannot be dated before it.",
        )
    designated = designated_case or case.designated_case
    try:
        if authorised_by_rank not in (None, ""):
            Rank(authorised_by_rank)
        new_end = rules.next_extension(
            regime=case.regime,
            agency=case.agency,
            arrested_on=case.arrested_on,
            extensions_so_far=[extension.authority for extension in previous],
            authority=authority,
            authoriser_rank=authorised_by_rank or None,
            decided_on=decided_on,
            current_period_ends=_known(case.bail_period_ends),
            designated_case=designated,
            section_47zf7_case=section_47zf7_case,
        )
    except ValueError as error:
        if isinstance(error, rules.RuleViolation):
            raise _refusal(error) from None
        raise _refuse("authorised_by", f"{authorised_by_rank!r} is not a rank.") from None

    extension = BailExtension.objects.create(
        case=case,
        authority=authority,
        decided_on=decided_on,
        authorised_by_name=name[:150],
        authorised_by_rank=authorised_by_rank or "",
        designated_case=designated,
        previous_end=_known(case.bail_period_ends),
        new_end=new_end,
        created_at=now,
        created_by=by,
    )
    case.bail_period_ends = new_end
    case.return_date = new_end
    case.designated_case = designated
    case.status = CaseStatus.BAIL
    case.lapsed_on = None
    bump_version(
        case,
        ["bail_period_ends", "return_date", "designated_case", "status", "lapsed_on", "updated_at"],
    )
    record_access(
        user=by,
        action="update",
        offender=case.offender,
        target=case,
        detail={"extension": authority, "bail_period_ends": new_end.isoformat()},
    )
    open_deadline = deadlines.open_deadlines_for(case, Kind.BAIL_PERIOD_END).first()
    if open_deadline is None:
        _open_bail_deadline(case, now)
    else:
        deadlines.move_deadline(deadline=open_deadline, due_at=end_of_day(new_end))
    return extension


# --- Conditions ------------------------------------------------------------------------------


@transaction.atomic
def vary_conditions(
    *,
    case: BailCase,
    varied_on: dt.date,
    by,
    now: dt.datetime,
    add: Iterable[Mapping[str, object]] = (),
    remove: Iterable[int] = (),
    reason: str = "",
    victim_views: Mapping[str, object] | None = None,
    victim_told: bool | None = None,
    version: int | None = None,
) -> ConditionVariation:
    """Impose, vary or remove conditions. Removed conditions stay on the record.

    Changing a condition that protects the victim needs the victim's views (or why they
    could not reasonably be sought) and a note of whether the victim was told.
    """
    case = _locked(case)
    if version is not None:
        check_version(case, version)
    today = local_date(now)
    if case.state_on(today) != CaseStatus.BAIL:
        raise _refuse("__all__", "Conditions can only be varied while the person is on bail.")
    _not_in_future("varied_on", varied_on, today)
    # From the day bail was granted: a release today starts the bail period tomorrow, but
    # its conditions already bind and may be varied today.
    earliest = min(_known(case.bail_start_date), local_date(case.created_at))
    if varied_on < earliest:
        raise _refuse("varied_on", f"Bail was granted on {_day(earliest)}.")
    added = _clean_conditions(add)
    remove_ids = {int(pk) for pk in remove}
    in_force = {c.pk: c for c in case.conditions.filter(removed_on=None)}
    unknown = remove_ids - set(in_force)
    if unknown:
        raise _refuse("remove", "Choose conditions that are in force on this case.")
    if not added and not remove_ids:
        raise _refuse("add", "Add a condition or choose one to remove.")
    removed = [in_force[pk] for pk in sorted(remove_ids)]
    if any(c.added_on > varied_on for c in removed):
        raise _refuse("varied_on", "A condition cannot be removed before it was imposed.")
    changed = added + [rules.Condition(c.text, c.protects_victim) for c in removed]
    stored_views = _check_victim_views(changed, victim_views)
    touches_victim = any(c.protects_victim for c in changed)
    if touches_victim and victim_told is None:
        raise _refuse(
            "victim_told",
            "Say whether the victim was told of the variation (PCSC Act 2022 Sch 4 Part 3).",
        )

    variation = ConditionVariation.objects.create(
        case=case,
        varied_on=varied_on,
        reason=reason.strip()[:500],
        victim_told=victim_told if touches_victim else None,
        created_at=now,
        created_by=by,
    )
    _add_conditions(case, variation, added, stored_views)
    for condition in removed:
        condition.removed_on = varied_on
        condition.removed_by_variation = variation
        condition.save(update_fields=["removed_on", "removed_by_variation"])
    bump_version(case, ["updated_at"])
    record_access(
        user=by,
        action="update",
        offender=case.offender,
        target=case,
        detail={"conditions_added": len(added), "conditions_removed": len(removed)},
    )
    return variation


# --- Lapses, ends and RUI -----------------------------------------------------------------------


LAPSE_TASK = "bail.tasks.mark_lapsed"
_LAPSE_BATCH = 500


def _mark_lapsed(case: BailCase) -> None:
    case.status = CaseStatus.LAPSED
    case.lapsed_on = _known(case.bail_period_ends) + dt.timedelta(days=1)


def _lapse_event(case: BailCase, by) -> AccessEvent:
    """The access-log row of a lapse: the officer whose action found it, else the task."""
    return access_event(
        user=by,
        username="" if by is not None else LAPSE_TASK,
        action="update",
        offender=case.offender,
        target=case,
        detail={"lapsed_on": _known(case.lapsed_on).isoformat()},
    )


def _record_lapse(case: BailCase, *, by) -> None:
    """Record that bail lapsed the day after its period ended, found by ``by``'s action.
    Caller holds the lock."""
    _mark_lapsed(case)
    bump_version(case, ["status", "lapsed_on", "updated_at"])
    record_accesses([_lapse_event(case, by)])


def record_lapses(*, now: dt.datetime) -> int:
    """Record every bail period that ended with no extension or outcome (the nightly task).

    Idempotent: the cases are locked and re-checked in one read, so a case is recorded once
    however often this runs. The cost does not grow with the number of cases: one locked
    read, one UPDATE, one INSERT of history and one of the access log per 500 cases.
    """
    today = local_date(now)
    recorded = 0
    with transaction.atomic():
        cases = list(
            BailCase.objects.lapse_unrecorded(today)
            .select_for_update(of=("self",))
            .select_related("offender")
            .order_by("pk")
        )
        for start in range(0, len(cases), _LAPSE_BATCH):
            batch = cases[start : start + _LAPSE_BATCH]
            for case in batch:
                _mark_lapsed(case)
                case.version += 1
                case.updated_at = now
            bulk_update_with_history(
                batch,
                BailCase,
                ["status", "lapsed_on", "version", "updated_at"],
                batch_size=_LAPSE_BATCH,
                default_date=now,
            )
            record_accesses([_lapse_event(case, None) for case in batch])
            recorded += len(batch)
    return recorded


def _start_rui(case: BailCase, since: dt.date, now: dt.datetime) -> None:
    case.status = CaseStatus.RUI
    case.rui_since = since
    case.next_rui_review_due = rules.rui_review_due(since, rui_review_days())
    _open_rui_deadline(case, now)


@transaction.atomic
def end_case(
    *,
    case: BailCase,
    ended_on: dt.date,
    reason: str,
    by,
    now: dt.datetime,
    rationale: str = "",
    version: int | None = None,
) -> BailEnd:
    """End bail or RUI with an outcome, continue bail as RUI, or record that bail lapsed.

    On a lapsed case this is the lapse assessment: ``converted_to_rui`` continues as RUI,
    an outcome closes the case; either needs the rationale.
    """
    case = _locked(case)
    if version is not None:
        check_version(case, version)
    today = local_date(now)
    if case.status == CaseStatus.ENDED:
        raise _refuse("__all__", "This case has already ended.")
    if case.state_on(today) == CaseStatus.LAPSED and case.status == CaseStatus.BAIL:
        _record_lapse(case, by=by)
    from_status = case.status
    _not_in_future("ended_on", ended_on, today)
    try:
        chosen = rules.check_end(
            status=CaseStatus.RUI if from_status == CaseStatus.RUI else CaseStatus.BAIL,
            reason=reason,
            started_on=case.arrested_on,
            ended_on=ended_on,
        )
    except rules.RuleViolation as error:
        raise _refusal(error) from None
    rationale = rationale.strip()

    if chosen == EndReason.LAPSED:
        if from_status == CaseStatus.LAPSED:
            raise _refuse(
                "reason",
                "The lapse is already recorded: continue as RUI or close with an outcome.",
            )
        raise _refuse(
            "reason",
            f"Bail runs until {_day(_known(case.bail_period_ends))}; it has not lapsed. Extend "
            "it, or record an outcome.",
        )
    if from_status == CaseStatus.LAPSED:
        lapsed_on = _known(case.lapsed_on)
        if not rationale:
            raise _refuse(
                "rationale",
                "Record the rationale for continuing as RUI or closing the lapsed case.",
            )
        if ended_on < lapsed_on:
            raise _refuse("ended_on", f"Bail lapsed on {_day(lapsed_on)}.")
    if chosen == EndReason.CONVERTED_TO_RUI and not rationale:
        raise _refuse("rationale", "Record why the person is to be released under investigation.")
    if from_status == CaseStatus.BAIL:
        # Unreachable while the lapse is recorded first (above); kept as the rule's guard.
        period_ends = _known(case.bail_period_ends)
        if ended_on > period_ends:
            raise _refuse(
                "ended_on",
                f"Bail ended on {_day(period_ends)}; an outcome after that is recorded on the "
                "lapsed case.",
            )
    if from_status == CaseStatus.RUI:
        rui_since = _known(case.rui_since)
        if ended_on < rui_since:
            raise _refuse("ended_on", f"RUI started on {_day(rui_since)}.")

    end = BailEnd.objects.create(
        case=case,
        ended_on=ended_on,
        reason=chosen,
        rationale=rationale,
        from_status=from_status,
        created_at=now,
        created_by=by,
    )
    if from_status == CaseStatus.LAPSED:
        LapseAssessment.objects.create(
            case=case,
            lapsed_on=_known(case.lapsed_on),
            decided_on=ended_on,
            decision=(
                LapseDecision.CONTINUE_RUI
                if chosen == EndReason.CONVERTED_TO_RUI
                else LapseDecision.CLOSE
            ),
            outcome="" if chosen == EndReason.CONVERTED_TO_RUI else chosen,
            rationale=rationale,
            created_at=now,
            created_by=by,
        )
    fields = ["status", "updated_at"]
    if from_status in (CaseStatus.BAIL, CaseStatus.LAPSED):
        # Met if recorded by the last day of the period, missed after a lapse.
        _close_deadlines(case, Kind.BAIL_PERIOD_END, on=ended_on, met=True)
    if chosen == EndReason.CONVERTED_TO_RUI:
        _start_rui(case, ended_on, now)
        fields += ["rui_since", "next_rui_review_due"]
    else:
        if from_status == CaseStatus.RUI:
            _close_deadlines(case, Kind.RUI_REVIEW, on=ended_on, met=False)
        case.status = CaseStatus.ENDED
        case.ended_on = ended_on
        case.outcome = chosen
        fields += ["ended_on", "outcome"]
    bump_version(case, fields)
    record_access(
        user=by,
        action="update",
        offender=case.offender,
        target=case,
        detail={"ended": chosen, "from": from_status},
    )
    return end


def assess_lapse(
    *,
    case: BailCase,
    decision: str,
    decided_on: dt.date,
    rationale: str,
    by,
    now: dt.datetime,
    outcome: str = "",
    version: int | None = None,
) -> BailEnd:
    """The Bail Management Team's lapse assessment: continue as RUI, or close with an
    outcome. The same record as ``end_case`` on a lapsed case."""
    reason: str
    if decision == LapseDecision.CONTINUE_RUI:
        reason = EndReason.CONVERTED_TO_RUI
    elif decision == LapseDecision.CLOSE:
        if outcome not in FINAL_OUTCOMES:
            raise _refuse("outcome", "Choose the outcome the case closes with.")
        reason = outcome
    else:
        raise _refuse("decision", "Choose whether to continue as RUI or close the case.")
    with transaction.atomic():
        locked = _locked(case)
        if locked.state_on(local_date(now)) != CaseStatus.LAPSED:
            raise _refuse("__all__", "Only a lapsed bail case needs a lapse assessment.")
        return end_case(
            case=locked,
            ended_on=decided_on,
            reason=reason,
            rationale=rationale,
            by=by,
            now=now,
            version=version,
        )


@transaction.atomic
def record_rui_review(
    *,
    case: BailCase,
    reviewed_on: dt.date,
    notes: str,
    by,
    now: dt.datetime,
    version: int | None = None,
) -> RuiReview:
    """Record a review of an RUI case; the next review falls due one interval later."""
    case = _locked(case)
    if version is not None:
        check_version(case, version)
    if case.status != CaseStatus.RUI:
        raise _refuse("__all__", "Only a case released under investigation has RUI reviews.")
    _not_in_future("reviewed_on", reviewed_on, local_date(now))
    rui_since = _known(case.rui_since)
    if reviewed_on < rui_since:
        raise _refuse("reviewed_on", f"RUI started on {_day(rui_since)}.")
    last = case.rui_reviews.order_by("-reviewed_on").first()
    if last is not None and reviewed_on < last.reviewed_on:
        raise _refuse("reviewed_on", f"The last review was on {_day(last.reviewed_on)}.")
    notes = notes.strip()
    if not notes:
        raise _refuse("notes", "Record what the review found and what happens next.")
    next_due = rules.rui_review_due(reviewed_on, rui_review_days())
    review = RuiReview.objects.create(
        case=case,
        reviewed_on=reviewed_on,
        notes=notes,
        next_review_due=next_due,
        created_at=now,
        created_by=by,
    )
    case.next_rui_review_due = next_due
    bump_version(case, ["next_rui_review_due", "updated_at"])
    record_access(
        user=by,
        action="update",
        offender=case.offender,
        target=case,
        detail={"rui_review": reviewed_on.isoformat()},
    )
    open_deadline = deadlines.open_deadlines_for(case, Kind.RUI_REVIEW).first()
    if open_deadline is None:
        _open_rui_deadline(case, now)
    else:
        deadlines.move_deadline(deadline=open_deadline, due_at=end_of_day(next_due))
    return review


@transaction.atomic
def hand_over_cases(*, from_user, to_user, by) -> int:
    """A leaver's open bail and RUI cases go to the officer taking over their work.

    Each case is saved with its history and a new version (an edit begun before the
    hand-over is refused, not silently applied) and logged against the person.
    """
    cases = list(
        BailCase.objects.open()
        .filter(officer_in_case=from_user)
        .select_for_update(of=("self",))
        .select_related("offender")
        .order_by("pk")
    )
    for case in cases:
        case.officer_in_case = to_user
        bump_version(case, ["officer_in_case"])
        record_access(
            user=by,
            action="update",
            offender=case.offender,
            target=case,
            detail={"handed_over_from": from_user.username, "to": to_user.username},
        )
    return len(cases)

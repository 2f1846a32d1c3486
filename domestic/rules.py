"""Domestic-abuse rules (DOMAIN.md §7): the 48-hour hearing deadline, who may give a notice,
order lengths, the programme's stage diagram, the RFG score and the funnel's figures.

Pure: no database, no clock. Callers pass instants (aware), dates, ranks and counts in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from accounts.ranks import Rank, rank_at_least
from core.calendar import add_hours_disregarding_days, local_date, period_end_months
from core.rules import RuleViolation
from domestic.choices import HearingResult, NoticeKind, Stage
from protection.choices import OrderKind
from protection.rules import check_order_length

# --------------------------------------------------------------------------------------
# Notices and the hearing (Crime and Security Act 2010 ss.24-28; Domestic Abuse Act 2021
# ss.22-29)
# --------------------------------------------------------------------------------------

HEARING_HOURS = 48


def hearing_due_by(given_at: dt.datetime) -> dt.datetime:
    """The latest instant the magistrates' court may hear the application: 48 hours of
    elapsed time from the notice, Sundays, Christmas Day, Good Friday and E&W bank holidays
    disregarded (DA Act 2021 s.29(3); the same rule is applied to DVPNs, CSA 2010 s.27 —
    UNCONFIRMED). Elapsed time, so across a clock change the wall-clock time moves an hour."""
    return add_hours_disregarding_days(given_at, HEARING_HOURS)


@dataclass(frozen=True)
class NoticeRule:
    minimum_rank: Rank
    source: str
    victim_minimum_age: int | None = None


NOTICE_RULES: Mapping[NoticeKind, NoticeRule] = MappingProxyType(
    {
        NoticeKind.DVPN: NoticeRule(
            minimum_rank=Rank.SUPERINTENDENT,
            source="Crime and Security Act 2010 s.24: a superintendent or above",
        ),
        NoticeKind.DAPN: NoticeRule(
            minimum_rank=Rank.INSPECTOR,
            victim_minimum_age=16,
            source="Domestic Abuse Act 2021 s.22: an inspector or above",
        ),
    }
)
PERSON_MINIMUM_AGE = 18
ORDER_FOR_NOTICE: Mapping[NoticeKind, OrderKind] = MappingProxyType(
    {NoticeKind.DVPN: OrderKind.DVPO, NoticeKind.DAPN: OrderKind.DAPO}
)
ELECTRONIC_MONITORING_MAX_MONTHS = 12


def check_notice(*, kind: str, rank: str, person_age: int, victim_age: int | None) -> None:
    """Refuse a notice the law does not allow: the authorising rank, the person's age (18+)
    and, for a DAPN, the victim's (16+). Raises RuleViolation naming the rule."""
    notice = NoticeKind(kind)
    rule = NOTICE_RULES[notice]
    try:
        senior_enough = rank_at_least(rank, rule.minimum_rank)
    except ValueError:
        raise RuleViolation("authorised_by", "Choose the authorising officer's rank.") from None
    if not senior_enough:
        raise RuleViolation(
            "authorised_by",
            f"A {notice.name} must be authorised by {rule.source.split(': ')[1]} ({rule.source}).",
        )
    if person_age < PERSON_MINIMUM_AGE:
        raise RuleViolation(
            "offender",
            f"A {notice.name} can only be given to a person aged 18 or over ({rule.source.split(':')[0]}).",
        )
    if rule.victim_minimum_age is not None:
        if victim_age is None:
            raise RuleViolation("victim_age", "Give the victim's age.")
        if victim_age < rule.victim_minimum_age:
            raise RuleViolation(
                "victim_age",
                f"A {notice.name} protects a victim aged {rule.victim_minimum_age} or over "
                "(Domestic Abuse Act 2021 s.22(1)).",
            )


def check_hearing(
    *,
    kind: str,
    given_at: dt.datetime,
    heard_at: dt.datetime,
    result: str,
    ends_on: dt.date | None,
    until_further_order: bool = False,
    electronic_monitoring_until: dt.date | None = None,
) -> None:
    """Refuse a hearing result the law does not allow: heard before the notice, an order
    without the length the law allows (DVPO 14 to 28 days; DAPO as the court sets, electronic
    monitoring at most 12 months), or order details on a result that made no order."""
    notice = NoticeKind(kind)
    outcome = HearingResult(result)
    if heard_at < given_at:
        raise RuleViolation("heard_at", "The hearing cannot be before the notice was given.")
    if outcome != HearingResult.ORDER_MADE:
        if ends_on is not None or until_further_order or electronic_monitoring_until:
            raise RuleViolation("ends_on", "Only an order made has an end date.")
        return
    made_on = local_date(heard_at)
    order = ORDER_FOR_NOTICE[notice]
    check_order_length(
        kind=order, made_on=made_on, ends_on=ends_on, until_further_order=until_further_order
    )
    if electronic_monitoring_until is None:
        return
    if order != OrderKind.DAPO:
        raise RuleViolation(
            "electronic_monitoring_until", "Only a DAPO can require electronic monitoring."
        )
    latest = period_end_months(made_on, ELECTRONIC_MONITORING_MAX_MONTHS)
    if electronic_monitoring_until < made_on:
        raise RuleViolation(
            "electronic_monitoring_until", "Monitoring cannot end before the order was made."
        )
    if electronic_monitoring_until > latest:
        raise RuleViolation(
            "electronic_monitoring_until",
            "Electronic monitoring lasts at most 12 months (Domestic Abuse Act 2021 s.36): "
            f"until {latest:%-d %B %Y} at the latest.",
        )
    if ends_on is not None and electronic_monitoring_until > ends_on:
        raise RuleViolation(
            "electronic_monitoring_until", "Electronic monitoring cannot outlast the order."
        )


# --------------------------------------------------------------------------------------
# The programme's stage diagram
# --------------------------------------------------------------------------------------

S = Stage
MOVES: Mapping[Stage, frozenset[Stage]] = MappingProxyType(
    {
        S.TO_BE_SCORED: frozenset({S.ON_HOLD, S.NOT_SUITABLE, S.SUITABLE}),
        S.ON_HOLD: frozenset({S.TO_BE_SCORED, S.NOT_SUITABLE, S.SUITABLE}),
        S.SUITABLE: frozenset({S.TO_BE_PRESENTED, S.TO_APPROACH}),
        S.TO_BE_PRESENTED: frozenset({S.TO_APPROACH}),
        S.TO_APPROACH: frozenset({S.APPROACHED}),
        S.APPROACHED: frozenset({S.NOT_INTERESTED, S.INTERESTED}),
        S.INTERESTED: frozenset({S.AWAITING_FEEDBACK, S.AWAITING_SIGN_UP, S.NOT_INTERESTED}),
        S.AWAITING_FEEDBACK: frozenset({S.AWAITING_SIGN_UP, S.NOT_INTERESTED}),
        S.AWAITING_SIGN_UP: frozenset({S.ACTIVE, S.WITHDRAWN}),
        S.ACTIVE: frozenset({S.WITHDRAWN, S.COMPLETED}),
        S.NOT_SUITABLE: frozenset(),
        S.NOT_INTERESTED: frozenset(),
        S.WITHDRAWN: frozenset(),
        S.COMPLETED: frozenset(),
    }
)
FINAL_STAGES = frozenset(stage for stage, onward in MOVES.items() if not onward)
# Leaving "to be scored" for a decision needs a score (the RFG method).
NEEDS_SCORE = frozenset({S.SUITABLE, S.NOT_SUITABLE})


def allowed_moves(stage: str) -> frozenset[Stage]:
    return MOVES[Stage(stage)]


def check_move(*, from_stage: str, to_stage: str, scored: bool) -> None:
    """Refuse a move the stage diagram does not allow (RuleViolation on ``stage``)."""
    try:
        target = Stage(to_stage)
    except ValueError:
        raise RuleViolation("stage", "Choose a stage.") from None
    current = Stage(from_stage)
    if target not in MOVES[current]:
        onward = ", ".join(s.label.lower() for s in Stage if s in MOVES[current]) or "none"
        raise RuleViolation(
            "stage",
            f"A person cannot move from {current.label.lower()} to {target.label.lower()} "
            f"(allowed: {onward}).",
        )
    if target in NEEDS_SCORE and not scored:
        raise RuleViolation("stage", "Score the person (recency, frequency, gravity) first.")


# --------------------------------------------------------------------------------------
# The RFG score (MATAC method; weights per force, DOMAIN.md §7 — UNCONFIRMED)
# --------------------------------------------------------------------------------------

DEFAULT_RFG_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {"recency": 1.0, "frequency": 1.0, "gravity": 1.0}
)
# Months since the latest domestic-abuse incident -> recency points (the most recent scores most).
RECENCY_BANDS: tuple[tuple[int, int], ...] = ((1, 5), (3, 4), (6, 3), (12, 2), (24, 1))


def recency_points(months_since_latest: int) -> int:
    for up_to, points in RECENCY_BANDS:
        if months_since_latest <= up_to:
            return points
    return 0


def rfg_score(*, recency: int, frequency: int, gravity: int, weights: Mapping[str, float]) -> float:
    """Recency points (from the months since the latest incident) + frequency (incidents in
    the last three years) + gravity (the incidents' gravity points), each times its weight,
    rounded to one decimal place."""
    for field, value in (("recency", recency), ("frequency", frequency), ("gravity", gravity)):
        if value < 0:
            raise RuleViolation(field, "Give a whole number, 0 or more.")
    total = (
        weights["recency"] * recency_points(recency)
        + weights["frequency"] * frequency
        + weights["gravity"] * gravity
    )
    return round(total, 1)


def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """The force's weights (settings.DAPU_RFG_WEIGHTS) with defaults; refuses a negative."""
    merged = {**DEFAULT_RFG_WEIGHTS, **weights}
    if set(merged) != set(DEFAULT_RFG_WEIGHTS) or any(float(w) < 0 for w in merged.values()):
        raise ValueError("DAPU_RFG_WEIGHTS: recency, frequency and gravity, each 0 or more")
    return {key: float(value) for key, value in merged.items()}


# --------------------------------------------------------------------------------------
# The funnel (the panel report's programme table)
# --------------------------------------------------------------------------------------


def downstream(stage: Stage) -> frozenset[Stage]:
    """``stage`` and every stage reachable from it (the diagram has no loop past on hold)."""
    found = {stage}
    todo = [stage]
    while todo:
        for onward in MOVES[todo.pop()]:
            if onward not in found and onward not in {S.TO_BE_SCORED, S.ON_HOLD}:
                found.add(onward)
                todo.append(onward)
    return frozenset(found)


# Each figure counts the entries whose stage on the day is one of these: a figure named after
# a stage that leads on ("suitable", "approached", "interested") counts everyone who reached
# it, wherever they are now; a waiting or final stage counts those there now.
FIGURE_STAGES: Mapping[str, frozenset[Stage]] = MappingProxyType(
    {
        "total_on_list": frozenset(Stage),
        "scored": frozenset(Stage) - {S.TO_BE_SCORED, S.ON_HOLD},
        "to_be_scored": frozenset({S.TO_BE_SCORED, S.ON_HOLD}),
        "on_hold": frozenset({S.ON_HOLD}),
        "not_suitable": frozenset({S.NOT_SUITABLE}),
        "suitable": downstream(S.SUITABLE),
        "suitable_undecided": frozenset({S.SUITABLE}),
        "to_be_presented": frozenset({S.TO_BE_PRESENTED}),
        "to_approach": frozenset({S.TO_APPROACH}),
        "approached": downstream(S.APPROACHED),
        "awaiting_answer": frozenset({S.APPROACHED}),
        "not_interested": frozenset({S.NOT_INTERESTED}),
        "interested": downstream(S.INTERESTED) - {S.NOT_INTERESTED},
        "interested_undecided": frozenset({S.INTERESTED}),
        "awaiting_feedback": frozenset({S.AWAITING_FEEDBACK}),
        "signed_up": frozenset({S.AWAITING_SIGN_UP, S.ACTIVE, S.WITHDRAWN, S.COMPLETED}),
        "withdrawn": frozenset({S.WITHDRAWN}),
        "completed": frozenset({S.COMPLETED}),
        "active": frozenset({S.ACTIVE}),
        "awaiting_sign_up": frozenset({S.AWAITING_SIGN_UP}),
    }
)
SOURCE_FIGURES = ("initial_cohort", "from_referrals_and_marac")
# The API's order (API.md "Domestic abuse"), then the three "still deciding" figures that
# make the identities add up.
FIGURES = (
    "total_on_list",
    "initial_cohort",
    "from_referrals_and_marac",
    "scored",
    "to_be_scored",
    "on_hold",
    "not_suitable",
    "suitable",
    "to_be_presented",
    "to_approach",
    "approached",
    "not_interested",
    "interested",
    "awaiting_feedback",
    "signed_up",
    "withdrawn",
    "completed",
    "active",
    "awaiting_sign_up",
    "sessions",
    "average_days_to_complete",
    "suitable_undecided",
    "awaiting_answer",
    "interested_undecided",
)
FIGURE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "total_on_list": "Total on the programme list",
        "initial_cohort": "Initial cohort",
        "from_referrals_and_marac": "From referrals and MARAC",
        "scored": "Scored",
        "to_be_scored": "To be scored",
        "on_hold": "of which agreed on hold",
        "not_suitable": "Not suitable",
        "suitable": "Suitable",
        "suitable_undecided": "Suitable, next step not yet decided",
        "to_be_presented": "To be presented at panel",
        "to_approach": "To approach",
        "approached": "Approached",
        "awaiting_answer": "Approached, no answer yet",
        "not_interested": "Not interested",
        "interested": "Interested",
        "interested_undecided": "Interested, next step not yet decided",
        "awaiting_feedback": "Awaiting feedback",
        "signed_up": "Signed up",
        "withdrawn": "Withdrawn since starting",
        "completed": "Completed",
        "active": "Currently active",
        "awaiting_sign_up": "Awaiting sign-up meetings",
        "sessions": "Sessions conducted",
        "average_days_to_complete": "Average days to complete",
    }
)

# What the figures satisfy by construction (docs/domestic-abuse.md): left = sum of right.
IDENTITIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("total_on_list", ("initial_cohort", "from_referrals_and_marac")),
    ("total_on_list", ("scored", "to_be_scored")),
    ("scored", ("not_suitable", "suitable")),
    ("suitable", ("suitable_undecided", "to_be_presented", "to_approach", "approached")),
    ("approached", ("awaiting_answer", "not_interested", "interested")),
    ("interested", ("interested_undecided", "awaiting_feedback", "signed_up")),
    ("signed_up", ("awaiting_sign_up", "active", "withdrawn", "completed")),
)


def funnel(
    *,
    stage_counts: Mapping[str, int],
    initial_cohort: int,
    sessions: int,
    days_to_complete: list[int],
) -> dict[str, int | float | None]:
    """The programme table from the number of entries at each stage on the day, how many
    came from the initial cohort, the sessions held and each completion's length in days."""
    counts = {Stage(stage): n for stage, n in stage_counts.items()}
    figures: dict[str, int | float | None] = {
        name: sum(counts.get(stage, 0) for stage in stages)
        for name, stages in FIGURE_STAGES.items()
    }
    figures["initial_cohort"] = initial_cohort
    figures["from_referrals_and_marac"] = int(figures["total_on_list"] or 0) - initial_cohort
    figures["sessions"] = sessions
    figures["average_days_to_complete"] = (
        round(sum(days_to_complete) / len(days_to_complete)) if days_to_complete else None
    )
    return {name: figures[name] for name in FIGURES}


def broken_identities(figures: Mapping[str, int | float | None]) -> list[str]:
    """The identities the figures do not satisfy (empty when consistent)."""
    broken = []
    for total, parts in IDENTITIES:
        if figures[total] != sum(int(figures[p] or 0) for p in parts):
            broken.append(f"{total} = {' + '.join(parts)}")
    if int(figures["on_hold"] or 0) > int(figures["to_be_scored"] or 0):
        broken.append("on_hold <= to_be_scored")
    return broken

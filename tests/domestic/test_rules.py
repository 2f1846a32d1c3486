"""The domestic-abuse rules as tables (DOMAIN.md §7): hearing deadlines across weekends,
Easter, Christmas and clock changes; ranks and ages; order lengths; the stage diagram; the
RFG score; the funnel's identities."""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest

from core.calendar import LONDON
from core.rules import RuleViolation
from domestic import rules
from domestic.choices import Stage


def london(y, m, d, h=0, minute=0):
    return dt.datetime(y, m, d, h, minute, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("given", "due"),
    [
        # The examples: Friday evening skips Sunday; Easter Saturday skips Sunday and
        # Easter Monday (Good Friday is behind it).
        (london(2025, 1, 10, 18), london(2025, 1, 13, 18)),
        (london(2025, 4, 19, 10), london(2025, 4, 23, 10)),
        # An ordinary Tuesday: 48 hours.
        (london(2025, 1, 14, 9), london(2025, 1, 16, 9)),
        # Given on a Sunday: its remaining hours do not count; 48 h from Monday 00:00.
        (london(2025, 1, 12, 15), london(2025, 1, 15, 0)),
        # Maundy Thursday 2025 (17 Apr): Good Friday, Sunday and Easter Monday left out.
        (london(2025, 4, 17, 12), london(2025, 4, 22, 12)),
        # Christmas Eve 2025 (Wed): Christmas Day and Boxing Day (bank holidays) left out.
        (london(2025, 12, 24, 20), london(2025, 12, 29, 20)),
        # Christmas 2027 falls on a Saturday: Christmas Day, Sunday and the substitute days
        # (Mon 27, Tue 28) are all disregarded.
        (london(2027, 12, 24, 12), london(2027, 12, 30, 12)),
        # Early May bank holiday 2025 (Mon 5 May) after a Saturday notice.
        (london(2025, 5, 3, 8), london(2025, 5, 7, 8)),
        # Spring forward (Sun 30 Mar 2025) is a Sunday: disregarded anyway. Saturday 29 Mar
        # 12:00 + 12 h Saturday + 36 h from Monday 00:00 = Tuesday 12:00.
        (london(2025, 3, 29, 12), london(2025, 4, 1, 12)),
    ],
)
def test_the_hearing_is_due_within_48_hours_disregarding_sundays_and_holidays(given, due):
    assert rules.hearing_due_by(given) == due


def test_elapsed_hours_count_in_utc_across_a_clock_change():
    # UK clocks change on a Sunday, which is disregarded: the hours before it are counted in
    # BST and the hours after in GMT, so the due time keeps its wall-clock hour.
    given = london(2025, 10, 24, 12)  # Friday, BST
    due = rules.hearing_due_by(given)
    # Fri 12:00 -> Sat 24:00 is 36 h; Sunday 26 Oct (the 25-hour day) is skipped; 12 h of Monday.
    assert due == dt.datetime(2025, 10, 27, 12, tzinfo=LONDON)
    assert due.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize(
    ("kind", "rank", "person_age", "victim_age", "field"),
    [
        ("dvpn", "superintendent", 30, None, None),
        ("dvpn", "chief_constable", 18, None, None),
        ("dvpn", "chief_inspector", 30, None, "authorised_by"),
        ("dvpn", "inspector", 30, None, "authorised_by"),
        ("dapn", "inspector", 30, 16, None),
        ("dapn", "acc", 30, 40, None),
        ("dapn", "sergeant", 30, 30, "authorised_by"),
        ("dapn", "inspector", 30, 15, "victim_age"),
        ("dapn", "inspector", 30, None, "victim_age"),
        ("dapn", "inspector", 17, 30, "offender"),
        ("dvpn", "superintendent", 17, None, "offender"),
        ("dvpn", "general", 30, None, "authorised_by"),
    ],
)
def test_who_may_give_a_notice(kind, rank, person_age, victim_age, field):
    call = lambda: rules.check_notice(  # noqa: E731
        kind=kind, rank=rank, person_age=person_age, victim_age=victim_age
    )
    if field is None:
        call()
    else:
        with pytest.raises(RuleViolation) as caught:
            call()
        assert caught.value.field == field


def test_a_rank_too_low_names_the_rule():
    with pytest.raises(RuleViolation, match=r"Crime and Security Act 2010 s\.24"):
        rules.check_notice(kind="dvpn", rank="inspector", person_age=30, victim_age=None)


HEARD = london(2025, 1, 13, 10)


@pytest.mark.parametrize(
    ("kind", "result", "ends_on", "ufo", "em_until", "field"),
    [
        ("dvpn", "order_made", date(2025, 1, 26), False, None, None),  # 14 days
        ("dvpn", "order_made", date(2025, 2, 9), False, None, None),  # 28 days
        ("dvpn", "order_made", date(2025, 1, 25), False, None, "ends_on"),  # 13 days
        ("dvpn", "order_made", date(2025, 2, 10), False, None, "ends_on"),  # 29 days
        ("dvpn", "order_made", None, True, None, "until_further_order"),
        ("dvpn", "order_made", None, False, None, "ends_on"),
        ("dapn", "order_made", date(2027, 1, 1), False, None, None),
        ("dapn", "order_made", None, True, None, None),
        ("dapn", "order_made", None, True, date(2026, 1, 12), None),  # 12 months exactly
        ("dapn", "order_made", None, True, date(2026, 1, 13), "electronic_monitoring_until"),
        (
            "dapn",
            "order_made",
            date(2025, 6, 1),
            False,
            date(2025, 7, 1),
            "electronic_monitoring_until",
        ),
        (
            "dvpn",
            "order_made",
            date(2025, 2, 1),
            False,
            date(2025, 2, 1),
            "electronic_monitoring_until",
        ),
        ("dvpn", "refused", None, False, None, None),
        ("dapn", "adjourned", None, False, None, None),
        ("dvpn", "refused", date(2025, 2, 1), False, None, "ends_on"),
    ],
)
def test_order_lengths(kind, result, ends_on, ufo, em_until, field):
    call = lambda: rules.check_hearing(  # noqa: E731
        kind=kind,
        given_at=london(2025, 1, 12, 9),
        heard_at=HEARD,
        result=result,
        ends_on=ends_on,
        until_further_order=ufo,
        electronic_monitoring_until=em_until,
    )
    if field is None:
        call()
    else:
        with pytest.raises(RuleViolation) as caught:
            call()
        assert caught.value.field == field


def test_a_hearing_cannot_be_before_the_notice():
    with pytest.raises(RuleViolation) as caught:
        rules.check_hearing(
            kind="dvpn",
            given_at=HEARD,
            heard_at=HEARD - dt.timedelta(hours=1),
            result="refused",
            ends_on=None,
        )
    assert caught.value.field == "heard_at"


@pytest.mark.parametrize(
    ("from_stage", "to_stage", "scored", "allowed"),
    [
        ("to_be_scored", "suitable", True, True),
        ("to_be_scored", "suitable", False, False),
        ("to_be_scored", "not_suitable", True, True),
        ("to_be_scored", "on_hold", False, True),
        ("on_hold", "to_be_scored", False, True),
        ("to_be_scored", "active", True, False),
        ("suitable", "to_be_presented", True, True),
        ("suitable", "to_approach", True, True),
        ("to_be_presented", "to_approach", True, True),
        ("to_be_presented", "not_suitable", True, False),
        ("to_approach", "approached", True, True),
        ("approached", "interested", True, True),
        ("approached", "not_interested", True, True),
        ("interested", "awaiting_feedback", True, True),
        ("interested", "awaiting_sign_up", True, True),
        ("awaiting_feedback", "awaiting_sign_up", True, True),
        ("awaiting_sign_up", "active", True, True),
        ("awaiting_sign_up", "completed", True, False),
        ("active", "completed", True, True),
        ("active", "withdrawn", True, True),
        ("completed", "active", True, False),
        ("withdrawn", "active", True, False),
        ("not_suitable", "suitable", True, False),
        ("active", "nonsense", True, False),
    ],
)
def test_the_stage_diagram(from_stage, to_stage, scored, allowed):
    call = lambda: rules.check_move(  # noqa: E731
        from_stage=from_stage, to_stage=to_stage, scored=scored
    )
    if allowed:
        call()
    else:
        with pytest.raises(RuleViolation):
            call()


def test_only_final_stages_lead_nowhere():
    assert {
        Stage.NOT_SUITABLE,
        Stage.NOT_INTERESTED,
        Stage.WITHDRAWN,
        Stage.COMPLETED,
    } == rules.FINAL_STAGES


@pytest.mark.parametrize(
    ("recency", "frequency", "gravity", "weights", "score"),
    [
        (0, 3, 10, {"recency": 1, "frequency": 1, "gravity": 1}, 18.0),
        (2, 3, 10, {"recency": 1, "frequency": 1, "gravity": 1}, 17.0),
        (6, 1, 2, {"recency": 1, "frequency": 1, "gravity": 1}, 6.0),
        (30, 1, 2, {"recency": 1, "frequency": 1, "gravity": 1}, 3.0),
        (0, 3, 10, {"recency": 2, "frequency": 1.5, "gravity": 0.5}, 19.5),
        (12, 0, 0, {"recency": 1, "frequency": 1, "gravity": 1}, 2.0),
    ],
)
def test_the_rfg_score_uses_the_forces_weights(recency, frequency, gravity, weights, score):
    assert (
        rules.rfg_score(recency=recency, frequency=frequency, gravity=gravity, weights=weights)
        == score
    )


def test_a_negative_score_input_is_refused():
    with pytest.raises(RuleViolation) as caught:
        rules.rfg_score(recency=1, frequency=-1, gravity=0, weights=rules.DEFAULT_RFG_WEIGHTS)
    assert caught.value.field == "frequency"


def test_weights_are_checked():
    assert rules.check_weights({"gravity": 2}) == {"recency": 1.0, "frequency": 1.0, "gravity": 2.0}
    with pytest.raises(ValueError):
        rules.check_weights({"gravity": -1})
    with pytest.raises(ValueError):
        rules.check_weights({"harm": 1})


def test_the_funnel_satisfies_its_identities_for_any_stage_counts():
    import random

    rng = random.Random(15)
    for _ in range(200):
        counts = {stage: rng.randint(0, 30) for stage in Stage}
        total = sum(counts.values())
        figures = rules.funnel(
            stage_counts=counts,
            initial_cohort=rng.randint(0, total),
            sessions=rng.randint(0, 500),
            days_to_complete=[],
        )
        assert rules.broken_identities(figures) == []


def test_the_funnel_names_a_broken_identity():
    figures = rules.funnel(
        stage_counts={"active": 2}, initial_cohort=0, sessions=0, days_to_complete=[180, 200]
    )
    assert figures["average_days_to_complete"] == 190
    figures["signed_up"] = 3
    assert rules.broken_identities(figures) == [
        "interested = interested_undecided + awaiting_feedback + signed_up",
        "signed_up = awaiting_sign_up + active + withdrawn + completed",
    ]

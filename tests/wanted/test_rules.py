"""Table tests of the wanted rules (DOMAIN.md §13): reviews, ageing, monthly lists."""

from __future__ import annotations

import datetime as dt

import pytest

from core.rules import RuleViolation
from wanted import rules
from wanted.choices import AgeBand, Change

D = dt.date


@pytest.mark.parametrize(
    ("last", "cadence", "due"),
    [
        (D(2026, 1, 1), 28, D(2026, 1, 29)),
        (D(2026, 1, 31), 28, D(2026, 2, 28)),  # month end
        (D(2028, 2, 1), 28, D(2028, 2, 29)),  # leap year
        (D(2027, 2, 1), 28, D(2027, 3, 1)),  # common year
        (D(2026, 12, 20), 14, D(2027, 1, 3)),  # year end, a force's shorter cadence
        (D(2026, 3, 1), 7, D(2026, 3, 8)),
        (D(2026, 3, 1), 182, D(2026, 8, 30)),
    ],
)
def test_a_review_falls_due_a_cadence_after_the_last(last, cadence, due):
    assert rules.review_due(last, cadence) == due


def test_the_default_cadence_is_28_days():
    assert rules.review_due(D(2026, 5, 1)) == D(2026, 5, 29)


@pytest.mark.parametrize("cadence", [0, 6, 183, -28])
def test_it_refuses_a_cadence_outside_a_week_to_six_months(cadence):
    with pytest.raises(RuleViolation) as error:
        rules.review_due(D(2026, 1, 1), cadence)
    assert error.value.field == "review_days"


@pytest.mark.parametrize(
    ("due", "today", "overdue"),
    [
        (D(2026, 1, 29), D(2026, 1, 29), False),
        (D(2026, 1, 29), D(2026, 1, 30), True),
        (D(2026, 1, 29), D(2026, 1, 1), False),
        (None, D(2026, 1, 1), False),
    ],
)
def test_a_review_is_overdue_from_the_day_after_it_was_due(due, today, overdue):
    assert rules.is_review_overdue(due, today) is overdue


@pytest.mark.parametrize(
    ("held_on", "field"),
    [(D(2026, 2, 2), "held_on"), (D(2025, 12, 31), "held_on")],
)
def test_it_refuses_a_review_in_the_future_or_before_the_opening(held_on, field):
    with pytest.raises(RuleViolation) as error:
        rules.check_review_date(held_on, opened_on=D(2026, 1, 1), today=D(2026, 2, 1))
    assert error.value.field == field


@pytest.mark.parametrize(
    ("since", "on", "days", "band"),
    [
        (D(2026, 1, 1), D(2026, 1, 1), 0, AgeBand.UP_TO_28),
        (D(2026, 1, 1), D(2026, 1, 29), 28, AgeBand.UP_TO_28),
        (D(2026, 1, 1), D(2026, 1, 30), 29, AgeBand.UP_TO_90),
        (D(2026, 1, 1), D(2026, 4, 1), 90, AgeBand.UP_TO_90),
        (D(2026, 1, 1), D(2026, 4, 2), 91, AgeBand.UP_TO_180),
        (D(2026, 1, 1), D(2026, 6, 30), 180, AgeBand.UP_TO_180),
        (D(2026, 1, 1), D(2027, 1, 1), 365, AgeBand.UP_TO_365),
        (D(2028, 1, 1), D(2029, 1, 1), 366, AgeBand.OVER_A_YEAR),  # leap year
        (D(2026, 1, 2), D(2026, 1, 1), 0, AgeBand.UP_TO_28),  # never negative
    ],
)
def test_age_in_days_and_its_band(since, on, days, band):
    assert rules.age_in_days(since, on) == days
    assert rules.age_band(days) == band


@pytest.mark.parametrize(
    ("since", "on", "threshold", "listed"),
    [
        (D(2026, 1, 1), D(2026, 3, 31), 90, False),
        (D(2026, 1, 1), D(2026, 4, 1), 90, True),
        (D(2026, 1, 1), D(2026, 1, 2), 1, True),
    ],
)
def test_no_arrest_after_a_set_age_goes_to_the_performance_meeting(since, on, threshold, listed):
    assert rules.for_performance_meeting(since, on, threshold) is listed


def test_it_refuses_a_performance_age_below_a_day():
    with pytest.raises(RuleViolation):
        rules.for_performance_meeting(D(2026, 1, 1), D(2026, 2, 1), 0)


@pytest.mark.parametrize(
    ("month", "today", "list_date"),
    [
        (D(2026, 2, 1), D(2026, 12, 2), D(2026, 2, 28)),
        (D(2028, 2, 1), D(2028, 12, 2), D(2028, 2, 29)),
        (D(2026, 12, 1), D(2026, 12, 2), D(2026, 12, 2)),  # the current month: today
        (D(2026, 12, 15), D(2026, 12, 31), D(2026, 12, 31)),
    ],
)
def test_a_monthly_list_is_drawn_up_at_the_month_end_or_today(month, today, list_date):
    assert rules.list_date(month, today) == list_date


def test_there_is_no_list_for_a_month_not_yet_started():
    with pytest.raises(RuleViolation) as error:
        rules.list_date(D(2027, 1, 1), D(2026, 12, 31))
    assert error.value.field == "month"


def test_last_months_list_is_dated_the_day_before_the_month():
    assert rules.previous_list_date(D(2026, 3, 1)) == D(2026, 2, 28)
    assert rules.previous_list_date(D(2026, 1, 17)) == D(2025, 12, 31)


MARCH = D(2026, 3, 1)
TODAY = D(2026, 12, 2)


@pytest.mark.parametrize(
    ("opened_on", "ended_on", "change"),
    [
        (D(2026, 1, 10), None, Change.CONTINUING),
        (D(2026, 2, 28), D(2026, 4, 1), Change.CONTINUING),
        (D(2026, 3, 1), None, Change.NEW),
        (D(2026, 3, 31), None, Change.NEW),
        (D(2026, 2, 1), D(2026, 3, 1), Change.ENDED),
        (D(2026, 2, 1), D(2026, 3, 31), Change.ENDED),
        (D(2026, 3, 5), D(2026, 3, 20), Change.ENDED),  # opened and ended in the month
        (D(2026, 1, 1), D(2026, 2, 28), None),  # ended before the month
        (D(2026, 4, 1), None, None),  # opened after the month
    ],
)
def test_what_changed_since_last_month(opened_on, ended_on, change):
    assert rules.change_in_month(opened_on, ended_on, MARCH, TODAY) == change


@pytest.mark.parametrize(
    ("opened_on", "ended_on", "day", "open_"),
    [
        (D(2026, 1, 1), None, D(2026, 1, 1), True),
        (D(2026, 1, 1), D(2026, 1, 1), D(2026, 1, 1), False),
        (D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 1), True),
        (D(2026, 1, 2), None, D(2026, 1, 1), False),
    ],
)
def test_open_on_a_day(opened_on, ended_on, day, open_):
    assert rules.is_open_on(opened_on, ended_on, day) is open_


NECESSITY = "He has no fixed address and will not attend voluntarily."


@pytest.mark.parametrize(
    ("reason", "linked", "necessity", "circulated_on", "field"),
    [
        ("arrest_necessary", None, NECESSITY, D(2026, 12, 1), None),
        ("failed_to_answer_bail", "bail", NECESSITY, D(2026, 12, 1), None),
        ("failed_to_answer_bail", "lapsed", NECESSITY, D(2026, 12, 1), None),
        ("breach_of_bail_conditions", "bail", NECESSITY, D(2026, 12, 1), None),
        ("rui_fresh_evidence", "rui", NECESSITY, D(2026, 12, 1), None),
        ("arrest_necessary", "bail", NECESSITY, D(2026, 12, 1), "bail_case"),
        ("failed_to_answer_bail", None, NECESSITY, D(2026, 12, 1), "bail_case"),
        ("breach_of_bail_conditions", "rui", NECESSITY, D(2026, 12, 1), "bail_case"),
        ("rui_fresh_evidence", None, NECESSITY, D(2026, 12, 1), "bail_case"),
        ("rui_fresh_evidence", "bail", NECESSITY, D(2026, 12, 1), "bail_case"),
        ("rui_fresh_evidence", "ended", NECESSITY, D(2026, 12, 1), "bail_case"),
        ("arrest_necessary", None, "   needed   ", D(2026, 12, 1), "necessity"),
        ("arrest_necessary", None, NECESSITY, D(2026, 12, 3), "circulated_on"),
        ("on_a_whim", None, NECESSITY, D(2026, 12, 1), "reason"),
    ],
)
def test_circulation_needs_code_g_necessity_and_the_case_it_arises_from(
    reason, linked, necessity, circulated_on, field
):
    kwargs = {
        "reason": reason,
        "linked_case_status": linked,
        "necessity": necessity,
        "circulated_on": circulated_on,
        "today": TODAY,
    }
    if field is None:
        rules.check_circulation(**kwargs)
        return
    with pytest.raises(RuleViolation) as error:
        rules.check_circulation(**kwargs)
    assert error.value.field == field


@pytest.mark.parametrize(
    ("outcome", "ended_on", "field"),
    [
        ("arrested", D(2026, 12, 2), None),
        ("circulation_cancelled", D(2026, 11, 1), None),
        ("found_dead", D(2026, 12, 2), "outcome"),
        ("arrested", D(2026, 12, 3), "ended_on"),
        ("arrested", D(2026, 10, 31), "ended_on"),
    ],
)
def test_ending_a_circulation(outcome, ended_on, field):
    kwargs = {
        "outcome": outcome,
        "ended_on": ended_on,
        "circulated_on": D(2026, 11, 1),
        "today": TODAY,
    }
    if field is None:
        assert rules.check_wanted_end(**kwargs) == outcome
        return
    with pytest.raises(RuleViolation) as error:
        rules.check_wanted_end(**kwargs)
    assert error.value.field == field

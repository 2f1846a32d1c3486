"""The public-protection rules as tables (DOMAIN.md §5, §6, §7), month ends and leap days."""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest

from core.rules import RuleViolation
from protection import rules
from protection.choices import OrderKind


@pytest.mark.parametrize(
    ("disposal", "sentence", "life", "discharge", "under_18", "expected"),
    [
        # s.82(1) table, adult
        ("imprisonment", None, True, None, False, "indefinite"),
        ("imprisonment", 30, False, None, False, "indefinite"),
        ("imprisonment", 48, False, None, False, "indefinite"),
        ("imprisonment", 29, False, None, False, "P10Y"),
        ("imprisonment", 7, False, None, False, "P10Y"),
        ("imprisonment", 6, False, None, False, "P7Y"),
        ("imprisonment", 1, False, None, False, "P7Y"),
        ("hospital_restriction", None, False, None, False, "indefinite"),
        ("hospital", None, False, None, False, "P7Y"),
        ("caution", None, False, None, False, "P2Y"),
        ("other", None, False, None, False, "P5Y"),
        ("conditional_discharge", None, False, 18, False, "P1Y6M"),
        ("conditional_discharge", None, False, 36, False, "P3Y"),
        # s.82(2): halved for under-18s, except indefinite and a discharge's own period
        ("imprisonment", 30, False, None, True, "indefinite"),
        ("imprisonment", 12, False, None, True, "P5Y"),
        ("imprisonment", 6, False, None, True, "P3Y6M"),
        ("hospital", None, False, None, True, "P3Y6M"),
        ("other", None, False, None, True, "P2Y6M"),
        ("caution", None, False, None, True, "P1Y"),
        ("conditional_discharge", None, False, 12, True, "P1Y"),
        ("conditional_discharge", None, False, 6, True, "P6M"),
    ],
)
def test_the_notification_period_follows_the_s82_table(
    disposal, sentence, life, discharge, under_18, expected
):
    period = rules.notification_period(
        disposal=disposal,
        under_18=under_18,
        sentence_months=sentence,
        life_or_ipp=life,
        discharge_months=discharge,
    )
    assert period.iso() == expected


@pytest.mark.parametrize(
    ("disposal", "kwargs", "field"),
    [
        ("imprisonment", {}, "sentence_months"),
        ("imprisonment", {"sentence_months": 0}, "sentence_months"),
        ("conditional_discharge", {}, "discharge_months"),
        ("conditional_discharge", {"discharge_months": 37}, "discharge_months"),
    ],
)
def test_it_refuses_a_period_without_the_facts_it_needs(disposal, kwargs, field):
    with pytest.raises(RuleViolation) as caught:
        rules.notification_period(disposal=disposal, under_18=False, **kwargs)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("relevant", "months", "ends"),
    [
        (date(2026, 1, 15), 120, date(2036, 1, 14)),
        (date(2024, 2, 29), 24, date(2026, 2, 28)),  # leap day: 29 Feb 2026 does not exist
        (date(2024, 2, 29), 48, date(2028, 2, 28)),
        (date(2025, 8, 31), 42, date(2029, 2, 28)),  # 31 Feb: last day of February
        (date(2026, 3, 1), 12, date(2027, 2, 28)),
        (date(2026, 1, 1), 6, date(2026, 6, 30)),
    ],
)
def test_the_period_ends_the_day_before_its_anniversary(relevant, months, ends):
    assert rules.notification_ends_on(relevant, rules.NotificationPeriod(months)) == ends


def test_an_indefinite_period_has_no_end():
    assert rules.notification_ends_on(date(2026, 1, 1), rules.INDEFINITE) is None


@pytest.mark.parametrize(
    ("relevant", "released", "due"),
    [
        (date(2026, 3, 1), None, date(2026, 3, 3)),  # three days beginning with the day
        (date(2026, 2, 27), None, date(2026, 3, 1)),
        (date(2028, 2, 28), None, date(2028, 3, 1)),  # across 29 Feb
        (date(2026, 12, 30), None, date(2027, 1, 1)),
        (date(2025, 6, 1), date(2026, 2, 27), date(2026, 3, 1)),  # in custody: from release
    ],
)
def test_the_initial_notification_is_due_within_three_days(relevant, released, due):
    assert rules.initial_notification_due(relevant, released) == due


def test_a_release_before_the_relevant_date_is_refused():
    with pytest.raises(RuleViolation):
        rules.initial_notification_due(date(2026, 3, 1), date(2026, 2, 1))


@pytest.mark.parametrize(
    ("changed", "due"),
    [
        (date(2026, 1, 30), date(2026, 2, 1)),
        (date(2026, 2, 27), date(2026, 3, 1)),
        (date(2028, 2, 27), date(2028, 2, 29)),
    ],
)
def test_changes_are_due_within_three_days(changed, due):
    assert rules.change_notification_due(changed) == due


@pytest.mark.parametrize(
    ("last", "due"),
    [
        (date(2026, 5, 10), date(2027, 5, 9)),
        (date(2024, 2, 29), date(2025, 2, 28)),
        (date(2027, 3, 1), date(2028, 2, 29)),  # the year ends on the leap day
        (date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_the_periodic_notification_is_due_within_one_year(last, due):
    assert rules.periodic_notification_due(last) == due


def test_no_fixed_abode_is_weekly():
    assert rules.weekly_notification_due(date(2026, 2, 26)) == date(2026, 3, 5)


@pytest.mark.parametrize(
    ("departs", "known", "due"),
    [
        (date(2026, 8, 1), date(2026, 6, 1), date(2026, 7, 25)),  # 7 days before
        (date(2026, 8, 1), date(2026, 7, 25), date(2026, 7, 25)),
        (date(2026, 8, 1), date(2026, 7, 28), date(2026, 7, 31)),  # late: the day before
        (date(2026, 8, 1), date(2026, 8, 1), date(2026, 8, 1)),  # never before it was known
        (date(2028, 3, 6), date(2028, 1, 1), date(2028, 2, 28)),
    ],
)
def test_foreign_travel_is_notified_seven_days_before_or_late_when_unknown(departs, known, due):
    assert rules.foreign_travel_due_on(departs, known) == due


def test_foreign_travel_known_late_is_twelve_hours_before_departure():
    departs = dt.datetime(2026, 8, 1, 9, 0, tzinfo=dt.UTC)
    assert rules.foreign_travel_due(departs, departs - dt.timedelta(days=2)) == dt.datetime(
        2026, 7, 31, 21, 0, tzinfo=dt.UTC
    )
    assert rules.foreign_travel_due(departs, departs - dt.timedelta(days=8)) == dt.datetime(
        2026, 7, 25, 9, 0, tzinfo=dt.UTC
    )


@pytest.mark.parametrize(
    ("stays", "reached"),
    [
        ([(date(2026, 1, 1), date(2026, 1, 6))], None),  # six days
        ([(date(2026, 1, 1), date(2026, 1, 7))], date(2026, 1, 7)),  # seven days
        (
            [(date(2026, 1, 1), date(2026, 1, 3)), (date(2026, 6, 1), date(2026, 6, 4))],
            date(2026, 6, 4),
        ),
        # the first stay falls out of the 12 months before the second completes
        ([(date(2025, 1, 1), date(2025, 1, 3)), (date(2026, 1, 2), date(2026, 1, 5))], None),
        ([(date(2025, 1, 4), date(2025, 1, 6)), (date(2026, 1, 1), date(2026, 1, 4))], None),
        (
            [(date(2025, 1, 5), date(2025, 1, 7)), (date(2026, 1, 1), date(2026, 1, 4))],
            date(2026, 1, 4),
        ),
        # overlapping stays count each day once
        ([(date(2026, 1, 1), date(2026, 1, 5)), (date(2026, 1, 3), date(2026, 1, 6))], None),
        ([(date(2028, 2, 25), date(2028, 3, 2))], date(2028, 3, 2)),  # 29 Feb counts
    ],
)
def test_stays_reach_the_qualifying_period(stays, reached):
    assert rules.qualifying_period_reached_on(stays) == reached


def test_a_stay_notification_is_due_three_days_after_the_qualifying_period():
    assert rules.stay_notification_due([(date(2026, 1, 1), date(2026, 1, 7))]) == date(2026, 1, 9)
    assert rules.stay_notification_due([(date(2026, 1, 1), date(2026, 1, 2))]) is None


@pytest.mark.parametrize(
    ("first", "under_18", "qualifying"),
    [
        (date(2012, 5, 10), False, date(2027, 5, 10)),
        (date(2012, 5, 10), True, date(2020, 5, 10)),
        (date(2012, 2, 29), False, date(2027, 3, 1)),  # period ends 28 Feb 2027
        (date(2016, 2, 29), True, date(2024, 2, 29)),  # 2024 is a leap year
        (date(2011, 12, 31), False, date(2026, 12, 31)),
    ],
)
def test_the_indefinite_review_qualifying_date(first, under_18, qualifying):
    assert rules.review_qualifying_date(first, under_18=under_18) == qualifying


@pytest.mark.parametrize(
    ("since", "level", "interval", "due"),
    [
        (date(2026, 1, 31), "very_high", None, date(2026, 3, 1)),  # 31 Feb rolls forward
        (date(2026, 1, 15), "very_high", None, date(2026, 2, 15)),
        (date(2025, 11, 30), "high", None, date(2026, 3, 1)),  # 30 Feb does not exist: 1 Mar
        (date(2026, 1, 10), "medium", None, date(2026, 7, 10)),
        (date(2024, 2, 29), "low", None, date(2025, 3, 1)),
        (date(2026, 1, 10), "low", 28, date(2026, 2, 7)),
    ],
)
def test_visits_follow_the_risk_level_unless_the_plan_says_otherwise(since, level, interval, due):
    assert rules.next_visit_due(since, level, interval_days=interval) == due


def test_a_force_may_set_its_own_visit_intervals():
    intervals = {**rules.DEFAULT_VISIT_INTERVAL_MONTHS, rules.RiskLevel.HIGH: 2}
    assert rules.next_visit_due(date(2026, 1, 10), "high", intervals=intervals) == date(2026, 3, 10)


def test_a_visit_interval_beyond_a_year_is_refused():
    with pytest.raises(RuleViolation):
        rules.next_visit_due(date(2026, 1, 10), "low", interval_days=400)


@pytest.mark.parametrize(
    ("low_since", "today", "eligible"),
    [
        (date(2023, 1, 1), date(2026, 1, 1), True),
        (date(2023, 1, 2), date(2026, 1, 1), False),
        (date(2024, 2, 29), date(2027, 3, 1), True),
        (date(2024, 2, 29), date(2027, 2, 28), False),
        (None, date(2026, 1, 1), False),
    ],
)
def test_low_risk_for_three_years_may_be_reactive(low_since, today, eligible):
    assert rules.eligible_for_reactive_management(low_since, today) is eligible


OK = None


@pytest.mark.parametrize(
    ("kind", "made", "ends", "ufo", "travel", "field"),
    [
        # SHPO: at least 5 years or until further order; travel prohibition at most 5 years
        ("shpo", date(2026, 3, 1), None, True, None, OK),
        ("shpo", date(2026, 3, 1), date(2031, 2, 28), False, None, OK),
        ("shpo", date(2026, 3, 1), date(2031, 2, 27), False, None, "ends_on"),
        ("shpo", date(2024, 2, 29), date(2029, 2, 28), False, None, OK),
        ("shpo", date(2026, 3, 1), None, True, date(2031, 2, 28), OK),
        (
            "shpo",
            date(2026, 3, 1),
            None,
            True,
            date(2031, 3, 1),
            "foreign_travel_prohibition_until",
        ),
        ("shpo", date(2026, 3, 1), date(2032, 1, 1), False, date(2030, 1, 1), OK),
        ("shpo", date(2026, 3, 1), None, False, None, "ends_on"),
        ("shpo", date(2026, 3, 1), date(2032, 1, 1), True, None, "ends_on"),
        # SRO: at least 2 years
        ("sro", date(2026, 1, 1), date(2027, 12, 31), False, None, OK),
        ("sro", date(2026, 1, 1), date(2027, 12, 30), False, None, "ends_on"),
        ("sro", date(2026, 1, 1), None, False, date(2027, 1, 1), "ends_on"),
        ("sro", date(2026, 1, 1), None, True, date(2027, 1, 1), "foreign_travel_prohibition_until"),
        # DVPO: 14 to 28 days beginning with the making, never until further order
        ("dvpo", date(2026, 2, 1), date(2026, 2, 14), False, None, OK),
        ("dvpo", date(2026, 2, 1), date(2026, 2, 13), False, None, "ends_on"),
        ("dvpo", date(2026, 2, 1), date(2026, 2, 28), False, None, OK),
        ("dvpo", date(2026, 2, 1), date(2026, 3, 1), False, None, "ends_on"),
        ("dvpo", date(2028, 2, 1), date(2028, 2, 28), False, None, OK),
        ("dvpo", date(2026, 2, 1), None, True, None, "until_further_order"),
        # DAPO, non-molestation: as specified
        ("dapo", date(2026, 2, 1), date(2026, 2, 2), False, None, OK),
        ("dapo", date(2026, 2, 1), None, True, None, OK),
        ("non_molestation", date(2026, 2, 1), date(2026, 8, 1), False, None, OK),
        ("non_molestation", date(2026, 2, 1), date(2026, 1, 1), False, None, "ends_on"),
        ("stalking_protection", date(2026, 2, 1), date(2027, 2, 1), False, None, "ends_on"),
    ],
)
def test_order_lengths_the_law_allows(kind, made, ends, ufo, travel, field):
    call = {
        "kind": kind,
        "made_on": made,
        "ends_on": ends,
        "until_further_order": ufo,
        "foreign_travel_prohibition_until": travel,
    }
    if field is None:
        rules.check_order_length(**call)
    else:
        with pytest.raises(RuleViolation) as caught:
            rules.check_order_length(**call)
        assert caught.value.field == field


def test_a_refusal_names_the_rule():
    with pytest.raises(RuleViolation) as caught:
        rules.check_order_length(
            kind=OrderKind.SHPO,
            made_on=date(2026, 3, 1),
            ends_on=date(2027, 3, 1),
            until_further_order=False,
        )
    assert "at least 5 years" in caught.value.message
    assert "28 February 2031" in caught.value.message


@pytest.mark.parametrize(
    ("held", "level", "due"),
    [
        (date(2026, 1, 5), 2, date(2026, 4, 27)),  # 16 weeks
        (date(2026, 1, 5), 3, date(2026, 3, 2)),  # 8 weeks
        (date(2028, 1, 10), 3, date(2028, 3, 6)),  # across 29 Feb
        (date(2026, 1, 5), 1, None),
    ],
)
def test_mappa_reviews_follow_the_level(held, level, due):
    assert rules.mappa_review_due(held, level) == due


def test_a_force_may_set_its_own_mappa_cadence():
    assert rules.mappa_review_due(date(2026, 1, 5), 2, {2: 12, 3: 6}) == date(2026, 3, 30)


def test_a_mappa_level_outside_one_to_three_is_refused():
    with pytest.raises(RuleViolation):
        rules.mappa_review_due(date(2026, 1, 5), 4)

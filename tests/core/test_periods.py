"""The one reporting-period type: month ends, leap years, financial-year edges, bounds."""

from __future__ import annotations

import datetime as dt

import pytest

from core.periods import (
    Period,
    PeriodError,
    last_complete_quarter,
    last_quarters,
    month_end,
    parse_date,
    parse_month,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "first", "last"),
    [
        (D(2026, 1, 15), D(2026, 1, 1), D(2026, 1, 31)),
        (D(2026, 2, 1), D(2026, 2, 1), D(2026, 2, 28)),
        (D(2024, 2, 29), D(2024, 2, 1), D(2024, 2, 29)),  # leap year
        (D(2000, 2, 10), D(2000, 2, 1), D(2000, 2, 29)),  # divisible by 400: leap
        (D(2100, 2, 10), D(2100, 2, 1), D(2100, 2, 28)),  # divisible by 100: not leap
        (D(2026, 4, 30), D(2026, 4, 1), D(2026, 4, 30)),
        (D(2026, 12, 31), D(2026, 12, 1), D(2026, 12, 31)),
        (D(2999, 12, 5), D(2999, 12, 1), D(2999, 12, 31)),
    ],
)
def test_a_month_runs_from_its_first_to_its_last_day(day, first, last):
    period = Period.month(day)
    assert (period.first, period.last, period.kind) == (first, last, "month")
    assert month_end(day) == last


@pytest.mark.parametrize(
    ("day", "first", "last"),
    [
        (D(2026, 1, 1), D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 3, 31), D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 4, 1), D(2026, 4, 1), D(2026, 6, 30)),
        (D(2026, 9, 30), D(2026, 7, 1), D(2026, 9, 30)),
        (D(2026, 12, 31), D(2026, 10, 1), D(2026, 12, 31)),
    ],
)
def test_a_quarter_is_three_calendar_months(day, first, last):
    assert (Period.quarter(day).first, Period.quarter(day).last) == (first, last)


@pytest.mark.parametrize(
    ("day", "first", "last", "label"),
    [
        (D(2026, 3, 31), D(2025, 4, 1), D(2026, 3, 31), "2025/26"),
        (D(2026, 4, 1), D(2026, 4, 1), D(2027, 3, 31), "2026/27"),
        (D(2026, 1, 1), D(2025, 4, 1), D(2026, 3, 31), "2025/26"),
        (D(2026, 12, 31), D(2026, 4, 1), D(2027, 3, 31), "2026/27"),
        (D(1999, 6, 1), D(1999, 4, 1), D(2000, 3, 31), "1999/00"),
        (D(2024, 2, 29), D(2023, 4, 1), D(2024, 3, 31), "2023/24"),
    ],
)
def test_a_financial_year_runs_from_1_april_to_31_march(day, first, last, label):
    period = Period.financial_year(day)
    assert (period.first, period.last, period.label) == (first, last, label)


@pytest.mark.parametrize(
    ("period", "before"),
    [
        (Period.month(D(2026, 3, 1)), Period.month(D(2026, 2, 1))),
        (Period.month(D(2026, 1, 1)), Period.month(D(2025, 12, 1))),
        (Period.quarter(D(2026, 2, 1)), Period.quarter(D(2025, 12, 1))),
        (Period.financial_year(D(2026, 4, 1)), Period.financial_year(D(2026, 3, 31))),
        (
            Period.custom(D(2026, 3, 1), D(2026, 3, 10)),
            Period.custom(D(2026, 2, 19), D(2026, 2, 28)),
        ),
    ],
)
def test_the_period_before(period, before):
    assert period.previous() == before


def test_the_last_complete_quarters():
    assert last_complete_quarter(D(2026, 4, 1)) == Period.quarter(D(2026, 1, 1))
    assert last_complete_quarter(D(2026, 3, 31)) == Period.quarter(D(2025, 10, 1))
    assert [(q.first, q.last) for q in last_quarters(D(2026, 7, 1), 4)] == [
        (D(2025, 7, 1), D(2025, 9, 30)),
        (D(2025, 10, 1), D(2025, 12, 31)),
        (D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 4, 1), D(2026, 6, 30)),
    ]


def test_the_months_a_period_touches():
    assert Period.custom(D(2025, 11, 30), D(2026, 2, 1)).month_starts() == [
        D(2025, 11, 1),
        D(2025, 12, 1),
        D(2026, 1, 1),
        D(2026, 2, 1),
    ]
    assert Period.last_months(D(2026, 6, 15), 6) == Period.months(D(2026, 1, 1), D(2026, 6, 1))
    assert Period.financial_year(D(2026, 5, 1)).days == 365
    assert Period.financial_year(D(2023, 5, 1)).days == 366  # includes 29 February 2024
    assert D(2024, 2, 29) in Period.month(D(2024, 2, 1))


@pytest.mark.parametrize(
    ("first", "last", "refused_on"),
    [
        (D(2026, 1, 1), D(2026, 1, 1), None),
        (D(2016, 4, 1), D(2026, 3, 31), None),  # ten financial years
        (D(2016, 1, 1), D(2026, 1, 5), None),  # 3657 days
        (D(2016, 1, 1), D(2026, 1, 10), "to"),  # 3662 days
        (D(1900, 1, 1), D(2026, 1, 1), "to"),
        (D(1, 1, 1), D(9999, 12, 31), "from"),
        (D(9999, 1, 1), D(9999, 12, 31), "from"),
        (D(2026, 1, 2), D(2026, 1, 1), "to"),
    ],
)
def test_a_period_is_bounded(first, last, refused_on):
    if refused_on is None:
        assert Period.custom(first, last).last == last
    else:
        with pytest.raises(PeriodError) as refused:
            Period.custom(first, last)
        assert refused.value.field == refused_on


DEFAULT = Period.financial_year(D(2026, 6, 1))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, DEFAULT),
        ({"from": "", "to": ""}, DEFAULT),
        ({"from": "2026-05-01"}, Period.custom(D(2026, 5, 1), D(2027, 3, 31))),
        ({"to": "2026-05-31"}, Period.custom(D(2026, 4, 1), D(2026, 5, 31))),
        ({"from": "2024-02-29", "to": "2024-03-01"}, Period.custom(D(2024, 2, 29), D(2024, 3, 1))),
    ],
)
def test_a_period_from_a_query_string(params, expected):
    assert Period.from_params(params, default=DEFAULT) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-02-30"}, "from"),
        ({"from": "2023-02-29"}, "from"),  # not a leap year
        ({"to": "31/03/2026"}, "to"),
        ({"to": "2026-3-1"}, "to"),
        ({"from": "x"}, "from"),
        ({"from": "99999-01-01"}, "from"),
        ({"from": "2026-05-01", "to": "2026-04-30"}, "to"),
        ({"from": "0001-01-01", "to": "9999-12-31"}, "from"),
        ({"from": "9999-01-01", "to": "9999-12-31"}, "from"),
        ({"to": "1899-12-31"}, "to"),
        ({"from": "1900-01-01"}, "to"),
    ],
)
def test_a_malformed_or_unbounded_query_names_the_field(params, field):
    with pytest.raises(PeriodError) as refused:
        Period.from_params(params, default=DEFAULT)
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("params", "first", "last"),
    [
        ({"from": "2026-01", "to": "2026-02"}, D(2026, 1, 1), D(2026, 2, 28)),
        ({"from": "2024-02", "to": "2024-02"}, D(2024, 2, 1), D(2024, 2, 29)),
        ({"to": "2026-12"}, D(2026, 4, 1), D(2026, 12, 31)),
    ],
)
def test_whole_months_from_a_query_string(params, first, last):
    period = Period.from_params(params, default=DEFAULT, unit="month")
    assert (period.first, period.last) == (first, last)


@pytest.mark.parametrize(
    "value", ["2026-13", "2026-00", "26-01", "2026-1", "2026-01-01", "abcd-ef"]
)
def test_a_malformed_month_is_refused(value):
    with pytest.raises(PeriodError):
        parse_month(value, "from")


def test_blank_inputs_are_none():
    assert parse_date("  ", "from") is None and parse_month(None, "to") is None
    assert parse_date("2026-03-31", "from") == D(2026, 3, 31)

import datetime as dt

import pytest

from core import calendar as cal

UTC = dt.UTC
D = dt.date


@pytest.mark.parametrize(
    ("first_day", "months", "last_day"),
    [
        (D(2026, 1, 1), 3, D(2026, 3, 31)),
        (D(2026, 1, 15), 1, D(2026, 2, 14)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # 31 Feb does not exist: 1 Mar, so ends 28 Feb
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2026, 8, 31), 3, D(2026, 11, 30)),  # 31 Nov does not exist: ends 30 Nov
        (D(2026, 11, 30), 3, D(2027, 2, 28)),  # 30 Feb does not exist
        (D(2023, 11, 30), 3, D(2024, 2, 29)),
        (D(2026, 10, 31), 3, D(2027, 1, 30)),
        (D(2026, 12, 1), 6, D(2027, 5, 31)),
        (D(2026, 3, 1), 12, D(2027, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # 29 Feb 2025 does not exist: 1 Mar, ends 28 Feb
    ],
)
def test_a_months_period_beginning_with_a_day_ends_the_day_before_the_corresponding_date(
    first_day, months, last_day
):
    assert cal.period_end_months(first_day, months) == last_day


@pytest.mark.parametrize(
    ("first_day", "days", "last_day"),
    [
        (D(2026, 1, 1), 1, D(2026, 1, 1)),
        (D(2026, 1, 1), 28, D(2026, 1, 28)),
        (D(2026, 2, 10), 28, D(2026, 3, 9)),
    ],
)
def test_a_days_period_counts_its_first_day(first_day, days, last_day):
    assert cal.period_end_days(first_day, days) == last_day


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 12, 25), True),
        (D(2026, 12, 28), True),  # Boxing Day substitute
        (D(2026, 12, 26), False),  # Boxing Day on a Saturday: its substitute is the holiday
        (D(2026, 4, 3), True),  # Good Friday
        (D(2026, 4, 6), True),  # Easter Monday
        (D(2026, 8, 31), True),
        (D(2026, 11, 23), False),
    ],
)
def test_it_knows_england_and_wales_bank_holidays(day, expected):
    assert cal.is_bank_holiday(day) is expected


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2026, 11, 20), 1, D(2026, 11, 23)),  # Friday + 1 working day = Monday
        (D(2026, 12, 24), 1, D(2026, 12, 29)),  # over Christmas, Boxing Day and its substitute
        (D(2026, 4, 2), 1, D(2026, 4, 7)),  # over Easter
        (D(2026, 11, 23), 0, D(2026, 11, 23)),
    ],
)
def test_it_adds_working_days_skipping_weekends_and_bank_holidays(start, count, expected):
    assert cal.add_working_days(start, count) == expected


@pytest.mark.parametrize(
    ("start_utc", "hours", "end_utc"),
    [
        # 24 h across a clock change is 24 h of elapsed time
        (
            dt.datetime(2026, 3, 28, 12, 0, tzinfo=UTC),
            24,
            dt.datetime(2026, 3, 29, 12, 0, tzinfo=UTC),
        ),
        (
            dt.datetime(2026, 10, 24, 12, 0, tzinfo=UTC),
            24,
            dt.datetime(2026, 10, 25, 12, 0, tzinfo=UTC),
        ),
    ],
)
def test_hour_periods_are_elapsed_time_across_clock_changes(start_utc, hours, end_utc):
    end = cal.add_elapsed(start_utc, dt.timedelta(hours=hours))
    assert end == end_utc


def test_elapsed_time_moves_the_wall_clock_by_an_hour_across_the_autumn_change():
    # 12:00 BST on Sat 24 Oct 2026 + 24 h = 11:00 GMT on Sunday (wall clock), same instant + 24 h.
    start = cal.london_datetime(D(2026, 10, 24), dt.time(12, 0))
    end = cal.add_elapsed(start, dt.timedelta(hours=24))
    assert (end.date(), end.time()) == (D(2026, 10, 25), dt.time(11, 0))


def test_elapsed_time_moves_the_wall_clock_by_an_hour_across_the_spring_change():
    start = cal.london_datetime(D(2026, 3, 28), dt.time(12, 0))
    end = cal.add_elapsed(start, dt.timedelta(hours=24))
    assert (end.date(), end.time()) == (D(2026, 3, 29), dt.time(13, 0))


def test_a_period_ends_at_one_second_before_midnight_london_time():
    assert cal.end_of_day(D(2026, 7, 1)).astimezone(UTC) == dt.datetime(
        2026, 7, 1, 22, 59, 59, tzinfo=UTC
    )
    assert cal.end_of_day(D(2026, 12, 1)).astimezone(UTC) == dt.datetime(
        2026, 12, 1, 23, 59, 59, tzinfo=UTC
    )


def test_a_wall_time_in_the_spring_gap_is_read_as_after_the_gap():
    assert cal.london_datetime(D(2026, 3, 29), dt.time(1, 30)).astimezone(UTC) == dt.datetime(
        2026, 3, 29, 1, 30, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("start_local", "end_local"),
    [
        # Friday 10:00 + 48 h: Saturday counts, Sunday is disregarded, ends Monday 10:00.
        ((D(2026, 11, 20), dt.time(10)), (D(2026, 11, 23), dt.time(10))),
        # Thursday 24 Dec 09:00: 25 Dec (Christmas), 26 Dec is a Saturday and counts (Boxing Day
        # itself is not a bank holiday in 2026: its substitute, Mon 28 Dec, is), Sun 27 skipped.
        ((D(2026, 12, 24), dt.time(9)), (D(2026, 12, 29), dt.time(9))),
        # Thursday before Easter 2026: Good Friday, Sunday and Easter Monday disregarded.
        ((D(2026, 4, 2), dt.time(15)), (D(2026, 4, 7), dt.time(15))),
    ],
)
def test_a_48_hour_hearing_period_disregards_sundays_and_bank_holidays(start_local, end_local):
    start = cal.london_datetime(*start_local)
    assert cal.add_hours_disregarding_days(start, 48) == cal.london_datetime(*end_local)


def test_it_refuses_naive_datetimes():
    with pytest.raises(ValueError):
        cal.add_elapsed(dt.datetime(2026, 1, 1, 12), dt.timedelta(hours=1))

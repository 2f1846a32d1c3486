"""Pure time arithmetic shared by every app's rules.

Conventions (DOMAIN.md §0):

* Instants are stored in UTC and shown in Europe/London.
* Periods expressed in hours (PACE 24/36/96 h, Golden Hour, s.136) are *elapsed* time:
  add a ``timedelta`` to an aware instant. Across a clock change the wall-clock result
  moves by an hour; that is intended.
* Periods of days or months "beginning with" a day count that day as day 1 and end at
  23:59:59 local time on the last day. Where the corresponding day of the target month
  does not exist (31 November), the period ends on the last day of the target month.
* Bank holidays are England & Wales ones from the ``holidays`` package (offline data).

Nothing here reads the clock or the database: pass the instant in.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


def local(instant: dt.datetime) -> dt.datetime:
    """The instant as Europe/London wall time. Refuses naive datetimes."""
    if instant.tzinfo is None:
        raise ValueError("naive datetime: pass an aware instant")
    return instant.astimezone(LONDON)


def local_date(instant: dt.datetime) -> dt.date:
    return local(instant).date()


def london_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    """Wall time in London on ``day`` as an aware datetime.

    A wall time that does not exist (01:30 on the spring-forward Sunday) is read as the
    same elapsed instant after the gap (02:30 BST); an ambiguous one (01:30 on the
    autumn Sunday) as its first occurrence (BST), which is Python's ``fold=0``.
    """
    naive = dt.datetime.combine(day, time)
    aware = naive.replace(tzinfo=LONDON)
    # Round-tripping through UTC normalises a non-existent wall time.
    return aware.astimezone(dt.UTC).astimezone(LONDON)


def end_of_day(day: dt.date) -> dt.datetime:
    """23:59:59 London time on ``day``: the moment a "beginning with" period ends."""
    return london_datetime(day, dt.time(23, 59, 59))


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding date ``months`` later; the 1st of the next month if it does not exist.

    31 Jan + 1 month: 31 Feb does not exist, so 1 Mar (DOMAIN.md §0 convention).
    """
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if day.day > last:
        return dt.date(year, month, last) + dt.timedelta(days=1)
    return dt.date(year, month, day.day)


def period_end_months(first_day: dt.date, months: int) -> dt.date:
    """Last day of a period of ``months`` months beginning with ``first_day``.

    The day before the corresponding date; if that date does not exist the period ends
    on the last day of the target month. 1 Jan + 3 months ends 31 Mar; 30 Nov + 3 months
    ends 28/29 Feb; 31 Aug + 3 months ends 30 Nov.
    """
    return add_months(first_day, months) - dt.timedelta(days=1)


def period_end_days(first_day: dt.date, days: int) -> dt.date:
    """Last day of a period of ``days`` days beginning with ``first_day`` (day 1)."""
    if days < 1:
        raise ValueError("a period has at least one day")
    return first_day + dt.timedelta(days=days - 1)


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    # The package also lists a holiday's own date when it falls at a weekend (Boxing Day on
    # a Saturday) beside its weekday substitute; only weekdays are bank holidays.
    days = holidays.country_holidays("GB", subdiv="ENG", years=year).keys()
    return frozenset(day for day in days if day.weekday() < 5)


def is_bank_holiday(day: dt.date) -> bool:
    """England & Wales bank holiday (substitute days included)."""
    return day in _bank_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The working day ``count`` working days after ``day`` (``day`` itself not counted)."""
    if count < 0:
        raise ValueError("count must not be negative")
    current = day
    while count:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count -= 1
    return current


def is_disregarded_for_hearing(day: dt.date) -> bool:
    """Days left out of a 48-hour hearing period (Domestic Abuse Act 2021 s.29(3)).

    Sundays, Christmas Day, Good Friday and England & Wales bank holidays.
    """
    return day.weekday() == 6 or (day.month, day.day) == (12, 25) or is_bank_holiday(day)


def add_hours_disregarding_days(start: dt.datetime, hours: int) -> dt.datetime:
    """``hours`` of elapsed time from ``start``, not counting any disregarded day.

    Time falling on a disregarded London day is skipped entirely (the clock stops at its
    midnight and restarts at the next midnight).
    """
    remaining = dt.timedelta(hours=hours)
    cursor = local(start)
    while True:
        day = cursor.date()
        next_midnight = london_datetime(day + dt.timedelta(days=1), dt.time(0))
        if is_disregarded_for_hearing(day):
            cursor = next_midnight
            continue
        # Subtract in UTC: same-tzinfo subtraction in Python ignores the offset change.
        available = next_midnight.astimezone(dt.UTC) - cursor.astimezone(dt.UTC)
        if remaining <= available:
            return _add_elapsed(cursor, remaining)
        remaining -= available
        cursor = next_midnight


def _add_elapsed(instant: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    return (instant.astimezone(dt.UTC) + delta).astimezone(LONDON)


def add_elapsed(instant: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """Elapsed-time addition: correct across clock changes (arithmetic in UTC)."""
    if instant.tzinfo is None:
        raise ValueError("naive datetime: pass an aware instant")
    return _add_elapsed(instant, delta)

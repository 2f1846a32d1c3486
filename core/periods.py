"""Reporting periods: one bounded type for every dashboard, report, export and ``from``/``to``
filter (pure: no database, no clock; callers pass ``today``).

A :class:`Period` is a run of whole days, ``first`` to ``last`` inclusive, of one of four
kinds: a calendar month, a calendar quarter (January-March, ...), a financial year (1 April to
31 March, as police and Home Office figures are kept) or a custom range. Every period is
bounded: a range whose end is before its start, or that is longer than :data:`MAX_YEARS`, is
refused with a :class:`PeriodError` naming the field to blame, so a page shows a field error
and the API answers 400 instead of computing figures for a millennium.

Example::

    period = Period.from_params(request.GET, default=Period.financial_year(today))
    period.first, period.last        # dates, inclusive
    period.months()                  # first day of each month it touches
    Period.quarter(today).previous() # the quarter before this one
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from core.calendar import add_months  # on a month's first day: the first of another month

MAX_YEARS = 10
# Ten calendar years, whichever years they are (a custom range may start on any day).
_MAX_DAYS = 366 * MAX_YEARS

Kind = Literal["month", "quarter", "financial_year", "custom"]

FINANCIAL_YEAR_STARTS = 4  # April
# Dates typed into a filter must fall in these years (no record is older; arithmetic on
# year 9999 would overflow).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2999


class PeriodError(ValueError):
    """A period that cannot be used; ``field`` is the input to mark (``from`` or ``to``)."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


# --- calendar arithmetic -----------------------------------------------------------------


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def financial_year_start(day: dt.date) -> dt.date:
    """1 April on or before ``day``."""
    year = day.year if day.month >= FINANCIAL_YEAR_STARTS else day.year - 1
    return dt.date(year, FINANCIAL_YEAR_STARTS, 1)


# --- parsing --------------------------------------------------------------------------------


def parse_date(value: str | None, field: str) -> dt.date | None:
    """An ISO date (``2026-03-31``) from a query string; blank is None; anything else refused."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        if len(text) != 10:
            raise ValueError(text)
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise PeriodError(field, "Enter a real date, like 2026-03-31.") from None
    _check_year(day, field)
    return day


def parse_month(value: str | None, field: str) -> dt.date | None:
    """A month as ``YYYY-MM`` (its first day); blank is None; anything else refused."""
    text = (value or "").strip()
    if not text:
        return None
    year, _, month = text.partition("-")
    try:
        if len(year) != 4 or len(month) != 2 or not (year + month).isdigit():
            raise ValueError(text)
        first = dt.date(int(year), int(month), 1)
    except ValueError:
        raise PeriodError(field, "Enter a real month, like 2026-03.") from None
    _check_year(first, field)
    return first


def _check_year(day: dt.date, field: str) -> None:
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise PeriodError(field, f"Enter a date between {EARLIEST_YEAR} and {LATEST_YEAR}.")


# --- the type -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date
    kind: Kind = "custom"

    def __post_init__(self) -> None:
        check_bounds(self.first, self.last)

    # Constructors ----------------------------------------------------------------------------

    @classmethod
    def month(cls, day: dt.date) -> Period:
        return cls(month_start(day), month_end(day), "month")

    @classmethod
    def quarter(cls, day: dt.date) -> Period:
        start = quarter_start(day)
        return cls(start, month_end(add_months(start, 2)), "quarter")

    @classmethod
    def financial_year(cls, day: dt.date) -> Period:
        start = financial_year_start(day)
        return cls(start, month_end(add_months(start, 11)), "financial_year")

    @classmethod
    def custom(cls, first: dt.date, last: dt.date) -> Period:
        return cls(first, last, "custom")

    @classmethod
    def months(cls, first_month: dt.date, last_month: dt.date) -> Period:
        """Whole months, from ``first_month``'s first day to ``last_month``'s last."""
        return cls(month_start(first_month), month_end(last_month), "custom")

    @classmethod
    def last_months(cls, today: dt.date, count: int) -> Period:
        """The ``count`` months ending with ``today``'s month (which is included whole)."""
        return cls.months(add_months(month_start(today), 1 - count), today)

    @classmethod
    def from_params(
        cls,
        params: Mapping[str, str],
        *,
        default: Period,
        unit: Literal["day", "month"] = "day",
        from_key: str = "from",
        to_key: str = "to",
    ) -> Period:
        """The period a query string asks for: ``from``/``to`` as ISO dates (or ``YYYY-MM``
        with ``unit="month"``, whole months). A missing end takes the default's; a malformed
        or unbounded one raises :class:`PeriodError` for that field."""
        parse = parse_month if unit == "month" else parse_date
        first = parse(params.get(from_key), from_key)
        last = parse(params.get(to_key), to_key)
        if unit == "month" and last is not None:
            last = month_end(last)
        first = first or (month_start(default.first) if unit == "month" else default.first)
        last = last or default.last
        check_bounds(first, last, from_key=from_key, to_key=to_key)
        if (first, last) == (default.first, default.last):
            return default
        return cls(first, last, "custom")

    # Reading ---------------------------------------------------------------------------------

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last

    def month_starts(self) -> list[dt.date]:
        """The first day of every month the period touches, in order."""
        months, cursor = [], month_start(self.first)
        while cursor <= self.last:
            months.append(cursor)
            cursor = add_months(cursor, 1)
        return months

    def previous(self) -> Period:
        """The period of the same kind just before (a custom range: the same length)."""
        before = self.first - dt.timedelta(days=1)
        if self.kind == "month":
            return Period.month(before)
        if self.kind == "quarter":
            return Period.quarter(before)
        if self.kind == "financial_year":
            return Period.financial_year(before)
        return Period.custom(before - dt.timedelta(days=self.days - 1), before)

    def params(self, unit: Literal["day", "month"] = "day") -> dict[str, str]:
        """The query string that asks for this period again."""
        if unit == "month":
            return {"from": f"{self.first:%Y-%m}", "to": f"{self.last:%Y-%m}"}
        return {"from": self.first.isoformat(), "to": self.last.isoformat()}

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.first:%B %Y}"
        if self.kind == "quarter":
            return f"{self.first:%B} to {self.last:%B %Y}"
        if self.kind == "financial_year":
            return f"{self.first.year}/{str(self.first.year + 1)[2:]}"
        return f"{self.first.day} {self.first:%B %Y} to {self.last.day} {self.last:%B %Y}"


def check_bounds(
    first: dt.date, last: dt.date, *, from_key: str = "from", to_key: str = "to"
) -> None:
    """Refuse a date outside 1900-2999, an end before the start, or a range longer than
    :data:`MAX_YEARS`."""
    _check_year(first, from_key)
    _check_year(last, to_key)
    if last < first:
        raise PeriodError(to_key, "The end of the period must be on or after its start.")
    if (last - first).days > _MAX_DAYS:
        raise PeriodError(to_key, "Choose a period of at most ten years.")


def last_complete_quarter(on: dt.date) -> Period:
    """The latest calendar quarter ending before ``on`` (police quarters run April-June, ...,
    so these are also financial-year quarters)."""
    return Period.quarter(on).previous()


def last_quarters(on: dt.date, count: int) -> list[Period]:
    """The ``count`` complete quarters before ``on``, oldest first."""
    quarters = [last_complete_quarter(on)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters[::-1]

"""Legal date helpers shared by every app (pure: no database, no clock).

Example: ``age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17`` and on 1 March it is 18.
"""

from __future__ import annotations

import datetime as dt
import re


def birthday_in(date_of_birth: dt.date, year: int) -> dt.date:
    """The day in ``year`` on which someone born on ``date_of_birth`` turns a year older.

    A 29 February birthday falls on 1 March in a common year (the DOMAIN.md §0 roll-forward
    convention, the usual reading in England and Wales; UNCONFIRMED as law).
    """
    if (date_of_birth.month, date_of_birth.day) == (2, 29):
        try:
            return dt.date(year, 2, 29)
        except ValueError:
            return dt.date(year, 3, 1)
    return date_of_birth.replace(year=year)


def age_on(date_of_birth: dt.date, on: dt.date) -> int:
    """Age in whole years on the date ``on``. Refuses a date before the birth."""
    if on < date_of_birth:
        raise ValueError("the date is before the date of birth")
    years = on.year - date_of_birth.year
    return years - 1 if on < birthday_in(date_of_birth, on.year) else years


# --- The GOV.UK date input: three boxes (and a time box) to one value a form field parses ------

MONTH_NUMBERS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_TIME = re.compile(r"^(\d{1,2})[:.]?(\d{2})\s*(am|pm)?$", re.IGNORECASE)


def _number(text: str, *, month: bool = False) -> str:
    text = text.strip()
    if month and text.lower().rstrip(".") in MONTH_NUMBERS:
        return f"{MONTH_NUMBERS[text.lower().rstrip('.')]:02d}"
    return f"{int(text):02d}" if text.isdigit() and len(text) <= 2 else text


def compose_date(day: str, month: str, year: str) -> str:
    """The three boxes of a GOV.UK date input as the ISO date a date field parses.

    ``""`` when all three are empty (the field's own "required" rule then applies); month
    names are accepted ("mar", "March"). Whatever is not a day, month or four-digit year is
    passed on as typed, so the field refuses it rather than guessing: ``("1", "3", "26")`` is
    ``"26-03-01"``, which no date format accepts.
    """
    if not (day.strip() or month.strip() or year.strip()):
        return ""
    return f"{year.strip()}-{_number(month, month=True)}-{_number(day)}"


def compose_month(month: str, year: str) -> str:
    """A month and year box as ``YYYY-MM`` (month names accepted); ``""`` when both are empty;
    anything else as typed, for the reader to refuse."""
    if not (month.strip() or year.strip()):
        return ""
    return f"{year.strip()}-{_number(month, month=True)}"


def compose_time(text: str) -> str:
    """A time typed as 14:30, 1430, 14.30 or 2:30pm as ``HH:MM``; anything else as typed."""
    match = _TIME.match(text.strip())
    if not match:
        return text.strip()
    hour, minute, half = int(match.group(1)), int(match.group(2)), (match.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return text.strip()
        hour = hour % 12 + (12 if half == "pm" else 0)
    return f"{hour:02d}:{minute:02d}"


def compose_datetime(day: str, month: str, year: str, time: str) -> str:
    """A date input and a time box as ``YYYY-MM-DDTHH:MM`` (``""`` when all are empty)."""
    date = compose_date(day, month, year)
    if not date and not time.strip():
        return ""
    return f"{date}T{compose_time(time)}"

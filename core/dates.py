"""Legal date helpers shared by every app (pure: no database, no clock).

Example: ``age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17`` and on 1 March it is 18.
"""

from __future__ import annotations

import datetime as dt


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

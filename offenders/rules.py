"""Identifier rules for nominal records (DOMAIN.md §11). Pure functions."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from core.calendar import add_months
from core.rules import RuleViolation

PNC_CHECK_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"
_PNC_CANONICAL = re.compile(r"^(\d{4})/(\d{7})([A-Z])$")
_PNC_LOOSE = re.compile(r"^(\d{2}|\d{4})/?(\d{1,7})([A-Za-z])$")


class PncError(ValueError):
    pass


def pnc_check_letter(year: str, serial: str) -> str:
    """Check letter for a PNC ID: "ZABCDEFGHJKLMNPQRTUVWXY"[int(YY + NNNNNNN) % 23]."""
    return PNC_CHECK_LETTERS[int(year[-2:] + serial.zfill(7)) % 23]


def make_pnc_id(year: int, serial: int) -> str:
    y, s = f"{year:04d}", f"{serial:07d}"
    return f"{y}/{s}{pnc_check_letter(y, s)}"


def normalise_pnc_id(value: str, *, loose: bool = False) -> str:
    """The canonical ``YYYY/NNNNNNNL`` form, or PncError saying what is wrong.

    Strict by default: exactly ``YYYY/NNNNNNNL``. With ``loose`` (searching), the slash may
    be missing and the serial shorter (zero-padded); the year must still have 4 digits.
    """
    text = value.strip().upper()
    if loose:
        match = _PNC_LOOSE.match(text)
        if not match or len(match.group(1)) != 4:
            raise PncError("Enter a PNC ID like 2008/0056560Z.")
        year, serial, letter = match.group(1), match.group(2).zfill(7), match.group(3)
    else:
        match = _PNC_CANONICAL.match(text)
        if not match:
            raise PncError("Enter a PNC ID in the form YYYY/NNNNNNNL, like 2008/0056560Z.")
        year, serial, letter = match.groups()
    expected = pnc_check_letter(year, serial)
    if letter != expected:
        raise PncError(
            f"The PNC ID check letter is wrong: {year}/{serial} should end in {expected}."
        )
    return f"{year}/{serial}{letter}"


EARLIEST_BIRTH_YEAR = 1900


def check_date_of_birth(date_of_birth, today) -> None:
    """A date of birth is neither in the future nor before 1900."""
    if date_of_birth > today:
        raise RuleViolation("date_of_birth", "Date of birth must be today or in the past.")
    if date_of_birth.year < EARLIEST_BIRTH_YEAR:
        raise RuleViolation("date_of_birth", "Date of birth must be on or after 1 January 1900.")


def check_dates_in_order(start, end, *, field: str, message: str) -> None:
    if start is not None and end is not None and end < start:
        raise RuleViolation(field, message)


# --- Retention review (MoPI, DOMAIN.md §9.2) --------------------------------------------------
# The group periods are the national guidance's as DOMAIN.md records them (marked UNCONFIRMED
# there): defaults a force may change (settings.MOPI_RETENTION, see docs/data-protection.md).


@dataclass(frozen=True)
class RetentionPolicy:
    group_1_until_age: int = 100  # certain public-protection matters: kept to age 100 ...
    group_1_review_years: int = 10  # ... and reviewed every 10 years
    group_2_clear_years: int = 10  # other sexual, violent or serious offences
    group_3_clear_years: int = 6  # all other offences: the MoPI six-year minimum


def mopi_group(*, public_protection: bool, serious: bool) -> int:
    """Group 1 for public-protection subjects (RSO, MAPPA), 2 for a serious (indictable-only)
    offence, else 3."""
    if public_protection:
        return 1
    return 2 if serious else 3


def retention_review_on(
    *,
    group: int,
    last_event_on: dt.date,
    date_of_birth: dt.date,
    last_reviewed_on: dt.date | None = None,
    policy: RetentionPolicy = RetentionPolicy(),
) -> dt.date:
    """The date the person's records fall due for a MoPI review: the clear period after the
    last recorded event (groups 2 and 3); for group 1 every ten years from the last review
    (or event), but never later than the person's 100th birthday."""
    if group == 1:
        since = max(last_reviewed_on or last_event_on, last_event_on)
        review = add_months(since, 12 * policy.group_1_review_years)
        return min(review, add_months(date_of_birth, 12 * policy.group_1_until_age))
    years = policy.group_2_clear_years if group == 2 else policy.group_3_clear_years
    return add_months(last_event_on, 12 * years)


# Home Office crime outcomes that did not always exist (DOMAIN.md §3.4): none can be recorded
# for a day before the outcome was introduced.
OUTCOMES_INTRODUCED: dict[str, tuple[dt.date, str]] = {
    "21": (
        dt.date(2016, 1, 1),
        "Outcome 21 (further investigation not in the public interest) was introduced in "
        "January 2016",
    ),
    "22": (
        dt.date(2019, 4, 1),
        "Outcome 22 (diversionary, educational or intervention activity) was introduced on "
        "1 April 2019",
    ),
}


def outcome_existed_on(code: str, day: dt.date) -> bool:
    introduced = OUTCOMES_INTRODUCED.get(code)
    return introduced is None or day >= introduced[0]


def check_outcome_date(code: str, day: dt.date, field: str = "outcome") -> None:
    """Refuse an outcome recorded for ``day`` before the outcome existed (RuleViolation on
    ``field``, naming the rule)."""
    if not outcome_existed_on(code, day):
        introduced = OUTCOMES_INTRODUCED[code]
        raise RuleViolation(
            field,
            f"{introduced[1]} (Home Office Counting Rules, DOMAIN.md §3.4); it cannot be "
            f"recorded for {day.day} {day:%B %Y}.",
        )

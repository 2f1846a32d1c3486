"""The wanted, outstanding-suspect, warrant and voluntary-attender rules (DOMAIN.md §13).

Pure functions: no database, no clock (callers pass ``today``). Services turn a
``RuleViolation`` into a field-level ``ValidationError``.

Review cadence: every offence with a circulated suspect is reviewed regularly (Suffolk panel
report §9.2, §9.4); the interval is **UNCONFIRMED**, so it is configurable per force and
defaults to 28 days. A review is due ``cadence`` days after the circulation (or the
suspect's identification, or the warrant's issue) and then ``cadence`` days after each review.
"""

from __future__ import annotations

import datetime as dt

from core.periods import month_end, month_start
from core.rules import RuleViolation
from wanted.choices import BAIL_REASONS, AgeBand, Change, Reason, WantedOutcome

DEFAULT_REVIEW_DAYS = 28
MIN_REVIEW_DAYS = 7
MAX_REVIEW_DAYS = 182
# Age after which a case with no arrest goes to the performance meeting (§9.4), by default.
DEFAULT_PERFORMANCE_AGE_DAYS = 90

# Upper bound (inclusive, in days) of each age band; the last band is open-ended.
AGE_BANDS: tuple[tuple[int, AgeBand], ...] = (
    (28, AgeBand.UP_TO_28),
    (90, AgeBand.UP_TO_90),
    (180, AgeBand.UP_TO_180),
    (365, AgeBand.UP_TO_365),
)

MIN_NECESSITY_CHARACTERS = 20


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# --- Reviews --------------------------------------------------------------------------------


def check_cadence(days: int) -> int:
    """A force's review interval: between a week and six months."""
    if not MIN_REVIEW_DAYS <= days <= MAX_REVIEW_DAYS:
        raise RuleViolation(
            "review_days",
            f"A review interval must be between {MIN_REVIEW_DAYS} and {MAX_REVIEW_DAYS} days.",
        )
    return days


def review_due(last: dt.date, cadence_days: int = DEFAULT_REVIEW_DAYS) -> dt.date:
    """The next review: ``cadence_days`` after the opening or the last review."""
    return last + dt.timedelta(days=check_cadence(cadence_days))


def is_review_overdue(due: dt.date | None, today: dt.date) -> bool:
    """Overdue from the day after it was due (a review on the due day is on time)."""
    return due is not None and today > due


def check_review_date(held_on: dt.date, *, opened_on: dt.date, today: dt.date) -> None:
    if held_on > today:
        raise RuleViolation(
            "held_on", f"A review cannot be in the future (today is {_day(today)})."
        )
    if held_on < opened_on:
        raise RuleViolation(
            "held_on", f"A review cannot be before the case was opened on {_day(opened_on)}."
        )


# --- Ageing ---------------------------------------------------------------------------------


def age_in_days(since: dt.date, on: dt.date) -> int:
    """Whole days from ``since`` to ``on``: 0 on the day itself, never negative."""
    return max((on - since).days, 0)


def age_band(days: int) -> AgeBand:
    for upper, band in AGE_BANDS:
        if days <= upper:
            return band
    return AgeBand.OVER_A_YEAR


def for_performance_meeting(since: dt.date, on: dt.date, threshold_days: int) -> bool:
    """Still no arrest at least ``threshold_days`` after it was opened (§9.4)."""
    if threshold_days < 1:
        raise RuleViolation("age", "The age must be at least one day.")
    return age_in_days(since, on) >= threshold_days


# --- Monthly lists --------------------------------------------------------------------------


def list_date(month: dt.date, today: dt.date) -> dt.date:
    """The day a month's list is drawn up for: the month's last day, or today for the
    current month. A month that has not started has no list."""
    first = month_start(month)
    if first > today:
        raise RuleViolation("month", "There is no list for a month that has not started.")
    return min(month_end(first), today)


def previous_list_date(month: dt.date) -> dt.date:
    """The last day of the month before: the date of last month's list."""
    return month_start(month) - dt.timedelta(days=1)


def is_open_on(opened_on: dt.date, ended_on: dt.date | None, day: dt.date) -> bool:
    """Open at the end of ``day``: opened on or before it, not ended on or before it."""
    return opened_on <= day and (ended_on is None or ended_on > day)


def change_in_month(
    opened_on: dt.date, ended_on: dt.date | None, month: dt.date, today: dt.date
) -> Change | None:
    """What changed for one case since last month's list.

    NEW: opened this month and still open at this month's list date. ENDED: on last month's
    list (or opened this month) and ended this month. CONTINUING: on both lists. None: on
    neither list (ended before the month, or opened and ended before the month began).
    """
    first = month_start(month)
    last = list_date(month, today)
    if is_open_on(opened_on, ended_on, last):
        return Change.NEW if opened_on >= first else Change.CONTINUING
    if ended_on is not None and first <= ended_on <= last and opened_on <= last:
        return Change.ENDED
    return None


# --- Circulating and ending -----------------------------------------------------------------


def check_circulation(
    *,
    reason: str,
    linked_case_status: str | None,
    necessity: str,
    circulated_on: dt.date,
    today: dt.date,
) -> None:
    """A wanted circulation needs a Code G necessity in the officer's words, a PNC date not
    in the future, and, for a bail or RUI reason, the case it arises from (§9.3).

    ``linked_case_status`` is the linked bail case's status (``bail``, ``rui``, ``lapsed``,
    ``ended``) or None when no case is linked.
    """
    try:
        chosen = Reason(reason)
    except ValueError:
        raise RuleViolation("reason", "Choose why the person is circulated.") from None
    if circulated_on > today:
        raise RuleViolation(
            "circulated_on",
            f"The PNC circulation date cannot be in the future (today is {_day(today)}).",
        )
    if len(necessity.strip()) < MIN_NECESSITY_CHARACTERS:
        raise RuleViolation(
            "necessity",
            "Say in your own words why arrest is necessary (PACE Code G para 2.9), in at "
            f"least {MIN_NECESSITY_CHARACTERS} characters.",
        )
    if chosen == Reason.ARREST_NECESSARY:
        if linked_case_status is not None:
            raise RuleViolation(
                "bail_case",
                "A person never arrested for the offence has no bail or RUI case: "
                "choose the bail or RUI reason instead.",
            )
        return
    if linked_case_status is None:
        raise RuleViolation(
            "bail_case",
            "Link the bail case the failure arises from."
            if chosen in BAIL_REASONS
            else "Link the released-under-investigation case the fresh evidence is about.",
        )
    if chosen in BAIL_REASONS and linked_case_status not in ("bail", "lapsed"):
        raise RuleViolation(
            "bail_case", "That case is not on pre-charge bail; a bail reason needs a bail case."
        )
    if chosen == Reason.RUI_FRESH_EVIDENCE and linked_case_status != "rui":
        raise RuleViolation(
            "bail_case", "That case is not released under investigation; choose an RUI case."
        )


def check_end(*, ended_on: dt.date, opened_on: dt.date, today: dt.date, field: str = "ended_on"):
    """An ending is dated on or after the opening and not in the future."""
    if ended_on > today:
        raise RuleViolation(field, f"This date cannot be in the future (today is {_day(today)}).")
    if ended_on < opened_on:
        raise RuleViolation(field, f"This date cannot be before {_day(opened_on)}.")


def check_wanted_end(
    *, outcome: str, ended_on: dt.date, circulated_on: dt.date, today: dt.date
) -> WantedOutcome:
    try:
        chosen = WantedOutcome(outcome)
    except ValueError:
        raise RuleViolation("outcome", "Choose how the circulation ended.") from None
    check_end(ended_on=ended_on, opened_on=circulated_on, today=today)
    return chosen

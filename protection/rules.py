"""Public protection: the dates the law sets for registered sex offenders, MAPPA and
protective orders (DOMAIN.md §5, §6 and §7).

Pure: no database, no ORM, no clock. Dates are passed in. Every refusal is a
``core.rules.RuleViolation`` naming the input at fault and the rule, so the API answers a
rule-naming 400 and the page a field error.

Day conventions (DOMAIN.md §0): a period of N days or months "beginning with" day D counts D
as day 1 (``core.calendar.period_end_days`` / ``period_end_months``); a month end that does
not exist (31 Nov, 29 Feb in a common year) rolls to the last day of the target month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from core.calendar import add_months, period_end_days, period_end_months
from core.rules import RuleViolation
from protection.choices import Disposal, OrderKind, RiskLevel

ONE_DAY = dt.timedelta(days=1)

# --------------------------------------------------------------------------------------
# s.82 notification period (DOMAIN.md §6.2)
# --------------------------------------------------------------------------------------

INDEFINITE_FROM_MONTHS = 30  # imprisonment of 30 months or more
SHORT_SENTENCE_MONTHS = 6  # imprisonment of 6 months or less
CONDITIONAL_DISCHARGE_MAX_MONTHS = 36  # a conditional discharge lasts at most three years


@dataclass(frozen=True)
class NotificationPeriod:
    """The s.82 period: indefinite, or a number of months (10 years = 120)."""

    months: int | None  # None: indefinite

    @property
    def indefinite(self) -> bool:
        return self.months is None

    def iso(self) -> str:
        """``indefinite`` or an ISO 8601 duration: ``P10Y``, ``P3Y6M``, ``P18M`` -> ``P1Y6M``."""
        if self.months is None:
            return "indefinite"
        years, months = divmod(self.months, 12)
        text = "P"
        if years:
            text += f"{years}Y"
        if months or not years:
            text += f"{months}M"
        return text

    def label(self) -> str:
        if self.months is None:
            return "Indefinite"
        years, months = divmod(self.months, 12)
        parts = []
        if years:
            parts.append(f"{years} year{'s' if years != 1 else ''}")
        if months:
            parts.append(f"{months} month{'s' if months != 1 else ''}")
        return " ".join(parts)


INDEFINITE = NotificationPeriod(None)


def notification_period(
    *,
    disposal: str,
    under_18: bool,
    sentence_months: int | None = None,
    life_or_ipp: bool = False,
    discharge_months: int | None = None,
) -> NotificationPeriod:
    """The s.82(1) table, halved by s.82(2) for someone under 18 on the relevant date.

    Halving applies to the 10-, 7-, 5- and 2-year rows only: a conditional discharge's
    period is the discharge's own, and indefinite stays indefinite.
    """
    disposal = Disposal(disposal)
    if disposal == Disposal.IMPRISONMENT:
        if life_or_ipp:
            return INDEFINITE
        if sentence_months is None or sentence_months < 1:
            raise RuleViolation(
                "sentence_months",
                "Give the sentence of imprisonment in months (s.82(1) table depends on it).",
            )
        if sentence_months >= INDEFINITE_FROM_MONTHS:
            return INDEFINITE  # 30 months or more
        years = 10 if sentence_months > SHORT_SENTENCE_MONTHS else 7
    elif disposal == Disposal.HOSPITAL_RESTRICTION:
        return INDEFINITE
    elif disposal == Disposal.HOSPITAL:
        years = 7
    elif disposal == Disposal.CAUTION:
        years = 2
    elif disposal == Disposal.CONDITIONAL_DISCHARGE:
        if (
            discharge_months is None
            or not 1 <= discharge_months <= CONDITIONAL_DISCHARGE_MAX_MONTHS
        ):
            raise RuleViolation(
                "discharge_months",
                "Give the period of the conditional discharge in months, from 1 to 36 "
                "(s.82(1): the notification period is the period of the discharge).",
            )
        return NotificationPeriod(discharge_months)
    else:
        years = 5
    months = years * 12
    return NotificationPeriod(months // 2 if under_18 else months)


def notification_ends_on(relevant_date: dt.date, period: NotificationPeriod) -> dt.date | None:
    """The last day of the period beginning with the relevant date; None when indefinite."""
    if period.months is None:
        return None
    return period_end_months(relevant_date, period.months)


# --------------------------------------------------------------------------------------
# Notifications (DOMAIN.md §6.1)
# --------------------------------------------------------------------------------------

NOTIFY_WITHIN_DAYS = 3  # ss.83(1) and 84(1): three days beginning with the day


def initial_notification_due(relevant_date: dt.date, released_on: dt.date | None = None) -> dt.date:
    """s.83(1): within 3 days beginning with the relevant date; s.83(6): time in custody or
    hospital is disregarded, so someone held from the relevant date has 3 days beginning
    with the day of release (the release day counts as day 1: app convention, UNCONFIRMED)."""
    start = relevant_date
    if released_on is not None:
        if released_on < relevant_date:
            raise RuleViolation(
                "in_custody_until", "The release date cannot be before the relevant date."
            )
        start = released_on
    return period_end_days(start, NOTIFY_WITHIN_DAYS)


def change_notification_due(changed_on: dt.date) -> dt.date:
    """s.84(1): a change of name or home address, a release, within 3 days beginning with it."""
    return period_end_days(changed_on, NOTIFY_WITHIN_DAYS)


def periodic_notification_due(last_notified_on: dt.date) -> dt.date:
    """s.85(1): within one year beginning with the last notification (29 Feb + 1 year: the
    year ends on 28 Feb)."""
    return period_end_months(last_notified_on, 12)


WEEKLY_DAYS = 7


def weekly_notification_due(last_notified_on: dt.date) -> dt.date:
    """No sole or main residence: once in every 7 days (2012 Regulations; the next week
    begins the day after the last notification: app convention, UNCONFIRMED)."""
    return last_notified_on + dt.timedelta(days=WEEKLY_DAYS)


FOREIGN_TRAVEL_NOTICE = dt.timedelta(days=7)
FOREIGN_TRAVEL_LATE_NOTICE = dt.timedelta(hours=12)  # E&W figure UNCONFIRMED (DOMAIN.md §6.1)


def foreign_travel_due(departs_at: dt.datetime, known_at: dt.datetime) -> dt.datetime:
    """The latest moment to notify travel abroad: 7 days before departure, or 12 hours before
    when the trip was not known 7 days before."""
    seven_days_before = departs_at - FOREIGN_TRAVEL_NOTICE
    if known_at <= seven_days_before:
        return seven_days_before
    return departs_at - FOREIGN_TRAVEL_LATE_NOTICE


def foreign_travel_due_on(departs_on: dt.date, known_on: dt.date) -> dt.date:
    """``foreign_travel_due`` by the day, when only the departure date is recorded.

    Known 7 days or more before: 7 days before departure. Otherwise 12 hours before a
    departure whose time is not recorded may fall on the day before: that day, but never
    before the day the trip became known (app convention).
    """
    if known_on > departs_on:
        raise RuleViolation("departs_on", "The departure date cannot be before it was known.")
    seven_days_before = departs_on - FOREIGN_TRAVEL_NOTICE
    if known_on <= seven_days_before:
        return seven_days_before
    return max(known_on, departs_on - ONE_DAY)


QUALIFYING_DAYS = 7  # s.84(6)


def qualifying_period_reached_on(stays: Iterable[tuple[dt.date, dt.date]]) -> dt.date | None:
    """The day a person's stays at an un-notified address reach the s.84(6) qualifying
    period: 7 days, or two or more periods in any 12 months totalling 7 days. Stays are
    ``(first_day, last_day)`` inclusive; overlapping stays count each day once. None when
    the stays never reach it."""
    days: set[dt.date] = set()
    for first, last in stays:
        if last < first:
            raise RuleViolation("to_date", "A stay cannot end before it starts.")
        day = first
        while day <= last:
            days.add(day)
            day += ONE_DAY
    ordered = sorted(days)
    for index, day in enumerate(ordered):
        window_start = add_months(day, -12) + ONE_DAY  # the 12 months ending with ``day``
        count = sum(1 for d in ordered[: index + 1] if d >= window_start)
        if count >= QUALIFYING_DAYS:
            return day
    return None


def stay_notification_due(stays: Iterable[tuple[dt.date, dt.date]]) -> dt.date | None:
    """3 days beginning with the day the qualifying period is reached, or None."""
    reached = qualifying_period_reached_on(stays)
    return None if reached is None else change_notification_due(reached)


# --------------------------------------------------------------------------------------
# Review of indefinite notification (DOMAIN.md §6.3, s.91B)
# --------------------------------------------------------------------------------------

REVIEW_YEARS_ADULT = 15
REVIEW_YEARS_UNDER_18 = 8


def review_qualifying_date(first_notification_after_release: dt.date, *, under_18: bool) -> dt.date:
    """s.91B(2): the day after the end of the 15-year period (8 for someone under 18 on the
    relevant date) beginning with the first notification after release."""
    years = REVIEW_YEARS_UNDER_18 if under_18 else REVIEW_YEARS_ADULT
    return period_end_months(first_notification_after_release, years * 12) + ONE_DAY


def further_review_date(determined_on: dt.date, years: int = 8) -> dt.date:
    """s.91B(3): after a refusal the chief officer may set a further date up to 8 years on."""
    if not 1 <= years <= 8:
        raise RuleViolation("years", "A further review date is at most 8 years after the decision.")
    return add_months(determined_on, years * 12)


# --------------------------------------------------------------------------------------
# Risk and visits (DOMAIN.md §6.4)
# --------------------------------------------------------------------------------------

# The historic fixed frequencies, now the default of a risk management plan (NPCC 2017).
DEFAULT_VISIT_INTERVAL_MONTHS: Mapping[RiskLevel, int] = MappingProxyType(
    {RiskLevel.VERY_HIGH: 1, RiskLevel.HIGH: 3, RiskLevel.MEDIUM: 6, RiskLevel.LOW: 12}
)
REACTIVE_AFTER_LOW_MONTHS = 36
MAX_VISIT_INTERVAL_DAYS = 366


def next_visit_due(
    since: dt.date,
    level: str,
    *,
    interval_days: int | None = None,
    intervals: Mapping[RiskLevel, int] = DEFAULT_VISIT_INTERVAL_MONTHS,
) -> dt.date:
    """The next home visit: ``interval_days`` from the risk management plan when set, else
    the level's default interval in months after ``since`` (the last visit or assessment)."""
    if interval_days is not None:
        if not 1 <= interval_days <= MAX_VISIT_INTERVAL_DAYS:
            raise RuleViolation("visit_interval_days", "A visit interval is from 1 to 366 days.")
        return since + dt.timedelta(days=interval_days)
    return add_months(since, intervals[RiskLevel(level)])


def eligible_for_reactive_management(low_since: dt.date | None, today: dt.date) -> bool:
    """Assessed low risk for three years or more (NPCC, June 2017)."""
    return low_since is not None and today >= add_months(low_since, REACTIVE_AFTER_LOW_MONTHS)


# --------------------------------------------------------------------------------------
# Protective orders (DOMAIN.md §6.4 and §7)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderLength:
    """What the law allows for one kind of order. Lengths in days or months, inclusive of
    the day the order is made ("a period of N beginning with" the making)."""

    min_months: int = 0
    min_days: int = 0
    max_days: int | None = None
    until_further_order: bool = True
    foreign_travel_max_months: int | None = None
    source: str = ""


ORDER_LENGTHS: Mapping[OrderKind, OrderLength] = MappingProxyType(
    {
        OrderKind.SHPO: OrderLength(
            min_months=60,
            foreign_travel_max_months=60,
            source="Sentencing Act 2020 ss.343-348: at least 5 years or until further order; "
            "a foreign travel prohibition at most 5 years",
        ),
        OrderKind.SRO: OrderLength(
            min_months=24, source="SOA 2003 s.122A: at least 2 years or until further order"
        ),
        OrderKind.DVPO: OrderLength(
            min_days=14,
            max_days=28,
            until_further_order=False,
            source="Crime and Security Act 2010 s.28: from 14 to 28 days",
        ),
        OrderKind.DAPO: OrderLength(
            source="Domestic Abuse Act 2021: as specified or until further order"
        ),
        # Neither is in DOMAIN.md: a specified period or until further order (UNCONFIRMED).
        OrderKind.NON_MOLESTATION: OrderLength(
            source="Family Law Act 1996 s.42: a specified period or until further order"
        ),
        OrderKind.STALKING_PROTECTION: OrderLength(
            min_months=24,
            source="Stalking Protection Act 2019 s.3: at least 2 years or until further order "
            "(UNCONFIRMED)",
        ),
    }
)


def check_order_length(
    *,
    kind: str,
    made_on: dt.date,
    ends_on: dt.date | None,
    until_further_order: bool,
    foreign_travel_prohibition_until: dt.date | None = None,
) -> None:
    """Refuse an order whose length the law does not allow (RuleViolation naming the rule)."""
    kind = OrderKind(kind)
    rule = ORDER_LENGTHS[kind]
    label = kind.label
    if until_further_order and ends_on is not None:
        raise RuleViolation("ends_on", "Give an end date or 'until further order', not both.")
    if until_further_order and not rule.until_further_order:
        raise RuleViolation(
            "until_further_order", f"A {label} cannot be made until further order ({rule.source})."
        )
    if not until_further_order and ends_on is None:
        raise RuleViolation("ends_on", "Give the date the order ends, or 'until further order'.")
    if ends_on is not None:
        if ends_on < made_on:
            raise RuleViolation("ends_on", "The order cannot end before it was made.")
        if rule.min_months and ends_on < period_end_months(made_on, rule.min_months):
            raise RuleViolation(
                "ends_on",
                f"A {label} must last at least {_months_text(rule.min_months)} ({rule.source}): "
                f"until {period_end_months(made_on, rule.min_months):%-d %B %Y} or later.",
            )
        if rule.min_days and ends_on < period_end_days(made_on, rule.min_days):
            raise RuleViolation(
                "ends_on", f"A {label} lasts at least {rule.min_days} days ({rule.source})."
            )
        if rule.max_days and ends_on > period_end_days(made_on, rule.max_days):
            raise RuleViolation(
                "ends_on", f"A {label} lasts at most {rule.max_days} days ({rule.source})."
            )
    if foreign_travel_prohibition_until is not None:
        if rule.foreign_travel_max_months is None:
            raise RuleViolation(
                "foreign_travel_prohibition_until",
                f"Only a Sexual Harm Prevention Order carries a foreign travel prohibition, not a {label}.",
            )
        if foreign_travel_prohibition_until < made_on:
            raise RuleViolation(
                "foreign_travel_prohibition_until",
                "The foreign travel prohibition cannot end before the order was made.",
            )
        latest = period_end_months(made_on, rule.foreign_travel_max_months)
        if foreign_travel_prohibition_until > latest:
            raise RuleViolation(
                "foreign_travel_prohibition_until",
                f"A foreign travel prohibition lasts at most "
                f"{_months_text(rule.foreign_travel_max_months)} (renewable; {rule.source}): "
                f"until {latest:%-d %B %Y} at the latest.",
            )
        if ends_on is not None and foreign_travel_prohibition_until > ends_on:
            raise RuleViolation(
                "foreign_travel_prohibition_until",
                "The foreign travel prohibition cannot outlast the order.",
            )


def _months_text(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} months"


# --------------------------------------------------------------------------------------
# MAPPA (DOMAIN.md §5)
# --------------------------------------------------------------------------------------

# "L2 at least every 16 weeks, L3 at least every 8 weeks" is UNCONFIRMED (DOMAIN.md §5): a
# default a force may change (settings.MAPPA_REVIEW_WEEKS), never a fact.
DEFAULT_MAPPA_REVIEW_WEEKS: Mapping[int, int] = MappingProxyType({2: 16, 3: 8})


def mappa_review_due(
    held_on: dt.date, level: int, weeks: Mapping[int, int] = DEFAULT_MAPPA_REVIEW_WEEKS
) -> dt.date | None:
    """The next level 2/3 meeting after one held on ``held_on``; None at level 1 (ordinary
    agency management has no MAPPA meetings)."""
    if level not in (1, 2, 3):
        raise RuleViolation("level", "A MAPPA level is 1, 2 or 3.")
    if level not in weeks:
        return None
    return held_on + dt.timedelta(weeks=weeks[level])


def check_mappa_category(category: int, level: int) -> None:
    if category not in (1, 2, 3):
        raise RuleViolation("category", "A MAPPA category is 1, 2 or 3.")
    if level not in (1, 2, 3):
        raise RuleViolation("level", "A MAPPA level is 1, 2 or 3.")

"""Custody legal rules as pure functions (DOMAIN.md §1 and §8).

Covers the PACE detention clock (relevant time, 24/36/96-hour limits, superintendent's
extension, warrants of further detention and their extension, hospital time), PACE s.40
reviews, juveniles (age, s.38(6) transfer to local authority accommodation), the
"Golden Hour" call to the local authority, Mental Health Act 1983 s.136 places of safety,
and strip and intimate searches (Code C Annex A).

Contracts:

* Nothing here reads the clock or the database: every instant is passed in.
* Every datetime must be aware; a naive one raises ``ValueError`` (DOMAIN.md §0).
* Hour periods are elapsed time (DOMAIN.md §0): across a clock change the wall-clock
  result moves by an hour.
* Instants returned are aware UTC datetimes. Python compares two datetimes that share a
  ``tzinfo`` by wall time and ignores ``fold``, so two Europe/London values in the repeated
  autumn hour compare wrongly; UTC values never do. Show them in London with
  ``core.calendar.local``.
* ``check_*`` functions return ``None`` or raise ``RuleViolation(field, message)``; the
  message explains the rule in plain English and names its source, ready for a 400 answer.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from accounts.ranks import Rank, rank_at_least
from core.calendar import is_bank_holiday, local, local_date, london_datetime
from core.dates import age_on
from core.rules import RuleViolation
from custody.choices import PlaceOfSafety, SearchKind, TransferOutcome

NON_FIELD = "non_field_errors"

# PACE detention clock (DOMAIN.md §1.1).
BASIC_LIMIT = dt.timedelta(hours=24)  # s.41(1)
RELEVANT_TIME_LONGSTOP = dt.timedelta(hours=24)  # s.41(2)(d): 24 h after arrest at the latest
SUPERINTENDENT_MAXIMUM = dt.timedelta(hours=36)  # s.42(1), from the relevant time
WARRANT_MAXIMUM = dt.timedelta(hours=36)  # s.43(12), from issue of the warrant
WARRANT_LATE_HEARING = dt.timedelta(hours=6)  # s.43(5)(b)(ii), after the 36-hour point
WARRANT_EXTENSION_MAXIMUM = dt.timedelta(hours=36)  # s.44(3)(a)
OVERALL_MAXIMUM = dt.timedelta(hours=96)  # s.44(3)(b), from the relevant time
FIRST_REVIEW = dt.timedelta(hours=6)  # s.40(3)(a), from first authorisation of detention
REVIEW_INTERVAL = dt.timedelta(hours=9)  # s.40(3)(b)-(c)

# Golden Hour (DOMAIN.md §8): local practice, not law — configurable defaults.
GOLDEN_HOUR = dt.timedelta(minutes=60)
GOLDEN_HOUR_WARNING = dt.timedelta(minutes=45)

# Mental Health Act 1983 s.136 (DOMAIN.md §1.3).
S136_PERIOD = dt.timedelta(hours=24)  # s.136(2A)
S136_MAXIMUM_EXTENSION = dt.timedelta(hours=12)  # s.136B(1)

ADULT_AGE = 18  # Criminal Justice and Courts Act 2015 s.42; Code C 1.5
SECURE_ACCOMMODATION_MINIMUM_AGE = 12  # PACE s.38(6)(b)


class ExtensionKind(enum.StrEnum):
    SUPERINTENDENT = "superintendent"  # PACE s.42
    WARRANT = "warrant"  # warrant of further detention, PACE s.43
    WARRANT_EXTENSION = "warrant_extension"  # PACE s.44


class GoldenHourDestination(enum.StrEnum):
    CUSTOMER_FIRST = "customer_first"  # local authority daytime service
    EDS = "eds"  # emergency duty service, out of hours


class GoldenHourStatus(enum.StrEnum):
    OPEN = "open"
    MET = "met"
    LATE = "late"
    MISSED = "missed"


class PresentRole(enum.StrEnum):
    SEARCHING_OFFICER = "searching_officer"
    OFFICER = "officer"
    APPROPRIATE_ADULT = "appropriate_adult"
    HEALTHCARE_PROFESSIONAL = "healthcare_professional"


# --- helpers -------------------------------------------------------------------------


def _utc(instant: dt.datetime, name: str = "datetime") -> dt.datetime:
    """The instant in UTC; refuses naive datetimes and plain dates."""
    if not isinstance(instant, dt.datetime):
        raise TypeError(f"{name}: expected a datetime, got {type(instant).__name__}")
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{name}: naive datetime; pass an aware instant")
    return instant.astimezone(dt.UTC)


def _show(instant: dt.datetime) -> str:
    """London wall time for messages, with GMT/BST so a clock change is visible."""
    wall = local(instant)
    return f"{wall.day} {wall:%b %Y %H:%M %Z}"


def _merged(
    periods: Iterable[tuple[dt.datetime, dt.datetime]],
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Excluded periods in UTC, sorted, overlaps merged so no time is discounted twice."""
    spans: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in periods:
        start_utc, end_utc = _utc(start, "excluded period start"), _utc(end, "excluded period end")
        if end_utc < start_utc:
            raise ValueError("an excluded period cannot end before it starts")
        spans.append((start_utc, end_utc))
    spans.sort()
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def add_counted_time(
    start: dt.datetime,
    period: dt.timedelta,
    excluded_periods: Iterable[tuple[dt.datetime, dt.datetime]] = (),
) -> dt.datetime:
    """The instant at which ``period`` of counted detention time has run from ``start``.

    Time inside an excluded period (hospital, or travelling to and from it, unless the
    person was questioned there: PACE s.41(6)) does not count, so each one that begins
    before the deadline pushes it later by its elapsed duration. A period that begins
    only after the deadline changes nothing: by then the person had to be released.
    Elapsed time throughout (DOMAIN.md §0).
    """
    cursor = _utc(start, "start")
    remaining = period
    for span_start, span_end in _merged(excluded_periods):
        if span_end <= cursor:
            continue
        if span_start >= cursor + remaining:
            break
        if span_start > cursor:
            remaining -= span_start - cursor
        cursor = span_end
    return cursor + remaining


# --- relevant time (PACE s.41(2)) -----------------------------------------------------


def relevant_time(
    arrested_at: dt.datetime,
    arrived_at: dt.datetime,
    voluntary_attendance_arrest: bool = False,
) -> dt.datetime:
    """When the PACE detention clock starts (DOMAIN.md §1.1).

    Ordinary arrest: arrival at the first police station, or 24 hours after the arrest,
    whichever is earlier (PACE s.41(2)(d)). A person attending voluntarily and then
    arrested at the station: the time of arrest (PACE s.41(2)(c)). Arrests in another
    force area or outside England and Wales (s.41(2)(a)-(b)) are not modelled here.
    """
    arrested = _utc(arrested_at, "arrested_at")
    arrived = _utc(arrived_at, "arrived_at")
    if voluntary_attendance_arrest:
        if arrested < arrived:
            raise RuleViolation(
                "arrested_at",
                "A voluntary attendee is arrested at the station, so the arrest cannot be "
                "before their arrival (PACE s.41(2)(c)).",
            )
        return arrested
    if arrived < arrested:
        raise RuleViolation(
            "arrived_at",
            "Arrival at the police station cannot be before the arrest (PACE s.41(2)(d)).",
        )
    return min(arrived, arrested + RELEVANT_TIME_LONGSTOP)


# --- detention limit and extensions (PACE ss.41-44) -------------------------------------


@dataclass(frozen=True)
class Extension:
    """An extension of detention without charge as granted (API: detention extensions).

    ``authorised_by_rank`` is the officer's rank for a superintendent's extension and
    ``None`` when a magistrates' court grants it. ``until`` is the instant stated in the
    authorisation; hospital time after ``authorised_at`` still pushes it later (s.41(6)).
    """

    kind: ExtensionKind
    authorised_at: dt.datetime
    until: dt.datetime
    authorised_by_rank: Rank | None = None

    def __post_init__(self) -> None:
        _utc(self.authorised_at, "authorised_at")
        _utc(self.until, "until")
        # Accept the plain strings a model field holds; refuse unknown values early.
        object.__setattr__(self, "kind", ExtensionKind(self.kind))
        if self.authorised_by_rank is not None:
            object.__setattr__(self, "authorised_by_rank", Rank(self.authorised_by_rank))


def _in_order(extensions: Iterable[Extension]) -> list[Extension]:
    return sorted(extensions, key=lambda extension: _utc(extension.authorised_at))


def _extension_end(
    extension: Extension, excluded: Sequence[tuple[dt.datetime, dt.datetime]]
) -> dt.datetime:
    authorised = _utc(extension.authorised_at)
    return add_counted_time(authorised, _utc(extension.until) - authorised, excluded)


def detention_limit(
    relevant_time: dt.datetime,
    extensions: Iterable[Extension] = (),
    excluded_periods: Iterable[tuple[dt.datetime, dt.datetime]] = (),
) -> dt.datetime:
    """The current limit of detention without charge (DOMAIN.md §1.1).

    24 hours of counted time from the relevant time (PACE s.41(1)); once extended, the
    ``until`` of the latest extension, which replaces what came before: a warrant of
    further detention runs from its issue and any unused balance of a superintendent's
    extension is lost (PACE s.43; PNLD, 10 Jan 2019). Excluded periods (hospital time,
    PACE s.41(6)) push the limit later. Assumes each extension passed
    ``check_extension`` when it was granted.
    """
    start = _utc(relevant_time, "relevant_time")
    excluded = _merged(excluded_periods)
    ordered = _in_order(extensions)
    if ordered:
        return _extension_end(ordered[-1], excluded)
    return add_counted_time(start, BASIC_LIMIT, excluded)


def check_extension(
    extension: Extension,
    *,
    relevant_time: dt.datetime,
    indictable: bool,
    reviews_held: Iterable[dt.datetime] = (),
    granted: Iterable[Extension] = (),
    excluded_periods: Iterable[tuple[dt.datetime, dt.datetime]] = (),
) -> None:
    """Refuse an extension the law does not allow, given those ``granted`` before it.

    Superintendent's extension (PACE s.42): indictable offence; superintendent or above;
    after the second review; before the current limit expires (never more than 24 hours
    after the relevant time for the first one); to at most 36 hours after the relevant
    time; not once a court has issued a warrant.

    Warrant of further detention (PACE s.43): indictable offence; only one (later ones
    are extensions); issued before the current limit expires, or within 6 hours after a
    36-hour limit when the court could not sit (s.43(5)(b)); at most 36 hours from issue.

    Extension of a warrant (PACE s.44): an indictable offence and a warrant to extend;
    granted before the warrant expires; at most 36 hours more at a time; never beyond
    96 hours after the relevant time.

    Every kind must end later than the current limit. Hours are counted time: hospital
    periods (PACE s.41(6)) push each cap later.
    """
    relevant = _utc(relevant_time, "relevant_time")
    authorised = _utc(extension.authorised_at, "authorised_at")
    excluded = _merged(excluded_periods)
    earlier = _in_order(granted)
    limit = detention_limit(relevant, earlier, excluded)
    end = _extension_end(extension, excluded)

    if earlier and authorised < _utc(earlier[-1].authorised_at):
        raise RuleViolation(
            "authorised_at",
            "An extension cannot be authorised before one already recorded at "
            f"{_show(earlier[-1].authorised_at)}.",
        )
    has_warrant = any(
        previous.kind in (ExtensionKind.WARRANT, ExtensionKind.WARRANT_EXTENSION)
        for previous in earlier
    )
    overall_cap = add_counted_time(relevant, OVERALL_MAXIMUM, excluded)

    if extension.kind == ExtensionKind.SUPERINTENDENT:
        _check_superintendent(
            extension,
            authorised,
            end,
            relevant,
            limit,
            has_warrant,
            indictable,
            reviews_held,
            excluded,
        )
    elif extension.kind == ExtensionKind.WARRANT:
        _check_warrant(authorised, end, relevant, limit, has_warrant, indictable, excluded)
    else:
        _check_warrant_extension(authorised, end, limit, has_warrant, indictable, excluded)

    if end > overall_cap:
        raise RuleViolation(
            "until",
            "Detention without charge can never go beyond 96 hours after the relevant time, "
            f"{_show(overall_cap)} here (PACE s.44(3)(b)).",
        )


def _check_superintendent(
    extension: Extension,
    authorised: dt.datetime,
    end: dt.datetime,
    relevant: dt.datetime,
    limit: dt.datetime,
    has_warrant: bool,
    indictable: bool,
    reviews_held: Iterable[dt.datetime],
    excluded: Sequence[tuple[dt.datetime, dt.datetime]],
) -> None:
    if has_warrant:
        raise RuleViolation(
            "kind",
            "Once a magistrates' court has issued a warrant of further detention only the "
            "court can extend detention (PACE s.44).",
        )
    if not indictable:
        raise RuleViolation(
            "kind", "A superintendent's extension needs an indictable offence (PACE s.42(1))."
        )
    rank = extension.authorised_by_rank
    if rank is None or not rank_at_least(rank, Rank.SUPERINTENDENT):
        raise RuleViolation(
            "authorised_by",
            "A superintendent's extension must be authorised by a superintendent or above "
            "(PACE s.42(1)).",
        )
    reviews_before = [held for held in reviews_held if _utc(held, "reviews_held") <= authorised]
    if len(reviews_before) < 2:
        raise RuleViolation(
            "authorised_at",
            "A superintendent's extension can only be given after the second review of "
            "detention has been held (PACE s.42(4)(b); Code C 15.2).",
        )
    if authorised > limit:
        raise RuleViolation(
            "authorised_at",
            "A superintendent's extension must be given before the current detention limit "
            f"of {_show(limit)} expires (PACE s.42(2), s.42(4)(a)).",
        )
    if end <= limit:
        raise RuleViolation(
            "until",
            f"An extension must end later than the current limit of {_show(limit)} (PACE s.42(1)).",
        )
    cap = add_counted_time(relevant, SUPERINTENDENT_MAXIMUM, excluded)
    if end > cap:
        raise RuleViolation(
            "until",
            "A superintendent can extend detention to at most 36 hours after the relevant "
            f"time, {_show(cap)} here (PACE s.42(1)).",
        )


def _check_warrant(
    authorised: dt.datetime,
    end: dt.datetime,
    relevant: dt.datetime,
    limit: dt.datetime,
    has_warrant: bool,
    indictable: bool,
    excluded: Sequence[tuple[dt.datetime, dt.datetime]],
) -> None:
    if has_warrant:
        raise RuleViolation(
            "kind",
            "A warrant of further detention has already been issued; record the court's "
            "extension of it instead (PACE s.44(1)).",
        )
    if not indictable:
        raise RuleViolation(
            "kind", "A warrant of further detention needs an indictable offence (PACE s.43(4)(b))."
        )
    cap36 = add_counted_time(relevant, SUPERINTENDENT_MAXIMUM, excluded)
    # s.43(5)(b)(ii): a court that cannot sit at the 36-hour point may hear the
    # application in the following 6 hours; the person is held meanwhile.
    late_hearing_ends = cap36 + WARRANT_LATE_HEARING if limit >= cap36 else limit
    if authorised > late_hearing_ends:
        raise RuleViolation(
            "authorised_at",
            "A warrant of further detention must be issued before the current detention "
            f"limit of {_show(limit)} expires, or within 6 hours after the 36-hour point if "
            "the court could not sit (PACE s.43(5)).",
        )
    if end <= limit:
        raise RuleViolation(
            "until",
            f"A warrant must end later than the current limit of {_show(limit)} (PACE s.43).",
        )
    cap = add_counted_time(authorised, WARRANT_MAXIMUM, excluded)
    if end > cap:
        raise RuleViolation(
            "until",
            "A warrant of further detention lasts at most 36 hours from its issue, "
            f"{_show(cap)} here (PACE s.43(12)).",
        )


def _check_warrant_extension(
    authorised: dt.datetime,
    end: dt.datetime,
    limit: dt.datetime,
    has_warrant: bool,
    indictable: bool,
    excluded: Sequence[tuple[dt.datetime, dt.datetime]],
) -> None:
    if not has_warrant:
        raise RuleViolation(
            "kind", "There is no warrant of further detention to extend (PACE s.44(1))."
        )
    if not indictable:
        raise RuleViolation(
            "kind",
            "Extending a warrant of further detention needs an indictable offence "
            "(PACE s.44(1), s.43(4)(b)).",
        )
    if authorised > limit:
        raise RuleViolation(
            "authorised_at",
            f"A warrant must be extended before it expires at {_show(limit)} (PACE s.44(1)).",
        )
    if end <= limit:
        raise RuleViolation(
            "until",
            f"An extension must end later than the current limit of {_show(limit)} (PACE s.44).",
        )
    # s.44(3)(a) read as the extra period the court adds to the warrant's expiry.
    cap = add_counted_time(limit, WARRANT_EXTENSION_MAXIMUM, excluded)
    if end > cap:
        raise RuleViolation(
            "until",
            "A court can extend a warrant by at most 36 hours at a time, "
            f"{_show(cap)} here (PACE s.44(3)(a)).",
        )


# --- reviews (PACE s.40) ---------------------------------------------------------------


def next_review_due(
    detention_authorised_at: dt.datetime,
    reviews_held: Iterable[dt.datetime] = (),
) -> dt.datetime:
    """When the next PACE s.40 review is due (DOMAIN.md §1.1).

    The first is due 6 hours after detention was first authorised (s.40(3)(a): not the
    relevant time). Each later one is due 9 hours after the previous review was held
    (s.40(3)(b)-(c)), except that a review held late after postponement does not push the
    ones after it back (s.40(4), (7)): next due = min(held, due) + 9 hours.
    """
    authorised = _utc(detention_authorised_at, "detention_authorised_at")
    due = authorised + FIRST_REVIEW
    for held in sorted(_utc(held, "reviews_held") for held in reviews_held):
        if held < authorised:
            raise RuleViolation(
                "held_at", "A review cannot be held before detention was authorised (PACE s.40)."
            )
        due = min(held, due) + REVIEW_INTERVAL
    return due


def check_review(
    *,
    held_at: dt.datetime,
    detention_authorised_at: dt.datetime,
    reviewer_rank: Rank,
    charged: bool = False,
    involved_in_investigation: bool = False,
) -> None:
    """Refuse a review by the wrong officer or at an impossible time (PACE s.40(1)).

    Before charge: an inspector or above not directly involved in the investigation
    (s.40(1)(b)). After charge: the custody officer (s.40(1)(a)), a sergeant or above
    (s.36(3)).
    """
    if _utc(held_at, "held_at") < _utc(detention_authorised_at, "detention_authorised_at"):
        raise RuleViolation(
            "held_at", "A review cannot be held before detention was authorised (PACE s.40)."
        )
    if charged:
        if not rank_at_least(reviewer_rank, Rank.SERGEANT):
            raise RuleViolation(
                "authorised_by",
                "After charge the review is carried out by the custody officer, a sergeant "
                "or above (PACE s.40(1)(a), s.36(3)).",
            )
        return
    if not rank_at_least(reviewer_rank, Rank.INSPECTOR):
        raise RuleViolation(
            "authorised_by",
            "A review before charge must be carried out by an inspector or above "
            "(PACE s.40(1)(b)).",
        )
    if involved_in_investigation:
        raise RuleViolation(
            "involved_in_investigation",
            "The review officer must not be directly involved in the investigation "
            "(PACE s.40(1)(b)).",
        )


# --- age and juveniles -------------------------------------------------------------------


def is_child(date_of_birth: dt.date, at_instant: dt.datetime) -> bool:
    """Under 18 on the London date of ``at_instant`` (normally arrival at the station).

    Anyone under 18 is a juvenile for PACE (Criminal Justice and Courts Act 2015 s.42;
    Code C 1.5). The London date matters: 23:30 UTC in summer is already the next day.
    """
    _utc(at_instant, "at_instant")
    return age_on(date_of_birth, local_date(at_instant)) < ADULT_AGE


def check_juvenile_transfer(
    outcome: TransferOutcome,
    *,
    date_of_birth: dt.date,
    decided_at: dt.datetime,
    certificate_reason: str = "",
    other_accommodation_inadequate: bool = False,
) -> None:
    """Refuse a PACE s.38(6) outcome the law does not allow (DOMAIN.md §1.2).

    After charge with bail refused, a juvenile must be moved to local authority
    accommodation unless the custody officer certifies (a) that it is impracticable, for
    the circumstances stated, or (b) for a juvenile aged 12 or over, that no secure
    accommodation is available and other local authority accommodation would not protect
    the public from serious harm from them. The certificate goes to court (s.38(7)), so
    its reasons must be recorded. Call it for arrested juveniles only.
    """
    decided_on = local_date(decided_at)
    if (
        outcome
        in (
            TransferOutcome.CERTIFIED_IMPRACTICABLE,
            TransferOutcome.CERTIFIED_NO_SECURE_ACCOMMODATION,
        )
        and not certificate_reason.strip()
    ):
        raise RuleViolation(
            "certificate_reason",
            "A certificate keeping a charged juvenile in police detention must state the "
            "circumstances; it is produced to the court (PACE s.38(6)-(7)).",
        )
    if outcome == TransferOutcome.CERTIFIED_NO_SECURE_ACCOMMODATION:
        if age_on(date_of_birth, decided_on) < SECURE_ACCOMMODATION_MINIMUM_AGE:
            raise RuleViolation(
                "outcome",
                "Lack of secure accommodation can only be certified for a juvenile aged 12 "
                "or over (PACE s.38(6)(b)).",
            )
        if not other_accommodation_inadequate:
            raise RuleViolation(
                "other_accommodation_inadequate",
                "Lack of secure accommodation is a reason only where other local authority "
                "accommodation would not protect the public from serious harm from the "
                "juvenile (PACE s.38(6)(b)).",
            )


# --- Golden Hour (DOMAIN.md §8) ---------------------------------------------------------

Window = tuple[dt.time, dt.time]


@dataclass(frozen=True)
class ServiceHours:
    """A local authority's daytime service windows, Monday to Sunday, London wall time.

    Each day is ``None`` (no daytime service) or ``(start, end)``, read as [start, end).
    Bank holidays always go to the out-of-hours service (DOMAIN.md §8: app assumption).
    Hours are data, configurable per local authority: Suffolk's process and Norfolk's
    published hours differ (DOMAIN.md open item 13).
    """

    monday: Window | None = None
    tuesday: Window | None = None
    wednesday: Window | None = None
    thursday: Window | None = None
    friday: Window | None = None
    saturday: Window | None = None
    sunday: Window | None = None

    def __post_init__(self) -> None:
        for window in self.windows:
            if window is None:
                continue
            start, end = window
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError("service hours are London wall times without a timezone")
            if not start < end:
                raise ValueError("a service window must end after it starts, on the same day")

    @property
    def windows(self) -> tuple[Window | None, ...]:
        return (
            self.monday,
            self.tuesday,
            self.wednesday,
            self.thursday,
            self.friday,
            self.saturday,
            self.sunday,
        )

    def window_on(self, day: dt.date) -> Window | None:
        """The daytime window on a London date; ``None`` at weekends and bank holidays."""
        if is_bank_holiday(day):
            return None
        return self.windows[day.weekday()]


_WEEKDAY = (dt.time(8, 0), dt.time(17, 20))
# Suffolk Golden Hour process, "Customer First" (DOMAIN.md §8); UNCONFIRMED which council.
DEFAULT_CUSTOMER_FIRST = ServiceHours(
    monday=_WEEKDAY,
    tuesday=_WEEKDAY,
    wednesday=_WEEKDAY,
    thursday=_WEEKDAY,
    friday=(dt.time(8, 0), dt.time(16, 20)),
)


@dataclass(frozen=True)
class GoldenHour:
    due_at: dt.datetime
    warn_at: dt.datetime
    destination: GoldenHourDestination
    closes_before_due: bool
    window_closes_at: dt.datetime | None  # end of the daytime window, if booked in one


def golden_hour(
    booked_in_at: dt.datetime,
    hours: ServiceHours = DEFAULT_CUSTOMER_FIRST,
    *,
    period: dt.timedelta = GOLDEN_HOUR,
    warn_after: dt.timedelta = GOLDEN_HOUR_WARNING,
) -> GoldenHour:
    """The Golden Hour call for a child booked in (DOMAIN.md §8; local practice, not law).

    Due 60 minutes (elapsed) after booking in, with a warning at 45. The call goes to the
    daytime service if booking in falls inside its window [start, end) on a weekday that
    is not a bank holiday, else to the emergency duty service. ``closes_before_due`` warns
    that the daytime window shuts before the call is due.
    """
    booked = _utc(booked_in_at, "booked_in_at")
    due = booked + period
    warn = booked + warn_after
    day = local_date(booked)
    window = hours.window_on(day)
    if window is not None:
        opens = _utc(london_datetime(day, window[0]))
        closes = _utc(london_datetime(day, window[1]))
        if opens <= booked < closes:
            return GoldenHour(
                due_at=due,
                warn_at=warn,
                destination=GoldenHourDestination.CUSTOMER_FIRST,
                closes_before_due=closes < due,
                window_closes_at=closes,
            )
    return GoldenHour(
        due_at=due,
        warn_at=warn,
        destination=GoldenHourDestination.EDS,
        closes_before_due=False,
        window_closes_at=None,
    )


def golden_hour_status(
    *,
    due_at: dt.datetime,
    called_at: dt.datetime | None,
    at: dt.datetime,
    released_at: dt.datetime | None = None,
) -> GoldenHourStatus:
    """Met if the call was made by the due time, late if after it; with no call, open
    until the due time passes or the child is released, and missed after either: a child
    released before the call was made is a missed call, never one still running. ``at`` is
    the instant of asking."""
    due = _utc(due_at, "due_at")
    now = _utc(at, "at")
    if called_at is not None:
        return (
            GoldenHourStatus.MET if _utc(called_at, "called_at") <= due else GoldenHourStatus.LATE
        )
    released = released_at is not None and _utc(released_at, "released_at") <= now
    return GoldenHourStatus.OPEN if now <= due and not released else GoldenHourStatus.MISSED


# --- Mental Health Act 1983 s.136 (DOMAIN.md §1.3) ---------------------------------------


@dataclass(frozen=True)
class PoliceStationConditions:
    """The conditions for an adult to be kept at a police station as a place of safety
    (Mental Health Act 1983 (Places of Safety) Regulations 2017, SI 2017/1036, reg 2)."""

    imminent_risk_of_serious_injury_or_death: bool
    no_other_place_of_safety: bool
    healthcare_professional_available: bool


def check_place_of_safety(
    place: PlaceOfSafety,
    *,
    child: bool,
    decided_by_rank: Rank,
    conditions: PoliceStationConditions | None = None,
    authorised_by_rank: Rank | None = None,
) -> None:
    """Refuse a place of safety the law does not allow.

    A police station is never a place of safety for a child (MHA s.136A(1)). An adult may
    be kept at one only with all three reg 2 conditions recorded, and where the officer
    deciding is below inspector, with an inspector or above authorising (SI 2017/1036
    reg 2). ``child`` is whether the person is, or appears to be, under 18.
    """
    if place != PlaceOfSafety.POLICE_STATION:
        return
    if child:
        raise RuleViolation(
            "place",
            "A police station is never a place of safety for a child under 18 (Mental Health "
            "Act 1983 s.136A(1)).",
        )
    if conditions is None or not (
        conditions.imminent_risk_of_serious_injury_or_death
        and conditions.no_other_place_of_safety
        and conditions.healthcare_professional_available
    ):
        raise RuleViolation(
            "conditions",
            "An adult can be kept at a police station as a place of safety only if their "
            "behaviour poses an imminent risk of serious injury or death, because of that "
            "risk no other place of safety can reasonably be expected to detain them, and a "
            "healthcare professional will be available (SI 2017/1036 reg 2).",
        )
    if not rank_at_least(decided_by_rank, Rank.INSPECTOR) and (
        authorised_by_rank is None or not rank_at_least(authorised_by_rank, Rank.INSPECTOR)
    ):
        raise RuleViolation(
            "authorised_by",
            "Using a police station as a place of safety needs the authority of an inspector "
            "or above when the officer deciding is below that rank (SI 2017/1036 reg 2).",
        )


@dataclass(frozen=True)
class S136Extension:
    """The one extension of the s.136 period (MHA s.136B).

    ``superintendent_approval_rank`` is the rank of the officer approving it when the
    person is held and assessed at a police station.
    """

    authorised_at: dt.datetime
    until: dt.datetime
    by_registered_medical_practitioner: bool
    condition_prevents_assessment: bool
    superintendent_approval_rank: Rank | None = None

    def __post_init__(self) -> None:
        _utc(self.authorised_at, "authorised_at")
        _utc(self.until, "until")


def s136_limit(start: dt.datetime, extension: S136Extension | None = None) -> dt.datetime:
    """End of the s.136 period: 24 hours (elapsed) from arrival at the place of safety, or
    from the decision to keep the person where they are (MHA s.136(2A)); the extension's
    ``until`` once extended (s.136B). Moving between places of safety does not restart it.
    """
    limit = _utc(start, "start") + S136_PERIOD
    if extension is None:
        return limit
    return _utc(extension.until, "until")


def check_s136_extension(
    extension: S136Extension,
    *,
    start: dt.datetime,
    place: PlaceOfSafety,
    previous: S136Extension | None = None,
) -> None:
    """Refuse an extension of the s.136 period the law does not allow (MHA s.136B).

    Only one, by the registered medical practitioner responsible for the examination,
    given before the 24 hours expire, for up to 12 hours, and only because the person's
    condition makes assessment within 24 hours impracticable (not to find a bed). At a
    police station it also needs a superintendent's (or above) approval.
    """
    limit = s136_limit(start)
    authorised = _utc(extension.authorised_at, "authorised_at")
    until = _utc(extension.until, "until")
    if previous is not None:
        raise RuleViolation(
            NON_FIELD,
            "The s.136 period can be extended only once, by up to 12 hours (Mental Health "
            "Act 1983 s.136B(1)).",
        )
    if not extension.by_registered_medical_practitioner:
        raise RuleViolation(
            "authorised_by",
            "Only the registered medical practitioner responsible for the examination can "
            "extend the s.136 period (Mental Health Act 1983 s.136B(1)).",
        )
    if not extension.condition_prevents_assessment:
        raise RuleViolation(
            "reason",
            "The s.136 period can be extended only because the person's condition makes "
            "assessment within 24 hours impracticable, not to find a bed (Mental Health Act "
            "1983 s.136B(1)).",
        )
    if place == PlaceOfSafety.POLICE_STATION and (
        extension.superintendent_approval_rank is None
        or not rank_at_least(extension.superintendent_approval_rank, Rank.SUPERINTENDENT)
    ):
        raise RuleViolation(
            "approved_by",
            "At a police station an extension of the s.136 period also needs the approval "
            "of a superintendent or above (Mental Health Act 1983 s.136B).",
        )
    if authorised > limit:
        raise RuleViolation(
            "authorised_at",
            f"The s.136 period must be extended before it expires at {_show(limit)} (Mental "
            "Health Act 1983 s.136B(1)).",
        )
    if until <= limit:
        raise RuleViolation(
            "until",
            f"An extension must end later than {_show(limit)}, when the 24 hours expire "
            "(Mental Health Act 1983 s.136B(1)).",
        )
    cap = limit + S136_MAXIMUM_EXTENSION
    if until > cap:
        raise RuleViolation(
            "until",
            "The s.136 period can be extended by at most 12 hours, to 36 hours in all, "
            f"{_show(cap)} here (Mental Health Act 1983 s.136B(1)).",
        )


# --- searches (PACE ss.54-55; Code C Annex A) --------------------------------------------


@dataclass(frozen=True)
class PersonPresent:
    name: str
    role: PresentRole
    sex: str  # as recorded for the person: "male", "female", ...


@dataclass(frozen=True)
class SearchRecord:
    """A strip or intimate search as recorded in the custody record.

    ``detainee_sex`` is the gender settled for searching (Code C Annex L) and is
    compared with that of the officers present. ``intimate_parts_exposed`` and
    ``urgent`` (risk of serious harm) matter for a strip search only.
    """

    kind: SearchKind
    reason: str
    detainee_sex: str
    present: tuple[PersonPresent, ...]
    juvenile: bool = False
    mentally_vulnerable: bool = False
    intimate_parts_exposed: bool = True
    urgent: bool = False
    juvenile_opted_out_of_appropriate_adult: bool = False
    appropriate_adult_agreed_to_opt_out: bool = False
    authorised_by_rank: Rank | None = None


def check_search(record: SearchRecord) -> None:
    """Refuse a strip or intimate search record the rules do not allow (DOMAIN.md §1.5).

    Both kinds: a recorded reason and who was present (Code C Annex A para 12; PACE
    s.55); officers present of the same sex as the detainee (Annex A para 11(b)); for a
    juvenile or mentally vulnerable person, an appropriate adult present, unless a
    juvenile opts out in the appropriate adult's presence with their agreement. Strip
    search exposing intimate parts, except when urgent: at least two people besides the
    detainee (para 11(c)), and the appropriate-adult rule applies only then. Intimate
    search: authorised by an inspector or above (PACE s.55(1)).
    """
    strip = record.kind == SearchKind.STRIP
    source = "Code C Annex A para 11" if strip else "Code C Annex A; PACE s.55"
    if not record.reason.strip():
        raise RuleViolation(
            "reason",
            "Record why the search was necessary (Code C Annex A para 12)."
            if strip
            else "Record why the intimate search was necessary (PACE s.55).",
        )
    if not strip and (
        record.authorised_by_rank is None
        or not rank_at_least(record.authorised_by_rank, Rank.INSPECTOR)
    ):
        raise RuleViolation(
            "authorised_by",
            "An intimate search must be authorised by an inspector or above (PACE s.55(1)).",
        )
    if not record.present:
        raise RuleViolation(
            "present",
            "Record who carried out the search and who was present (Code C Annex A para 12).",
        )
    officers = [
        person
        for person in record.present
        if person.role in (PresentRole.SEARCHING_OFFICER, PresentRole.OFFICER)
    ]
    if any(person.sex.casefold() != record.detainee_sex.casefold() for person in officers):
        raise RuleViolation(
            "present",
            "Officers carrying out or present at a search must be the same sex as the "
            f"detainee ({'Code C Annex A para 11(b)' if strip else source}).",
        )
    safeguards_apply = not strip or (record.intimate_parts_exposed and not record.urgent)
    if strip and safeguards_apply and len(record.present) < 2:
        raise RuleViolation(
            "present",
            "A strip search exposing intimate parts needs at least two people present "
            "besides the detainee, unless it is urgent (Code C Annex A para 11(c)).",
        )
    needs_appropriate_adult = record.juvenile or record.mentally_vulnerable
    if not (safeguards_apply and needs_appropriate_adult):
        return
    if any(person.role == PresentRole.APPROPRIATE_ADULT for person in record.present):
        return
    if record.juvenile and record.juvenile_opted_out_of_appropriate_adult:
        if record.appropriate_adult_agreed_to_opt_out:
            return
        raise RuleViolation(
            "appropriate_adult",
            "A juvenile may be searched without the appropriate adult only if they say so "
            f"in the appropriate adult's presence and the appropriate adult agrees ({source}).",
        )
    raise RuleViolation(
        "appropriate_adult",
        "A juvenile or mentally vulnerable detainee must be searched with the appropriate "
        f"adult present ({source}).",
    )


def held_beyond_maximum(
    *, relevant_time: dt.datetime, detention_limit_at: dt.datetime, now: dt.datetime
) -> bool:
    """A detention still open after both its own limit and the 96 hours no detention without
    charge may exceed (s.44(3)(b)): not a person in a cell but a record with no release, for
    the custody inspector to resolve. ``DetentionQuerySet.to_resolve`` is the same test in SQL.
    """
    return now > detention_limit_at and now - relevant_time > OVERALL_MAXIMUM

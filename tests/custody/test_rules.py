"""Tables for custody/rules.py, built from DOMAIN.md §1 and §8.

Expected instants are worked out by hand in UTC. In 2026 British Summer Time starts at
01:00 UTC on Sunday 29 March and ends at 01:00 UTC on Sunday 25 October; England and Wales
bank holidays include 1 Jan, 3 Apr (Good Friday), 6 Apr, 25 May, 31 Aug and 28 Dec
(Boxing Day substitute).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from accounts.ranks import Rank
from core.calendar import LONDON
from custody import rules
from custody.choices import PlaceOfSafety, SearchKind, TransferOutcome
from custody.rules import (
    DEFAULT_CUSTOMER_FIRST,
    Extension,
    ExtensionKind,
    GoldenHourDestination,
    GoldenHourStatus,
    PersonPresent,
    PoliceStationConditions,
    PresentRole,
    RuleViolation,
    S136Extension,
    SearchRecord,
    ServiceHours,
    add_counted_time,
    check_extension,
    check_juvenile_transfer,
    check_place_of_safety,
    check_review,
    check_s136_extension,
    check_search,
    detention_limit,
    golden_hour,
    golden_hour_status,
    is_child,
    next_review_due,
    relevant_time,
    s136_limit,
)

CF = GoldenHourDestination.CUSTOMER_FIRST
EDS = GoldenHourDestination.EDS


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


def wall(instant: dt.datetime) -> dt.datetime:
    """London wall time, naive, for asserting what the custody officer sees."""
    return instant.astimezone(LONDON).replace(tzinfo=None)


def hours(value: float) -> dt.timedelta:
    return dt.timedelta(hours=value)


# A detention on Thursday 15 January 2026 (GMT): relevant time midnight.
R = utc(2026, 1, 15, 0)


def r(hour: float, minute: int = 0) -> dt.datetime:
    """``hour`` hours (and ``minute`` minutes) after the relevant time R."""
    return R + hours(hour) + dt.timedelta(minutes=minute)


REVIEWS = (r(5, 30), r(14), r(22))


def sup(at: dt.datetime, until: dt.datetime, rank: Rank | None = Rank.SUPERINTENDENT) -> Extension:
    return Extension(ExtensionKind.SUPERINTENDENT, at, until, rank)


def wfd(at: dt.datetime, until: dt.datetime) -> Extension:
    return Extension(ExtensionKind.WARRANT, at, until)


def wfd_ext(at: dt.datetime, until: dt.datetime) -> Extension:
    return Extension(ExtensionKind.WARRANT_EXTENSION, at, until)


# --- RuleViolation -------------------------------------------------------------------------


def test_a_rule_violation_is_a_value_error_naming_its_field_and_message() -> None:
    violation = RuleViolation("until", "Too long (PACE s.42(1)).")
    assert isinstance(violation, ValueError)
    assert violation.field == "until"
    assert violation.message == "Too long (PACE s.42(1))."


def test_enumerations_are_lower_case_snake_case_strings() -> None:
    assert [kind.value for kind in ExtensionKind] == [
        "superintendent",
        "warrant",
        "warrant_extension",
    ]
    assert [destination.value for destination in GoldenHourDestination] == [
        "customer_first",
        "eds",
    ]


# --- relevant time (PACE s.41(2)) ----------------------------------------------------------

RELEVANT_TIME_CASES = [
    pytest.param(
        utc(2026, 1, 15, 10),
        utc(2026, 1, 15, 10, 40),
        False,
        utc(2026, 1, 15, 10, 40),
        id="arrival-forty-minutes-after-arrest",
    ),
    pytest.param(
        utc(2026, 1, 15, 9),
        utc(2026, 1, 16, 9, 1),
        False,
        utc(2026, 1, 16, 9),
        id="arrival-more-than-24-hours-after-arrest-uses-the-longstop",
    ),
    pytest.param(
        utc(2026, 1, 15, 9),
        utc(2026, 1, 16, 9),
        False,
        utc(2026, 1, 16, 9),
        id="arrival-exactly-24-hours-after-arrest",
    ),
    pytest.param(
        utc(2026, 1, 15, 11, 15),
        utc(2026, 1, 15, 10),
        True,
        utc(2026, 1, 15, 11, 15),
        id="voluntary-attendee-arrested-at-the-station",
    ),
    pytest.param(
        utc(2026, 1, 15, 11, 15),
        utc(2026, 1, 15, 11, 15),
        True,
        utc(2026, 1, 15, 11, 15),
        id="voluntary-attendee-arrested-on-arrival",
    ),
    pytest.param(
        # 02:00 GMT on 28 Mar + 24 h elapsed is 02:00 UTC = 03:00 BST on 29 Mar.
        utc(2026, 3, 28, 2),
        utc(2026, 3, 30, 8),
        False,
        utc(2026, 3, 29, 2),
        id="longstop-across-the-spring-clock-change",
    ),
    pytest.param(
        utc(2026, 1, 31, 23, 30),
        utc(2026, 2, 2, 1),
        False,
        utc(2026, 2, 1, 23, 30),
        id="longstop-across-a-month-end",
    ),
    pytest.param(
        # Arrest 01:10 BST, arrival 01:05 GMT: earlier on the wall, 55 minutes later in fact.
        utc(2026, 10, 25, 0, 10),
        utc(2026, 10, 25, 1, 5),
        False,
        utc(2026, 10, 25, 1, 5),
        id="arrival-in-the-repeated-autumn-hour",
    ),
]


@pytest.mark.parametrize(("arrested", "arrived", "voluntary", "expected"), RELEVANT_TIME_CASES)
def test_it_starts_the_clock_at_the_relevant_time(
    arrested: dt.datetime, arrived: dt.datetime, voluntary: bool, expected: dt.datetime
) -> None:
    assert relevant_time(arrested, arrived, voluntary) == expected


@pytest.mark.parametrize(
    ("arrested", "arrived", "voluntary", "field"),
    [
        pytest.param(
            utc(2026, 1, 15, 10),
            utc(2026, 1, 15, 9),
            False,
            "arrived_at",
            id="arrival-before-arrest",
        ),
        pytest.param(
            utc(2026, 1, 15, 9),
            utc(2026, 1, 15, 10),
            True,
            "arrested_at",
            id="voluntary-attendee-arrested-before-arriving",
        ),
    ],
)
def test_it_refuses_an_impossible_arrest_and_arrival_order(
    arrested: dt.datetime, arrived: dt.datetime, voluntary: bool, field: str
) -> None:
    with pytest.raises(RuleViolation) as caught:
        relevant_time(arrested, arrived, voluntary)
    assert caught.value.field == field
    assert "PACE s.41(2)" in caught.value.message


# --- detention limit (PACE ss.41-44) -----------------------------------------------------

LIMIT_CASES = [
    pytest.param(utc(2026, 1, 15, 10), (), (), utc(2026, 1, 16, 10), id="24-hours-in-winter"),
    pytest.param(
        # 12:00 GMT + 24 h = 12:00 UTC on 29 Mar, which the wall clock shows as 13:00 BST.
        utc(2026, 3, 28, 12),
        (),
        (),
        utc(2026, 3, 29, 12),
        id="24-hours-across-spring-forward-ends-an-hour-later-on-the-wall",
    ),
    pytest.param(
        utc(2026, 3, 29, 0),
        (),
        (),
        utc(2026, 3, 30, 0),
        id="24-hours-from-midnight-before-spring-forward-ends-at-01-00-bst",
    ),
    pytest.param(
        # 00:00 BST on 25 Oct is 23:00 UTC on the 24th; + 24 h = 23:00 UTC = 23:00 GMT.
        utc(2026, 10, 24, 23),
        (),
        (),
        utc(2026, 10, 25, 23),
        id="24-hours-from-midnight-across-fall-back-ends-at-23-00-not-midnight",
    ),
    pytest.param(
        # 12:00 BST on 24 Oct is 11:00 UTC; + 24 h = 11:00 UTC = 11:00 GMT on the 25th.
        utc(2026, 10, 24, 11),
        (),
        (),
        utc(2026, 10, 25, 11),
        id="24-hours-across-fall-back-ends-an-hour-earlier-on-the-wall",
    ),
    pytest.param(utc(2026, 1, 31, 15), (), (), utc(2026, 2, 1, 15), id="across-a-month-end"),
    pytest.param(utc(2028, 2, 28, 20), (), (), utc(2028, 2, 29, 20), id="into-a-leap-day"),
    pytest.param(utc(2026, 12, 31, 22), (), (), utc(2027, 1, 1, 22), id="across-a-year-end"),
    pytest.param(
        R, (sup(r(23), r(34)),), (), r(34), id="a-superintendent-extension-sets-the-limit"
    ),
    pytest.param(
        # The warrant runs from its issue (30 h) for 36 h: 66 h, not 36 + 36 = 72 h.
        R,
        (sup(r(20), r(36)), wfd(r(30), r(66))),
        (),
        r(66),
        id="a-warrant-runs-from-issue-and-the-superintendent-balance-is-lost",
    ),
    pytest.param(
        R,
        (sup(r(20), r(36)), wfd(r(30), r(66)), wfd_ext(r(60), r(96))),
        (),
        r(96),
        id="a-warrant-extension-sets-the-limit",
    ),
    pytest.param(
        R,
        (wfd_ext(r(60), r(96)), wfd(r(30), r(66)), sup(r(20), r(36))),
        (),
        r(96),
        id="extensions-given-in-any-order-are-applied-in-time-order",
    ),
    pytest.param(
        utc(2026, 1, 15, 10),
        (),
        ((utc(2026, 1, 15, 14), utc(2026, 1, 15, 17, 30)),),
        utc(2026, 1, 16, 13, 30),
        id="hospital-time-pushes-the-limit-later",
    ),
    pytest.param(
        utc(2026, 1, 15, 10),
        (),
        ((utc(2026, 1, 15, 9), utc(2026, 1, 15, 11)),),
        utc(2026, 1, 16, 11),
        id="only-hospital-time-after-the-relevant-time-counts",
    ),
    pytest.param(
        utc(2026, 1, 15, 10),
        (),
        ((utc(2026, 1, 16, 11), utc(2026, 1, 16, 12)),),
        utc(2026, 1, 16, 10),
        id="hospital-time-after-the-limit-changes-nothing",
    ),
    pytest.param(
        utc(2026, 1, 15, 10),
        (),
        ((utc(2026, 1, 16, 10), utc(2026, 1, 16, 12)),),
        utc(2026, 1, 16, 10),
        id="hospital-time-starting-at-the-limit-changes-nothing",
    ),
    pytest.param(
        utc(2026, 1, 15, 10),
        (),
        (
            (utc(2026, 1, 15, 15), utc(2026, 1, 15, 17)),
            (utc(2026, 1, 15, 14), utc(2026, 1, 15, 16)),
        ),
        utc(2026, 1, 16, 13),
        id="overlapping-hospital-periods-are-counted-once",
    ),
    pytest.param(
        R,
        (sup(r(20), r(36)),),
        ((r(26), r(28, 30)),),
        r(38, 30),
        id="hospital-time-during-an-extension-pushes-it-later",
    ),
    pytest.param(
        # 2 h in hospital from 01:30 BST to 02:30 GMT (one hour apart on the wall).
        utc(2026, 10, 24, 20),
        (),
        ((utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 2, 30)),),
        utc(2026, 10, 25, 22),
        id="hospital-time-across-fall-back-counts-elapsed-hours",
    ),
]


@pytest.mark.parametrize(("start", "extensions", "excluded", "expected"), LIMIT_CASES)
def test_it_computes_the_current_detention_limit(
    start: dt.datetime,
    extensions: tuple[Extension, ...],
    excluded: tuple[tuple[dt.datetime, dt.datetime], ...],
    expected: dt.datetime,
) -> None:
    assert detention_limit(start, extensions, excluded) == expected


@pytest.mark.parametrize(
    ("start", "expected_wall"),
    [
        pytest.param(utc(2026, 3, 28, 12), dt.datetime(2026, 3, 29, 13), id="spring-forward"),
        pytest.param(utc(2026, 10, 24, 23), dt.datetime(2026, 10, 25, 23), id="fall-back-midnight"),
        pytest.param(utc(2026, 10, 24, 11), dt.datetime(2026, 10, 25, 11), id="fall-back-noon"),
    ],
)
def test_the_24_hour_limit_moves_on_the_wall_clock_across_a_clock_change(
    start: dt.datetime, expected_wall: dt.datetime
) -> None:
    assert wall(detention_limit(start)) == expected_wall


def test_it_returns_limits_in_utc() -> None:
    assert detention_limit(utc(2026, 7, 1, 9)).utcoffset() == dt.timedelta(0)


def test_it_refuses_a_hospital_period_that_ends_before_it_starts() -> None:
    with pytest.raises(ValueError, match="excluded period"):
        add_counted_time(R, hours(24), [(r(5), r(4))])


# --- extensions: check_extension -------------------------------------------------------------

BASE_EXTENSION_INPUT: dict[str, Any] = {
    "relevant_time": R,
    "indictable": True,
    "reviews_held": REVIEWS,
    "granted": (),
    "excluded_periods": (),
}

# 12:00 BST on Saturday 24 Oct 2026; 36 h later is 23:00 GMT on the 25th (11:00 UTC + 36 h).
R_AUTUMN = utc(2026, 10, 24, 11)
# 00:00 BST on Thursday 22 Oct 2026; 96 h later is 23:00 GMT on Sunday 25 Oct.
R_96 = utc(2026, 10, 21, 23)

REFUSED_EXTENSIONS = [
    # Superintendent's extension (PACE s.42).
    pytest.param(
        sup(r(23), r(36)),
        {"indictable": False},
        "kind",
        "PACE s.42(1)",
        id="a-superintendent-extension-for-a-summary-offence",
    ),
    pytest.param(
        sup(r(23), r(36), Rank.CHIEF_INSPECTOR),
        {},
        "authorised_by",
        "PACE s.42(1)",
        id="a-superintendent-extension-by-a-chief-inspector",
    ),
    pytest.param(
        sup(r(23), r(36), None),
        {},
        "authorised_by",
        "superintendent or above",
        id="a-superintendent-extension-with-no-authorising-officer",
    ),
    pytest.param(
        sup(r(23), r(36)),
        {"reviews_held": (r(5, 30),)},
        "authorised_at",
        "PACE s.42(4)(b)",
        id="a-superintendent-extension-before-the-second-review",
    ),
    pytest.param(
        sup(r(23), r(36)),
        {"reviews_held": (r(5, 30), r(23, 30))},
        "authorised_at",
        "second review",
        id="a-superintendent-extension-before-a-second-review-held-later",
    ),
    pytest.param(
        sup(r(24, 1), r(36)),
        {},
        "authorised_at",
        "PACE s.42(2), s.42(4)(a)",
        id="a-superintendent-extension-after-the-24-hours-expired",
    ),
    pytest.param(
        sup(r(23), r(36, 1)),
        {},
        "until",
        "at most 36 hours",
        id="a-superintendent-extension-beyond-36-hours",
    ),
    pytest.param(
        sup(r(23), r(24)),
        {},
        "until",
        "later than the current limit",
        id="a-superintendent-extension-that-extends-nothing",
    ),
    pytest.param(
        sup(r(30), r(36)),
        {"granted": (wfd(r(20), r(56)),)},
        "kind",
        "PACE s.44",
        id="a-superintendent-extension-after-a-warrant",
    ),
    pytest.param(
        sup(r(22, 30), r(36)),
        {"granted": (sup(r(23), r(30)),)},
        "authorised_at",
        "already recorded",
        id="an-extension-dated-before-one-already-recorded",
    ),
    pytest.param(
        sup(r(29), r(37)),
        {"granted": (sup(r(23), r(30)),)},
        "until",
        "PACE s.42(1)",
        id="a-further-superintendent-extension-beyond-36-hours",
    ),
    pytest.param(
        sup(r(31), r(36)),
        {"granted": (sup(r(23), r(30)),)},
        "authorised_at",
        "PACE s.42(2)",
        id="a-further-superintendent-extension-after-the-first-expired",
    ),
    pytest.param(
        # 36 h by the wall clock (12:00 BST to 00:00 GMT) is 37 h elapsed.
        sup(utc(2026, 10, 25, 7), utc(2026, 10, 26, 0)),
        {"relevant_time": R_AUTUMN, "reviews_held": (utc(2026, 10, 24, 16), utc(2026, 10, 25, 0))},
        "until",
        "25 Oct 2026 23:00 GMT",
        id="a-superintendent-extension-to-36-wall-clock-hours-across-fall-back",
    ),
    # Warrant of further detention (PACE s.43).
    pytest.param(
        wfd(r(20), r(56)),
        {"indictable": False},
        "kind",
        "PACE s.43(4)(b)",
        id="a-warrant-for-a-summary-offence",
    ),
    pytest.param(
        wfd(r(50), r(86)),
        {"granted": (wfd(r(20), r(56)),)},
        "kind",
        "PACE s.44(1)",
        id="a-second-warrant",
    ),
    pytest.param(
        wfd(r(25), r(61)),
        {},
        "authorised_at",
        "PACE s.43(5)",
        id="a-warrant-after-the-24-hours-expired-without-a-superintendent-extension",
    ),
    pytest.param(
        wfd(r(42, 1), r(78)),
        {"granted": (sup(r(23), r(36)),)},
        "authorised_at",
        "PACE s.43(5)",
        id="a-warrant-more-than-6-hours-after-the-36-hour-point",
    ),
    pytest.param(
        wfd(r(31), r(40)),
        {"granted": (sup(r(23), r(30)),)},
        "authorised_at",
        "PACE s.43(5)",
        id="a-warrant-after-a-short-superintendent-extension-expired",
    ),
    pytest.param(
        wfd(r(30), r(66, 1)),
        {"granted": (sup(r(23), r(36)),)},
        "until",
        "PACE s.43(12)",
        id="a-warrant-longer-than-36-hours-from-issue",
    ),
    pytest.param(
        wfd(r(30), r(35)),
        {"granted": (sup(r(23), r(36)),)},
        "until",
        "current limit",
        id="a-warrant-ending-before-the-superintendent-extension",
    ),
    # Extension of a warrant (PACE s.44).
    pytest.param(
        wfd_ext(r(30), r(60)),
        {},
        "kind",
        "no warrant",
        id="a-warrant-extension-with-no-warrant",
    ),
    pytest.param(
        wfd_ext(r(30), r(60)),
        {"granted": (sup(r(23), r(36)),)},
        "kind",
        "PACE s.44(1)",
        id="a-warrant-extension-after-only-a-superintendent-extension",
    ),
    pytest.param(
        wfd_ext(r(50), r(86)),
        {"indictable": False, "granted": (wfd(r(20), r(56)),)},
        "kind",
        "indictable",
        id="a-warrant-extension-for-a-summary-offence",
    ),
    pytest.param(
        wfd_ext(r(57), r(86)),
        {"granted": (wfd(r(20), r(56)),)},
        "authorised_at",
        "before it expires",
        id="a-warrant-extension-after-the-warrant-expired",
    ),
    pytest.param(
        wfd_ext(r(50), r(56)),
        {"granted": (wfd(r(20), r(56)),)},
        "until",
        "current limit",
        id="a-warrant-extension-that-extends-nothing",
    ),
    pytest.param(
        wfd_ext(r(50), r(92, 1)),
        {"granted": (wfd(r(20), r(56)),)},
        "until",
        "PACE s.44(3)(a)",
        id="a-warrant-extension-of-more-than-36-hours",
    ),
    pytest.param(
        wfd_ext(r(60), r(96, 1)),
        {"granted": (sup(r(23), r(36)), wfd(r(30), r(66)))},
        "until",
        "PACE s.44(3)(b)",
        id="a-warrant-extension-beyond-96-hours",
    ),
    pytest.param(
        # 96 h from 00:00 BST on 22 Oct is 23:00 GMT on 25 Oct, not midnight.
        wfd_ext(R_96 + hours(80), utc(2026, 10, 26, 0)),
        {
            "relevant_time": R_96,
            "granted": (
                wfd(R_96 + hours(20), R_96 + hours(56)),
                wfd_ext(R_96 + hours(50), R_96 + hours(86)),
            ),
        },
        "until",
        "25 Oct 2026 23:00 GMT",
        id="a-warrant-extension-to-96-wall-clock-hours-across-fall-back",
    ),
    pytest.param(
        wfd_ext(r(80), r(99, 1)),
        {
            "granted": (wfd(r(20), r(56)), wfd_ext(r(50), r(86))),
            "excluded_periods": ((r(40), r(43)),),
        },
        "until",
        "96 hours",
        id="a-warrant-extension-beyond-96-hours-plus-hospital-time",
    ),
]


@pytest.mark.parametrize(("extension", "overrides", "field", "explains"), REFUSED_EXTENSIONS)
def test_it_refuses_an_extension_the_law_does_not_allow(
    extension: Extension, overrides: dict[str, Any], field: str, explains: str
) -> None:
    with pytest.raises(RuleViolation) as caught:
        check_extension(extension, **(BASE_EXTENSION_INPUT | overrides))
    assert caught.value.field == field
    assert explains in caught.value.message


def test_it_refuses_a_superintendent_extension_for_a_summary_offence() -> None:
    with pytest.raises(RuleViolation) as caught:
        check_extension(sup(r(23), r(36)), **(BASE_EXTENSION_INPUT | {"indictable": False}))
    assert caught.value.message == (
        "A superintendent's extension needs an indictable offence (PACE s.42(1))."
    )


ALLOWED_EXTENSIONS = [
    pytest.param(sup(r(23), r(36)), {}, id="a-superintendent-extension-to-36-hours"),
    pytest.param(sup(r(23), r(30), Rank.CHIEF_SUPERINTENDENT), {}, id="by-a-chief-superintendent"),
    pytest.param(sup(r(23), r(30), Rank.ACC), {}, id="by-an-assistant-chief-constable"),
    pytest.param(sup(r(23), r(30), Rank.CHIEF_CONSTABLE), {}, id="by-the-chief-constable"),
    pytest.param(sup(r(24), r(36)), {}, id="given-at-the-very-end-of-the-24-hours"),
    pytest.param(
        sup(r(23), r(36)),
        {"reviews_held": (r(5, 30), r(23))},
        id="given-at-the-moment-of-the-second-review",
    ),
    pytest.param(
        sup(r(29), r(36)),
        {"granted": (sup(r(23), r(30)),)},
        id="a-further-superintendent-extension-up-to-36-hours",
    ),
    pytest.param(
        # 2 h in hospital: the 24 h end at 26 h and the 36 h at 38 h.
        sup(r(25), r(38)),
        {"excluded_periods": ((r(10), r(12)),)},
        id="after-24-wall-hours-when-hospital-time-is-left-out",
    ),
    pytest.param(
        sup(utc(2026, 10, 25, 7), utc(2026, 10, 25, 23)),
        {"relevant_time": R_AUTUMN, "reviews_held": (utc(2026, 10, 24, 16), utc(2026, 10, 25, 0))},
        id="to-36-elapsed-hours-across-fall-back",
    ),
    pytest.param(wfd(r(20), r(56)), {}, id="a-warrant-before-the-24-hours-expire"),
    pytest.param(
        wfd(r(30), r(66)),
        {"granted": (sup(r(23), r(36)),)},
        id="a-warrant-during-a-superintendent-extension",
    ),
    pytest.param(
        wfd(r(40), r(76)),
        {"granted": (sup(r(23), r(36)),)},
        id="a-warrant-within-6-hours-after-the-36-hour-point",
    ),
    pytest.param(
        wfd(r(42), r(78)),
        {"granted": (sup(r(23), r(36)),)},
        id="a-warrant-exactly-6-hours-after-the-36-hour-point",
    ),
    pytest.param(
        wfd_ext(r(60), r(96)),
        {"granted": (sup(r(23), r(36)), wfd(r(30), r(66)))},
        id="a-warrant-extension-to-96-hours",
    ),
    pytest.param(
        wfd_ext(r(50), r(92)),
        {"granted": (wfd(r(20), r(56)),)},
        id="a-warrant-extension-of-exactly-36-hours",
    ),
    pytest.param(
        wfd_ext(r(80), r(96)),
        {"granted": (wfd(r(20), r(56)), wfd_ext(r(50), r(86)))},
        id="a-second-warrant-extension",
    ),
    pytest.param(
        wfd_ext(R_96 + hours(80), utc(2026, 10, 25, 23)),
        {
            "relevant_time": R_96,
            "granted": (
                wfd(R_96 + hours(20), R_96 + hours(56)),
                wfd_ext(R_96 + hours(50), R_96 + hours(86)),
            ),
        },
        id="a-warrant-extension-to-96-elapsed-hours-across-fall-back",
    ),
    pytest.param(
        wfd_ext(r(80), r(99)),
        {
            "granted": (wfd(r(20), r(56)), wfd_ext(r(50), r(86))),
            "excluded_periods": ((r(40), r(43)),),
        },
        id="a-warrant-extension-to-96-hours-plus-hospital-time",
    ),
]


@pytest.mark.parametrize(("extension", "overrides"), ALLOWED_EXTENSIONS)
def test_it_allows_an_extension_the_law_allows(
    extension: Extension, overrides: dict[str, Any]
) -> None:
    check_extension(extension, **(BASE_EXTENSION_INPUT | overrides))


def test_an_extension_accepts_the_plain_strings_a_model_field_holds() -> None:
    extension = Extension("superintendent", r(23), r(36), "chief_superintendent")  # type: ignore[arg-type]
    assert extension.kind is ExtensionKind.SUPERINTENDENT
    assert extension.authorised_by_rank is Rank.CHIEF_SUPERINTENDENT
    check_extension(extension, **BASE_EXTENSION_INPUT)


def test_it_refuses_an_unknown_extension_kind() -> None:
    with pytest.raises(ValueError):
        Extension("magistrates", r(23), r(36))  # type: ignore[arg-type]


# --- reviews (PACE s.40) -----------------------------------------------------------------

A = utc(2026, 1, 15, 10)

REVIEW_DUE_CASES = [
    pytest.param(A, (), utc(2026, 1, 15, 16), id="first-review-6-hours-after-authorisation"),
    pytest.param(
        A,
        (utc(2026, 1, 15, 15, 30),),
        utc(2026, 1, 16, 0, 30),
        id="second-review-9-hours-after-the-first-held",
    ),
    pytest.param(
        A,
        (utc(2026, 1, 15, 13),),
        utc(2026, 1, 15, 22),
        id="an-early-first-review-brings-the-next-forward",
    ),
    pytest.param(
        A,
        (utc(2026, 1, 15, 17),),
        utc(2026, 1, 16, 1),
        id="a-postponed-first-review-does-not-push-the-second-back",
    ),
    pytest.param(
        A,
        (utc(2026, 1, 15, 15), utc(2026, 1, 15, 23)),
        utc(2026, 1, 16, 8),
        id="third-review-9-hours-after-the-second",
    ),
    pytest.param(
        A,
        (utc(2026, 1, 15, 15), utc(2026, 1, 16, 1, 30)),
        utc(2026, 1, 16, 9),
        id="a-postponed-second-review-does-not-push-the-third-back",
    ),
    pytest.param(
        A,
        (utc(2026, 1, 15, 15), utc(2026, 1, 15, 23), utc(2026, 1, 16, 8, 30)),
        utc(2026, 1, 16, 17),
        id="a-postponed-third-review-does-not-push-the-fourth-back",
    ),
    pytest.param(
        A,
        (utc(2026, 1, 15, 23), utc(2026, 1, 15, 15)),
        utc(2026, 1, 16, 8),
        id="reviews-given-out-of-order",
    ),
    pytest.param(A, (A,), utc(2026, 1, 15, 19), id="a-review-at-the-moment-of-authorisation"),
    pytest.param(
        # 22:00 GMT + 6 h = 04:00 UTC = 05:00 BST on 29 Mar.
        utc(2026, 3, 28, 22),
        (),
        utc(2026, 3, 29, 4),
        id="first-review-across-spring-forward",
    ),
    pytest.param(
        utc(2026, 3, 28, 22),
        (utc(2026, 3, 29, 3, 30),),
        utc(2026, 3, 29, 12, 30),
        id="second-review-across-spring-forward",
    ),
    pytest.param(
        # 22:00 BST on 24 Oct is 21:00 UTC; + 6 h = 03:00 UTC = 03:00 GMT.
        utc(2026, 10, 24, 21),
        (),
        utc(2026, 10, 25, 3),
        id="first-review-across-fall-back",
    ),
    pytest.param(
        utc(2026, 1, 31, 20),
        (utc(2026, 2, 1, 1, 30),),
        utc(2026, 2, 1, 10, 30),
        id="across-a-month-end",
    ),
]


@pytest.mark.parametrize(("authorised", "held", "expected"), REVIEW_DUE_CASES)
def test_it_schedules_the_next_review(
    authorised: dt.datetime, held: tuple[dt.datetime, ...], expected: dt.datetime
) -> None:
    assert next_review_due(authorised, held) == expected


@pytest.mark.parametrize(
    ("authorised", "expected_wall"),
    [
        pytest.param(utc(2026, 3, 28, 22), dt.datetime(2026, 3, 29, 5), id="spring-forward"),
        pytest.param(utc(2026, 10, 24, 21), dt.datetime(2026, 10, 25, 3), id="fall-back"),
    ],
)
def test_the_first_review_is_six_elapsed_hours_not_six_wall_clock_hours(
    authorised: dt.datetime, expected_wall: dt.datetime
) -> None:
    assert wall(next_review_due(authorised)) == expected_wall


def test_it_refuses_a_review_held_before_detention_was_authorised() -> None:
    with pytest.raises(RuleViolation) as caught:
        next_review_due(A, (utc(2026, 1, 15, 9),))
    assert caught.value.field == "held_at"


REVIEW_OFFICER_CASES = [
    pytest.param(Rank.INSPECTOR, False, False, None, id="an-inspector-before-charge"),
    pytest.param(Rank.CHIEF_INSPECTOR, False, False, None, id="a-chief-inspector-before-charge"),
    pytest.param(Rank.SUPERINTENDENT, False, False, None, id="a-superintendent-before-charge"),
    pytest.param(Rank.SERGEANT, True, False, None, id="a-custody-sergeant-after-charge"),
    pytest.param(Rank.INSPECTOR, True, False, None, id="an-inspector-after-charge"),
    pytest.param(Rank.SERGEANT, True, True, None, id="an-involved-custody-sergeant-after-charge"),
    pytest.param(
        Rank.SERGEANT, False, False, "PACE s.40(1)(b)", id="refuses-a-sergeant-before-charge"
    ),
    pytest.param(
        Rank.CONSTABLE, False, False, "inspector or above", id="refuses-a-constable-before-charge"
    ),
    pytest.param(
        Rank.STAFF, False, False, "inspector or above", id="refuses-police-staff-before-charge"
    ),
    pytest.param(
        Rank.CONSTABLE, True, False, "PACE s.40(1)(a)", id="refuses-a-constable-after-charge"
    ),
    pytest.param(
        Rank.INSPECTOR,
        False,
        True,
        "not be directly involved",
        id="refuses-an-inspector-involved-in-the-investigation",
    ),
]


@pytest.mark.parametrize(("rank", "charged", "involved", "refusal"), REVIEW_OFFICER_CASES)
def test_it_checks_the_review_officer(
    rank: Rank, charged: bool, involved: bool, refusal: str | None
) -> None:
    def review() -> None:
        check_review(
            held_at=utc(2026, 1, 15, 15),
            detention_authorised_at=A,
            reviewer_rank=rank,
            charged=charged,
            involved_in_investigation=involved,
        )

    if refusal is None:
        review()
        return
    with pytest.raises(RuleViolation) as caught:
        review()
    expected = "involved_in_investigation" if involved else "authorised_by"
    assert caught.value.field == expected
    assert refusal in caught.value.message


def test_it_refuses_to_record_a_review_before_detention_was_authorised() -> None:
    with pytest.raises(RuleViolation) as caught:
        check_review(
            held_at=utc(2026, 1, 15, 9), detention_authorised_at=A, reviewer_rank=Rank.INSPECTOR
        )
    assert caught.value.field == "held_at"


# --- age and juveniles -------------------------------------------------------------------

IS_CHILD_CASES = [
    pytest.param(
        dt.date(2008, 3, 29), utc(2026, 3, 28, 23, 30), True, id="the-evening-before-18th-birthday"
    ),
    pytest.param(
        # 00:30 UTC on 29 Mar is 00:30 GMT: the birthday has begun.
        dt.date(2008, 3, 29),
        utc(2026, 3, 29, 0, 30),
        False,
        id="on-18th-birthday-on-spring-forward-day",
    ),
    pytest.param(
        # 23:30 UTC on 14 Jun is 00:30 BST on 15 Jun: already the birthday in London.
        dt.date(2008, 6, 15),
        utc(2026, 6, 14, 23, 30),
        False,
        id="18-on-the-london-date-though-not-yet-in-utc",
    ),
    pytest.param(
        dt.date(2008, 6, 15), utc(2026, 6, 14, 22, 59), True, id="one-minute-before-london-midnight"
    ),
    pytest.param(
        dt.date(2008, 10, 25),
        utc(2026, 10, 24, 23, 30),
        False,
        id="birthday-begins-in-bst-on-fall-back-day",
    ),
    pytest.param(
        dt.date(2008, 2, 29), utc(2026, 2, 28, 12), True, id="leap-day-birthday-not-yet-reached"
    ),
    pytest.param(
        dt.date(2008, 2, 29), utc(2026, 3, 1, 0), False, id="leap-day-birthday-taken-as-1-march"
    ),
    pytest.param(dt.date(2010, 1, 1), utc(2026, 12, 31, 23, 30), True, id="16-on-new-years-eve"),
    pytest.param(dt.date(1990, 5, 5), utc(2026, 1, 15, 10), False, id="an-adult"),
]


@pytest.mark.parametrize(("born", "at", "expected"), IS_CHILD_CASES)
def test_it_decides_whether_a_detainee_is_a_child(
    born: dt.date, at: dt.datetime, expected: bool
) -> None:
    assert is_child(born, at) is expected


DECIDED = utc(2026, 3, 10, 15)
REASON = "No local authority transport until morning; the A14 is closed."

JUVENILE_TRANSFER_CASES = [
    pytest.param(
        TransferOutcome.TRANSFER_REQUESTED,
        dt.date(2015, 1, 1),
        DECIDED,
        "",
        False,
        None,
        id="transfer-requested-for-an-11-year-old",
    ),
    pytest.param(
        TransferOutcome.TRANSFER_ACHIEVED,
        dt.date(2010, 1, 1),
        DECIDED,
        "",
        False,
        None,
        id="transfer-achieved",
    ),
    pytest.param(
        TransferOutcome.CERTIFIED_IMPRACTICABLE,
        dt.date(2016, 1, 1),
        DECIDED,
        REASON,
        False,
        None,
        id="impracticable-certified-with-reasons-for-a-10-year-old",
    ),
    pytest.param(
        TransferOutcome.CERTIFIED_NO_SECURE_ACCOMMODATION,
        dt.date(2014, 3, 10),
        DECIDED,
        REASON,
        True,
        None,
        id="no-secure-accommodation-on-12th-birthday",
    ),
    pytest.param(
        TransferOutcome.CERTIFIED_NO_SECURE_ACCOMMODATION,
        dt.date(2009, 5, 1),
        DECIDED,
        REASON,
        True,
        None,
        id="no-secure-accommodation-for-a-16-year-old",
    ),
    pytest.param(
        # 23:30 UTC on 30 Jun is 00:30 BST on 1 Jul, the 12th birthday.
        TransferOutcome.CERTIFIED_NO_SECURE_ACCOMMODATION,
        dt.date(2014, 7, 1),
        utc(2026, 6, 30, 23, 30),
        REASON,
        True,
        None,
        id="no-secure-accommodation-on-a-12th-birthday-reached-in-bst",
    ),
    pytest.param(
        TransferOutcome.CERTIFIED_IMPRACTICABLE,
        dt.date(2012, 1, 1),
        DECIDED,
        "",
        False,
        "certificate_reason",
        id="refuses-impracticable-without-reasons",
    ),
    pytest.param(
        TransferOutcome.CERTIFIED_IMPRACTICABLE,
        dt.date(2012, 1, 1),
        DECIDED,
        "   ",
        False,
        "certificate_reason",
        id="refuses-impracticable-with-blank-reasons",
    ),
    pytest.param(
        TransferOutcome.CERTIFIED_NO_SECURE_ACCOMMODATION,
        dt.date(2014, 3, 11),
        DECIDED,
        REASON,
        True,
        "outcome",
        id="refuses-no-secure-accommodation-the-day-before-12th-birthday",
    ),
    pytest.param(
        TransferOutcome.CERTIFIED_NO_SECURE_ACCOMMODATION,
        dt.date(2014, 7, 1),
        utc(2026, 6, 30, 22, 59),
        REASON,
        True,
        "outcome",
        id="refuses-no-secure-accommodation-at-23-59-bst-before-12th-birthday",
    ),
    pytest.param(
        TransferOutcome.CERTIFIED_NO_SECURE_ACCOMMODATION,
        dt.date(2010, 1, 1),
        DECIDED,
        REASON,
        False,
        "other_accommodation_inadequate",
        id="refuses-no-secure-accommodation-without-a-public-protection-finding",
    ),
    pytest.param(
        TransferOutcome.CERTIFIED_NO_SECURE_ACCOMMODATION,
        dt.date(2010, 1, 1),
        DECIDED,
        "",
        True,
        "certificate_reason",
        id="refuses-no-secure-accommodation-without-reasons",
    ),
]


@pytest.mark.parametrize(
    ("outcome", "born", "decided", "reason", "inadequate", "refused_field"), JUVENILE_TRANSFER_CASES
)
def test_it_checks_the_transfer_of_a_charged_juvenile(
    outcome: TransferOutcome,
    born: dt.date,
    decided: dt.datetime,
    reason: str,
    inadequate: bool,
    refused_field: str | None,
) -> None:
    def transfer() -> None:
        check_juvenile_transfer(
            outcome,
            date_of_birth=born,
            decided_at=decided,
            certificate_reason=reason,
            other_accommodation_inadequate=inadequate,
        )

    if refused_field is None:
        transfer()
        return
    with pytest.raises(RuleViolation) as caught:
        transfer()
    assert caught.value.field == refused_field
    assert "PACE s.38(6)" in caught.value.message


# --- Golden Hour (DOMAIN.md §8) ------------------------------------------------------------

# Norfolk County Council's published hours, read as a daytime window (DOMAIN.md §8).
NORFOLK_LIKE = ServiceHours(
    monday=(dt.time(9), dt.time(17)),
    tuesday=(dt.time(9), dt.time(17)),
    wednesday=(dt.time(9), dt.time(17)),
    thursday=(dt.time(9), dt.time(17)),
    friday=(dt.time(9), dt.time(16, 35)),
)
SATURDAY_MORNINGS = ServiceHours(saturday=(dt.time(10), dt.time(14)))


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An instant in 2026, in UTC."""
    return utc(2026, month, day, hour, minute)


def gh(
    name: str,
    booked: dt.datetime,
    destination: GoldenHourDestination,
    closes_at: dt.datetime | None = None,
    early: bool = False,
    service: ServiceHours = DEFAULT_CUSTOMER_FIRST,
) -> Any:
    """A Golden Hour row: ``early`` is the closes-before-due flag."""
    return pytest.param(booked, service, destination, early, closes_at, id=name)


GOLDEN_HOUR_CASES = [
    # Monday 12 to Sunday 18 January 2026, GMT; window 08:00-17:20, Friday to 16:20.
    gh("monday-morning", at(1, 12, 10), CF, at(1, 12, 17, 20)),
    gh("monday-as-the-window-opens", at(1, 12, 8), CF, at(1, 12, 17, 20)),
    gh("monday-a-minute-before-opening", at(1, 12, 7, 59), EDS),
    gh("due-exactly-as-the-window-closes", at(1, 12, 16, 20), CF, at(1, 12, 17, 20)),
    gh("window-closes-a-minute-before-due", at(1, 12, 16, 21), CF, at(1, 12, 17, 20), True),
    gh("booked-in-a-minute-before-closing", at(1, 12, 17, 19), CF, at(1, 12, 17, 20), True),
    gh("booked-in-as-the-window-closes", at(1, 12, 17, 20), EDS),
    gh("monday-evening", at(1, 12, 19), EDS),
    gh("thursday-just-before-17-20", at(1, 15, 17, 19), CF, at(1, 15, 17, 20), True),
    gh("friday-due-as-the-window-closes", at(1, 16, 15, 20), CF, at(1, 16, 16, 20)),
    gh("friday-window-closes-at-16-20", at(1, 16, 15, 30), CF, at(1, 16, 16, 20), True),
    gh("friday-at-16-20", at(1, 16, 16, 20), EDS),
    gh("saturday", at(1, 17, 10), EDS),
    gh("sunday", at(1, 18, 10), EDS),
    # Bank holidays (always EDS) and the working days around them.
    gh("new-years-day-a-thursday", at(1, 1, 10), EDS),
    gh("good-friday", at(4, 3, 9), EDS),
    gh("easter-monday", at(4, 6, 9), EDS),
    gh("spring-bank-holiday", at(5, 25, 9), EDS),
    gh("late-summer-bank-holiday-on-a-month-end", at(8, 31, 9), EDS),
    gh("08-00-bst-on-the-first-after-a-bank-holiday", at(9, 1, 7), CF, at(9, 1, 16, 20)),
    gh("boxing-day-substitute-monday", at(12, 28, 10), EDS),
    gh("the-tuesday-after-christmas", at(12, 29, 10), CF, at(12, 29, 17, 20)),
    # British Summer Time: windows are London wall time.
    gh("08-00-bst-is-07-00-utc", at(3, 30, 7), CF, at(3, 30, 16, 20)),
    gh("07-59-bst", at(3, 30, 6, 59), EDS),
    gh("16-30-utc-is-17-30-bst-after-closing", at(3, 30, 16, 30), EDS),
    gh("last-friday-in-gmt", at(3, 27, 16, 10), CF, at(3, 27, 16, 20), True),
    gh("last-friday-in-bst-closes-at-15-20-utc", at(10, 23, 15, 10), CF, at(10, 23, 15, 20), True),
    gh("first-monday-back-in-gmt", at(10, 26, 16, 45), CF, at(10, 26, 17, 20), True),
    gh("spring-forward-night", at(3, 29, 0, 30), EDS),
    gh("fall-back-night", at(10, 25, 0, 30), EDS),
    # Other local authorities' hours are data.
    gh("norfolk-friday-until-16-35", at(1, 16, 16, 30), CF, at(1, 16, 16, 35), True, NORFOLK_LIKE),
    gh("norfolk-opens-at-09-00", at(1, 12, 8, 30), EDS, service=NORFOLK_LIKE),
    gh("a-saturday-service", at(1, 17, 11), CF, at(1, 17, 14), service=SATURDAY_MORNINGS),
    gh("no-weekday-service", at(1, 12, 11), EDS, service=SATURDAY_MORNINGS),
]


@pytest.mark.parametrize(
    ("booked", "service", "destination", "closes_before_due", "closes_at"), GOLDEN_HOUR_CASES
)
def test_it_routes_the_golden_hour_call(
    booked: dt.datetime,
    service: ServiceHours,
    destination: GoldenHourDestination,
    closes_before_due: bool,
    closes_at: dt.datetime | None,
) -> None:
    result = golden_hour(booked, service)
    assert result.due_at == booked + dt.timedelta(minutes=60)
    assert result.warn_at == booked + dt.timedelta(minutes=45)
    assert result.destination is destination
    assert result.closes_before_due is closes_before_due
    assert result.window_closes_at == closes_at


@pytest.mark.parametrize(
    ("booked", "due_wall"),
    [
        # 00:30 GMT + 60 min = 01:30 UTC, shown as 02:30 BST.
        pytest.param(utc(2026, 3, 29, 0, 30), dt.datetime(2026, 3, 29, 2, 30), id="spring-forward"),
        # 01:30 BST (00:30 UTC) + 60 min = 01:30 UTC, shown as 01:30 GMT: the same wall time.
        pytest.param(utc(2026, 10, 25, 0, 30), dt.datetime(2026, 10, 25, 1, 30), id="fall-back"),
    ],
)
def test_the_golden_hour_is_sixty_elapsed_minutes_across_a_clock_change(
    booked: dt.datetime, due_wall: dt.datetime
) -> None:
    assert wall(golden_hour(booked).due_at) == due_wall


def test_the_golden_hour_period_and_warning_are_configurable() -> None:
    booked = utc(2026, 1, 12, 10)
    result = golden_hour(
        booked, period=dt.timedelta(minutes=90), warn_after=dt.timedelta(minutes=60)
    )
    assert result.due_at == utc(2026, 1, 12, 11, 30)
    assert result.warn_at == utc(2026, 1, 12, 11)


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"monday": (dt.time(17), dt.time(8))}, id="a-window-ending-before-it-starts"),
        pytest.param({"monday": (dt.time(8), dt.time(8))}, id="an-empty-window"),
        pytest.param(
            {"monday": (dt.time(8, tzinfo=dt.UTC), dt.time(17))}, id="a-window-with-a-timezone"
        ),
    ],
)
def test_it_refuses_malformed_service_hours(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        ServiceHours(**kwargs)


DUE = utc(2026, 1, 12, 11)
FALL_BACK_DUE = utc(2026, 10, 25, 1, 30).astimezone(LONDON)  # 01:30 GMT, the second 01:30

GOLDEN_HOUR_STATUS_CASES = [
    pytest.param(
        DUE,
        utc(2026, 1, 12, 10, 30),
        utc(2026, 1, 12, 12),
        GoldenHourStatus.MET,
        id="called-before-due",
    ),
    pytest.param(DUE, DUE, utc(2026, 1, 12, 12), GoldenHourStatus.MET, id="called-exactly-at-due"),
    pytest.param(
        DUE,
        utc(2026, 1, 12, 11, 1),
        utc(2026, 1, 12, 12),
        GoldenHourStatus.LATE,
        id="called-a-minute-late",
    ),
    pytest.param(DUE, None, utc(2026, 1, 12, 10, 59), GoldenHourStatus.OPEN, id="not-called-yet"),
    pytest.param(DUE, None, DUE, GoldenHourStatus.OPEN, id="not-called-at-the-due-time"),
    pytest.param(
        DUE, None, utc(2026, 1, 12, 11, 1), GoldenHourStatus.MISSED, id="not-called-after-due"
    ),
    pytest.param(
        DUE,
        None,
        utc(2026, 1, 12, 10, 40),
        GoldenHourStatus.MISSED,
        utc(2026, 1, 12, 10, 30),
        id="released-before-the-call-inside-the-hour",
    ),
    pytest.param(
        DUE,
        None,
        utc(2026, 1, 12, 10, 20),
        GoldenHourStatus.OPEN,
        utc(2026, 1, 12, 10, 30),
        id="release-recorded-for-later-than-the-asking",
    ),
    pytest.param(
        DUE,
        utc(2026, 1, 12, 10, 15),
        utc(2026, 1, 12, 10, 40),
        GoldenHourStatus.MET,
        utc(2026, 1, 12, 10, 30),
        id="called-then-released",
    ),
    pytest.param(
        # 01:45 BST is later on the wall than 01:30 GMT but 45 minutes earlier in fact.
        FALL_BACK_DUE,
        utc(2026, 10, 25, 0, 45).astimezone(LONDON),
        FALL_BACK_DUE,
        GoldenHourStatus.MET,
        id="called-in-bst-before-a-due-time-in-the-repeated-hour",
    ),
    pytest.param(
        FALL_BACK_DUE,
        utc(2026, 10, 25, 1, 35).astimezone(LONDON),
        FALL_BACK_DUE,
        GoldenHourStatus.LATE,
        id="called-in-gmt-after-a-due-time-in-the-repeated-hour",
    ),
]


@pytest.mark.parametrize(
    ("due", "called", "at", "expected", "released"),
    [
        case if len(case.values) == 5 else pytest.param(*case.values, None, id=case.id)
        for case in GOLDEN_HOUR_STATUS_CASES
    ],
)
def test_it_tells_whether_the_golden_hour_was_met(
    due: dt.datetime,
    called: dt.datetime | None,
    at: dt.datetime,
    expected: GoldenHourStatus,
    released: dt.datetime | None,
) -> None:
    status = golden_hour_status(due_at=due, called_at=called, at=at, released_at=released)
    assert status is expected


# --- Mental Health Act 1983 s.136 (DOMAIN.md §1.3) ---------------------------------------

S = utc(2026, 1, 15, 10)
S_AUTUMN = utc(2026, 10, 24, 11)  # 12:00 BST


def s136_ext(
    at: dt.datetime,
    until: dt.datetime,
    *,
    rmp: bool = True,
    condition: bool = True,
    approval: Rank | None = None,
) -> S136Extension:
    return S136Extension(
        authorised_at=at,
        until=until,
        by_registered_medical_practitioner=rmp,
        condition_prevents_assessment=condition,
        superintendent_approval_rank=approval,
    )


S136_LIMIT_CASES = [
    pytest.param(S, None, utc(2026, 1, 16, 10), id="24-hours-from-arrival"),
    pytest.param(
        S, s136_ext(S + hours(20), S + hours(30)), S + hours(30), id="an-extension-sets-the-limit"
    ),
    pytest.param(
        # 12:00 BST + 24 h = 11:00 UTC = 11:00 GMT on the 25th.
        S_AUTUMN,
        None,
        utc(2026, 10, 25, 11),
        id="24-hours-across-fall-back",
    ),
    pytest.param(
        # 22:30 GMT + 24 h = 22:30 UTC = 23:30 BST on the 29th.
        utc(2026, 3, 28, 22, 30),
        None,
        utc(2026, 3, 29, 22, 30),
        id="24-hours-across-spring-forward",
    ),
    pytest.param(utc(2026, 4, 30, 20), None, utc(2026, 5, 1, 20), id="across-a-month-end"),
]


@pytest.mark.parametrize(("start", "extension", "expected"), S136_LIMIT_CASES)
def test_it_computes_the_s136_limit(
    start: dt.datetime, extension: S136Extension | None, expected: dt.datetime
) -> None:
    assert s136_limit(start, extension) == expected


def test_the_s136_limit_across_fall_back_ends_at_11_00_gmt() -> None:
    assert wall(s136_limit(S_AUTUMN)) == dt.datetime(2026, 10, 25, 11)


HB = PlaceOfSafety.HEALTH_BASED
PS = PlaceOfSafety.POLICE_STATION

REFUSED_S136_EXTENSIONS = [
    pytest.param(
        s136_ext(S + hours(22), S + hours(36)),
        HB,
        s136_ext(S + hours(20), S + hours(30)),
        "non_field_errors",
        "only once",
        id="a-second-extension",
    ),
    pytest.param(
        s136_ext(S + hours(20), S + hours(36), rmp=False),
        HB,
        None,
        "authorised_by",
        "registered medical practitioner",
        id="an-extension-not-by-the-registered-medical-practitioner",
    ),
    pytest.param(
        s136_ext(S + hours(20), S + hours(36), condition=False),
        HB,
        None,
        "reason",
        "not to find a bed",
        id="an-extension-to-find-a-bed",
    ),
    pytest.param(
        s136_ext(S + hours(20), S + hours(36)),
        PS,
        None,
        "approved_by",
        "superintendent",
        id="an-extension-at-a-police-station-without-a-superintendent",
    ),
    pytest.param(
        s136_ext(S + hours(20), S + hours(36), approval=Rank.CHIEF_INSPECTOR),
        PS,
        None,
        "approved_by",
        "s.136B",
        id="an-extension-at-a-police-station-approved-by-a-chief-inspector",
    ),
    pytest.param(
        s136_ext(
            S
            + hours(
                24,
            )
            + dt.timedelta(minutes=1),
            S + hours(36),
        ),
        HB,
        None,
        "authorised_at",
        "before it expires",
        id="an-extension-after-the-24-hours-expired",
    ),
    pytest.param(
        s136_ext(S + hours(20), S + hours(24)),
        HB,
        None,
        "until",
        "later than",
        id="an-extension-that-extends-nothing",
    ),
    pytest.param(
        s136_ext(S + hours(20), S + hours(36) + dt.timedelta(minutes=1)),
        HB,
        None,
        "until",
        "at most 12 hours",
        id="an-extension-of-more-than-12-hours",
    ),
]


@pytest.mark.parametrize(
    ("extension", "place", "previous", "field", "explains"), REFUSED_S136_EXTENSIONS
)
def test_it_refuses_an_s136_extension_the_law_does_not_allow(
    extension: S136Extension,
    place: PlaceOfSafety,
    previous: S136Extension | None,
    field: str,
    explains: str,
) -> None:
    with pytest.raises(RuleViolation) as caught:
        check_s136_extension(extension, start=S, place=place, previous=previous)
    assert caught.value.field == field
    assert explains in caught.value.message
    assert "Mental Health Act 1983 s.136B" in caught.value.message


def test_it_refuses_an_s136_extension_to_36_wall_clock_hours_across_fall_back() -> None:
    # 12:00 BST to 00:00 GMT is 37 elapsed hours; the cap is 23:00 GMT.
    with pytest.raises(RuleViolation) as caught:
        check_s136_extension(
            s136_ext(utc(2026, 10, 25, 9), utc(2026, 10, 26, 0)), start=S_AUTUMN, place=HB
        )
    assert caught.value.field == "until"
    assert "25 Oct 2026 23:00 GMT" in caught.value.message


ALLOWED_S136_EXTENSIONS = [
    pytest.param(S, s136_ext(S + hours(20), S + hours(36)), HB, id="at-a-health-based-place"),
    pytest.param(
        S, s136_ext(S + hours(20), S + hours(28)), PlaceOfSafety.OTHER, id="at-another-place"
    ),
    pytest.param(
        S,
        s136_ext(S + hours(20), S + hours(36), approval=Rank.SUPERINTENDENT),
        PS,
        id="at-a-police-station-with-a-superintendent",
    ),
    pytest.param(
        S,
        s136_ext(S + hours(20), S + hours(30), approval=Rank.CHIEF_SUPERINTENDENT),
        PS,
        id="at-a-police-station-with-a-chief-superintendent",
    ),
    pytest.param(S, s136_ext(S + hours(24), S + hours(36)), HB, id="given-as-the-24-hours-expire"),
    pytest.param(
        S_AUTUMN,
        s136_ext(utc(2026, 10, 25, 9), utc(2026, 10, 25, 23)),
        HB,
        id="to-36-elapsed-hours-across-fall-back",
    ),
]


@pytest.mark.parametrize(("start", "extension", "place"), ALLOWED_S136_EXTENSIONS)
def test_it_allows_an_s136_extension_the_law_allows(
    start: dt.datetime, extension: S136Extension, place: PlaceOfSafety
) -> None:
    check_s136_extension(extension, start=start, place=place)


ALL_MET = PoliceStationConditions(True, True, True)


def pos(
    name: str,
    place: PlaceOfSafety,
    *,
    child: bool = False,
    decided: Rank = Rank.INSPECTOR,
    conditions: PoliceStationConditions | None = ALL_MET,
    authorised: Rank | None = None,
    refused: str | None = None,
) -> Any:
    """A place-of-safety row; ``refused`` is the field named in the refusal, if any."""
    return pytest.param(place, child, decided, conditions, authorised, refused, id=name)


OTHER = PlaceOfSafety.OTHER

PLACE_OF_SAFETY_CASES = [
    pos("refuses-a-police-station-for-a-child", PS, child=True, refused="place"),
    pos(
        "refuses-a-police-station-for-a-child-even-with-a-superintendent",
        PS,
        child=True,
        authorised=Rank.SUPERINTENDENT,
        refused="place",
    ),
    pos("a-health-based-place-for-a-child", HB, child=True, conditions=None),
    pos("another-place-for-a-child", OTHER, child=True, decided=Rank.CONSTABLE, conditions=None),
    pos("a-health-based-place-for-an-adult", HB, decided=Rank.CONSTABLE, conditions=None),
    pos("a-police-station-decided-by-an-inspector", PS),
    pos(
        "a-police-station-authorised-by-an-inspector",
        PS,
        decided=Rank.SERGEANT,
        authorised=Rank.INSPECTOR,
    ),
    pos(
        "a-police-station-authorised-by-a-superintendent",
        PS,
        decided=Rank.CONSTABLE,
        authorised=Rank.SUPERINTENDENT,
    ),
    pos("refuses-a-constable-deciding-alone", PS, decided=Rank.CONSTABLE, refused="authorised_by"),
    pos(
        "refuses-a-sergeant-authorising",
        PS,
        decided=Rank.CONSTABLE,
        authorised=Rank.SERGEANT,
        refused="authorised_by",
    ),
    pos(
        "refuses-a-police-station-with-no-conditions-recorded",
        PS,
        conditions=None,
        refused="conditions",
    ),
    pos(
        "refuses-a-police-station-without-imminent-risk",
        PS,
        conditions=PoliceStationConditions(False, True, True),
        refused="conditions",
    ),
    pos(
        "refuses-a-police-station-when-another-place-could-detain",
        PS,
        conditions=PoliceStationConditions(True, False, True),
        refused="conditions",
    ),
    pos(
        "refuses-a-police-station-without-a-healthcare-professional",
        PS,
        conditions=PoliceStationConditions(True, True, False),
        refused="conditions",
    ),
]


@pytest.mark.parametrize(
    ("place", "child", "decided_by", "conditions", "authorised_by", "refused_field"),
    PLACE_OF_SAFETY_CASES,
)
def test_it_checks_the_place_of_safety(
    place: PlaceOfSafety,
    child: bool,
    decided_by: Rank,
    conditions: PoliceStationConditions | None,
    authorised_by: Rank | None,
    refused_field: str | None,
) -> None:
    def decide() -> None:
        check_place_of_safety(
            place,
            child=child,
            decided_by_rank=decided_by,
            conditions=conditions,
            authorised_by_rank=authorised_by,
        )

    if refused_field is None:
        decide()
        return
    with pytest.raises(RuleViolation) as caught:
        decide()
    assert caught.value.field == refused_field
    assert "s.136A(1)" in caught.value.message or "SI 2017/1036 reg 2" in caught.value.message


# --- searches (Code C Annex A) -------------------------------------------------------------

SEARCHER_M = PersonPresent("PC Adams", PresentRole.SEARCHING_OFFICER, "male")
OFFICER_M = PersonPresent("PC Baker", PresentRole.OFFICER, "male")
SEARCHER_F = PersonPresent("PC Cole", PresentRole.SEARCHING_OFFICER, "female")
OFFICER_F = PersonPresent("PC Dale", PresentRole.OFFICER, "female")
AA_F = PersonPresent("Mrs Evans", PresentRole.APPROPRIATE_ADULT, "female")
NURSE_F = PersonPresent("Nurse Ford", PresentRole.HEALTHCARE_PROFESSIONAL, "female")
WHY = "Told on arrest he had hidden a knife in his underwear."


def search(**changes: Any) -> SearchRecord:
    base: dict[str, Any] = {
        "kind": SearchKind.STRIP,
        "reason": WHY,
        "detainee_sex": "male",
        "present": (SEARCHER_M, OFFICER_M),
    }
    return SearchRecord(**(base | changes))


INTIMATE = {"kind": SearchKind.INTIMATE, "authorised_by_rank": Rank.INSPECTOR}

ALLOWED_SEARCHES = [
    pytest.param(search(), id="an-adult-strip-search-with-two-male-officers"),
    pytest.param(
        search(detainee_sex="female", present=(SEARCHER_F, OFFICER_F)),
        id="a-woman-searched-by-women",
    ),
    pytest.param(
        search(present=(SEARCHER_M,), intimate_parts_exposed=False),
        id="one-officer-when-no-intimate-parts-are-exposed",
    ),
    pytest.param(search(present=(SEARCHER_M,), urgent=True), id="one-officer-when-urgent"),
    pytest.param(
        search(juvenile=True, present=(SEARCHER_M, AA_F)),
        id="a-juvenile-with-an-appropriate-adult-of-either-sex",
    ),
    pytest.param(
        search(
            juvenile=True,
            juvenile_opted_out_of_appropriate_adult=True,
            appropriate_adult_agreed_to_opt_out=True,
        ),
        id="a-juvenile-who-opted-out-with-the-appropriate-adults-agreement",
    ),
    pytest.param(
        search(juvenile=True, present=(SEARCHER_M,), urgent=True),
        id="a-juvenile-urgently-without-an-appropriate-adult",
    ),
    pytest.param(
        search(juvenile=True, intimate_parts_exposed=False),
        id="a-juvenile-without-exposure-of-intimate-parts",
    ),
    pytest.param(
        search(mentally_vulnerable=True, present=(SEARCHER_M, AA_F)),
        id="a-mentally-vulnerable-adult-with-an-appropriate-adult",
    ),
    pytest.param(search(detainee_sex="Male"), id="sex-compared-without-regard-to-case"),
    pytest.param(
        search(**INTIMATE, present=(NURSE_F, OFFICER_M)),
        id="an-intimate-search-by-a-nurse-authorised-by-an-inspector",
    ),
    pytest.param(
        search(**(INTIMATE | {"authorised_by_rank": Rank.SUPERINTENDENT}), present=(NURSE_F,)),
        id="an-intimate-search-authorised-by-a-superintendent",
    ),
    pytest.param(
        search(**INTIMATE, juvenile=True, present=(NURSE_F, AA_F)),
        id="an-intimate-search-of-a-juvenile-with-an-appropriate-adult",
    ),
]


@pytest.mark.parametrize("record", ALLOWED_SEARCHES)
def test_it_allows_a_search_the_rules_allow(record: SearchRecord) -> None:
    check_search(record)


REFUSED_SEARCHES = [
    pytest.param(
        search(reason=""), "reason", "Annex A para 12", id="a-strip-search-without-a-reason"
    ),
    pytest.param(
        search(reason="  "), "reason", "Annex A para 12", id="a-strip-search-with-a-blank-reason"
    ),
    pytest.param(
        search(present=()), "present", "Annex A para 12", id="a-strip-search-with-nobody-recorded"
    ),
    pytest.param(
        search(present=(SEARCHER_F, OFFICER_M)),
        "present",
        "para 11(b)",
        id="a-man-searched-by-a-woman",
    ),
    pytest.param(
        search(present=(SEARCHER_M, OFFICER_F)),
        "present",
        "same sex",
        id="a-woman-officer-present-at-a-mans-search",
    ),
    pytest.param(
        search(detainee_sex="unknown"),
        "present",
        "same sex",
        id="a-detainee-whose-gender-is-not-settled",
    ),
    pytest.param(
        search(present=(SEARCHER_M,)),
        "present",
        "para 11(c)",
        id="one-officer-when-intimate-parts-are-exposed",
    ),
    pytest.param(
        search(juvenile=True),
        "appropriate_adult",
        "Annex A para 11",
        id="a-juvenile-without-an-appropriate-adult",
    ),
    pytest.param(
        search(juvenile=True, juvenile_opted_out_of_appropriate_adult=True),
        "appropriate_adult",
        "agrees",
        id="a-juvenile-who-opted-out-without-the-appropriate-adults-agreement",
    ),
    pytest.param(
        search(
            mentally_vulnerable=True,
            juvenile_opted_out_of_appropriate_adult=True,
            appropriate_adult_agreed_to_opt_out=True,
        ),
        "appropriate_adult",
        "mentally vulnerable",
        id="a-mentally-vulnerable-adult-opting-out",
    ),
    pytest.param(
        search(**INTIMATE, reason=""),
        "reason",
        "PACE s.55",
        id="an-intimate-search-without-a-reason",
    ),
    pytest.param(
        search(**(INTIMATE | {"authorised_by_rank": Rank.SERGEANT})),
        "authorised_by",
        "PACE s.55(1)",
        id="an-intimate-search-authorised-by-a-sergeant",
    ),
    pytest.param(
        search(**(INTIMATE | {"authorised_by_rank": None})),
        "authorised_by",
        "inspector or above",
        id="an-intimate-search-with-no-authority",
    ),
    pytest.param(
        search(**INTIMATE, juvenile=True, present=(NURSE_F,)),
        "appropriate_adult",
        "PACE s.55",
        id="an-intimate-search-of-a-juvenile-without-an-appropriate-adult",
    ),
]


@pytest.mark.parametrize(("record", "field", "explains"), REFUSED_SEARCHES)
def test_it_refuses_a_search_the_rules_do_not_allow(
    record: SearchRecord, field: str, explains: str
) -> None:
    with pytest.raises(RuleViolation) as caught:
        check_search(record)
    assert caught.value.field == field
    assert explains in caught.value.message


# --- naive datetimes are refused ---------------------------------------------------------

NAIVE = dt.datetime(2026, 1, 15, 10)

NAIVE_CALLS = [
    pytest.param(lambda: relevant_time(NAIVE, utc(2026, 1, 15, 11)), id="relevant_time"),
    pytest.param(lambda: detention_limit(NAIVE), id="detention_limit"),
    pytest.param(lambda: detention_limit(R, (), ((NAIVE, r(12)),)), id="an-excluded-period"),
    pytest.param(lambda: Extension(ExtensionKind.WARRANT, NAIVE, r(40)), id="an-extension"),
    pytest.param(
        lambda: check_extension(
            sup(r(23), r(36)), **(BASE_EXTENSION_INPUT | {"relevant_time": NAIVE})
        ),
        id="check_extension",
    ),
    pytest.param(lambda: next_review_due(NAIVE), id="next_review_due"),
    pytest.param(lambda: next_review_due(A, (NAIVE,)), id="a-review-held"),
    pytest.param(lambda: is_child(dt.date(2010, 1, 1), NAIVE), id="is_child"),
    pytest.param(lambda: golden_hour(NAIVE), id="golden_hour"),
    pytest.param(
        lambda: golden_hour_status(due_at=DUE, called_at=NAIVE, at=DUE), id="golden_hour_status"
    ),
    pytest.param(lambda: s136_limit(NAIVE), id="s136_limit"),
    pytest.param(lambda: s136_ext(NAIVE, S + hours(30)), id="an-s136-extension"),
    pytest.param(
        lambda: check_juvenile_transfer(
            TransferOutcome.TRANSFER_REQUESTED,
            date_of_birth=dt.date(2012, 1, 1),
            decided_at=NAIVE,
        ),
        id="check_juvenile_transfer",
    ),
]


@pytest.mark.parametrize("call", NAIVE_CALLS)
def test_it_refuses_naive_datetimes(call: Any) -> None:
    with pytest.raises(ValueError, match="naive"):
        call()


# --- Records to resolve (issue 13 item 6) --------------------------------------------------

_RT = dt.datetime(2026, 3, 27, 9, 0, tzinfo=dt.UTC)  # the clocks go forward on 29 March


@pytest.mark.parametrize(
    ("limit_after", "now_after", "beyond"),
    [
        (dt.timedelta(hours=24), dt.timedelta(hours=23), False),  # within its limit
        (dt.timedelta(hours=24), dt.timedelta(hours=30), False),  # limit missed, under 96 h
        (dt.timedelta(hours=96), dt.timedelta(hours=96), False),  # exactly at the maximum
        (dt.timedelta(hours=24), dt.timedelta(hours=96, minutes=1), True),
        (dt.timedelta(hours=106), dt.timedelta(hours=100), False),  # hospital time excluded
        (dt.timedelta(hours=24), dt.timedelta(days=247), True),  # the eight-month-old record
    ],
)
def test_a_record_is_to_resolve_only_beyond_its_limit_and_96_hours(limit_after, now_after, beyond):
    assert (
        rules.held_beyond_maximum(
            relevant_time=_RT, detention_limit_at=_RT + limit_after, now=_RT + now_after
        )
        is beyond
    )

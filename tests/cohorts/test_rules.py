"""IOM rules as tables of hand-computed cases (cohorts/rules.py, docs/iom-measures.md).

Pure: no database, so these run without Django (``-p no:django``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cohorts.rules import (
    DEFAULT_COHORT_CRITERIA,
    Cohort,
    CohortCriteria,
    HarmReduction,
    MembershipFact,
    OffenceFact,
    OgrsBand,
    OgrsThresholds,
    Period,
    Rate,
    RemovalReason,
    SelectionFacts,
    Window,
    after_window,
    before_adoption_window,
    cohort_counts,
    deterrence_rate,
    financial_year_start,
    harm_in_window,
    harm_reduction,
    iom_review_due,
    member_profile,
    offences_in_window,
    ogrs_band,
    periods_since,
    selection_warnings,
)

D = dt.date


def charged(day: dt.date, harm: int | Decimal = 0) -> OffenceFact:
    return OffenceFact(committed_on=day, harm_days=harm, charged=True)


def uncharged(day: dt.date, harm: int | Decimal = 0) -> OffenceFact:
    return OffenceFact(committed_on=day, harm_days=harm, charged=False)


def member(
    offender_id: str,
    adopted_on: dt.date,
    removed_on: dt.date | None = None,
    *offences: OffenceFact,
    cohort: Cohort = Cohort.FIXED,
    managed_in_community: bool = False,
    removal_reason: RemovalReason | None = None,
) -> MembershipFact:
    return MembershipFact(
        offender_id=offender_id,
        cohort=cohort,
        adopted_on=adopted_on,
        removed_on=removed_on,
        managed_in_community=managed_in_community,
        removal_reason=removal_reason,
        offences=offences,
    )


# --------------------------------------------------------------------------------------
# Enumerations
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("enum", "values"),
    [
        (Cohort, ["fixed", "flexible", "free"]),
        (
            RemovalReason,
            ["reduced_risk", "long_custody", "moved_away", "died", "end_of_supervision", "other"],
        ),
        (OgrsBand, ["low", "medium", "high", "very_high"]),
    ],
)
def test_enumerations_are_the_api_snake_case_strings(enum, values):
    assert [member.value for member in enum] == values
    assert all(member.label for member in enum)


# --------------------------------------------------------------------------------------
# OGRS bands (UNCONFIRMED defaults: Low 0-49, Medium 50-74, High 75-89, Very high 90+)
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, OgrsBand.LOW),
        (49, OgrsBand.LOW),
        (Decimal("49.9"), OgrsBand.LOW),
        (50, OgrsBand.MEDIUM),
        (74, OgrsBand.MEDIUM),
        (75, OgrsBand.HIGH),
        (89, OgrsBand.HIGH),
        (90, OgrsBand.VERY_HIGH),
        (100, OgrsBand.VERY_HIGH),
    ],
)
def test_it_bands_ogrs_scores_by_the_default_thresholds(score, band):
    assert ogrs_band(score) == band


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (59, OgrsBand.LOW),
        (60, OgrsBand.MEDIUM),
        (79, OgrsBand.MEDIUM),
        (80, OgrsBand.HIGH),
        (94, OgrsBand.HIGH),
        (95, OgrsBand.VERY_HIGH),
    ],
)
def test_it_bands_ogrs_scores_by_a_forces_own_thresholds(score, band):
    assert ogrs_band(score, OgrsThresholds(medium=60, high=80, very_high=95)) == band


@pytest.mark.parametrize("score", [-1, 101])
def test_it_refuses_an_ogrs_score_that_is_not_a_percentage(score):
    with pytest.raises(ValueError):
        ogrs_band(score)


@pytest.mark.parametrize(("medium", "high", "very_high"), [(75, 50, 90), (50, 50, 90), (0, 75, 90)])
def test_it_refuses_thresholds_that_do_not_rise(medium, high, very_high):
    with pytest.raises(ValueError):
        OgrsThresholds(medium=medium, high=high, very_high=very_high)


# --------------------------------------------------------------------------------------
# Selection warnings
# --------------------------------------------------------------------------------------

FIXED_NEIGHBOURHOOD = (
    "The fixed cohort is for neighbourhood-crime offenders: no burglary, robbery, vehicle "
    "crime or theft from the person in the 24 months before adoption."
)
FIXED_SUPERVISION = (
    "The fixed cohort is managed jointly with probation under statutory supervision: this "
    "person is not under statutory supervision."
)
FREE_SUPERVISION = (
    "The free cohort is for people who are not under statutory supervision: this person is."
)
FREE_FEMALE_ONLY = CohortCriteria(cohort=Cohort.FREE, statutory_supervision=False, female_only=True)
FIXED_WITH_OGRS = CohortCriteria(
    cohort=Cohort.FIXED,
    requires_neighbourhood_offending=True,
    statutory_supervision=True,
    minimum_ogrs_score=50,
)


def facts(neighbourhood=2, ogrs=80, statutory=True, gender="male") -> SelectionFacts:
    return SelectionFacts(
        neighbourhood_offences_in_lookback=neighbourhood,
        ogrs_score=ogrs,
        statutory_supervision=statutory,
        gender=gender,
    )


@pytest.mark.parametrize(
    ("cohort", "person", "criteria", "warnings"),
    [
        ("fixed", facts(), None, []),
        ("fixed", facts(neighbourhood=0), None, [FIXED_NEIGHBOURHOOD]),
        ("fixed", facts(statutory=False), None, [FIXED_SUPERVISION]),
        (
            "fixed",
            facts(neighbourhood=0, statutory=False),
            None,
            [FIXED_NEIGHBOURHOOD, FIXED_SUPERVISION],
        ),
        (
            "fixed",
            facts(neighbourhood=0),
            CohortCriteria(
                cohort=Cohort.FIXED, requires_neighbourhood_offending=True, lookback_months=12
            ),
            [FIXED_NEIGHBOURHOOD.replace("24 months", "12 months")],
        ),
        ("flexible", facts(neighbourhood=0, ogrs=None, statutory=False), None, []),
        ("flexible", facts(neighbourhood=0, ogrs=None, statutory=True), None, []),
        ("free", facts(neighbourhood=0, ogrs=None, statutory=False), None, []),
        ("free", facts(statutory=True), None, [FREE_SUPERVISION]),
        ("free", facts(statutory=False, gender="male"), None, []),
        (
            "free",
            facts(statutory=False, gender="male"),
            FREE_FEMALE_ONLY,
            [
                "This force uses the free cohort for female offenders: this person's recorded "
                "gender is male."
            ],
        ),
        ("free", facts(statutory=False, gender="female"), FREE_FEMALE_ONLY, []),
        ("free", facts(statutory=False, gender=" Female "), FREE_FEMALE_ONLY, []),
        (
            "fixed",
            facts(ogrs=None),
            FIXED_WITH_OGRS,
            ["No OGRS score is recorded: the fixed cohort expects 50% or more."],
        ),
        (
            "fixed",
            facts(ogrs=49),
            FIXED_WITH_OGRS,
            ["The OGRS score of 49% is below the fixed cohort's threshold of 50%."],
        ),
        ("fixed", facts(ogrs=50), FIXED_WITH_OGRS, []),
    ],
)
def test_it_warns_the_selection_panel_in_plain_english(cohort, person, criteria, warnings):
    assert selection_warnings(cohort, person, criteria) == warnings


def test_the_default_criteria_ask_nothing_of_the_flexible_cohort():
    flexible = DEFAULT_COHORT_CRITERIA[Cohort.FLEXIBLE]
    assert not flexible.requires_neighbourhood_offending
    assert flexible.statutory_supervision is None
    assert flexible.minimum_ogrs_score is None


def test_it_refuses_criteria_written_for_another_cohort():
    with pytest.raises(ValueError):
        selection_warnings(Cohort.FIXED, facts(), DEFAULT_COHORT_CRITERIA[Cohort.FREE])


# --------------------------------------------------------------------------------------
# Offences and windows
# --------------------------------------------------------------------------------------

JANUARY_OFFENCES = (
    charged(D(2024, 1, 1), 10),
    uncharged(D(2024, 1, 15), Decimal("0.96")),  # fine-only: fractional days
    charged(D(2024, 1, 31), 365),
)


@pytest.mark.parametrize(
    ("start", "end", "count", "harm"),
    [
        (D(2024, 1, 1), D(2024, 1, 31), 3, Decimal("375.96")),
        (D(2024, 1, 2), D(2024, 1, 30), 1, Decimal("0.96")),
        (D(2024, 1, 1), D(2024, 1, 1), 1, Decimal(10)),
        (D(2024, 1, 31), D(2024, 2, 29), 1, Decimal(365)),
        (D(2024, 2, 1), D(2024, 2, 29), 0, Decimal(0)),
    ],
)
def test_it_counts_offences_and_harm_in_an_inclusive_window(start, end, count, harm):
    assert len(offences_in_window(JANUARY_OFFENCES, start, end)) == count
    assert harm_in_window(JANUARY_OFFENCES, start, end) == harm


def test_it_refuses_a_window_that_ends_before_it_starts():
    with pytest.raises(ValueError):
        harm_in_window(JANUARY_OFFENCES, D(2024, 2, 1), D(2024, 1, 31))


@pytest.mark.parametrize(
    ("harm_days", "error"),
    [(1.5, TypeError), (True, TypeError), (-1, ValueError), (Decimal("-0.5"), ValueError)],
)
def test_it_refuses_float_or_negative_harm_weights(harm_days, error):
    with pytest.raises(error):
        OffenceFact(committed_on=D(2024, 1, 1), harm_days=harm_days, charged=True)


@pytest.mark.parametrize(
    ("adopted_on", "months", "window"),
    [
        (D(2024, 6, 15), 12, Window(D(2023, 6, 15), D(2024, 6, 14))),
        (D(2024, 1, 1), 12, Window(D(2023, 1, 1), D(2023, 12, 31))),
        # 29 Feb 2023 does not exist: the 1st of the next month (add_months), 365 days.
        (D(2024, 2, 29), 12, Window(D(2023, 3, 1), D(2024, 2, 28))),
        # The window takes in the leap day: 366 days.
        (D(2024, 3, 1), 12, Window(D(2023, 3, 1), D(2024, 2, 29))),
        (D(2024, 3, 31), 12, Window(D(2023, 3, 31), D(2024, 3, 30))),
        (D(2025, 2, 28), 12, Window(D(2024, 2, 28), D(2025, 2, 27))),
        (D(2025, 3, 1), 12, Window(D(2024, 3, 1), D(2025, 2, 28))),
        (D(2024, 3, 31), 24, Window(D(2022, 3, 31), D(2024, 3, 30))),
    ],
)
def test_the_window_before_adoption_is_the_months_ending_the_day_before(adopted_on, months, window):
    assert before_adoption_window(adopted_on, months) == window


@pytest.mark.parametrize(
    ("adopted_on", "days"),
    [(D(2024, 3, 1), 366), (D(2024, 2, 29), 365), (D(2025, 2, 28), 366), (D(2025, 3, 1), 365)],
)
def test_a_twelve_month_window_is_365_or_366_days(adopted_on, days):
    assert before_adoption_window(adopted_on).days == days


@pytest.mark.parametrize(
    ("adopted_on", "until", "months", "periods"),
    [
        (D(2024, 1, 1), D(2023, 12, 31), 3, []),
        (D(2024, 1, 1), D(2024, 1, 1), 3, [Period(D(2024, 1, 1), D(2024, 1, 1), True)]),
        (D(2024, 1, 1), D(2024, 3, 30), 3, [Period(D(2024, 1, 1), D(2024, 3, 30), True)]),
        (D(2024, 1, 1), D(2024, 3, 31), 3, [Period(D(2024, 1, 1), D(2024, 3, 31), False)]),
        (
            D(2024, 1, 1),
            D(2024, 4, 1),
            3,
            [
                Period(D(2024, 1, 1), D(2024, 3, 31), False),
                Period(D(2024, 4, 1), D(2024, 4, 1), True),
            ],
        ),
        # 30 Feb does not exist: the second quarter begins 1 Mar, the third 30 May.
        (
            D(2023, 11, 30),
            D(2024, 5, 31),
            3,
            [
                Period(D(2023, 11, 30), D(2024, 2, 29), False),
                Period(D(2024, 3, 1), D(2024, 5, 29), False),
                Period(D(2024, 5, 30), D(2024, 5, 31), True),
            ],
        ),
        # Monthly from 31 Jan: counted from the anchor, so March's period begins on 31 Mar.
        (
            D(2023, 1, 31),
            D(2023, 3, 31),
            1,
            [
                Period(D(2023, 1, 31), D(2023, 2, 28), False),
                Period(D(2023, 3, 1), D(2023, 3, 30), False),
                Period(D(2023, 3, 31), D(2023, 3, 31), True),
            ],
        ),
        (
            D(2024, 2, 29),
            D(2025, 3, 1),
            12,
            [
                Period(D(2024, 2, 29), D(2025, 2, 28), False),
                Period(D(2025, 3, 1), D(2025, 3, 1), True),
            ],
        ),
    ],
)
def test_periods_since_adoption_run_on_from_the_adoption_date(adopted_on, until, months, periods):
    assert periods_since(adopted_on, until, months) == periods


def test_it_refuses_a_period_of_no_months():
    with pytest.raises(ValueError):
        periods_since(D(2024, 1, 1), D(2024, 6, 1), months=0)


# Adopted 1 Apr 2024, counted to 15 Oct 2024.
PROFILE_OFFENCES = (
    charged(D(2023, 3, 31), 1000),  # the day before the 12-month window: ignored
    charged(D(2023, 4, 1), 365),  # first day of the window before
    charged(D(2024, 3, 31), 180),  # last day before adoption
    charged(D(2024, 4, 1), 30),  # adoption day: counts after, not before
    uncharged(D(2024, 6, 30), 5),  # last day of the first quarter
    charged(D(2024, 7, 1), 2),  # first day of the second quarter
    uncharged(D(2024, 10, 15), 7),  # the "until" day, in the partial third quarter
    charged(D(2024, 10, 16), 99),  # after "until": ignored
)


@pytest.mark.parametrize(
    ("which", "start", "end", "partial", "offences", "charged_count", "harm"),
    [
        ("before", D(2023, 4, 1), D(2024, 3, 31), False, 2, 2, Decimal(545)),
        (0, D(2024, 4, 1), D(2024, 6, 30), False, 2, 1, Decimal(35)),
        (1, D(2024, 7, 1), D(2024, 9, 30), False, 1, 1, Decimal(2)),
        (2, D(2024, 10, 1), D(2024, 10, 15), True, 1, 0, Decimal(7)),
    ],
)
def test_a_member_profile_tallies_before_adoption_and_each_quarter_since(
    which, start, end, partial, offences, charged_count, harm
):
    profile = member_profile(PROFILE_OFFENCES, D(2024, 4, 1), D(2024, 10, 15))
    tally = profile.before if which == "before" else profile.since[which]
    assert (tally.start, tally.end, tally.partial) == (start, end, partial)
    assert (tally.offences, tally.charged, tally.harm) == (offences, charged_count, harm)


def test_a_member_profile_has_three_periods_to_mid_october():
    assert len(member_profile(PROFILE_OFFENCES, D(2024, 4, 1), D(2024, 10, 15)).since) == 3


# --------------------------------------------------------------------------------------
# Memberships: open on a date
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "is_open"),
    [
        (D(2024, 3, 31), False),
        (D(2024, 4, 1), True),  # adoption day: on the scheme
        (D(2024, 6, 30), True),
        (D(2024, 7, 1), False),  # removal day: off the scheme
    ],
)
def test_a_membership_is_open_from_adoption_until_the_day_before_removal(day, is_open):
    assert member("alice", D(2024, 4, 1), D(2024, 7, 1)).is_open_on(day) is is_open


def test_it_refuses_a_membership_removed_before_adoption():
    with pytest.raises(ValueError):
        member("alice", D(2024, 4, 1), D(2024, 3, 31))


# --------------------------------------------------------------------------------------
# Deterrence rate (quarter 1 Apr to 30 Jun 2024)
# --------------------------------------------------------------------------------------

Q_START, Q_END = D(2024, 4, 1), D(2024, 6, 30)

DETERRENCE_CAST = {
    "alice": member("alice", D(2024, 1, 1)),
    "bob": member("bob", D(2024, 1, 1), None, charged(D(2024, 5, 15))),
    "charlie": member("charlie", D(2024, 1, 1), None, uncharged(D(2024, 5, 15))),
    "dave": member("dave", D(2024, 6, 30)),
    "erin": member("erin", D(2024, 7, 1)),
    "frank": member("frank", D(2024, 1, 1), D(2024, 4, 1)),
    "grace": member("grace", D(2024, 1, 1), D(2024, 4, 2), charged(D(2024, 4, 2))),
    "heidi": member("heidi", D(2024, 5, 1), None, charged(D(2024, 4, 30))),
    "ivan": member("ivan", D(2023, 6, 1), D(2024, 3, 10)),
    "judy": member("judy", D(2024, 1, 1), None, charged(D(2024, 7, 1))),
    "ken": member("ken", D(2024, 4, 1), None, charged(D(2024, 4, 1))),
    "lucy": member("lucy", D(2024, 1, 1), D(2024, 6, 1), charged(D(2024, 5, 31))),
}


@pytest.mark.parametrize(
    ("name", "counted", "deterred", "why"),
    [
        ("alice", 1, 1, "member all quarter, no offence"),
        ("bob", 1, 0, "charged offence in the quarter while a member"),
        ("charlie", 1, 1, "offence in the quarter but not charged"),
        ("dave", 1, 1, "adopted on the last day of the quarter"),
        ("erin", 0, 0, "adopted the day after the quarter"),
        ("frank", 0, 0, "removed on the first day: off the scheme that day"),
        ("grace", 1, 1, "charged offence on the removal day, not while a member"),
        ("heidi", 1, 1, "charged offence in the quarter but before adoption"),
        ("ivan", 0, 0, "removed before the quarter"),
        ("judy", 1, 1, "charged offence after the quarter"),
        ("ken", 1, 0, "charged offence on the adoption day counts"),
        ("lucy", 1, 0, "charged offence on the last day as a member"),
    ],
)
def test_each_member_of_the_cast_is_counted_as_hand_computed(name, counted, deterred, why):
    rate = deterrence_rate([DETERRENCE_CAST[name]], Q_START, Q_END)
    assert (rate.numerator, rate.denominator) == (deterred, counted), why


def test_the_cast_deters_six_of_nine_in_the_quarter():
    # Counted: alice bob charlie dave grace heidi judy ken lucy = 9;
    # deterred: alice charlie dave grace heidi judy = 6; 6 / 9 = 66.666..% -> 66.7.
    rate = deterrence_rate(DETERRENCE_CAST.values(), Q_START, Q_END)
    assert rate == Rate(numerator=6, denominator=9, percent=Decimal("66.7"))


@pytest.mark.parametrize(
    ("deterred", "counted", "percent"),
    [
        (79, 100, Decimal("79.0")),
        (1, 3, Decimal("33.3")),
        (2, 3, Decimal("66.7")),
        (5, 6, Decimal("83.3")),
        (1, 16, Decimal("6.3")),  # 6.25: halves round up, not to even
        (3, 8, Decimal("37.5")),
        (0, 4, Decimal("0.0")),
        (4, 4, Decimal("100.0")),
    ],
)
def test_the_deterrence_percentage_is_rounded_to_one_place_halves_up(deterred, counted, percent):
    members = [member(f"clean{i}", D(2024, 1, 1)) for i in range(deterred)] + [
        member(f"charged{i}", D(2024, 1, 1), None, charged(D(2024, 5, 1)))
        for i in range(counted - deterred)
    ]
    assert deterrence_rate(members, Q_START, Q_END) == Rate(deterred, counted, percent)


def test_an_empty_quarter_has_no_deterrence_percentage():
    assert deterrence_rate([], Q_START, Q_END) == Rate(0, 0, None)
    assert deterrence_rate([DETERRENCE_CAST["erin"]], Q_START, Q_END) == Rate(0, 0, None)


@pytest.mark.parametrize(
    ("offence_on", "rate"),
    [
        (D(2024, 5, 20), Rate(1, 1, Decimal("100.0"))),  # between the two memberships
        (D(2024, 4, 10), Rate(0, 1, Decimal("0.0"))),  # during the first
        (D(2024, 6, 5), Rate(0, 1, Decimal("0.0"))),  # during the second
    ],
)
def test_a_person_readopted_in_the_quarter_is_counted_once(offence_on, rate):
    offence = charged(offence_on)
    first = member("mallory", D(2024, 1, 1), D(2024, 4, 15), offence)
    second = member("mallory", D(2024, 6, 1), None, offence)
    assert deterrence_rate([first, second], Q_START, Q_END) == rate


def test_it_refuses_a_quarter_that_ends_before_it_starts():
    with pytest.raises(ValueError):
        deterrence_rate([], Q_END, Q_START)


# --------------------------------------------------------------------------------------
# Harm reduction (members removed 1 Apr to 31 May 2024)
# --------------------------------------------------------------------------------------

R_FROM, R_TO = D(2024, 4, 1), D(2024, 5, 31)

HARM_CAST = {
    # On the scheme two years: full 12-month windows either side.
    "alice": member(
        "alice",
        D(2022, 1, 1),
        D(2024, 4, 15),
        charged(D(2021, 6, 1), 365),
        uncharged(D(2021, 12, 31), 20),  # last day before adoption
        charged(D(2023, 4, 14), 500),  # a day before the 12 months before removal
        charged(D(2024, 4, 14), 10),  # last day on the scheme
        charged(D(2024, 4, 15), 50),  # removal day: not counted
    ),
    # Removed five months after adoption: harm after is the five months on the scheme.
    "bob": member(
        "bob",
        D(2023, 12, 10),
        D(2024, 5, 10),
        charged(D(2022, 12, 10), 100),  # first day of the window before
        charged(D(2023, 12, 9), 200),
        charged(D(2023, 12, 10), 4),  # adoption day: counts after
        uncharged(D(2024, 1, 1), Decimal("0.96")),
    ),
    # Nothing before adoption, harm during a just-under-12-month stay.
    "charlie": member("charlie", D(2023, 6, 1), D(2024, 5, 31), charged(D(2024, 5, 30), 30)),
    "dave": member("dave", D(2023, 1, 1), D(2024, 6, 1), charged(D(2022, 6, 1), 900)),
    "erin": member("erin", D(2023, 1, 1), None, charged(D(2022, 6, 1), 900)),
    "frank": member("frank", D(2023, 1, 1), D(2024, 3, 31), charged(D(2022, 6, 1), 900)),
}


@pytest.mark.parametrize(
    ("name", "before", "after", "shortened", "harm_before", "harm_after"),
    [
        (
            "alice",
            Window(D(2021, 1, 1), D(2021, 12, 31)),
            Window(D(2023, 4, 15), D(2024, 4, 14)),
            False,
            Decimal(385),
            Decimal(10),
        ),
        (
            "bob",
            Window(D(2022, 12, 10), D(2023, 12, 9)),
            Window(D(2023, 12, 10), D(2024, 5, 9)),
            True,
            Decimal(300),
            Decimal("4.96"),
        ),
        (
            "charlie",
            Window(D(2022, 6, 1), D(2023, 5, 31)),
            Window(D(2023, 6, 1), D(2024, 5, 30)),
            True,
            Decimal(0),
            Decimal(30),
        ),
    ],
)
def test_each_removed_member_has_harm_before_adoption_and_before_removal(
    name, before, after, shortened, harm_before, harm_after
):
    result = harm_reduction([HARM_CAST[name]], R_FROM, R_TO)
    (row,) = result.members
    assert (row.before, row.after, row.shortened) == (before, after, shortened)
    assert (row.harm_before, row.harm_after) == (harm_before, harm_after)


def test_the_cohort_harm_reduction_is_the_reduction_in_total_harm():
    # before 385 + 300 + 0 = 685; after 10 + 4.96 + 30 = 44.96;
    # (685 - 44.96) / 685 x 100 = 93.4365..% -> 93.4. dave, erin and frank are not removed
    # in the window.
    result = harm_reduction(HARM_CAST.values(), R_FROM, R_TO)
    assert [row.offender_id for row in result.members] == ["alice", "bob", "charlie"]
    assert (result.harm_before, result.harm_after) == (Decimal(685), Decimal("44.96"))
    assert result.percent == Decimal("93.4")
    assert HarmReduction.annualised is False


@pytest.mark.parametrize(
    ("harm_before", "harm_after", "percent"),
    [
        (100, 0, Decimal("100.0")),
        (100, 100, Decimal("0.0")),
        (100, 150, Decimal("-50.0")),  # harm rose
        (16, 15, Decimal("6.3")),  # 6.25 rounds up
        (16, 17, Decimal("-6.3")),  # -6.25 rounds away from zero
        (3, 1, Decimal("66.7")),
        (0, 0, None),
        (0, 30, None),  # no harm before: no percentage, even though harm rose
    ],
)
def test_the_harm_reduction_percentage_is_rounded_to_one_place(harm_before, harm_after, percent):
    person = member(
        "alice",
        D(2024, 1, 1),
        D(2024, 5, 1),
        charged(D(2023, 6, 1), harm_before),
        charged(D(2024, 2, 1), harm_after),
    )
    assert harm_reduction([person], R_FROM, R_TO).percent == percent


def test_no_removals_means_no_harm_reduction_percentage():
    result = harm_reduction([HARM_CAST["erin"]], R_FROM, R_TO)
    assert (result.members, result.harm_before, result.percent) == ((), Decimal(0), None)


@pytest.mark.parametrize(
    ("adopted_on", "removed_on", "window", "shortened"),
    [
        (D(2024, 1, 1), D(2025, 1, 1), Window(D(2024, 1, 1), D(2024, 12, 31)), False),
        (D(2024, 1, 2), D(2025, 1, 1), Window(D(2024, 1, 2), D(2024, 12, 31)), True),
        (D(2020, 1, 1), D(2025, 3, 1), Window(D(2024, 3, 1), D(2025, 2, 28)), False),
        (D(2020, 1, 1), D(2024, 2, 29), Window(D(2023, 3, 1), D(2024, 2, 28)), False),
        (D(2024, 1, 10), D(2024, 6, 10), Window(D(2024, 1, 10), D(2024, 6, 9)), True),
        (D(2024, 5, 1), D(2024, 5, 2), Window(D(2024, 5, 1), D(2024, 5, 1)), True),
        (D(2024, 5, 1), D(2024, 5, 1), None, True),
    ],
)
def test_the_window_before_removal_is_cut_to_the_time_on_the_scheme(
    adopted_on, removed_on, window, shortened
):
    assert after_window(adopted_on, removed_on) == window
    person = member("alice", adopted_on, removed_on)
    (row,) = harm_reduction([person], removed_on, removed_on).members
    assert (row.after, row.shortened) == (window, shortened)


def test_a_same_day_removal_has_no_harm_after():
    person = member("alice", D(2024, 5, 1), D(2024, 5, 1), charged(D(2024, 5, 1), 40))
    assert harm_reduction([person], R_FROM, R_TO).harm_after == Decimal(0)


def test_it_can_leave_out_removals_for_given_reasons():
    died = member(
        "alice",
        D(2022, 1, 1),
        D(2024, 4, 15),
        charged(D(2021, 6, 1), 100),
        removal_reason=RemovalReason.DIED,
    )
    moved = member(
        "bob",
        D(2022, 1, 1),
        D(2024, 4, 15),
        charged(D(2021, 6, 1), 50),
        charged(D(2024, 1, 1), 25),
        removal_reason=RemovalReason.MOVED_AWAY,
    )
    assert harm_reduction([died, moved], R_FROM, R_TO).percent == Decimal("83.3")  # 125/150
    assert harm_reduction([died, moved], R_FROM, R_TO, excluding={"died"}).percent == Decimal(
        "50.0"
    )


# --------------------------------------------------------------------------------------
# Cohort counts (API.md summary), on 30 Jun 2024 since 1 Apr 2024
# --------------------------------------------------------------------------------------

COUNT_CAST = [
    member("a", D(2024, 1, 1), cohort=Cohort.FIXED, managed_in_community=True),
    member("b", D(2024, 1, 1), cohort=Cohort.FIXED),  # in custody: not managed in community
    member("c", D(2024, 1, 1), cohort=Cohort.FLEXIBLE, managed_in_community=True),
    member("d", D(2024, 6, 30), cohort=Cohort.FLEXIBLE),  # adopted on the date: open
    member("e", D(2024, 7, 1), cohort=Cohort.FLEXIBLE),  # adopted after the date
    member("f", D(2024, 4, 1), cohort=Cohort.FREE, managed_in_community=True),
    member("g", D(2024, 1, 1), D(2024, 6, 30), cohort=Cohort.FIXED, managed_in_community=True),
    member("h", D(2024, 3, 31), D(2024, 4, 1), cohort=Cohort.FIXED),
    member("i", D(2024, 1, 1), D(2024, 7, 1), cohort=Cohort.FLEXIBLE, managed_in_community=True),
    member("j", D(2024, 1, 1), D(2024, 3, 31), cohort=Cohort.FREE),
]


@pytest.mark.parametrize(
    ("field", "expected", "who"),
    [
        ("fixed", 2, "a, b (g removed on the date, h in April)"),
        ("flexible", 3, "c, d, i (e not yet adopted)"),
        ("free", 1, "f (j removed in March)"),
        ("total", 6, "2 + 3 + 1"),
        ("managed_in_community", 4, "a, c, f, i"),
        ("adoptions", 2, "d on the date, f on the since date (h adopted 31 Mar)"),
        ("removals", 2, "g on the date, h on the since date (i removed after the date)"),
    ],
)
def test_cohort_counts_on_a_date_are_as_hand_counted(field, expected, who):
    counts = cohort_counts(COUNT_CAST, D(2024, 6, 30), since=D(2024, 4, 1))
    assert getattr(counts, field) == expected, who


def test_cohort_counts_default_to_since_the_start_of_the_financial_year():
    counts = cohort_counts(COUNT_CAST, D(2024, 6, 30))
    assert counts.since == D(2024, 4, 1)
    assert counts == cohort_counts(COUNT_CAST, D(2024, 6, 30), since=D(2024, 4, 1))


def test_an_empty_cohort_counts_zero():
    counts = cohort_counts([], D(2024, 6, 30))
    assert (counts.total, counts.adoptions, counts.removals) == (0, 0, 0)


def test_it_refuses_a_since_date_after_the_on_date():
    with pytest.raises(ValueError):
        cohort_counts(COUNT_CAST, D(2024, 6, 30), since=D(2024, 7, 1))


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (D(2024, 3, 31), D(2023, 4, 1)),
        (D(2024, 4, 1), D(2024, 4, 1)),
        (D(2025, 1, 1), D(2024, 4, 1)),
        (D(2024, 12, 31), D(2024, 4, 1)),
    ],
)
def test_the_financial_year_starts_on_1_april(day, start):
    assert financial_year_start(day) == start


# --------------------------------------------------------------------------------------
# IOM reviews (12-week default interval, UNCONFIRMED)
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "weeks", "due"),
    [
        (D(2024, 1, 1), 12, D(2024, 3, 25)),  # leap February: 84 days
        (D(2023, 1, 1), 12, D(2023, 3, 26)),
        (D(2024, 12, 15), 6, D(2025, 1, 26)),
        (D(2024, 10, 7), 12, D(2024, 12, 30)),
    ],
)
def test_the_next_iom_review_is_due_the_interval_after_the_last(last, weeks, due):
    assert iom_review_due(last, weeks) == due


def test_the_default_review_interval_is_twelve_weeks():
    assert iom_review_due(D(2024, 1, 1)) == D(2024, 3, 25)


def test_it_refuses_a_review_interval_of_no_weeks():
    with pytest.raises(ValueError):
        iom_review_due(D(2024, 1, 1), 0)


# --- Back-recorded adoption dates (issue 13 item 7) ---------------------------------------

from cohorts.rules import adoption_date_violation  # noqa: E402


@pytest.mark.parametrize(
    ("born", "adopted", "earlier", "refused_because"),
    [
        (dt.date(1973, 6, 1), dt.date(1990, 1, 1), [], None),  # aged 16: allowed
        (dt.date(1985, 6, 1), dt.date(1995, 5, 31), [], "10th birthday"),  # the day before
        (dt.date(1985, 6, 1), dt.date(1995, 6, 1), [], None),  # on the 10th birthday
        (dt.date(2000, 2, 29), dt.date(2010, 2, 28), [], "10th birthday"),  # leap-day birth
        (dt.date(2000, 2, 29), dt.date(2010, 3, 1), [], None),
        (
            dt.date(1980, 1, 1),
            dt.date(2024, 3, 1),
            [(dt.date(2023, 1, 10), dt.date(2024, 6, 30))],
            "overlap",
        ),
        (
            dt.date(1980, 1, 1),
            dt.date(2024, 7, 1),
            [(dt.date(2023, 1, 10), dt.date(2024, 6, 30))],
            None,
        ),
        (
            dt.date(1980, 1, 1),
            dt.date(2024, 6, 30),
            [(dt.date(2023, 1, 10), dt.date(2024, 6, 30))],
            "overlap",  # the day of removal is still inside
        ),
    ],
)
def test_an_adoption_date_is_bounded(born, adopted, earlier, refused_because):
    why = adoption_date_violation(adopted_on=adopted, date_of_birth=born, earlier=earlier)
    if refused_because is None:
        assert why is None
    else:
        assert why is not None and refused_because in why

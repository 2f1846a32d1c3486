"""Proven reoffending (DOMAIN.md §10), suppression, referrals, funding and gaps: tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.rules import RuleViolation
from partners import rules
from partners.rules import OffenceFact, PersonFact

D = dt.date
ON = D(2030, 1, 1)  # every index date below is measurable on this day


@pytest.mark.parametrize(
    ("index", "follow_up_end", "waiting_end"),
    [
        (D(2024, 1, 1), D(2024, 12, 31), D(2025, 6, 30)),
        (D(2024, 2, 29), D(2025, 2, 28), D(2025, 8, 28)),  # leap day: 29 Feb + 12 = 1 Mar
        (D(2023, 8, 31), D(2024, 8, 30), D(2025, 2, 28)),  # 31 Aug + 18 months = 1 Mar
        (D(2024, 8, 31), D(2025, 8, 30), D(2026, 2, 28)),
        (D(2023, 12, 31), D(2024, 12, 30), D(2025, 6, 30)),
    ],
)
def test_the_follow_up_is_a_year_and_the_waiting_period_six_more_months(
    index, follow_up_end, waiting_end
):
    assert rules.follow_up_end(index) == follow_up_end
    assert rules.waiting_end(index) == waiting_end


INDEX = D(2024, 3, 1)


@pytest.mark.parametrize(
    ("committed", "proved", "counts", "why"),
    [
        (D(2024, 3, 1), D(2024, 4, 1), True, "committed on the index day"),
        (D(2024, 6, 1), D(2024, 7, 1), True, "committed and proved in the follow-up"),
        (D(2025, 2, 28), D(2025, 8, 31), True, "last day of follow-up, proved last waiting day"),
        (D(2025, 2, 1), D(2025, 9, 1), False, "inside the follow-up, proved after waiting"),
        (D(2025, 3, 1), D(2025, 3, 2), False, "committed after the follow-up"),
        (D(2024, 2, 29), D(2024, 3, 5), False, "committed before the index date"),
        (D(2024, 6, 1), None, False, "never proved"),
    ],
)
def test_which_offences_count_as_proven_reoffending(committed, proved, counts, why):
    assert rules.counts_as_reoffence(INDEX, OffenceFact(committed, proved)) is counts, why


def person(pk, index, *offences, group=""):
    return PersonFact(pk, index, tuple(OffenceFact(*o) for o in offences), group)


def cohort_of_twelve():
    """12 people; 3 reoffend with 1, 2 and 3 counted offences; others offend outside."""
    i = D(2024, 1, 1)
    return [
        person(1, i, (D(2024, 2, 1), D(2024, 3, 1), Decimal(10))),
        person(
            2,
            i,
            (D(2024, 2, 1), D(2024, 3, 1), Decimal(5)),
            (D(2024, 5, 1), D(2024, 6, 1), Decimal(5)),
        ),
        person(
            3,
            i,
            (D(2024, 2, 1), D(2024, 3, 1), Decimal(1)),
            (D(2024, 3, 1), D(2024, 4, 1), Decimal(1)),
            (D(2024, 4, 1), D(2024, 5, 1), Decimal(1)),
        ),
        person(4, i, (D(2024, 12, 1), D(2025, 9, 1), Decimal(99))),  # proved too late
        person(5, i, (D(2025, 1, 2), D(2025, 2, 1), Decimal(99))),  # after the follow-up
        *[person(pk, i) for pk in range(6, 13)],
    ]


def test_rate_is_reoffenders_over_the_cohort_and_reoffences_per_reoffender():
    m = rules.measure(cohort_of_twelve(), on=ON, threshold=10)
    assert (m.cohort_size, m.reoffenders, m.reoffences) == (12, 3, 6)
    assert m.rate == Decimal("0.250")
    assert m.rate_percent == Decimal("25.0")
    assert m.per_reoffender == Decimal("2.00")
    assert m.harm_days == Decimal(23)
    assert not m.suppressed


def test_a_cohort_below_the_threshold_shows_its_size_only():
    m = rules.measure(cohort_of_twelve(), on=ON, threshold=13)
    assert m.suppressed and m.cohort_size == 12
    assert (m.reoffenders, m.reoffences, m.rate, m.per_reoffender, m.harm_days) == (None,) * 5


@pytest.mark.parametrize(
    ("size", "threshold", "suppressed"),
    [(0, 10, False), (1, 10, True), (9, 10, True), (10, 10, False), (3, 0, False), (3, 1, False)],
)
def test_small_number_suppression(size, threshold, suppressed):
    assert rules.is_suppressed(size, threshold) is suppressed


def test_people_whose_waiting_period_has_not_ended_are_pending_not_counted():
    people = [person(1, D(2024, 1, 1)), person(2, D(2025, 1, 1))]
    m = rules.measure(people, on=D(2025, 7, 1), threshold=0)
    assert (m.cohort_size, m.pending) == (1, 1)
    assert rules.is_measurable(D(2024, 1, 1), D(2025, 6, 30)) is False
    assert rules.is_measurable(D(2024, 1, 1), D(2025, 7, 1)) is True


def test_a_person_twice_in_the_cohort_is_measured_from_the_first_index_date():
    people = [
        person(1, D(2024, 6, 1)),
        person(1, D(2024, 1, 1), (D(2024, 2, 1), D(2024, 3, 1), Decimal(1))),
    ]
    m = rules.measure(people, on=ON, threshold=0)
    assert (m.cohort_size, m.reoffenders) == (1, 1)


def test_an_empty_cohort_has_no_rate():
    m = rules.measure([], on=ON)
    assert (m.cohort_size, m.rate, m.per_reoffender, m.suppressed) == (0, None, None, False)


def test_engaged_against_not_engaged_with_a_total():
    i = D(2024, 1, 1)
    offence = (D(2024, 2, 1), D(2024, 3, 1), Decimal(1))
    people = [person(pk, i, group="engaged") for pk in range(1, 11)] + [
        person(pk, i, offence, group="not_engaged") for pk in range(11, 21)
    ]
    engaged, not_engaged, total = rules.compare_groups(
        people, on=ON, groups=[("engaged", "Engaged"), ("not_engaged", "Not engaged")]
    )
    assert (engaged.label, engaged.rate) == ("Engaged", Decimal(0))
    assert (not_engaged.rate, total.rate) == (Decimal(1), Decimal("0.5"))
    assert total.cohort_size == 20


def test_when_one_group_is_suppressed_the_other_is_too():
    i = D(2024, 1, 1)
    people = [person(pk, i, group="engaged") for pk in range(1, 4)] + [
        person(pk, i, group="not_engaged") for pk in range(4, 20)
    ]
    engaged, not_engaged, total = rules.compare_groups(
        people, on=ON, groups=[("engaged", "Engaged"), ("not_engaged", "Not engaged")]
    )
    assert engaged.suppressed and not_engaged.suppressed
    assert not_engaged.cohort_size == 16
    assert not total.suppressed and total.rate == Decimal(0)


def test_before_and_after_compares_the_year_before_with_the_follow_up():
    i = D(2024, 1, 1)
    people = [
        person(
            1,
            i,
            (D(2023, 1, 1), D(2023, 2, 1), Decimal(100)),  # before: first day of the year
            (D(2023, 12, 31), D(2024, 6, 30), Decimal(100)),  # before, proved in time
            (D(2023, 12, 31), D(2024, 7, 1), Decimal(500)),  # before, proved too late
            (D(2022, 12, 31), D(2023, 1, 5), Decimal(500)),  # more than a year before
            (D(2024, 5, 1), D(2024, 6, 1), Decimal(20)),  # after
        ),
        *[person(pk, i) for pk in range(2, 11)],
    ]
    ba = rules.before_after(people, on=ON)
    assert (ba.before_offences, ba.after_offences) == (2, 1)
    assert (ba.before_harm, ba.after_harm) == (Decimal(200), Decimal(20))
    assert ba.harm_change == Decimal("-0.900")
    assert rules.before_after(people, on=ON, threshold=11).suppressed


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        ("referred", "accepted", True),
        ("referred", "declined", True),
        ("referred", "engaged", False),
        ("accepted", "engaged", True),
        ("engaged", "completed", True),
        ("engaged", "disengaged", True),
        ("disengaged", "engaged", True),
        ("completed", "engaged", False),
        ("declined", "accepted", False),
        ("accepted", "completed", False),
    ],
)
def test_referral_progress_follows_the_referrals_life(current, new, allowed):
    call = lambda: rules.check_progress(  # noqa: E731
        current, new, on=D(2026, 1, 2), last_on=D(2026, 1, 1), today=D(2026, 1, 3)
    )
    if allowed:
        call()
    else:
        with pytest.raises(RuleViolation) as error:
            call()
        assert error.value.field == "status"


@pytest.mark.parametrize(
    ("on", "field"), [(D(2026, 1, 4), "on"), (D(2025, 12, 31), "on"), (D(2026, 1, 1), None)]
)
def test_referral_progress_dates_are_in_order_and_not_in_the_future(on, field):
    args = {"on": on, "last_on": D(2026, 1, 1), "today": D(2026, 1, 3)}
    if field is None:
        rules.check_progress("referred", "accepted", **args)
    else:
        with pytest.raises(RuleViolation) as error:
            rules.check_progress("referred", "accepted", **args)
        assert error.value.field == field


@pytest.mark.parametrize(
    ("referred", "days", "due"),
    [(D(2026, 1, 1), 14, D(2026, 1, 14)), (D(2024, 2, 20), 14, D(2024, 3, 4))],
)
def test_a_referral_response_is_due_within_the_period_beginning_with_the_referral(
    referred, days, due
):
    assert rules.referral_response_due(referred, days) == due


@pytest.mark.parametrize(
    ("ends", "months", "dates"),
    [
        (D(2026, 6, 30), (3, 1), [D(2026, 3, 30), D(2026, 5, 30)]),
        (D(2026, 5, 31), (3,), [D(2026, 3, 1)]),  # 31 Feb does not exist: rolls forward
        (D(2024, 5, 29), (3,), [D(2024, 2, 29)]),  # leap year
        (D(2026, 1, 31), (3, 1, 3), [D(2025, 10, 31), D(2025, 12, 31)]),
    ],
)
def test_funding_warnings_fall_months_before_the_funding_ends(ends, months, dates):
    assert rules.funding_warning_dates(ends, months) == dates


@pytest.mark.parametrize(
    ("ends", "today", "soon"),
    [
        (None, D(2026, 1, 1), False),
        (D(2026, 4, 1), D(2026, 1, 1), True),
        (D(2026, 4, 2), D(2026, 1, 1), False),
        (D(2025, 12, 31), D(2026, 1, 1), False),
    ],
)
def test_funding_ends_soon_within_three_months(ends, today, soon):
    assert rules.funding_ends_soon(ends, today) is soon


def test_eligibility_problems_are_listed_and_none_when_eligible():
    rule = rules.Eligibility(
        min_age=18,
        max_age=25,
        gender="female",
        cohorts=frozenset({"iom"}),
        offence_types=frozenset({"theft"}),
    )
    ok = rules.PersonProfile(20, "female", frozenset({"iom"}), frozenset({"theft", "burglary"}))
    assert rules.eligibility_problems(rule, ok) == []
    bad = rules.PersonProfile(30, "male", frozenset(), frozenset({"burglary"}))
    assert len(rules.eligibility_problems(rule, bad)) == 4
    assert rules.eligibility_problems(rules.Eligibility(), bad) == []


@pytest.mark.parametrize(
    ("min_age", "max_age", "field"),
    [(18, 17, "max_age"), (9, None, "min_age"), (None, 121, "max_age"), (18, 18, None)],
)
def test_age_limits_are_checked(min_age, max_age, field):
    rule = rules.Eligibility(min_age=min_age, max_age=max_age)
    if field is None:
        rules.check_eligibility_rule(rule)
    else:
        with pytest.raises(RuleViolation) as error:
            rules.check_eligibility_rule(rule)
        assert error.value.field == field


@pytest.mark.parametrize(
    ("capacity", "free", "field"),
    [(10, 11, "places_free"), (-1, None, "capacity"), (None, -1, "places_free"), (10, 10, None)],
)
def test_places_free_never_exceed_capacity(capacity, free, field):
    if field is None:
        rules.check_capacity(capacity, free)
    else:
        with pytest.raises(RuleViolation) as error:
            rules.check_capacity(capacity, free)
        assert error.value.field == field


def test_the_gap_map_has_every_cell_and_says_where_the_gaps_are():
    districts = [("ipswich", "Ipswich"), ("bury", "Bury")]
    needs = [("accommodation", "Accommodation"), ("employment", "Employment")]
    gaps = rules.gap_map(
        districts=districts,
        needs=needs,
        people={
            ("ipswich", "accommodation"): 5,
            ("bury", "accommodation"): 2,
            ("bury", "employment"): 1,
        },
        places={("ipswich", "accommodation"): 3, ("bury", "employment"): 4},
        services={("ipswich", "accommodation"): 1, ("bury", "employment"): 1},
        waiting={("ipswich", "accommodation"): 2},
        declined={("bury", "accommodation"): 1},
    )
    assert len(gaps.cells) == 4
    ipswich = gaps.cell("ipswich", "accommodation")
    assert (ipswich.shortfall, ipswich.status, ipswich.waiting) == (2, "short", 2)
    assert gaps.cell("bury", "accommodation").status == "no_service"
    assert gaps.cell("bury", "employment").status == "covered"
    assert gaps.cell("ipswich", "employment").status == "none"
    assert [d for d, _ in gaps.rows()] == districts

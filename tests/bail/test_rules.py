"""Pre-charge bail rules as tables (DOMAIN.md §0 and §2).

Every expected date is worked out by hand from the §0 convention: a period of N months
beginning with day D ends the day before the corresponding date N months later, or on
the last day of the target month when that date does not exist. The arithmetic is in
each row's comment. No Django: run with ``-p no:django``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from accounts.ranks import Rank
from bail.choices import Agency, Authority, EndReason, Regime, Status
from bail.rules import (
    DEFAULT_FURTHER_COURT_MONTHS,
    Condition,
    InitialBail,
    RuleViolation,
    bail_start_date,
    check_end,
    initial_bail,
    initial_period_end,
    is_agency_case,
    is_lapsed,
    next_extension,
    next_extension_options,
    regime,
    return_date,
    rui_review_due,
    validate_victim_views,
    warning_dates,
)

d = dt.date

# Shorthand for the authorities in extension histories.
INSP = Authority.INSPECTOR
SUPT = Authority.SUPERINTENDENT
ACC = Authority.ACC
COURT = Authority.COURT
AGENCY = Authority.AGENCY


# --- Enumerations match the API ------------------------------------------------------


def test_the_enumerations_use_the_api_values() -> None:
    assert [a.value for a in Agency] == ["police", "sfo", "fca", "hmrc", "nca"]
    assert [s.value for s in Status] == ["bail", "rui"]
    assert [a.value for a in Authority] == [
        "inspector",
        "superintendent",
        "acc",
        "court",
        "agency",
    ]
    assert [r.value for r in EndReason] == [
        "charged",
        "nfa",
        "oocd",
        "converted_to_rui",
        "lapsed",
    ]
    assert [r.value for r in Regime] == ["2017", "2022"]


def test_a_rule_violation_is_a_value_error_with_a_field_and_a_message() -> None:
    error = RuleViolation("decided_on", "Too late.")
    assert isinstance(error, ValueError)
    assert (error.field, error.message) == ("decided_on", "Too late.")


# --- Regime --------------------------------------------------------------------------

REGIMES = [
    pytest.param(d(2017, 4, 3), Regime.R2017, id="first day of the 2017 limits"),
    pytest.param(d(2019, 6, 15), Regime.R2017, id="mid 2017 regime"),
    pytest.param(d(2022, 10, 27), Regime.R2017, id="day before PCSC commencement"),
    # s.45(3) "arrested after commencement": commencement was the start of 28 Oct 2022.
    pytest.param(d(2022, 10, 28), Regime.R2022, id="PCSC commencement day"),
    pytest.param(d(2022, 10, 29), Regime.R2022, id="day after commencement"),
    pytest.param(d(2024, 2, 29), Regime.R2022, id="leap day 2024"),
]


@pytest.mark.parametrize(("arrested_on", "expected"), REGIMES)
def test_it_chooses_the_regime_from_the_arrest_date(arrested_on: dt.date, expected: Regime) -> None:
    assert regime(arrested_on) is expected


@pytest.mark.parametrize("arrested_on", [d(2017, 4, 2), d(2016, 12, 31), d(2010, 1, 1)])
def test_it_refuses_an_arrest_before_the_2017_time_limits(arrested_on: dt.date) -> None:
    with pytest.raises(RuleViolation) as caught:
        regime(arrested_on)
    assert caught.value.field == "arrested_on"
    assert "3 April 2017" in caught.value.message


# --- Bail start date -------------------------------------------------------------------

BAIL_START_DATES = [
    pytest.param(d(2022, 11, 30), d(2022, 12, 1), id="end of November"),
    pytest.param(d(2023, 10, 30), d(2023, 10, 31), id="30 Oct to 31 Oct"),
    pytest.param(d(2023, 12, 31), d(2024, 1, 1), id="new year"),
    pytest.param(d(2024, 2, 28), d(2024, 2, 29), id="leap day"),
    pytest.param(d(2023, 2, 28), d(2023, 3, 1), id="no leap day in 2023"),
    pytest.param(d(2022, 10, 27), d(2022, 10, 28), id="last 2017-regime arrest"),
]


@pytest.mark.parametrize(("arrested_on", "expected"), BAIL_START_DATES)
def test_bail_starts_the_day_after_arrest(arrested_on: dt.date, expected: dt.date) -> None:
    assert bail_start_date(arrested_on) == expected


# --- Initial applicable bail period ----------------------------------------------------

INITIAL_PERIODS = [
    # 2022 regime, standard case: 3 months beginning with the BSD.
    # BSD 1 Dec 2022 -> 1 Mar 2023 -> ends 28 Feb 2023.
    pytest.param(d(2022, 11, 30), Agency.POLICE, d(2023, 2, 28), id="2022 BSD 1 Dec"),
    # BSD 31 Oct 2023 -> 31 Jan 2024 -> ends 30 Jan 2024.
    pytest.param(d(2023, 10, 30), Agency.POLICE, d(2024, 1, 30), id="2022 BSD 31 Oct"),
    # BSD 30 Nov 2023 -> 30 Feb 2024 does not exist -> ends 29 Feb 2024 (leap year).
    pytest.param(d(2023, 11, 29), Agency.POLICE, d(2024, 2, 29), id="2022 BSD 30 Nov leap"),
    # BSD 30 Nov 2022 -> 30 Feb 2023 does not exist -> ends 28 Feb 2023.
    pytest.param(d(2022, 11, 29), Agency.POLICE, d(2023, 2, 28), id="2022 BSD 30 Nov"),
    # BSD 31 Aug 2023 -> 31 Nov does not exist -> ends 30 Nov 2023.
    pytest.param(d(2023, 8, 30), Agency.POLICE, d(2023, 11, 30), id="2022 BSD 31 Aug"),
    # BSD 29 Feb 2024 -> 29 May 2024 -> ends 28 May 2024.
    pytest.param(d(2024, 2, 28), Agency.POLICE, d(2024, 5, 28), id="2022 BSD leap day"),
    # Commencement-day arrest: BSD 29 Oct 2022 -> 29 Jan 2023 -> ends 28 Jan 2023.
    pytest.param(d(2022, 10, 28), Agency.POLICE, d(2023, 1, 28), id="2022 commencement"),
    # BSD 1 Jan 2024 -> 1 Apr 2024 -> ends 31 Mar 2024.
    pytest.param(d(2023, 12, 31), Agency.POLICE, d(2024, 3, 31), id="2022 BSD 1 Jan"),
    # 2022 regime, agency cases: 6 months.
    # BSD 31 Aug 2023 -> 31 Feb 2024 does not exist -> ends 29 Feb 2024.
    pytest.param(d(2023, 8, 30), Agency.SFO, d(2024, 2, 29), id="2022 SFO BSD 31 Aug"),
    # BSD 29 Feb 2024 -> 29 Aug 2024 -> ends 28 Aug 2024.
    pytest.param(d(2024, 2, 28), Agency.FCA, d(2024, 8, 28), id="2022 FCA BSD leap day"),
    # BSD 1 Dec 2022 -> 1 Jun 2023 -> ends 31 May 2023.
    pytest.param(d(2022, 11, 30), Agency.HMRC, d(2023, 5, 31), id="2022 HMRC BSD 1 Dec"),
    # BSD 31 Mar 2023 -> 31 Sep does not exist -> ends 30 Sep 2023.
    pytest.param(d(2023, 3, 30), Agency.NCA, d(2023, 9, 30), id="2022 NCA BSD 31 Mar"),
    # 2017 regime: 28 days, day 1 being the BSD (BSD + 27 days).
    # BSD 28 Oct 2022 + 27 -> 24 Nov 2022.
    pytest.param(d(2022, 10, 27), Agency.POLICE, d(2022, 11, 24), id="2017 last day"),
    # BSD 4 Apr 2017 + 27 -> 1 May 2017.
    pytest.param(d(2017, 4, 3), Agency.POLICE, d(2017, 5, 1), id="2017 first day"),
    # BSD 2 Feb 2020 + 27 -> 29 Feb 2020.
    pytest.param(d(2020, 2, 1), Agency.POLICE, d(2020, 2, 29), id="2017 into leap day"),
    # FCA and HMRC cases were 28-day cases in 2017: BSD 11 Jan 2019 + 27 -> 7 Feb 2019.
    pytest.param(d(2019, 1, 10), Agency.FCA, d(2019, 2, 7), id="2017 FCA 28 days"),
    # BSD 2 Jun 2018 + 27 -> 29 Jun 2018.
    pytest.param(d(2018, 6, 1), Agency.HMRC, d(2018, 6, 29), id="2017 HMRC 28 days"),
    # 2017 SFO: 3 months. BSD 30 Nov 2019 -> 30 Feb 2020 does not exist -> 29 Feb 2020.
    pytest.param(d(2019, 11, 29), Agency.SFO, d(2020, 2, 29), id="2017 SFO 3 months"),
]


@pytest.mark.parametrize(("arrested_on", "agency", "expected"), INITIAL_PERIODS)
def test_it_computes_the_initial_bail_period(
    arrested_on: dt.date, agency: Agency, expected: dt.date
) -> None:
    start = bail_start_date(arrested_on)
    assert (
        initial_period_end(regime=regime(arrested_on), agency=agency, bail_start=start) == expected
    )


def test_a_new_grant_returns_on_the_last_day_of_the_period_by_default() -> None:
    assert initial_bail(arrested_on=d(2023, 10, 30)) == InitialBail(
        regime=Regime.R2022,
        bail_start_date=d(2023, 10, 31),
        bail_period_ends=d(2024, 1, 30),
        return_date=d(2024, 1, 30),
    )


def test_a_new_grant_takes_the_agency_as_a_string() -> None:
    grant = initial_bail(arrested_on=d(2023, 8, 30), agency="sfo")
    assert (grant.bail_period_ends, grant.return_date) == (d(2024, 2, 29), d(2024, 2, 29))


@pytest.mark.parametrize(
    ("agency", "expected"),
    [("police", False), ("sfo", True), ("fca", True), ("hmrc", True), ("nca", True)],
)
def test_it_knows_which_cases_are_agency_cases(agency: str, expected: bool) -> None:
    assert is_agency_case(agency) is expected


# --- Return date -------------------------------------------------------------------------

START, ENDS = d(2023, 10, 31), d(2024, 1, 30)

RETURN_DATES = [
    pytest.param(None, "", ENDS, id="defaults to the last day"),
    pytest.param(ENDS, "", ENDS, id="the last day needs no reason"),
    pytest.param(d(2024, 1, 15), "Aligned with bail for burglary", d(2024, 1, 15), id="aligned"),
    pytest.param(START, "CPS decision due", START, id="the bail start date itself"),
]


@pytest.mark.parametrize(("requested", "reason", "expected"), RETURN_DATES)
def test_it_sets_the_return_date(requested: dt.date | None, reason: str, expected: dt.date) -> None:
    assert (
        return_date(
            bail_start=START, period_ends=ENDS, requested=requested, reason_for_earlier_date=reason
        )
        == expected
    )


RETURN_DATE_REFUSALS = [
    pytest.param(d(2024, 1, 31), "", "cannot be after bail ends on 30 January 2024", id="late"),
    pytest.param(d(2024, 1, 15), "", "needs a reason", id="earlier without a reason"),
    pytest.param(d(2024, 1, 15), "   ", "needs a reason", id="earlier with a blank reason"),
    pytest.param(d(2023, 10, 30), "x", "cannot be before bail starts", id="before bail starts"),
]


@pytest.mark.parametrize(("requested", "reason", "fragment"), RETURN_DATE_REFUSALS)
def test_it_refuses_a_return_date_outside_the_rules(
    requested: dt.date, reason: str, fragment: str
) -> None:
    with pytest.raises(RuleViolation) as caught:
        return_date(
            bail_start=START, period_ends=ENDS, requested=requested, reason_for_earlier_date=reason
        )
    assert caught.value.field == "return_date"
    assert fragment in caught.value.message


# --- Extensions ----------------------------------------------------------------------------


def extend(**overrides: Any) -> dt.date:
    """``next_extension`` with a 2022 police case arrested 30 Oct 2023 (BSD 31 Oct 2023,
    initial period ending 30 Jan 2024) and an inspector's first extension by default."""
    arguments: dict[str, Any] = {
        "regime": Regime.R2022,
        "agency": Agency.POLICE,
        "arrested_on": d(2023, 10, 30),
        "extensions_so_far": [],
        "authority": INSP,
        "authoriser_rank": Rank.INSPECTOR,
        "decided_on": d(2024, 1, 30),
        "current_period_ends": d(2024, 1, 30),
    }
    arguments.update(overrides)
    return next_extension(**arguments)


# Chain A: arrest 30 Oct 2023, BSD 31 Oct 2023. 3 months ends 30 Jan 2024; 6 months
# 30 Apr 2024 (31 Apr does not exist); 9 months 30 Jul 2024; 12 months 30 Oct 2024;
# 18 months 30 Apr 2025 (31 Apr does not exist); 24 months 30 Oct 2025.
EXTENSIONS = [
    pytest.param({}, d(2024, 4, 30), id="inspector to 6 months on the last day"),
    pytest.param(
        {"authoriser_rank": Rank.CHIEF_INSPECTOR, "decided_on": d(2024, 1, 10)},
        d(2024, 4, 30),
        id="chief inspector to 6 months",
    ),
    pytest.param(
        {"authoriser_rank": Rank.SUPERINTENDENT}, d(2024, 4, 30), id="superintendent to 6 months"
    ),
    pytest.param(
        {
            "extensions_so_far": [INSP],
            "authority": SUPT,
            "authoriser_rank": Rank.SUPERINTENDENT,
            "decided_on": d(2024, 4, 2),
            "current_period_ends": d(2024, 4, 30),
        },
        d(2024, 7, 30),
        id="superintendent to 9 months",
    ),
    pytest.param(
        {
            "extensions_so_far": ["inspector"],
            "authority": "superintendent",
            "authoriser_rank": "chief_constable",
            "decided_on": d(2024, 4, 30),
            "current_period_ends": d(2024, 4, 30),
        },
        d(2024, 7, 30),
        id="chief constable to 9 months with string values",
    ),
    pytest.param(
        {
            "extensions_so_far": [INSP, SUPT],
            "authority": ACC,
            "authoriser_rank": Rank.ACC,
            "designated_case": True,
            "decided_on": d(2024, 7, 1),
            "current_period_ends": d(2024, 7, 30),
        },
        d(2024, 10, 30),
        id="ACC to 12 months in a designated case",
    ),
    pytest.param(
        {
            "extensions_so_far": [INSP, SUPT],
            "authority": ACC,
            "authoriser_rank": Rank.DCC,
            "designated_case": True,
            "decided_on": d(2024, 7, 30),
            "current_period_ends": d(2024, 7, 30),
        },
        d(2024, 10, 30),
        id="DCC to 12 months in a designated case",
    ),
    pytest.param(
        {
            "extensions_so_far": [INSP, SUPT],
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2024, 7, 29),
            "current_period_ends": d(2024, 7, 30),
        },
        d(2024, 10, 30),
        id="court after s.47ZDA to 12 months",
    ),
    pytest.param(
        {
            "extensions_so_far": [INSP, SUPT],
            "authority": COURT,
            "authoriser_rank": None,
            "section_47zf7_case": True,
            "decided_on": d(2024, 7, 29),
            "current_period_ends": d(2024, 7, 30),
        },
        d(2025, 4, 30),
        id="court after s.47ZDA in a s.47ZF(7) case to 18 months",
    ),
    pytest.param(
        {
            "extensions_so_far": [INSP, SUPT, ACC],
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2024, 10, 30),
            "current_period_ends": d(2024, 10, 30),
        },
        d(2025, 4, 30),
        id="court after s.47ZE to 18 months",
    ),
    pytest.param(
        {
            "extensions_so_far": [INSP, SUPT, ACC],
            "authority": COURT,
            "authoriser_rank": None,
            "section_47zf7_case": True,
            "decided_on": d(2024, 10, 30),
            "current_period_ends": d(2024, 10, 30),
        },
        d(2025, 10, 30),
        id="court after s.47ZE in a s.47ZF(7) case to 24 months",
    ),
    # s.47ZG: 3 months beginning 31 Oct 2024 -> 31 Jan 2025 -> ends 30 Jan 2025.
    pytest.param(
        {
            "extensions_so_far": [INSP, SUPT, COURT],
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2024, 10, 20),
            "current_period_ends": d(2024, 10, 30),
        },
        d(2025, 1, 30),
        id="further court extension by the default 3 months",
    ),
    # 6 months beginning 31 Oct 2024 -> 31 Apr 2025 does not exist -> ends 30 Apr 2025.
    pytest.param(
        {
            "extensions_so_far": [INSP, SUPT, COURT],
            "authority": COURT,
            "authoriser_rank": None,
            "further_court_months": 6,
            "decided_on": d(2024, 10, 20),
            "current_period_ends": d(2024, 10, 30),
        },
        d(2025, 4, 30),
        id="further court extension by 6 months",
    ),
    # 3 months beginning 31 Jan 2025 -> 31 Apr does not exist -> ends 30 Apr 2025.
    pytest.param(
        {
            "extensions_so_far": [INSP, SUPT, COURT, COURT],
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2025, 1, 30),
            "current_period_ends": d(2025, 1, 30),
        },
        d(2025, 4, 30),
        id="second further court extension",
    ),
    # 3 months beginning 1 May 2025 -> 1 Aug 2025 -> ends 31 Jul 2025.
    pytest.param(
        {
            "extensions_so_far": [INSP, SUPT, ACC, COURT],
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2025, 4, 30),
            "current_period_ends": d(2025, 4, 30),
        },
        d(2025, 7, 31),
        id="further court extension after 18 months",
    ),
    # Chain B: arrest 29 Nov 2023, BSD 30 Nov 2023. 3 months ends 29 Feb 2024 (leap);
    # 6 months 30 May -> 29 May 2024; 9 months 29 Aug 2024; 12 months 29 Nov 2024.
    pytest.param(
        {
            "arrested_on": d(2023, 11, 29),
            "decided_on": d(2024, 2, 29),
            "current_period_ends": d(2024, 2, 29),
        },
        d(2024, 5, 29),
        id="BSD 30 Nov inspector to 6 months",
    ),
    pytest.param(
        {
            "arrested_on": d(2023, 11, 29),
            "extensions_so_far": [INSP],
            "authority": SUPT,
            "authoriser_rank": Rank.CHIEF_SUPERINTENDENT,
            "decided_on": d(2024, 5, 29),
            "current_period_ends": d(2024, 5, 29),
        },
        d(2024, 8, 29),
        id="BSD 30 Nov chief superintendent to 9 months",
    ),
    pytest.param(
        {
            "arrested_on": d(2023, 11, 29),
            "extensions_so_far": [INSP, SUPT],
            "authority": ACC,
            "authoriser_rank": Rank.ACC,
            "designated_case": True,
            "decided_on": d(2024, 8, 29),
            "current_period_ends": d(2024, 8, 29),
        },
        d(2024, 11, 29),
        id="BSD 30 Nov ACC to 12 months",
    ),
    # Chain C: arrest 28 Feb 2024, BSD 29 Feb 2024. 3 months 29 May -> 28 May 2024;
    # 6 months 28 Aug 2024; 9 months 28 Nov 2024; 12 months 29 Feb 2025 does not
    # exist -> ends 28 Feb 2025.
    pytest.param(
        {
            "arrested_on": d(2024, 2, 28),
            "decided_on": d(2024, 5, 28),
            "current_period_ends": d(2024, 5, 28),
        },
        d(2024, 8, 28),
        id="BSD leap day inspector to 6 months",
    ),
    pytest.param(
        {
            "arrested_on": d(2024, 2, 28),
            "extensions_so_far": [INSP],
            "authority": SUPT,
            "authoriser_rank": Rank.SUPERINTENDENT,
            "decided_on": d(2024, 8, 28),
            "current_period_ends": d(2024, 8, 28),
        },
        d(2024, 11, 28),
        id="BSD leap day superintendent to 9 months",
    ),
    pytest.param(
        {
            "arrested_on": d(2024, 2, 28),
            "extensions_so_far": [INSP, SUPT],
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2024, 11, 28),
            "current_period_ends": d(2024, 11, 28),
        },
        d(2025, 2, 28),
        id="BSD leap day court to 12 months",
    ),
    # Chain D: arrest 30 Aug 2023, BSD 31 Aug 2023. 3 months ends 30 Nov 2023;
    # 6 months 31 Feb does not exist -> 29 Feb 2024; 9 months 31 May -> 30 May 2024.
    pytest.param(
        {
            "arrested_on": d(2023, 8, 30),
            "decided_on": d(2023, 11, 30),
            "current_period_ends": d(2023, 11, 30),
        },
        d(2024, 2, 29),
        id="BSD 31 Aug inspector to 6 months",
    ),
    pytest.param(
        {
            "arrested_on": d(2023, 8, 30),
            "extensions_so_far": [INSP],
            "authority": SUPT,
            "authoriser_rank": Rank.SUPERINTENDENT,
            "decided_on": d(2024, 2, 29),
            "current_period_ends": d(2024, 2, 29),
        },
        d(2024, 5, 30),
        id="BSD 31 Aug superintendent to 9 months",
    ),
    # Commencement-day arrest 28 Oct 2022 (2022 regime): BSD 29 Oct 2022, 3 months
    # ends 28 Jan 2023, 6 months 29 Apr -> 28 Apr 2023.
    pytest.param(
        {
            "arrested_on": d(2022, 10, 28),
            "decided_on": d(2023, 1, 28),
            "current_period_ends": d(2023, 1, 28),
        },
        d(2023, 4, 28),
        id="commencement-day arrest inspector to 6 months",
    ),
    # Agency chain: arrest 30 Aug 2023, BSD 31 Aug 2023. 6 months ends 29 Feb 2024;
    # 12 months 31 Aug -> 30 Aug 2024; 18 months 31 Feb 2025 does not exist ->
    # 28 Feb 2025; 24 months 31 Aug -> 30 Aug 2025.
    pytest.param(
        {
            "agency": Agency.SFO,
            "arrested_on": d(2023, 8, 30),
            "authority": AGENCY,
            "authoriser_rank": None,
            "decided_on": d(2024, 2, 29),
            "current_period_ends": d(2024, 2, 29),
        },
        d(2024, 8, 30),
        id="SFO decision-maker to 12 months",
    ),
    pytest.param(
        {
            "agency": Agency.FCA,
            "arrested_on": d(2023, 8, 30),
            "authority": AGENCY,
            "authoriser_rank": Rank.CONSTABLE,  # not a police decision: ignored
            "decided_on": d(2024, 2, 1),
            "current_period_ends": d(2024, 2, 29),
        },
        d(2024, 8, 30),
        id="FCA decision-maker to 12 months whatever rank is recorded",
    ),
    pytest.param(
        {
            "agency": Agency.HMRC,
            "arrested_on": d(2023, 8, 30),
            "extensions_so_far": [AGENCY],
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2024, 8, 30),
            "current_period_ends": d(2024, 8, 30),
        },
        d(2025, 2, 28),
        id="HMRC court after s.47ZDB to 18 months",
    ),
    pytest.param(
        {
            "agency": Agency.NCA,
            "arrested_on": d(2023, 8, 30),
            "extensions_so_far": [AGENCY],
            "authority": COURT,
            "authoriser_rank": None,
            "section_47zf7_case": True,
            "decided_on": d(2024, 8, 30),
            "current_period_ends": d(2024, 8, 30),
        },
        d(2025, 8, 30),
        id="NCA court after s.47ZDB in a s.47ZF(7) case to 24 months",
    ),
    # 3 months beginning 1 Mar 2025 -> 1 Jun 2025 -> ends 31 May 2025.
    pytest.param(
        {
            "agency": Agency.SFO,
            "arrested_on": d(2023, 8, 30),
            "extensions_so_far": [AGENCY, COURT],
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2025, 2, 28),
            "current_period_ends": d(2025, 2, 28),
        },
        d(2025, 5, 31),
        id="SFO further court extension",
    ),
    # 2017 chain: arrest 30 Jan 2019, BSD 31 Jan 2019. 28 days ends 27 Feb 2019;
    # 3 months 31 Apr does not exist -> 30 Apr 2019; 6 months 30 Jul 2019;
    # 9 months 30 Oct 2019; 12 months 31 Jan 2020 -> 30 Jan 2020.
    pytest.param(
        {
            "regime": Regime.R2017,
            "arrested_on": d(2019, 1, 30),
            "authority": SUPT,
            "authoriser_rank": Rank.SUPERINTENDENT,
            "decided_on": d(2019, 2, 27),
            "current_period_ends": d(2019, 2, 27),
        },
        d(2019, 4, 30),
        id="2017 superintendent to 3 months",
    ),
    pytest.param(
        {
            "regime": Regime.R2017,
            "arrested_on": d(2019, 1, 30),
            "extensions_so_far": [SUPT],
            "authority": ACC,
            "authoriser_rank": Rank.ACC,
            "designated_case": True,
            "decided_on": d(2019, 4, 30),
            "current_period_ends": d(2019, 4, 30),
        },
        d(2019, 7, 30),
        id="2017 ACC to 6 months in a designated case",
    ),
    pytest.param(
        {
            "regime": Regime.R2017,
            "arrested_on": d(2019, 1, 30),
            "extensions_so_far": [SUPT],
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2019, 4, 30),
            "current_period_ends": d(2019, 4, 30),
        },
        d(2019, 7, 30),
        id="2017 court after 3 months to 6 months",
    ),
    pytest.param(
        {
            "regime": Regime.R2017,
            "arrested_on": d(2019, 1, 30),
            "extensions_so_far": [SUPT],
            "authority": COURT,
            "authoriser_rank": None,
            "section_47zf7_case": True,
            "decided_on": d(2019, 4, 30),
            "current_period_ends": d(2019, 4, 30),
        },
        d(2019, 10, 30),
        id="2017 court after 3 months in a s.47ZF(7) case to 9 months",
    ),
    pytest.param(
        {
            "regime": Regime.R2017,
            "arrested_on": d(2019, 1, 30),
            "extensions_so_far": [SUPT, ACC],
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2019, 7, 30),
            "current_period_ends": d(2019, 7, 30),
        },
        d(2019, 10, 30),
        id="2017 court after 6 months to 9 months",
    ),
    pytest.param(
        {
            "regime": Regime.R2017,
            "arrested_on": d(2019, 1, 30),
            "extensions_so_far": [SUPT, ACC],
            "authority": COURT,
            "authoriser_rank": None,
            "section_47zf7_case": True,
            "decided_on": d(2019, 7, 30),
            "current_period_ends": d(2019, 7, 30),
        },
        d(2020, 1, 30),
        id="2017 court after 6 months in a s.47ZF(7) case to 12 months",
    ),
    # 3 months beginning 31 Oct 2019 -> 31 Jan 2020 -> ends 30 Jan 2020.
    pytest.param(
        {
            "regime": Regime.R2017,
            "arrested_on": d(2019, 1, 30),
            "extensions_so_far": [SUPT, ACC, COURT],
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2019, 10, 30),
            "current_period_ends": d(2019, 10, 30),
        },
        d(2020, 1, 30),
        id="2017 further court extension",
    ),
    pytest.param(
        {
            "regime": Regime.R2017,
            "agency": Agency.FCA,
            "arrested_on": d(2019, 1, 30),
            "authority": SUPT,
            "authoriser_rank": Rank.SUPERINTENDENT,
            "decided_on": d(2019, 2, 27),
            "current_period_ends": d(2019, 2, 27),
        },
        d(2019, 4, 30),
        id="2017 FCA case follows the 28-day track",
    ),
    # Last 2017-regime arrest 27 Oct 2022: BSD 28 Oct 2022, 28 days ends 24 Nov 2022,
    # 3 months 28 Jan -> 27 Jan 2023.
    pytest.param(
        {
            "regime": Regime.R2017,
            "arrested_on": d(2022, 10, 27),
            "authority": SUPT,
            "authoriser_rank": Rank.SUPERINTENDENT,
            "decided_on": d(2022, 11, 24),
            "current_period_ends": d(2022, 11, 24),
        },
        d(2023, 1, 27),
        id="2017 arrest on 27 Oct 2022 superintendent to 3 months",
    ),
    # 2017 SFO chain: arrest 29 Nov 2019, BSD 30 Nov 2019. 3 months ends 29 Feb 2020;
    # 6 months 30 May -> 29 May 2020; 9 months 30 Aug -> 29 Aug 2020.
    pytest.param(
        {
            "regime": Regime.R2017,
            "agency": Agency.SFO,
            "arrested_on": d(2019, 11, 29),
            "authority": AGENCY,
            "authoriser_rank": None,
            "designated_case": True,
            "decided_on": d(2020, 2, 29),
            "current_period_ends": d(2020, 2, 29),
        },
        d(2020, 5, 29),
        id="2017 SFO designated case to 6 months",
    ),
    pytest.param(
        {
            "regime": Regime.R2017,
            "agency": Agency.SFO,
            "arrested_on": d(2019, 11, 29),
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2020, 2, 29),
            "current_period_ends": d(2020, 2, 29),
        },
        d(2020, 5, 29),
        id="2017 SFO court from 3 months to 6 months",
    ),
    pytest.param(
        {
            "regime": Regime.R2017,
            "agency": Agency.SFO,
            "arrested_on": d(2019, 11, 29),
            "extensions_so_far": [AGENCY],
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2020, 5, 29),
            "current_period_ends": d(2020, 5, 29),
        },
        d(2020, 8, 29),
        id="2017 SFO court after designated case to 9 months",
    ),
]


@pytest.mark.parametrize(("overrides", "expected"), EXTENSIONS)
def test_it_extends_bail_to_the_end_the_authority_allows(
    overrides: dict[str, Any], expected: dt.date
) -> None:
    assert extend(**overrides) == expected


def test_the_further_court_extension_defaults_to_three_months() -> None:
    assert DEFAULT_FURTHER_COURT_MONTHS == 3


def test_it_refuses_an_inspector_extending_to_nine_months() -> None:
    with pytest.raises(RuleViolation) as caught:
        extend(
            extensions_so_far=[INSP],
            authority=SUPT,
            authoriser_rank=Rank.INSPECTOR,
            decided_on=d(2024, 4, 1),
            current_period_ends=d(2024, 4, 30),
        )
    assert caught.value.field == "authoriser_rank"
    assert caught.value.message == (
        "Extending bail to 9 months needs a superintendent or above (PACE s.47ZDA); "
        "an inspector can only extend to 6 months."
    )


# After the 6-month (s.47ZD) extension in chain A.
AT_SIX_MONTHS = {
    "extensions_so_far": [INSP],
    "decided_on": d(2024, 4, 1),
    "current_period_ends": d(2024, 4, 30),
}
# After the 9-month (s.47ZDA) extension in chain A.
AT_NINE_MONTHS = {
    "extensions_so_far": [INSP, SUPT],
    "decided_on": d(2024, 7, 1),
    "current_period_ends": d(2024, 7, 30),
}
# 2017 regime, chain from arrest 30 Jan 2019 (28 days ends 27 Feb 2019).
IN_2017 = {
    "regime": Regime.R2017,
    "arrested_on": d(2019, 1, 30),
    "decided_on": d(2019, 2, 20),
    "current_period_ends": d(2019, 2, 27),
}
# 2017 SFO case from arrest 29 Nov 2019 (3 months ends 29 Feb 2020).
SFO_IN_2017 = {
    "regime": Regime.R2017,
    "agency": Agency.SFO,
    "arrested_on": d(2019, 11, 29),
    "decided_on": d(2020, 2, 1),
    "current_period_ends": d(2020, 2, 29),
}
# 2022 agency case from arrest 30 Aug 2023 (6 months ends 29 Feb 2024).
AGENCY_CASE = {
    "arrested_on": d(2023, 8, 30),
    "decided_on": d(2024, 2, 1),
    "current_period_ends": d(2024, 2, 29),
}

REFUSALS = [
    # Rank too junior.
    pytest.param(
        {**AT_SIX_MONTHS, "authority": SUPT, "authoriser_rank": Rank.CHIEF_INSPECTOR},
        "authoriser_rank",
        "a chief inspector can only extend to 6 months",
        id="a chief inspector extending to 9 months",
    ),
    pytest.param(
        {"authoriser_rank": Rank.SERGEANT},
        "authoriser_rank",
        "needs an inspector or above (PACE s.47ZD); a sergeant cannot extend pre-charge bail",
        id="a sergeant extending to 6 months",
    ),
    pytest.param(
        {"authoriser_rank": Rank.CONSTABLE},
        "authoriser_rank",
        "a constable cannot extend pre-charge bail",
        id="a constable extending to 6 months",
    ),
    pytest.param(
        {"authoriser_rank": Rank.STAFF},
        "authoriser_rank",
        "a member of police staff cannot extend pre-charge bail",
        id="police staff extending to 6 months",
    ),
    pytest.param(
        {
            **AT_NINE_MONTHS,
            "authority": ACC,
            "authoriser_rank": Rank.CHIEF_SUPERINTENDENT,
            "designated_case": True,
        },
        "authoriser_rank",
        "Extending bail to 12 months in a designated case needs an assistant chief constable"
        " / commander or above (PACE s.47ZE); a chief superintendent can only extend to 9 months",
        id="a chief superintendent extending to 12 months",
    ),
    pytest.param(
        {
            **AT_NINE_MONTHS,
            "authority": ACC,
            "authoriser_rank": Rank.SUPERINTENDENT,
            "designated_case": True,
        },
        "authoriser_rank",
        "a superintendent can only extend to 9 months",
        id="a superintendent extending to 12 months",
    ),
    pytest.param(
        {"authoriser_rank": None},
        "authoriser_rank",
        "Record the rank of the authorising officer",
        id="an inspector extension with no rank recorded",
    ),
    pytest.param(
        {"authoriser_rank": "sheriff"},
        "authoriser_rank",
        "is not a rank",
        id="an unknown rank",
    ),
    # Wrong order, 2022 standard case.
    pytest.param(
        {"authority": SUPT, "authoriser_rank": Rank.SUPERINTENDENT},
        "authority",
        "can only follow an inspector's extension to 6 months (s.47ZD); bail has not been "
        "extended yet. Next, an inspector or above can extend it to 6 months (s.47ZD).",
        id="a superintendent extension before the inspector's",
    ),
    pytest.param(
        {**AT_SIX_MONTHS, "authority": INSP},
        "authority",
        "can only follow the initial 3-month period (it must be the first extension); bail "
        "has been extended to 6 months under s.47ZD",
        id="a second inspector extension",
    ),
    pytest.param(
        {**AT_SIX_MONTHS, "authority": ACC, "authoriser_rank": Rank.ACC, "designated_case": True},
        "authority",
        "can only follow a superintendent's extension to 9 months (s.47ZDA)",
        id="an ACC extension straight after 6 months",
    ),
    pytest.param(
        {
            **AT_NINE_MONTHS,
            "extensions_so_far": [INSP, SUPT, ACC],
            "authority": ACC,
            "authoriser_rank": Rank.ACC,
            "designated_case": True,
            "current_period_ends": d(2024, 10, 30),
        },
        "authority",
        "bail has been extended to 12 months in a designated case under s.47ZE",
        id="a second ACC extension",
    ),
    pytest.param(
        {**AT_NINE_MONTHS, "authority": SUPT, "authoriser_rank": Rank.SUPERINTENDENT},
        "authority",
        "Next, in a case the DPP has designated exceptionally complex",
        id="a second superintendent extension",
    ),
    pytest.param(
        {"authority": COURT, "authoriser_rank": None},
        "authority",
        "A first court extension (PACE s.47ZF) can only follow a superintendent's extension",
        id="a court extension before any police extension",
    ),
    pytest.param(
        {**AT_SIX_MONTHS, "authority": COURT, "authoriser_rank": None},
        "authority",
        "bail has been extended to 6 months under s.47ZD",
        id="a court extension straight after 6 months",
    ),
    pytest.param(
        {**AT_NINE_MONTHS, "authority": AGENCY, "authoriser_rank": None},
        "authority",
        "this is a police case",
        id="an agency extension in a police case",
    ),
    # Wrong authority or order, 2022 agency case.
    pytest.param(
        {**AGENCY_CASE, "agency": Agency.SFO, "authority": INSP},
        "authority",
        "not by an inspector (s.47ZD covers standard cases only)",
        id="an inspector extending an SFO case",
    ),
    pytest.param(
        {
            **AGENCY_CASE,
            "agency": Agency.HMRC,
            "authority": SUPT,
            "authoriser_rank": Rank.SUPERINTENDENT,
        },
        "authority",
        "not by a superintendent",
        id="a superintendent extending an HMRC case",
    ),
    pytest.param(
        {
            **AGENCY_CASE,
            "agency": Agency.NCA,
            "authority": ACC,
            "authoriser_rank": Rank.ACC,
            "designated_case": True,
        },
        "authority",
        "follows a s.47ZDA extension in a standard case only",
        id="an ACC extending an NCA case",
    ),
    pytest.param(
        {**AGENCY_CASE, "agency": Agency.FCA, "authority": COURT, "authoriser_rank": None},
        "authority",
        "can only follow the agency's extension to 12 months (s.47ZDB); bail has not been "
        "extended yet",
        id="a court extension of an FCA case before the agency's",
    ),
    pytest.param(
        {
            **AGENCY_CASE,
            "agency": Agency.SFO,
            "extensions_so_far": [AGENCY],
            "authority": AGENCY,
            "authoriser_rank": None,
            "decided_on": d(2024, 8, 1),
            "current_period_ends": d(2024, 8, 30),
        },
        "authority",
        "bail has been extended to 12 months under s.47ZDB",
        id="a second agency extension",
    ),
    # 2017 regime.
    pytest.param(
        {**IN_2017, "authority": INSP},
        "authority",
        "Under the 2017 regime an inspector cannot extend bail",
        id="an inspector extending 2017 bail",
    ),
    pytest.param(
        {**IN_2017, "authority": AGENCY, "authoriser_rank": None},
        "authority",
        "apply only to arrests on or after 28 October 2022",
        id="an agency extension of 2017 police bail",
    ),
    pytest.param(
        {**IN_2017, "authority": ACC, "authoriser_rank": Rank.ACC, "designated_case": True},
        "authority",
        "can only follow a superintendent's extension to 3 months (s.47ZD)",
        id="a 2017 ACC extension before the superintendent's",
    ),
    pytest.param(
        {**IN_2017, "authority": COURT, "authoriser_rank": None},
        "authority",
        "Next, a superintendent or above can extend it to 3 months (s.47ZD).",
        id="a 2017 court extension straight after 28 days",
    ),
    pytest.param(
        {**IN_2017, "authority": SUPT, "authoriser_rank": Rank.INSPECTOR},
        "authoriser_rank",
        "Extending bail to 3 months needs a superintendent or above (PACE s.47ZD); an "
        "inspector cannot extend pre-charge bail",
        id="an inspector extending 2017 bail to 3 months",
    ),
    pytest.param(
        {
            **IN_2017,
            "extensions_so_far": [SUPT],
            "authority": ACC,
            "authoriser_rank": Rank.ACC,
            "current_period_ends": d(2019, 4, 30),
        },
        "designated_case",
        "only for a case designated exceptionally complex",
        id="a 2017 ACC extension without designation",
    ),
    pytest.param(
        {**SFO_IN_2017, "authority": ACC, "authoriser_rank": Rank.ACC, "designated_case": True},
        "authority",
        "given by the SFO's appropriate decision-maker, not a police officer",
        id="an ACC extending a 2017 SFO case",
    ),
    pytest.param(
        {**SFO_IN_2017, "authority": SUPT, "authoriser_rank": Rank.SUPERINTENDENT},
        "authority",
        "there is no superintendent's extension",
        id="a superintendent extending a 2017 SFO case",
    ),
    pytest.param(
        {**SFO_IN_2017, "authority": AGENCY, "authoriser_rank": None},
        "designated_case",
        "only for a case designated exceptionally complex",
        id="a 2017 SFO extension without designation",
    ),
    # Designation.
    pytest.param(
        {**AT_NINE_MONTHS, "authority": ACC, "authoriser_rank": Rank.ACC},
        "designated_case",
        "Extending bail to 12 months in a designated case (PACE s.47ZE) is only for a case "
        "designated exceptionally complex",
        id="an ACC extension without designation",
    ),
    # Timing.
    pytest.param(
        {"decided_on": d(2024, 1, 31)},
        "decided_on",
        "Bail ended on 30 January 2024; a period that has ended cannot be extended",
        id="an extension the day after bail ended",
    ),
    pytest.param(
        {
            **AT_NINE_MONTHS,
            "authority": COURT,
            "authoriser_rank": None,
            "decided_on": d(2024, 9, 1),
        },
        "decided_on",
        "a period that has ended cannot be extended",
        id="a court extension weeks after bail ended",
    ),
    pytest.param(
        {"decided_on": d(2023, 10, 29)},
        "decided_on",
        "cannot be decided before the arrest on 30 October 2023",
        id="an extension before the arrest",
    ),
    pytest.param(
        {"current_period_ends": d(2024, 6, 30)},
        "current_period_ends",
        "which is no extension",
        id="an extension that would shorten bail",
    ),
    # Regime and history.
    pytest.param(
        {"arrested_on": d(2022, 10, 27), "current_period_ends": d(2022, 11, 24)},
        "regime",
        "falls under the 2017 regime, not the 2022 regime",
        id="a 2017-regime arrest treated as 2022",
    ),
    pytest.param(
        {
            "regime": Regime.R2017,
            "arrested_on": d(2022, 10, 28),
            "authority": SUPT,
            "authoriser_rank": Rank.SUPERINTENDENT,
            "decided_on": d(2023, 1, 28),
            "current_period_ends": d(2023, 1, 28),
        },
        "regime",
        "falls under the 2022 regime, not the 2017 regime",
        id="a commencement-day arrest treated as 2017",
    ),
    pytest.param(
        {"regime": Regime.R2017, "arrested_on": d(2017, 4, 2), "authority": SUPT},
        "arrested_on",
        "3 April 2017",
        id="an arrest before the 2017 time limits",
    ),
    pytest.param(
        {
            **AT_NINE_MONTHS,
            "extensions_so_far": [SUPT],
            "authority": COURT,
            "authoriser_rank": None,
        },
        "extensions_so_far",
        "Earlier extension number 1 (superintendent) is not a lawful sequence",
        id="a history that skips the inspector's extension",
    ),
    pytest.param(
        {"section_47zf7_case": True},
        "section_47zf7_case",
        "applies only to the first court extension",
        id="a s.47ZF(7) flag on an inspector extension",
    ),
    pytest.param(
        {
            "extensions_so_far": [INSP, SUPT, COURT],
            "authority": COURT,
            "authoriser_rank": None,
            "section_47zf7_case": True,
            "decided_on": d(2024, 10, 1),
            "current_period_ends": d(2024, 10, 30),
        },
        "section_47zf7_case",
        "applies only to the first court extension",
        id="a s.47ZF(7) flag on a further court extension",
    ),
    pytest.param(
        {"authority": "sergeant"}, "authority", "is not one of", id="an unknown authority"
    ),
    pytest.param({"agency": "mi5"}, "agency", "is not one of", id="an unknown agency"),
    pytest.param({"regime": "2012"}, "regime", "is not one of", id="an unknown regime"),
]


@pytest.mark.parametrize(("overrides", "field", "fragment"), REFUSALS)
def test_it_refuses_an_extension_the_rules_do_not_allow(
    overrides: dict[str, Any], field: str, fragment: str
) -> None:
    with pytest.raises(RuleViolation) as caught:
        extend(**overrides)
    assert caught.value.field == field
    assert fragment in caught.value.message


def test_it_refuses_a_further_court_extension_of_no_months() -> None:
    with pytest.raises(ValueError, match="further_court_months"):
        extend(
            extensions_so_far=[INSP, SUPT, COURT],
            authority=COURT,
            authoriser_rank=None,
            further_court_months=0,
            decided_on=d(2024, 10, 1),
            current_period_ends=d(2024, 10, 30),
        )


# --- Victim views ---------------------------------------------------------------------------

PROTECTS = Condition("Not to contact Jane Doe directly or indirectly", protects_victim=True)
RESIDES = Condition("To live and sleep at 1 High Street, Ipswich")

VICTIM_VIEWS_ACCEPTED = [
    pytest.param([], False, "", "", id="no conditions"),
    pytest.param([RESIDES], False, "", "", id="no condition protects the victim"),
    pytest.param([PROTECTS], True, "Wants no contact at all", "", id="views sought and recorded"),
    pytest.param(
        [PROTECTS], False, "", "Victim in hospital, unable to speak", id="not practicable"
    ),
    pytest.param(
        [PROTECTS], True, "", "Victim did not answer calls or the door", id="sought but not got"
    ),
    pytest.param(
        [{"text": "Not to enter Lowestoft", "protects_victim": True}],
        True,
        "Feels safer with the exclusion zone",
        "",
        id="API mappings",
    ),
    pytest.param([{"text": "Curfew 9pm-7am"}], False, "", "", id="mapping not protecting"),
]


@pytest.mark.parametrize(("conditions", "sought", "views", "reason"), VICTIM_VIEWS_ACCEPTED)
def test_it_accepts_victim_views_that_meet_the_rule(
    conditions: list[Any], sought: bool, views: str, reason: str
) -> None:
    validate_victim_views(conditions, sought, views, reason)  # does not raise


VICTIM_VIEWS_REFUSED = [
    pytest.param([PROTECTS], False, "", "", "need the victim's views", id="nothing recorded"),
    pytest.param([PROTECTS], True, "   ", "", "sought but not what they were", id="blank views"),
    pytest.param(
        [RESIDES, PROTECTS], False, "", "  ", "need the victim's views", id="blank reason"
    ),
    pytest.param(
        [{"text": "Not to contact Jane Doe", "protects_victim": True}],
        False,
        "She said no contact",  # views without having sought them do not count
        "",
        "need the victim's views",
        id="views recorded but not sought",
    ),
]


@pytest.mark.parametrize(
    ("conditions", "sought", "views", "reason", "fragment"), VICTIM_VIEWS_REFUSED
)
def test_it_refuses_victim_protecting_conditions_without_views_or_a_reason(
    conditions: list[Any], sought: bool, views: str, reason: str, fragment: str
) -> None:
    with pytest.raises(RuleViolation) as caught:
        validate_victim_views(conditions, sought, views, reason)
    assert caught.value.field == "victim_views"
    assert fragment in caught.value.message


# --- Lapse and ending -----------------------------------------------------------------------

LAPSES = [
    pytest.param(d(2024, 1, 30), d(2024, 1, 29), False, False, id="day before the end"),
    pytest.param(d(2024, 1, 30), d(2024, 1, 30), False, False, id="last day still live"),
    pytest.param(d(2024, 1, 30), d(2024, 1, 31), False, True, id="day after the end"),
    pytest.param(d(2024, 2, 29), d(2024, 3, 1), False, True, id="after a leap-day end"),
    pytest.param(d(2024, 1, 30), d(2025, 6, 1), False, True, id="long after"),
    pytest.param(d(2024, 1, 30), d(2024, 1, 31), True, False, id="ended with an outcome"),
]


@pytest.mark.parametrize(("period_ends", "on_date", "ended", "expected"), LAPSES)
def test_bail_lapses_after_the_last_day_without_an_outcome(
    period_ends: dt.date, on_date: dt.date, ended: bool, expected: bool
) -> None:
    assert is_lapsed(period_ends, on_date, ended=ended) is expected


ENDINGS = [
    pytest.param(Status.BAIL, EndReason.CHARGED, id="bail charged"),
    pytest.param(Status.BAIL, EndReason.LAPSED, id="bail lapsed"),
    pytest.param(Status.BAIL, EndReason.CONVERTED_TO_RUI, id="bail converted to RUI"),
    pytest.param("rui", "nfa", id="RUI no further action"),
    pytest.param(Status.RUI, EndReason.OOCD, id="RUI out-of-court disposal"),
]


@pytest.mark.parametrize(("status", "reason"), ENDINGS)
def test_it_accepts_a_lawful_ending(status: Status | str, reason: EndReason | str) -> None:
    assert check_end(
        status=status, reason=reason, started_on=d(2024, 1, 1), ended_on=d(2024, 1, 1)
    ) == EndReason(reason)


ENDING_REFUSALS = [
    pytest.param(Status.RUI, EndReason.LAPSED, d(2024, 2, 1), "reason", id="RUI lapsing"),
    pytest.param(
        Status.RUI, EndReason.CONVERTED_TO_RUI, d(2024, 2, 1), "reason", id="RUI converted"
    ),
    pytest.param(Status.BAIL, EndReason.NFA, d(2023, 12, 31), "ended_on", id="before start"),
    pytest.param(Status.BAIL, "acquitted", d(2024, 2, 1), "reason", id="unknown reason"),
    pytest.param("remand", EndReason.NFA, d(2024, 2, 1), "status", id="unknown status"),
]


@pytest.mark.parametrize(("status", "reason", "ended_on", "field"), ENDING_REFUSALS)
def test_it_refuses_an_unlawful_ending(
    status: Status | str, reason: EndReason | str, ended_on: dt.date, field: str
) -> None:
    with pytest.raises(RuleViolation) as caught:
        check_end(status=status, reason=reason, started_on=d(2024, 1, 1), ended_on=ended_on)
    assert caught.value.field == field


# --- RUI reviews ---------------------------------------------------------------------------

RUI_REVIEWS = [
    # Day 1 is the start date: 1 Jan 2024 + 89 days (31 Jan, 29 Feb, 30 Mar) -> 30 Mar.
    pytest.param(d(2024, 1, 1), 90, d(2024, 3, 30), id="90 days across a leap February"),
    pytest.param(d(2023, 1, 1), 90, d(2023, 3, 31), id="90 days in a common year"),
    # 1 Dec 2023 + 89 days -> 28 Feb 2024.
    pytest.param(d(2023, 12, 1), 90, d(2024, 2, 28), id="90 days across the new year"),
    pytest.param(d(2024, 1, 1), 28, d(2024, 1, 28), id="28-day force interval"),
    pytest.param(d(2024, 1, 1), 1, d(2024, 1, 1), id="one-day interval"),
]


@pytest.mark.parametrize(("start", "interval", "expected"), RUI_REVIEWS)
def test_an_rui_review_falls_due_on_the_last_day_of_the_interval(
    start: dt.date, interval: int, expected: dt.date
) -> None:
    assert rui_review_due(start, interval_days=interval) == expected


def test_an_rui_review_defaults_to_ninety_days() -> None:
    assert rui_review_due(d(2024, 1, 1)) == d(2024, 3, 30)


def test_it_refuses_an_rui_review_interval_of_no_days() -> None:
    with pytest.raises(ValueError, match="interval_days"):
        rui_review_due(d(2024, 1, 1), interval_days=0)


# --- Warnings ---------------------------------------------------------------------------------

WARNINGS = [
    pytest.param(d(2024, 1, 30), (14, 3), None, [d(2024, 1, 16), d(2024, 1, 27)], id="default"),
    pytest.param(d(2024, 1, 30), (3, 14), None, [d(2024, 1, 16), d(2024, 1, 27)], id="unsorted"),
    pytest.param(d(2024, 1, 30), (3, 3), None, [d(2024, 1, 27)], id="duplicate leads"),
    pytest.param(d(2024, 1, 30), (7,), None, [d(2024, 1, 23)], id="one lead"),
    pytest.param(d(2024, 1, 30), (), None, [], id="no leads"),
    # 2 Mar 2024 - 14 -> 17 Feb (via 29 Feb); - 3 -> 28 Feb.
    pytest.param(d(2024, 3, 2), (14, 3), None, [d(2024, 2, 17), d(2024, 2, 28)], id="leap Feb"),
    pytest.param(d(2024, 1, 30), (14, 3), d(2024, 1, 20), [d(2024, 1, 27)], id="past dropped"),
    pytest.param(d(2024, 1, 30), (0,), None, [d(2024, 1, 30)], id="on the day"),
]


@pytest.mark.parametrize(("period_ends", "leads", "on_or_after", "expected"), WARNINGS)
def test_it_warns_ahead_of_the_end_of_bail(
    period_ends: dt.date,
    leads: tuple[int, ...],
    on_or_after: dt.date | None,
    expected: list[dt.date],
) -> None:
    assert warning_dates(period_ends, leads, on_or_after=on_or_after) == expected


def test_it_warns_fourteen_and_three_days_ahead_by_default() -> None:
    assert warning_dates(d(2024, 1, 30)) == [d(2024, 1, 16), d(2024, 1, 27)]


def test_it_refuses_a_negative_warning_lead() -> None:
    with pytest.raises(ValueError, match="lead_days"):
        warning_dates(d(2024, 1, 30), (-1,))


# --- Who may authorise what next -------------------------------------------------------------

OPTIONS = [
    pytest.param(Regime.R2022, Agency.POLICE, [], [INSP], id="2022 initial: inspector"),
    pytest.param(Regime.R2022, Agency.POLICE, [INSP], [SUPT], id="2022 after 6 months"),
    pytest.param(Regime.R2022, Agency.POLICE, [INSP, SUPT], [ACC, COURT], id="2022 after 9 months"),
    pytest.param(Regime.R2022, Agency.POLICE, [INSP, SUPT, ACC], [COURT], id="2022 designated"),
    pytest.param(Regime.R2022, Agency.NCA, [], [AGENCY], id="2022 agency case"),
    pytest.param(Regime.R2017, Agency.POLICE, [], [SUPT], id="2017 initial: superintendent"),
]


@pytest.mark.parametrize(("chosen", "agency", "history", "expected"), OPTIONS)
def test_it_lists_the_extensions_that_may_come_next(chosen, agency, history, expected) -> None:
    options = next_extension_options(regime=chosen, agency=agency, extensions_so_far=history)
    assert [o.authority for o in options] == expected


def test_the_options_say_who_may_authorise() -> None:
    (option,) = next_extension_options(regime="2022", agency="police", extensions_so_far=[])
    assert option.minimum_rank is Rank.INSPECTOR
    assert "inspector or above" in option.offer

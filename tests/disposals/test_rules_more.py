"""More disposal rules as tables: victims' views, referral progress, age bands, findings."""

from __future__ import annotations

import datetime as dt

import pytest

from disposals.rules import (
    age_band,
    referral_progress_violations,
    scrutiny_violations,
    victim_views_violations,
)

D = dt.date(2026, 2, 1)


@pytest.mark.parametrize(
    "disposal_type, sought, views, reason, refused",
    [
        ("community_resolution", True, "Wants an apology", "", False),
        ("community_resolution", False, "", "No identifiable victim", False),
        ("community_resolution", False, "", "", True),
        ("community_resolution", True, "  ", "", True),
        ("conditional_caution", False, "", "", True),
        ("diversionary_caution", False, "", "", True),
        ("community_caution", False, "", "", True),
        ("youth_conditional_caution", False, "", "", True),
        ("simple_caution", False, "", "", False),
        ("cannabis_warning", False, "", "", False),
        ("penalty_notice", False, "", "", False),
    ],
)
def test_victims_views_are_needed_or_a_reason_why_not(
    disposal_type, sought, views, reason, refused
):
    errors = victim_views_violations(
        disposal_type, sought=sought, views=views, not_practicable_reason=reason
    )
    assert [e.field for e in errors] == (["victim_views"] if refused else [])


def test_a_statutory_caution_refusal_cites_section_100():
    [error] = victim_views_violations(
        "diversionary_caution", sought=False, views="", not_practicable_reason=""
    )
    assert "s.100(3)" in error.message


@pytest.mark.parametrize(
    "current, new, on, fields",
    [
        ("referred", "booked", D, []),
        ("referred", "completed", D, []),
        ("booked", "attended", D, []),
        ("attended", "completed", D, []),
        ("booked", "did_not_attend", D, []),
        ("did_not_attend", "booked", D, []),
        ("completed", "booked", D, ["status"]),
        ("attended", "booked", D, ["status"]),
        ("did_not_attend", "completed", D, ["status"]),
        ("referred", "booked", D - dt.timedelta(days=1), ["on"]),
        ("completed", "attended", D - dt.timedelta(days=1), ["status", "on"]),
    ],
)
def test_referrals_progress_forwards_and_in_date_order(current, new, on, fields):
    errors = referral_progress_violations(current, new, last_on=D, on=on)
    assert [e.field for e in errors] == fields


@pytest.mark.parametrize(
    "age, band",
    [
        (10, "10-17"),
        (17, "10-17"),
        (18, "18-24"),
        (24, "18-24"),
        (25, "25-34"),
        (44, "35-44"),
        (54, "45-54"),
        (55, "55+"),
        (90, "55+"),
    ],
)
def test_the_panel_sees_an_age_band_never_an_age(age, band):
    assert age_band(age) == band


@pytest.mark.parametrize(
    "finding, learning, refused",
    [
        ("appropriate", "", False),
        ("appropriate_with_learning", "Seek victim views earlier", False),
        ("appropriate_with_learning", " ", True),
        ("not_appropriate", "", True),
        ("not_appropriate", "Should have been charged", False),
    ],
)
def test_a_finding_other_than_appropriate_needs_its_learning(finding, learning, refused):
    assert bool(scrutiny_violations(finding, learning)) is refused

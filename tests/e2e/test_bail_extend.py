"""A member of the Bail Management Team finds bail ending soon in the queue; an inspector
extends it and sees the new end date and the reminder moved to it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bail import rules, services
from core.calendar import period_end_months
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import OffenderFactory, UserFactory

PASSWORD = "correct-horse-battery"


def _arrest_for_end(ends: dt.date) -> dt.date:
    day = ends - dt.timedelta(days=100)
    while rules.initial_bail(arrested_on=day).bail_period_ends != ends:
        day += dt.timedelta(days=1)
    return day


@pytest.mark.django_db(transaction=True)
def test_the_bail_team_finds_a_case_ending_soon_and_an_inspector_extends_it(page):
    bail_team = UserFactory(
        username="bail.grace",
        rank="staff",
        roles=["bail_management"],
        teams=["bail-management"],
        password=PASSWORD,
    )
    inspector = UserFactory(
        username="inspector.ian",
        first_name="Ian",
        last_name="Moss",
        rank="inspector",
        roles=["investigator"],
        teams=["investigation"],
        password=PASSWORD,
    )
    person = OffenderFactory(first_name="Kieran", last_name="Blackwood")
    today = timezone.localdate()
    ends = today + dt.timedelta(days=6)
    arrested = _arrest_for_end(ends)
    case = services.open_case(
        offender=person,
        arrested_on=arrested,
        status="bail",
        by=bail_team,
        now=timezone.now(),
        officer_in_case=inspector,
        offence="Burglary of a house",
    )
    new_end = period_end_months(arrested + dt.timedelta(days=1), 6)

    # The Bail Management Team member finds the case in the queue.
    sign_in(page, "bail.grace", PASSWORD)
    page.get_by_role("link", name="Bail and RUI").click()
    ending = page.locator('table[data-queue="ending"]')
    expect(ending).to_contain_text("Kieran Blackwood")
    expect(ending).to_contain_text(f"On bail until {ends.day} {ends:%b %Y}")
    assert_accessible(page)
    ending.get_by_role("link", name=case.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kieran Blackwood")
    expect(page.locator("#reminders")).to_contain_text(f"{ends.day} {ends:%B %Y}, 23:59")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    # An inspector extends it.
    sign_in(page, "inspector.ian", PASSWORD)
    page.goto(f"/bail/cases/{case.pk}/")
    page.get_by_role("button", name="Extend bail").or_(
        page.get_by_role("link", name="Extend bail")
    ).first.click()
    expect(page.locator("#extension-options")).to_contain_text(
        "inspector or above can extend it to 6 months"
    )
    expect(page.get_by_label("Inspector or above (to 6 months)")).to_be_checked()
    expect(page.get_by_label("Name of the authorising officer")).to_have_value("Ian Moss")
    assert_accessible(page)
    page.get_by_role("button", name="Extend bail").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"It now ends on {new_end.day} {new_end:%B %Y}"
    )
    expect(page.locator("#bail-period-ends")).to_have_text(f"{new_end.day} {new_end:%B %Y}")
    expect(page.locator("#reminders")).to_contain_text(f"{new_end.day} {new_end:%B %Y}, 23:59")
    expect(page.locator("#reminders")).not_to_contain_text(f"{ends.day} {ends:%B %Y}, 23:59")
    expect(page.locator(".desist-charging-status").first).to_have_text(
        f"On bail until {new_end.day} {new_end:%b %Y}"
    )

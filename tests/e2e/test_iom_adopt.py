"""An IOM officer adopts a person into the flexible cohort, sees the dashboard count them,
and removes them again — in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import OffenderFactory, UserFactory


def figure(page, name: str):
    return page.locator(f'#cohort-now td[data-figure="{name}"]')


@pytest.mark.django_db(transaction=True)
def test_an_iom_officer_adopts_into_the_flexible_cohort_and_removes_them(page):
    UserFactory(username="iom.e2e", roles=["iom_officer"], teams=["iom"])
    OffenderFactory(first_name="Kerry", last_name="Brightwell")
    sign_in(page, "iom.e2e", "correct-horse-battery")

    page.get_by_role("link", name="IOM", exact=True).click()
    page.get_by_role("link", name="Dashboard", exact=True).click()
    expect(figure(page, "flexible")).to_have_text("0")
    expect(figure(page, "total")).to_have_text("0")
    assert_accessible(page)

    page.get_by_role("link", name="Adopt a person").click()
    page.get_by_label("Name or PNC ID").fill("Brightwell")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="Adopt Kerry Brightwell").click()
    assert_accessible(page)
    page.get_by_label("Fixed").check()
    expect(
        page.get_by_text("neighbourhood-crime offenders")
    ).to_be_visible()  # htmx check, not blocking
    page.get_by_label("Flexible").check()
    expect(page.get_by_text("Within this force's selection criteria")).to_be_visible()
    page.get_by_label("Reason for adoption").fill("Prolific shoplifting across Ipswich")
    page.get_by_label("Probation contact").fill("PO Sam Reid, Ipswich")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Adopt").click()
    expect(page.get_by_text("Kerry Brightwell adopted into the flexible cohort.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("IOM membership: flexible cohort")
    assert_accessible(page)

    page.get_by_role("link", name="Dashboard", exact=True).click()
    expect(figure(page, "flexible")).to_have_text("1")
    expect(figure(page, "total")).to_have_text("1")
    expect(figure(page, "adoptions")).to_have_text("1")
    expect(figure(page, "managed_in_community")).to_have_text("1")

    figure(page, "flexible").get_by_role("link").click()
    expect(page.locator("#result-count")).to_have_text("1 membership")
    assert_accessible(page)
    page.get_by_role("link", name="Kerry Brightwell").click()
    page.get_by_role("link", name="Remove from IOM").click()
    assert_accessible(page)
    page.get_by_label("Risk reduced").check()
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Kerry Brightwell removed from the IOM scheme.")).to_be_visible()

    page.get_by_role("link", name="Dashboard", exact=True).click()
    expect(figure(page, "flexible")).to_have_text("0")
    expect(figure(page, "total")).to_have_text("0")
    expect(figure(page, "removals")).to_have_text("1")

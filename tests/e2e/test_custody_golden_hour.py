"""A custody officer books a 15-year-old in, sees the Golden Hour counting down on the
custody board, records the call and sees it met — in a real browser."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from custody.forms import wall_clock
from custody.reference import load_custody_reference
from tests.e2e.conftest import assert_accessible, fill_date, sign_in
from tests.factories import OffenderFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_a_custody_officer_books_a_child_in_and_meets_the_golden_hour(page):
    load_custody_reference(django_apps)  # transactional tests flush the suites
    UserFactory(
        username="custody.e2e",
        rank="sergeant",
        roles=["custody_officer"],
        teams=["custody-martlesham"],
    )
    born = timezone.localdate() - dt.timedelta(days=15 * 365 + 100)
    child = OffenderFactory(first_name="Jayden", last_name="Frost", date_of_birth=born)
    sign_in(page, "custody.e2e", "correct-horse-battery")

    page.get_by_role("link", name="Custody", exact=True).click()
    page.get_by_role("link", name="Martlesham PIC").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Martlesham PIC custody board")
    expect(page.get_by_test_id("free-cells")).to_have_text("30 of 30")

    assert_accessible(page)
    page.get_by_role("link", name="Book a person in").click()
    assert_accessible(page)
    page.get_by_label("Name or PNC ID").fill(child.last_name)  # found by name, no number
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name=f"Book in {child.full_name}").click()
    expect(page.get_by_test_id("booking-person")).to_contain_text(child.full_name)
    assert_accessible(page)
    page.get_by_label("Cell").select_option("4")
    fill_date(page, "Arrested at", wall_clock(timezone.now() - dt.timedelta(minutes=40)))
    page.get_by_label("Offence", exact=True).fill("Robbery of a mobile phone")
    page.get_by_label("Indictable offence").check()
    page.get_by_label("Appropriate adult", exact=True).fill("Lisa Frost (mother)")
    page.get_by_label("Person responsible for the child's welfare").fill("Lisa Frost")
    page.get_by_role("button", name="Book in").click()

    expect(page.get_by_text("Jayden Frost booked in to cell 4.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Jayden Frost")
    expect(row.get_by_text("Child", exact=True)).to_be_visible()
    expect(row).to_contain_text("Golden Hour call")
    expect(row.locator(".desist-countdown")).to_have_text(re.compile(r"^in (59|60) min$"))
    expect(row.get_by_text("Golden Hour open")).to_be_visible()
    expect(page.get_by_test_id("free-cells")).to_have_text("29 of 30")
    expect(page.locator("#custody-board")).to_have_attribute("hx-trigger", "every 30s")

    row.get_by_role("link", name="Jayden Frost").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jayden Frost")
    assert_accessible(page)
    page.get_by_label("Who you spoke to").fill("Customer First duty social worker")
    page.get_by_label("Safeguarding concerns disclosed").fill("None known to children's services")
    page.get_by_label("Who the child may be released to").fill("Lisa Frost (mother)")
    suitable = page.get_by_label("The appropriate adult or guardian is suitable")
    expect(suitable).not_to_be_checked()  # never assumed: the sergeant says so
    suitable.check()
    page.get_by_label(
        "Reminded the local authority about the youth justice diversion programme"
    ).check()
    page.get_by_role("button", name="Record call").click()

    expect(page.get_by_text("Golden Hour call recorded.")).to_be_visible()
    expect(page.get_by_text("Golden Hour met")).to_be_visible()
    expect(page.get_by_text("Customer First duty social worker", exact=True)).to_be_visible()

    page.get_by_role("link", name="Custody", exact=True).click()
    page.get_by_role("link", name="Martlesham PIC").click()
    row = page.get_by_role("row").filter(has_text="Jayden Frost")
    expect(row.get_by_text("Golden Hour met")).to_be_visible()
    expect(row).to_contain_text("Review")


@pytest.mark.django_db(transaction=True)
def test_a_child_released_before_the_call_shows_a_missed_golden_hour(page):
    from custody import services
    from custody.models import CustodySuite

    load_custody_reference(django_apps)
    officer = UserFactory(
        username="custody.e2e",
        rank="sergeant",
        roles=["custody_officer"],
        teams=["custody-martlesham"],
    )
    UserFactory(username="supervisor.e2e", rank="inspector", roles=["supervisor"])
    born = timezone.localdate() - dt.timedelta(days=15 * 365 + 100)
    child = OffenderFactory(first_name="Jayden", last_name="Frost", date_of_birth=born)
    now = timezone.now().replace(second=0, microsecond=0)
    detention = services.book_in(
        offender=child,
        suite=CustodySuite.objects.get(code="martlesham"),
        cell=None,
        arrested_at=now - dt.timedelta(minutes=40),
        arrived_at=now - dt.timedelta(minutes=20),
        detention_authorised_at=now - dt.timedelta(minutes=15),
        offence="Theft from a shop",
        indictable=False,
        by=officer,
    )
    sign_in(page, "custody.e2e", "correct-horse-battery")
    page.goto(f"/custody/detentions/{detention.pk}/")
    golden_hour = page.locator("#golden-hour")
    expect(golden_hour.get_by_text("Golden Hour open")).to_be_visible()

    release = page.locator("form").filter(
        has=page.get_by_role("button", name="Continue to check the release")
    )
    release.get_by_label("Detention outcome").select_option("nfa")
    release.get_by_role("button", name="Continue to check the release").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the release before you record it"
    )
    expect(page.get_by_test_id("answers")).to_contain_text("No further action")
    assert_accessible(page)
    page.get_by_role("button", name="Record the release").click()
    expect(page.get_by_text("Release recorded.")).to_be_visible()
    expect(golden_hour.get_by_text("Golden Hour missed")).to_be_visible()
    expect(golden_hour.get_by_text("Golden Hour open")).to_have_count(0)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "supervisor.e2e", "correct-horse-battery")
    page.goto("/custody/dashboard/")
    rows = page.locator(".govuk-summary-list__row")
    missed = rows.filter(has_text="Missed (no call within the hour or before release)")
    expect(missed.locator("dd")).to_have_text("1")
    still_running = rows.filter(has_text="Open (hour still running, child in custody)")
    expect(still_running.locator("dd")).to_have_text("0")

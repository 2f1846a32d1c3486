"""An investigator circulates a suspect as wanted, a supervisor sees them on the District
Commander's monthly list, and a custody sergeant books them in: book-in warns that they are
wanted, for what and by whom, and the circulation ends as arrested with a link to the
detention — in a real browser."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from custody.forms import wall_clock
from custody.reference import load_custody_reference
from tests.e2e.conftest import assert_accessible, fill_date, sign_in
from tests.factories import OffenderFactory, UserFactory

PASSWORD = "correct-horse-battery"


def sign_out(page) -> None:
    page.context.clear_cookies()


@pytest.mark.django_db(transaction=True)
def test_a_circulated_suspect_is_listed_then_booked_in_and_the_circulation_ends(page):
    load_custody_reference(django_apps)  # transactional tests flush the suites
    UserFactory(
        username="investigator.e2e",
        first_name="Tom",
        last_name="Reeve",
        roles=["investigator"],
        teams=["investigation"],
    )
    UserFactory(username="supervisor.e2e", rank="inspector", roles=["supervisor"])
    UserFactory(username="sergeant.e2e", rank="sergeant", roles=["custody_officer"])
    person = OffenderFactory(first_name="Dean", last_name="Hollister")
    today = timezone.localdate()

    # The investigator circulates him.
    sign_in(page, "investigator.e2e", PASSWORD)
    page.get_by_role("link", name="Wanted", exact=True).click()
    page.get_by_role("link", name="Circulate a person").click()
    page.get_by_label("Name or PNC ID").fill("Hollister")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="Choose Dean Hollister").click()
    assert_accessible(page)
    page.get_by_label("Arrest necessary and never arrested for the offence").check()
    page.get_by_label("Offence or offences").fill("Burglary dwelling, Kesgrave")
    page.get_by_label("District").select_option(label="Ipswich")
    page.get_by_label("Code G necessity reason").select_option("prevent_disappearance")
    page.get_by_label("Why is arrest necessary?").fill(
        "Left his address the day after the burglary and has not answered letters."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wanted: Dean Hollister")
    expect(page.get_by_text("Open for 0 days")).to_be_visible()
    sign_out(page)

    # The supervisor sees him on Ipswich's (South) list for this month, as new.
    sign_in(page, "supervisor.e2e", PASSWORD)
    page.goto("/wanted/monthly/")
    page.get_by_label("District").select_option(label="Ipswich")
    page.get_by_role("button", name="Show the list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ipswich: {today:%B %Y}")
    expect(page.get_by_test_id("open-wanted")).to_have_text("1")
    row = page.get_by_role("row").filter(has_text="Dean Hollister")
    expect(row).to_contain_text("Burglary dwelling, Kesgrave")
    expect(row).to_contain_text("New")
    assert_accessible(page)
    sign_out(page)

    # The custody sergeant books him in: book-in says he is wanted, for what and by whom.
    sign_in(page, "sergeant.e2e", PASSWORD)
    page.get_by_role("link", name="Custody", exact=True).click()
    page.get_by_role("link", name="Martlesham PIC").click()
    page.get_by_role("link", name="Book a person in").click()
    page.get_by_label("Or enter their PNC ID").fill(person.pnc_id)
    page.get_by_role("button", name="Check the person").click()
    notice = page.get_by_test_id("book-in-person")
    expect(notice).to_contain_text("Wanted")
    expect(notice).to_contain_text("Burglary dwelling, Kesgrave")
    expect(notice).to_contain_text("Tom Reeve")
    expect(notice).to_contain_text("ends this circulation as arrested")
    page.get_by_label("Cell").select_option("7")
    fill_date(page, "Arrested at", wall_clock(timezone.now() - dt.timedelta(minutes=50)))
    page.get_by_label("Offence", exact=True).fill("Burglary dwelling (wanted on PNC)")
    page.get_by_label("Indictable offence").check()
    page.get_by_role("button", name="Book in").click()
    expect(page.get_by_text("Dean Hollister booked in to cell 7.")).to_be_visible()
    expect(page.get_by_text("ended: arrested; it now links to this detention")).to_be_visible()

    # The circulation has ended as arrested, with a link to the detention.
    page.goto("/wanted/?ended_from=2000-01-01&ended_to=2999-12-31")
    page.get_by_role("link", name="Dean Hollister").click()
    expect(page.get_by_text("Arrested", exact=False).first).to_be_visible()
    page.get_by_test_id("detention-link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dean Hollister")

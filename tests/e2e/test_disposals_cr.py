"""A real browser: record a community resolution with a course referral, complete it, and see
the dashboard count it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from disposals.reference import load_reference
from tests.e2e.conftest import assert_accessible, fill_date, sign_in
from tests.factories import OffenderFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_an_officer_records_a_community_resolution_with_a_course_completes_it_and_sees_it_counted(
    page,
):
    load_reference(django_apps)  # the course catalogue: transactional tests flush it
    UserFactory(
        username="diversion.e2e",
        rank="staff",
        roles=["offender_diversion"],
        teams=["offender-diversion"],
        password="correct-horse-battery",
    )
    OffenderFactory(first_name="Dylan", last_name="Marchbank", date_of_birth=dt.date(1995, 4, 2))
    today = timezone.localdate()

    sign_in(page, "diversion.e2e", "correct-horse-battery")
    page.get_by_role("link", name="Disposals", exact=True).click()
    page.get_by_role("link", name="Record a disposal").click()
    page.get_by_label("Name or PNC ID").fill("Marchbank")
    page.get_by_role("button", name="Find the person").click()
    page.get_by_role("link", name="Dylan Marchbank").click()

    page.get_by_role("heading", level=1, name="Record a disposal").wait_for()
    assert_accessible(page)
    # An adult under the legacy framework: no youth or Part 6 options.
    assert page.get_by_label("Youth caution", exact=True).count() == 0
    page.get_by_label("Community resolution").check()
    page.get_by_label("Offence", exact=True).fill("Theft from a shop (goods under £100)")
    fill_date(page, "Date of the offence", today - dt.timedelta(days=2))
    page.get_by_label("Offence category").select_option("either_way")
    page.get_by_label("District").select_option(label="Ipswich")
    page.get_by_label("The person admitted the offence (or accepted responsibility)").check()
    page.locator("#id_c0-kind").select_option("rehabilitative")
    page.locator("#id_c0-description").fill("Attend the shoplifting awareness course")
    page.get_by_label("Refer to an intervention course").select_option(
        label="Shoplifting awareness course"
    )
    page.get_by_label("The victim's views were sought").check()
    page.get_by_label("The victim's views", exact=True).fill(
        "The store wants the person to attend a course."
    )
    page.get_by_role("button", name="Record the disposal").click()

    page.get_by_text("Community resolution recorded.").wait_for()
    assert page.locator("#disposal-status").inner_text() == "Active"
    assert_accessible(page)
    page.get_by_label("Progress for Shoplifting awareness course").select_option("completed")
    page.get_by_role("button", name="Record progress").click()
    page.get_by_text("Shoplifting awareness course: completed.").wait_for()
    page.get_by_role("button", name="Mark the disposal completed").click()
    page.get_by_text("Disposal completed.").wait_for()
    assert page.locator("#disposal-status").inner_text() == "Completed"
    assert page.locator(".moj-timeline").get_by_text("Disposal completed").count() == 1

    page.get_by_role("link", name="Disposals", exact=True).click()
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.get_by_role("heading", level=1, name="Disposals dashboard").wait_for()
    assert page.locator("#total-disposals").inner_text() == "1"
    assert_accessible(page)
    assert page.locator("#completed-count").inner_text() == "1 completed"
    assert page.locator("#completion-rate").inner_text() == "100.0%"
    assert "Shoplifting awareness course" in page.locator("#referrals-per-course").inner_text()

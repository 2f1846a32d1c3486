"""A real browser: an officer adds a warning marker and keeps the date the form offers."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import OffenderFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_an_officer_adds_a_warning_marker_keeping_the_prefilled_date(page):
    UserFactory(username="sergeant.e2e", rank="sergeant", roles=["custody_officer"])
    john = OffenderFactory(first_name="John", last_name="Smith")

    sign_in(page, "sergeant.e2e", "correct-horse-battery")
    page.goto(f"/people/{john.pk}/")
    page.get_by_role("link", name="Add a warning marker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a warning marker")
    assert_accessible(page)
    date = page.get_by_role("group", name="Date")  # the GOV.UK date input, pre-filled
    today = timezone.localdate()
    expect(date.get_by_label("Day")).to_have_value(str(today.day))
    expect(date.get_by_label("Month")).to_have_value(str(today.month))
    expect(date.get_by_label("Year")).to_have_value(str(today.year))

    page.get_by_label("Warning marker").select_option("violence")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Add a warning marker saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("John Smith")
    assert_accessible(page)
    expect(page.get_by_text("Enter a valid date.")).to_have_count(0)
    assert john.markers.get().added_on == timezone.localdate()

"""A real browser: sign in, search with a typo as you type, open the person."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import OffenderFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_an_officer_finds_a_person_despite_a_typo_and_opens_their_record(page):
    UserFactory(
        username="sergeant.e2e",
        rank="sergeant",
        roles=["custody_officer"],
        password="correct-horse-battery",
    )
    john = OffenderFactory(first_name="John", last_name="Smith", date_of_birth=dt.date(1990, 5, 17))
    OffenderFactory(first_name="Peter", last_name="Brown")

    sign_in(page, "sergeant.e2e", "correct-horse-battery")
    page.get_by_role("link", name="People").click()
    page.get_by_label("Search by name, alias, PNC ID or date of birth").fill("jhon smiht")

    # htmx swaps the results in as the user types, without submitting the form.
    page.locator("#results").get_by_text("1 person found, best match first").wait_for()
    assert "q=jhon%20smiht" in page.url  # the search is in the address bar (hx-push-url)
    result = page.locator("#results").get_by_role("link", name="SMITH, John")
    assert page.locator("#results").get_by_role("link", name="BROWN, Peter").count() == 0
    assert_accessible(page)
    result.click()

    page.get_by_role("heading", level=1, name="John Smith").wait_for()
    assert page.url.endswith(f"/people/{john.pk}/")
    assert john.pnc_id in page.content()
    assert_accessible(page)

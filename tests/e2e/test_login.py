"""Sign in through the login page, see My work, sign out; the pages pass axe."""

import pytest

from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


@pytest.mark.django_db(transaction=True)
def test_an_officer_signs_in_sees_my_work_and_signs_out(page):
    UserFactory(
        username="sam",
        first_name="Sam",
        last_name="Okafor",
        rank="sergeant",
        roles=["custody_officer"],
    )

    page.goto("/")
    assert "/login/" in page.url  # every page needs a signed-in user
    assert_accessible(page)

    sign_in(page, "sam", PASSWORD)
    page.get_by_role("heading", name="My work", level=1).wait_for()
    assert page.get_by_text("Signed in as").is_visible()
    assert page.get_by_text("OFFICIAL-SENSITIVE").first.is_visible()
    assert page.get_by_text("You have no notifications.").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in to Desist").wait_for()
    page.goto("/")
    assert "/login/" in page.url


@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_shows_an_error_summary_linked_to_the_field(page):
    UserFactory(username="tom")
    sign_in(page, "tom", "not-the-password")
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "There is a problem" in summary.inner_text()
    assert_accessible(page)

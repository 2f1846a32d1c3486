"""A DAPU officer takes a person from referral to completion on the programme; at each
step the funnel on the figures page moves by exactly one where it should."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import OffenderFactory, UserFactory

PASSWORD = "correct-horse-battery"
KEYS = (
    "total_on_list",
    "from_referrals_and_marac",
    "to_be_scored",
    "scored",
    "suitable",
    "to_approach",
    "approached",
    "interested",
    "signed_up",
    "awaiting_sign_up",
    "active",
    "completed",
    "sessions",
)


def _funnel(page) -> dict[str, int]:
    page.goto("/domestic-abuse/figures/")
    return {key: int(page.get_by_test_id(f"funnel-{key}").inner_text()) for key in KEYS}


@pytest.mark.django_db(transaction=True)
def test_a_dapu_officer_takes_a_person_from_referral_to_completion(browser, live_server):
    UserFactory(username="dapu.dan", roles=["dapu_officer"], teams=["dapu"], password=PASSWORD)
    OffenderFactory(first_name="Carl", last_name="Ravensworth")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    sign_in(page, "dapu.dan", PASSWORD)
    figures = _funnel(page)
    assert_accessible(page)

    def expect_moved(**changes):
        nonlocal figures
        now = _funnel(page)
        expected = {key: figures[key] + changes.get(key, 0) for key in KEYS}
        assert now == expected
        figures = now

    page.goto("/domestic-abuse/")
    page.get_by_role("link", name="Put a person on the list").click()
    page.get_by_label("Name or PNC ID").fill("Ravensworth")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="Choose Carl Ravensworth").click()
    page.get_by_label("Referral").check()
    assert_accessible(page)
    page.get_by_role("button", name="Put on the list").click()
    expect(page.get_by_test_id("stage")).to_have_text("To be scored")
    assert_accessible(page)
    entry_url = page.url
    expect_moved(total_on_list=1, from_referrals_and_marac=1, to_be_scored=1)

    page.goto(entry_url)
    page.get_by_role("link", name="Score", exact=True).click()
    page.get_by_label("Recency").fill("1")
    page.get_by_label("Frequency").fill("3")
    page.get_by_label("Gravity").fill("10")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("score")).to_contain_text("18.0")

    steps = [
        ("Suitable", {"to_be_scored": -1, "scored": 1, "suitable": 1}),
        ("To approach", {"to_approach": 1}),
        ("Approached", {"to_approach": -1, "approached": 1}),
        ("Interested", {"interested": 1}),
        ("Awaiting sign-up meeting", {"signed_up": 1, "awaiting_sign_up": 1}),
        ("Active", {"awaiting_sign_up": -1, "active": 1}),
    ]
    for label, changes in steps:
        page.goto(entry_url)
        page.get_by_role("link", name="Move to another stage").click()
        page.get_by_label(label, exact=True).check()
        page.get_by_label("Why").fill(f"Moved to {label.lower()}")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_test_id("stage")).to_have_text(label)
        expect_moved(**changes)

    page.goto(entry_url)
    page.get_by_role("link", name="Record a session").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Session recorded.")).to_be_visible()
    expect_moved(sessions=1)

    page.goto(entry_url)
    page.get_by_role("link", name="Move to another stage").click()
    page.get_by_label("Completed", exact=True).check()
    page.get_by_label("Why").fill("Finished the 24 sessions")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("stage")).to_have_text("Completed")
    expect_moved(active=-1, completed=1)

    # The completed figure links to exactly this person.
    page.goto("/domestic-abuse/figures/")
    page.get_by_test_id("funnel-completed").get_by_role("link").click()
    expect(page.get_by_role("link", name="Carl Ravensworth")).to_be_visible()
    context.close()

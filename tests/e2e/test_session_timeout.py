"""The GOV.UK session-timeout warning: two minutes' notice, "Stay signed in", then sign-out."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_an_idle_officer_is_warned_can_stay_and_is_then_signed_out(page):
    UserFactory(username="idle.ivan", roles=["investigator"])
    page.clock.install()
    sign_in(page, "idle.ivan", "correct-horse-battery")
    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    expect(dialog).to_be_hidden()

    page.clock.run_for("26:30")  # 30 min idle, less a minute's margin: 2 min 30 s left
    expect(dialog).to_be_hidden()
    page.clock.run_for("01:00")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("we will sign you out in 2 minutes")
    assert_accessible(page)
    page.clock.run_for("01:10")
    expect(dialog).to_contain_text("sign you out in 20 seconds")

    with page.expect_response("**/session/keep-alive/") as kept:
        dialog.get_by_role("button", name="Stay signed in").click()
    assert kept.value.status == 204
    expect(dialog).to_be_hidden()

    page.clock.run_for("29:30")  # a whole idle period since "stay": the page signs out
    expect(page).to_have_url("/login/")
    expect(page.get_by_text("You were signed out because your session timed out.")).to_be_visible()

"""A PPU officer registers a person after conviction, records a change of address, a home
visit and an SHPO; the supervisor's public-protection dashboard changes by exactly one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, fill_date, sign_in
from tests.factories import OffenderFactory, UserFactory

PASSWORD = "correct-horse-battery"


def _figure(page, testid: str) -> int:
    page.goto("/public-protection/dashboard/")
    return int(page.get_by_test_id(testid).inner_text())


@pytest.mark.django_db(transaction=True)
def test_a_ppu_officer_registers_a_person_and_the_dashboard_moves_by_one(browser, live_server):
    UserFactory(username="ppu.leah", roles=["ppu_officer"], teams=["ppu"], password=PASSWORD)
    UserFactory(username="sup.rachel", rank="inspector", roles=["supervisor"], password=PASSWORD)
    person = OffenderFactory(first_name="Dorian", last_name="Whitlock")
    today = timezone.localdate()
    month = today.strftime("%Y-%m")

    def new_page():
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15000)
        return context.new_page()

    supervisor = new_page()
    sign_in(supervisor, "sup.rachel", PASSWORD)
    before = {
        "community": _figure(supervisor, "rso-in-community"),
        "visits": int(supervisor.get_by_test_id(f"visits-done-{month}").inner_text()),
        "shpo": int(supervisor.get_by_test_id(f"shpo-{month}").inner_text()),
    }

    ppu = new_page()
    sign_in(ppu, "ppu.leah", PASSWORD)
    ppu.goto("/public-protection/")
    ppu.get_by_role("link", name="Register a person").click()
    ppu.get_by_label("Name or PNC ID").fill("Whitlock")
    ppu.get_by_role("button", name="Find").click()
    ppu.get_by_role("link", name="Choose Dorian Whitlock").click()
    assert_accessible(ppu)
    fill_date(ppu, "Relevant date", today - dt.timedelta(days=1))
    ppu.get_by_label("Offence").fill("Sexual assault")
    ppu.get_by_label("Imprisonment or detention").check()
    ppu.get_by_label("Sentence of imprisonment in months").fill("12")
    ppu.get_by_role("button", name="Register").click()
    expect(ppu.get_by_test_id("rso-period")).to_have_text("10 years")
    expect(ppu.get_by_test_id("rso-status")).to_contain_text("In the community")
    assert_accessible(ppu)

    ppu.get_by_role("link", name="Record a notification").click()
    ppu.get_by_label("Change of home address").check()
    fill_date(ppu, "Date of the change", today)
    ppu.get_by_label("New address line 1").fill("14 Orwell Quay")
    ppu.get_by_label("Town or city").fill("Ipswich")
    ppu.get_by_label("Postcode").fill("IP3 0AB")
    ppu.get_by_role("button", name="Save").click()
    expect(ppu.get_by_text("Notification recorded.")).to_be_visible()
    expect(ppu.get_by_text("14 Orwell Quay").first).to_be_visible()

    ppu.get_by_role("link", name="Record a visit").click()
    ppu.get_by_label("Seen at home").check()
    ppu.get_by_role("button", name="Save").click()
    expect(ppu.get_by_text("Visit recorded.")).to_be_visible()

    ppu.get_by_role("link", name="Record an order").click()
    ppu.get_by_label("Sexual Harm Prevention Order").check()
    ppu.get_by_label("Until further order").check()
    ppu.get_by_label("Prohibitions and requirements").fill("No unsupervised contact with children")
    ppu.get_by_role("button", name="Record order").click()
    expect(ppu.get_by_role("heading", name="Sexual Harm Prevention Order")).to_be_visible()
    assert_accessible(ppu)

    after = {
        "community": _figure(supervisor, "rso-in-community"),
        "visits": int(supervisor.get_by_test_id(f"visits-done-{month}").inner_text()),
        "shpo": int(supervisor.get_by_test_id(f"shpo-{month}").inner_text()),
    }
    assert after == {key: value + 1 for key, value in before.items()}
    supervisor.get_by_test_id("rso-in-community").click()
    expect(supervisor.get_by_role("link", name=person.full_name)).to_be_visible()
    supervisor.screenshot(path="test-artifacts/protection-dashboard-list.png", full_page=True)

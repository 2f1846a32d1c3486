"""An IOM officer records a housing need on a member, refers them to a housing service and
sees the gap map change — in a real browser, at desktop and phone widths."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import PolicingArea
from cohorts.models import IomMembership
from partners import services
from partners.models import Need
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import OffenderFactory, UserFactory, force


def cell(page, figure: str):
    return page.locator(
        f'#gap-table tr[data-district="south"][data-need="accommodation"] td[data-figure="{figure}"]'
    )


@pytest.mark.django_db(transaction=True)
def test_an_iom_officer_records_a_housing_need_refers_and_sees_the_gap_map_change(page):
    officer = UserFactory(username="iom.e2e", roles=["iom_officer"], teams=["iom"])
    admin = UserFactory(username="admin.e2e", roles=["admin"])
    south = PolicingArea.objects.get(force__code="suffolk", code="south")
    person = OffenderFactory(first_name="Kerry", last_name="Brightwell", home_area=south)
    member = IomMembership.objects.create(
        force=person.force,
        offender=person,
        cohort="flexible",
        adopted_on=timezone.localdate() - dt.timedelta(days=30),
        reason="Prolific shoplifting",
        lead_officer=officer,
    )
    services.save_service(
        force=force("suffolk"),
        code="housing-ipswich",
        name="Supported housing (Ipswich)",
        provider="Orwell Housing",
        needs=[Need.objects.get(code="accommodation")],
        districts=[south],
        capacity=14,
        places_free=1,
        by=admin,
        at=timezone.now(),
    )
    sign_in(page, "iom.e2e", "correct-horse-battery")

    page.goto("/partners/gaps/")
    expect(cell(page, "people")).to_have_text("0")
    expect(cell(page, "places")).to_have_text("1")
    expect(cell(page, "waiting")).to_have_text("0")
    assert_accessible(page)

    page.goto(f"/cohorts/iom/members/{member.pk}/")
    page.get_by_role("link", name="Record a need").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a need")
    assert_accessible(page)
    page.get_by_label("Accommodation").check()
    page.get_by_label("IOM member").check()
    page.get_by_role("button", name="Record the need").click()
    expect(page.get_by_text("Need recorded: accommodation.")).to_be_visible()

    expect(page.get_by_role("heading", level=1)).to_have_text("Refer to a service")
    assert_accessible(page)
    page.get_by_label("Service", exact=True).select_option(label="Supported housing (Ipswich)")
    expect(page.get_by_label("Referred from")).to_have_value("iom")
    page.get_by_role("button", name="Refer").click()
    expect(page.get_by_text("Referred to Supported housing (Ipswich).")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Referral to Supported housing (Ipswich)"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Back to needs and pathways").click()
    expect(page.locator("#pathways")).to_contain_text("Supported housing (Ipswich)")
    expect(page.locator("#pathways")).to_contain_text("Awaiting a response")

    page.goto("/partners/gaps/")
    expect(cell(page, "people")).to_have_text("1")
    expect(cell(page, "waiting")).to_have_text("1")
    expect(page.locator('[data-grid="south"] [data-need="accommodation"]')).to_have_attribute(
        "data-status", "covered"
    )

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/partners/gaps/")
    expect(cell(page, "people")).to_have_text("1")
    assert_accessible(page)

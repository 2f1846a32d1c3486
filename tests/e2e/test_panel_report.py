"""An analyst opens the Accountability and Performance Panel report, writes a section's
narrative beside the live figures and issues the report for a meeting; the pages pass axe —
in a real browser."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from custody import services
from custody.models import CustodySuite
from custody.reference import load_custody_reference
from dashboards.models import IssuedReport
from dashboards.services import publish_report
from tests.e2e.conftest import assert_accessible, fill_date, sign_in
from tests.factories import OffenderFactory, UserFactory

H = dt.timedelta(hours=1)


@pytest.mark.django_db(transaction=True)
def test_an_analyst_writes_the_narrative_and_issues_the_report(page):
    load_custody_reference(django_apps)
    officer = UserFactory(rank="sergeant", roles=["custody_officer"])
    analyst = UserFactory(username="analyst.e2e", rank="staff", roles=["analyst"])
    supervisor = UserFactory(rank="inspector", roles=["supervisor"])
    now = timezone.now()
    services.book_in(
        offender=OffenderFactory(),
        suite=CustodySuite.objects.get(code="martlesham"),
        arrested_at=now - 3 * H,
        arrived_at=now - 2 * H,
        detention_authorised_at=now - 2 * H,
        offence="Burglary",
        indictable=True,
        by=officer,
    )
    month = f"{timezone.localdate():%Y-%m}"

    sign_in(page, "analyst.e2e", "correct-horse-battery")
    page.get_by_role("link", name="Dashboards", exact=True).click()
    page.get_by_role("link", name="Accountability and Performance Panel report").click()
    fill_date(page, "From month", month)
    fill_date(page, "To month", month)
    page.get_by_role("button", name="Show report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Accountability and Performance Panel report"
    )
    assert_accessible(page)

    custody = page.locator("#section-custody")
    detentions = custody.locator("tr").filter(has_text="Detentions").first
    expect(detentions.locator("td").first).to_have_text("1")  # an analyst: no link, no names
    expect(custody.get_by_role("img")).to_have_count(3)  # charts, each beside its table
    expect(page.locator("#section-domestic_abuse")).to_contain_text("The DAPU programme on")

    custody.get_by_label("Narrative").fill("One detention this month, at Martlesham.")
    custody.get_by_role("button", name="Save narrative").click()
    expect(page.get_by_text("Narrative saved.")).to_be_visible()
    expect(page.locator("#section-custody").get_by_label("Narrative")).to_have_value(
        "One detention this month, at Martlesham."
    )

    fill_date(page, "Date of the panel meeting", "2026-12-15")
    page.get_by_role("button", name="Issue report for").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Panel report for the meeting of 15 December 2026"
    )
    expect(page.locator("#section-custody")).to_contain_text(
        "One detention this month, at Martlesham."
    )
    expect(page.get_by_text(analyst.display_name).first).to_be_visible()
    assert_accessible(page)
    issued = IssuedReport.objects.get()
    assert issued.issued_by == analyst

    # Published: anyone may read it, small numbers suppressed, no links; it passes axe too.
    publish_report(report=issued, version=issued.version, by=supervisor, now=timezone.now())
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"/reports/panel/published/{issued.pk}/")
    custody = page.locator("#section-custody")
    detentions = custody.locator("tr").filter(has_text="Detentions").first
    expect(detentions.locator("td").first).to_have_text("fewer than 5")
    expect(custody.get_by_role("link")).to_have_count(0)
    assert_accessible(page)

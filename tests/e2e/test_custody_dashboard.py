"""A supervisor reads the custody dashboard, follows a figure to the records behind it,
and the pages pass axe — in a real browser."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from custody import services
from custody.models import CustodySuite
from custody.reference import load_custody_reference
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import OffenderFactory, UserFactory

H = dt.timedelta(hours=1)


@pytest.mark.django_db(transaction=True)
def test_a_supervisor_follows_a_golden_hour_figure_to_the_detention(page):
    load_custody_reference(django_apps)
    officer = UserFactory(rank="sergeant", roles=["custody_officer"], teams=["custody-martlesham"])
    UserFactory(username="supervisor.e2e", rank="inspector", roles=["supervisor"])
    suite = CustodySuite.objects.get(code="bury-st-edmunds")
    now = timezone.now()
    child = OffenderFactory(
        first_name="Mia",
        last_name="Kerr",
        date_of_birth=timezone.localdate() - dt.timedelta(days=16 * 365),
    )
    detention = services.book_in(
        offender=child,
        suite=suite,
        arrested_at=now - 5 * H,
        arrived_at=now - 4 * H,
        detention_authorised_at=now - 4 * H,
        offence="Theft",
        indictable=True,
        by=officer,
    )
    services.record_golden_hour_call(
        detention=detention, called_at=now - 2 * H, spoke_to="EDS", by=officer
    )
    services.book_in(
        offender=OffenderFactory(),
        suite=suite,
        arrested_at=now - 3 * H,
        arrived_at=now - 2 * H,
        detention_authorised_at=now - 2 * H,
        offence="Assault",
        indictable=True,
        by=officer,
    )

    sign_in(page, "supervisor.e2e", "correct-horse-battery")
    page.get_by_role("link", name="Custody", exact=True).click()
    page.get_by_role("link", name="Custody dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Custody dashboard")
    assert_accessible(page)

    late = page.locator(".govuk-summary-list__row").filter(has_text="Late (called after the hour)")
    expect(late.get_by_role("link")).to_have_text("1")
    children = page.locator(".govuk-summary-list__row").filter(has_text="Children detained").first
    expect(children.get_by_role("link")).to_have_text("1")
    expect(page.get_by_role("link", name="Download as CSV")).to_be_visible()

    late.get_by_role("link").click()
    expect(page.get_by_text("1 detention: ")).to_be_visible()
    expect(page.get_by_role("link", name="Mia Kerr")).to_be_visible()
    expect(page.get_by_text("Golden Hour late", exact=True)).to_be_visible()
    assert_accessible(page)

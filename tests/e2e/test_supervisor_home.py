"""A supervisor opens the supervisors' home, follows a count to the list behind it and sees
as many rows as the count said; the pages pass axe — in a real browser."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Team
from custody import services as custody_services
from custody.models import CustodySuite
from custody.reference import load_custody_reference
from deadlines import services as deadline_services
from deadlines.models import Kind
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import OffenderFactory, UserFactory

H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)


@pytest.mark.django_db(transaction=True)
def test_a_supervisor_follows_counts_to_lists_with_as_many_rows(page):
    load_custody_reference(django_apps)
    officer = UserFactory(rank="sergeant", roles=["custody_officer"], teams=["custody-martlesham"])
    UserFactory(
        username="supervisor.e2e", rank="inspector", roles=["supervisor"], teams=["iom", "dapu"]
    )
    now = timezone.now()
    suite = CustodySuite.objects.get(code="martlesham")
    for name in ("Ava Stone", "Leo Hart"):
        first, last = name.split()
        custody_services.book_in(
            offender=OffenderFactory(first_name=first, last_name=last),
            suite=suite,
            arrested_at=now - 3 * H,
            arrived_at=now - 2 * H,
            detention_authorised_at=now - 2 * H,
            offence="Theft",
            indictable=True,
            by=officer,
        )
    iom = Team.objects.get(code="iom", force__code="suffolk")
    ppu = Team.objects.get(code="ppu", force__code="suffolk")
    for i, team in enumerate((iom, iom, iom, ppu)):
        person = OffenderFactory(first_name="Member", last_name=f"Number{i}")
        deadline_services.open_deadline(
            kind=Kind.IOM_REVIEW,
            title="IOM review",
            force=person.force,
            offender=person,
            due_at=now - (i + 1) * D,
            owner_team=team,
            as_of=now - 30 * D,
        )

    sign_in(page, "supervisor.e2e", "correct-horse-battery")
    page.get_by_role("link", name="Supervisors' home").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs attention now")
    assert_accessible(page)

    # Your teams: the three reviews the IOM team owns; the whole force: all four.
    overdue = page.locator('a[data-figure="iom:iom-reviews-overdue"]')
    expect(overdue).to_have_attribute("data-count", "3")
    overdue.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("IOM reviews overdue")
    expect(page.locator('table[data-list="clocks"] tbody tr')).to_have_count(3)
    assert_accessible(page)

    page.get_by_role("link", name="Supervisors' home").first.click()
    page.get_by_role("link", name="Whole force").click()
    overdue = page.locator('a[data-figure="iom:iom-reviews-overdue"]')
    expect(overdue).to_have_attribute("data-count", "4")
    overdue.click()
    expect(page.locator('table[data-list="clocks"] tbody tr')).to_have_count(4)

    # An existing list: the people in custody at Martlesham, on the detentions list.
    page.goto("/dashboards/home/?scope=force")
    in_custody = page.locator('a[data-figure="custody:in-custody-martlesham"]')
    expect(in_custody).to_have_attribute("data-count", "2")
    in_custody.click()
    expect(page.get_by_role("link", name="Ava Stone")).to_be_visible()
    expect(page.get_by_role("link", name="Leo Hart")).to_be_visible()
    expect(page.locator("table tbody tr")).to_have_count(2)

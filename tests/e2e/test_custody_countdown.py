"""The detention page's clocks tick in the browser (issue 13 item 12), as the board's do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from custody.models import CustodySuite
from custody.reference import load_custody_reference
from tests.custody.conftest import book
from tests.e2e.conftest import sign_in
from tests.factories import OffenderFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_the_detention_pages_review_countdown_ticks_without_a_reload(page):
    load_custody_reference(django_apps)
    sergeant = UserFactory(
        username="custody.tick",
        rank="sergeant",
        roles=["custody_officer"],
        teams=["custody-martlesham"],
    )
    now = timezone.now()
    detention = book(
        OffenderFactory(first_name="Dean", last_name="Harker"),
        CustodySuite.objects.get(code="martlesham"),
        sergeant,
        arrived_at=now - dt.timedelta(minutes=10),
        cell_number=3,
    )
    page.clock.install()
    sign_in(page, "custody.tick", "correct-horse-battery")
    page.goto(f"/custody/detentions/{detention.pk}/")
    review = page.locator(".desist-countdown").nth(1)  # detention limit, then next review
    first = review.inner_text()
    assert first.startswith("in ")
    page.clock.run_for("16:00")  # the script rewrites every 15 s
    expect(review).not_to_have_text(first)
    later = review.inner_text()
    assert later.startswith("in ") and later != first

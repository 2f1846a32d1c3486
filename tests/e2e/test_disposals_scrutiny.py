"""A scrutiny-panel member draws the anonymised sample and records a finding, in a real browser."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from disposals import rules, services
from disposals.models import ScrutinyReview
from disposals.reference import load_reference
from tests.disposals.conftest import district, release_all
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import OffenderFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_a_panel_member_reviews_an_anonymised_case(page):
    load_reference(django_apps)
    officer = UserFactory(roles=["offender_diversion"], teams=["offender-diversion"])
    UserFactory(username="panel.e2e", rank="staff", roles=["scrutiny_panel"])
    person = OffenderFactory(first_name="Ottoline", last_name="Gravesend")
    today = timezone.localdate()
    disposal = services.decide(
        today=today,
        offender=person,
        disposal_type="community_resolution",
        decided_on=today - dt.timedelta(days=10),
        offence="Gravesend damaged a fence",
        offence_date=today - dt.timedelta(days=12),
        offence_category="either_way",
        district=district("south"),
        admitted=True,
        consented=True,
        dpp_consent=None,
        conditions=[rules.Condition(kind="reparative", description="Repair the fence")],
        victim_views_sought=True,
        victim_views="Wants the fence repaired",
        by=officer,
    )
    release_all()  # the Offender Diversion Team prepares and releases it (issue 12 item 5)

    sign_in(page, "panel.e2e", "correct-horse-battery")
    page.get_by_role("link", name="Scrutiny panel").click()
    page.get_by_role("heading", level=1, name="Scrutiny panel").wait_for()
    assert page.get_by_role("link", name="Disposals", exact=True).count() == 0
    case = page.locator(f"#case-{disposal.pk}")
    assert "[redacted] damaged a fence" in case.inner_text()
    assert "Gravesend" not in page.content() and "Ottoline" not in page.content()
    assert_accessible(page)

    case.get_by_label("Appropriate with learning").check()
    case.get_by_label("Learning", exact=True).fill(
        "Record how the victim's views shaped the reparation."
    )
    case.get_by_role("button", name=f"Record the finding for case {disposal.pk}").click()
    page.get_by_text(f"Finding recorded for case {disposal.pk}.").wait_for()
    assert ScrutinyReview.objects.get().finding == "appropriate_with_learning"
    assert page.locator(f"#case-{disposal.pk}").get_by_text("Reviewed", exact=True).count() == 1

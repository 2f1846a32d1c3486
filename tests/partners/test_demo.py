"""The demo partner schemes (DOMAIN.md §14), needs and referrals: shape and idempotence."""

from __future__ import annotations

import pytest

from accounts.demo import load_demo_users
from accounts.models import PolicingArea
from deadlines.models import Kind
from partners import demo
from partners.models import Referral, Service
from tests.factories import OffenderFactory, force

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_named_schemes_and_referrals_once():
    load_demo_users()
    south = PolicingArea.objects.get(force__code="suffolk", code="south")
    for _ in range(12):
        OffenderFactory(home_area=south)
    first = demo.load_demo_partners(scale=0.1)
    codes = set(Service.objects.filter(force=force("suffolk")).values_list("code", flat=True))
    for scheme in (
        "wonder",
        "community-chaplaincy",
        "gateway-to-employment",
        "rescue-rehab",
        "turning-point",
        "dwp-iom",
        "housing-ipswich",
        "red-snapper",
        "rj-hub",
    ):
        assert scheme in codes
    assert Service.objects.get(code="community-chaplaincy").volunteers == 19
    from accounts.models import User

    assert User.objects.get(username="admin").teams.filter(code="partnerships").exists()
    assert Referral.objects.exists()
    wonder = Service.objects.get(force=force("suffolk"), code="wonder")
    assert wonder.gender == "female"
    from deadlines.models import Deadline

    assert Deadline.objects.filter(kind=Kind.SERVICE_FUNDING_END, object_id=wonder.pk).exists()
    counts = (Service.objects.count(), Referral.objects.count())
    assert demo.load_demo_partners(scale=0.1) == first
    assert (Service.objects.count(), Referral.objects.count()) == counts

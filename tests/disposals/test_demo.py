"""The demo year of disposals: believable, and loading it twice changes nothing."""

from __future__ import annotations

import pytest

from accounts.demo import load_demo_users
from disposals.demo import load_demo_disposals
from disposals.models import Breach, Disposal, PanelRelease, Referral
from offenders.demo import load_demo_people


@pytest.mark.django_db
def test_the_demo_year_has_disposals_referrals_completions_and_breaches_in_both_forces():
    load_demo_users()
    load_demo_people()
    load_demo_disposals()
    counts = (Disposal.objects.count(), Referral.objects.count(), Breach.objects.count())

    assert counts[0] > 250
    assert set(Disposal.objects.values_list("force__code", flat=True)) == {"norfolk", "suffolk"}
    assert Disposal.objects.values("district").distinct().count() == 10
    assert Disposal.objects.filter(status="completed").count() > 100
    assert Breach.objects.count() > 10
    assert Referral.objects.values("intervention").distinct().count() > 8
    # The panel's default sample is prepared, all but one case per force (issue 12 item 5).
    assert PanelRelease.objects.count() == 18

    load_demo_disposals()
    assert (Disposal.objects.count(), Referral.objects.count(), Breach.objects.count()) == counts

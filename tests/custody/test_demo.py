"""The custody demo: a month across the six suites, people in custody now, children and
s.136 cases; loaded once (running it again changes nothing)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.demo import load_demo_users
from accounts.models import Team
from custody.demo import load_demo_custody
from custody.models import Detention, GoldenHourCall, S136Detention
from deadlines.models import Deadline
from tests.factories import OffenderFactory, force


@pytest.mark.django_db
def test_the_demo_is_a_believable_month_and_loads_once(suites):
    load_demo_users()
    today = timezone.localdate()
    for code in ("suffolk", "norfolk"):
        for number in range(70):
            years = 15 if number % 7 == 0 else 20 + number % 40
            OffenderFactory(
                force=force(code), date_of_birth=today - dt.timedelta(days=years * 365 + 40)
            )

    load_demo_custody(days=8)
    counts = (Detention.objects.count(), S136Detention.objects.count(), Deadline.objects.count())
    assert (
        load_demo_custody(days=8)
        and (Detention.objects.count(), S136Detention.objects.count(), Deadline.objects.count())
        == counts
    )

    assert set(Detention.objects.values_list("suite__code", flat=True)) == {s.code for s in suites}
    assert Detention.objects.in_custody().count() >= 6
    assert Detention.objects.children().count() >= 5
    assert GoldenHourCall.objects.filter(late=False).exists()
    assert GoldenHourCall.objects.filter(late=True).exists()
    assert S136Detention.objects.exists()
    now = timezone.now()
    assert Detention.objects.filter(arrived_at__lt=now - dt.timedelta(days=6)).exists()
    assert not Detention.objects.filter(arrived_at__gt=now).exists()
    teams = Team.objects.filter(members__username="custody.sergeant").values_list("code", flat=True)
    assert "custody-martlesham" in set(teams)

"""The demo wanted loader: a monthly list in every district, and loading twice changes nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.demo import load_demo_users
from accounts.models import PolicingArea
from tests.factories import OffenderFactory, force
from wanted import demo, selectors
from wanted.models import OutstandingSuspect, VoluntaryAttendance, WantedCirculation, Warrant

pytestmark = pytest.mark.django_db


def test_every_district_gets_a_monthly_list_and_loading_twice_changes_nothing():
    load_demo_users()
    for _ in range(60):
        OffenderFactory()
    for _ in range(60):
        OffenderFactory(force=force("norfolk"))
    demo.load_demo_wanted(scale=0.3)
    counts = (
        WantedCirculation.objects.count(),
        OutstandingSuspect.objects.count(),
        Warrant.objects.count(),
        VoluntaryAttendance.objects.count(),
    )
    assert all(counts)
    today = timezone.localdate()
    for district in PolicingArea.objects.filter(force__code="suffolk"):
        result = selectors.monthly_list(
            circulations=WantedCirculation.objects.all(),
            suspects=OutstandingSuspect.objects.all(),
            warrants=Warrant.objects.all(),
            district=district,
            month=today,
            today=today,
        )
        assert result.open_rows or result.ended_rows, district
    assert demo.load_demo_wanted(scale=0.3).startswith("0 new")
    assert (
        WantedCirculation.objects.count(),
        OutstandingSuspect.objects.count(),
        Warrant.objects.count(),
        VoluntaryAttendance.objects.count(),
    ) == counts

"""The demo IOM loader: the cohort's shape, computed figures, and idempotence."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.demo import load_demo_users
from audit.models import AccessEvent
from cohorts import demo
from cohorts.models import IomMembership
from offenders.models import Gender, Offence
from tests.factories import OffenderFactory


@pytest.fixture
def small_cohort(monkeypatch, db):
    monkeypatch.setattr(demo, "CURRENT", {"fixed": 3, "flexible": 5, "free": 2})
    monkeypatch.setattr(demo, "ADOPTED_SINCE_APRIL", 2)
    monkeypatch.setattr(demo, "REMOVED_SINCE_APRIL", 2)
    monkeypatch.setattr(demo, "REMOVED_EARLIER", 1)
    monkeypatch.setattr(demo, "IN_PRISON", 4)
    monkeypatch.setattr(demo, "MOVES", 1)
    load_demo_users()
    for i in range(16):
        OffenderFactory(gender=Gender.FEMALE if i % 4 == 0 else Gender.MALE)


def test_the_demo_cohort_has_the_planned_shape_and_loading_twice_changes_nothing(small_cohort):
    first = demo.load_demo_iom()
    assert first.startswith(
        "IOM 10 on the scheme (fixed 3, flexible 5, free 2), 6 managed in the community"
    )
    assert IomMembership.objects.filter(removed_on__isnull=False).count() == 3
    assert all(
        m.offender.gender == Gender.FEMALE for m in IomMembership.objects.filter(cohort="free")
    )
    assert Offence.objects.filter(committed_on__gt=timezone.localdate()).count() == 0
    counts = (IomMembership.objects.count(), Offence.objects.count(), AccessEvent.objects.count())
    assert demo.load_demo_iom() == first
    assert (
        IomMembership.objects.count(),
        Offence.objects.count(),
        AccessEvent.objects.count(),
    ) == counts


def test_the_demo_loads_what_it_can_when_there_are_few_people(small_cohort, monkeypatch):
    monkeypatch.setattr(demo, "CURRENT", {"fixed": 10, "flexible": 10, "free": 5})
    demo.load_demo_iom()
    assert IomMembership.objects.count() == 16  # everyone the force has, no more

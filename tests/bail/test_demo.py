"""The bail demo: a believable mix across both forces, and idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.demo import load_demo_users
from bail.demo import CASES_PER_FORCE, load_demo_bail
from bail.models import BailCase, BailExtension, LapseAssessment
from deadlines.models import Deadline
from tests.factories import OffenderFactory, force

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_kind_of_case_in_both_forces_and_loads_once():
    load_demo_users()
    for code, count in CASES_PER_FORCE.items():
        OffenderFactory.create_batch(count * 3, force=force(code))

    load_demo_bail()
    today = timezone.localdate()
    cases = BailCase.objects.all()
    assert cases.count() == sum(CASES_PER_FORCE.values())
    for code in CASES_PER_FORCE:
        in_force = cases.filter(force__code=code)
        assert in_force.ending_between(today, today + dt.timedelta(days=14)).exists()
        assert in_force.lapsed(today).exists()
        assert in_force.on_rui().exists()
        assert in_force.filter(status="ended").exists()
    assert BailExtension.objects.exists()
    assert LapseAssessment.objects.filter(decision="continue_rui").exists()
    assert LapseAssessment.objects.filter(decision="close").exists()
    assert Deadline.objects.filter(kind="bail_period_end", status="open").exists()

    before = (BailCase.objects.count(), Deadline.objects.count(), BailExtension.objects.count())
    load_demo_bail()
    assert (
        BailCase.objects.count(),
        Deadline.objects.count(),
        BailExtension.objects.count(),
    ) == before

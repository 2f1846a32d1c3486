"""Disposal personas and a helper that decides a disposal through the service."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from accounts.models import PolicingArea
from core.calendar import LONDON
from disposals import rules, services
from disposals.models import Disposal, Intervention
from disposals.panel import redacted_texts
from tests.factories import OffenderFactory, UserFactory, force

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def fixed_today():
    """Pages and services refuse future dates against the London date: pin the clock at
    noon on TODAY for repeatable tests (services are also given ``today=TODAY``)."""
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(12), tzinfo=LONDON), tick=True):
        yield TODAY


@pytest.fixture
def diversion_officer(db):
    return UserFactory(
        username="diversion.owen",
        rank="staff",
        roles=["offender_diversion"],
        teams=["offender-diversion"],
    )


@pytest.fixture
def scrutiny_member(db):
    return UserFactory(username="scrutiny.margaret", rank="staff", roles=["scrutiny_panel"])


def district(code: str = "south", force_code: str = "suffolk") -> PolicingArea:
    return PolicingArea.objects.get(force=force(force_code), code=code)


def course(code: str = "shoplifting-awareness") -> Intervention:
    return Intervention.objects.get(code=code)


def make_disposal(
    *,
    by,
    offender=None,
    disposal_type="community_resolution",
    decided_on=dt.date(2026, 2, 1),
    conditions=None,
    district_code="south",
    interventions=(),
    **overrides,
):
    offender = offender or OffenderFactory()
    arguments = {
        "offender": offender,
        "disposal_type": disposal_type,
        "decided_on": decided_on,
        "offence": "Theft from a shop (£45 of groceries)",
        "offence_date": decided_on - dt.timedelta(days=3),
        "offence_category": "summary",
        "district": district(district_code, offender.force.code),
        "admitted": True,
        "consented": True,
        "dpp_consent": None,
        "conditions": conditions
        if conditions is not None
        else [
            rules.Condition(
                kind="rehabilitative",
                description="Attend a shoplifting awareness course",
                due_by=decided_on + dt.timedelta(days=30),
            ),
        ],
        "victim_views_sought": True,
        "victim_views": "The shop manager wants the person to attend a course.",
        "by": by,
        "interventions": interventions,
    }
    arguments.update(overrides)
    return services.decide(today=TODAY, **arguments)


def now():
    return timezone.now()


def release_all():
    """Prepare and release every disposal to the scrutiny panel with its automatic redaction,
    as an Offender Diversion Team member does on /disposals/panel/ (the panel sees only
    released cases)."""
    unreleased = (
        Disposal.objects.filter(panel_release__isnull=True)
        .select_related("offender", "decided_by")
        .prefetch_related("conditions", "offender__aliases", "offender__addresses")
    )
    for disposal in unreleased:
        texts = redacted_texts(disposal)
        services.release_to_panel(
            disposal=disposal, **texts, by=disposal.decided_by, now=timezone.now()
        )

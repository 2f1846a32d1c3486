"""IOM test data. Offence types are made here until the catalogue migration lands."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from cohorts.models import IomMembership
from offenders.choices import OffenceCategory
from offenders.models import Offence, OffenceType, OutcomeCode
from tests.factories import OffenderFactory


class OffenceTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OffenceType
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-offence-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").capitalize())
    category = OffenceCategory.EITHER_WAY
    harm_days = Decimal("10")
    neighbourhood_crime = False


def burglary() -> OffenceType:
    return OffenceTypeFactory(
        code="test-burglary",
        name="Test burglary",
        harm_days=Decimal("365"),
        neighbourhood_crime=True,
    )


def shoplifting() -> OffenceType:
    return OffenceTypeFactory(
        code="test-shoplifting", name="Test shoplifting", harm_days=Decimal("2")
    )


def offence(offender, committed_on: dt.date, offence_type=None, charged: bool = True) -> Offence:
    return Offence.objects.create(
        offender=offender,
        offence_type=offence_type or shoplifting(),
        committed_on=committed_on,
        outcome=OutcomeCode.CHARGED if charged else OutcomeCode.NO_SUSPECT,
    )


class MembershipFactory(factory.django.DjangoModelFactory):
    """A membership row written directly (tests of reads); writes go through services."""

    class Meta:
        model = IomMembership

    offender = factory.SubFactory(OffenderFactory)
    force = factory.LazyAttribute(lambda m: m.offender.force)
    cohort = "flexible"
    adopted_on = dt.date(2026, 1, 5)
    reason = "Prolific acquisitive offending"
    lead_officer = None

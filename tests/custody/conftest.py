"""Custody fixtures: the suites (reference data), officers in a suite's custody team, and
a helper that books a person in through the service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from custody import services
from custody.models import Cell, CustodySuite
from custody.reference import load_custody_reference
from tests.factories import OffenderFactory, UserFactory


@pytest.fixture
def suites(db):
    """The six PICs. Idempotent: transactional tests elsewhere may have flushed them."""
    load_custody_reference(django_apps)
    return CustodySuite.objects.all()


@pytest.fixture
def martlesham(suites):
    return CustodySuite.objects.get(code="martlesham")


@pytest.fixture
def officer(martlesham):
    """A custody sergeant in Martlesham's custody team: hears its warnings."""
    return UserFactory(
        username="sergeant.martlesham",
        rank="sergeant",
        roles=["custody_officer"],
        teams=["custody-martlesham"],
    )


@pytest.fixture
def inspector(martlesham):
    return UserFactory(
        username="inspector.martlesham",
        rank="inspector",
        roles=["custody_inspector"],
        teams=["custody-martlesham"],
    )


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def child(db, now):
    """Fifteen today."""
    born = timezone.localdate() - dt.timedelta(days=15 * 365 + 30)
    return OffenderFactory(first_name="Kai", last_name="Turner", date_of_birth=born)


def cell(suite, number):
    return Cell.objects.get(suite=suite, number=number)


def book(offender, suite, by, *, arrived_at, cell_number=None, indictable=True, **kwargs):
    return services.book_in(
        offender=offender,
        suite=suite,
        cell=cell(suite, cell_number) if cell_number else None,
        arrested_at=kwargs.pop("arrested_at", arrived_at - dt.timedelta(minutes=30)),
        arrived_at=arrived_at,
        detention_authorised_at=kwargs.pop(
            "detention_authorised_at", arrived_at + dt.timedelta(minutes=10)
        ),
        offence=kwargs.pop("offence", "Burglary dwelling"),
        indictable=indictable,
        by=by,
        **kwargs,
    )

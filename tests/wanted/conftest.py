"""Wanted fixtures: a pinned clock, a district, and helpers that open each kind of case
through its service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps as django_apps

from accounts.models import PolicingArea
from core.calendar import london_datetime
from custody.models import CustodySuite
from custody.reference import load_custody_reference
from wanted import services

TODAY = dt.date(2026, 11, 20)
NOW = london_datetime(TODAY, dt.time(10, 0))
NECESSITY = "He has moved address twice and will not attend voluntarily; arrest is needed."


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def south(db):
    return PolicingArea.objects.get(force__code="suffolk", code="south")


@pytest.fixture
def east(db):
    return PolicingArea.objects.get(force__code="suffolk", code="east")


@pytest.fixture
def martlesham(db):
    load_custody_reference(django_apps)
    return CustodySuite.objects.get(code="martlesham")


def circulate(offender, by, **kwargs):
    values = {
        "offender": offender,
        "reason": "arrest_necessary",
        "offence": "Burglary dwelling",
        "circulated_on": TODAY - dt.timedelta(days=10),
        "necessity": NECESSITY,
        "officer_in_case": by,
        "by": by,
        "now": NOW,
    }
    values.update(kwargs)
    return services.circulate(**values)


def suspect(offender, by, **kwargs):
    values = {
        "offender": offender,
        "crime_reference": "37/12345/26",
        "offence": "Theft from a shop",
        "identified_on": TODAY - dt.timedelta(days=40),
        "officer_in_case": by,
        "by": by,
        "now": NOW,
    }
    values.update(kwargs)
    return services.record_suspect(**values)


def warrant(offender, by, **kwargs):
    values = {
        "offender": offender,
        "kind": "failure_to_appear",
        "court": "Ipswich Magistrates' Court",
        "issued_on": TODAY - dt.timedelta(days=5),
        "backed_for_bail": False,
        "by": by,
        "now": NOW,
    }
    values.update(kwargs)
    return services.record_warrant(**values)

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import PolicingArea
from partners import services
from partners.models import Need
from tests.factories import UserFactory, force

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def today():
    return TODAY


def need(code: str) -> Need:
    return Need.objects.get(code=code)


def area(code: str) -> PolicingArea:
    return PolicingArea.objects.get(force__code="suffolk", code=code)


def make_service(code="housing-south", needs=("accommodation",), districts=("south",), **extra):
    admin = UserFactory(roles=["admin"])
    data = {"name": code.replace("-", " ").title(), "provider": "Orwell Housing", **extra}
    return services.save_service(
        force=force("suffolk"),
        code=code,
        needs=[need(n) for n in needs],
        districts=[area(d) for d in districts],
        by=admin,
        at=timezone.now(),
        **data,
    )

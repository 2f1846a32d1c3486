"""Bail test helpers: a fixed clock and a case-opening shortcut."""

from __future__ import annotations

import datetime as dt

import pytest

from bail import services
from core.calendar import london_datetime

# Noon in London on Sunday 22 Nov 2026: every test runs "now".
TODAY = dt.date(2026, 11, 22)
NOW = london_datetime(TODAY, dt.time(12, 0))


def open_bail(offender, by, *, arrested_on=None, now=NOW, **kwargs):
    """A police bail case (2022 rules) opened with the fixed clock."""
    kwargs.setdefault("status", "bail")
    return services.open_case(
        offender=offender,
        arrested_on=arrested_on or TODAY - dt.timedelta(days=10),
        by=by,
        now=now,
        **kwargs,
    )


def arrested_for_end(period_ends: dt.date) -> dt.date:
    """The arrest date whose initial 3-month bail period ends on ``period_ends``.

    Searches the 100 days before; enough for the test dates used here.
    """
    from bail import rules

    day = period_ends - dt.timedelta(days=100)
    while day < period_ends:
        if rules.initial_bail(arrested_on=day).bail_period_ends == period_ends:
            return day
        day += dt.timedelta(days=1)
    raise AssertionError(f"no arrest date gives a period ending {period_ends}")


@pytest.fixture
def inspector(db):
    from tests.factories import UserFactory

    return UserFactory(
        username="inspector.ian",
        first_name="Ian",
        last_name="Moss",
        rank="inspector",
        roles=["investigator"],
        teams=["investigation"],
    )

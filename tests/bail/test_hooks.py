"""Bail in the person's summary and timeline (offenders' registries)."""

from __future__ import annotations

import datetime as dt

import pytest

from offenders.summary import summary_for
from offenders.timeline import timeline_for
from tests.bail.conftest import NOW, TODAY, arrested_for_end, open_bail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_the_summary_says_bail_rui_or_nothing(offender, bail_officer):
    assert summary_for(offender)["bail_status"] is None
    rui = open_bail(offender, bail_officer, status="rui")
    assert summary_for(offender)["bail_status"] == "rui"
    open_bail(offender, bail_officer, arrested_on=TODAY - dt.timedelta(days=3))
    assert summary_for(offender)["bail_status"] == "bail"
    assert rui.pk


def test_lapsed_bail_is_not_bail_in_the_summary(offender, bail_officer):
    open_bail(offender, bail_officer, arrested_on=arrested_for_end(TODAY - dt.timedelta(days=1)))
    assert summary_for(offender)["bail_status"] is None


def test_the_timeline_shows_the_case_with_its_charging_file_status(
    offender, bail_officer, iom_officer
):
    case = open_bail(offender, bail_officer, arrested_on=dt.date(2026, 11, 12))
    entries = [e for e in timeline_for(offender, bail_officer) if e.kind == "bail"]
    assert entries[0].title == f"Released on pre-charge bail ({case.reference})"
    assert "Charging file: On bail until 12 Feb 2027" in entries[0].description
    assert entries[0].url.endswith(f"/bail/cases/{case.pk}/")
    assert [e.url for e in timeline_for(offender, iom_officer) if e.kind == "bail"] == [""]

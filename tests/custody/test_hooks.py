"""Custody in the person's summary (in_custody) and timeline (offenders registries)."""

from __future__ import annotations

import datetime as dt

import pytest

from custody import services
from offenders import extensions
from offenders.summary import summary_for
from tests.custody.conftest import book

H = dt.timedelta(hours=1)


@pytest.mark.django_db
def test_the_summary_says_in_custody_until_release(offender, martlesham, officer, now):
    assert summary_for(offender)["in_custody"] is False
    detention = book(offender, martlesham, officer, arrived_at=now - 2 * H)
    assert summary_for(offender)["in_custody"] is True
    services.release(detention=detention, released_at=now, outcome="nfa", by=officer)
    assert summary_for(offender)["in_custody"] is False


@pytest.mark.django_db
def test_the_timeline_shows_detentions_with_links_for_custody_staff(
    offender, martlesham, officer, now
):
    from custody.hooks import custody_timeline
    from tests.factories import UserFactory

    assert extensions.timeline["custody"] is custody_timeline
    detention = book(offender, martlesham, officer, arrived_at=now - 2 * H)
    services.release(detention=detention, released_at=now, outcome="charged", by=officer)
    entries = custody_timeline(offender, officer)
    assert [e.title for e in entries] == [
        "Booked into custody at Martlesham PIC",
        "Released from custody: Charged",
    ]
    assert entries[0].url == f"/custody/detentions/{detention.pk}/"
    assert custody_timeline(offender, UserFactory(roles=["iom_officer"]))[0].url == ""

"""Custody services against the reference data: Golden Hour routing by each local
authority's hours, clock changes, and the records they leave."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core.calendar import LONDON
from custody import services
from custody.models import CustodySuite, ServiceWindow
from tests.custody.conftest import book
from tests.factories import OffenderFactory, UserFactory, force

H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)


def london(*args):
    return dt.datetime(*args, tzinfo=LONDON)


def child_in(force_code="suffolk"):
    return OffenderFactory(force=force(force_code), date_of_birth=dt.date(2011, 3, 1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("suite_code", "arrived", "destination", "closes_before_due"),
    [
        ("martlesham", london(2026, 11, 13, 15, 0), "customer_first", False),  # Friday
        ("martlesham", london(2026, 11, 13, 15, 40), "customer_first", True),  # closes 16:20
        ("martlesham", london(2026, 11, 13, 16, 25), "eds", False),
        (
            "martlesham",
            london(2026, 11, 12, 17, 0),
            "customer_first",
            True,
        ),  # Thursday, closes 17:20
        ("martlesham", london(2026, 11, 14, 10, 0), "eds", False),  # Saturday
        ("martlesham", london(2026, 8, 31, 10, 0), "eds", False),  # August bank holiday
        (
            "great-yarmouth",
            london(2026, 11, 13, 16, 40),
            "eds",
            False,
        ),  # Norfolk: EDT from 16:35 Fri
        ("great-yarmouth", london(2026, 11, 13, 8, 30), "eds", False),  # Norfolk opens at 09:00
        ("great-yarmouth", london(2026, 11, 12, 16, 30), "customer_first", True),  # closes 17:00
    ],
)
def test_the_golden_hour_goes_to_the_local_authoritys_service_by_its_hours(
    suites, suite_code, arrived, destination, closes_before_due
):
    suite = CustodySuite.objects.get(code=suite_code)
    officer = UserFactory(force=suite.force, roles=["custody_officer"])
    detention = book(child_in(suite.force.code), suite, officer, arrived_at=arrived)
    assert detention.golden_hour_destination == destination
    assert detention.golden_hour_closes_before_due is closes_before_due
    assert detention.golden_hour_due_at == arrived.astimezone(dt.UTC) + H


@pytest.mark.django_db
def test_service_hours_are_data(martlesham, officer):
    ServiceWindow.objects.filter(local_authority=martlesham.local_authority, weekday=5).delete()
    ServiceWindow.objects.create(
        local_authority=martlesham.local_authority, weekday=5, opens=dt.time(9), closes=dt.time(12)
    )
    detention = book(child_in(), martlesham, officer, arrived_at=london(2026, 11, 14, 10, 0))
    assert detention.golden_hour_destination == "customer_first"


@pytest.mark.django_db
def test_the_24_hours_are_elapsed_time_across_the_autumn_clock_change(
    martlesham, officer, offender
):
    arrived = london(2026, 10, 24, 22, 0)  # BST; clocks go back at 02:00 on 25 October
    detention = book(offender, martlesham, officer, arrived_at=arrived)
    # Adding to a London datetime would be wall-clock arithmetic (22:00 again): elapsed
    # time is computed in UTC, so the limit shows an hour earlier on the wall clock.
    assert detention.detention_limit_at == arrived.astimezone(dt.UTC) + 24 * H
    assert detention.detention_limit_at.astimezone(LONDON).hour == 21


@pytest.mark.django_db
def test_a_child_is_under_18_on_the_london_date_of_arrival(martlesham, officer):
    person = OffenderFactory(date_of_birth=dt.date(2008, 11, 10))
    eve = book(person, martlesham, officer, arrived_at=london(2026, 11, 9, 23, 30))
    assert eve.is_child
    services.release(
        detention=eve, released_at=london(2026, 11, 10, 1, 0), outcome="nfa", by=officer
    )
    birthday = book(person, martlesham, officer, arrived_at=london(2026, 11, 10, 9, 0))
    assert not birthday.is_child and birthday.golden_hour_due_at is None


@pytest.mark.django_db
def test_a_norfolk_suite_cannot_take_a_suffolk_person(suites, officer, offender, now):
    with pytest.raises(ValidationError) as refused:
        book(offender, CustodySuite.objects.get(code="aylsham"), officer, arrived_at=now - H)
    assert "another force" in refused.value.message_dict["suite"][0]


@pytest.mark.django_db
def test_a_postponed_review_does_not_push_the_next_one_back(
    martlesham, officer, inspector, offender, now
):
    authorised = now - 20 * H
    detention = book(
        offender,
        martlesham,
        officer,
        arrived_at=authorised - 10 * M,
        detention_authorised_at=authorised,
    )
    services.record_review(
        detention=detention,
        held_at=authorised + 7 * H,
        reviewer_name="Insp Lowe",
        reviewer_rank="inspector",
        postponement_reason="Inspector dealing with a death in custody elsewhere",
        by=inspector,
    )
    detention.refresh_from_db()
    assert detention.next_review_due_at == authorised + 6 * H + 9 * H


@pytest.mark.django_db
def test_each_change_to_a_detention_bumps_its_version(
    martlesham, officer, inspector, offender, now
):
    detention = book(offender, martlesham, officer, arrived_at=now - 8 * H)
    assert detention.version == 1
    services.record_review(
        detention=detention,
        held_at=now - H,
        reviewer_name="Insp Lowe",
        reviewer_rank="inspector",
        by=inspector,
    )
    released = services.release(detention=detention, released_at=now, outcome="nfa", by=officer)
    assert released.version == 3
    assert detention.history.count() >= 3

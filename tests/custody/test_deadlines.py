"""Custody clocks through the deadline engine's beat task (deadlines.services.send_due_alerts):
the suite's custody officers are warned, the custody inspector hears of a miss."""

from __future__ import annotations

import datetime as dt

import pytest

from custody import services
from deadlines.models import Deadline, Kind, Notification, Status
from deadlines.services import send_due_alerts
from tests.custody.conftest import book
from tests.factories import UserFactory

M = dt.timedelta(minutes=1)
H = dt.timedelta(hours=1)


def stages(user, kind):
    return list(
        Notification.objects.filter(user=user, deadline__kind=kind)
        .order_by("created_at", "pk")
        .values_list("stage", flat=True)
    )


@pytest.mark.django_db
def test_the_golden_hour_warns_at_45_minutes_and_escalates_to_the_inspector_when_missed(
    child, martlesham, officer, inspector, now
):
    arrived = now - 2 * H
    book(child, martlesham, officer, arrived_at=arrived)
    send_due_alerts(now=arrived + 44 * M)
    assert stages(officer, Kind.GOLDEN_HOUR_CALL) == []
    send_due_alerts(now=arrived + 45 * M)
    assert stages(officer, Kind.GOLDEN_HOUR_CALL) == ["warning"]
    send_due_alerts(now=arrived + 60 * M)
    assert stages(officer, Kind.GOLDEN_HOUR_CALL) == ["warning", "overdue"]
    assert stages(inspector, Kind.GOLDEN_HOUR_CALL) == ["warning", "overdue", "escalation"]
    message = Notification.objects.filter(stage="escalation").get().message
    assert "Golden Hour" in message and child.last_name not in message


@pytest.mark.django_db
def test_a_golden_hour_call_in_time_stops_the_alerts(child, martlesham, officer, inspector, now):
    arrived = now - 2 * H
    detention = book(child, martlesham, officer, arrived_at=arrived)
    services.record_golden_hour_call(
        detention=detention, called_at=arrived + 20 * M, spoke_to="Customer First", by=officer
    )
    send_due_alerts(now=arrived + 2 * H)
    assert stages(officer, Kind.GOLDEN_HOUR_CALL) == []
    assert Deadline.objects.get(kind=Kind.GOLDEN_HOUR_CALL).status == Status.MET


@pytest.mark.django_db
def test_a_review_held_moves_the_review_warning(offender, martlesham, officer, inspector, now):
    authorised = now - 20 * H
    detention = book(
        offender,
        martlesham,
        officer,
        arrived_at=authorised - 10 * M,
        detention_authorised_at=authorised,
    )
    first_due = authorised + 6 * H
    send_due_alerts(now=first_due - 30 * M)
    assert stages(officer, Kind.PACE_REVIEW) == ["warning"]
    services.record_review(
        detention=detention,
        held_at=first_due - 20 * M,
        reviewer_name="Insp Lowe",
        reviewer_rank="inspector",
        by=inspector,
    )
    next_due = first_due - 20 * M + 9 * H
    send_due_alerts(now=first_due + H)  # the old due time passes: nothing more for it
    assert stages(officer, Kind.PACE_REVIEW) == ["warning"]
    send_due_alerts(now=next_due - 30 * M)
    assert stages(officer, Kind.PACE_REVIEW) == ["warning", "warning"]
    assert Deadline.objects.get(kind=Kind.PACE_REVIEW).due_at == next_due


@pytest.mark.django_db
def test_the_detention_limit_warns_twice_and_escalates_to_the_inspector(
    offender, martlesham, officer, inspector, now
):
    arrived = now - 20 * H
    book(offender, martlesham, officer, arrived_at=arrived)
    limit = arrived + 24 * H
    for at in (limit - 2 * H, limit - 30 * M, limit):
        send_due_alerts(now=at)
    assert stages(officer, Kind.DETENTION_LIMIT) == ["warning", "warning", "overdue"]
    assert stages(inspector, Kind.DETENTION_LIMIT)[-1] == "escalation"


@pytest.mark.django_db
def test_release_silences_every_clock(child, martlesham, officer, now):
    arrived = now - 30 * M
    detention = book(child, martlesham, officer, arrived_at=arrived)
    services.release(detention=detention, released_at=now, outcome="nfa", by=officer)
    send_due_alerts(now=arrived + 30 * H)
    assert Notification.objects.count() == 0
    # Released before the Golden Hour call was made: that call is missed, not cancelled.
    assert dict(Deadline.objects.values_list("kind", "status")) == {
        "pace_review": Status.CANCELLED,
        "detention_limit": Status.CANCELLED,
        "golden_hour_call": Status.MISSED,
    }


@pytest.mark.django_db
def test_another_suites_officers_hear_nothing(child, martlesham, officer, now):
    elsewhere = UserFactory(roles=["custody_officer"], teams=["custody-bury-st-edmunds"])
    arrived = now - 2 * H
    book(child, martlesham, officer, arrived_at=arrived)
    send_due_alerts(now=arrived + 50 * M)
    assert Notification.objects.filter(user=elsewhere).count() == 0
    assert Notification.objects.filter(user=officer).count() == 1

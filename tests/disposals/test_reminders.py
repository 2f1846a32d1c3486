"""Condition due dates remind the Offender Diversion Team through the deadline scan."""

from __future__ import annotations

import datetime as dt

import pytest

from core.calendar import end_of_day
from deadlines.models import Deadline, Notification
from deadlines.services import send_due_alerts
from disposals import rules, services
from tests.disposals.conftest import TODAY, make_disposal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 3, 20)


def stages(user) -> list[str]:
    return list(
        Notification.objects.filter(user=user)
        .order_by("created_at", "pk")
        .values_list("stage", flat=True)
    )


def conditional_caution(by):
    return make_disposal(
        by=by,
        disposal_type="conditional_caution",
        offence_category="either_way",
        conditions=[
            rules.Condition(kind="unpaid_work", description="Clear litter", hours=8, due_by=DUE)
        ],
    )


def test_the_team_is_warned_before_a_condition_is_due_then_told_it_is_overdue(
    diversion_officer, supervisor
):
    team_supervisor = UserFactory(roles=["supervisor"], teams=["offender-diversion"])
    conditional_caution(diversion_officer)
    due_at = end_of_day(DUE)

    for at in [
        due_at - dt.timedelta(days=20),
        due_at - dt.timedelta(days=14),
        due_at - dt.timedelta(days=3),
        due_at,
        due_at + dt.timedelta(days=3),
    ]:
        send_due_alerts(now=at)

    assert stages(diversion_officer) == ["warning", "warning", "overdue"]
    assert stages(team_supervisor) == ["warning", "warning", "overdue", "escalation"]
    assert stages(supervisor) == []  # not in the Offender Diversion Team
    message = Notification.objects.filter(user=diversion_officer).first().message
    assert "Unpaid work condition due" in message


def test_a_completed_condition_sends_nothing_more(diversion_officer):
    disposal = conditional_caution(diversion_officer)
    services.complete_condition(
        today=TODAY,
        condition=disposal.conditions.get(),
        on=dt.date(2026, 3, 1),
        by=diversion_officer,
    )
    send_due_alerts(now=end_of_day(DUE) + dt.timedelta(days=5))
    assert stages(diversion_officer) == []
    assert Deadline.objects.get().status == "met"


def test_a_withdrawn_disposal_cancels_its_reminders(diversion_officer):
    disposal = conditional_caution(diversion_officer)
    services.withdraw(
        today=TODAY,
        disposal=disposal,
        on=dt.date(2026, 3, 1),
        reason="Given in error",
        by=diversion_officer,
    )
    send_due_alerts(now=end_of_day(DUE))
    assert stages(diversion_officer) == []
    assert Deadline.objects.get().status == "cancelled"

"""Bail reminders end to end through the deadline scan the beat task runs every minute."""

from __future__ import annotations

import datetime as dt

import pytest

from bail import services
from core.calendar import end_of_day
from deadlines.models import Notification
from deadlines.services import send_due_alerts
from tests.bail.conftest import NOW, TODAY, arrested_for_end, open_bail

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def stages(user):
    return list(
        Notification.objects.filter(user=user)
        .order_by("created_at", "pk")
        .values_list("stage", flat=True)
    )


def scan_days(*instants):
    for instant in instants:
        send_due_alerts(now=instant)


def test_bail_warns_at_14_and_3_days_then_is_overdue_then_escalates(
    offender, bail_officer, investigator, supervisor
):
    ends = TODAY + dt.timedelta(days=20)
    open_bail(
        offender, bail_officer, arrested_on=arrested_for_end(ends), officer_in_case=investigator
    )
    due = end_of_day(ends)

    scan_days(NOW, due - 15 * DAY, due - 14 * DAY, due - 10 * DAY, due - 3 * DAY, due - DAY)
    assert stages(investigator) == ["warning", "warning"]
    assert stages(bail_officer) == ["warning", "warning"]

    scan_days(due, due + dt.timedelta(hours=2))
    assert stages(investigator) == ["warning", "warning", "overdue"]
    assert stages(bail_officer) == ["warning", "warning", "overdue"]
    assert stages(supervisor)[-1] == "escalation"
    assert "escalation" not in stages(bail_officer)
    message = Notification.objects.filter(user=investigator).last().message
    assert offender.last_name not in message


def test_an_extension_moves_the_reminders_to_the_new_end(offender, bail_officer, investigator):
    ends = TODAY + dt.timedelta(days=10)
    case = open_bail(
        offender, bail_officer, arrested_on=arrested_for_end(ends), officer_in_case=investigator
    )
    send_due_alerts(now=NOW)  # the 14-day warning is already due
    assert stages(investigator) == ["warning"]

    services.extend_bail(
        case=case,
        authority="inspector",
        decided_on=TODAY,
        authorised_by_name="Ian Moss",
        authorised_by_rank="inspector",
        by=bail_officer,
        now=NOW,
    )
    case.refresh_from_db()
    old_due, new_due = end_of_day(ends), end_of_day(case.bail_period_ends)
    scan_days(old_due - 3 * DAY, old_due, old_due + DAY)  # nothing at the old times
    assert stages(investigator) == ["warning"]

    scan_days(new_due - 14 * DAY, new_due - 3 * DAY, new_due)
    assert stages(investigator) == ["warning", "warning", "warning", "overdue"]


def test_an_outcome_stops_the_reminders(offender, bail_officer, investigator):
    ends = TODAY + dt.timedelta(days=20)
    case = open_bail(
        offender, bail_officer, arrested_on=arrested_for_end(ends), officer_in_case=investigator
    )
    services.end_case(case=case, ended_on=TODAY, reason="nfa", by=bail_officer, now=NOW)
    due = end_of_day(ends)
    scan_days(due - 14 * DAY, due - 3 * DAY, due, due + DAY)
    assert stages(investigator) == []


def test_rui_reviews_are_reminded_and_moved_by_a_review(offender, bail_officer, investigator):
    case = open_bail(
        offender, bail_officer, status="rui", arrested_on=TODAY, officer_in_case=investigator
    )
    due = end_of_day(case.next_rui_review_due)
    scan_days(due - 14 * DAY)
    assert stages(investigator) == ["warning"]

    services.record_rui_review(
        case=case,
        reviewed_on=TODAY + 80 * DAY,
        notes="Still awaiting the lab",
        by=bail_officer,
        now=NOW + 80 * DAY,
    )
    case.refresh_from_db()
    scan_days(due, due + DAY)  # the old due time passes quietly
    assert stages(investigator) == ["warning"]
    new_due = end_of_day(case.next_rui_review_due)
    scan_days(new_due - 14 * DAY, new_due - 3 * DAY, new_due)
    assert stages(investigator) == ["warning", "warning", "warning", "overdue"]

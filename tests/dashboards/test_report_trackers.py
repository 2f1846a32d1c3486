"""The report's appendices: Managing Offenders strategy actions and HMICFRS recommendations,
their due dates as deadlines, field errors and stale edits."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dashboards.models import Recommendation, StrategyAction
from deadlines.models import Deadline, Kind, Status
from tests.factories import UserFactory


@pytest.fixture
def author(db, client):
    user = UserFactory(rank="staff", roles=["analyst"])
    client.force_login(user)
    return user


ACTION = {
    "pillar": "divert",
    "action": "Extend the shoplifting course to Lowestoft",
    "owner": "Head of Criminal Justice",
    "due_on": "2027-03-31",
    "status": "ongoing",
    "notes": "",
}


def test_an_action_with_a_due_date_opens_a_deadline_that_is_met_when_done(author, client):
    url = reverse("panel-tracker", args=["actions"])
    assert client.post(url, ACTION).status_code == 302
    action = StrategyAction.objects.get()
    deadline = Deadline.objects.get(kind=Kind.STRATEGY_ACTION_DUE)
    assert deadline.status == Status.OPEN and deadline.force == author.force
    assert "Extend the shoplifting course" in client.get(url).content.decode()

    item = reverse("panel-tracker-item", args=["actions", action.pk])
    done = {**ACTION, "status": "done", "version": action.version}
    assert client.post(item, done).status_code == 302
    deadline.refresh_from_db()
    assert deadline.status == Status.MET
    # The edit was based on version 1; a second edit from the same page is refused.
    stale = client.post(item, {**done, "notes": "again"})
    assert stale.status_code == 409
    assert "changed by someone else" in stale.content.decode()


def test_moving_a_due_date_moves_the_deadline(author, client):
    client.post(reverse("panel-tracker", args=["actions"]), ACTION)
    action = StrategyAction.objects.get()
    item = reverse("panel-tracker-item", args=["actions", action.pk])
    client.post(item, {**ACTION, "due_on": "2027-06-30", "version": 1})
    open_ = Deadline.objects.filter(kind=Kind.STRATEGY_ACTION_DUE, status=Status.OPEN)
    assert [d.due_at.date().isoformat() for d in open_] == ["2027-06-30"]  # end of the day UTC


def test_a_closed_recommendation_needs_its_closing_date(author, client):
    url = reverse("panel-tracker", args=["recommendations"])
    data = {
        "inspection": "HMICFRS: A duty to protect (2022)",
        "recommendation": "Gather and scrutinise voluntary-attender data.",
        "owner": "Head of Crime",
        "due_on": "",
        "status": "closed",
        "closed_on": "",
        "notes": "",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Enter the date HMICFRS closed the recommendation" in response.content.decode()
    assert client.post(url, {**data, "closed_on": "2026-11-01"}).status_code == 302
    assert Recommendation.objects.get().closed_on.isoformat() == "2026-11-01"
    assert not Deadline.objects.filter(kind=Kind.HMICFRS_RECOMMENDATION_DUE).exists()


def test_bad_input_is_a_field_error_not_a_500(author, client):
    url = reverse("panel-tracker", args=["actions"])
    response = client.post(url, {**ACTION, "pillar": "nonsense", "due_on": "31/31/2027"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a real date" in page and "Select a valid choice" in page
    assert client.get(reverse("panel-tracker", args=["nothing"])).status_code == 404


def test_the_trackers_are_for_report_authors_only(db, client):
    client.force_login(UserFactory(roles=["custody_officer"]))
    assert client.get(reverse("panel-tracker", args=["actions"])).status_code == 403

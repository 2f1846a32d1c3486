"""Restorative justice, withdrawal, and bad input on every write endpoint."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from rest_framework.test import APIClient

from disposals import services
from disposals.models import Intervention, RestorativeJusticeReferral
from tests.disposals.conftest import TODAY, course, make_disposal, release_all

pytestmark = pytest.mark.django_db

URL = "/api/v1/disposals/"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_restorative_justice_is_referred_contacted_and_its_outcome_and_satisfaction_recorded(
    diversion_officer,
):
    disposal = make_disposal(by=diversion_officer, rj_offered=True)
    client = api(diversion_officer)
    created = client.post(
        f"{URL}{disposal.pk}/restorative-justice/", {"referred_on": "2026-02-03"}, format="json"
    )
    assert created.status_code == 201, created.json()
    again = client.post(
        f"{URL}{disposal.pk}/restorative-justice/", {"referred_on": "2026-02-03"}, format="json"
    )
    assert again.status_code == 400

    body = {
        "contact_made_on": "2026-02-05",
        "outcome": "direct_conference",
        "outcome_on": "2026-02-20",
        "victim_satisfaction": "satisfied",
        "version": created.json()["version"],
    }
    updated = client.patch(f"{URL}{disposal.pk}/restorative-justice/", body, format="json")
    assert updated.status_code == 200, updated.json()
    assert updated.json()["victim_satisfaction"] == "satisfied"
    stale = client.patch(f"{URL}{disposal.pk}/restorative-justice/", body, format="json")
    assert stale.status_code == 409

    summary = client.get(f"{URL}summary/?from=2026-01-01&to=2026-03-01").json()[
        "restorative_justice"
    ]
    assert summary["referrals"] == 1
    assert summary["completed"] == 1
    assert summary["victim_satisfaction"] == [
        {"satisfaction": "satisfied", "label": "Satisfied", "count": 1}
    ]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"contact_made_on": "2026-01-01", "outcome": "pending"}, "contact_made_on"),
        ({"outcome": "victim_declined"}, "outcome_on"),
        (
            {
                "outcome": "victim_declined",
                "outcome_on": "2026-02-10",
                "victim_satisfaction": "satisfied",
            },
            "victim_satisfaction",
        ),
        ({"outcome": "conference_in_the_pub"}, "outcome"),
    ],
)
def test_restorative_justice_updates_are_checked(diversion_officer, body, field):
    disposal = make_disposal(by=diversion_officer, rj_offered=True, rj_taken_up=True)
    referral = RestorativeJusticeReferral.objects.get(disposal=disposal)
    response = api(diversion_officer).patch(
        f"{URL}{disposal.pk}/restorative-justice/",
        {**body, "version": referral.version},
        format="json",
    )
    assert response.status_code == 400
    assert field in response.json()


def test_restorative_justice_cannot_be_taken_up_without_being_offered(diversion_officer):
    with pytest.raises(Exception) as refused:
        make_disposal(by=diversion_officer, rj_offered=False, rj_taken_up=True)
    assert "rj_taken_up" in refused.value.message_dict


def test_a_withdrawn_disposal_cannot_be_completed_or_breached(diversion_officer):
    disposal = make_disposal(by=diversion_officer, conditions=[])
    client = api(diversion_officer)
    withdrawn = client.post(
        f"{URL}{disposal.pk}/withdraw/",
        {"on": "2026-02-10", "reason": "Given in error"},
        format="json",
    )
    assert withdrawn.json()["status"] == "withdrawn"
    completed = client.post(
        f"{URL}{disposal.pk}/complete/", {"completed_on": "2026-02-11"}, format="json"
    )
    assert "cannot be completed" in completed.json()["status"][0]
    breached = client.post(
        f"{URL}{disposal.pk}/breach/",
        {"breached_on": "2026-02-11", "details": "x", "action": "warning"},
        format="json",
    )
    assert breached.status_code == 400


def test_a_retired_course_cannot_be_referred_to(diversion_officer):
    Intervention.objects.filter(code="gambling-awareness").update(active=False)
    disposal = make_disposal(by=diversion_officer)
    response = api(diversion_officer).post(
        f"{URL}{disposal.pk}/referrals/",
        {"intervention": "gambling-awareness", "referred_on": "2026-02-02"},
        format="json",
    )
    assert response.status_code == 400
    assert "no longer offered" in response.json()["intervention"][0]


@pytest.mark.parametrize(
    "path, body",
    [
        ("{id}/referrals/", {"intervention": "drug-awareness", "referred_on": "not a date"}),
        ("{id}/referrals/", {"intervention": ["drug-awareness"], "referred_on": "2026-02-02"}),
        (
            "{id}/referrals/",
            {"intervention": "drug-awareness", "referred_on": "2026-02-02", "condition": 99999},
        ),
        ("{id}/referrals/{rid}/progress/", {"status": "graduated", "on": "2026-02-10"}),
        ("{id}/referrals/{rid}/progress/", {"status": "booked"}),
        ("{id}/referrals/{rid}/progress/", {"status": "booked", "on": "2030-01-01"}),
        ("{id}/referrals/{rid}/progress/", {"status": "booked", "on": "2026-01-01"}),
        ("{id}/conditions/{cid}/complete/", {"on": "2026-13-01"}),
        ("{id}/complete/", {"completed_on": None}),
        ("{id}/complete/", {"completed_on": "2026-02-10", "version": "x"}),
        ("{id}/breach/", {"breached_on": "2026-02-10", "details": "", "action": "warning"}),
        ("{id}/breach/", {"breached_on": "2026-02-10", "details": "x" * 2001, "action": "warning"}),
        ("{id}/breach/", {"breached_on": "2026-01-01", "details": "x", "action": "warning"}),
        ("{id}/breach/", {"breached_on": "2026-02-10", "details": "x", "action": "flogging"}),
        ("{id}/withdraw/", {"on": "2026-02-10", "reason": ""}),
        ("{id}/restorative-justice/", {"referred_on": "yesterday"}),
        ("{id}/scrutiny/", {"finding": "appropriate"}),
    ],
)
def test_bad_input_on_any_write_is_a_400(diversion_officer, scrutiny_member, path, body):
    disposal = make_disposal(by=diversion_officer, interventions=[course()])
    user = scrutiny_member if "scrutiny" in path else diversion_officer
    url = URL + path.format(
        id=disposal.pk, rid=disposal.referrals.get().pk, cid=disposal.conditions.get().pk
    )
    release_all()
    response = api(user).post(url, body, format="json")
    assert response.status_code == 400, response.content


def test_unknown_records_are_404(diversion_officer):
    disposal = make_disposal(by=diversion_officer, interventions=[course()])
    client = api(diversion_officer)
    assert (
        client.post(
            f"{URL}99999/complete/", {"completed_on": "2026-02-10"}, format="json"
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"{URL}{disposal.pk}/referrals/99999/progress/",
            {"status": "booked", "on": "2026-02-10"},
            format="json",
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"{URL}{disposal.pk}/conditions/99999/complete/", {"on": "2026-02-10"}, format="json"
        ).status_code
        == 404
    )


def test_the_schema_describes_the_disposals_endpoints(investigator):
    response = api(investigator).get("/api/v1/schema/")
    assert response.status_code == 200
    schema = response.content.decode()
    for path in [
        "/api/v1/disposals/",
        "/api/v1/disposals/interventions/",
        "/api/v1/disposals/{id}/breach/",
        "/api/v1/disposals/scrutiny-sample/",
    ]:
        assert path in schema


def test_administrators_edit_the_course_catalogue(admin_user):
    client = Client()
    client.force_login(admin_user)
    shoplifting = Intervention.objects.get(code="shoplifting-awareness")
    page = client.get(f"/admin/disposals/intervention/{shoplifting.pk}/change/")
    assert page.status_code == 200
    response = client.post(
        f"/admin/disposals/intervention/{shoplifting.pk}/change/",
        {
            "code": "shoplifting-awareness",
            "name": "Retail theft awareness course",
            "provider": "Restorative Solutions",
            "active": "on",
        },
    )
    assert response.status_code == 302
    shoplifting.refresh_from_db()
    assert shoplifting.name == "Retail theft awareness course"


def test_officers_cannot_edit_the_course_catalogue(diversion_officer):
    diversion_officer.is_staff = True
    diversion_officer.save(update_fields=["is_staff"])
    client = Client()
    client.force_login(diversion_officer)
    assert client.get("/admin/disposals/intervention/").status_code == 403


def test_services_record_history(diversion_officer):
    disposal = make_disposal(by=diversion_officer, conditions=[])
    services.complete(
        today=TODAY, disposal=disposal, completed_on=dt.date(2026, 2, 2), by=diversion_officer
    )
    assert [h.status for h in disposal.history.order_by("history_id")] == ["active", "completed"]

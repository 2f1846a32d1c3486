"""No input makes the custody API answer a 500 (API.md "Conventions")."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from tests.custody.conftest import book

GARBAGE = [
    None,
    [],
    "text",
    {"offender": "x" * 5000},
    {"offender": 10**30, "suite": "9" * 40, "cell": 10**12},
    {"held_at": "0001-01-01T00:00:00Z", "authorised_by": "an inspector"},
    {"held_at": "9999-12-31T23:59:59Z", "authorised_by": {"name": "x" * 400, "rank": None}},
    {"kind": "superintendent", "authorised_at": "2026-13-45T99:00", "until": 5},
    {"called_at": True, "spoke_to": {"a": 1}},
    {"released_at": "0001-01-01T00:00:00+00:00", "outcome": "nfa"},
    {"present": "everyone", "searched_at": "2026-01-01T10:00:00Z", "reason": "x"},
    {
        "present": [{"name": "A", "role": "boss", "sex": "m"}],
        "searched_at": "2026-01-01T10:00:00Z",
        "reason": "x",
    },
    {"requested_at": "2026-01-01T10:00:00Z", "bed_found": "maybe"},
    {
        "place": "police_station",
        "offender": -1,
        "decided_by": {"name": "x", "rank": "inspector"},
        "started_at": "2026-01-01T10:00:00Z",
    },
]
ENDPOINTS = [
    "",
    "{id}/reviews/",
    "{id}/extensions/",
    "{id}/hospital-periods/",
    "{id}/golden-hour-call/",
    "{id}/release/",
    "{id}/juvenile-transfers/",
    "{id}/searches/",
    "{id}/uses-of-force/",
    "{id}/control-measures/",
    "{id}/mental-health-assessments/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_garbage_never_causes_a_server_error(officer, offender, martlesham, now, endpoint):
    detention = book(offender, martlesham, officer, arrived_at=now - dt.timedelta(hours=2))
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(officer)
    url = "/api/v1/custody/detentions/" + endpoint.format(id=detention.pk)
    for body in GARBAGE:
        response = client.post(url, body, format="json")
        assert response.status_code < 500, (body, response.content)
    for body in GARBAGE:
        response = client.post("/api/v1/custody/s136/", body, format="json")
        assert response.status_code < 500, (body, response.content)
    for query in [
        "suite=%00",
        "arrived_after=0001-01-01",
        "arrived_before=x",
        "in_custody=maybe",
        "page=999",
        "ordering=offender__pnc_id",
    ]:
        assert client.get(f"/api/v1/custody/detentions/?{query}").status_code < 500
    assert client.get("/api/v1/custody/detentions/99999999999999999999999/").status_code == 404

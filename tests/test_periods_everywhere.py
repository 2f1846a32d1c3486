"""Every dashboard and API ``from``/``to`` filter goes through core.periods: a malformed date,
an end before the start or a range over ten years is a field error (page) or a field-level
400 (API), never a slow page or a 500."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

TOO_LONG = "Choose a period of at most ten years."
BACKWARDS = "The end of the period must be on or after its start."


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    ("url", "params", "field", "message"),
    [
        ("/api/v1/bail/summary/", {"from": "1990-01-01", "to": "2026-01-01"}, "to", TOO_LONG),
        ("/api/v1/bail/summary/", {"from": "2026-02-01", "to": "2026-01-31"}, "to", BACKWARDS),
        ("/api/v1/bail/summary/", {"from": "2026-02-30"}, "from", None),
        ("/api/v1/bail/summary/", {"from": "9999-01-01", "to": "9999-12-31"}, "from", None),
        ("/api/v1/bail/summary/", {"from": "2030-01-01"}, "to", BACKWARDS),  # to is today
        ("/api/v1/disposals/summary/", {"from": "1990-01-01", "to": "2026-01-01"}, "to", TOO_LONG),
        ("/api/v1/disposals/summary/", {"from": "2026-02-01", "to": "2026-01-31"}, "to", BACKWARDS),
        ("/api/v1/disposals/summary/", {"from": "x", "to": "2026-01-31"}, "from", None),
    ],
)
def test_an_api_period_is_bounded_with_a_field_level_400(supervisor, url, params, field, message):
    response = _api(supervisor).get(url, params)
    assert response.status_code == 400, response.content
    body = response.json()
    errors = body.get("errors", body)
    assert field in str(errors)
    if message:
        assert message in str(errors)


@pytest.mark.parametrize(
    ("url", "params", "message"),
    [
        ("/custody/dashboard/", {"from": "1990-01", "to": "2026-12"}, TOO_LONG),
        ("/custody/dashboard/", {"from": "2026-05", "to": "2026-01"}, BACKWARDS),
        ("/custody/dashboard/", {"from": "2026-13"}, "Enter a real month"),
        ("/cohorts/iom/dashboard/", {"deterrence_from": "x"}, "Enter a real date"),
        (
            "/cohorts/iom/dashboard/",
            {"harm_from": "2026-06-30", "harm_to": "2026-01-01"},
            BACKWARDS,
        ),
        (
            "/cohorts/iom/dashboard/deterrence/",
            {"from": "1900-01-01", "to": "2026-01-01"},
            TOO_LONG,
        ),
        ("/cohorts/iom/dashboard/harm/", {"from": "2026-01-01", "to": "3000-01-01"}, "between"),
        ("/disposals/dashboard/", {"date_from": "1990-01-01", "date_to": "2026-01-01"}, TOO_LONG),
    ],
)
def test_a_page_period_is_bounded_with_a_field_error(client, supervisor, url, params, message):
    client.force_login(supervisor)
    response = client.get(url, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_the_custody_dashboard_csv_refuses_an_unbounded_period(client, supervisor):
    client.force_login(supervisor)
    assert client.get("/custody/dashboard.csv", {"from": "1000-01"}).status_code == 400


def test_a_good_period_still_shows_its_figures(client, supervisor):
    client.force_login(supervisor)
    page = client.get("/custody/dashboard/", {"from": "2016-01", "to": "2025-12"})
    assert page.status_code == 200 and page.context["period"].days == 3653
    assert (
        client.get(
            "/cohorts/iom/dashboard/deterrence/", {"from": "2026-01-01", "to": "2026-03-31"}
        ).status_code
        == 200
    )

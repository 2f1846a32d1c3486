"""Settings, health, API base and error pages."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from deadlines import services
from tests.factories import force

ROOT = Path(__file__).resolve().parents[1]


def start_django(**env):
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; settings.DEBUG",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DJANGO_DEBUG", "maybe"),
        ("AXES_FAILURE_LIMIT", "five"),
        ("AXES_FAILURE_LIMIT", "0"),
        ("DATABASE_URL", "nonsense://"),
        ("DJANGO_SECRET_KEY", "too-short"),
        ("DEADLINE_ESCALATION_MINUTES", "-5"),
        ("BAIL_WARNING_LEAD_DAYS", "fortnight"),
        ("SESSION_IDLE_TIMEOUT_MINUTES", "0"),
    ],
)
def test_a_malformed_setting_stops_start_up_naming_the_variable(variable, value):
    result = start_django(**{variable: value})
    assert result.returncode != 0
    assert variable in result.stderr


def test_the_defaults_start_with_debug_off():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.TIME_ZONE, settings.USE_TZ)",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.split() == ["False", "Europe/London", "True"]


@pytest.mark.django_db
def test_health_reports_database_broker_and_beat(client):
    services.record_heartbeat(services.SCAN_HEARTBEAT, timezone.now())
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True
    assert body["beat"]["ok"] is True


@pytest.mark.django_db
def test_health_reports_a_stale_beat(client):
    services.record_heartbeat(services.SCAN_HEARTBEAT, timezone.now() - dt.timedelta(minutes=30))
    body = client.get("/healthz").json()
    assert body["beat"]["ok"] is False
    assert body["status"] == "degraded"  # 200: the web tier still serves pages


@pytest.mark.django_db
def test_health_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"]["ok"] is False


@pytest.mark.django_db
def test_the_api_schema_and_offline_docs_are_served(client, investigator):
    client.force_login(investigator)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/deadlines/" in schema.json()["paths"]
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    assert b"cdn" not in docs.content.lower()  # served by drf-spectacular-sidecar, offline


def make_deadline(offender, due_at, **kwargs):
    return services.open_deadline(
        kind="rui_review",
        title="RUI review",
        force=offender.force,
        offender=offender,
        due_at=due_at,
        **kwargs,
    )


@pytest.mark.django_db
def test_deadlines_are_listed_with_filters_and_london_offsets(client, investigator, offender):
    summer = dt.datetime(2026, 7, 1, 11, 0, tzinfo=dt.UTC)
    make_deadline(offender, summer, owner_user=investigator)
    make_deadline(offender, summer + dt.timedelta(days=200), owner_user=investigator)
    client.force_login(investigator)
    body = client.get("/api/v1/deadlines/", {"due_before": "2026-08-01T00:00:00"}).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["due_at"] == "2026-07-01T12:00:00+01:00"
    assert (row["kind"], row["status"], row["offender"]) == ("rui_review", "open", offender.pk)


@pytest.mark.django_db
def test_deadlines_of_another_forces_people_are_not_listed(client, norfolk_sergeant, offender):
    make_deadline(offender, timezone.now())
    client.force_login(norfolk_sergeant)
    assert client.get("/api/v1/deadlines/").json()["count"] == 0


@pytest.mark.django_db
def test_a_bad_filter_value_is_a_field_error_not_a_500(client, investigator):
    client.force_login(investigator)
    response = client.get("/api/v1/deadlines/", {"due_before": "next tuesday", "status": "lost"})
    assert response.status_code == 400
    assert set(response.json()) == {"due_before", "status"}


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 30])
def test_the_deadline_list_costs_a_fixed_number_of_queries(
    client, investigator, offender, rows, django_assert_max_num_queries
):
    for i in range(rows):
        make_deadline(offender, timezone.now() + dt.timedelta(hours=i), record=offender)
    client.force_login(investigator)
    # Session, user, roles, savepoints, count, page: the same at 3 rows as at 30.
    # The bulk-read access-log event and one bulk insert linking everyone listed.
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/deadlines/", {"page_size": 100}).json()["count"] == rows


@pytest.mark.django_db
def test_notifications_list_only_the_callers_own_and_can_be_marked_read(
    client, investigator, bail_officer, offender
):
    now = timezone.now()
    make_deadline(offender, now, owner_user=investigator)
    make_deadline(offender, now, owner_user=bail_officer)
    services.send_due_alerts(now=now)
    client.force_login(investigator)
    body = client.get("/api/v1/notifications/").json()
    assert body["count"] == 1
    note = body["results"][0]
    assert (note["stage"], note["read"]) == ("overdue", False)
    assert client.post(f"/api/v1/notifications/{note['id']}/read/").json()["read"] is True
    other = client.get("/api/v1/notifications/").json()["results"][0]["id"]
    assert other == note["id"]


@pytest.mark.django_db
def test_page_size_is_capped_at_500(client, investigator):
    client.force_login(investigator)
    assert client.get("/api/v1/forces/", {"page_size": 10000}).status_code == 200


@pytest.mark.django_db
def test_my_work_lists_my_notifications_and_open_deadlines(client, investigator, offender):
    now = timezone.now()
    make_deadline(
        offender,
        now + dt.timedelta(hours=3),
        owner_user=investigator,
        warning_leads=[dt.timedelta(hours=4)],
    )
    services.send_due_alerts(now=now)
    client.force_login(investigator)
    page = client.get("/").content.decode()
    assert "Due soon: RUI review" in page
    assert offender.full_name in page
    assert "1 unread" in page


@pytest.mark.django_db
def test_the_404_page_is_govuk_styled_for_a_signed_in_user(client, investigator):
    client.force_login(investigator)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_the_500_page_renders_without_a_database(rf):
    from config.errors import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content


@pytest.mark.django_db
def test_every_force_has_the_teams_deadlines_are_routed_to():
    assert force("suffolk").teams.filter(code="bail-management").exists()
    assert force("norfolk").teams.filter(code="offender-diversion").exists()


def test_the_openapi_schema_generates_without_warnings():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--fail-on-warn",
            "--validate",
            "--file",
            os.devnull,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.django_db
def test_an_out_of_range_offender_filter_is_a_field_error(client, investigator):
    client.force_login(investigator)
    response = client.get("/api/v1/deadlines/", {"offender": str(10**30)})
    assert response.status_code == 400 and "offender" in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [2, 20])
def test_my_work_links_each_deadline_to_its_record_at_a_fixed_query_cost(
    client, investigator, offender, rows, django_assert_max_num_queries
):
    for i in range(rows):
        make_deadline(
            offender,
            timezone.now() + dt.timedelta(hours=i + 1),
            owner_user=investigator,
            record=offender,
        )
    client.force_login(investigator)
    # The bulk-read access-log event and one bulk insert linking everyone listed.
    with django_assert_max_num_queries(16):
        page = client.get("/").content.decode()
    assert f'href="/people/{offender.pk}/"' in page

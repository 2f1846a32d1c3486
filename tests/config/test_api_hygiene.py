"""API hygiene (issue 12, item 6): every API answer is JSON, no input answers 500, the
proxy header is trusted only when configured, and no answer reveals another force's users."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

from tests.factories import UserFactory, force

HUGE = "99999999999999999999"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/custody/detentions/?suite={HUGE}",
        f"/api/v1/custody/detentions/?offender={HUGE}",
        f"/api/v1/disposals/?offender={HUGE}",
        f"/api/v1/bail/cases/?offender={HUGE}",
        f"/api/v1/deadlines/?offender={HUGE}",
        f"/api/v1/cohorts/iom/memberships/?offender={HUGE}",
        f"/api/v1/custody/detentions/?offender=-{HUGE}",
    ],
)
def test_huge_integers_on_list_filters_answer_400(client, supervisor, path):
    client.raise_request_exception = False
    client.force_login(supervisor)
    response = client.get(path)
    assert response.status_code == 400, response.content[:200]
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_a_huge_id_in_the_path_is_a_plain_404(client, supervisor):
    client.force_login(supervisor)
    for path in (f"/api/v1/offenders/{HUGE}/", f"/api/v1/custody/detentions/{HUGE}/"):
        response = client.get(path)
        assert response.status_code == 404 and response.json() == {"detail": "Not found."}


@pytest.mark.django_db
@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_a_json_body_nested_5000_deep_answers_400(client, supervisor, opening):
    client.raise_request_exception = False
    client.force_login(supervisor)
    closing = "]" if opening == "[" else "}"
    body = opening * 5000 + ("1" if opening != "[" else "") + closing * 5000
    response = client.post("/api/v1/offenders/", body, content_type="application/json")
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


@pytest.mark.django_db
def test_moderately_nested_json_still_parses(client, supervisor):
    client.force_login(supervisor)
    response = client.post(
        "/api/v1/offenders/", '{"aliases": [[[]]]}', content_type="application/json"
    )
    assert response.status_code == 400  # a validation answer about fields, not a parse error
    assert "detail" not in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_an_unknown_api_path_is_a_json_404_never_the_login_page(client, investigator, signed_in):
    if signed_in:
        client.force_login(investigator)
    for path in ("/api/v1/no/such/thing/", "/api/v2/", "/api/v1/offenders/not-a-number/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_an_unknown_page_still_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.django_db
def test_a_locked_account_answers_429_json_through_the_api_and_a_page_on_the_web(client):
    UserFactory(username="locked.lou")
    for _ in range(5):
        client.post("/login/", {"username": "locked.lou", "password": "not-the-password"})
    api = client.post(
        "/api/v1/auth/token/", {"username": "locked.lou", "password": "correct-horse-battery"}
    )
    assert api.status_code == 429 and api["Content-Type"] == "application/json"
    assert "locked" in api.json()["detail"]
    web = client.post("/login/", {"username": "locked.lou", "password": "correct-horse-battery"})
    assert web.status_code == 429 and b"Your account is locked" in web.content


def _proxy_header_setting(**env) -> str:
    """SECURE_PROXY_SSL_HEADER as a fresh process reads the settings with this environment."""
    code = "from django.conf import settings; print(getattr(settings, 'SECURE_PROXY_SSL_HEADER', None))"
    inherited = {k: v for k, v in os.environ.items() if k != "BEHIND_TLS_PROXY"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "false",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_x_forwarded_proto_is_trusted_only_behind_a_configured_proxy():
    assert _proxy_header_setting() == "None"
    assert _proxy_header_setting(BEHIND_TLS_PROXY="true") == "('HTTP_X_FORWARDED_PROTO', 'https')"


@pytest.mark.django_db
def test_a_forged_forwarded_proto_does_not_make_a_request_secure(client, settings):
    assert getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is None
    from django.test import RequestFactory

    request = RequestFactory().get("/", HTTP_X_FORWARDED_PROTO="https")
    assert not request.is_secure()


@pytest.mark.django_db
def test_the_iom_lead_officer_does_not_reveal_another_forces_usernames(
    client, iom_officer, offender
):
    UserFactory(username="norfolk.iom", roles=["iom_officer"], force=force("norfolk"))
    client.force_login(iom_officer)
    url = "/api/v1/cohorts/iom/memberships/"
    base = {
        "offender": offender.pk,
        "cohort": "flexible",
        "adopted_on": "2026-09-01",
        "reason": "Prolific",
    }
    other_force = client.post(
        url, {**base, "lead_officer": "norfolk.iom"}, content_type="application/json"
    )
    no_one = client.post(
        url, {**base, "lead_officer": "no.such.person"}, content_type="application/json"
    )
    assert other_force.status_code == no_one.status_code == 400
    assert other_force.json() == no_one.json()


@pytest.mark.django_db
def test_the_schema_documents_the_error_answers(client, admin_user):
    client.force_login(admin_user)
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert {"Error", "ValidationError", "StaleVersion"} <= set(schema["components"]["schemas"])
    detail = schema["paths"]["/api/v1/offenders/{id}/"]
    assert {"401", "403", "404"} <= set(detail["get"]["responses"])
    assert {"400", "401", "403", "404", "409"} <= set(detail["patch"]["responses"])
    listing = schema["paths"]["/api/v1/offenders/"]["get"]["responses"]
    assert {"400", "404"} <= set(listing)  # a page past the end is a 404 ("Invalid page.")
    assert "409" not in listing
    token = schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]
    assert {"400", "401", "429"} <= set(token) and "403" not in token

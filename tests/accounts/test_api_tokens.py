"""API tokens (issue 12, item 1): the second factor through the API, expiry, one token per
client, revocation by signing out, deactivation and password change."""

import datetime as dt

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ApiToken
from audit.models import AccessEvent
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"
TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture
def mfa_on(settings):
    settings.MFA_REQUIRED_ROLES = ["ppu_officer", "mappa_coordinator", "admin", "supervisor"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wrong_code(device):
    return "000000" if current_code(device) != "000000" else "111111"


def get_token(http, username, **extra):
    return http.post(
        TOKEN_URL,
        {"username": username, "password": PASSWORD, **extra},
        content_type="application/json",
    )


def call(client, token, path="/api/v1/deadlines/"):
    return client.get(path, HTTP_AUTHORIZATION=f"Token {token}")


@pytest.mark.django_db
def test_a_role_that_needs_a_second_factor_gets_no_token_with_the_password_alone(
    client, mfa_on, supervisor
):
    device = TOTPDevice.objects.create(user=supervisor, name="app", confirmed=True)
    response = get_token(client, "supervisor.rachel")
    assert response.status_code == 401
    assert "otp" in response.json() and "token" not in response.json()
    response = get_token(client, "supervisor.rachel", otp=wrong_code(device))
    assert response.status_code == 401 and "otp" in response.json()
    assert not ApiToken.objects.exists()
    response = get_token(client, "supervisor.rachel", otp=current_code(device))
    assert response.status_code == 200
    assert call(client, response.json()["token"]).status_code == 200


@pytest.mark.django_db
def test_a_role_that_needs_a_second_factor_must_enrol_in_the_browser_first(
    client, mfa_on, ppu_officer
):
    response = get_token(client, "ppu.leah", otp="123456")
    assert response.status_code == 401
    assert "two-factor" in response.json()["otp"][0]
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_a_token_issued_without_a_second_factor_stops_working_when_the_role_needs_one(
    client, settings, investigator
):
    token = get_token(client, "investigator.tom").json()["token"]
    assert call(client, token).status_code == 200
    settings.MFA_REQUIRED_ROLES = ["investigator"]
    assert call(client, token).status_code == 401


@pytest.mark.django_db
def test_wrong_codes_count_towards_the_lockout_and_the_lock_answers_json(
    client, mfa_on, supervisor
):
    device = TOTPDevice.objects.create(user=supervisor, name="app", confirmed=True)
    for _ in range(4):
        assert get_token(client, "supervisor.rachel", otp=wrong_code(device)).status_code == 401
    response = get_token(client, "supervisor.rachel", otp=wrong_code(device))
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "locked" in response.json()["detail"]
    assert get_token(client, "supervisor.rachel", otp=current_code(device)).status_code == 429
    failed = AccessEvent.objects.filter(username="supervisor.rachel", action="login_failed")
    assert failed.count() >= 5


@pytest.mark.django_db
def test_a_token_expires_after_the_absolute_session_timeout(client, settings, investigator):
    assert settings.API_TOKEN_TTL_MINUTES == settings.SESSION_ABSOLUTE_TIMEOUT_MINUTES
    settings.API_TOKEN_TTL_MINUTES = 120
    with time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        body = get_token(client, "investigator.tom").json()
        assert body["expires_at"] == "2026-11-22T11:00:00Z"
        clock.shift(dt.timedelta(minutes=119))
        assert call(client, body["token"]).status_code == 200
        clock.shift(dt.timedelta(minutes=2))
        assert call(client, body["token"]).status_code == 401


@pytest.mark.django_db
def test_one_token_per_client_and_asking_again_replaces_it(client, investigator):
    laptop = get_token(client, "investigator.tom", client="laptop").json()
    assert laptop["client"] == "laptop"
    script = get_token(client, "investigator.tom", client="report-script").json()["token"]
    default = get_token(client, "investigator.tom").json()
    assert default["client"] == "default"
    assert ApiToken.objects.filter(user=investigator).count() == 3
    assert (
        call(client, laptop["token"]).status_code == 200 and call(client, script).status_code == 200
    )
    laptop_again = get_token(client, "investigator.tom", client="laptop").json()["token"]
    assert ApiToken.objects.filter(user=investigator).count() == 3
    assert call(client, laptop["token"]).status_code == 401
    assert call(client, laptop_again).status_code == 200
    assert get_token(client, "investigator.tom", client="bad name!").status_code == 400


@pytest.mark.django_db
def test_logout_revokes_only_the_callers_token(client, investigator):
    laptop = get_token(client, "investigator.tom", client="laptop").json()["token"]
    script = get_token(client, "investigator.tom", client="script").json()["token"]
    response = client.post("/api/v1/auth/logout/", HTTP_AUTHORIZATION=f"Token {laptop}")
    assert response.status_code == 204
    assert call(client, laptop).status_code == 401
    assert call(client, script).status_code == 200
    assert AccessEvent.objects.filter(user=investigator, action="logout").count() == 1
    assert client.post("/api/v1/auth/logout/").status_code == 401


@pytest.mark.django_db
def test_a_password_change_revokes_every_token(client, admin_user, investigator):
    token = get_token(client, "investigator.tom").json()["token"]
    client.force_login(admin_user)
    form = {
        "username": investigator.username,
        "first_name": "T",
        "last_name": "O",
        "email": "t@police.example",
        "rank": investigator.rank,
        "roles": ["investigator"],
        "password": "another-long-passphrase",
        "version": investigator.version,
    }
    assert client.post(f"/users/{investigator.pk}/", form).status_code == 302
    client.logout()
    assert call(client, token).status_code == 401
    assert not ApiToken.objects.filter(user=investigator).exists()


@pytest.mark.django_db
def test_a_password_changed_any_other_way_revokes_every_token_too(client, investigator):
    token = get_token(client, "investigator.tom").json()["token"]
    investigator.set_password("yet-another-passphrase")
    investigator.save()
    assert call(client, token).status_code == 401


@pytest.mark.django_db
def test_a_successful_token_sign_in_resets_the_failure_count(client, investigator):
    for _ in range(4):
        assert (
            client.post(
                TOKEN_URL, {"username": "investigator.tom", "password": "wrong-wrong-wrong"}
            ).status_code
            == 400
        )
    assert get_token(client, "investigator.tom").status_code == 200
    # Four more failures do not lock: the count started again.
    for _ in range(4):
        assert (
            client.post(
                TOKEN_URL, {"username": "investigator.tom", "password": "wrong-wrong-wrong"}
            ).status_code
            == 400
        )
    assert get_token(client, "investigator.tom").status_code == 200


@pytest.mark.django_db
def test_tokens_are_stored_as_digests_only(client, investigator):
    token = get_token(client, "investigator.tom").json()["token"]
    stored = ApiToken.objects.get(user=investigator)
    assert token not in (stored.digest, stored.token_key)


@pytest.mark.django_db
def test_the_schema_documents_the_token_fields(admin_user, client):
    client.force_login(admin_user)
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    request = schema["components"]["schemas"]["TokenRequestRequest"]["properties"]
    assert {"username", "password", "otp", "client"} <= set(request)
    assert {"token", "expires_at", "client"} <= set(
        schema["components"]["schemas"]["Token"]["properties"]
    )
    assert "/api/v1/auth/logout/" in schema["paths"]


@pytest.mark.django_db
def test_an_inactive_user_gets_no_token():
    user = UserFactory(username="gone", roles=["investigator"], is_active=False)
    from django.test import Client

    assert (
        Client().post(TOKEN_URL, {"username": user.username, "password": PASSWORD}).status_code
        == 400
    )

"""Account security: MFA for sensitive roles, session timeouts, headers."""

import datetime as dt

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AccessEvent
from tests.factories import UserFactory


@pytest.fixture
def mfa_on(settings):
    settings.MFA_REQUIRED_ROLES = ["ppu_officer", "mappa_coordinator", "admin", "supervisor"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # let a test retry at once after a wrong code


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.django_db
def test_a_supervisor_must_enrol_a_second_factor_before_any_page(client, mfa_on):
    user = UserFactory(roles=["supervisor"])
    response = client.post(
        "/login/", {"username": user.username, "password": "correct-horse-battery"}
    )
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/mfa/")
    page = client.get("/mfa/")
    assert b"Set up two-factor authentication" in page.content
    assert b"data:image/svg+xml;base64," in page.content  # the QR code
    assert client.get("/api/v1/deadlines/").status_code == 403

    device = TOTPDevice.objects.get(user=user)
    assert (
        client.post(
            "/mfa/", {"token": "000000" if current_code(device) != "000000" else "111111"}
        ).status_code
        == 200
    )
    response = client.post("/mfa/", {"token": current_code(device), "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/mfa/backup-codes/?next=/"
    assert client.get("/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


@pytest.mark.django_db
def test_an_enrolled_user_enters_a_code_at_each_sign_in(client, mfa_on):
    user = UserFactory(roles=["ppu_officer"])
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    page = client.get("/mfa/")
    assert b"Enter your security code" in page.content
    assert client.post("/mfa/", {"token": "abc"}).status_code == 200  # field error, not a 500
    assert client.post("/mfa/", {"token": current_code(device)}).status_code == 302
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_roles_not_in_the_setting_need_no_second_factor(client, mfa_on, investigator):
    client.force_login(investigator)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_an_idle_session_is_signed_out_after_30_minutes(client, investigator):
    with time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        client.force_login(investigator)
        assert client.get("/").status_code == 200
        clock.shift(dt.timedelta(minutes=29))
        assert client.get("/").status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.django_db
def test_a_busy_session_still_ends_at_the_absolute_timeout(client, investigator, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT_MINUTES = 120
    with time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        client.force_login(investigator)
        for _ in range(7):
            assert client.get("/").status_code == 200
            clock.shift(dt.timedelta(minutes=20))
        response = client.get("/")
        assert response.status_code == 302


@pytest.mark.django_db
def test_stay_signed_in_restarts_the_idle_clock(client, investigator):
    with time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        client.force_login(investigator)
        assert client.get("/").status_code == 200
        clock.shift(dt.timedelta(minutes=28))
        assert client.post("/session/keep-alive/").status_code == 204
        clock.shift(dt.timedelta(minutes=28))  # 56 minutes since the page, 28 since "stay"
        assert client.get("/").status_code == 200
        assert client.get("/session/keep-alive/").status_code == 405


@pytest.mark.django_db
def test_every_page_tells_the_browser_when_the_session_will_end(client, investigator, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT_MINUTES = 120
    with time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        client.force_login(investigator)
        client.get("/")
        clock.shift(dt.timedelta(minutes=20))
        page = client.get("/").content.decode()
    assert 'data-idle-seconds="1800"' in page
    assert 'data-absolute-left-seconds="6000"' in page  # 100 of 120 minutes left
    assert "You’re about to be signed out" in page


@pytest.mark.django_db
def test_the_warning_running_out_signs_out_with_the_reason_logged(client, investigator):
    client.force_login(investigator)
    response = client.post("/logout/", {"reason": "timeout"}, follow=True)
    assert "You were signed out because your session timed out." in response.content.decode()
    event = AccessEvent.objects.filter(action="logout").latest("pk")
    assert event.detail == {"reason": "timeout"}
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy_and_no_framing(client, investigator):
    client.force_login(investigator)
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert b"<script>" not in response.content  # no inline script in the layout

"""Second-factor life cycle (issue 12, item 7): the secret only after the password and only
until enrolment completes, backup codes, an administrator's reset, no navigation before the code."""

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.services import issue_api_token
from audit.models import AccessEvent
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def mfa_on(settings):
    settings.MFA_REQUIRED_ROLES = ["ppu_officer", "mappa_coordinator", "admin", "supervisor"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, user):
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def enrol(client, user) -> list[str]:
    """Sign in with the password, enrol an authenticator; answers the backup codes shown."""
    sign_in(client, user)
    assert b"Key:" in client.get("/mfa/").content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/mfa/", {"token": current_code(device), "next": "/"})
    assert response.status_code == 302 and response["Location"].startswith("/mfa/backup-codes/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    return [c.token for c in StaticDevice.objects.get(user=user).token_set.all()]


@pytest.mark.django_db
def test_the_setup_secret_needs_the_password_typed_in_this_session(client, mfa_on, ppu_officer):
    client.force_login(ppu_officer)  # a session that never typed the password
    page = client.get("/mfa/")
    assert page.status_code == 200
    assert b"Confirm your password" in page.content
    assert b"Key:" not in page.content and b"data:image/svg+xml" not in page.content
    assert not TOTPDevice.objects.filter(user=ppu_officer).exists()
    wrong = client.post("/mfa/", {"password": "not-my-password"})
    assert wrong.status_code == 200 and b"Key:" not in wrong.content
    assert b"That password is not right" in wrong.content
    right = client.post("/mfa/", {"password": PASSWORD})
    assert right.status_code == 302
    page = client.get("/mfa/")
    assert b"Key:" in page.content and b"data:image/svg+xml" in page.content


@pytest.mark.django_db
def test_the_secret_is_never_shown_once_enrolment_completes(client, mfa_on, ppu_officer):
    enrol(client, ppu_officer)
    client.logout()
    sign_in(client, ppu_officer)
    page = client.get("/mfa/")
    assert b"Enter your security code" in page.content
    device = TOTPDevice.objects.get(user=ppu_officer)
    secret_fragment = device.key[:12].encode()
    assert b"Key:" not in page.content and secret_fragment not in page.content
    assert b"data:image/svg+xml" not in page.content


@pytest.mark.django_db
def test_enrolment_issues_backup_codes_shown_once_each_working_once(client, mfa_on, ppu_officer):
    codes = enrol(client, ppu_officer)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/mfa/backup-codes/").status_code == 302  # shown once only
    client.logout()

    sign_in(client, ppu_officer)
    response = client.post("/mfa/", {"token": codes[0], "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    event = AccessEvent.objects.filter(user=ppu_officer, action="login").order_by("-pk").first()
    assert event.detail["second_factor"] == "backup_code"
    client.logout()

    sign_in(client, ppu_officer)
    again = client.post("/mfa/", {"token": codes[0], "next": "/"})
    assert again.status_code == 200 and b"not right" in again.content
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_a_backup_code_is_a_second_factor_for_the_api_too(client, mfa_on, ppu_officer):
    codes = enrol(client, ppu_officer)
    client.logout()
    response = client.post(
        "/api/v1/auth/token/",
        {"username": ppu_officer.username, "password": PASSWORD, "otp": codes[1]},
        content_type="application/json",
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_admin_resets_a_users_second_factor_and_they_enrol_again(
    client, mfa_on, ppu_officer, admin_user
):
    enrol(client, ppu_officer)
    assert client.get("/").status_code == 200
    _, token = issue_api_token(
        user=ppu_officer, client="laptop", second_factor=True, now=timezone.now()
    )

    admin = client.__class__()
    admin.force_login(admin_user)
    admin_device = TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    admin.post("/mfa/", {"token": current_code(admin_device)})
    assert b"Reset second factor" in admin.get("/users/").content
    response = admin.post(f"/users/{ppu_officer.pk}/second-factor/reset/")
    assert response.status_code == 302

    assert not TOTPDevice.objects.filter(user=ppu_officer).exists()
    assert not StaticDevice.objects.filter(user=ppu_officer).exists()
    event = AccessEvent.objects.get(user=admin_user, action="update", object_id=str(ppu_officer.pk))
    assert event.detail["second_factor"] == "reset"
    assert (
        client.__class__().get("/api/v1/forces/", HTTP_AUTHORIZATION=f"Token {token}").status_code
        == 401
    )
    # The old session is no longer verified: the user is sent to set up a new authenticator.
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/mfa/")
    client.logout()
    sign_in(client, ppu_officer)
    assert b"Set up two-factor authentication" in client.get("/mfa/").content


@pytest.mark.django_db
def test_only_an_admin_may_reset_a_second_factor(client, supervisor, ppu_officer):
    TOTPDevice.objects.create(user=ppu_officer, name="app", confirmed=True)
    client.force_login(supervisor)
    assert client.post(f"/users/{ppu_officer.pk}/second-factor/reset/").status_code == 403
    assert TOTPDevice.objects.filter(user=ppu_officer).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("enrolled", [False, True])
def test_the_mfa_page_shows_no_navigation_before_the_code(client, mfa_on, supervisor, enrolled):
    if enrolled:
        TOTPDevice.objects.create(user=supervisor, name="app", confirmed=True)
    sign_in(client, supervisor)
    page = client.get("/mfa/").content.decode()
    assert 'id="navigation"' not in page
    assert 'aria-label="Menu"' not in page
    assert "Sign out" in page  # leaving is still possible


@pytest.mark.django_db
def test_pages_after_the_code_show_the_navigation(client, investigator):
    client.force_login(investigator)
    assert 'id="navigation"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_user_without_an_mfa_role_is_never_asked(client, mfa_on):
    user = UserFactory(roles=["investigator"])
    sign_in(client, user)
    assert client.get("/").status_code == 200

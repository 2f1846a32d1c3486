"""TOTP second factor: enrolment by QR code (after the password), backup codes, then a code
at each sign-in. An administrator can reset a user's second factor; they enrol again."""

from __future__ import annotations

import base64
import io
import time

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth import authenticate
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Action
from audit.services import record_access

BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "Backup codes"
# The setup secret is shown only to a session whose password was typed this recently.
PASSWORD_FRESH_SECONDS = 10 * 60
_PASSWORD_AT = "desist_password_at"
_NEW_BACKUP_CODES = "desist_new_backup_codes"


def note_password_entered(request) -> None:
    """Call when this session has just typed the user's password (sign-in, confirmation)."""
    request.session[_PASSWORD_AT] = time.time()


def _password_is_fresh(request) -> bool:
    return time.time() - request.session.get(_PASSWORD_AT, 0) <= PASSWORD_FRESH_SECONDS


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Security code",
        max_length=16,
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
        error_messages={"required": "Enter the 6-digit code from your authenticator app."},
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "").lower()
        if not (len(token) == 6 and token.isdigit()) and not (len(token) == 8 and token.isalnum()):
            raise forms.ValidationError(
                "The security code is 6 digits; a backup code is 8 letters and digits."
            )
        return token


class EnrolCodeForm(TokenForm):
    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not (len(token) == 6 and token.isdigit()):
            raise forms.ValidationError("The security code is 6 digits.")
        return token


class PasswordForm(forms.Form):
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter your password."},
    )


def _qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    return (
        target
        if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        else "/"
    )


def issue_backup_codes(*, user) -> list[str]:
    """A fresh set of single-use backup codes (django-otp static tokens), replacing any old set."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def mfa(request):
    """Verify a code (or a backup code) from a confirmed device, or enrol a new one."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return _verify(request)
    return _enrol(request)


def _verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        device = next(
            (d for d in devices_for_user(request.user, confirmed=True) if d.verify_token(token)),
            None,
        )
        if device is not None:
            with transaction.atomic():
                otp_login(request, device)
                kind = "backup_code" if isinstance(device, StaticDevice) else "totp"
                record_access(
                    user=request.user,
                    action=Action.LOGIN,
                    request=request,
                    detail={"second_factor": kind, "enrolled": False},
                )
            return redirect(_next_url(request))
        form.add_error("token", "That code is not right, or has expired. Enter the current code.")
    return render(
        request, "accounts/mfa.html", {"form": form, "enrolling": False, "next": _next_url(request)}
    )


def _enrol(request):
    context = {"enrolling": True, "next": _next_url(request)}
    if not _password_is_fresh(request):
        # The secret is for the person who knows the password, not whoever holds the session.
        form = PasswordForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            user = authenticate(
                request,
                username=request.user.get_username(),
                password=form.cleaned_data["password"],
            )
            if user is not None and user.pk == request.user.pk:
                note_password_entered(request)
                return redirect(f"{request.path}?next={context['next']}")
            form.add_error("password", "That password is not right.")
        return render(request, "accounts/mfa.html", {**context, "password_form": form})

    device = TOTPDevice.objects.filter(
        user=request.user, confirmed=False
    ).first() or TOTPDevice.objects.create(
        user=request.user, name="Authenticator app", confirmed=False
    )
    form = EnrolCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
                codes = issue_backup_codes(user=request.user)
                otp_login(request, device)
                record_access(
                    user=request.user,
                    action=Action.LOGIN,
                    request=request,
                    detail={"second_factor": "totp", "enrolled": True},
                )
            request.session[_NEW_BACKUP_CODES] = codes
            return redirect(f"/mfa/backup-codes/?next={context['next']}")
        form.add_error("token", "That code is not right, or has expired. Enter the current code.")
    context.update(
        form=form,
        qr=_qr_data_uri(device.config_url),
        secret=base64.b32encode(device.bin_key).decode(),
    )
    return render(request, "accounts/mfa.html", context)


def backup_codes(request):
    """The backup codes issued at enrolment, shown once."""
    codes = request.session.pop(_NEW_BACKUP_CODES, None)
    if not codes:
        return redirect(_next_url(request))
    return render(
        request, "accounts/mfa_backup_codes.html", {"codes": codes, "next": _next_url(request)}
    )


@transaction.atomic
def reset_second_factor(*, user, by, request=None) -> None:
    """Remove every second-factor device of ``user`` (and their API tokens): they enrol again
    at their next sign-in, and any session verified with the old device is no longer verified."""
    from accounts.services import revoke_api_tokens

    removed = [d.__class__.__name__ for d in devices_for_user(user, confirmed=None)]
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    revoke_api_tokens(user=user)
    record_access(
        user=by,
        action=Action.UPDATE,
        target=user,
        request=request,
        detail={"second_factor": "reset", "devices_removed": removed},
    )

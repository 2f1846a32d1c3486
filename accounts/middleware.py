"""Session lifetime and the second-factor requirement, for browser sessions."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from audit.models import Action
from audit.services import record_access

_SIGNED_IN_AT = "desist_signed_in_at"
_LAST_SEEN = "desist_last_seen"
_TOUCH_EVERY = 60  # seconds: avoid a session write on every request


def start_session_clock(request) -> None:
    """Call at sign-in: the absolute timeout counts from here."""
    now = time.time()
    request.session[_SIGNED_IN_AT] = now
    request.session[_LAST_SEEN] = now


def touch_session(request) -> None:
    """The user is active now (the "Stay signed in" button): the idle clock restarts."""
    request.session[_LAST_SEEN] = time.time()


def session_clock(request) -> dict[str, int]:
    """For the page's sign-out warning: the idle timeout and the seconds left before the
    absolute timeout, both in seconds (the browser counts down from the page's load)."""
    now = time.time()
    signed_in_at = request.session.get(_SIGNED_IN_AT, now)
    absolute = settings.SESSION_ABSOLUTE_TIMEOUT_MINUTES * 60 - (now - signed_in_at)
    return {
        "idle": settings.SESSION_IDLE_TIMEOUT_MINUTES * 60,
        "absolute_left": max(0, int(absolute)),
    }


class SessionTimeoutMiddleware:
    """Sign out after SESSION_IDLE_TIMEOUT_MINUTES idle, or SESSION_ABSOLUTE_TIMEOUT_MINUTES
    after sign-in, whichever comes first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            session = request.session
            signed_in_at = session.setdefault(_SIGNED_IN_AT, now)
            last_seen = session.get(_LAST_SEEN, now)
            idle = now - last_seen > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60
            too_old = now - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT_MINUTES * 60
            if idle or too_old:
                record_access(
                    user=user, action=Action.LOGOUT, request=request, detail={"reason": "timeout"}
                )
                logout(request)
                if request.path_info.startswith("/api/"):
                    return self.get_response(request)
                messages.info(request, "You were signed out because your session timed out.")
                return redirect(f"{reverse('login')}?next={request.path}")
            if now - last_seen >= _TOUCH_EVERY or _LAST_SEEN not in session:
                session[_LAST_SEEN] = now
        return self.get_response(request)


def mfa_required(user) -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.role_names() & set(settings.MFA_REQUIRED_ROLES))


class MfaRequiredMiddleware:
    """Users whose roles need a second factor see only the MFA pages until verified."""

    ALLOWED = ("/mfa/", "/logout/", "/login/", "/static/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path_info.startswith(self.ALLOWED)
            or not mfa_required(user)
            or user.is_verified()
        ):
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            # A browser session that has not passed its second factor gets no API either.
            # (Token clients are not session users: DRF authenticates them in the view.)
            return JsonResponse({"detail": "Complete two-factor authentication first."}, status=403)
        return redirect(f"{reverse('mfa')}?next={request.get_full_path()}")

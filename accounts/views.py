from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from accounts.mfa import note_password_entered
from accounts.middleware import start_session_clock, touch_session
from audit.models import Action
from audit.services import record_access


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            start_session_clock(self.request)
            note_password_entered(self.request)
            record_access(user=form.get_user(), action=Action.LOGIN, request=self.request)
        return response

    def form_invalid(self, form):
        username = (self.request.POST.get("username") or "")[:150]
        record_access(
            user=None, username=username, action=Action.LOGIN_FAILED, request=self.request
        )
        return super().form_invalid(form)


@require_POST
def logout_view(request):
    """Sign out; ``reason=timeout`` when the page's inactivity warning ran out."""
    timed_out = request.POST.get("reason") == "timeout"
    if request.user.is_authenticated:
        detail = {"reason": "timeout"} if timed_out else {}
        record_access(user=request.user, action=Action.LOGOUT, request=request, detail=detail)
    logout(request)
    if timed_out:
        messages.info(request, "You were signed out because your session timed out.")
    return redirect("login")


@require_POST
def keep_alive(request):
    """The sign-out warning's "Stay signed in": the idle clock restarts (204, no body)."""
    touch_session(request)
    return HttpResponse(status=204)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer for a locked account: JSON for the API, the GOV.UK page otherwise."""
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {
                "detail": "Too many failed sign-in attempts. This account is locked; try again later."
            },
            status=429,
        )
    return render(
        request,
        "accounts/locked_out.html",
        {"username": (credentials or {}).get("username", "")},
        status=429,
    )

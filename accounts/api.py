from __future__ import annotations

from django.contrib.auth import authenticate, user_logged_in, user_login_failed
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.middleware import mfa_required
from accounts.models import ApiToken, Force
from accounts.serializers import (
    DetailSerializer,
    ForceSerializer,
    TokenRequestSerializer,
    TokenSerializer,
)
from accounts.services import issue_api_token
from audit.models import Action
from audit.services import record_access

LOCKED = "Too many failed sign-in attempts. This account is locked; try again later."


def _locked(django_request) -> Response | None:
    if getattr(django_request, "axes_locked_out", False):
        return Response({"detail": LOCKED}, status=status.HTTP_429_TOO_MANY_REQUESTS)
    return None


def _otp_refused(message: str) -> Response:
    response = Response({"otp": [message]}, status=status.HTTP_401_UNAUTHORIZED)
    response["WWW-Authenticate"] = "Token"
    return response


class ObtainTokenView(APIView):
    """POST username and password (and ``otp`` for roles that need a second factor), get a
    token for one client. Failures count towards the web lockout; success resets it."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description="Missing fields, or a wrong username or password."),
            401: OpenApiResponse(
                description="The role needs a second factor: `otp` missing or wrong."
            ),
            429: OpenApiResponse(
                DetailSerializer, description="The account is locked after failed attempts."
            ),
        },
    )
    def post(self, request):
        form = TokenRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        username = form.validated_data["username"]
        # Authenticate against the Django request so that django-axes counts the attempt.
        django_request = request._request
        user = authenticate(
            django_request, username=username, password=form.validated_data["password"]
        )
        if (locked := _locked(django_request)) is not None:
            return locked
        if user is None or not user.is_active:
            record_access(
                user=None, username=username, action=Action.LOGIN_FAILED, request=django_request
            )
            return Response(
                {"non_field_errors": ["Unable to sign in with that username and password."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        second_factor = False
        if mfa_required(user):
            devices = list(devices_for_user(user, confirmed=True))
            if not devices:
                return _otp_refused(
                    "Set up two-factor authentication by signing in with a browser first."
                )
            otp = (form.validated_data.get("otp") or "").strip().replace(" ", "").lower()
            if not otp:
                return _otp_refused(
                    "Your role needs a second factor: send otp, the 6-digit code from your app."
                )
            if not any(device.verify_token(otp) for device in devices):
                # A wrong code counts towards the lockout, as a wrong password does.
                user_login_failed.send(
                    sender=__name__, credentials={"username": username}, request=django_request
                )
                record_access(
                    user=None,
                    username=username,
                    action=Action.LOGIN_FAILED,
                    request=django_request,
                    detail={"second_factor": "refused", "via": "api_token"},
                )
                if (locked := _locked(django_request)) is not None:
                    return locked
                return _otp_refused(
                    "That code is not right, or has expired. Send the current code."
                )
            second_factor = True
        client = form.validated_data["client"]
        with transaction.atomic():
            token, secret = issue_api_token(
                user=user, client=client, second_factor=second_factor, now=timezone.now()
            )
            # As the web sign-in: resets the failure count (django-axes) and sets last_login.
            user_logged_in.send(sender=user.__class__, request=django_request, user=user)
            record_access(
                user=user,
                action=Action.LOGIN,
                request=django_request,
                detail={"via": "api_token", "client": client, "second_factor": second_factor},
            )
        return Response({"token": secret, "expires_at": token.expiry, "client": client})


class LogoutView(APIView):
    """Revoke the token this request was made with (a browser session is signed out)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={204: OpenApiResponse(description="Signed out: the token no longer works.")},
    )
    def post(self, request):
        from django.contrib.auth import logout

        user = request.user
        with transaction.atomic():
            if isinstance(request.auth, ApiToken):
                detail = {"via": "api_token", "client": request.auth.client}
                request.auth.delete()
            else:
                detail = {"via": "api_session"}
                logout(request._request)
            record_access(user=user, action=Action.LOGOUT, request=request._request, detail=detail)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ForceList(generics.ListAPIView):
    queryset = Force.objects.order_by("code")
    serializer_class = ForceSerializer
    ordering_fields = ["code", "name"]

from __future__ import annotations

from django.contrib.auth import authenticate
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Force
from accounts.serializers import ForceSerializer, TokenRequestSerializer, TokenSerializer
from audit.models import Action
from audit.services import record_access


class ObtainTokenView(APIView):
    """POST username and password, get a token. Failures count towards the web lockout."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenSerializer})
    def post(self, request):
        form = TokenRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        username = form.validated_data["username"]
        # Authenticate against the Django request so that django-axes counts the attempt.
        django_request = request._request
        user = authenticate(django_request, username=username, password=form.validated_data["password"])
        if getattr(django_request, "axes_locked_out", False):
            return Response(
                {"detail": "Too many failed sign-in attempts. This account is locked; try again later."},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        if user is None or not user.is_active:
            record_access(user=None, username=username, action=Action.LOGIN_FAILED, request=django_request)
            return Response(
                {"non_field_errors": ["Unable to sign in with that username and password."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        with transaction.atomic():
            token, _ = Token.objects.get_or_create(user=user)
            record_access(user=user, action=Action.LOGIN, request=django_request, detail={"via": "api_token"})
        return Response({"token": token.key})


class ForceList(generics.ListAPIView):
    queryset = Force.objects.order_by("code")
    serializer_class = ForceSerializer
    ordering_fields = ["code", "name"]



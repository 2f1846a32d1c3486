"""API authentication: django-rest-knox tokens (accounts.ApiToken), refused for a user whose
role now needs a second factor when the token was issued without one."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from rest_framework import exceptions


class ApiTokenAuthentication(TokenAuthentication):
    def validate_user(self, auth_token):
        from accounts.middleware import mfa_required

        user, token = super().validate_user(auth_token)
        if mfa_required(user) and not token.second_factor:
            raise exceptions.AuthenticationFailed(
                "This token was issued without a second factor. Ask for a new one, sending otp."
            )
        return user, token


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes ApiTokenAuthentication."""

    target_class = "accounts.auth.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'A token from POST /api/v1/auth/token/, sent as "Token <token>".',
        }

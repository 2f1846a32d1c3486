"""API authentication: django-rest-knox tokens (accounts.ApiToken), refused for a user whose
role now needs a second factor when the token was issued without one."""

from __future__ import annotations

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

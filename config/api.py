"""API conventions shared by every app (API.md "Conventions")."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from core.concurrency import StaleVersion


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This record was changed by someone else. Reload it and try again."
    default_code = "stale_version"


def _validation_payload(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [str(m) for m in messages]
            for field, messages in exc.message_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


def exception_handler(exc, context):
    """DRF's handler, plus Django's ValidationError (from services) as a field-level 400
    and StaleVersion as a 409. Not found and not allowed stay one 404.

    Every refusal answered here marks the request's transaction (ATOMIC_REQUESTS) for
    rollback, as DRF's own handler does: a write made earlier in the same request is undone.
    """
    response = _refusal(exc, context)
    if response is not None:
        set_rollback()
    return response


def _refusal(exc, context):
    if isinstance(exc, DjangoValidationError):
        return Response(_validation_payload(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, StaleVersion):
        return Response(
            {"version": [str(exc)], "current_version": exc.current_version},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, Http404):
        exc = Http404("Not found.")
    if isinstance(exc, PermissionDenied):
        return Response(
            {"detail": str(exc) or "You do not have permission to do this."}, status=403
        )
    return drf_exception_handler(exc, context)

"""API conventions shared by every app (API.md "Conventions")."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import Http404
from django_filters import NumberFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from config.parsers import JSONParser  # noqa: F401 - kept importable from here
from core.concurrency import StaleVersion


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


# The widest integer any id or number column holds (PostgreSQL bigint).
INT_MAX = 2**63 - 1


# No API input nests anywhere near this deep; deeper JSON is refused before it is used.
class FilterBackend(DjangoFilterBackend):
    """django-filter, with every number filter bounded to what the database can compare:
    ``?offender=99999999999999999999`` is a 400 naming the parameter, not a 500."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            for name, filter_ in filterset.filters.items():
                field = filterset.form.fields.get(name)
                if isinstance(filter_, NumberFilter) and field is not None:
                    if not any(isinstance(v, MaxValueValidator) for v in field.validators):
                        field.validators.append(MaxValueValidator(INT_MAX))
                    if not any(isinstance(v, MinValueValidator) for v in field.validators):
                        field.validators.append(MinValueValidator(-INT_MAX - 1))
        return filterset


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
    if isinstance(exc, OverflowError):
        # A number too large for the database, from a query parameter a filter did not bound.
        return Response({"detail": "A number in the request is too large."}, status=400)
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


def json_error(request, status_code: int):
    """The JSON answer of an error page under /api/ (an unknown path, a server error)."""
    from django.http import JsonResponse

    detail = {
        404: "Not found.",
        403: "You do not have permission to do this.",
        500: "Server error.",
    }
    return JsonResponse({"detail": detail.get(status_code, "Error.")}, status=status_code)


def is_api_request(request) -> bool:
    return request.path_info.startswith("/api/")


# --- OpenAPI: the error answers every operation can give (API.md "Conventions") -----------

_ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
_VALIDATION_SCHEMA = {
    "type": "object",
    "description": "Field name (or non_field_errors) to its messages.",
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
            {"type": "object", "description": "A nested object's fields to their messages."},
        ]
    },
}
_CONFLICT_SCHEMA = {
    "type": "object",
    "properties": {
        "version": {"type": "array", "items": {"type": "string"}},
        "current_version": {"type": "integer"},
    },
}


def _answer(description: str, ref: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


def _bad_input(invalid: str, error: str) -> dict:
    """Messages by field, or one ``detail`` when the body is not JSON at all."""
    return {
        "description": "Invalid input: messages by field (or a detail for unreadable JSON).",
        "content": {
            "application/json": {"schema": {"anyOf": [{"$ref": invalid}, {"$ref": error}]}}
        },
    }


def _body_fields(operation, schemas) -> set[str]:
    """The property names of an operation's JSON request body (following one $ref)."""
    content = operation.get("requestBody", {}).get("content", {})
    schema = (content.get("application/json") or {}).get("schema") or {}
    if "$ref" in schema:
        schema = schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return set(schema.get("properties", {}))


def document_error_answers(result, generator, request, public):
    """drf-spectacular post-processing hook: add the 400/401/403/404/409 answers that the
    conventions give to every operation, where the operation can give them."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", _ERROR_SCHEMA)
    schemas.setdefault("ValidationError", _VALIDATION_SCHEMA)
    schemas.setdefault("StaleVersion", _CONFLICT_SCHEMA)
    error, invalid, stale = (
        f"#/components/schemas/{n}" for n in ("Error", "ValidationError", "StaleVersion")
    )
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            answers = operation.setdefault("responses", {})
            has_body = "requestBody" in operation
            has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
            if has_body or has_query:
                answers.setdefault("400", _bad_input(invalid, error))
            security = operation.get("security") or []
            if not security or {} in security:
                continue  # open to anyone (signing in): no 401/403/404/409 of this kind
            answers.setdefault(
                "401", _answer("No credentials, or a token expired or revoked.", error)
            )
            answers.setdefault("403", _answer("This role may not do this.", error))
            # Not found and not allowed are one 404: a record (in the path or the body) the
            # user may not see, or a need-to-know area (public protection) they are not in.
            answers.setdefault(
                "404", _answer("No such record, or not visible to this user.", error)
            )
            if "{" in path and (
                method in {"put", "patch"} or "version" in _body_fields(operation, schemas)
            ):
                answers.setdefault(
                    "409", _answer("Stale version: someone else changed the record.", stale)
                )
    return result

"""``GET /api/v1/reports/panel/?from=&to=&force=`` (API.md "Reports"): the panel report's
figures from live data, one object per section."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.periods import PeriodError
from dashboards import report
from dashboards.report_access import can_see_report, report_force


@extend_schema(
    parameters=[
        OpenApiParameter("from", OpenApiTypes.STR, description="First month, YYYY-MM or a date"),
        OpenApiParameter("to", OpenApiTypes.STR, description="Last month, YYYY-MM or a date"),
        OpenApiParameter("force", OpenApiTypes.STR, description="Force code (default: yours)"),
    ],
    responses={200: OpenApiTypes.OBJECT},
)
@api_view(["GET"])
def panel(request):
    """Every section of the report for whole months (default: the last complete quarter):
    ``headline`` figures with ``previous`` and ``year_before`` values, ``tables``, and
    ``not_recorded``; each figure's ``url`` lists exactly the records it counts."""
    if not can_see_report(request.user):
        raise PermissionDenied("The panel report is for analysts, supervisors and administrators.")
    try:
        period = report.report_period(request.query_params, timezone.localdate())
    except PeriodError as error:
        raise serializers.ValidationError({error.field: [error.message]}) from None
    force = report_force(request.user, request.query_params.get("force"))
    content = report.build(force, period, now=timezone.now())
    body = {key: content[key] for key in ("force", "period", "previous", "year_before")}
    for section in content["sections"]:
        body[section.pop("key")] = section
    return Response(body)

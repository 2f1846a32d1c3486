"""Bail and RUI API (API.md "Bail and released under investigation"): thin views that parse,
authorise, call one service and respond."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from audit.api import PURPOSE_PARAMETER, LoggedList
from audit.services import record_access
from bail import figures, services
from bail.access import figures_scope, get_case_for_user, visible_cases
from bail.choices import CaseStatus
from bail.models import BailCase
from bail.permissions import can_see_bail_figures, can_work_on_bail
from bail.serializers import (
    BailCaseCreateInput,
    BailCaseOutput,
    BailEndInput,
    BailExtensionInput,
    BailRuiReviewInput,
    BailSummaryInput,
    BailSummaryOutput,
    BailVariationInput,
    today_context,
)
from core.calendar import local_date
from core.filters import ID_FILTER
from core.period_inputs import period_or_400

_PREFETCH = ("conditions", "extensions", "rui_reviews")


def _require_bail_role(user) -> None:
    if not can_work_on_bail(user):
        raise PermissionDenied("Your role does not work on bail cases.")


def _case_response(case, now, code=status.HTTP_200_OK) -> Response:
    case = visible_cases_for_output(case)
    return Response(BailCaseOutput(case, context=today_context(now)).data, status=code)


def visible_cases_for_output(case):
    """Reload the case with what the output prints (after a service changed it)."""
    return type(case).objects.for_lists().prefetch_related(*_PREFETCH).get(pk=case.pk)


class CaseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(field_name="state", choices=CaseStatus.choices)
    ends_before = django_filters.DateFilter(field_name="bail_period_ends", lookup_expr="lt")
    force = django_filters.CharFilter(field_name="force__code")
    offender = django_filters.NumberFilter(field_name="offender_id", **ID_FILTER)
    officer_in_case = django_filters.NumberFilter(field_name="officer_in_case_id", **ID_FILTER)
    district = django_filters.NumberFilter(field_name="district_id", **ID_FILTER)
    offence_type = django_filters.NumberFilter(field_name="offence_type_id", **ID_FILTER)


@extend_schema(methods=["GET"], parameters=[PURPOSE_PARAMETER])
class CaseList(LoggedList, generics.ListCreateAPIView):
    """GET: cases of people the caller may see (logged, with everyone listed). POST: release
    on bail or under investigation."""

    read_purpose = "Bail and RUI cases"

    queryset = BailCase.objects.none()  # for the schema; get_queryset is the real one
    serializer_class = BailCaseOutput
    filterset_class = CaseFilter
    ordering_fields = ["bail_period_ends", "arrested_on", "created_at", "next_rui_review_due"]
    ordering = ["-created_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return BailCase.objects.none()
        _require_bail_role(self.request.user)
        today = local_date(timezone.now())
        return visible_cases(self.request.user).with_state(today).prefetch_related(*_PREFETCH)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), **today_context(timezone.now())}

    @extend_schema(request=BailCaseCreateInput, responses={201: BailCaseOutput})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        _require_bail_role(request.user)
        data = BailCaseCreateInput(data=request.data, user=request.user)
        data.is_valid(raise_exception=True)
        now = timezone.now()
        case = services.open_case(**data.validated_data, by=request.user, now=now)
        return _case_response(case, now, status.HTTP_201_CREATED)


@extend_schema(responses={200: BailCaseOutput})
@api_view(["GET"])
def case_detail(request, pk):
    _require_bail_role(request.user)
    case = get_case_for_user(request.user, pk)
    record_access(
        user=request.user, action="view", offender=case.offender, target=case, request=request
    )
    return Response(BailCaseOutput(case, context=today_context(timezone.now())).data)


@extend_schema(request=BailExtensionInput, responses={201: BailCaseOutput})
@api_view(["POST"])
def extend(request, pk):
    _require_bail_role(request.user)
    case = get_case_for_user(request.user, pk)
    data = BailExtensionInput(data=request.data)
    data.is_valid(raise_exception=True)
    values = data.validated_data
    now = timezone.now()
    services.extend_bail(
        case=case,
        authority=values["authority"],
        decided_on=values["decided_on"],
        authorised_by_name=values["authorised_by"]["name"],
        authorised_by_rank=values["authorised_by"].get("rank") or None,
        designated_case=values["designated_case"],
        section_47zf7_case=values["section_47zf7_case"],
        version=values["version"],
        by=request.user,
        now=now,
    )
    return _case_response(case, now, status.HTTP_201_CREATED)


@extend_schema(request=BailEndInput, responses={200: BailCaseOutput})
@api_view(["POST"])
def end(request, pk):
    _require_bail_role(request.user)
    case = get_case_for_user(request.user, pk)
    data = BailEndInput(data=request.data)
    data.is_valid(raise_exception=True)
    now = timezone.now()
    services.end_case(case=case, **data.validated_data, by=request.user, now=now)
    return _case_response(case, now)


@extend_schema(request=BailVariationInput, responses={201: BailCaseOutput})
@api_view(["POST"])
def vary_conditions(request, pk):
    _require_bail_role(request.user)
    case = get_case_for_user(request.user, pk)
    data = BailVariationInput(data=request.data)
    data.is_valid(raise_exception=True)
    now = timezone.now()
    services.vary_conditions(case=case, **data.validated_data, by=request.user, now=now)
    return _case_response(case, now, status.HTTP_201_CREATED)


@extend_schema(request=BailRuiReviewInput, responses={201: BailCaseOutput})
@api_view(["POST"])
def rui_review(request, pk):
    _require_bail_role(request.user)
    case = get_case_for_user(request.user, pk)
    data = BailRuiReviewInput(data=request.data)
    data.is_valid(raise_exception=True)
    now = timezone.now()
    services.record_rui_review(case=case, **data.validated_data, by=request.user, now=now)
    return _case_response(case, now, status.HTTP_201_CREATED)


@extend_schema(
    parameters=[
        OpenApiParameter("from", OpenApiTypes.DATE, description="First day (default: a year ago)"),
        OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (default: today)"),
    ],
    responses={200: BailSummaryOutput},
)
@api_view(["GET"])
def summary(request):
    """Opened and closed per month, split bail / RUI, in the caller's force."""
    if not can_see_bail_figures(request.user):
        raise PermissionDenied("Your role does not see the bail figures.")
    data = BailSummaryInput(data=request.query_params)
    data.is_valid(raise_exception=True)
    today = local_date(timezone.now())
    last = data.validated_data.get("to") or today
    first = data.validated_data.get("from") or (last - dt.timedelta(days=365)).replace(day=1)
    period = period_or_400(first, last)
    months = figures.per_month(figures_scope(request.user), period)
    return Response(
        {
            "from": period.first,
            "to": period.last,
            "months": [
                {
                    "month": f"{row['month']:%Y-%m}",
                    "bail": row["bail"],
                    "rui": row["rui"],
                }
                for row in months
            ],
        }
    )

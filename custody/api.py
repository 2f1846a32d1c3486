"""Custody API (API.md "Custody"): thin views that parse, authorise, call one service and
answer. Refusals from the rules are field-level 400s (config.api.exception_handler)."""

from __future__ import annotations

from collections.abc import Callable

import django_filters
from django.db.models import Count, Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from audit.api import PURPOSE_PARAMETER, LoggedList
from audit.models import Action
from audit.services import record_access
from core.filters import ID_FILTER, ID_MAX
from custody import access, permissions, services
from custody import serializers as s
from custody.models import CustodySuite, Detention, S136Detention
from offenders.access import visible_offenders


class SuiteList(generics.ListAPIView):
    """The Police Investigation Centres, with their cells in service (reference data)."""

    serializer_class = s.SuiteSerializer
    filterset_fields = ["code"]
    ordering_fields = ["name", "code"]
    ordering = ["force__code", "name"]

    def get_queryset(self):
        return (
            CustodySuite.objects.filter(active=True)
            .select_related("force", "local_authority")
            .annotate(cell_count=Count("cells", filter=Q(cells__in_service=True)))
        )


def _suite_matches(queryset, value: str):
    if value.isdigit():
        return queryset.filter(pk=int(value))
    return queryset.filter(code=value)


class DetentionFilter(django_filters.FilterSet):
    suite = django_filters.CharFilter(method="filter_suite", help_text="Suite id or code.")
    in_custody = django_filters.BooleanFilter(field_name="released_at", lookup_expr="isnull")
    is_child = django_filters.BooleanFilter()
    arrived_after = django_filters.IsoDateTimeFilter(field_name="arrived_at", lookup_expr="gte")
    arrived_before = django_filters.IsoDateTimeFilter(field_name="arrived_at", lookup_expr="lt")
    offender = django_filters.NumberFilter(field_name="offender_id", **ID_FILTER)

    class Meta:
        model = Detention
        fields = ["suite", "in_custody", "is_child", "arrived_after", "arrived_before", "offender"]

    def filter_suite(self, queryset, name, value):
        if value.isdigit():
            if int(value) > ID_MAX:
                raise ValidationError({"suite": ["Enter a suite id or code."]})
            return queryset.filter(suite_id=int(value))
        return queryset.filter(suite__code=value)


def _require_reader(user) -> None:
    if not permissions.can_view_custody(user):
        raise PermissionDenied(
            "Custody records are for custody officers, inspectors and supervisors."
        )


def _require_recorder(user) -> None:
    if not permissions.can_record_custody(user):
        raise PermissionDenied("Only custody officers and inspectors record custody events.")


def _detail(request, detention_id) -> Response:
    detention = access.get_detention_for_user(request.user, detention_id)
    return Response(
        s.DetentionDetailSerializer(detention, context={"now": timezone.now()}).data,
        status=status.HTTP_201_CREATED,
    )


@extend_schema(methods=["GET"], parameters=[PURPOSE_PARAMETER])
class DetentionListCreate(LoggedList, generics.ListCreateAPIView):
    """GET: detentions of people you may see (logged, with everyone listed). POST: book a
    person in (API.md)."""

    read_purpose = "Custody detentions"

    serializer_class = s.DetentionSerializer
    filterset_class = DetentionFilter
    ordering_fields = ["arrived_at", "detention_limit_at", "next_review_due_at"]
    ordering = ["-arrived_at", "-pk"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Detention.objects.none()
        _require_reader(self.request.user)
        return access.visible_detentions(self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}

    @extend_schema(request=s.BookInInput, responses={201: s.DetentionSerializer})
    def post(self, request, *args, **kwargs):
        _require_recorder(request.user)
        form = s.BookInInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        offender = visible_offenders(request.user).filter(pk=data["offender"]).first()
        if offender is None:
            raise ValidationError({"offender": ["No such person."]})
        suite = _suite_matches(access.suites_for(request.user), data["suite"]).first()
        if suite is None:
            raise ValidationError({"suite": ["No such custody suite in your force."]})
        cell = None
        if data.get("cell") is not None:
            cell = s.resolve_cell(suite, data["cell"])
            if cell is None:
                raise ValidationError({"cell": [f"{suite.name} has no cell {data['cell']}."]})
        detention = services.book_in(
            offender=offender,
            suite=suite,
            cell=cell,
            arrested_at=data["arrested_at"],
            arrived_at=data["arrived_at"],
            detention_authorised_at=data["detention_authorised_at"],
            offence=data["offence"],
            indictable=data["indictable"],
            voluntary_attendance=data["voluntary_attendance"],
            vulnerable=data["vulnerable"],
            vulnerability_notes=data["vulnerability_notes"],
            appropriate_adult=data["appropriate_adult"],
            welfare_person=data["welfare_person"],
            by=request.user,
        )
        return _detail(request, detention.pk)


class DetentionDetail(generics.RetrieveAPIView):
    serializer_class = s.DetentionDetailSerializer

    def get_object(self):
        _require_reader(self.request.user)
        detention = access.get_detention_for_user(self.request.user, self.kwargs["pk"])
        record_access(
            user=self.request.user,
            action=Action.VIEW,
            offender=detention.offender,
            target=detention,
            request=self.request._request,
        )
        return detention

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}


def _act(request, pk, form_class, call: Callable) -> Response:
    """Parse ``form_class``, authorise a recorder, and run ``call(detention, data)``."""
    _require_recorder(request.user)
    detention = access.get_detention_for_user(request.user, pk)
    form = form_class(data=request.data, context={"request": request})
    form.is_valid(raise_exception=True)
    call(detention, form.validated_data)
    return _detail(request, detention.pk)


def _by(data, key="authorised_by") -> tuple[str, str]:
    person = data.get(key) or {}
    return person.get("name", ""), person.get("rank", "")


@extend_schema(request=s.ReviewInput, responses={201: s.DetentionDetailSerializer})
@api_view(["POST"])
def reviews(request, pk):
    def call(detention, data):
        name, rank = _by(data)
        services.record_review(
            detention=detention,
            held_at=data["held_at"],
            reviewer_name=name,
            reviewer_rank=rank,
            postponement_reason=data["postponement_reason"],
            notes=data["notes"],
            involved_in_investigation=data["involved_in_investigation"],
            by=request.user,
        )

    return _act(request, pk, s.ReviewInput, call)


@extend_schema(request=s.ExtensionInput, responses={201: s.DetentionDetailSerializer})
@api_view(["POST"])
def extensions(request, pk):
    def call(detention, data):
        name, rank = _by(data)
        services.grant_extension(
            detention=detention,
            kind=data["kind"],
            authorised_at=data["authorised_at"],
            until=data["until"],
            authorised_by_name=name,
            authorised_by_rank=rank,
            court=data["court"],
            by=request.user,
        )

    return _act(request, pk, s.ExtensionInput, call)


@extend_schema(request=s.HospitalInput, responses={201: s.DetentionDetailSerializer})
@api_view(["POST"])
def hospital_periods(request, pk):
    def call(detention, data):
        services.record_hospital_period(detention=detention, by=request.user, **data)

    return _act(request, pk, s.HospitalInput, call)


@extend_schema(request=s.GoldenHourCallInput, responses={201: s.DetentionDetailSerializer})
@api_view(["POST"])
def golden_hour_call(request, pk):
    def call(detention, data):
        services.record_golden_hour_call(detention=detention, by=request.user, **data)

    return _act(request, pk, s.GoldenHourCallInput, call)


@extend_schema(request=s.ChargeInput, responses={201: s.DetentionDetailSerializer})
@api_view(["POST"])
def charge(request, pk):
    def call(detention, data):
        services.record_charge(detention=detention, charged_at=data["charged_at"], by=request.user)

    return _act(request, pk, s.ChargeInput, call)


@extend_schema(request=s.ReleaseInput, responses={201: s.DetentionDetailSerializer})
@api_view(["POST"])
def release(request, pk):
    def call(detention, data):
        services.release(
            detention=detention,
            released_at=data["released_at"],
            outcome=data["outcome"],
            notes=data["notes"],
            bail_details={
                key: data[key]
                for key in (
                    "officer_in_case",
                    "district",
                    "conditions",
                    "victim_views",
                    "return_date",
                )
            },
            by=request.user,
        )

    return _act(request, pk, s.ReleaseInput, call)


@extend_schema(request=s.JuvenileTransferInput, responses={201: s.DetentionDetailSerializer})
@api_view(["POST"])
def juvenile_transfers(request, pk):
    def call(detention, data):
        services.record_juvenile_transfer(detention=detention, by=request.user, **data)

    return _act(request, pk, s.JuvenileTransferInput, call)


@extend_schema(request=s.SearchInput, responses={201: s.DetentionDetailSerializer})
@api_view(["POST"])
def searches(request, pk):
    def call(detention, data):
        name, rank = _by(data)
        fields = {k: v for k, v in data.items() if k != "authorised_by"}
        fields["present"] = [dict(person) for person in data["present"]]
        services.record_search(
            detention=detention,
            authorised_by_name=name,
            authorised_by_rank=rank,
            by=request.user,
            **fields,
        )

    return _act(request, pk, s.SearchInput, call)


@extend_schema(request=s.UseOfForceInput, responses={201: s.DetentionDetailSerializer})
@api_view(["POST"])
def uses_of_force(request, pk):
    def call(detention, data):
        services.record_use_of_force(detention=detention, by=request.user, **data)

    return _act(request, pk, s.UseOfForceInput, call)


@extend_schema(request=s.ControlMeasureInput, responses={201: s.DetentionDetailSerializer})
@api_view(["POST"])
def control_measures(request, pk):
    def call(detention, data):
        name, rank = _by(data)
        services.record_control_measure(
            detention=detention,
            kind=data["kind"],
            started_at=data["started_at"],
            ended_at=data["ended_at"],
            reason=data["reason"],
            authorised_by_name=name,
            authorised_by_rank=rank,
            by=request.user,
        )

    return _act(request, pk, s.ControlMeasureInput, call)


@extend_schema(request=s.MentalHealthAssessmentInput, responses={201: s.DetentionDetailSerializer})
@api_view(["POST"])
def mental_health_assessments(request, pk):
    def call(detention, data):
        services.record_mental_health_assessment(detention=detention, by=request.user, **data)

    return _act(request, pk, s.MentalHealthAssessmentInput, call)


# --- s.136 -----------------------------------------------------------------------------


@extend_schema(methods=["GET"], parameters=[PURPOSE_PARAMETER])
class S136ListCreate(LoggedList, generics.ListCreateAPIView):
    """GET: s.136 records of people you may see (logged, with everyone listed). POST: record
    a removal to a place of safety."""

    read_purpose = "Mental Health Act s.136 records"
    serializer_class = s.S136Serializer
    filterset_fields = ["place", "is_child"]
    ordering_fields = ["started_at"]
    ordering = ["-started_at", "-pk"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return S136Detention.objects.none()
        _require_reader(self.request.user)
        return access.visible_s136(self.request.user)

    @extend_schema(request=s.S136Input, responses={201: s.S136Serializer})
    def post(self, request, *args, **kwargs):
        _require_recorder(request.user)
        form = s.S136Input(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        offender = visible_offenders(request.user).filter(pk=data["offender"]).first()
        if offender is None:
            raise ValidationError({"offender": ["No such person."]})
        suite = None
        if data["suite"]:
            suite = _suite_matches(access.suites_for(request.user), data["suite"]).first()
            if suite is None:
                raise ValidationError({"suite": ["No such custody suite in your force."]})
        decided_name, decided_rank = _by(data, "decided_by")
        authorised_name, authorised_rank = _by(data)
        record = services.record_s136(
            offender=offender,
            place=data["place"],
            suite=suite,
            started_at=data["started_at"],
            decided_by_name=decided_name,
            decided_by_rank=decided_rank,
            authorised_by_name=authorised_name,
            authorised_by_rank=authorised_rank,
            imminent_risk=data["imminent_risk"],
            no_other_place=data["no_other_place"],
            healthcare_professional_available=data["healthcare_professional_available"],
            reasons=data["reasons"],
            by=request.user,
        )
        return Response(s.S136Serializer(record).data, status=status.HTTP_201_CREATED)


def _s136_answer(user, pk) -> Response:
    record = access.get_s136_for_user(user, pk)
    return Response(s.S136Serializer(record).data, status=status.HTTP_201_CREATED)


@extend_schema(request=s.S136ExtensionInput, responses={201: s.S136Serializer})
@api_view(["POST"])
def s136_extension(request, pk):
    _require_recorder(request.user)
    record = access.get_s136_for_user(request.user, pk)
    form = s.S136ExtensionInput(data=request.data)
    form.is_valid(raise_exception=True)
    data = form.validated_data
    name, rank = _by(data, "approved_by")
    services.extend_s136(
        record=record,
        authorised_at=data["authorised_at"],
        until=data["until"],
        extended_by_name=data["extended_by_name"],
        by_registered_medical_practitioner=data["by_registered_medical_practitioner"],
        condition_prevents_assessment=data["condition_prevents_assessment"],
        approved_by_name=name,
        approved_by_rank=rank,
        by=request.user,
    )
    return _s136_answer(request.user, pk)


@extend_schema(request=s.S136EndInput, responses={201: s.S136Serializer})
@api_view(["POST"])
def s136_end(request, pk):
    _require_recorder(request.user)
    record: S136Detention = access.get_s136_for_user(request.user, pk)
    form = s.S136EndInput(data=request.data)
    form.is_valid(raise_exception=True)
    services.end_s136(
        record=record,
        ended_at=form.validated_data["ended_at"],
        outcome=form.validated_data["outcome"],
        by=request.user,
    )
    return _s136_answer(request.user, pk)

"""Thin API views (API.md "Out-of-court disposals"): parse, authorise, call one service, respond."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from audit.api import PURPOSE_PARAMETER, LoggedList
from core.filters import ID_FILTER
from disposals import access, access_log, panel, permissions, reports, services
from disposals.models import (
    DISPOSAL_TYPE_CHOICES,
    STATUS_CHOICES,
    Disposal,
    DisposalCondition,
    Intervention,
    Referral,
    RestorativeJusticeReferral,
)
from disposals.serializers import (
    BreachInput,
    BreachSerializer,
    CompleteInput,
    ConditionCompleteInput,
    ConditionSerializer,
    DecisionInput,
    DisposalSerializer,
    InterventionSerializer,
    PanelReleaseInput,
    PanelTextSerializer,
    PeriodInput,
    ProgressInput,
    ReferralInput,
    ReferralSerializer,
    RJReferralInput,
    RJSerializer,
    RJUpdateInput,
    SampleInput,
    ScrutinyInput,
    WithdrawInput,
)

PERIOD_PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, required=True),
    OpenApiParameter("to", OpenApiTypes.DATE, required=True),
]


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Your role does not allow this.")


def _detail_queryset(user):
    return access.visible_disposals(user).prefetch_related(
        "conditions",
        Prefetch("referrals", queryset=Referral.objects.select_related("intervention")),
        "breaches",
    )


def _disposal_for_write(request, pk) -> Disposal:
    _require(permissions.can_manage_disposals(request.user))
    return access.get_disposal_for_user(request.user, pk)


def _respond(disposal: Disposal, code=status.HTTP_200_OK) -> Response:
    fresh = _detail_queryset_unscoped().get(pk=disposal.pk)
    return Response(DisposalSerializer(fresh).data, status=code)


def _detail_queryset_unscoped():
    return Disposal.objects.select_related("district").prefetch_related(
        "conditions",
        Prefetch("referrals", queryset=Referral.objects.select_related("intervention")),
        "breaches",
    )


class InterventionList(generics.ListAPIView):
    serializer_class = InterventionSerializer
    filterset_fields = ["active"]
    ordering_fields = ["name", "code"]
    ordering = ["name"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Intervention.objects.none()
        _require(permissions.can_read_disposals(self.request.user))
        return Intervention.objects.all()


class DisposalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES)
    disposal_type = django_filters.ChoiceFilter(choices=DISPOSAL_TYPE_CHOICES)
    offender = django_filters.NumberFilter(field_name="offender_id", **ID_FILTER)
    district = django_filters.CharFilter(field_name="district__code")
    decided_from = django_filters.DateFilter(field_name="decided_on", lookup_expr="gte")
    decided_to = django_filters.DateFilter(field_name="decided_on", lookup_expr="lte")

    class Meta:
        model = Disposal
        fields = ["status", "disposal_type", "offender", "district", "decided_from", "decided_to"]


@extend_schema(methods=["GET"], parameters=[PURPOSE_PARAMETER])
class DisposalListCreate(LoggedList, generics.ListAPIView):
    """GET: the disposals of people the caller may see (logged, with everyone listed).
    POST: decide a disposal."""

    read_purpose = "Out-of-court disposals"

    serializer_class = DisposalSerializer
    filterset_class = DisposalFilter
    ordering_fields = ["decided_on", "id"]
    ordering = ["-decided_on", "-id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Disposal.objects.none()
        _require(permissions.can_read_disposals(self.request.user))
        return _detail_queryset(self.request.user)

    @extend_schema(request=DecisionInput, responses={201: DisposalSerializer})
    def post(self, request):
        _require(permissions.can_manage_disposals(request.user))
        data = DecisionInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        disposal = services.decide(
            today=timezone.localdate(), **data.service_arguments(), by=request.user
        )
        return _respond(disposal, status.HTTP_201_CREATED)


@extend_schema(responses=DisposalSerializer)
@api_view(["GET"])
def disposal_detail(request, pk):
    _require(permissions.can_read_disposals(request.user))
    disposal = get_object_or_404(_detail_queryset(request.user), pk=pk)
    access_log.record_view(user=request.user, disposal=disposal, request=request)
    return Response(DisposalSerializer(disposal).data)


@extend_schema(request=ReferralInput, responses={201: ReferralSerializer})
@api_view(["POST"])
def referrals(request, pk):
    disposal = _disposal_for_write(request, pk)
    data = ReferralInput(data=request.data)
    data.is_valid(raise_exception=True)
    condition = None
    if data.validated_data.get("condition"):
        condition = DisposalCondition.objects.filter(
            disposal=disposal, pk=data.validated_data["condition"]
        ).first()
        if condition is None:
            return Response({"condition": ["Choose a condition of this disposal."]}, status=400)
    referral = services.refer(
        today=timezone.localdate(),
        disposal=disposal,
        intervention=data.validated_data["intervention"],
        referred_on=data.validated_data["referred_on"],
        condition=condition,
        by=request.user,
    )
    return Response(
        ReferralSerializer(
            Referral.objects.select_related("intervention").get(pk=referral.pk)
        ).data,
        status=201,
    )


@extend_schema(request=ProgressInput, responses=ReferralSerializer)
@api_view(["POST"])
def referral_progress(request, pk, rid):
    disposal = _disposal_for_write(request, pk)
    referral = get_object_or_404(Referral, disposal=disposal, pk=rid)
    data = ProgressInput(data=request.data)
    data.is_valid(raise_exception=True)
    referral = services.progress_referral(
        today=timezone.localdate(), referral=referral, by=request.user, **data.validated_data
    )
    return Response(
        ReferralSerializer(Referral.objects.select_related("intervention").get(pk=referral.pk)).data
    )


@extend_schema(request=ConditionCompleteInput, responses=ConditionSerializer)
@api_view(["POST"])
def condition_complete(request, pk, cid):
    disposal = _disposal_for_write(request, pk)
    condition = get_object_or_404(DisposalCondition, disposal=disposal, pk=cid)
    data = ConditionCompleteInput(data=request.data)
    data.is_valid(raise_exception=True)
    condition = services.complete_condition(
        today=timezone.localdate(),
        condition=condition,
        on=data.validated_data["on"],
        by=request.user,
    )
    return Response(ConditionSerializer(condition).data)


@extend_schema(request=CompleteInput, responses=DisposalSerializer)
@api_view(["POST"])
def complete(request, pk):
    disposal = _disposal_for_write(request, pk)
    data = CompleteInput(data=request.data)
    data.is_valid(raise_exception=True)
    disposal = services.complete(
        today=timezone.localdate(), disposal=disposal, by=request.user, **data.validated_data
    )
    return _respond(disposal)


@extend_schema(request=BreachInput, responses={201: OpenApiTypes.OBJECT})
@api_view(["POST"])
def breach(request, pk):
    disposal = _disposal_for_write(request, pk)
    data = BreachInput(data=request.data)
    data.is_valid(raise_exception=True)
    recorded = services.record_breach(
        today=timezone.localdate(), disposal=disposal, by=request.user, **data.validated_data
    )
    disposal.refresh_from_db(fields=["status", "version"])
    return Response(
        {**BreachSerializer(recorded).data, "status": disposal.status, "version": disposal.version},
        status=201,
    )


@extend_schema(request=WithdrawInput, responses=DisposalSerializer)
@api_view(["POST"])
def withdraw(request, pk):
    disposal = _disposal_for_write(request, pk)
    data = WithdrawInput(data=request.data)
    data.is_valid(raise_exception=True)
    disposal = services.withdraw(
        today=timezone.localdate(), disposal=disposal, by=request.user, **data.validated_data
    )
    return _respond(disposal)


@extend_schema(methods=["POST"], request=RJReferralInput, responses={201: RJSerializer})
@extend_schema(methods=["PATCH"], request=RJUpdateInput, responses=RJSerializer)
@api_view(["POST", "PATCH"])
def restorative_justice(request, pk):
    disposal = _disposal_for_write(request, pk)
    if request.method == "POST":
        data = RJReferralInput(data=request.data)
        data.is_valid(raise_exception=True)
        referral = services.refer_to_rj(
            today=timezone.localdate(), disposal=disposal, by=request.user, **data.validated_data
        )
        return Response(RJSerializer(referral).data, status=201)
    referral = get_object_or_404(RestorativeJusticeReferral, disposal=disposal)
    data = RJUpdateInput(data=request.data)
    data.is_valid(raise_exception=True)
    referral = services.update_rj(
        today=timezone.localdate(), referral=referral, by=request.user, **data.validated_data
    )
    return Response(RJSerializer(referral).data)


@extend_schema(parameters=PERIOD_PARAMETERS, responses=OpenApiTypes.OBJECT)
@api_view(["GET"])
def summary(request):
    _require(permissions.can_see_figures(request.user))
    period = PeriodInput(data=request.query_params)
    period.is_valid(raise_exception=True)
    return Response(
        reports.summary(
            access.figure_disposals(request.user),
            period.validated_data["from"],
            period.validated_data["to"],
        )
    )


@extend_schema(
    parameters=[*PERIOD_PARAMETERS, OpenApiParameter("size", int)], responses=OpenApiTypes.OBJECT
)
@api_view(["GET"])
def scrutiny_sample(request):
    _require(permissions.can_scrutinise(request.user))
    params = SampleInput(data=request.query_params)
    params.is_valid(raise_exception=True)
    sample = reports.scrutiny_sample(
        access.scrutiny_disposals(request.user),
        start=params.validated_data["from"],
        end=params.validated_data["to"],
        size=params.validated_data["size"],
        reviewer=request.user,
    )
    access_log.record_sample_view(user=request.user, sample=sample, request=request)
    return Response(sample)


@extend_schema(request=ScrutinyInput, responses={201: OpenApiTypes.OBJECT})
@api_view(["POST"])
def scrutiny(request, pk):
    _require(permissions.can_scrutinise(request.user))
    disposal = get_object_or_404(access.released_to_panel(request.user), pk=pk)
    data = ScrutinyInput(data=request.data)
    data.is_valid(raise_exception=True)
    review = services.record_scrutiny(
        today=timezone.localdate(), disposal=disposal, reviewer=request.user, **data.validated_data
    )
    return Response(
        {
            "disposal": disposal.pk,
            "finding": review.finding,
            "learning": review.learning,
            "reviewed_on": review.reviewed_on.isoformat(),
        },
        status=201,
    )


def _panel_text(disposal) -> dict:
    release = getattr(disposal, "panel_release", None)
    texts = (
        {"offence": release.offence, "conditions": release.conditions}
        if release
        else panel.redacted_texts(disposal)
    )
    return {
        "disposal": disposal.pk,
        **texts,
        "released": release is not None,
        "released_at": release.released_at if release else None,
    }


@extend_schema(
    methods=["GET"], responses={200: PanelTextSerializer}, description="The redacted preview."
)
@extend_schema(
    methods=["POST"],
    request=PanelReleaseInput,
    responses={201: PanelTextSerializer},
    description="Release the case to the scrutiny panel with this (re-redacted) text.",
)
@api_view(["GET", "POST"])
def panel_release(request, pk):
    """The Offender Diversion Team's "prepared for panel" step (issue 12 item 5)."""
    _require(permissions.can_prepare_for_panel(request.user))
    queryset = (
        access.scrutiny_disposals(request.user)
        .select_related("offender", "panel_release")
        .prefetch_related("conditions", "offender__aliases", "offender__addresses")
    )
    disposal = get_object_or_404(queryset, pk=pk)
    if request.method == "GET":
        return Response(PanelTextSerializer(_panel_text(disposal)).data)
    data = PanelReleaseInput(data=request.data)
    data.is_valid(raise_exception=True)
    services.release_to_panel(
        disposal=disposal,
        offence=data.validated_data["offence"],
        conditions={str(k): v for k, v in data.validated_data["conditions"].items()},
        by=request.user,
        now=timezone.now(),
    )
    disposal = get_object_or_404(queryset, pk=pk)
    return Response(PanelTextSerializer(_panel_text(disposal)).data, status=status.HTTP_201_CREATED)

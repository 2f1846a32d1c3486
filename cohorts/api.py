"""IOM API (API.md "IOM cohorts"): thin views — parse, authorise, call one service, respond."""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from accounts.models import User
from audit.api import PURPOSE_PARAMETER, LoggedList
from audit.models import Action
from audit.services import record_access
from cohorts import selectors, services
from cohorts.access import figures_force_id, visible_memberships
from cohorts.models import COHORT_CHOICES, IomMembership
from cohorts.permissions import can_manage_iom, can_view_iom_figures
from cohorts.serializers import (
    IomAdoptionInput,
    IomMembershipSerializer,
    IomMoveInput,
    IomRemovalInput,
    IomReviewInput,
    IomReviewSerializer,
    IomSummaryQuery,
    IomSummarySerializer,
    IomUpdateInput,
)
from offenders.access import visible_offenders


class CanManageIom(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_manage_iom(request.user)


class CanViewIomFigures(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_view_iom_figures(request.user)


class MembershipFilter(django_filters.FilterSet):
    cohort = django_filters.ChoiceFilter(choices=COHORT_CHOICES)
    open = django_filters.BooleanFilter(field_name="removed_on", lookup_expr="isnull")
    open_on = django_filters.DateFilter(method="filter_open_on")
    offender = django_filters.NumberFilter(
        field_name="offender_id", min_value=1, max_value=2**63 - 1
    )
    lead_officer = django_filters.CharFilter(field_name="lead_officer__username")
    adopted_after = django_filters.DateFilter(field_name="adopted_on", lookup_expr="gte")
    adopted_before = django_filters.DateFilter(field_name="adopted_on", lookup_expr="lte")
    removed_after = django_filters.DateFilter(field_name="removed_on", lookup_expr="gte")
    removed_before = django_filters.DateFilter(field_name="removed_on", lookup_expr="lte")

    class Meta:
        model = IomMembership
        fields = ["cohort", "open", "open_on", "offender", "lead_officer"]

    def filter_open_on(self, queryset, name, value):
        return queryset.open_on(value)


def _lead_officer(user, username: str):
    """The named lead officer, looked up in the caller's force only: a username of another
    force gets the same answer as one that does not exist (no way to learn who exists)."""
    lead = User.objects.filter(username=username, force_id=user.force_id).first()
    if lead is None:
        raise ValidationError({"lead_officer": [services.LEAD_OFFICER_RULE]})
    return lead


@extend_schema(methods=["GET"], parameters=[PURPOSE_PARAMETER])
class MembershipListCreate(LoggedList, generics.ListCreateAPIView):
    """GET: the memberships of people the caller may see (logged, with everyone listed).
    POST: adopt a person."""

    read_purpose = "IOM memberships"

    serializer_class = IomMembershipSerializer
    permission_classes = [permissions.IsAuthenticated, CanManageIom]
    filterset_class = MembershipFilter
    ordering_fields = ["adopted_on", "removed_on", "id"]
    ordering = ["-adopted_on", "-id"]

    def get_queryset(self):
        return visible_memberships(self.request.user)

    @extend_schema(request=IomAdoptionInput, responses={201: IomMembershipSerializer})
    def post(self, request, *args, **kwargs):
        data = _valid(IomAdoptionInput, request.data)
        offender = visible_offenders(request.user).filter(pk=data["offender"]).first()
        if offender is None:
            raise ValidationError({"offender": ["No such person."]})
        lead = request.user
        if data.get("lead_officer"):
            lead = _lead_officer(request.user, data["lead_officer"])
        membership = services.adopt_iom_member(
            offender=offender,
            cohort=data["cohort"],
            adopted_on=data["adopted_on"],
            reason=data["reason"],
            lead_officer=lead,
            by=request.user,
            today=timezone.localdate(),
            ogrs_score=data.get("ogrs_score"),
            statutory_supervision=data["statutory_supervision"],
            probation_contact=data["probation_contact"],
            managed_in_community=data["managed_in_community"],
            request=request,
        )
        membership = visible_memberships(request.user).get(pk=membership.pk)
        return Response(IomMembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


class MembershipDetail(generics.RetrieveAPIView):
    """GET: one membership (logged). PATCH: change its details."""

    serializer_class = IomMembershipSerializer
    permission_classes = [permissions.IsAuthenticated, CanManageIom]

    def get_queryset(self):
        return visible_memberships(self.request.user)

    @extend_schema(request=IomUpdateInput, responses={200: IomMembershipSerializer})
    def patch(self, request, *args, **kwargs):
        """Change the lead officer, probation contact or managed-in-community override;
        send the ``version`` you read (409 when it is stale)."""
        membership = self.get_object()
        data = _valid(IomUpdateInput, request.data)
        lead = None
        if "lead_officer" in data:
            lead = _lead_officer(request.user, data["lead_officer"])
        services.update_iom_member(
            membership=membership,
            version=data["version"],
            by=request.user,
            at=timezone.now(),
            lead_officer=lead,
            probation_contact=data.get("probation_contact"),
            managed_in_community=data.get("managed_in_community", services.UNSET),
            request=request,
        )
        return Response(IomMembershipSerializer(self.get_queryset().get(pk=membership.pk)).data)

    def retrieve(self, request, *args, **kwargs):
        membership = self.get_object()
        record_access(
            user=request.user,
            action=Action.VIEW,
            offender=membership.offender,
            target=membership,
            request=request,
        )
        return Response(self.get_serializer(membership).data)


def _valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _membership(request, pk) -> IomMembership:
    return get_object_or_404(visible_memberships(request.user), pk=pk)


@extend_schema(request=IomRemovalInput, responses={200: IomMembershipSerializer})
@api_view(["POST"])
@permission_classes([permissions.IsAuthenticated, CanManageIom])
def removal(request, pk: int):
    membership = _membership(request, pk)
    data = _valid(IomRemovalInput, request.data)
    services.remove_iom_member(
        membership=membership,
        removed_on=data["removed_on"],
        reason=data["reason"],
        note=data["note"],
        version=data.get("version"),
        by=request.user,
        at=timezone.now(),
        today=timezone.localdate(),
        request=request,
    )
    return Response(IomMembershipSerializer(_membership(request, pk)).data)


@extend_schema(request=IomMoveInput, responses={200: IomMembershipSerializer})
@api_view(["POST"])
@permission_classes([permissions.IsAuthenticated, CanManageIom])
def move(request, pk: int):
    membership = _membership(request, pk)
    data = _valid(IomMoveInput, request.data)
    _membership_row, warnings = services.move_iom_member(
        membership=membership,
        to_cohort=data["cohort"],
        moved_on=data["moved_on"],
        reason=data["reason"],
        version=data.get("version"),
        by=request.user,
        today=timezone.localdate(),
        request=request,
    )
    body = IomMembershipSerializer(_membership(request, pk)).data
    body["move_warnings"] = warnings
    return Response(body)


@extend_schema(request=IomReviewInput, responses={201: IomReviewSerializer})
@api_view(["POST"])
@permission_classes([permissions.IsAuthenticated, CanManageIom])
def review(request, pk: int):
    membership = _membership(request, pk)
    data = _valid(IomReviewInput, request.data)
    row = services.record_iom_review(
        membership=membership,
        reviewed_on=data["reviewed_on"],
        notes=data["notes"],
        by=request.user,
        today=timezone.localdate(),
        request=request,
    )
    return Response(IomReviewSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[IomSummaryQuery], responses={200: IomSummarySerializer})
@api_view(["GET"])
@permission_classes([permissions.IsAuthenticated, CanViewIomFigures])
def summary(request):
    """Counts on ``on`` (default today), adoptions and removals since ``since`` (default
    1 April), computed by ``rules.cohort_counts`` over the caller's force."""
    query = IomSummaryQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    memberships = selectors.memberships_for_figures(figures_force_id(request.user))
    counts = selectors.counts_on(
        memberships, query.validated_data["on"], query.validated_data.get("since")
    )
    return Response(IomSummarySerializer(counts).data)

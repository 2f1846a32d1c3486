"""Domestic-abuse API (API.md "Domestic abuse"): thin views — parse, authorise, call one
service, respond. Programme and notice records are for DAPU officers and supervisors only
(everyone else gets 404); the funnel's counts are for them and analysts (no names)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as BadRequest
from rest_framework.response import Response

from accounts.models import PolicingArea, User
from audit.api import PURPOSE_PARAMETER, LoggedList
from audit.models import Action
from audit.services import record_access
from core.calendar import local_date
from core.periods import PeriodError, parse_date
from domestic import access, figures, serializers, services
from domestic.models import StageMove
from domestic.permissions import can_see_dapu, can_see_dapu_figures
from offenders.access import visible_offenders


class DapuOnly(permissions.BasePermission):
    """Not allowed answers like not found (need-to-know)."""

    def has_permission(self, request, view):
        if not can_see_dapu(request.user):
            raise NotFound()
        return True


PERMS = [permissions.IsAuthenticated, DapuOnly]
PURPOSE = "DAPU programme"


def _valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _offender(request, pk):
    offender = visible_offenders(request.user).filter(pk=pk).first()
    if offender is None:
        raise ValidationError({"offender": ["No such person."]})
    return offender


def _area(request, code: str):
    if not code:
        return None
    area = PolicingArea.objects.filter(force_id=request.user.force_id, code=code).first()
    if area is None:
        raise ValidationError({"area": ["No such policing area in this force."]})
    return area


def _lead(request, username: str | None):
    if not username:
        return request.user
    lead = User.objects.filter(username=username, force_id=request.user.force_id).first()
    if lead is None:
        raise ValidationError({"lead_officer": [services.LEAD_OFFICER_RULE]})
    return lead


def _viewed(request, record) -> None:
    record_access(
        user=request.user,
        action=Action.VIEW,
        offender=record.offender,
        target=record,
        request=request,
        purpose=PURPOSE,
    )


def _entry_body(request, pk) -> dict:
    entry = access.get_entry_for_user(request.user, pk)
    return serializers.EntrySerializer(entry).data


# --- Notices --------------------------------------------------------------------------------


class NoticeListCreate(LoggedList, generics.ListCreateAPIView):
    read_purpose = "DVPN and DAPN notices"
    serializer_class = serializers.NoticeSerializer
    permission_classes = PERMS
    filterset_fields = ["kind", "result"]
    ordering_fields = ["given_at", "hearing_due_by", "id"]
    ordering = ["-given_at", "-id"]

    def get_queryset(self):
        return access.visible_notices(self.request.user)

    @extend_schema(request=serializers.NoticeInput, responses={201: serializers.NoticeSerializer})
    def post(self, request, *args, **kwargs):
        data = _valid(serializers.NoticeInput, request.data)
        authorised = data.pop("authorised_by")
        notice = services.give_notice(
            offender=_offender(request, data.pop("offender")),
            area=_area(request, data.pop("area")),
            authorised_by_name=authorised["name"],
            authorised_by_rank=authorised["rank"],
            by=request.user,
            now=timezone.now(),
            request=request,
            **data,
        )
        return Response(serializers.NoticeSerializer(notice).data, status=status.HTTP_201_CREATED)


@extend_schema(responses={200: serializers.NoticeSerializer})
@api_view(["GET"])
@permission_classes(PERMS)
def notice_detail(request, pk):
    notice = access.get_notice_for_user(request.user, pk)
    _viewed(request, notice)
    return Response(serializers.NoticeSerializer(notice).data)


@extend_schema(request=serializers.HearingInput, responses={200: serializers.NoticeSerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def hearing(request, pk):
    notice = access.get_notice_for_user(request.user, pk)
    data = _valid(serializers.HearingInput, request.data)
    notice = services.record_hearing(
        notice=notice, by=request.user, now=timezone.now(), request=request, **data
    )
    return Response(serializers.NoticeSerializer(notice).data)


# --- The programme --------------------------------------------------------------------------


class EntryListCreate(LoggedList, generics.ListCreateAPIView):
    read_purpose = "DAPU programme list"
    serializer_class = serializers.EntryListSerializer
    permission_classes = PERMS
    filterset_fields = ["stage", "source"]
    ordering_fields = ["started_on", "score", "id"]
    ordering = ["-started_on", "-id"]

    def get_queryset(self):
        return access.visible_entries(self.request.user)

    @extend_schema(request=serializers.EntryInput, responses={201: serializers.EntrySerializer})
    def post(self, request, *args, **kwargs):
        data = _valid(serializers.EntryInput, request.data)
        entry = services.put_on_programme(
            offender=_offender(request, data["offender"]),
            source=data["source"],
            started_on=data["started_on"],
            lead_officer=_lead(request, data.get("lead_officer")),
            area=_area(request, data["area"]),
            by=request.user,
            today=timezone.localdate(),
            at=timezone.now(),
            request=request,
        )
        return Response(_entry_body(request, entry.pk), status=status.HTTP_201_CREATED)


@extend_schema(responses={200: serializers.EntrySerializer})
@api_view(["GET"])
@permission_classes(PERMS)
def entry_detail(request, pk):
    entry = access.get_entry_for_user(request.user, pk)
    _viewed(request, entry)
    entry = (
        access.visible_entries(request.user)
        .prefetch_related(
            Prefetch("moves", queryset=StageMove.objects.select_related("moved_by")),
            "sessions",
            "contacts",
        )
        .get(pk=entry.pk)
    )
    return Response(serializers.EntrySerializer(entry).data)


@extend_schema(request=serializers.StageInput, responses={201: serializers.EntrySerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def stage(request, pk):
    entry = access.get_entry_for_user(request.user, pk)
    data = _valid(serializers.StageInput, request.data)
    services.move_stage(
        entry=entry,
        by=request.user,
        today=timezone.localdate(),
        at=timezone.now(),
        request=request,
        **data,
    )
    return Response(_entry_body(request, pk), status=status.HTTP_201_CREATED)


@extend_schema(request=serializers.ScoreInput, responses={201: OpenApiTypes.OBJECT})
@api_view(["POST"])
@permission_classes(PERMS)
def score(request, pk):
    entry = access.get_entry_for_user(request.user, pk)
    data = _valid(serializers.ScoreInput, request.data)
    scored = services.score_entry(
        entry=entry, by=request.user, today=timezone.localdate(), request=request, **data
    )
    return Response(
        {
            "score": float(scored.score),
            "recency": scored.recency,
            "frequency": scored.frequency,
            "gravity": scored.gravity,
            "weights": scored.weights,
            "scored_on": scored.scored_on,
            "entry": _entry_body(request, pk),
        },
        status=status.HTTP_201_CREATED,
    )


@extend_schema(request=serializers.SessionInput, responses={201: serializers.EntrySerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def sessions(request, pk):
    entry = access.get_entry_for_user(request.user, pk)
    data = _valid(serializers.SessionInput, request.data)
    services.record_session(
        entry=entry, by=request.user, today=timezone.localdate(), request=request, **data
    )
    return Response(_entry_body(request, pk), status=status.HTTP_201_CREATED)


@extend_schema(request=serializers.ContactInput, responses={201: serializers.EntrySerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def contacts(request, pk):
    entry = access.get_entry_for_user(request.user, pk)
    data = _valid(serializers.ContactInput, request.data)
    services.record_contact(
        entry=entry, by=request.user, today=timezone.localdate(), request=request, **data
    )
    return Response(_entry_body(request, pk), status=status.HTTP_201_CREATED)


# --- The funnel -----------------------------------------------------------------------------


def funnel_day(value: str | None, today: dt.date) -> dt.date:
    try:
        day = parse_date(value, "to")
    except PeriodError as refused:
        raise BadRequest({refused.field: [refused.message]}) from None
    return day or today


@extend_schema(
    parameters=[
        OpenApiParameter("to", OpenApiTypes.DATE, description="The day (default today)."),
        PURPOSE_PARAMETER,
    ],
    responses={200: OpenApiTypes.OBJECT},
)
@api_view(["GET"])
def funnel(request):
    """The programme table on ``to``: counts only, no names (analysts may read it)."""
    if not can_see_dapu_figures(request.user):
        raise PermissionDenied("Your role does not see the DAPU programme figures.")
    day = funnel_day(request.query_params.get("to"), local_date(timezone.now()))
    figures_ = figures.funnel(request.user.force_id, day)
    return Response({"to": day.isoformat(), **figures_})

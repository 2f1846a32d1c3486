"""Public-protection API (API.md "Public protection"): thin views — parse, authorise, call
one service, respond. Everyone outside the PPU, MAPPA and supervisors gets 404: for them
these records do not exist."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from accounts.models import PolicingArea, User
from audit.models import Action
from audit.services import declared_purpose, record_access, record_bulk_read
from offenders.access import visible_offenders
from protection import access, figures, serializers, services
from protection.permissions import can_see_public_protection


class PublicProtectionOnly(permissions.BasePermission):
    """Not allowed answers like not found (need-to-know)."""

    def has_permission(self, request, view):
        if not can_see_public_protection(request.user):
            raise NotFound()
        return True


PERMS = [permissions.IsAuthenticated, PublicProtectionOnly]


def _valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _offender(request, pk):
    offender = visible_offenders(request.user).filter(pk=pk).first()
    if offender is None:
        raise ValidationError({"offender": ["No such person."]})
    return offender


def _area(request, code: str, required: bool = False):
    if not code:
        if required:
            raise ValidationError({"area": ["Give the policing area code."]})
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


class LoggedList:
    """A list endpoint: one access-log event per response, linked to everyone on the page."""

    log_purpose = "Public protection"

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = page if page is not None else list(queryset)
        record_bulk_read(
            user=request.user,
            people=[row.offender_id for row in rows],
            purpose=declared_purpose(request, self.log_purpose),
            detail={"endpoint": request.path},
            request=request._request,
        )
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)


def _now() -> dict:
    return {"today": timezone.localdate(), "at": timezone.now()}


def _rso_body(request, pk) -> dict:
    return serializers.RsoSerializer(access.get_registration_for_user(request.user, pk)).data


class RsoListCreate(LoggedList, generics.ListCreateAPIView):
    log_purpose = "Public protection register"
    serializer_class = serializers.RsoListSerializer
    permission_classes = PERMS
    ordering_fields = ["started_on", "next_visit_due", "id"]
    ordering = ["-started_on", "-id"]

    def get_queryset(self):
        return access.visible_registrations(self.request.user)

    @extend_schema(request=serializers.RsoRegisterInput, responses={201: serializers.RsoSerializer})
    def post(self, request, *args, **kwargs):
        data = _valid(serializers.RsoRegisterInput, request.data)
        reg = services.register_rso(
            offender=_offender(request, data["offender"]),
            relevant_date=data["relevant_date"],
            disposal=data["disposal"],
            sentence_months=data.get("sentence_months"),
            life_or_ipp=data["life_or_ipp"],
            discharge_months=data.get("discharge_months"),
            in_custody_until=data.get("in_custody_until"),
            offence=data["offence"],
            area=_area(request, data["area"]),
            lead_officer=_lead(request, data.get("lead_officer")),
            by=request.user,
            today=timezone.localdate(),
            request=request,
        )
        return Response(_rso_body(request, reg.pk), status=status.HTTP_201_CREATED)


class RsoDetail(generics.RetrieveAPIView):
    serializer_class = serializers.RsoSerializer
    permission_classes = PERMS

    def get_queryset(self):
        return access.visible_registrations(self.request.user)

    def retrieve(self, request, *args, **kwargs):
        reg = self.get_object()
        record_access(
            user=request.user,
            action=Action.VIEW,
            offender=reg.offender,
            target=reg,
            request=request,
        )
        return Response(self.get_serializer(reg).data)


@extend_schema(request=serializers.NotificationInput, responses={201: serializers.RsoSerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def notifications(request, pk):
    reg = access.get_registration_for_user(request.user, pk)
    data = _valid(serializers.NotificationInput, request.data)
    services.record_notification(
        registration=reg, by=request.user, request=request, **_now(), **data
    )
    return Response(_rso_body(request, pk), status=status.HTTP_201_CREATED)


@extend_schema(
    request=serializers.FirstNotificationInput, responses={200: serializers.RsoSerializer}
)
@api_view(["POST"])
@permission_classes(PERMS)
def first_notification_after_release(request, pk):
    reg = access.get_registration_for_user(request.user, pk)
    data = _valid(serializers.FirstNotificationInput, request.data)
    services.record_first_notification_after_release(
        registration=reg, by=request.user, today=timezone.localdate(), request=request, **data
    )
    return Response(_rso_body(request, pk))


@extend_schema(request=serializers.RiskInput, responses={201: serializers.RsoSerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def risk(request, pk):
    reg = access.get_registration_for_user(request.user, pk)
    data = _valid(serializers.RiskInput, request.data)
    services.assess_risk(registration=reg, by=request.user, request=request, **_now(), **data)
    return Response(_rso_body(request, pk), status=status.HTTP_201_CREATED)


@extend_schema(request=serializers.VisitInput, responses={201: serializers.RsoSerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def visits(request, pk):
    reg = access.get_registration_for_user(request.user, pk)
    data = _valid(serializers.VisitInput, request.data)
    services.record_visit(registration=reg, by=request.user, request=request, **_now(), **data)
    return Response(_rso_body(request, pk), status=status.HTTP_201_CREATED)


@extend_schema(request=serializers.IntelligenceInput, responses={201: serializers.RsoSerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def intelligence(request, pk):
    reg = access.get_registration_for_user(request.user, pk)
    data = _valid(serializers.IntelligenceInput, request.data)
    services.record_intelligence(
        registration=reg, by=request.user, today=timezone.localdate(), request=request, **data
    )
    return Response(_rso_body(request, pk), status=status.HTTP_201_CREATED)


@extend_schema(request=serializers.CustodyInput, responses={200: serializers.RsoSerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def custody(request, pk):
    reg = access.get_registration_for_user(request.user, pk)
    data = _valid(serializers.CustodyInput, request.data)
    services.record_custody(registration=reg, by=request.user, request=request, **_now(), **data)
    return Response(_rso_body(request, pk))


@extend_schema(request=serializers.RsoEndInput, responses={200: serializers.RsoSerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def rso_end(request, pk):
    reg = access.get_registration_for_user(request.user, pk)
    data = _valid(serializers.RsoEndInput, request.data)
    services.end_registration(registration=reg, by=request.user, request=request, **_now(), **data)
    return Response(_rso_body(request, pk))


class OrderListCreate(LoggedList, generics.ListCreateAPIView):
    log_purpose = "Protective orders"
    serializer_class = serializers.OrderSerializer
    permission_classes = PERMS
    ordering_fields = ["made_on", "id"]
    ordering = ["-made_on", "-id"]

    def get_queryset(self):
        return access.visible_orders(self.request.user).prefetch_related("breaches")

    @extend_schema(request=serializers.OrderInput, responses={201: serializers.OrderSerializer})
    def post(self, request, *args, **kwargs):
        data = _valid(serializers.OrderInput, request.data)
        order = services.make_order(
            offender=_offender(request, data.pop("offender")),
            area=_area(request, data.pop("area")),
            by=request.user,
            today=timezone.localdate(),
            request=request,
            **data,
        )
        return Response(serializers.OrderSerializer(order).data, status=status.HTTP_201_CREATED)


class OrderDetail(generics.RetrieveAPIView):
    serializer_class = serializers.OrderSerializer
    permission_classes = PERMS

    def get_queryset(self):
        return access.visible_orders(self.request.user).prefetch_related("breaches")

    def retrieve(self, request, *args, **kwargs):
        order = self.get_object()
        record_access(
            user=request.user,
            action=Action.VIEW,
            offender=order.offender,
            target=order,
            request=request,
        )
        return Response(self.get_serializer(order).data)


@extend_schema(request=serializers.OrderBreachInput, responses={201: serializers.OrderSerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def breaches(request, pk):
    order = access.get_order_for_user(request.user, pk)
    data = _valid(serializers.OrderBreachInput, request.data)
    services.record_breach(
        order=order, by=request.user, today=timezone.localdate(), request=request, **data
    )
    return Response(
        serializers.OrderSerializer(access.get_order_for_user(request.user, pk)).data,
        status=status.HTTP_201_CREATED,
    )


def _order_change(request, pk, input_class, service):
    order = access.get_order_for_user(request.user, pk)
    data = _valid(input_class, request.data)
    service(
        order=order,
        by=request.user,
        today=timezone.localdate(),
        at=timezone.now(),
        request=request,
        **data,
    )
    return Response(
        serializers.OrderSerializer(access.get_order_for_user(request.user, pk)).data,
        status=status.HTTP_200_OK,
    )


@extend_schema(request=serializers.OrderVaryInput, responses={200: serializers.OrderSerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def vary_order(request, pk):
    """The court varied the order: a new end (checked against the law) and prohibitions."""
    return _order_change(request, pk, serializers.OrderVaryInput, services.vary_order)


@extend_schema(
    request=serializers.OrderDischargeInput, responses={200: serializers.OrderSerializer}
)
@api_view(["POST"])
@permission_classes(PERMS)
def discharge_order(request, pk):
    """The court discharged the order: no longer in force from that day."""
    return _order_change(request, pk, serializers.OrderDischargeInput, services.discharge_order)


class MappaListCreate(LoggedList, generics.ListCreateAPIView):
    log_purpose = "MAPPA cases"
    serializer_class = serializers.MappaSerializer
    permission_classes = PERMS
    ordering_fields = ["started_on", "next_review_due", "id"]
    ordering = ["-started_on", "-id"]

    def get_queryset(self):
        return access.visible_mappa_cases(self.request.user)

    @extend_schema(request=serializers.MappaInput, responses={201: serializers.MappaSerializer})
    def post(self, request, *args, **kwargs):
        data = _valid(serializers.MappaInput, request.data)
        case = services.open_mappa_case(
            offender=_offender(request, data["offender"]),
            category=int(data["category"]),
            level=int(data["level"]),
            area=_area(request, data["area"], required=True),
            lead_agency=data["lead_agency"],
            from_date=data["from_date"],
            transferred_in=data["transferred_in"],
            transferred_from=data["transferred_from"],
            lead_officer=_lead(request, data.get("lead_officer")),
            by=request.user,
            request=request,
            **_now(),
        )
        body = serializers.MappaSerializer(access.get_mappa_case_for_user(request.user, case.pk))
        return Response(body.data, status=status.HTTP_201_CREATED)


class MappaDetail(generics.RetrieveAPIView):
    serializer_class = serializers.MappaSerializer
    permission_classes = PERMS

    def get_queryset(self):
        return access.visible_mappa_cases(self.request.user)

    def retrieve(self, request, *args, **kwargs):
        case = self.get_object()
        record_access(
            user=request.user,
            action=Action.VIEW,
            offender=case.offender,
            target=case,
            request=request,
        )
        return Response(self.get_serializer(case).data)


@extend_schema(request=serializers.MeetingInput, responses={201: serializers.MappaSerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def meetings(request, pk):
    case = access.get_mappa_case_for_user(request.user, pk)
    data = _valid(serializers.MeetingInput, request.data)
    data["level"] = int(data["level"])
    services.record_mappa_meeting(case=case, by=request.user, request=request, **_now(), **data)
    body = serializers.MappaSerializer(access.get_mappa_case_for_user(request.user, pk))
    return Response(body.data, status=status.HTTP_201_CREATED)


@extend_schema(request=serializers.MappaEndInput, responses={200: serializers.MappaSerializer})
@api_view(["POST"])
@permission_classes(PERMS)
def mappa_end(request, pk):
    case = access.get_mappa_case_for_user(request.user, pk)
    data = _valid(serializers.MappaEndInput, request.data)
    services.end_mappa_case(case=case, by=request.user, request=request, **_now(), **data)
    return Response(
        serializers.MappaSerializer(access.get_mappa_case_for_user(request.user, pk)).data
    )


@extend_schema(parameters=[serializers.SummaryQuery], responses={200: OpenApiTypes.OBJECT})
@api_view(["GET"])
@permission_classes(PERMS)
def summary(request):
    """The dashboard's figures, from the same code (``protection.figures.summary``)."""
    query = _valid(serializers.SummaryQuery, request.query_params)
    on = query.get("on") or timezone.localdate()
    body = figures.summary(request.user.force_id, on=on)
    body["on"] = on.isoformat()
    return Response(body)

"""People API (API.md "Offenders"): thin views over the access gate, services and search."""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Force, PolicingArea
from accounts.permissions import can_view_access_log
from audit.api import PURPOSE_PARAMETER
from audit.models import AccessEvent, Action
from audit.selectors import events_for_offender
from audit.serializers import AccessEventSerializer
from audit.services import declared_purpose, record_access, record_bulk_read
from offenders import services
from offenders.access import get_offender_for_user, visible_offenders
from offenders.duplicates import possible_duplicates
from offenders.merge import merge_offenders
from offenders.models import Marker, MarkerKind, Offence, OffenceType, Offender
from offenders.permissions import can_edit_people, can_merge_people, can_see_people
from offenders.search import MAX_QUERY, TOO_LONG, search
from offenders.serializers import (
    AddressInputSerializer,
    AddressSerializer,
    AliasInputSerializer,
    AliasSerializer,
    MarkerInputSerializer,
    MarkerSerializer,
    MergeInputSerializer,
    OffenceInputSerializer,
    OffenceSerializer,
    OffenceTypeSerializer,
    OffenderDetailSerializer,
    OffenderInputSerializer,
    OffenderSerializer,
    OffenderUpdateSerializer,
    PossibleDuplicateSerializer,
)
from offenders.subject_access import person_for_subject_access, subject_access_response
from offenders.summary import summary_for

SEARCH_LIMIT = 500


class CanSeePeople(BasePermission):
    message = "Your role does not give access to people's records."

    def has_permission(self, request, view) -> bool:
        return can_see_people(request.user)


def people_for_list(user):
    """The gate's queryset with what the list serializer reads, preloaded."""
    return (
        visible_offenders(user)
        .select_related("force", "home_area")
        .prefetch_related("aliases", Prefetch("markers", queryset=Marker.objects.active()))
    )


def person_for_detail(user, pk) -> Offender:
    offender = get_offender_for_user(user, pk)
    return (
        Offender.objects.filter(pk=offender.pk)
        .select_related("force", "home_area")
        .prefetch_related(
            "aliases",
            "addresses",
            Prefetch("markers", queryset=Marker.objects.select_related("added_by")),
            Prefetch("offences", queryset=Offence.objects.select_related("offence_type", "area")),
        )
        .get()
    )


def _area(force, code):
    if not code:
        return None
    area = PolicingArea.objects.filter(force=force, code=code).first()
    if area is None:
        raise ValidationError({"home_area": [f"“{code}” is not a policing area of this force."]})
    return area


class OffenderFilter(django_filters.FilterSet):
    force = django_filters.CharFilter(field_name="force__code")
    area = django_filters.CharFilter(field_name="home_area__code")
    marker = django_filters.ChoiceFilter(choices=MarkerKind.choices, method="filter_marker")
    has_pnc = django_filters.BooleanFilter(field_name="pnc_id", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Offender
        fields = ["force", "area", "marker", "has_pnc"]

    def filter_marker(self, queryset, name, value):
        active = Marker.objects.active().filter(offender=OuterRef("pk"), kind=value)
        return queryset.filter(Exists(active))


class OffenderListCreate(generics.ListCreateAPIView):
    """List (filters, ``?search=`` best first) and create people."""

    permission_classes = [CanSeePeople]
    serializer_class = OffenderSerializer
    filterset_class = OffenderFilter
    ordering_fields = ["last_name", "first_name", "date_of_birth", "created_at"]
    ordering = ["last_name", "first_name", "pk"]

    def get_queryset(self):
        return people_for_list(self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter("search", str, description="Names, PNC ID, date of birth"),
            PURPOSE_PARAMETER,
        ]
    )
    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        text = request.query_params.get("search", "").strip()
        if len(text) > MAX_QUERY:
            raise ValidationError({"search": [TOO_LONG]})
        filters = {k: v for k, v in request.query_params.items() if k in OffenderFilter.Meta.fields}
        if text:
            page = self.paginate_queryset(search(queryset, text, limit=SEARCH_LIMIT))
        else:
            page = self.paginate_queryset(queryset)
        # One event for the response, linked to everyone on this page (API.md "Offenders").
        record_bulk_read(
            user=request.user,
            people=page,
            action=Action.SEARCH if text else Action.LIST,
            query=text,
            purpose=declared_purpose(request, "People search" if text else "People list"),
            detail={"endpoint": "offenders", **filters},
            request=request._request,
        )
        return self.get_paginated_response(OffenderSerializer(page, many=True).data)

    @extend_schema(request=OffenderInputSerializer, responses={201: OffenderDetailSerializer})
    def create(self, request, *args, **kwargs):
        form = OffenderInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        force = Force.objects.filter(code=data.pop("force")).first()
        if force is None or not (request.user.is_superuser or force.pk == request.user.force_id):
            raise ValidationError({"force": ["You can only record people of your own force."]})
        data["home_area"] = _area(force, data.get("home_area"))
        aliases = data.pop("aliases", [])
        offender = services.create_offender(
            today=timezone.localdate(), by=request.user, force=force, aliases=aliases, **data
        )
        return _detail_response(request, offender.pk, status.HTTP_201_CREATED)


def _detail_response(request, pk, code=status.HTTP_200_OK) -> Response:
    offender = person_for_detail(request.user, pk)
    context = {"summary": summary_for(offender), "request": request}
    return Response(OffenderDetailSerializer(offender, context=context).data, status=code)


RESTRICTED_PURPOSE = (
    "This person's record is restricted: say why you are reading it with ?purpose= "
    "or the X-Purpose header."
)


class OffenderDetail(APIView):
    permission_classes = [CanSeePeople]

    @extend_schema(parameters=[PURPOSE_PARAMETER], responses={200: OffenderDetailSerializer})
    def get(self, request, pk):
        offender = get_offender_for_user(request.user, pk)
        purpose = declared_purpose(request)
        if offender.restricted and not purpose:
            # No context to read a purpose from: the caller must say why (DPA 2018 s.62(2)).
            raise ValidationError({"purpose": [RESTRICTED_PURPOSE]})
        record_access(
            user=request.user,
            action="view",
            offender=offender,
            target=offender,
            purpose=purpose,
            request=request._request,
        )
        return _detail_response(request, pk)

    @extend_schema(request=OffenderUpdateSerializer, responses={200: OffenderDetailSerializer})
    def patch(self, request, pk):
        offender = get_offender_for_user(request.user, pk)
        form = OffenderUpdateSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        if "version" not in data:
            raise ValidationError({"version": ["Send the version you read."]})
        version = data.pop("version")
        if "home_area" in data:
            data["home_area"] = _area(offender.force, data["home_area"])
        services.update_offender(
            today=timezone.localdate(), offender=offender, by=request.user, version=version, **data
        )
        return _detail_response(request, pk)


class PossibleDuplicates(APIView):
    permission_classes = [CanSeePeople]

    @extend_schema(
        parameters=[PURPOSE_PARAMETER], responses={200: PossibleDuplicateSerializer(many=True)}
    )
    def get(self, request, pk):
        offender = get_offender_for_user(request.user, pk)
        found = possible_duplicates(offender, people_for_list(request.user))
        record_bulk_read(
            user=request.user,
            people=[d.offender for d in found],
            purpose=declared_purpose(request, f"Possible duplicates of person {offender.pk}"),
            detail={"endpoint": "possible-duplicates", "of": offender.pk},
            request=request._request,
        )
        return Response(PossibleDuplicateSerializer(found, many=True).data)


class Merge(APIView):
    permission_classes = [CanSeePeople]

    @extend_schema(request=MergeInputSerializer, responses={200: OffenderDetailSerializer})
    def post(self, request, pk):
        survivor = get_offender_for_user(request.user, pk)
        if not can_merge_people(request.user):
            raise PermissionDenied("Only supervisors and administrators can merge records.")
        form = MergeInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        duplicate = (
            visible_offenders(request.user).filter(pk=form.validated_data["duplicate"]).first()
        )
        if duplicate is None:
            raise ValidationError({"duplicate": ["No such person."]})
        merge_offenders(
            survivor=survivor,
            duplicate=duplicate,
            by=request.user,
            reason=form.validated_data["reason"],
        )
        return _detail_response(request, pk)


class _AddToPerson(APIView):
    """POST a part of the record (alias, address, marker, offence) to a person."""

    permission_classes = [CanSeePeople]
    input_serializer: type = AliasInputSerializer
    output_serializer: type = AliasSerializer

    def post(self, request, pk):
        offender = get_offender_for_user(request.user, pk)
        if not can_edit_people(request.user):
            raise PermissionDenied()
        form = self.input_serializer(data=request.data)
        form.is_valid(raise_exception=True)
        created = self.perform(offender, request.user, dict(form.validated_data))
        return Response(self.output_serializer(created).data, status=status.HTTP_201_CREATED)


class AddAlias(_AddToPerson):
    @extend_schema(request=AliasInputSerializer, responses={201: AliasSerializer})
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, offender, user, data):
        return services.add_alias(today=timezone.localdate(), offender=offender, by=user, **data)


class AddAddress(_AddToPerson):
    input_serializer = AddressInputSerializer
    output_serializer = AddressSerializer

    @extend_schema(request=AddressInputSerializer, responses={201: AddressSerializer})
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, offender, user, data):
        return services.add_address(today=timezone.localdate(), offender=offender, by=user, **data)


class AddMarker(_AddToPerson):
    input_serializer = MarkerInputSerializer
    output_serializer = MarkerSerializer

    @extend_schema(request=MarkerInputSerializer, responses={201: MarkerSerializer})
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, offender, user, data):
        return services.add_marker(today=timezone.localdate(), offender=offender, by=user, **data)


class AddOffence(_AddToPerson):
    input_serializer = OffenceInputSerializer
    output_serializer = OffenceSerializer

    @extend_schema(request=OffenceInputSerializer, responses={201: OffenceSerializer})
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, offender, user, data):
        offence_type = OffenceType.objects.filter(
            code=data.pop("offence_type"), active=True
        ).first()
        if offence_type is None:
            raise ValidationError({"offence_type": ["Not an offence type in the catalogue."]})
        area_code = data.pop("area", None)
        area = None
        if area_code:
            area = PolicingArea.objects.filter(force=offender.force, code=area_code).first()
            if area is None:
                raise ValidationError(
                    {"area": [f"“{area_code}” is not a policing area of this force."]}
                )
        return services.add_offence(
            today=timezone.localdate(),
            offender=offender,
            by=user,
            offence_type=offence_type,
            area=area,
            **data,
        )


class OffenceTypeList(generics.ListAPIView):
    """The offence catalogue with its Crime Harm Index weights (reference data)."""

    serializer_class = OffenceTypeSerializer
    pagination_class = None
    filter_backends: list = []
    queryset = OffenceType.objects.filter(active=True)


class OffenderAccessLog(generics.ListAPIView):
    """GET /api/v1/offenders/{id}/access-log/: who viewed or changed this person's records."""

    serializer_class = AccessEventSerializer
    ordering_fields = ["at"]
    filterset_fields = ["action"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AccessEvent.objects.none()
        user = self.request.user
        if not can_view_access_log(user):
            raise PermissionDenied("Only supervisors and administrators can read the access log.")
        return events_for_offender(get_offender_for_user(user, self.kwargs["pk"]))


class SubjectAccessInput(serializers.Serializer):
    reference = serializers.CharField(max_length=50)
    recipient = serializers.CharField(max_length=200)


@extend_schema(
    parameters=[SubjectAccessInput],
    responses={200: OpenApiTypes.OBJECT},
    description="One document of everything Desist holds on the person (supervisors and "
    "administrators), logged as a disclosure to `recipient`.",
)
@api_view(["GET"])
def subject_access(request, pk):
    if not can_view_access_log(request.user):
        raise PermissionDenied("Only supervisors and administrators prepare subject access.")
    form = SubjectAccessInput(data=request.query_params)
    form.is_valid(raise_exception=True)
    return subject_access_response(
        person_for_subject_access(request.user, pk),
        user=request.user,
        now=timezone.now(),
        request=request._request,
        **form.validated_data,
    )

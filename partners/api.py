"""Partners API (API.md "Partners and pathways" and "Reports"): thin views."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from accounts.models import PolicingArea
from audit.api import LoggedList
from audit.models import Action
from audit.services import record_access
from core.period_inputs import period_or_400
from offenders.access import visible_offenders
from offenders.models import Offence, OffenceType
from partners import selectors, services
from partners.access import (
    directory,
    figures_force_id,
    get_need_for_user,
    get_referral_for_user,
    get_service_for_user,
    visible_needs,
    visible_referrals,
)
from partners.choices import ReferralStatus
from partners.models import Need, PersonNeed, Referral, Service
from partners.permissions import (
    can_edit_directory,
    can_read_directory,
    can_refer,
    can_see_partner_figures,
)
from partners.serializers import (
    OffenceProofInput,
    OffenceProofSerializer,
    PartnerGapQuery,
    PartnerGapSerializer,
    PartnerNeedCloseInput,
    PartnerNeedInput,
    PartnerProgressInput,
    PartnerReferralInput,
    PartnerReferralSerializer,
    PartnerServiceInput,
    PartnerServiceSerializer,
    PartnerServiceUpdateInput,
    PersonNeedSerializer,
    ReoffendingMeasureSerializer,
    ReoffendingQuery,
)


class CanReadDirectory(permissions.BasePermission):
    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return can_read_directory(request.user)
        return can_edit_directory(request.user)


class CanRefer(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_refer(request.user)


class CanSeeFigures(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_see_partner_figures(request.user)


def _valid(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class ServiceFilter(django_filters.FilterSet):
    need = django_filters.CharFilter(field_name="needs__code")
    district = django_filters.CharFilter(method="filter_district")
    active = django_filters.BooleanFilter()

    class Meta:
        model = Service
        fields = ["need", "district", "active"]

    def filter_district(self, queryset, name, value):
        """Services naming the district, or naming none (they reach the whole force)."""
        from django.db.models import Q

        return queryset.filter(Q(districts__code=value) | Q(districts__isnull=True)).distinct()


def _service_kwargs(data: dict, force) -> dict:
    """Service arguments from a validated input: codes looked up in the force."""
    kwargs: dict = {}
    if "needs" in data:
        codes = set(data["needs"])
        needs = list(Need.objects.filter(code__in=codes, active=True))
        missing = codes - {n.code for n in needs}
        if missing:
            raise ValidationError(
                {"needs": [f"Not on the needs list: {', '.join(sorted(missing))}."]}
            )
        kwargs["needs"] = needs
    if "districts" in data:
        codes = set(data["districts"])
        areas = list(PolicingArea.objects.filter(force=force, code__in=codes))
        missing = codes - {a.code for a in areas}
        if missing:
            raise ValidationError(
                {"districts": [f"Not a district of this force: {', '.join(sorted(missing))}."]}
            )
        kwargs["districts"] = areas
    eligibility = data.get("eligibility")
    if eligibility is not None:
        codes = set(eligibility.get("offence_types", []))
        types = list(OffenceType.objects.filter(code__in=codes))
        if codes - {t.code for t in types}:
            raise ValidationError({"eligibility": ["An offence type is not in the catalogue."]})
        kwargs["offence_types"] = types
        for name in ("min_age", "max_age", "gender", "cohorts"):
            if name in eligibility:
                kwargs[name] = eligibility[name]
    for name in services.SERVICE_FIELDS:
        if name in data and name not in kwargs:
            kwargs[name] = data[name]
    return kwargs


class ServiceListCreate(generics.ListCreateAPIView):
    """GET: the caller's force's directory (everyone). POST: add a service (admins)."""

    serializer_class = PartnerServiceSerializer
    permission_classes = [permissions.IsAuthenticated, CanReadDirectory]
    filterset_class = ServiceFilter
    ordering_fields = ["name", "code", "funding_ends_on"]
    ordering = ["name"]

    def get_queryset(self):
        return directory(self.request.user)

    @extend_schema(request=PartnerServiceInput, responses={201: PartnerServiceSerializer})
    def post(self, request, *args, **kwargs):
        data = _valid(PartnerServiceInput, request.data)
        force = request.user.force
        kwargs = _service_kwargs(data, force)
        kwargs.setdefault("districts", [])
        service = services.save_service(
            force=force,
            code=data["code"],
            by=request.user,
            at=timezone.now(),
            request=request,
            **kwargs,
        )
        return Response(
            PartnerServiceSerializer(directory(request.user).get(pk=service.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class ServiceDetail(generics.RetrieveAPIView):
    """GET: one service. PATCH (admins): change it, sending the ``version`` read."""

    serializer_class = PartnerServiceSerializer
    permission_classes = [permissions.IsAuthenticated, CanReadDirectory]

    def get_object(self):
        return get_service_for_user(self.request.user, self.kwargs["code"])

    @extend_schema(request=PartnerServiceUpdateInput, responses={200: PartnerServiceSerializer})
    def patch(self, request, *args, **kwargs):
        service = self.get_object()
        data = _valid(PartnerServiceUpdateInput, request.data)
        kwargs = _service_kwargs(data, service.force)
        kwargs.setdefault("needs", list(service.needs.all()))
        kwargs.setdefault("districts", list(service.districts.all()))
        kwargs.setdefault("offence_types", list(service.offence_types.all()))
        for name in services.SERVICE_FIELDS:
            kwargs.setdefault(name, getattr(service, name))
        services.save_service(
            force=service.force,
            code=service.code,
            service=service,
            version=data["version"],
            by=request.user,
            at=timezone.now(),
            request=request,
            **kwargs,
        )
        return Response(PartnerServiceSerializer(self.get_object()).data)


class ReferralFilter(django_filters.FilterSet):
    offender = django_filters.NumberFilter(
        field_name="offender_id", min_value=1, max_value=2**63 - 1
    )
    service = django_filters.CharFilter(field_name="service__code")
    need = django_filters.CharFilter(field_name="need__code")
    status = django_filters.ChoiceFilter(choices=ReferralStatus.choices)
    referred_after = django_filters.DateFilter(field_name="referred_on", lookup_expr="gte")
    referred_before = django_filters.DateFilter(field_name="referred_on", lookup_expr="lte")

    class Meta:
        model = Referral
        fields = ["offender", "service", "need", "status"]


class ReferralListCreate(LoggedList, generics.ListCreateAPIView):
    """GET: referrals of the people the caller may see (a list: logged as one bulk read
    linked to every person on the page). POST: refer."""

    read_purpose = "Partner referrals"
    serializer_class = PartnerReferralSerializer
    permission_classes = [permissions.IsAuthenticated, CanRefer]
    filterset_class = ReferralFilter
    ordering_fields = ["referred_on", "status_on", "id"]
    ordering = ["-referred_on", "-id"]

    def get_queryset(self):
        return visible_referrals(self.request.user).prefetch_related("progress")

    @extend_schema(request=PartnerReferralInput, responses={201: PartnerReferralSerializer})
    def post(self, request, *args, **kwargs):
        data = _valid(PartnerReferralInput, request.data)
        offender = visible_offenders(request.user).filter(pk=data["offender"]).first()
        if offender is None:
            raise ValidationError({"offender": ["No such person."]})
        service = directory(request.user).filter(code=data["service"], force=offender.force).first()
        if service is None:
            raise ValidationError({"service": ["No such service in the directory."]})
        need = None
        if data.get("need"):
            need = Need.objects.filter(code=data["need"]).first()
            if need is None:
                raise ValidationError({"need": ["Not on the needs list."]})
        referral = services.refer(
            offender=offender,
            service=service,
            need=need,
            referred_on=data["referred_on"],
            source_kind=data["source_kind"],
            source_id=data["source_id"],
            notes=data["notes"],
            by=request.user,
            today=timezone.localdate(),
            request=request,
        )
        row = self.get_queryset().get(pk=referral.pk)
        return Response(PartnerReferralSerializer(row).data, status=status.HTTP_201_CREATED)


class ReferralDetail(generics.RetrieveAPIView):
    serializer_class = PartnerReferralSerializer
    permission_classes = [permissions.IsAuthenticated, CanRefer]

    def retrieve(self, request, *args, **kwargs):
        referral = get_referral_for_user(request.user, kwargs["pk"])
        record_access(
            user=request.user,
            action=Action.VIEW,
            offender=referral.offender,
            target=referral,
            request=request,
            justification="Partner referral",
        )
        return Response(PartnerReferralSerializer(referral).data)


@extend_schema(request=PartnerProgressInput, responses={200: PartnerReferralSerializer})
@api_view(["POST"])
@permission_classes([permissions.IsAuthenticated, CanRefer])
def progress(request, pk: int):
    referral = get_referral_for_user(request.user, pk)
    data = _valid(PartnerProgressInput, request.data)
    services.record_progress(
        referral=referral,
        status=data["status"],
        on=data["on"],
        outcome=data["outcome"],
        version=data.get("version"),
        by=request.user,
        today=timezone.localdate(),
        at=timezone.now(),
        request=request,
    )
    return Response(PartnerReferralSerializer(get_referral_for_user(request.user, pk)).data)


@extend_schema(request=PartnerNeedCloseInput, responses={200: PersonNeedSerializer})
@api_view(["POST"])
@permission_classes([permissions.IsAuthenticated, CanRefer])
def close_need(request, pk: int):
    """Close a person's need (met, no longer relevant, moved away, declined support)."""
    row = get_need_for_user(request.user, pk)
    data = _valid(PartnerNeedCloseInput, request.data)
    services.close_need(
        person_need=row,
        closed_on=data["closed_on"],
        reason=data["reason"],
        note=data["note"],
        version=data["version"],
        by=request.user,
        today=timezone.localdate(),
        request=request,
    )
    return Response(PersonNeedSerializer(get_need_for_user(request.user, pk)).data)


class NeedListCreate(generics.ListCreateAPIView):
    """GET: needs assessed on the people the caller may see. POST: record one."""

    serializer_class = PersonNeedSerializer
    permission_classes = [permissions.IsAuthenticated, CanRefer]
    filterset_fields = ["offender"]
    ordering = ["-assessed_on", "-id"]

    def get_queryset(self):
        return visible_needs(self.request.user)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        record_access(
            user=request.user,
            action=Action.SEARCH,
            query=request.GET.urlencode(),
            request=request,
            detail={"search": "partner-needs", "results": response.data.get("count")},
        )
        return response

    @extend_schema(request=PartnerNeedInput, responses={201: PersonNeedSerializer})
    def post(self, request, *args, **kwargs):
        data = _valid(PartnerNeedInput, request.data)
        offender = visible_offenders(request.user).filter(pk=data["offender"]).first()
        if offender is None:
            raise ValidationError({"offender": ["No such person."]})
        need = Need.objects.filter(code=data["need"]).first()
        if need is None:
            raise ValidationError({"need": ["Not on the needs list."]})
        row = services.record_need(
            offender=offender,
            need=need,
            source_kind=data["source_kind"],
            source_id=data["source_id"],
            assessed_on=data["assessed_on"],
            notes=data["notes"],
            by=request.user,
            today=timezone.localdate(),
            request=request,
        )
        return Response(
            PersonNeedSerializer(PersonNeed.objects.get(pk=row.pk)).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema(parameters=[PartnerGapQuery], responses={200: PartnerGapSerializer(many=True)})
@api_view(["GET"])
@permission_classes([permissions.IsAuthenticated, CanSeeFigures])
def gaps(request):
    """Per district and need: people with the need, free places reaching the district,
    referrals waiting and declined (aggregates only)."""
    query = _valid(PartnerGapQuery, request.query_params)
    force_id = figures_force_id(request.user)
    district = query.get("district")
    if (
        district is not None
        and not PolicingArea.objects.filter(force_id=force_id, code=district).exists()
    ):
        raise ValidationError({"district": ["Not a district of this force."]})
    result = selectors.gap_map(force_id, district=district)
    cells = [cell for _, row in result.rows() for cell in row]
    return Response(PartnerGapSerializer(cells, many=True).data)


@extend_schema(
    parameters=[
        OpenApiParameter("cohort", str, description="iom, oocd, oocd:<type>, service:<code>"),
        OpenApiParameter("from", str),
        OpenApiParameter("to", str),
    ],
    responses={200: ReoffendingMeasureSerializer},
)
@api_view(["GET"])
@permission_classes([permissions.IsAuthenticated, CanSeeFigures])
def reoffending(request):
    """Proven reoffending (MoJ measure, DOMAIN.md §10) of a cohort whose index dates fall in
    ``from``-``to`` (default: the latest year fully measurable today), with the cohort size
    beside every rate and small-number suppression."""
    query = _valid(ReoffendingQuery, request.query_params)
    today = timezone.localdate()
    default_first, default_last = selectors.default_reoffending_period(today)
    period = period_or_400(query.get("from") or default_first, query.get("to") or default_last)
    try:
        report = selectors.reoffending_report(
            figures_force_id(request.user),
            cohort=query["cohort"],
            first=period.first,
            last=period.last,
            on=today,
            threshold=settings.PARTNERS_SUPPRESSION_THRESHOLD,
        )
    except selectors.UnknownCohort:
        raise ValidationError(
            {"cohort": ["Not a cohort Desist holds: iom, oocd, oocd:<type> or service:<code>."]}
        ) from None
    body = dict(ReoffendingMeasureSerializer(report.overall).data)
    body.pop("label")
    ba = report.before_after
    body.update(
        {
            "cohort": report.cohort,
            "label": report.label,
            "from": report.first,
            "to": report.last,
            "suppression_threshold": report.threshold,
            "groups": {
                key: ReoffendingMeasureSerializer(m).data
                for key, m in zip(("engaged", "not_engaged"), report.groups, strict=True)
            },
            "before_after": {
                "cohort_size": ba.cohort_size,
                "before_offences": ba.before_offences,
                "after_offences": ba.after_offences,
                "before_harm": ba.before_harm,
                "after_harm": ba.after_harm,
                "harm_change": ba.harm_change,
                "suppressed": ba.suppressed,
            },
        }
    )
    return Response(body)


@extend_schema(request=OffenceProofInput, responses={201: OffenceProofSerializer})
@api_view(["POST"])
@permission_classes([permissions.IsAuthenticated, CanRefer])
def offence_proof(request):
    """Record when an offence of the offence history was proved (conviction or caution)."""
    data = _valid(OffenceProofInput, request.data)
    offence = Offence.objects.filter(
        pk=data["offence"], offender__in=visible_offenders(request.user)
    ).first()
    if offence is None:
        raise ValidationError({"offence": ["No such offence."]})
    proof = services.record_proof(
        offence=offence,
        kind=data["kind"],
        proved_on=data["proved_on"],
        by=request.user,
        today=timezone.localdate(),
        request=request,
    )
    return Response(OffenceProofSerializer(proof).data, status=status.HTTP_201_CREATED)

"""Wanted persons and outstanding suspects API (API.md): thin views that parse, authorise,
call one service and respond. Every read of a person's data is written to the access log
with its purpose."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from accounts.models import PolicingArea
from audit.models import Action
from audit.services import declared_purpose, record_access, record_bulk_read
from core.calendar import local_date
from core.filters import ID_FILTER
from core.period_inputs import OptionalPeriodInput, period_or_400
from core.periods import Period, PeriodError, parse_month
from core.rules import RuleViolation
from wanted import figures_views, selectors, services
from wanted.access import (
    get_attendance_for_user,
    get_circulation_for_user,
    get_suspect_for_user,
    get_warrant_for_user,
    visible_attendances,
    visible_circulations,
    visible_suspects,
    visible_warrants,
)
from wanted.choices import Reason
from wanted.models import (
    OutstandingSuspect,
    Review,
    VoluntaryAttendance,
    WantedCirculation,
    Warrant,
)
from wanted.permissions import (
    can_manage_wanted,
    can_supervise_wanted,
    can_view_wanted,
    can_view_wanted_figures,
)
from wanted.serializers import (
    AttendanceInput,
    AttendanceOutcomeInput,
    AttendanceOutput,
    CirculateInput,
    CirculationOutput,
    EndCirculationInput,
    EndWarrantInput,
    MonthlyListInput,
    PerformanceListInput,
    ResolveSuspectInput,
    SuspectInput,
    SuspectOutput,
    WantedListRowOutput,
    WantedMonthlyCountOutput,
    WantedReviewInput,
    WarrantInput,
    WarrantOutput,
)

_REVIEWS = Prefetch("reviews", queryset=Review.objects.order_by("-held_on", "-pk"))


def _require_view(user) -> None:
    if not can_view_wanted(user):
        raise PermissionDenied("Your role does not work on wanted persons or suspects.")


def _require_manage(user) -> None:
    if not can_manage_wanted(user):
        raise PermissionDenied("Your role may not change wanted or suspect records.")


def _context(now) -> dict:
    return {"today": local_date(now)}


def _log_list(request, what: str, results) -> None:
    """A list returns people's data: one access-log event linked to everyone on the page."""
    record_bulk_read(
        user=request.user,
        people=[row["offender"] for row in results],
        purpose=declared_purpose(request, f"{what} list"),
        query=request.query_params.urlencode(),
        request=request,
        detail={"api": what},
    )


def _log_view(request, case, purpose: str) -> None:
    record_access(
        user=request.user,
        action=Action.VIEW,
        offender=case.offender,
        target=case,
        request=request,
        purpose=purpose,
    )


class _OpenFilter(django_filters.FilterSet):
    open = django_filters.BooleanFilter(field_name="ended_on", lookup_expr="isnull")
    district = django_filters.NumberFilter(field_name="district_id", **ID_FILTER)
    offender = django_filters.NumberFilter(field_name="offender_id", **ID_FILTER)
    officer_in_case = django_filters.NumberFilter(field_name="officer_in_case_id", **ID_FILTER)


class WantedFilter(_OpenFilter):
    reason = django_filters.ChoiceFilter(choices=Reason.choices)


class _CaseList(generics.ListCreateAPIView):
    """GET: the caller's force's cases (``?district=&open=true``: a district commander's
    list). POST: open one."""

    input_class: type = CirculateInput
    output_class: type = CirculationOutput
    what = ""
    ordering = ["pk"]

    def visible(self, user):
        raise NotImplementedError

    def open_case(self, values, user, now):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        _require_view(self.request.user)
        return self.visible(self.request.user).prefetch_related(_REVIEWS)

    def get_serializer_class(self):
        return self.output_class

    def get_serializer_context(self):
        return {**super().get_serializer_context(), **_context(timezone.now())}

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        _log_list(request, self.what, response.data.get("results", []))
        return response

    def create(self, request, *args, **kwargs):
        _require_manage(request.user)
        data = self.input_class(data=request.data, user=request.user)
        data.is_valid(raise_exception=True)
        now = timezone.now()
        case = self.open_case(data.validated_data, request.user, now)
        case = self.visible(request.user).prefetch_related(_REVIEWS).get(pk=case.pk)
        return Response(
            self.output_class(case, context=_context(now)).data, status=status.HTTP_201_CREATED
        )


class WantedList(_CaseList):
    queryset = WantedCirculation.objects.none()
    filterset_class = WantedFilter
    ordering_fields = ["circulated_on", "next_review_due", "created_at"]
    ordering = ["circulated_on", "pk"]
    what = "wanted"

    def visible(self, user):
        return visible_circulations(user)

    def open_case(self, values, user, now):
        return services.circulate(**values, by=user, now=now)

    @extend_schema(request=CirculateInput, responses={201: CirculationOutput})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class SuspectList(_CaseList):
    queryset = OutstandingSuspect.objects.none()
    filterset_class = _OpenFilter
    ordering_fields = ["identified_on", "next_review_due", "created_at"]
    ordering = ["identified_on", "pk"]
    input_class = SuspectInput
    output_class = SuspectOutput
    what = "outstanding suspects"

    def visible(self, user):
        return visible_suspects(user)

    def open_case(self, values, user, now):
        return services.record_suspect(**values, by=user, now=now)

    @extend_schema(request=SuspectInput, responses={201: SuspectOutput})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class WarrantList(_CaseList):
    queryset = Warrant.objects.none()
    filterset_class = _OpenFilter
    ordering_fields = ["issued_on", "next_review_due", "created_at"]
    ordering = ["issued_on", "pk"]
    input_class = WarrantInput
    output_class = WarrantOutput
    what = "warrants"

    def visible(self, user):
        return visible_warrants(user)

    def open_case(self, values, user, now):
        return services.record_warrant(**values, by=user, now=now)

    @extend_schema(request=WarrantInput, responses={201: WarrantOutput})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class AttendanceFilter(django_filters.FilterSet):
    district = django_filters.NumberFilter(field_name="district_id", **ID_FILTER)
    offender = django_filters.NumberFilter(field_name="offender_id", **ID_FILTER)
    interviewed_after = django_filters.DateFilter(field_name="interviewed_on", lookup_expr="gte")
    interviewed_before = django_filters.DateFilter(field_name="interviewed_on", lookup_expr="lte")
    has_outcome = django_filters.BooleanFilter(method="filter_has_outcome")

    def filter_has_outcome(self, queryset, name, value):
        return queryset.exclude(outcome="") if value else queryset.filter(outcome="")


class AttendanceList(generics.ListCreateAPIView):
    queryset = VoluntaryAttendance.objects.none()
    serializer_class = AttendanceOutput
    filterset_class = AttendanceFilter
    ordering_fields = ["interviewed_on", "created_at"]
    ordering = ["-interviewed_on", "-pk"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return VoluntaryAttendance.objects.none()
        _require_view(self.request.user)
        return visible_attendances(self.request.user)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        _log_list(request, "voluntary attenders", response.data.get("results", []))
        return response

    @extend_schema(request=AttendanceInput, responses={201: AttendanceOutput})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        _require_manage(request.user)
        data = AttendanceInput(data=request.data, user=request.user)
        data.is_valid(raise_exception=True)
        attendance = services.record_attendance(
            **data.validated_data, by=request.user, now=timezone.now()
        )
        return Response(AttendanceOutput(attendance).data, status=status.HTTP_201_CREATED)


# --- One record and its workflows ------------------------------------------------------------


def _respond(serializer_class, case, now, code=status.HTTP_200_OK) -> Response:
    case = type(case).objects.prefetch_related(_REVIEWS).select_related("force").get(pk=case.pk)
    return Response(serializer_class(case, context=_context(now)).data, status=code)


@extend_schema(responses={200: CirculationOutput})
@api_view(["GET"])
def circulation_detail(request, pk):
    _require_view(request.user)
    circulation = get_circulation_for_user(request.user, pk)
    _log_view(request, circulation, "Reading a wanted circulation")
    return _respond(CirculationOutput, circulation, timezone.now())


@extend_schema(request=WantedReviewInput, responses={201: CirculationOutput})
@api_view(["POST"])
def circulation_review(request, pk):
    _require_manage(request.user)
    circulation = get_circulation_for_user(request.user, pk)
    data = WantedReviewInput(data=request.data)
    data.is_valid(raise_exception=True)
    now = timezone.now()
    services.record_review(case=circulation, **data.validated_data, by=request.user, now=now)
    return _respond(CirculationOutput, circulation, now, status.HTTP_201_CREATED)


@extend_schema(request=EndCirculationInput, responses={200: CirculationOutput})
@api_view(["POST"])
def circulation_end(request, pk):
    _require_manage(request.user)
    circulation = get_circulation_for_user(request.user, pk)
    data = EndCirculationInput(data=request.data, user=request.user)
    data.is_valid(raise_exception=True)
    now = timezone.now()
    services.end_circulation(
        circulation=circulation, **data.validated_data, by=request.user, now=now
    )
    return _respond(CirculationOutput, circulation, now)


@extend_schema(responses={200: SuspectOutput})
@api_view(["GET"])
def suspect_detail(request, pk):
    _require_view(request.user)
    suspect = get_suspect_for_user(request.user, pk)
    _log_view(request, suspect, "Reading an outstanding suspect")
    return _respond(SuspectOutput, suspect, timezone.now())


@extend_schema(request=WantedReviewInput, responses={201: SuspectOutput})
@api_view(["POST"])
def suspect_review(request, pk):
    _require_manage(request.user)
    suspect = get_suspect_for_user(request.user, pk)
    data = WantedReviewInput(data=request.data)
    data.is_valid(raise_exception=True)
    now = timezone.now()
    services.record_review(case=suspect, **data.validated_data, by=request.user, now=now)
    return _respond(SuspectOutput, suspect, now, status.HTTP_201_CREATED)


@extend_schema(request=ResolveSuspectInput, responses={200: SuspectOutput})
@api_view(["POST"])
def suspect_resolve(request, pk):
    _require_manage(request.user)
    suspect = get_suspect_for_user(request.user, pk)
    data = ResolveSuspectInput(data=request.data)
    data.is_valid(raise_exception=True)
    now = timezone.now()
    services.resolve_suspect(suspect=suspect, **data.validated_data, by=request.user, now=now)
    return _respond(SuspectOutput, suspect, now)


@extend_schema(responses={200: WarrantOutput})
@api_view(["GET"])
def warrant_detail(request, pk):
    _require_view(request.user)
    warrant = get_warrant_for_user(request.user, pk)
    _log_view(request, warrant, "Reading a court warrant")
    return _respond(WarrantOutput, warrant, timezone.now())


@extend_schema(request=WantedReviewInput, responses={201: WarrantOutput})
@api_view(["POST"])
def warrant_review(request, pk):
    _require_manage(request.user)
    warrant = get_warrant_for_user(request.user, pk)
    data = WantedReviewInput(data=request.data)
    data.is_valid(raise_exception=True)
    now = timezone.now()
    services.record_review(case=warrant, **data.validated_data, by=request.user, now=now)
    return _respond(WarrantOutput, warrant, now, status.HTTP_201_CREATED)


@extend_schema(request=EndWarrantInput, responses={200: WarrantOutput})
@api_view(["POST"])
def warrant_end(request, pk):
    _require_manage(request.user)
    warrant = get_warrant_for_user(request.user, pk)
    data = EndWarrantInput(data=request.data, user=request.user)
    data.is_valid(raise_exception=True)
    now = timezone.now()
    services.end_warrant(warrant=warrant, **data.validated_data, by=request.user, now=now)
    return _respond(WarrantOutput, warrant, now)


@extend_schema(responses={200: AttendanceOutput})
@api_view(["GET"])
def attendance_detail(request, pk):
    _require_view(request.user)
    attendance = get_attendance_for_user(request.user, pk)
    _log_view(request, attendance, "Reading a voluntary attendance")
    return Response(AttendanceOutput(attendance).data)


@extend_schema(request=AttendanceOutcomeInput, responses={200: AttendanceOutput})
@api_view(["POST"])
def attendance_outcome(request, pk):
    _require_manage(request.user)
    attendance = get_attendance_for_user(request.user, pk)
    data = AttendanceOutcomeInput(data=request.data)
    data.is_valid(raise_exception=True)
    services.record_attendance_outcome(
        attendance=attendance, **data.validated_data, by=request.user, now=timezone.now()
    )
    attendance.refresh_from_db()
    return Response(AttendanceOutput(attendance).data)


# --- Lists for the District Commander and the performance meeting -----------------------------


def _district(user, district_id):
    if district_id is None:
        return None
    district = PolicingArea.objects.filter(pk=district_id, force_id=user.force_id).first()
    if district is None:
        raise ValidationError({"district": ["No such district in your force."]})
    return district


def _sources(user) -> dict:
    return {
        "circulations": visible_circulations(user),
        "suspects": visible_suspects(user),
        "warrants": visible_warrants(user),
    }


_MONTHLY_LIST = inline_serializer(
    "WantedMonthlyListOutput",
    fields={
        "month": serializers.CharField(),
        "list_date": serializers.DateField(),
        "previous_list_date": serializers.DateField(),
        "district": serializers.IntegerField(allow_null=True),
        "counts": WantedMonthlyCountOutput(many=True),
        "open": WantedListRowOutput(many=True),
        "ended": WantedListRowOutput(many=True),
    },
)
_PERFORMANCE_LIST = inline_serializer(
    "WantedPerformanceListOutput",
    fields={"age": serializers.IntegerField(), "results": WantedListRowOutput(many=True)},
)


@extend_schema(parameters=[MonthlyListInput], responses={200: _MONTHLY_LIST})
@api_view(["GET"])
def monthly_list(request):
    """The District Commander's monthly list: open wanted, outstanding suspects and warrants
    at the month's end (or today), oldest first, with what changed since last month."""
    _require_view(request.user)
    data = MonthlyListInput(data=request.query_params)
    data.is_valid(raise_exception=True)
    now = timezone.now()
    today = local_date(now)
    try:
        month = parse_month(data.validated_data.get("month"), "month") or today
    except PeriodError as error:
        raise ValidationError({"month": [error.message]}) from None
    district = _district(request.user, data.validated_data.get("district"))
    try:
        result = selectors.monthly_list(
            **_sources(request.user), district=district, month=month, today=today
        )
    except RuleViolation as error:
        raise ValidationError({error.field: [error.message]}) from None
    record_bulk_read(
        user=request.user,
        people=[r.case.offender_id for r in result.open_rows + result.ended_rows],
        purpose=declared_purpose(request, "District Commander's monthly list"),
        query=request.query_params.urlencode(),
        request=request,
        detail={"api": "wanted monthly list"},
    )
    return Response(
        {
            "month": f"{result.month:%Y-%m}",
            "list_date": result.list_date,
            "previous_list_date": result.previous_list_date,
            "district": district.pk if district else None,
            "counts": WantedMonthlyCountOutput(result.counts(), many=True).data,
            "open": WantedListRowOutput(result.open_rows, many=True).data,
            "ended": WantedListRowOutput(result.ended_rows, many=True).data,
        }
    )


@extend_schema(parameters=[PerformanceListInput], responses={200: _PERFORMANCE_LIST})
@api_view(["GET"])
def performance_list(request):
    """Open cases with no arrest after a set age (default: the force's), oldest first."""
    if not can_supervise_wanted(request.user):
        raise PermissionDenied("The performance-meeting list is for supervisors.")
    data = PerformanceListInput(data=request.query_params)
    data.is_valid(raise_exception=True)
    today = local_date(timezone.now())
    age = (
        data.validated_data.get("age")
        or services.cadence_for(request.user.force).performance_age_days
    )
    district = _district(request.user, data.validated_data.get("district"))
    rows = selectors.performance_list(
        **_sources(request.user), district=district, today=today, age_days=age
    )
    record_bulk_read(
        user=request.user,
        people=[r.case.offender_id for r in rows],
        purpose=declared_purpose(request, "Performance meeting list"),
        query=request.query_params.urlencode(),
        request=request,
        detail={"api": "performance list"},
    )
    return Response({"age": age, "results": WantedListRowOutput(rows, many=True).data})


@extend_schema(
    parameters=[
        OpenApiParameter("from", OpenApiTypes.DATE, description="First day (default: 12 months)"),
        OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (default: today)"),
    ],
    responses={200: OpenApiTypes.OBJECT},
)
@api_view(["GET"])
def summary(request):
    """The panel report's wanted and outstanding figures (the same as the dashboard's)."""
    if not can_view_wanted_figures(request.user):
        raise PermissionDenied("The wanted figures are for supervisors and analysts.")
    data = OptionalPeriodInput(data=request.query_params)
    data.is_valid(raise_exception=True)
    today = local_date(timezone.now())
    default = Period.last_months(today, figures_views.MONTHS_SHOWN)
    period = period_or_400(
        data.validated_data.get("from") or default.first,
        data.validated_data.get("to") or today,
    )
    f = figures_views.compute_for(request.user, period, today)
    return Response(
        {
            "from": period.first,
            "to": period.last,
            "circulated": f.circulated,
            "arrested": f.arrested,
            "open": f.open_total,
            "open_by_age_band": dict(zip([b.value for b in f.bands], f.band_totals(), strict=True)),
            "open_by_district": [
                {
                    "district": row["id"],
                    "name": row["name"],
                    "total": row["total"],
                    "by_age_band": dict(
                        zip([b.value for b in f.bands], row["counts"], strict=True)
                    ),
                }
                for row in f.band_rows()
            ],
            "reviews_overdue": f.reviews_overdue,
            "outstanding_suspects": f.open_suspects,
            "warrants": f.open_warrants,
            "voluntary_attenders": [
                {
                    "month": f"{row['month']:%Y-%m}",
                    "total": row["total"],
                    "by_outcome": {
                        (value or "awaiting"): n
                        for (value, _label), n in zip(
                            f.attender_outcomes, row["counts"], strict=True
                        )
                    },
                }
                for row in f.attender_rows()
            ],
        }
    )

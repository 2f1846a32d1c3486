"""Wanted persons, outstanding suspects, warrants and voluntary attenders: the lists, the
records and their workflows, the District Commander's monthly list (page and CSV) and the
performance-meeting list. Thin: authorise, parse, call one service, render.

Every page that shows people's data writes an access-log event with its purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from audit.exports import csv_download
from audit.forms import ExportForm
from audit.models import Action
from audit.services import declared_purpose, record_access, record_bulk_read
from core.concurrency import StaleVersion
from core.forms import apply_service_errors
from core.periods import PeriodError, month_end, parse_month
from core.rules import RuleViolation
from deadlines.models import Deadline
from offenders.access import get_offender_for_user
from offenders.finder import find_people
from offenders.forms import FindPersonForm
from wanted import selectors, services
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
from wanted.forms import (
    AttendanceForm,
    AttendanceOutcomeForm,
    CirculateForm,
    EndCirculationForm,
    EndWarrantForm,
    ListFilterForm,
    MonthlyListForm,
    PerformanceForm,
    ResolveSuspectForm,
    ReviewForm,
    SuspectForm,
    WarrantForm,
)
from wanted.permissions import can_manage_wanted, can_supervise_wanted, can_view_wanted


def view_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_view_wanted(request.user):
            raise PermissionDenied("Your role does not work on wanted persons or suspects.")
        return view(request, *args, **kwargs)

    return wrapper


def manage_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_manage_wanted(request.user):
            raise PermissionDenied("Your role may not change wanted or suspect records.")
        return view(request, *args, **kwargs)

    return wrapper


def _log_list(request, page: str, rows) -> None:
    """A list of people's records: one access-log event linked to everyone it showed."""
    record_bulk_read(
        user=request.user,
        people=[getattr(row, "case", row).offender_id for row in rows],
        purpose=declared_purpose(request, page),
        query=request.GET.urlencode(),
        request=request,
        detail={"page": page},
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


LIST_LIMIT = 500

# --- Lists -------------------------------------------------------------------------------------

LISTS = {
    "wanted": ("Wanted persons", visible_circulations, "wanted-circulate", "Circulate a person"),
    "suspect": (
        "Outstanding suspects",
        visible_suspects,
        "wanted-suspect-new",
        "Record an outstanding suspect",
    ),
    "warrant": ("Warrants", visible_warrants, "wanted-warrant-new", "Record a warrant"),
}


def _case_list(request, kind: str):
    title, visible, new_url, new_label = LISTS[kind]
    today = timezone.localdate()
    form = ListFilterForm(request.GET or None, force=request.user.force)
    cases = visible(request.user)
    drill = {}
    if form.is_bound and form.is_valid():
        if form.cleaned_data["district"]:
            cases = cases.filter(district=form.cleaned_data["district"])
        drill = _drill_filters(form.cleaned_data)
    rows = selectors.drill_rows(cases, kind, today, **drill)
    _log_list(request, title, rows)
    return render(
        request,
        "wanted/list.html",
        {
            "title": title,
            "kind": kind,
            "rows": rows,
            "show_outcome": any(not r.case.is_open for r in rows),
            "form": form,
            "today": today,
            "new_url": new_url if can_manage_wanted(request.user) else "",
            "new_label": new_label,
        },
        status=400 if form.errors else 200,
    )


def _drill_filters(values: dict) -> dict:
    """The figure a list was opened from (the dashboard's links), as ``drill_rows`` takes it."""
    drill: dict = {
        "band": values.get("band") or "",
        "overdue": bool(values.get("overdue")),
        "outcome": values.get("outcome") or "",
    }
    if values.get("opened_from") and values.get("opened_to"):
        drill["opened"] = (values["opened_from"], values["opened_to"])
    if values.get("ended_from") and values.get("ended_to"):
        drill["ended"] = (values["ended_from"], values["ended_to"])
    return drill


@view_required
def home(request):
    return _case_list(request, "wanted")


@view_required
def suspects(request):
    return _case_list(request, "suspect")


@view_required
def warrants(request):
    return _case_list(request, "warrant")


@view_required
def attenders(request):
    today = timezone.localdate()
    form = ListFilterForm(request.GET or None, force=request.user.force)
    rows = visible_attendances(request.user).order_by("-interviewed_on", "-pk")
    if form.is_bound and form.is_valid():
        values = form.cleaned_data
        if values["district"]:
            rows = rows.filter(district=values["district"])
        try:
            month = parse_month(values["month"], "month")
        except PeriodError as error:
            form.add_error(None, error.message)
            month = None
        if month is not None:
            rows = rows.filter(interviewed_on__gte=month, interviewed_on__lte=month_end(month))
        if values["outcome"]:
            rows = rows.filter(outcome="" if values["outcome"] == "awaiting" else values["outcome"])
    rows = list(rows[:LIST_LIMIT])
    _log_list(request, "Voluntary attenders", rows)
    return render(
        request,
        "wanted/attenders.html",
        {"rows": rows, "form": form, "today": today, "can_manage": can_manage_wanted(request.user)},
        status=400 if form.errors else 200,
    )


# --- Opening a case: find the person, then the form ----------------------------------------------

NEW_PAGES = {
    "wanted": ("Circulate a person as wanted", CirculateForm, "wanted-circulate"),
    "suspect": ("Record an outstanding suspect", SuspectForm, "wanted-suspect-new"),
    "warrant": ("Record a court warrant", WarrantForm, "wanted-warrant-new"),
    "attendance": ("Record a voluntary attendance", AttendanceForm, "wanted-attendance-new"),
}

OPENERS: dict[str, Callable] = {
    "wanted": services.circulate,
    "suspect": services.record_suspect,
    "warrant": services.record_warrant,
    "attendance": services.record_attendance,
}

DATE_FIELDS = {
    "wanted": "circulated_on",
    "suspect": "identified_on",
    "warrant": "issued_on",
    "attendance": "interviewed_on",
}


def _new(request, kind: str):
    title, form_class, url_name = NEW_PAGES[kind]
    offender_id = request.POST.get("offender") or request.GET.get("offender")
    if not offender_id:
        find = FindPersonForm(request.GET or None)
        results = None
        if find.is_valid():
            results = find_people(
                request.user, find.cleaned_data["q"], purpose=f"wanted-{kind}", request=request
            )
        return render(
            request,
            "wanted/find.html",
            {"find": find, "results": results, "title": title, "url_name": url_name},
        )
    offender = get_offender_for_user(request.user, offender_id)
    today = timezone.localdate()
    if request.method == "POST":
        form = form_class(request.POST, offender=offender)
        if form.is_valid():
            try:
                case = OPENERS[kind](
                    offender=offender, **form.cleaned_data, by=request.user, now=timezone.now()
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, f"{title[0].upper()}{title[1:]}: {case.reference}.")
                return redirect(case.get_absolute_url())
    else:
        record_access(
            user=request.user,
            action=Action.VIEW,
            offender=offender,
            request=request,
            purpose=title,
            detail={"page": url_name},
        )
        initial = {DATE_FIELDS[kind]: today.isoformat(), "officer_in_case": request.user.pk}
        if offender.home_area_id:
            initial["district"] = offender.home_area_id
        form = form_class(initial=initial, offender=offender)
    return render(
        request,
        "wanted/new.html",
        {"form": form, "offender": offender, "title": title, "url_name": url_name},
        status=400 if form.errors else 200,
    )


@manage_required
def circulate(request):
    return _new(request, "wanted")


@manage_required
def new_suspect(request):
    return _new(request, "suspect")


@manage_required
def new_warrant(request):
    return _new(request, "warrant")


@manage_required
def new_attendance(request):
    return _new(request, "attendance")


# --- Records -------------------------------------------------------------------------------------


def _deadlines(case) -> list:
    return list(
        Deadline.objects.filter(
            content_type__app_label="wanted",
            content_type__model=type(case)._meta.model_name,
            object_id=case.pk,
        ).order_by("-due_at")
    )


def _reviews(case) -> list:
    return list(case.reviews.select_related("created_by").order_by("-held_on", "-pk"))


def _case_page(request, case, kind: str, actions: list[tuple[str, str]]):
    today = timezone.localdate()
    _log_view(request, case, f"Reading {case.reference}")
    return render(
        request,
        "wanted/case.html",
        {
            "case": case,
            "kind": kind,
            "today": today,
            "age": case.age_on(today),
            "overdue": case.review_overdue_on(today),
            "reviews": _reviews(case),
            "deadlines": _deadlines(case),
            "actions": actions if case.is_open and can_manage_wanted(request.user) else [],
        },
    )


@view_required
def circulation(request, pk):
    case = get_circulation_for_user(request.user, pk)
    return _case_page(
        request,
        case,
        "wanted",
        [
            (reverse("wanted-review", args=[case.pk]), "Record a review"),
            (reverse("wanted-end", args=[case.pk]), "End the circulation"),
        ],
    )


@view_required
def suspect(request, pk):
    case = get_suspect_for_user(request.user, pk)
    return _case_page(
        request,
        case,
        "suspect",
        [
            (reverse("wanted-suspect-review", args=[case.pk]), "Record a review"),
            (reverse("wanted-suspect-resolve", args=[case.pk]), "Record how it was dealt with"),
        ],
    )


@view_required
def warrant(request, pk):
    case = get_warrant_for_user(request.user, pk)
    return _case_page(
        request,
        case,
        "warrant",
        [
            (reverse("wanted-warrant-review", args=[case.pk]), "Record a review"),
            (reverse("wanted-warrant-end", args=[case.pk]), "End the warrant"),
        ],
    )


@view_required
def attendance(request, pk):
    record = get_attendance_for_user(request.user, pk)
    _log_view(request, record, f"Reading {record.reference}")
    return render(
        request,
        "wanted/attendance.html",
        {"a": record, "can_manage": can_manage_wanted(request.user) and not record.outcome},
    )


# --- Workflows -----------------------------------------------------------------------------------


def _workflow(request, case, *, form_class, title: str, call: Callable, done: str, initial=None):
    """GET shows the form; POST calls the service and returns to the record, or shows the
    errors (a stale version says so and shows the current version)."""
    if getattr(case, "ended_on", None) is not None:
        messages.error(request, f"{case.reference} has already ended.")
        return redirect(case.get_absolute_url())
    today = timezone.localdate()
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            try:
                call(case, values, request.user, timezone.now())
            except StaleVersion as stale:
                case.refresh_from_db()
                data = request.POST.copy()
                data["version"] = case.version
                form = form_class(data)
                form.is_valid()
                form.add_error(None, f"{stale} Check the record and submit again.")
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, done)
                return redirect(case.get_absolute_url())
    else:
        form = form_class(initial={"version": case.version, **(initial or {}), **_today(today)})
    return render(
        request,
        "wanted/workflow.html",
        {"form": form, "case": case, "title": title},
        status=400 if form.errors else 200,
    )


def _today(today) -> dict:
    day = today.isoformat()
    return {"held_on": day, "ended_on": day, "resolved_on": day, "outcome_on": day}


def _review(case, values, by, now):
    services.record_review(case=case, **values, by=by, now=now)


@manage_required
def review(request, pk):
    case = get_circulation_for_user(request.user, pk)
    return _workflow(
        request,
        case,
        form_class=ReviewForm,
        title="Review the circulation",
        call=_review,
        done="Review recorded.",
    )


@manage_required
def end(request, pk):
    case = get_circulation_for_user(request.user, pk)

    def call(case, values, by, now):
        services.end_circulation(circulation=case, **values, by=by, now=now)

    return _workflow(
        request,
        case,
        form_class=EndCirculationForm,
        title="End the circulation",
        call=call,
        done="Circulation ended. Remember to cancel it on the PNC.",
    )


@manage_required
def suspect_review(request, pk):
    case = get_suspect_for_user(request.user, pk)
    return _workflow(
        request,
        case,
        form_class=ReviewForm,
        title="Review the outstanding suspect",
        call=_review,
        done="Review recorded.",
    )


@manage_required
def suspect_resolve(request, pk):
    case = get_suspect_for_user(request.user, pk)

    def call(case, values, by, now):
        services.resolve_suspect(suspect=case, **values, by=by, now=now)

    return _workflow(
        request,
        case,
        form_class=ResolveSuspectForm,
        title="Record how the suspect was dealt with",
        call=call,
        done="Outstanding suspect resolved.",
    )


@manage_required
def warrant_review(request, pk):
    case = get_warrant_for_user(request.user, pk)
    return _workflow(
        request,
        case,
        form_class=ReviewForm,
        title="Review the warrant",
        call=_review,
        done="Review recorded.",
    )


@manage_required
def warrant_end(request, pk):
    case = get_warrant_for_user(request.user, pk)

    def call(case, values, by, now):
        services.end_warrant(warrant=case, **values, by=by, now=now)

    return _workflow(
        request,
        case,
        form_class=EndWarrantForm,
        title="End the warrant",
        call=call,
        done="Warrant ended.",
    )


@manage_required
def attendance_outcome(request, pk):
    record = get_attendance_for_user(request.user, pk)
    if record.outcome:
        messages.error(request, f"{record.reference} already has an outcome.")
        return redirect(record.get_absolute_url())

    def call(case, values, by, now):
        services.record_attendance_outcome(attendance=case, **values, by=by, now=now)

    return _workflow(
        request,
        record,
        form_class=AttendanceOutcomeForm,
        title="Record the outcome",
        call=call,
        done="Outcome recorded.",
    )


# --- The District Commander's monthly list and the performance meeting ----------------------------


def _sources(user) -> dict:
    return {
        "circulations": visible_circulations(user),
        "suspects": visible_suspects(user),
        "warrants": visible_warrants(user),
    }


def _monthly(request):
    """The list the query asks for, the form, and whether the query was bad."""
    today = timezone.localdate()
    form = MonthlyListForm(
        request.GET or None, initial={"month": f"{today:%Y-%m}"}, force=request.user.force
    )
    month, district = today, None
    if form.is_bound and form.is_valid():
        district = form.cleaned_data["district"]
        try:
            month = parse_month(form.cleaned_data["month"], "month") or today
        except PeriodError as error:
            form.add_error("month", error.message)
    result = None
    if not form.errors:
        try:
            result = selectors.monthly_list(
                **_sources(request.user), district=district, month=month, today=today
            )
        except RuleViolation as error:
            form.add_error(error.field, error.message)
    return result, form


@view_required
def monthly(request):
    result, form = _monthly(request)
    if result is not None:
        _log_list(
            request, "District Commander's monthly list", result.open_rows + result.ended_rows
        )
    return render(
        request,
        "wanted/monthly.html",
        {
            "m": result,
            "form": form,
            "export_form": ExportForm(),
            "export_fields": [(k, v) for k, v in request.GET.items() if k != "purpose"],
        },
        status=400 if form.errors else 200,
    )


MONTHLY_HEADER = [
    "section",
    "change",
    "kind",
    "reference",
    "person",
    "pnc_id",
    "offence",
    "what",
    "opened_on",
    "age_days",
    "age_band",
    "district",
    "officer_in_case",
    "next_review_due",
    "review_overdue",
    "ended_on",
    "outcome",
]


def _csv_row(section: str, row) -> list:
    case = row.case
    return [
        section,
        row.change.value if row.change else "",
        row.kind,
        case.reference,
        case.offender.full_name,
        case.offender.pnc_id,
        case.offence,
        row.what,
        row.opened_on,
        row.age_days,
        row.band.label,
        str(case.district) if case.district_id else "",
        case.officer_in_case.display_name if case.officer_in_case_id else "",
        case.next_review_due or "",
        "yes" if row.review_overdue else "no",
        case.ended_on or "",
        row.outcome_label,
    ]


@view_required
def monthly_export(request):
    export = ExportForm(request.GET)
    if not export.is_valid():
        messages.error(request, "Give the purpose of the export before downloading it.")
        params = request.GET.copy()
        params.pop("purpose", None)
        return redirect(f"{reverse('wanted-monthly')}?{params.urlencode()}")
    result, _form = _monthly(request)
    if result is None:
        messages.error(request, "Choose a month that has started and a district of your force.")
        return redirect("wanted-monthly")
    rows = [_csv_row("open", r) for r in result.open_rows]
    rows += [_csv_row("ended", r) for r in result.ended_rows]
    district = result.district.code if result.district else "all"
    return csv_download(
        request=request,
        export="wanted monthly list",
        purpose=export.cleaned_data["purpose"],
        filename=f"wanted-monthly-{result.month:%Y-%m}-{district}.csv",
        header=MONTHLY_HEADER,
        rows=rows,
        count=len(rows),
    )


def performance(request):
    if not can_supervise_wanted(request.user):
        raise PermissionDenied("The performance-meeting list is for supervisors.")
    today = timezone.localdate()
    form = PerformanceForm(request.GET or None, force=request.user.force)
    age = services.cadence_for(request.user.force).performance_age_days
    district = None
    rows: list = []
    if not form.is_bound or form.is_valid():
        if form.is_bound:
            age = form.cleaned_data["age"] or age
            district = form.cleaned_data["district"]
        rows = selectors.performance_list(
            **_sources(request.user), district=district, today=today, age_days=age
        )
        _log_list(request, "Performance meeting list", rows)
    return render(
        request,
        "wanted/performance.html",
        {"rows": rows, "form": form, "age": age, "today": today},
        status=400 if form.errors else 200,
    )

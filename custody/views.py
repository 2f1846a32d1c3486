"""Custody pages: the board per suite (polled by htmx), book in, the detention page with
its workflow forms, the detentions and s.136 lists, and the supervisor's dashboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.exports import csv_download
from audit.models import Action
from audit.services import declared_purpose, record_access, record_bulk_read
from core.forms import apply_service_errors
from core.periods import PeriodError
from custody import access, extensions, forms, permissions, reports, rules, services
from custody.models import Cell, Detention
from offenders import finder
from offenders.access import get_offender_for_user
from offenders.finder import identify
from offenders.forms import FindPersonForm
from offenders.summary import flags_for


def _require(predicate: Callable, user) -> None:
    if not predicate(user):
        raise PermissionDenied


def _suite(user, code):
    return get_object_or_404(access.suites_for(user), code=code)


# --- board ---------------------------------------------------------------------------------


def suites(request):
    """The suites of the user's force, with occupancy, each linking to its board."""
    _require(permissions.can_view_custody, request.user)
    now = timezone.now()
    # Held now: open and within the law's maximum. Open records beyond it are not people in
    # cells but errors for the custody inspector, counted apart.
    held = Q(detentions__in=Detention.objects.held(now))
    rows = access.suites_for(request.user).annotate(
        cell_count=Count("cells", filter=Q(cells__in_service=True), distinct=True),
        occupied=Count("detentions", filter=held, distinct=True),
        children=Count("detentions", filter=held & Q(detentions__is_child=True), distinct=True),
        occupied_cells=Count(
            "detentions", filter=held & Q(detentions__cell__in_service=True), distinct=True
        ),
        to_resolve=Count(
            "detentions", filter=Q(detentions__in=Detention.objects.to_resolve(now)), distinct=True
        ),
    )
    rows = list(rows)
    for suite in rows:
        suite.free = max(suite.cell_count - suite.occupied_cells, 0)
    return render(
        request,
        "custody/suites.html",
        {"suites": rows, "can_dashboard": permissions.can_view_custody_dashboard(request.user)},
    )


def _board_context(request, suite) -> dict:
    now = timezone.now()
    cells = list(Cell.objects.filter(suite=suite))
    detentions = list(
        access.visible_detentions(request.user)
        .in_custody()
        .filter(suite=suite)
        .order_by("arrived_at")
    )
    # Records still open beyond the law's maximum are listed apart as errors: they hold no
    # cell and are not counted as people in custody.
    to_resolve = [
        d
        for d in detentions
        if rules.held_beyond_maximum(
            relevant_time=d.relevant_time, detention_limit_at=d.detention_limit_at, now=now
        )
    ]
    resolve_ids = {d.pk for d in to_resolve}
    detentions = [d for d in detentions if d.pk not in resolve_ids]
    for detention in detentions:
        detention.golden_status = detention.golden_hour_status(now)
    # Officer safety: warning markers and orders beside every detainee (one query each).
    flags = flags_for(
        [d.offender_id for d in detentions], leave_out=("custody",), user=request.user
    )
    for detention in detentions:
        detention.flags = flags[detention.offender_id]
    by_cell = {d.cell_id: d for d in detentions if d.cell_id}
    rows = []
    for cell in cells:
        detention = by_cell.get(cell.pk)
        rows.append(
            {
                "cell": cell,
                "detention": detention,
                "clock": detention.next_clock(now) if detention else None,
            }
        )
    no_cell = [
        {"cell": None, "detention": d, "clock": d.next_clock(now)}
        for d in detentions
        if not d.cell_id
    ]
    in_service = [c for c in cells if c.in_service]
    return {
        "suite": suite,
        "rows": rows + no_cell,
        "to_resolve": to_resolve,
        "now": now,
        "free_cells": sum(1 for c in in_service if c.pk not in by_cell),
        "in_service": len(in_service),
        "in_custody": len(detentions),
        "children": sum(1 for d in detentions if d.is_child),
        "can_record": permissions.can_record_custody(request.user),
    }


def board(request, code):
    """Every cell with its detainee and the next clock; the table refreshes every 30 s."""
    _require(permissions.can_view_custody, request.user)
    suite = _suite(request.user, code)
    context = _board_context(request, suite)
    if request.htmx:
        return render(request, "custody/_board_cells.html", context)
    # The board lists who is in custody: log the page view once, not every 30 s poll.
    record_bulk_read(
        user=request.user,
        people=[row["detention"].offender_id for row in context["rows"] if row["detention"]],
        purpose=declared_purpose(request, f"Custody board, {suite.name}"),
        request=request,
        detail={"list": "custody.board", "suite": suite.code},
    )
    return render(request, "custody/board.html", context)


def board_cells(request, code):
    _require(permissions.can_view_custody, request.user)
    return render(
        request, "custody/_board_cells.html", _board_context(request, _suite(request.user, code))
    )


# --- book in -----------------------------------------------------------------------------


# Service fields that a page form splits in two: the rank is what the rules judge.
FIELD_ALIASES = {
    "authorised_by": "authorised_by_rank",
    "conditions": "imminent_risk",
    "present": "officer_name",
    "appropriate_adult": "appropriate_adult_present",
}


def book_in(request, code):
    _require(permissions.can_record_custody, request.user)
    suite = _suite(request.user, code)
    occupied = (
        Detention.objects.in_custody().filter(suite=suite, cell__isnull=False).values("cell_id")
    )
    free_cells = list(Cell.objects.filter(suite=suite, in_service=True).exclude(pk__in=occupied))
    now = timezone.now()
    person = None
    if request.method == "POST":
        form = forms.BookInForm(request.POST, free_cells=free_cells)
        valid = form.is_valid()
        if "person" in form.cleaned_data:
            person = identify(request.user, form.cleaned_data["person"])
            if person is None:
                form.add_error("person", finder.NOT_FOUND)
        if valid and person is not None:
            data = form.cleaned_data
            try:
                detention = services.book_in(
                    offender=person,
                    suite=suite,
                    cell=next(c for c in free_cells if c.number == data["cell"]),
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
            except ValidationError as error:
                apply_service_errors(form, error, aliases=FIELD_ALIASES)
            else:
                messages.success(request, f"{person.full_name} booked in to cell {data['cell']}.")
                for note in getattr(detention, "booked_in_notes", []):
                    messages.info(request, note)
                return redirect("custody-board", code=suite.code)
    else:
        initial = {
            "arrived_at": forms.wall_clock(now),
            "detention_authorised_at": forms.wall_clock(now),
        }
        if request.GET.get("check"):
            # "Check the person" re-shows the form as typed, with what to know about them.
            fields = forms.BookInForm.base_fields
            initial.update({k: v[:500] for k, v in request.GET.items() if k in fields})
        chosen = request.GET.get("offender", "")  # chosen from the "find the person" box
        if chosen.isdigit():
            person = get_offender_for_user(request.user, int(chosen))
            initial["person"] = str(person.pk)
            record_access(
                user=request.user,
                action=Action.VIEW,
                offender=person,
                request=request,
                purpose="Booking a person into custody",
                detail={"page": "custody book-in"},
            )
        elif request.GET.get("person"):
            initial["person"] = request.GET["person"][:20]
            person = identify(request.user, initial["person"])
            if person is not None:
                record_access(
                    user=request.user,
                    action=Action.VIEW,
                    offender=person,
                    request=request,
                    purpose="Booking a person into custody",
                    detail={"page": "custody book-in"},
                )
        form = forms.BookInForm(initial=initial, free_cells=free_cells)
    # What other apps say the sergeant must know about the person (custody/extensions.py).
    notices = extensions.notices_for(person, request.user) if person is not None else []
    # No one chosen yet: find them by name (or type a PNC ID in the form).
    find, results = FindPersonForm(request.GET if "q" in request.GET else None), None
    if person is None and find.is_valid():
        results = finder.find_people(
            request.user, find.cleaned_data["q"], purpose="custody-book-in", request=request
        )
    status = 400 if form.errors else 200
    return render(
        request,
        "custody/book_in.html",
        {
            "suite": suite,
            "form": form,
            "person": person,
            "notices": notices,
            "find": find,
            "results": results,
        },
        status=status,
    )


def book_in_start(request):
    """ "Book into custody" from a person's page: straight to the officer's one suite, or the
    choice of suite when they may book into more than one."""
    _require(permissions.can_record_custody, request.user)
    chosen = request.GET.get("offender", "")
    person = get_offender_for_user(request.user, int(chosen)) if chosen.isdigit() else None
    suites = list(access.suites_for(request.user).order_by("name"))
    query = f"?offender={person.pk}" if person is not None else ""
    if len(suites) == 1:
        return redirect(reverse("custody-book-in", args=[suites[0].code]) + query)
    return render(
        request,
        "custody/book_in_start.html",
        {"person": person, "suites": suites, "query": query},
    )


# --- the detention page ------------------------------------------------------------------


def _timeline(detention: Detention) -> list[dict]:
    events = [{"at": detention.arrived_at, "title": "Booked in", "text": detention.offence}]
    for review in detention.reviews.all():
        events.append(
            {
                "at": review.held_at,
                "title": "Review held",
                "text": f"{review.reviewer_name} ({review.reviewer_rank})",
            }
        )
    for extension in detention.extensions.all():
        events.append(
            {
                "at": extension.authorised_at,
                "title": extension.get_kind_display().capitalize(),
                "text": f"until {timezone.localtime(extension.until):%d %b %H:%M}",
            }
        )
    for period in detention.hospital_periods.all():
        events.append({"at": period.left_at, "title": "Went to hospital", "text": period.reason})
    call = getattr(detention, "golden_hour_call", None)
    if call:
        events.append(
            {
                "at": call.called_at,
                "title": "Golden Hour call" + (" (late)" if call.late else ""),
                "text": f"Spoke to {call.spoke_to}",
            }
        )
    for search in detention.searches.all():
        events.append(
            {"at": search.searched_at, "title": search.get_kind_display(), "text": search.result}
        )
    for use in detention.uses_of_force.all():
        events.append({"at": use.used_at, "title": "Force used", "text": use.tactics})
    for measure in detention.control_measures.all():
        events.append(
            {"at": measure.started_at, "title": measure.get_kind_display(), "text": measure.reason}
        )
    for assessment in detention.mental_health_assessments.all():
        events.append(
            {
                "at": assessment.requested_at,
                "title": "Mental-health assessment requested",
                "text": assessment.notes,
            }
        )
    for transfer in detention.juvenile_transfers.all():
        events.append(
            {
                "at": transfer.decided_at,
                "title": "PACE s.38(6)",
                "text": transfer.get_outcome_display(),
            }
        )
    if detention.released_at:
        events.append(
            {
                "at": detention.released_at,
                "title": "Released",
                "text": detention.get_outcome_display(),
            }
        )
    return sorted(events, key=lambda event: event["at"], reverse=True)


def _detention_page(request, detention, status=200, failed=None, open_form="", **forms_):
    now = timezone.now()
    defaults = {
        "review_form": forms.ReviewForm(
            prefix="review", initial={"held_at": forms.wall_clock(now)}
        ),
        "extension_form": forms.ExtensionForm(
            prefix="extension", initial={"authorised_at": forms.wall_clock(now)}
        ),
        "call_form": forms.GoldenHourCallForm(
            prefix="call",
            initial={
                "called_at": forms.wall_clock(now),
                "appropriate_adult": detention.appropriate_adult,
            },
        ),
        "charge_form": forms.ChargeForm(
            prefix="charge", initial={"charged_at": forms.wall_clock(now)}
        ),
        "release_form": forms.ReleaseForm.for_user(
            request.user, prefix="release", initial={"released_at": forms.wall_clock(now)}
        ),
        "hospital_form": forms.HospitalForm(prefix="hospital"),
        "search_form": forms.SearchForm(
            prefix="search",
            initial={"searched_at": forms.wall_clock(now), "intimate_parts_exposed": True},
        ),
        "force_form": forms.UseOfForceForm(
            prefix="force", initial={"used_at": forms.wall_clock(now)}
        ),
        "control_form": forms.ControlMeasureForm(
            prefix="control", initial={"started_at": forms.wall_clock(now)}
        ),
        "assessment_form": forms.AssessmentForm(
            prefix="assessment", initial={"requested_at": forms.wall_clock(now)}
        ),
        "transfer_form": forms.TransferForm(
            prefix="transfer", initial={"decided_at": forms.wall_clock(now)}
        ),
        "protection_form": forms.PoliceProtectionForm(
            prefix="protection", initial={"started_at": forms.wall_clock(now)}
        ),
        "court_form": forms.CourtTransportForm(
            prefix="court", initial={"left_at": forms.wall_clock(now)}
        ),
    }
    defaults.update(forms_)
    record_access(
        user=request.user,
        action=Action.VIEW,
        offender=detention.offender,
        target=detention,
        request=request,
    )
    return render(
        request,
        "custody/detention.html",
        {
            "detention": detention,
            "person": detention.offender,
            "now": now,
            "golden_status": detention.golden_hour_status(now),
            "call": getattr(detention, "golden_hour_call", None),
            "timeline": _timeline(detention),
            "failed": failed,
            "open_form": open_form,
            "can_record": permissions.can_record_custody(request.user) and detention.in_custody,
            "can_record_call": permissions.can_record_custody(request.user)
            and detention.is_child
            and not hasattr(detention, "golden_hour_call"),
            **defaults,
        },
        status=status,
    )


def _answer(field) -> str:
    """A submitted field as the person read it when choosing: a choice's label, a date in words."""
    value = field.form.cleaned_data.get(field.name)
    if value in (None, "", [], ()):
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%a %-d %b %Y, %H:%M")
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    choices = getattr(field.field, "choices", None)
    if choices and not hasattr(value, "pk"):
        return str({str(k): v for k, v in choices}.get(str(value), value))
    return str(value)


def _check_answers(request, detention, form, heading: str, button: str):
    """Check your answers before an irreversible step: every answer with its label, the data
    sent again as hidden fields, a button that records it and one that changes the answers."""
    answers = [
        (field.label, _answer(field))
        for field in form
        if field.field.required or form.cleaned_data.get(field.name) not in (None, "", [], ())
    ]
    carried = [
        (key, value)
        for key, values in request.POST.lists()
        if key not in ("csrfmiddlewaretoken", "check", "change")
        for value in values
    ]
    return render(
        request,
        "custody/check_answers.html",
        {
            "detention": detention,
            "person": detention.offender,
            "heading": heading,
            "button": button,
            "answers": answers,
            "carried": carried,
            "action": request.path,
        },
    )


def detention(request, pk):
    _require(permissions.can_view_custody, request.user)
    return _detention_page(request, access.get_detention_for_user(request.user, pk))


def _workflow(
    request,
    pk,
    form_class,
    form_name: str,
    call: Callable,
    done: str,
    check: tuple[str, str] | None = None,
):
    """Shared POST handling: parse the form, call the service, or show the page again with
    the refusal on its field.

    ``check`` (heading, button) puts a check-your-answers step before an irreversible action:
    the page's form sends ``check=1``, the answers are shown back with "Change" and the button,
    and only that confirmation records it ("Change" re-opens the form with the answers)."""
    _require(permissions.can_record_custody, request.user)
    detention = access.get_detention_for_user(request.user, pk)
    form = form_class(request.POST, prefix=form_name.removesuffix("_form"))
    if check is not None and request.POST.get("change"):
        return _detention_page(
            request, detention, failed=None, open_form=form_name, **{form_name: form}
        )
    if form.is_valid() and check is not None and request.POST.get("check"):
        return _check_answers(request, detention, form, *check)
    if form.is_valid():
        try:
            call(detention, form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error, aliases=FIELD_ALIASES)
        else:
            messages.success(request, done)
            return redirect("custody-detention", pk=detention.pk)
    detention = access.get_detention_for_user(request.user, pk)
    return _detention_page(request, detention, status=400, failed=form, **{form_name: form})


@require_POST
def record_review(request, pk):
    return _workflow(
        request,
        pk,
        forms.ReviewForm,
        "review_form",
        lambda detention, data: services.record_review(
            detention=detention,
            held_at=data["held_at"],
            reviewer_name=data["authorised_by_name"],
            reviewer_rank=data["authorised_by_rank"],
            postponement_reason=data["postponement_reason"],
            notes=data["notes"],
            involved_in_investigation=data["involved_in_investigation"],
            by=request.user,
        ),
        "Review recorded. The next review time has been updated.",
    )


@require_POST
def record_extension(request, pk):
    return _workflow(
        request,
        pk,
        forms.ExtensionForm,
        "extension_form",
        lambda detention, data: services.grant_extension(
            detention=detention,
            kind=data["kind"],
            authorised_at=data["authorised_at"],
            until=data["until"],
            authorised_by_name=data["authorised_by_name"],
            authorised_by_rank=data["authorised_by_rank"],
            court=data["court"],
            by=request.user,
        ),
        "Extension recorded. The detention limit has been updated.",
        check=("Check the extension before you record it", "Record the extension"),
    )


@require_POST
def record_call(request, pk):
    return _workflow(
        request,
        pk,
        forms.GoldenHourCallForm,
        "call_form",
        lambda detention, data: services.record_golden_hour_call(
            detention=detention, by=request.user, **data
        ),
        "Golden Hour call recorded.",
    )


@require_POST
def record_charge(request, pk):
    return _workflow(
        request,
        pk,
        forms.ChargeForm,
        "charge_form",
        lambda detention, data: services.record_charge(
            detention=detention, charged_at=data["charged_at"], by=request.user
        ),
        "Charge recorded. Reviews from now on are held by the custody officer.",
    )


@require_POST
def record_release(request, pk):
    form = forms.ReleaseForm.for_user(request.user, request.POST, prefix="release")
    return _workflow(
        request,
        pk,
        lambda *args, **kwargs: form,
        "release_form",
        lambda detention, data: services.release(
            detention=detention,
            released_at=data["released_at"],
            outcome=data["outcome"],
            notes=data["notes"],
            bail_details=form.details(),
            by=request.user,
        ),
        "Release recorded. Every custody clock for this detention is closed.",
        check=("Check the release before you record it", "Record the release"),
    )


@require_POST
def record_hospital(request, pk):
    return _workflow(
        request,
        pk,
        forms.HospitalForm,
        "hospital_form",
        lambda detention, data: services.record_hospital_period(
            detention=detention, by=request.user, **data
        ),
        "Hospital visit recorded. The detention limit has been updated.",
    )


@require_POST
def record_search(request, pk):
    def call(detention, data):
        services.record_search(
            detention=detention,
            kind=data["kind"],
            searched_at=data["searched_at"],
            reason=data["reason"],
            present=forms.SearchForm.present_from(data),
            intimate_parts_exposed=data["intimate_parts_exposed"],
            urgent=data["urgent"],
            authorised_by_name=data["authorised_by_name"],
            authorised_by_rank=data["authorised_by_rank"],
            result=data["result"],
            by=request.user,
        )

    return _workflow(request, pk, forms.SearchForm, "search_form", call, "Search recorded.")


@require_POST
def record_force(request, pk):
    return _workflow(
        request,
        pk,
        forms.UseOfForceForm,
        "force_form",
        lambda detention, data: services.record_use_of_force(
            detention=detention, by=request.user, **data
        ),
        "Use of force recorded.",
    )


@require_POST
def record_control(request, pk):
    return _workflow(
        request,
        pk,
        forms.ControlMeasureForm,
        "control_form",
        lambda detention, data: services.record_control_measure(
            detention=detention, by=request.user, **data
        ),
        "Control measure recorded.",
    )


@require_POST
def record_assessment(request, pk):
    return _workflow(
        request,
        pk,
        forms.AssessmentForm,
        "assessment_form",
        lambda detention, data: services.record_mental_health_assessment(
            detention=detention, by=request.user, **data
        ),
        "Mental-health assessment recorded.",
    )


@require_POST
def record_transfer(request, pk):
    return _workflow(
        request,
        pk,
        forms.TransferForm,
        "transfer_form",
        lambda detention, data: services.record_juvenile_transfer(
            detention=detention, by=request.user, **data
        ),
        "PACE s.38(6) decision recorded.",
    )


@require_POST
def record_police_protection(request, pk):
    return _workflow(
        request,
        pk,
        forms.PoliceProtectionForm,
        "protection_form",
        lambda detention, data: services.record_police_protection(
            detention=detention, by=request.user, **data
        ),
        "Police protection recorded.",
    )


@require_POST
def record_court_transport(request, pk):
    return _workflow(
        request,
        pk,
        forms.CourtTransportForm,
        "court_form",
        lambda detention, data: services.record_court_transport(
            detention=detention, by=request.user, **data
        ),
        "Transport to court recorded.",
    )


# --- lists and the dashboard -------------------------------------------------------------

LIST_LIMIT = 500


def detentions(request):
    """The detentions behind a dashboard figure (same filters: custody.reports)."""
    _require(permissions.can_view_custody, request.user)
    now = timezone.now()
    qs = reports.filter_detentions(access.visible_detentions(request.user), request.GET, now)
    total = qs.count()
    rows = list(qs.order_by("-arrived_at", "-pk")[:LIST_LIMIT])
    record_bulk_read(
        user=request.user,
        people=[d.offender_id for d in rows],
        action=Action.SEARCH,
        query=request.GET.urlencode(),
        purpose=declared_purpose(request, "Custody detentions list"),
        detail={"list": "custody.detentions"},
        request=request,
    )
    return render(
        request,
        "custody/detentions.html",
        {
            "detentions": rows,
            "total": total,
            "limit": LIST_LIMIT,
            "now": now,
            "described": reports.describe_filters(request.GET),
        },
    )


def s136_list(request):
    _require(permissions.can_view_custody, request.user)
    qs = reports.filter_s136(access.visible_s136(request.user), request.GET)
    total = qs.count()
    records = list(qs[:LIST_LIMIT])
    record_bulk_read(
        user=request.user,
        people=[r.offender_id for r in records],
        action=Action.SEARCH,
        query=request.GET.urlencode(),
        purpose=declared_purpose(request, "Mental Health Act s.136 records"),
        detail={"list": "custody.s136"},
        request=request,
    )
    return render(
        request,
        "custody/s136_list.html",
        {
            "records": records,
            "total": total,
            "now": timezone.now(),
            "can_record": permissions.can_record_custody(request.user),
        },
    )


def s136_new(request):
    """Record a Mental Health Act s.136 removal to a place of safety."""
    _require(permissions.can_record_custody, request.user)
    suites_ = list(access.suites_for(request.user))
    if request.method == "POST":
        form = forms.S136Form(request.POST, suites=suites_)
        valid = form.is_valid()
        if "person" in form.cleaned_data:
            person = identify(request.user, form.cleaned_data["person"])
            if person is None:
                form.add_error("person", finder.NOT_FOUND)
        if valid and person is not None:
            data = form.cleaned_data
            try:
                services.record_s136(
                    offender=person,
                    place=data["place"],
                    suite=next((s for s in suites_ if s.code == data["suite"]), None),
                    started_at=data["started_at"],
                    decided_by_name=data["decided_by_name"],
                    decided_by_rank=data["decided_by_rank"],
                    authorised_by_name=data["authorised_by_name"],
                    authorised_by_rank=data["authorised_by_rank"],
                    imminent_risk=data["imminent_risk"],
                    no_other_place=data["no_other_place"],
                    healthcare_professional_available=data["healthcare_professional_available"],
                    reasons=data["reasons"],
                    by=request.user,
                )
            except ValidationError as error:
                apply_service_errors(form, error, aliases=FIELD_ALIASES)
            else:
                messages.success(request, f"s.136 detention of {person.full_name} recorded.")
                return redirect("custody-s136")
    else:
        form = forms.S136Form(
            initial={"started_at": forms.wall_clock(timezone.now())}, suites=suites_
        )
    status = 400 if form.errors else 200
    return render(request, "custody/s136_new.html", {"form": form}, status=status)


def s136_detail(request, pk: int):
    """One s.136 record: its period, and the forms to extend (s.136B) or end it."""
    _require(permissions.can_view_custody, request.user)
    record = access.get_s136_for_user(request.user, pk)
    can_record = permissions.can_record_custody(request.user)
    extension_form = forms.S136ExtensionForm(
        prefix="extend", initial={"authorised_at": forms.wall_clock(timezone.now())}
    )
    end_form = forms.S136EndForm(
        prefix="end", initial={"ended_at": forms.wall_clock(timezone.now())}
    )
    if request.method == "POST":
        _require(permissions.can_record_custody, request.user)
        if "extend" in request.POST:
            extension_form = forms.S136ExtensionForm(request.POST, prefix="extend")
            if extension_form.is_valid():
                data = extension_form.cleaned_data
                try:
                    services.extend_s136(
                        record=record,
                        authorised_at=data["authorised_at"],
                        until=data["until"],
                        extended_by_name=data["extended_by_name"],
                        by_registered_medical_practitioner=data[
                            "by_registered_medical_practitioner"
                        ],
                        condition_prevents_assessment=data["condition_prevents_assessment"],
                        approved_by_name=data["approved_by_name"],
                        approved_by_rank=data["approved_by_rank"],
                        by=request.user,
                    )
                except ValidationError as error:
                    apply_service_errors(extension_form, error, aliases=FIELD_ALIASES)
                else:
                    messages.success(
                        request, "Extension recorded: the s.136 period and its reminder moved."
                    )
                    return redirect("custody-s136-detail", pk=record.pk)
        else:
            end_form = forms.S136EndForm(request.POST, prefix="end")
            if end_form.is_valid():
                try:
                    services.end_s136(
                        record=record,
                        ended_at=end_form.cleaned_data["ended_at"],
                        outcome=end_form.cleaned_data["outcome"],
                        by=request.user,
                    )
                except ValidationError as error:
                    apply_service_errors(end_form, error, aliases=FIELD_ALIASES)
                else:
                    messages.success(request, "The s.136 detention has ended; its clock is closed.")
                    return redirect("custody-s136-detail", pk=record.pk)
    else:
        record_access(
            user=request.user,
            action=Action.VIEW,
            offender=record.offender,
            target=record,
            request=request,
        )
    status = 400 if extension_form.errors or end_form.errors else 200
    return render(
        request,
        "custody/s136_detail.html",
        {
            "record": record,
            "can_record": can_record,
            "extension_form": extension_form,
            "end_form": end_form,
        },
        status=status,
    )


def _figures(request, params):
    return reports.custody_figures(
        access.figures_detentions(request.user),
        access.figures_s136(request.user),
        access.suites_for(request.user),
        reports.dashboard_period(params, timezone.localdate()),
        timezone.now(),
    )


def dashboard(request):
    _require(permissions.can_view_custody_dashboard, request.user)
    try:
        figures, refused = _figures(request, request.GET), None
    except PeriodError as error:
        # A field error, and the default period's figures underneath it.
        figures, refused = _figures(request, {}), error
    return render(
        request,
        "custody/dashboard.html",
        {
            "figures": figures,
            "period": figures.period,
            "period_error": refused,
            "period_errors": [refused] if refused else [],
            "can_open_records": permissions.can_view_custody(request.user),
        },
        status=400 if refused else 200,
    )


def dashboard_csv(request):
    """The dashboard's figures as CSV; every export is written to the access log."""
    _require(permissions.can_view_custody_dashboard, request.user)
    try:
        figures = _figures(request, request.GET)
    except PeriodError as error:
        return HttpResponseBadRequest(f"{error.field}: {error.message}")
    return csv_download(
        request=request,
        export="custody.dashboard",
        purpose="Custody performance figures for supervisory review",
        detail=figures.period.params("month"),
        filename=(f"custody-{figures.period.first:%Y-%m}-to-{figures.period.last:%Y-%m}.csv"),
        header=["section", "figure", "value"],
        rows=_dashboard_rows(figures),
    )


def _dashboard_rows(figures):
    for row in figures.months:
        for cell in row["cells"]:
            yield ["Detentions per month", f"{row['month']:%Y-%m} {cell.label}", cell.value]
    for section, items in figures.sections:
        for item in items:
            yield [section, item.label, item.value]

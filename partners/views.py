"""Partners pages: the directory, services, needs and referrals from a person, referral
progress, the person's pathways, the gap map, proven reoffending and the dashboard.

Thin function views: a permission predicate or access helper first, then one service for
writes. Every person-level page writes an access-log row with its purpose; every export is
logged with the purpose the user typed.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.models import PolicingArea
from audit.exports import csv_download
from audit.models import Action
from audit.services import declared_purpose, record_access, record_bulk_read
from core.concurrency import StaleVersion
from core.forms import apply_service_errors
from core.paging import page_of
from core.periods import Period, PeriodError, month_end, parse_date
from offenders.access import get_offender_for_user, visible_offenders
from offenders.models import Offence
from partners import figures, rules, selectors, services
from partners.access import (
    directory as directory_for,
)
from partners.access import (
    figures_force_id,
    get_need_for_user,
    get_referral_for_user,
    get_service_for_user,
    visible_needs,
    visible_referrals,
)
from partners.choices import CaseKind, ReferralStatus
from partners.forms import (
    ExportForm,
    NeedCloseForm,
    NeedForm,
    ProgressForm,
    ProofForm,
    ReferForm,
    ReoffendingForm,
    ServiceForm,
)
from partners.models import Need
from partners.permissions import (
    can_edit_directory,
    can_read_directory,
    can_refer,
    can_see_partner_figures,
)


def _require(predicate, message: str):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


readers = _require(can_read_directory, "The directory is for signed-in staff.")
editors = _require(can_edit_directory, "Administrators maintain the directory.")
referrers = _require(can_refer, "Recording needs and referrals is for officers who see people.")
figure_readers = _require(
    can_see_partner_figures, "These figures are for supervisors and analysts."
)


def _render(request, template: str, context: dict, status: int = 200):
    """``render`` with what the sub navigation needs to know about the user."""
    context = {
        **context,
        "perms_refer": can_refer(request.user),
        "perms_figures": can_see_partner_figures(request.user),
    }
    return render(request, template, context, status=status)


def query_without(request, *names) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k not in names])


# --- The directory ----------------------------------------------------------------------


@readers
def directory(request):
    """Every service of the force, filtered by need and district."""
    today = timezone.localdate()
    qs = directory_for(request.user)
    need = request.GET.get("need", "")
    district = request.GET.get("district", "")
    needs = list(Need.objects.filter(active=True))
    districts = list(PolicingArea.objects.filter(force_id=request.user.force_id).order_by("name"))
    if need in {n.code for n in needs}:
        qs = qs.filter(needs__code=need)
    else:
        need = ""
    if district in {d.code for d in districts}:
        qs = qs.filter(Q(districts__code=district) | Q(districts__isnull=True))
    else:
        district = ""
    show = request.GET.get("show", "active")
    if show != "all":
        qs = qs.filter(active=True)
    return _render(
        request,
        "partners/directory.html",
        {
            "services": [
                (service, service.funding_ends_soon(today))
                for service in qs.distinct().order_by("name")
            ],
            "needs": needs,
            "districts": districts,
            "need": need,
            "district": district,
            "show": show,
            "today": today,
            "can_edit": can_edit_directory(request.user),
        },
    )


@readers
def service_detail(request, code: str):
    service = get_service_for_user(request.user, code)
    today = timezone.localdate()
    counts = {
        row["status"]: row["n"]
        for row in service.referrals.values("status").annotate(n=Count("pk")).order_by()
    }
    return _render(
        request,
        "partners/service.html",
        {
            "service": service,
            "today": today,
            "funding_soon": service.funding_ends_soon(today),
            "counts": [(s, counts.get(s.value, 0)) for s in ReferralStatus],
            "can_edit": can_edit_directory(request.user),
            "links": can_refer(request.user),
        },
    )


def _service_form_data(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data.pop("code", None)
    return {
        "needs": list(data.pop("needs")),
        "districts": list(data.pop("districts")),
        **{k: data[k] for k in services.SERVICE_FIELDS},
    }


@editors
def service_new(request):
    force = request.user.force
    form = ServiceForm(request.POST or None, force=force, initial={"active": True})
    if request.method == "POST" and form.is_valid():
        try:
            service = services.save_service(
                force=force,
                code=form.cleaned_data["code"],
                by=request.user,
                at=timezone.now(),
                request=request,
                **_service_form_data(form),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"{service.name} added to the directory.")
            return redirect(service.get_absolute_url())
    return _render(request, "partners/service_form.html", {"form": form, "service": None})


@editors
def service_edit(request, code: str):
    service = get_service_for_user(request.user, code)
    initial = {name: getattr(service, name) for name in services.SERVICE_FIELDS}
    if service.funding_ends_on:
        initial["funding_ends_on"] = service.funding_ends_on.isoformat()
    initial.update(
        version=service.version,
        needs=list(service.needs.all()),
        districts=list(service.districts.all()),
    )
    form = ServiceForm(request.POST or None, force=service.force, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_service(
                force=service.force,
                code=service.code,
                service=service,
                version=form.cleaned_data["version"],
                offence_types=list(service.offence_types.all()),
                by=request.user,
                at=timezone.now(),
                request=request,
                **_service_form_data(form),
            )
        except StaleVersion as error:
            messages.error(request, f"{error} The page now shows the current record.")
            return redirect("partners-service-edit", code=service.code)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Service saved.")
            return redirect(service.get_absolute_url())
    return _render(request, "partners/service_form.html", {"form": form, "service": service})


# --- A person's needs and pathways ------------------------------------------------------


def _source(request) -> dict:
    """The case a need or referral comes from, passed by the linking page (?source_kind=)."""
    kind = request.GET.get("source_kind", "")
    return {
        "source_kind": kind if kind in CaseKind.values else CaseKind.OTHER.value,
        "source_id": request.GET.get("source_id", "")[:64],
    }


@referrers
def person(request, pk: int):
    """Every pathway a person is on: partner referrals, OOCD courses, restorative justice;
    and the needs assessed on them."""
    offender = get_offender_for_user(request.user, pk)
    record_access(
        user=request.user,
        action=Action.VIEW,
        offender=offender,
        request=request,
        justification="Partners and pathways of the person",
        detail={"page": "partners-person"},
    )
    return _render(
        request,
        "partners/person.html",
        {
            "offender": offender,
            "needs": visible_needs(request.user).filter(offender=offender),
            "pathways": selectors.pathways(offender, request.user),
            "offences": Offence.objects.filter(offender=offender)
            .select_related("offence_type", "proof")
            .order_by("-committed_on", "-pk"),
            "source": urlencode(_source(request)),
        },
    )


@referrers
def record_need(request, pk: int):
    offender = get_offender_for_user(request.user, pk)
    today = timezone.localdate()
    initial = {**_source(request), "assessed_on": today.isoformat()}
    form = NeedForm(request.POST or None, initial=initial)
    if request.method == "GET":
        record_access(
            user=request.user,
            action=Action.VIEW,
            offender=offender,
            request=request,
            justification="Recording a need",
            detail={"page": "partners-need"},
        )
    if request.method == "POST" and form.is_valid():
        try:
            row = services.record_need(
                offender=offender,
                by=request.user,
                today=today,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Need recorded: {row.need.label.lower()}.")
            query = urlencode(
                {"need": row.need.code, "source_kind": row.source_kind, "source_id": row.source_id}
            )
            return redirect(f"{reverse('partners-refer', args=[offender.pk])}?{query}")
    return _render(request, "partners/need_form.html", {"form": form, "offender": offender})


@referrers
def close_need(request, pk: int):
    row = get_need_for_user(request.user, pk)
    offender = row.offender
    back = reverse("partners-person", args=[offender.pk])
    if row.closed_on is not None:
        messages.info(request, f"The {row.need.label.lower()} need is already closed.")
        return redirect(back)
    today = timezone.localdate()
    form = NeedCloseForm(
        request.POST or None, initial={"version": row.version, "closed_on": today.isoformat()}
    )
    if request.method == "GET":
        record_access(
            user=request.user,
            action=Action.VIEW,
            offender=offender,
            target=row,
            request=request,
            justification="Closing a need",
            detail={"page": "partners-close-need"},
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.close_need(
                person_need=row, by=request.user, today=today, request=request, **form.cleaned_data
            )
        except StaleVersion as error:
            messages.error(request, f"{error} The page now shows the current record.")
            return redirect(back)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Need closed: {row.need.label.lower()}.")
            return redirect(back)
    elif form.errors and form.cleaned_data.get("closed_on"):
        try:  # the date's own problem beside the others, all in one answer
            services.check_need_closing_date(row, form.cleaned_data["closed_on"], today)
        except ValidationError as error:
            apply_service_errors(form, error)
    return _render(
        request,
        "partners/need_close_form.html",
        {"form": form, "offender": offender, "n": row},
        status=400 if form.errors else 200,
    )


@referrers
def refer(request, pk: int):
    offender = get_offender_for_user(request.user, pk)
    today = timezone.localdate()
    need = Need.objects.filter(code=request.GET.get("need", "")).first()
    available = directory_for(request.user).filter(active=True, force=offender.force)
    if need is not None:
        available = available.filter(needs=need)
    initial = {**_source(request), "referred_on": today.isoformat(), "need": need}
    form = ReferForm(
        request.POST or None,
        services=available
        if request.method == "GET"
        else directory_for(request.user).filter(force=offender.force),
        initial=initial,
    )
    warnings: list[str] = []
    if request.method == "GET":
        record_access(
            user=request.user,
            action=Action.VIEW,
            offender=offender,
            request=request,
            justification="Referring to a partner service",
            detail={"page": "partners-refer"},
        )
    if request.method == "POST" and form.is_valid():
        service = form.cleaned_data["service"]
        warnings = services.eligibility_warnings(offender=offender, service=service, on=today)
        try:
            referral = services.refer(
                offender=offender,
                by=request.user,
                today=today,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, f"Referred to {service.name}. The service's answer is awaited."
            )
            for warning in warnings:
                messages.warning(request, f"Check eligibility: {warning}")
            return redirect(referral.get_absolute_url())
    return _render(
        request,
        "partners/refer_form.html",
        {"form": form, "offender": offender, "need": need, "services": available},
    )


@referrers
def referral_detail(request, pk: int):
    referral = get_referral_for_user(request.user, pk)
    today = timezone.localdate()
    form = ProgressForm(
        request.POST or None,
        statuses=referral.next_statuses,
        initial={"version": referral.version, "on": today.isoformat()},
    )
    if request.method == "GET":
        record_access(
            user=request.user,
            action=Action.VIEW,
            offender=referral.offender,
            target=referral,
            request=request,
            justification="Partner referral progress",
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_progress(
                referral=referral,
                by=request.user,
                today=today,
                at=timezone.now(),
                request=request,
                **form.cleaned_data,
            )
        except StaleVersion as error:
            messages.error(request, f"{error} The page now shows the current record.")
            return redirect(referral.get_absolute_url())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Progress recorded.")
            return redirect(referral.get_absolute_url())
    return _render(
        request,
        "partners/referral.html",
        {"r": referral, "form": form, "progress": referral.progress.select_related("recorded_by")},
    )


REFERRAL_FILTERS = ("service", "status", "need", "step", "from", "to", "district")


@referrers
def referrals(request):
    """Referrals of the people the user may see; the figures link here with their filters.

    ``step`` with ``from``/``to``: referrals with that progress step in the period (the
    dashboard's monthly counts); without ``step``, ``from``/``to`` filter the referral date."""
    qs = visible_referrals(request.user)
    params = request.GET
    if params.get("service"):
        qs = qs.filter(service__code=params["service"][:60])
    if params.get("status") in ReferralStatus.values:
        qs = qs.filter(status=params["status"])
    if params.get("need"):
        qs = qs.filter(need__code=params["need"][:40])
    if params.get("district"):
        qs = qs.filter(offender__home_area__code=params["district"][:50])
    bad = []
    first = last = None
    try:
        first = parse_date(params.get("from"), "from")
        last = parse_date(params.get("to"), "to")
    except PeriodError as error:
        bad.append(error.message)
    step = params.get("step")
    if step in ReferralStatus.values:
        steps = Q(progress__status=step)
        if first:
            steps &= Q(progress__on__gte=first)
        if last:
            steps &= Q(progress__on__lte=last)
        qs = qs.filter(steps).distinct()
    else:
        if first:
            qs = qs.filter(referred_on__gte=first)
        if last:
            qs = qs.filter(referred_on__lte=last)
    page = page_of(qs.order_by("-referred_on", "-pk"), request)
    record_bulk_read(
        user=request.user,
        people=[referral.offender_id for referral in page.object_list],
        action=Action.SEARCH,
        purpose=declared_purpose(request, "Partner referrals list"),
        query=query_without(request, "page"),
        request=request,
        detail={"search": "partner-referrals", "results": page.paginator.count},
    )
    return _render(
        request,
        "partners/referrals.html",
        {"page": page, "bad": bad, "statuses": ReferralStatus, "params": params},
    )


@referrers
def record_proof(request, pk: int):
    """Record when an offence was proved (conviction or caution): proven reoffending counts
    it only with a proof date (DOMAIN.md §10)."""
    offence = get_object_or_404(
        Offence.objects.select_related("offence_type", "offender").filter(
            offender__in=visible_offenders(request.user)
        ),
        pk=pk,
    )
    today = timezone.localdate()
    proof = getattr(offence, "proof", None)
    initial = {"kind": proof.kind if proof else "conviction"}
    if proof:
        initial["proved_on"] = proof.proved_on.isoformat()
    form = ProofForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_proof(
                offence=offence, by=request.user, today=today, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Proof of the offence recorded.")
            return redirect("partners-person", pk=offence.offender_id)
    return _render(request, "partners/proof_form.html", {"form": form, "offence": offence})


# --- The gap map ------------------------------------------------------------------------


@figure_readers
def gaps(request):
    force_id = figures_force_id(request.user)
    result = selectors.gap_map(force_id)
    return _render(
        request,
        "partners/gaps.html",
        {
            "gaps": result,
            "rows": result.rows(),
            "export_form": ExportForm(),
            "links": can_refer(request.user),
        },
    )


@figure_readers
def gaps_export(request):
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, "Say why you are exporting the gap map: the purpose is recorded.")
        return redirect("partners-gaps")
    result = selectors.gap_map(figures_force_id(request.user))
    cells = [cell for _, row in result.rows() for cell in row]
    names = dict(result.districts)
    labels = dict(result.needs)
    return csv_download(
        request=request,
        export="partners-gaps",
        purpose=form.cleaned_data["purpose"],
        query=query_without(request, "purpose"),
        filename=f"partner-gaps-{timezone.localdate():%Y-%m-%d}.csv",
        header=[
            "district",
            "need",
            "people_with_need",
            "places_free",
            "services",
            "referrals_waiting",
            "referrals_declined",
            "shortfall",
            "status",
        ],
        rows=(
            [
                names[c.district],
                labels[c.need],
                c.people,
                c.places,
                c.services,
                c.waiting,
                c.declined,
                c.shortfall,
                c.status,
            ]
            for c in cells
        ),
        count=len(cells),
    )


# --- Proven reoffending -----------------------------------------------------------------


@figure_readers
def reoffending(request):
    force_id = figures_force_id(request.user)
    today = timezone.localdate()
    cohorts = selectors.cohort_choices(force_id)
    default_first, default_last = selectors.default_reoffending_period(today)
    data = request.GET if "cohort" in request.GET else None
    form = ReoffendingForm(
        data,
        cohorts=cohorts,
        initial={
            "cohort": "iom",
            "date_from": default_first.isoformat(),
            "date_to": default_last.isoformat(),
        },
    )
    report = None
    if data is None or form.is_valid():
        chosen = form.cleaned_data if data is not None else {}
        report = selectors.reoffending_report(
            force_id,
            cohort=chosen.get("cohort") or "iom",
            first=chosen.get("date_from") or default_first,
            last=chosen.get("date_to") or default_last,
            on=today,
            threshold=settings.PARTNERS_SUPPRESSION_THRESHOLD,
        )
    return _render(
        request,
        "partners/reoffending.html",
        {
            "form": form,
            "report": report,
            "follow_up": rules.FOLLOW_UP_MONTHS,
            "waiting": rules.WAITING_MONTHS,
        },
        status=200 if report is not None else 400,
    )


# --- Dashboard --------------------------------------------------------------------------


@figure_readers
def dashboard(request):
    force_id = figures_force_id(request.user)
    today = timezone.localdate()
    default = Period.last_months(today, 12)
    errors = []
    try:
        period = Period.from_params(request.GET, default=default, unit="month")
    except PeriodError as error:
        errors.append(error)
        period = default
    by_service = figures.referrals_by_service_and_month(force_id, period)
    months = period.month_starts()
    table = [
        {
            "service": row.service,
            "cells": [
                {
                    "month": month,
                    "from": month.isoformat(),
                    "to": month_end(month).isoformat(),
                    "referred": row.months.get(month, {}).get("referred", 0),
                    "engaged": row.months.get(month, {}).get("engaged", 0),
                    "completed": row.months.get(month, {}).get("completed", 0),
                }
                for month in months
            ],
            "steps": [
                (step, row.total(step))
                for step in ("referred", "accepted", "declined", "engaged", "completed")
            ],
        }
        for row in by_service
    ]
    return _render(
        request,
        "partners/dashboard.html",
        {
            "period": period,
            "period_errors": errors,
            "months": months,
            "table": table,
            "outcomes": [(s, figures.outcomes(force_id, period)[s.value]) for s in ReferralStatus],
            "mentoring": figures.mentoring(force_id),
            "employment": figures.employment(force_id, period),
            "places": selectors.places_summary(force_id),
            "people_in_need": selectors.open_need_people(force_id),
            "links": can_refer(request.user),
            "first": period.first.isoformat(),
            "last": period.last.isoformat(),
        },
        status=400 if errors else 200,
    )

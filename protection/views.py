"""Public-protection pages: PPU caseload, register, RSO record and its actions, protective
orders, MAPPA cases, the dashboard and the lists its figures count.

Thin function views: the access gate first (need-to-know: everyone else gets 404), then a
service for writes. Every person-level page writes an access-log row; every export goes
through the shared, logged CSV export.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from audit.exports import csv_download
from audit.forms import ExportForm
from audit.models import Action
from audit.services import declared_purpose, record_access, record_bulk_read
from cohorts import membership as cohort_membership
from core.forms import run_service
from core.paging import page_of
from offenders.access import get_offender_for_user
from offenders.finder import find_people
from offenders.forms import FindPersonForm
from offenders.summary import badges_for
from protection import access, figures, forms, services
from protection.choices import MAPPA_LEVELS, ORDER_SHORT_LABELS, OrderKind
from protection.permissions import can_see_public_protection


def public_protection_only(view):
    """For everyone outside the PPU, MAPPA and supervisors these pages do not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_see_public_protection(request.user):
            raise Http404()
        return view(request, *args, **kwargs)

    return wrapper


def _viewed(request, record, offender, page: str = "") -> None:
    record_access(
        user=request.user,
        action=Action.VIEW,
        offender=offender,
        target=record,
        request=request,
        detail={"page": page} if page else None,
    )


def _listed(request, people: list[int], purpose: str, name: str) -> None:
    """One access-log event for a list page, linked to everyone on it."""
    record_bulk_read(
        user=request.user,
        people=people,
        purpose=declared_purpose(request, purpose),
        query=request.GET.urlencode(),
        detail={"page": name},
        request=request,
    )


def _now() -> dict:
    return {"today": timezone.localdate(), "at": timezone.now()}


# --- Caseload --------------------------------------------------------------------------


@public_protection_only
def caseload(request):
    """The officer's open RSO and MAPPA members (the shared cohort caseload)."""
    rows = cohort_membership.caseload(request.user, kind_keys=("rso", "mappa"))
    _listed(request, [m.offender_id for m in rows], "Public protection caseload", "caseload")
    badges = badges_for([m.offender_id for m in rows], user=request.user)
    for row in rows:
        row.badges = badges[row.offender_id]
        row.kind_label = "RSO" if row.COHORT_KIND == "rso" else "MAPPA"
    return render(
        request,
        "protection/caseload.html",
        {"rows": rows, "today": timezone.localdate()},
    )


# --- Register and the RSO record -------------------------------------------------------


def _find(request, purpose: str, template_title: str, action_url: str):
    find = FindPersonForm(request.GET or None)
    results = None
    if find.is_valid():
        results = find_people(
            request.user, find.cleaned_data["q"], purpose=purpose, request=request
        )
    return render(
        request,
        "protection/find.html",
        {"find": find, "results": results, "title": template_title, "action_url": action_url},
    )


@public_protection_only
def register(request):
    offender_id = request.POST.get("offender") or request.GET.get("offender")
    if not offender_id:
        return _find(request, "rso-register", "Register a person", reverse("protection-register"))
    offender = get_offender_for_user(request.user, offender_id)
    if request.method == "GET":
        _viewed(request, offender, offender, "rso-register")
    initial = {
        "offender": offender.pk,
        "lead_officer": request.user.pk,
        "area": offender.home_area_id,
    }
    form = forms.RegisterForm(request.POST or None, initial=initial, force=offender.force)
    created = {}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("offender")

        def call():
            created["reg"] = services.register_rso(
                offender=offender,
                by=request.user,
                today=timezone.localdate(),
                request=request,
                **data,
            )

        if run_service(request, form, call, f"{offender.full_name} is on the register."):
            return redirect("protection-rso", pk=created["reg"].pk)
    return render(request, "protection/register.html", {"form": form, "offender": offender})


@public_protection_only
def rso(request, pk):
    reg = access.get_registration_for_user(request.user, pk)
    _viewed(request, reg, reg.offender)
    today = timezone.localdate()
    return render(
        request,
        "protection/rso.html",
        {
            "r": reg,
            "today": today,
            "due": services.notifications_due(reg),
            "notifications": reg.notifications.select_related("recorded_by")[:50],
            "visits": reg.visits.select_related("visited_by")[:50],
            "risks": reg.risk_assessments.all()[:20],
            "intelligence": reg.intelligence.all()[:50],
            "orders": access.visible_orders(request.user).filter(offender=reg.offender),
            "mappa": access.visible_mappa_cases(request.user).filter(offender=reg.offender),
            "badges": badges_for([reg.offender_id], user=request.user)[reg.offender_id],
            "visits_overdue": reg.visits_overdue(today),
        },
    )


def _rso_action(request, pk, form_class, service, template, title, success, initial=None):
    reg = access.get_registration_for_user(request.user, pk)
    if not reg.is_open:
        raise Http404()
    today = timezone.localdate()
    base = {"version": reg.version, **(initial or {})}
    form = form_class(request.POST or None, initial=base)
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs() if hasattr(form, "service_kwargs") else dict(form.cleaned_data)
        if "version" in data and data["version"] is None:
            data.pop("version")

        def call():
            service(registration=reg, by=request.user, request=request, **_now(), **data)

        if run_service(request, form, call, success):
            return redirect("protection-rso", pk=reg.pk)
    elif request.method == "POST" and "version" in form.errors:
        form.add_error(None, "Reload the page and try again.")
    return render(request, template, {"form": form, "r": reg, "title": title, "today": today})


@public_protection_only
def notification(request, pk):
    return _rso_action(
        request,
        pk,
        forms.NotificationForm,
        services.record_notification,
        "protection/notification.html",
        "Record a notification",
        "Notification recorded.",
        {"notified_on": timezone.localdate().isoformat()},
    )


@public_protection_only
def visit(request, pk):
    return _rso_action(
        request,
        pk,
        forms.VisitForm,
        services.record_visit,
        "protection/action.html",
        "Record a home visit",
        "Visit recorded.",
        {"visited_on": timezone.localdate().isoformat()},
    )


@public_protection_only
def risk(request, pk):
    return _rso_action(
        request,
        pk,
        forms.RiskForm,
        services.assess_risk,
        "protection/action.html",
        "Record a risk assessment",
        "Risk assessment recorded.",
        {"assessed_on": timezone.localdate().isoformat()},
    )


def _intelligence_service(*, registration, by, request, today, at, **data):
    return services.record_intelligence(
        registration=registration, by=by, request=request, today=today, **data
    )


@public_protection_only
def intelligence(request, pk):
    return _rso_action(
        request,
        pk,
        forms.IntelligenceForm,
        _intelligence_service,
        "protection/action.html",
        "Record intelligence or a further offence",
        "Recorded.",
        {"recorded_on": timezone.localdate().isoformat()},
    )


# --- Protective orders -----------------------------------------------------------------


@public_protection_only
def order_new(request):
    offender_id = request.POST.get("offender") or request.GET.get("offender")
    if not offender_id:
        return _find(
            request, "order-new", "Record a protective order", reverse("protection-order-new")
        )
    offender = get_offender_for_user(request.user, offender_id)
    if request.method == "GET":
        _viewed(request, offender, offender, "order-new")
    initial = {
        "offender": offender.pk,
        "area": offender.home_area_id,
        "made_on": timezone.localdate().isoformat(),
    }
    form = forms.OrderForm(request.POST or None, initial=initial, force=offender.force)
    made = {}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("offender")

        def call():
            made["order"] = services.make_order(
                offender=offender,
                by=request.user,
                today=timezone.localdate(),
                request=request,
                **data,
            )

        if run_service(request, form, call, "Order recorded."):
            return redirect("protection-order", pk=made["order"].pk)
    return render(request, "protection/order_form.html", {"form": form, "offender": offender})


@public_protection_only
def order(request, pk):
    item = access.get_order_for_user(request.user, pk)
    _viewed(request, item, item.offender)
    return render(
        request,
        "protection/order.html",
        {
            "o": item,
            "breaches": item.breaches.all(),
            "variations": item.variations.select_related("recorded_by"),
            "today": timezone.localdate(),
        },
    )


@public_protection_only
def order_change(request, pk):
    """Vary or discharge the order, as the court decided."""
    item = access.get_order_for_user(request.user, pk)
    if item.discharged_on is not None:
        raise Http404()
    if request.method == "GET":
        _viewed(request, item, item.offender, "order-change")
    initial = {
        "version": item.version,
        "decided_on": timezone.localdate().isoformat(),
        "court": item.court,
        "ends_on": item.ends_on.isoformat() if item.ends_on else "",
        "until_further_order": item.until_further_order,
        "prohibitions": "\n".join(item.prohibitions),
    }
    form = forms.OrderChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        change = data.pop("change")

        def call():
            if change == "discharge":
                services.discharge_order(
                    order=item,
                    decided_on=data["decided_on"],
                    court=data["court"],
                    version=data["version"],
                    by=request.user,
                    request=request,
                    **_now(),
                )
            else:
                services.vary_order(order=item, by=request.user, request=request, **_now(), **data)

        done = "Order discharged." if change == "discharge" else "Order varied."
        if run_service(request, form, call, done):
            return redirect("protection-order", pk=item.pk)
        item.refresh_from_db()
        form.data = form.data.copy()
        form.data["version"] = item.version
    return render(request, "protection/order_change.html", {"form": form, "o": item})


# --- MAPPA -----------------------------------------------------------------------------


@public_protection_only
def mappa_new(request):
    offender_id = request.POST.get("offender") or request.GET.get("offender")
    if not offender_id:
        return _find(request, "mappa-new", "Open a MAPPA case", reverse("protection-mappa-new"))
    offender = get_offender_for_user(request.user, offender_id)
    if request.method == "GET":
        _viewed(request, offender, offender, "mappa-new")
    initial = {
        "offender": offender.pk,
        "lead_officer": request.user.pk,
        "area": offender.home_area_id,
        "from_date": timezone.localdate().isoformat(),
    }
    form = forms.MappaForm(request.POST or None, initial=initial, force=offender.force)
    made = {}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("offender")

        def call():
            made["case"] = services.open_mappa_case(
                offender=offender, by=request.user, request=request, **_now(), **data
            )

        if run_service(request, form, call, "MAPPA case opened."):
            return redirect("protection-mappa", pk=made["case"].pk)
    return render(request, "protection/mappa_form.html", {"form": form, "offender": offender})


@public_protection_only
def mappa(request, pk):
    case = access.get_mappa_case_for_user(request.user, pk)
    _viewed(request, case, case.offender)
    return render(
        request,
        "protection/mappa.html",
        {
            "c": case,
            "meetings": case.meetings.select_related("recorded_by"),
            "changes": case.level_changes.select_related("changed_by"),
            "today": timezone.localdate(),
        },
    )


def _mappa_action(request, pk, form_class, service, title, success, initial):
    case = access.get_mappa_case_for_user(request.user, pk)
    if not case.is_open:
        raise Http404()
    form = form_class(request.POST or None, initial={"version": case.version, **initial})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)

        def call():
            service(case=case, by=request.user, request=request, **_now(), **data)

        if run_service(request, form, call, success):
            return redirect("protection-mappa", pk=case.pk)
    return render(
        request, "protection/mappa_action.html", {"form": form, "c": case, "title": title}
    )


@public_protection_only
def mappa_meeting(request, pk):
    return _mappa_action(
        request,
        pk,
        forms.MeetingForm,
        services.record_mappa_meeting,
        "Record a MAPPA meeting",
        "Meeting recorded.",
        {"held_on": timezone.localdate().isoformat()},
    )


@public_protection_only
def mappa_end(request, pk):
    return _mappa_action(
        request,
        pk,
        forms.MappaEndForm,
        services.end_mappa_case,
        "End the MAPPA case",
        "MAPPA case ended.",
        {"ended_on": timezone.localdate().isoformat()},
    )


# --- Dashboard and the lists its figures count -----------------------------------------


def _on(request):
    from core.periods import PeriodError, parse_date

    try:
        return parse_date(request.GET.get("on"), "on") or timezone.localdate()
    except PeriodError:
        return timezone.localdate()


def _link(name: str, **params) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{reverse(name)}?{urlencode(clean)}" if clean else reverse(name)


@public_protection_only
def dashboard(request):
    on = _on(request)
    data = figures.summary(request.user.force_id, on=on)
    from accounts.models import PolicingArea

    areas = {
        a.code: a.report_name or a.name
        for a in PolicingArea.objects.filter(force_id=request.user.force_id)
    }
    rso_areas = [
        {
            "name": areas.get(code, "No area recorded"),
            "community": counts["in_community"],
            "custody": counts["in_custody"],
            "community_url": _link("protection-rso-list", on=on, status="in_community", area=code),
            "custody_url": _link("protection-rso-list", on=on, status="in_custody", area=code),
        }
        for code, counts in data["rso_by_area"].items()
    ]
    visits_rows = [
        {
            **row,
            "label": figures.parse_month(row["month"]),
            "due_url": _link("protection-rso-list", on=on, visits="due", month=row["month"]),
            "missed_url": _link("protection-rso-list", on=on, visits="missed", month=row["month"]),
            "done_url": _link("protection-visit-list", month=row["month"]),
        }
        for row in data["visits_by_month"]
    ]
    kinds = list(OrderKind)
    order_rows = [
        {
            "month": month,
            "label": figures.parse_month(month),
            "cells": [
                {
                    "n": counts[k.value],
                    "url": _link("protection-order-list", kind=k.value, month=month),
                }
                for k in kinds
            ],
        }
        for month, counts in data["orders_made_by_month"].items()
    ]
    mappa_rows = [
        {
            "level": level,
            "cells": [
                {
                    "n": data["mappa_by_level_and_area"][str(level)].get(code, 0),
                    "url": _link(
                        "protection-mappa-list", on=on, level=level, area=code, transferred_in="no"
                    ),
                }
                for code in areas
            ],
        }
        for level in MAPPA_LEVELS
    ]
    return render(
        request,
        "protection/dashboard.html",
        {
            "d": data,
            "on": on,
            "rso_areas": rso_areas,
            "visits_rows": visits_rows,
            "order_kinds": [ORDER_SHORT_LABELS[k] for k in kinds],
            "order_rows": order_rows,
            "mappa_rows": mappa_rows,
            "areas": areas,
            "links": {
                "community": _link("protection-rso-list", on=on, status="in_community"),
                "custody": _link("protection-rso-list", on=on, status="in_custody"),
                "visits_overdue": _link("protection-rso-list", on=on, visits="overdue"),
                "notifications_overdue": _link(
                    "protection-rso-list", on=on, notifications="overdue"
                ),
                "transferred_in": _link("protection-mappa-list", on=on, transferred_in="yes"),
            },
        },
    )


RSO_FILTERS = ("status", "area", "visits", "notifications")


@public_protection_only
def rso_list(request):
    on = _on(request)
    params = {k: request.GET.get(k, "")[:40] for k in RSO_FILTERS}
    month = figures.parse_month(request.GET.get("month"))
    qs = (
        figures.registrations(request.user.force_id, on=on, month=month, **params)
        .filter(pk__in=access.visible_registrations(request.user).values("pk"))
        .select_related("offender", "area", "lead_officer")
        .order_by("offender__last_name", "offender__first_name", "pk")
    )
    if request.GET.get("format") == "csv":
        export = ExportForm(request.GET)
        if export.is_valid():
            return csv_download(
                request=request,
                export="registered sex offenders",
                purpose=export.cleaned_data["purpose"],
                filename=f"rso-{on:%Y-%m-%d}.csv",
                header=[
                    "name",
                    "pnc_id",
                    "area",
                    "status",
                    "risk",
                    "next_visit_due",
                    "next_periodic_due",
                ],
                rows=(
                    (
                        r.offender.full_name,
                        r.offender.pnc_id,
                        r.area.code if r.area else "",
                        r.status,
                        r.risk_level,
                        r.next_visit_due,
                        r.next_periodic_due,
                    )
                    for r in qs.iterator()
                ),
                count=qs.count(),
            )
    else:
        export = ExportForm()
    page = page_of(qs, request)
    _listed(request, [r.offender_id for r in page.object_list], "Public protection register", "rso")
    return render(
        request,
        "protection/rso_list.html",
        {
            "page": page,
            "count": page.paginator.count,
            "on": on,
            "params": params,
            "month": request.GET.get("month", ""),
            "export": export,
            "query": request.GET.urlencode(),
            "today": timezone.localdate(),
        },
    )


@public_protection_only
def visit_list(request):
    month = figures.parse_month(request.GET.get("month"))
    qs = (
        figures.visits(request.user.force_id, month=month)
        .filter(registration__in=access.visible_registrations(request.user).values("pk"))
        .select_related("registration__offender", "visited_by")
        .order_by("-visited_on", "-pk")
    )
    page = page_of(qs, request)
    _listed(
        request,
        [v.registration.offender_id for v in page.object_list],
        "Public protection visits",
        "rso visits",
    )
    return render(
        request,
        "protection/visit_list.html",
        {"page": page, "count": page.paginator.count, "month": month},
    )


@public_protection_only
def order_list(request):
    month = figures.parse_month(request.GET.get("month"))
    kind = request.GET.get("kind", "")
    kind = kind if kind in OrderKind.values else ""
    qs = (
        figures.orders(request.user.force_id, kind=kind, month=month)
        .filter(pk__in=access.visible_orders(request.user).values("pk"))
        .select_related("offender")
        .order_by("-made_on", "-pk")
    )
    page = page_of(qs, request)
    _listed(request, [o.offender_id for o in page.object_list], "Protective orders", "orders")
    return render(
        request,
        "protection/order_list.html",
        {
            "page": page,
            "count": page.paginator.count,
            "month": month,
            "kind": OrderKind(kind).label if kind else "",
        },
    )


@public_protection_only
def mappa_list(request):
    on = _on(request)
    try:
        level = int(request.GET.get("level", ""))
    except ValueError:
        level = None
    transferred = {"yes": True, "no": False}.get(request.GET.get("transferred_in", ""))
    qs = (
        figures.mappa_cases(
            request.user.force_id,
            on=on,
            level=level if level in MAPPA_LEVELS else None,
            area=request.GET.get("area", "")[:40],
            transferred_in=transferred,
        )
        .filter(pk__in=access.visible_mappa_cases(request.user).values("pk"))
        .select_related("offender", "area", "lead_officer")
        .order_by("offender__last_name", "pk")
    )
    page = page_of(qs, request)
    _listed(request, [c.offender_id for c in page.object_list], "MAPPA cases", "mappa")
    return render(
        request,
        "protection/mappa_list.html",
        {"page": page, "count": page.paginator.count, "on": on},
    )

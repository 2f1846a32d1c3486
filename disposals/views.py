"""The Offender Diversion Team's pages, the supervisor dashboard and the scrutiny-panel page.

Thin function views: each starts with its access check, then one service call or one read.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.exports import csv_download
from audit.models import Action
from audit.services import declared_purpose, record_bulk_read
from core.calendar import add_months
from core.concurrency import StaleVersion
from core.extensions import AttentionScope
from core.forms import apply_service_errors
from core.paging import page_of
from core.periods import PeriodError, month_end, parse_date, parse_month
from disposals import access, access_log, attention, panel, permissions, reports, rules, services
from disposals.forms import (
    BreachForm,
    CompleteForm,
    ConditionDoneForm,
    DecisionForm,
    ExportForm,
    FindingForm,
    PanelReleaseForm,
    PeriodForm,
    ProgressForm,
    ReferralForm,
    RJReferralForm,
    RJUpdateForm,
    SampleForm,
    WithdrawForm,
    condition_forms,
)
from disposals.models import (
    DISPOSAL_TYPE_CHOICES,
    Breach,
    DisposalCondition,
    Referral,
    RestorativeJusticeReferral,
)
from disposals.timeline import events, with_timeline_data
from offenders.access import get_offender_for_user
from offenders.finder import find_people
from offenders.forms import FindPersonForm

QUEUE_LIMIT = 100


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _iso(values: dict) -> dict:
    """Initial values with dates as ``YYYY-MM-DD``: the shared text-input include prints the
    value as is, and a date input accepts only ISO dates."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _errors(*forms) -> dict:
    """Context for the error summary: the bound forms and whether any has an error."""
    forms = [f for f in forms if f is not None and hasattr(f, "errors")]
    return {"error_forms": forms, "has_errors": any(f.errors for f in forms)}


# --- The team's queue ---------------------------------------------------------------------------


def queue(request):
    """Conditions due in the next fortnight (or overdue), referrals not started, and disposals
    where a condition was missed or a course not attended: breaches to decide."""
    _require(permissions.can_read_disposals(request.user))
    today = timezone.localdate()
    # Opened from the supervisors' home: the same areas and teams as its figures.
    disposals = attention.in_scope(
        access.visible_disposals(request.user), AttentionScope.from_request(request)
    )
    conditions_due = list(
        attention.conditions_due(disposals, today)
        .select_related("disposal__offender", "disposal__district")
        .order_by("due_by", "pk")[:QUEUE_LIMIT]
    )
    not_started = list(
        Referral.objects.filter(
            disposal__in=disposals.active(), status=rules.ReferralStatus.REFERRED.value
        )
        .select_related("disposal__offender", "intervention")
        .order_by("referred_on", "pk")[:QUEUE_LIMIT]
    )
    to_decide = list(
        disposals.needing_breach_decision(today).order_by("decided_on", "pk")[:QUEUE_LIMIT]
    )
    record_bulk_read(
        user=request.user,
        people=[c.disposal.offender_id for c in conditions_due]
        + [r.disposal.offender_id for r in not_started]
        + [d.offender_id for d in to_decide],
        purpose=declared_purpose(request, "Offender Diversion Team work queue"),
        request=request,
        detail={"page": "disposals queue"},
    )
    return render(
        request,
        "disposals/queue.html",
        {
            "conditions_due": conditions_due,
            "not_started": not_started,
            "to_decide": to_decide,
            "today": today,
            "can_manage": permissions.can_manage_disposals(request.user),
            "can_see_figures": permissions.can_see_figures(request.user),
            "can_prepare_for_panel": permissions.can_prepare_for_panel(request.user),
        },
    )


# --- Deciding ----------------------------------------------------------------------------------


def find_person(request):
    _require(permissions.can_manage_disposals(request.user))
    form = FindPersonForm(request.GET or None)
    people = None
    if form.is_valid():
        people = find_people(
            request.user, form.cleaned_data["q"], purpose="disposals-decide", request=request
        )
    return render(
        request, "disposals/find_person.html", {"form": form, "people": people, **_errors(form)}
    )


def decide(request, offender_id):
    """The decision form, offering only what the force's framework and the person's age allow."""
    _require(permissions.can_manage_disposals(request.user))
    offender = get_offender_for_user(request.user, offender_id)
    force_settings = services.settings_for(offender.force)
    today = timezone.localdate()
    # The options depend on the age on the day of the decision and, under the statutory
    # framework, on when the offence was committed (PCSC Act 2022 s.99(4)): an earlier
    # decision or offence can be given in the address (or comes with the submitted form).
    source = request.POST if request.method == "POST" else request.GET
    decided_on = _parse_date(source.get("decided_on")) or today
    offence_date = _parse_date(source.get("offence_date"))
    age = offender.age_on(decided_on) if decided_on >= offender.date_of_birth else 0
    offered_for = {
        "offence_date": offence_date,
        "settings": force_settings.as_rules(),
        "decided_on": decided_on,
    }
    types = rules.available_types(force_settings.framework, age, **offered_for)
    not_offered = [
        (rules.DISPOSAL_LABELS[kind], reason)
        for kind, reason in rules.not_offered(force_settings.framework, age, **offered_for)
    ]
    data = request.POST if request.method == "POST" else None
    initial = {
        "decided_on": decided_on,
        "offence_date": offence_date,
    }
    form = DecisionForm(data, offender=offender, types=types, initial=_iso(initial))
    conditions = condition_forms(data)
    if request.method == "POST" and form.is_valid() and all(c.is_valid() for c in conditions):
        used = [c for c in conditions if c.cleaned_data.get("kind")]
        values = dict(form.cleaned_data)
        intervention = values.pop("intervention")
        try:
            disposal = services.decide(
                today=timezone.localdate(),
                offender=offender,
                conditions=[c.to_condition() for c in used],
                interventions=[intervention] if intervention else [],
                by=request.user,
                **values,
            )
        except ValidationError as error:
            apply_service_errors(
                form,
                error,
                subforms={f"conditions[{index}]": c for index, c in enumerate(used)},
            )
        else:
            messages.success(request, f"{disposal.get_disposal_type_display()} recorded.")
            return redirect("disposal-detail", disposal.pk)
    return render(
        request,
        "disposals/decide.html",
        {
            "offender": offender,
            "age": age,
            "form": form,
            "conditions": conditions,
            "framework": force_settings.get_framework_display(),
            "not_offered": not_offered,
            "decided_on": decided_on,
            "offence_date": offence_date,
            **_errors(form, *conditions),
        },
        status=400 if request.method == "POST" else 200,
    )


# --- One disposal -------------------------------------------------------------------------------


def _load(request, pk):
    return get_object_or_404(with_timeline_data(access.visible_disposals(request.user)), pk=pk)


def _detail(request, disposal, status=200, **forms):
    today = timezone.localdate()
    can_manage = permissions.can_manage_disposals(request.user) and disposal.is_active
    version = {"version": disposal.version}
    rj = getattr(disposal, "rj_referral", None) if disposal.rj_taken_up else None
    context = {
        "disposal": disposal,
        "conditions": list(disposal.conditions.all()),
        "referrals": list(disposal.referrals.all()),
        "breaches": list(disposal.breaches.all()),
        "events": events(disposal),
        "rj": rj,
        "can_manage": can_manage,
        "today": today,
        "referral_form": forms.get("referral_form")
        or ReferralForm(initial=_iso({"referred_on": today})),
        "progress_form": ProgressForm(initial={"on": today}),
        "progress_errors": forms.get("progress_errors"),
        "condition_form": ConditionDoneForm(initial={"on": today}),
        "condition_errors": forms.get("condition_errors"),
        "complete_form": forms.get("complete_form")
        or CompleteForm(initial=_iso({"completed_on": today, **version})),
        "breach_form": forms.get("breach_form")
        or BreachForm(
            disposal_type=disposal.disposal_type, initial=_iso({"breached_on": today, **version})
        ),
        "breach_rule": rules.TYPE_RULES[rules.DisposalType(disposal.disposal_type)].breach_rule,
        "withdraw_form": forms.get("withdraw_form")
        or WithdrawForm(initial=_iso({"on": today, **version})),
        "rj_referral_form": forms.get("rj_referral_form")
        or RJReferralForm(initial=_iso({"referred_on": today})),
        "rj_update_form": forms.get("rj_update_form")
        or (
            RJUpdateForm(
                initial=_iso(
                    {
                        "contact_made_on": rj.contact_made_on,
                        "outcome": rj.outcome,
                        "outcome_on": rj.outcome_on,
                        "victim_satisfaction": rj.victim_satisfaction,
                        "version": rj.version,
                    }
                )
            )
            if rj
            else None
        ),
    }
    nested = [f["form"] for f in (forms.get("progress_errors"), forms.get("condition_errors")) if f]
    context.update(_errors(*forms.values(), *nested))
    return render(request, "disposals/detail.html", context, status=status)


def detail(request, pk):
    _require(permissions.can_read_disposals(request.user))
    disposal = _load(request, pk)
    access_log.record_view(user=request.user, disposal=disposal, request=request)
    return _detail(request, disposal)


def _post_action(request, pk, form, form_name, call):
    """Run ``call(cleaned_data, disposal)`` for a valid ``form``; show errors on the page."""
    _require(permissions.can_manage_disposals(request.user))
    disposal = _load(request, pk)
    if form.is_valid():
        try:
            message = call(form.cleaned_data, disposal)
        except ValidationError as error:
            apply_service_errors(form, error)
        except StaleVersion as stale:
            form.add_error(None, str(stale))
        else:
            messages.success(request, message)
            return redirect("disposal-detail", disposal.pk)
    return _detail(request, _load(request, pk), status=400, **{form_name: form})


@require_POST
def add_referral(request, pk):
    def call(data, disposal):
        services.refer(today=timezone.localdate(), disposal=disposal, by=request.user, **data)
        return f"Referred to {data['intervention'].name}."

    return _post_action(request, pk, ReferralForm(request.POST), "referral_form", call)


@require_POST
def progress_referral(request, pk, rid):
    _require(permissions.can_manage_disposals(request.user))
    disposal = _load(request, pk)
    referral = get_object_or_404(Referral, disposal=disposal, pk=rid)
    form = ProgressForm(request.POST, prefix=f"r{rid}")
    if form.is_valid():
        try:
            services.progress_referral(
                today=timezone.localdate(), referral=referral, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{referral.intervention.name}: {form.cleaned_data['status'].replace('_', ' ')}.",
            )
            return redirect("disposal-detail", disposal.pk)
    return _detail(
        request, _load(request, pk), status=400, progress_errors={"id": referral.pk, "form": form}
    )


@require_POST
def complete_condition(request, pk, cid):
    _require(permissions.can_manage_disposals(request.user))
    disposal = _load(request, pk)
    condition = get_object_or_404(DisposalCondition, disposal=disposal, pk=cid)
    form = ConditionDoneForm(request.POST, prefix=f"c{cid}")
    if form.is_valid():
        try:
            services.complete_condition(
                today=timezone.localdate(),
                condition=condition,
                on=form.cleaned_data["on"],
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Condition marked as completed.")
            return redirect("disposal-detail", disposal.pk)
    return _detail(
        request, _load(request, pk), status=400, condition_errors={"id": condition.pk, "form": form}
    )


@require_POST
def complete(request, pk):
    def call(data, disposal):
        services.complete(today=timezone.localdate(), disposal=disposal, by=request.user, **data)
        return "Disposal completed."

    return _post_action(request, pk, CompleteForm(request.POST), "complete_form", call)


@require_POST
def breach(request, pk):
    _require(permissions.can_manage_disposals(request.user))
    disposal = _load(request, pk)

    def call(data, disposal):
        services.record_breach(
            today=timezone.localdate(), disposal=disposal, by=request.user, **data
        )
        return "Breach recorded."

    return _post_action(
        request,
        pk,
        BreachForm(request.POST, disposal_type=disposal.disposal_type),
        "breach_form",
        call,
    )


@require_POST
def withdraw(request, pk):
    def call(data, disposal):
        services.withdraw(today=timezone.localdate(), disposal=disposal, by=request.user, **data)
        return "Disposal withdrawn."

    return _post_action(request, pk, WithdrawForm(request.POST), "withdraw_form", call)


@require_POST
def rj_refer(request, pk):
    def call(data, disposal):
        services.refer_to_rj(today=timezone.localdate(), disposal=disposal, by=request.user, **data)
        return "Referred to the Restorative Justice hub."

    return _post_action(request, pk, RJReferralForm(request.POST), "rj_referral_form", call)


@require_POST
def rj_update(request, pk):
    def call(data, disposal):
        referral = get_object_or_404(RestorativeJusticeReferral, disposal=disposal)
        services.update_rj(today=timezone.localdate(), referral=referral, by=request.user, **data)
        return "Restorative justice updated."

    return _post_action(request, pk, RJUpdateForm(request.POST), "rj_update_form", call)


# --- Figures ------------------------------------------------------------------------------------


def _period(request, form_class=PeriodForm, **extra_initial):
    today = timezone.localdate()
    initial = {
        "date_from": add_months(today, -12) + dt.timedelta(days=1),
        "date_to": today,
        **extra_initial,
    }
    form = form_class(request.GET or None, initial=_iso(initial))
    if request.GET and form.is_valid():
        return form, form.cleaned_data
    if not request.GET:
        return form_class(initial=_iso(initial)), initial
    return form, None


def dashboard(request):
    """Disposals per month per district by type, referrals per course, completion rate and
    breaches by district, ethnicity and gender, each figure linking to its records."""
    _require(permissions.can_see_figures(request.user))
    form, period = _period(request)
    figures = None
    rows = []
    if period:
        figures = reports.summary(
            access.figure_disposals(request.user), period["date_from"], period["date_to"]
        )
        types_seen = [row["disposal_type"] for row in figures["by_type"]]
        cells: dict[tuple[str, int], dict[str, int]] = {}
        names = {row["district_id"]: row["name"] for row in figures["by_district"]}
        for row in figures["by_month_district_type"]:
            cells.setdefault((row["month"], row["district_id"]), {})[row["disposal_type"]] = row[
                "count"
            ]
        for (month, district_id), counts in sorted(
            cells.items(), key=lambda item: (item[0][0], names.get(item[0][1], ""))
        ):
            rows.append(
                {
                    "month": month,
                    "month_label": f"{dt.date.fromisoformat(month + '-01'):%B %Y}",
                    "district_id": district_id,
                    "district": names.get(district_id, ""),
                    "cells": [(t, counts.get(t, 0)) for t in types_seen],
                    "total": sum(counts.values()),
                }
            )
        figures["types_seen"] = [(t, dict(DISPOSAL_TYPE_CHOICES)[t]) for t in types_seen]
    base = (
        {"from": period["date_from"].isoformat(), "to": period["date_to"].isoformat()}
        if period
        else {}
    )
    return render(
        request,
        "disposals/dashboard.html",
        {
            "form": form,
            "figures": figures,
            "rows": rows,
            "base_query": urlencode(base),
            "links": permissions.can_see_record_links(request.user),
            "export_form": ExportForm(
                initial={"date_from": base.get("from"), "date_to": base.get("to")}
            ),
            "can_export": permissions.can_read_disposals(request.user),
            **_errors(form),
        },
        status=200 if period else 400,
    )


LIST_FILTERS = [
    "from",
    "to",
    "type",
    "district",
    "month",
    "status",
    "intervention",
    "referral_status",
    "breached",
    "rj",
    "rj_outcome",
    "rj_satisfaction",
    "ethnicity",
    "gender",
]


def _link_date(parse, value: str) -> dt.date | None:
    """A date or month from a figure's link (core.periods parsing); a malformed one is
    ignored, so the list shows what the other filters select."""
    try:
        return parse(value, "")
    except PeriodError:
        return None


def _in_period(qs, field: str, start, end):
    if start:
        qs = qs.filter(**{f"{field}__gte": start})
    if end:
        qs = qs.filter(**{f"{field}__lte": end})
    return qs


def _filtered(request):
    """The disposals a dashboard figure links to, by the same filters that built it.

    The period applies to the event the figure counts: breaches by the day of the breach,
    course and restorative justice referrals by the day of referral, the rest by the decision.
    """
    params = {key: request.GET.get(key, "").strip()[:60] for key in LIST_FILTERS}
    qs = access.visible_disposals(request.user)
    start, end = _link_date(parse_date, params["from"]), _link_date(parse_date, params["to"])
    if params["breached"] == "1":
        breaches = _in_period(Breach.objects.all(), "breached_on", start, end)
        qs = qs.filter(pk__in=breaches.values("disposal_id"))
    elif params["intervention"]:
        referrals = _in_period(
            Referral.objects.filter(intervention__code=params["intervention"]),
            "referred_on",
            start,
            end,
        )
        if params["referral_status"]:
            referrals = referrals.filter(status=params["referral_status"])
        qs = qs.filter(pk__in=referrals.values("disposal_id"))
    elif params["rj"] == "1":
        rj = _in_period(RestorativeJusticeReferral.objects.all(), "referred_on", start, end)
        if params["rj_outcome"]:
            rj = rj.filter(outcome__in=params["rj_outcome"].split(","))
        if params["rj_satisfaction"]:
            rj = rj.filter(victim_satisfaction=params["rj_satisfaction"])
        qs = qs.filter(pk__in=rj.values("disposal_id"))
    else:
        qs = _in_period(qs, "decided_on", start, end)
    if params["type"]:
        qs = qs.filter(disposal_type=params["type"])
    if params["district"].isdigit():
        qs = qs.filter(district_id=int(params["district"]))
    month = _link_date(parse_month, params["month"])
    if month:
        qs = qs.filter(decided_on__range=(month, month_end(month)))
    if params["status"]:
        qs = qs.filter(status=params["status"])
    if params["ethnicity"]:
        qs = qs.filter(offender__ethnicity=params["ethnicity"])
    if params["gender"]:
        qs = qs.filter(offender__gender=params["gender"])
    return qs.order_by("-decided_on", "-pk"), params


def records(request):
    _require(permissions.can_read_disposals(request.user))
    qs, params = _filtered(request)
    page = page_of(qs, request)
    query = urlencode({k: v for k, v in params.items() if v})
    record_bulk_read(
        user=request.user,
        people=[d.offender_id for d in page.object_list],
        action=Action.SEARCH if query else Action.LIST,
        query=f"disposals: {query}"[:500],
        purpose=declared_purpose(request, "Out-of-court disposal records"),
        request=request,
        detail={"page": "disposal records"},
    )
    return render(
        request, "disposals/records.html", {"page": page, "query": query, "params": params}
    )


def export(request):
    """The period's disposals as CSV, logged as a disclosure with its purpose."""
    _require(
        permissions.can_read_disposals(request.user) and permissions.can_see_figures(request.user)
    )
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, "To export, give the period and the purpose of the export.")
        return redirect(
            f"{reverse('disposals-dashboard')}?{urlencode({k: v for k, v in request.GET.items() if k != 'purpose'})}"
        )
    data = form.cleaned_data
    disposals = (
        access.visible_disposals(request.user)
        .decided_between(data["date_from"], data["date_to"])
        .order_by("decided_on", "pk")
    )
    return csv_download(
        request=request,
        export="disposals",
        purpose=data["purpose"],
        query=f"disposals {data['date_from']} to {data['date_to']}",
        filename=f"disposals-{data['date_from']}-{data['date_to']}.csv",
        header=[
            "id",
            "person_id",
            "pnc_id",
            "decided_on",
            "disposal_type",
            "outcome_code",
            "district",
            "offence",
            "offence_category",
            "status",
            "completed_on",
            "gender",
            "ethnicity",
            "age_at_decision",
        ],
        rows=(
            [
                d.pk,
                d.offender_id,
                d.offender.pnc_id,
                d.decided_on,
                d.disposal_type,
                d.outcome_code,
                d.district,
                d.offence,
                d.offence_category,
                d.status,
                d.completed_on,
                d.offender.gender,
                d.offender.ethnicity,
                d.age_at_decision,
            ]
            for d in disposals.iterator(chunk_size=500)
        ),
        count=disposals.count(),
        people=disposals.values_list("offender_id", flat=True),
    )


# --- The scrutiny panel ------------------------------------------------------------------------


def scrutiny(request):
    _require(permissions.can_scrutinise(request.user))
    today = timezone.localdate()
    default_from = add_months(today, -3) + dt.timedelta(days=1)
    form, period = _period(request, SampleForm, date_from=default_from, size=10)
    if period and "size" not in period:
        period = {**period, "date_from": default_from, "size": 10}
    return _scrutiny_page(request, form, period)


def _scrutiny_page(request, form, period, failed=None, status=200):
    sample = None
    finding_forms = {}
    if period:
        sample = reports.scrutiny_sample(
            access.scrutiny_disposals(request.user),
            start=period["date_from"],
            end=period["date_to"],
            size=period["size"],
            reviewer=request.user,
        )
        access_log.record_sample_view(user=request.user, sample=sample, request=request)
        for case in sample["cases"]:
            if failed and failed[0] == case["id"]:
                finding_forms[case["id"]] = failed[1]
            else:
                existing = case["finding"] or {}
                finding_forms[case["id"]] = FindingForm(
                    prefix=f"case{case['id']}",
                    initial={
                        "finding": existing.get("finding"),
                        "learning": existing.get("learning", ""),
                        "reviewed_on": timezone.localdate().isoformat(),
                    },
                )
        for case in sample["cases"]:
            case["form"] = finding_forms[case["id"]]
    query = (
        urlencode(
            {"date_from": period["date_from"], "date_to": period["date_to"], "size": period["size"]}
        )
        if period
        else ""
    )
    return render(
        request,
        "disposals/scrutiny.html",
        {
            "form": form,
            "sample": sample,
            "query": query,
            "failed": failed,
            **_errors(form, failed[1] if failed else None),
        },
        status=status if period else 400,
    )


@require_POST
def scrutiny_finding(request, pk):
    _require(permissions.can_scrutinise(request.user))
    disposal = get_object_or_404(access.released_to_panel(request.user), pk=pk)
    form = FindingForm(request.POST, prefix=f"case{pk}")
    back = request.POST.get("back", "")
    if form.is_valid():
        try:
            services.record_scrutiny(
                today=timezone.localdate(),
                disposal=disposal,
                reviewer=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Finding recorded for case {pk}.")
            return redirect(f"{reverse('disposals-scrutiny')}?{back}#case-{pk}")
    period_form = SampleForm(dict(_query_pairs(back)))
    period = period_form.cleaned_data if period_form.is_valid() else None
    return _scrutiny_page(request, period_form, period, failed=(disposal.pk, form), status=400)


def _query_pairs(query: str):
    from urllib.parse import parse_qsl

    return parse_qsl(query)


# --- Preparing cases for the scrutiny panel (Offender Diversion Team) -------------------------


def panel_list(request):
    """The panel's sample for a period, each case as the panel will read it, prepared or not."""
    _require(permissions.can_prepare_for_panel(request.user))
    today = timezone.localdate()
    default_from = add_months(today, -3) + dt.timedelta(days=1)
    form, period = _period(request, SampleForm, date_from=default_from, size=10)
    if period and "size" not in period:
        period = {**period, "date_from": default_from, "size": 10}
    rows, population, query = None, 0, ""
    if period:
        disposals, ids, _seed = reports.sample_disposals(
            access.scrutiny_disposals(request.user),
            start=period["date_from"],
            end=period["date_to"],
            size=period["size"],
        )
        population = len(ids)
        rows = []
        for disposal in disposals:
            release = getattr(disposal, "panel_release", None)
            offence = release.offence if release else panel.redacted_texts(disposal)["offence"]
            rows.append({"disposal": disposal, "release": release, "offence": offence})
        record_bulk_read(
            user=request.user,
            people=[row["disposal"].offender_id for row in rows],
            purpose="Preparing the scrutiny panel's sample",
            request=request,
            detail={"page": "panel preparation"},
        )
        query = urlencode(
            {"date_from": period["date_from"], "date_to": period["date_to"], "size": period["size"]}
        )
    return render(
        request,
        "disposals/panel_list.html",
        {"form": form, "rows": rows, "population": population, "query": query},
        status=200 if period else 400,
    )


def panel_prepare(request, pk):
    """See the case as the panel will read it, redact more, and release it."""
    _require(permissions.can_prepare_for_panel(request.user))
    disposal = get_object_or_404(
        access.scrutiny_disposals(request.user)
        .select_related("offender", "panel_release__released_by")
        .prefetch_related("conditions", "offender__aliases", "offender__addresses"),
        pk=pk,
    )
    release = getattr(disposal, "panel_release", None)
    texts = (
        {"offence": release.offence, "conditions": release.conditions}
        if release
        else panel.redacted_texts(disposal)
    )
    conditions = list(disposal.conditions.all())
    initial = {"offence": texts["offence"]}
    initial |= {f"condition_{c.pk}": texts["conditions"].get(str(c.pk), "") for c in conditions}
    back = (request.POST or request.GET).get("back", "")
    form = PanelReleaseForm(request.POST or None, initial=initial, conditions=conditions)
    if request.method == "POST" and form.is_valid():
        try:
            services.release_to_panel(
                disposal=disposal, **form.service_arguments(), by=request.user, now=timezone.now()
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Case {disposal.pk} is released to the scrutiny panel.")
            return redirect(f"{reverse('disposals-panel')}?{back}")
    return render(
        request,
        "disposals/panel_prepare.html",
        {"form": form, "disposal": disposal, "release": release, "back": back},
        status=400 if form.errors else 200,
    )

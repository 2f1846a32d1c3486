"""Domestic-abuse pages: the DAPU programme list and each person's entry with its stage
moves, score, sessions and contacts; DVPN/DAPN notices and their hearing; the funnel for
any day (each figure linking to its people, CSV export) and the notice figures.

Thin function views: the access gate first (need-to-know: everyone else gets 404), then a
service for writes. Every person-level page writes an access-log row with its purpose; every
export goes through the shared, logged CSV export.
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from audit.exports import csv_download
from audit.models import Action
from audit.services import declared_purpose, record_access, record_bulk_read
from core.extensions import list_url
from core.forms import run_service
from core.paging import page_of
from core.periods import Period
from custody.forms import wall_clock
from domestic import access, figures, forms, rules, services
from domestic.choices import NoticeKind, Stage
from domestic.permissions import can_see_dapu, can_see_dapu_figures
from offenders.access import get_offender_for_user
from offenders.finder import find_people
from offenders.forms import FindPersonForm
from offenders.summary import badges_for
from protection import services as protection_services
from protection.choices import OrderKind

PURPOSE = "DAPU programme"


def dapu_only(view):
    """For everyone outside the DAPU and supervisors these pages do not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_see_dapu(request.user):
            raise Http404()
        return view(request, *args, **kwargs)

    return wrapper


def _viewed(request, record, offender, purpose: str = PURPOSE) -> None:
    record_access(
        user=request.user,
        action=Action.VIEW,
        offender=offender,
        target=record,
        request=request,
        purpose=purpose,
    )


def _listed(request, people: list[int], purpose: str, name: str) -> None:
    record_bulk_read(
        user=request.user,
        people=people,
        purpose=declared_purpose(request, purpose),
        query=request.GET.urlencode(),
        detail={"page": name},
        request=request,
    )


def _find(request, purpose: str, title: str, action_url: str):
    find = FindPersonForm(request.GET or None)
    results = None
    if find.is_valid():
        results = find_people(
            request.user, find.cleaned_data["q"], purpose=purpose, request=request
        )
    return render(
        request,
        "domestic/find.html",
        {"find": find, "results": results, "title": title, "action_url": action_url},
    )


def _day(request, key: str):
    today = timezone.localdate()
    form = forms.FunnelForm({"to": request.GET.get(key, "")}, initial={"to": today})
    if form.is_valid() and form.cleaned_data["to"]:
        return form.cleaned_data["to"], form
    return today, form


# --- The programme list ---------------------------------------------------------------------


@dapu_only
def programme(request):
    """The list, filtered by stage now, or by a funnel figure on a day (the funnel's links)."""
    figure = request.GET.get("figure", "")
    stage = request.GET.get("stage", "")
    on, _ = _day(request, "on")
    visible = access.visible_entries(request.user)
    if figure in rules.FIGURES:
        qs = figures.entries_in(figures.entries_on(request.user.force_id, on), figure, on).filter(
            pk__in=visible.values("pk")
        )
        heading = f"{rules.FIGURE_LABELS[figure]} on {on:%-d %B %Y}"
    else:
        figure = ""
        qs = visible
        if stage in Stage.values:
            qs = qs.filter(stage=stage)
            heading = f"Programme list: {Stage(stage).label.lower()}"
        else:
            stage = ""
            heading = "Programme list"
    qs = qs.select_related("offender", "lead_officer").order_by("-started_on", "-pk")
    page = page_of(qs, request)
    _listed(request, [e.offender_id for e in page.object_list], "DAPU programme list", "programme")
    stage_counts = dict(
        visible.order_by().values_list("stage").annotate(n=Count("pk")).values_list("stage", "n")
    )
    return render(
        request,
        "domestic/programme.html",
        {
            "page": page,
            "count": page.paginator.count,
            "heading": heading,
            "stage": stage,
            "figure": figure,
            "stages": [
                {"value": s.value, "label": s.label, "n": stage_counts.get(s.value, 0)}
                for s in Stage
            ],
        },
    )


@dapu_only
def caseload(request):
    from cohorts import membership

    rows = membership.caseload(request.user, kind_keys=("dapu",))
    _listed(request, [m.offender_id for m in rows], "DAPU caseload", "caseload")
    return render(request, "domestic/caseload.html", {"rows": rows})


@dapu_only
def entry_new(request):
    offender_id = request.POST.get("offender") or request.GET.get("offender")
    if not offender_id:
        return _find(
            request,
            "dapu-programme",
            "Put a person on the programme list",
            reverse("domestic-entry-new"),
        )
    offender = get_offender_for_user(request.user, offender_id)
    if request.method == "GET":
        _viewed(request, offender, offender)
    initial = {
        "offender": offender.pk,
        "lead_officer": request.user.pk,
        "area": offender.home_area_id,
        "started_on": timezone.localdate().isoformat(),
    }
    form = forms.EntryForm(request.POST or None, initial=initial, force=offender.force)
    made = {}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("offender")

        def call():
            made["entry"] = services.put_on_programme(
                offender=offender,
                by=request.user,
                today=timezone.localdate(),
                at=timezone.now(),
                request=request,
                **data,
            )

        if run_service(request, form, call, f"{offender.full_name} is on the programme list."):
            return redirect("domestic-entry", pk=made["entry"].pk)
    return render(request, "domestic/entry_form.html", {"form": form, "offender": offender})


@dapu_only
def entry(request, pk):
    item = access.get_entry_for_user(request.user, pk)
    _viewed(request, item, item.offender)
    return render(
        request,
        "domestic/entry.html",
        {
            "e": item,
            "moves": item.moves.select_related("moved_by").order_by("on", "pk"),
            "scores": item.scores.select_related("scored_by")[:20],
            "sessions": item.sessions.all()[:100],
            "session_count": item.sessions.count(),
            "contacts": item.contacts.select_related("recorded_by")[:50],
            "notices": access.visible_notices(request.user).filter(offender=item.offender),
            "badges": badges_for([item.offender_id], user=request.user)[item.offender_id],
            "allowed": sorted(rules.allowed_moves(item.stage)),
            "can_session": item.stage == Stage.ACTIVE,
        },
    )


def _entry_action(
    request, pk, form_class, service, title, success, initial, open_only=True, **form_kwargs
):
    item = access.get_entry_for_user(request.user, pk)
    if open_only and not item.is_open:
        raise Http404()
    form = form_class(
        request.POST or None, initial={"version": item.version, **initial}, **form_kwargs
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)

        def call():
            service(
                entry=item, by=request.user, request=request, today=timezone.localdate(), **data
            )

        if run_service(request, form, call, success):
            return redirect("domestic-entry", pk=item.pk)
    return render(request, "domestic/action.html", {"form": form, "e": item, "title": title})


def _move(*, entry, by, request, today, **data):
    return services.move_stage(
        entry=entry, by=by, request=request, today=today, at=timezone.now(), **data
    )


@dapu_only
def entry_stage(request, pk):
    item = access.get_entry_for_user(request.user, pk)
    return _entry_action(
        request,
        pk,
        forms.StageForm,
        _move,
        "Move to another stage",
        "Stage changed.",
        {"on": timezone.localdate().isoformat()},
        current=item.stage,
    )


@dapu_only
def entry_score(request, pk):
    return _entry_action(
        request,
        pk,
        forms.ScoreForm,
        services.score_entry,
        "Score (recency, frequency, gravity)",
        "Score recorded.",
        {"scored_on": timezone.localdate().isoformat()},
    )


def _session(*, entry, by, request, today, version=None, **data):
    return services.record_session(entry=entry, by=by, request=request, today=today, **data)


@dapu_only
def entry_session(request, pk):
    return _entry_action(
        request,
        pk,
        forms.SessionForm,
        _session,
        "Record a session",
        "Session recorded.",
        {"held_on": timezone.localdate().isoformat(), "kind": "one_to_one"},
    )


def _contact(*, entry, by, request, today, version=None, **data):
    return services.record_contact(entry=entry, by=by, request=request, today=today, **data)


@dapu_only
def entry_contact(request, pk):
    return _entry_action(
        request,
        pk,
        forms.ContactForm,
        _contact,
        "Record partner or victim contact",
        "Contact recorded.",
        {"contacted_on": timezone.localdate().isoformat()},
        open_only=False,
    )


# --- Notices --------------------------------------------------------------------------------


@dapu_only
def notices(request):
    kind = request.GET.get("kind", "")
    qs = access.visible_notices(request.user).order_by("-given_at", "-pk")
    if kind in NoticeKind.values:
        qs = qs.filter(kind=kind)
    else:
        kind = ""
    awaiting = request.GET.get("awaiting") == "yes"
    if awaiting:
        qs = qs.filter(result__in=["", "adjourned"])
    page = page_of(qs, request)
    _listed(request, [n.offender_id for n in page.object_list], "DVPN and DAPN notices", "notices")
    return render(
        request,
        "domestic/notices.html",
        {
            "page": page,
            "count": page.paginator.count,
            "kind": kind,
            "awaiting": awaiting,
            "now": timezone.now(),
        },
    )


@dapu_only
def notice_new(request):
    offender_id = request.POST.get("offender") or request.GET.get("offender")
    if not offender_id:
        return _find(
            request, "dapu-notice", "Record a DVPN or DAPN", reverse("domestic-notice-new")
        )
    offender = get_offender_for_user(request.user, offender_id)
    if request.method == "GET":
        _viewed(request, offender, offender, "DVPN or DAPN")
    initial = {
        "offender": offender.pk,
        "area": offender.home_area_id,
        "given_at": wall_clock(timezone.now()),
    }
    form = forms.NoticeForm(request.POST or None, initial=initial, force=offender.force)
    made = {}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("offender")

        def call():
            made["notice"] = services.give_notice(
                offender=offender, by=request.user, now=timezone.now(), request=request, **data
            )

        if run_service(request, form, call, "Notice recorded.", aliases=forms.NOTICE_ALIASES):
            return redirect("domestic-notice", pk=made["notice"].pk)
    return render(request, "domestic/notice_form.html", {"form": form, "offender": offender})


@dapu_only
def notice(request, pk):
    item = access.get_notice_for_user(request.user, pk)
    _viewed(request, item, item.offender, "DVPN or DAPN")
    return render(
        request,
        "domestic/notice.html",
        {
            "n": item,
            "now": timezone.now(),
            "breaches": item.order.breaches.all() if item.order_id else [],
            "order_url": reverse("protection-order", args=[item.order_id]) if item.order_id else "",
        },
    )


@dapu_only
def notice_hearing(request, pk):
    item = access.get_notice_for_user(request.user, pk)
    if not item.awaiting_hearing:
        raise Http404()
    form = forms.HearingForm(
        request.POST or None,
        initial={"version": item.version, "heard_at": wall_clock(timezone.now())},
    )
    if request.method == "POST" and form.is_valid():

        def call():
            services.record_hearing(
                notice=item,
                by=request.user,
                now=timezone.now(),
                request=request,
                **form.cleaned_data,
            )

        if run_service(request, form, call, "Hearing recorded."):
            return redirect("domestic-notice", pk=item.pk)
    return render(request, "domestic/hearing.html", {"form": form, "n": item})


@dapu_only
def non_molestation_new(request):
    """Record a non-molestation order notified to the police, on the shared record."""
    offender_id = request.POST.get("offender") or request.GET.get("offender")
    if not offender_id:
        return _find(
            request,
            "dapu-non-molestation",
            "Record a non-molestation order",
            reverse("domestic-non-molestation-new"),
        )
    offender = get_offender_for_user(request.user, offender_id)
    if request.method == "GET":
        _viewed(request, offender, offender, "Non-molestation order")
    initial = {"offender": offender.pk, "area": offender.home_area_id}
    form = forms.NonMolestationForm(request.POST or None, initial=initial, force=offender.force)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("offender")

        def call():
            protection_services.make_order(
                offender=offender,
                kind=OrderKind.NON_MOLESTATION,
                by=request.user,
                today=timezone.localdate(),
                request=request,
                **data,
            )

        if run_service(request, form, call, "Non-molestation order recorded."):
            return redirect("person", pk=offender.pk)
    return render(request, "domestic/non_molestation.html", {"form": form, "offender": offender})


# --- Figures --------------------------------------------------------------------------------


def _figures_only(request) -> None:
    if not can_see_dapu_figures(request.user):
        raise PermissionDenied("Your role does not see the DAPU figures.")


def figures_page(request):
    """The funnel on a day (every figure linking to its people, for DAPU), its CSV, and the
    notices, orders and breaches by month and district."""
    _figures_only(request)
    on, funnel_form = _day(request, "to")
    found = figures.funnel(request.user.force_id, on)
    rows = figures.funnel_rows(found)
    names = can_see_dapu(request.user)
    for row in rows:
        row["url"] = (
            list_url("domestic-programme", figure=row["key"], on=on.isoformat())
            if names and row["links"]
            else ""
        )
    period = Period.last_months(on, 12)
    period_form = forms.PeriodForm(
        request.GET or None, initial={"date_from": period.first, "date_to": period.last}
    )
    if (
        period_form.is_valid()
        and period_form.cleaned_data["date_from"]
        and period_form.cleaned_data["date_to"]
    ):
        period = Period.custom(
            period_form.cleaned_data["date_from"], period_form.cleaned_data["date_to"]
        )
    by_month = figures.notices_by_month_and_district(request.user.force_id, period)
    return render(
        request,
        "domestic/figures.html",
        {
            "on": on,
            "rows": rows,
            "funnel_form": funnel_form,
            "period": period,
            "period_form": period_form,
            "by_month": by_month,
            "totals": figures.notice_totals(by_month),
            "names": names,
            "csv_url": list_url("domestic-funnel-export", to=on.isoformat()),
            "identities": [f"{t} = {' + '.join(p)}" for t, p in rules.IDENTITIES],
        },
    )


def funnel_export(request):
    _figures_only(request)
    on, _ = _day(request, "to")
    found = figures.funnel(request.user.force_id, on)
    return csv_download(
        request=request,
        export="dapu-funnel",
        purpose="DAPU programme funnel (counts, no names)",
        filename=f"dapu-funnel-{on.isoformat()}.csv",
        header=["figure", "label", "value", "on"],
        rows=[[k, rules.FIGURE_LABELS[k], found[k], on] for k in rules.FIGURES],
        count=len(rules.FIGURES),
    )

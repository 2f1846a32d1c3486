"""Bail Management Team pages: the work queue, case pages, workflow forms and the
supervisor's figures. Thin: authorise, parse, call one service, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.models import Force, PolicingArea, User
from accounts.ranks import RANK_LABELS, Rank
from audit.exports import csv_download
from audit.forms import ExportForm
from audit.models import Action
from audit.services import declared_purpose, record_access, record_bulk_read
from bail import figures, rules, services
from bail.access import figures_scope, get_case_for_user, visible_cases
from bail.attention import QUEUE_DAYS, in_scope
from bail.choices import CaseStatus
from bail.forms import (
    EndForm,
    ExtendForm,
    LapseForm,
    OpenCaseForm,
    QueueFilterForm,
    RuiReviewForm,
    VaryConditionsForm,
)
from bail.models import BailCase, BailEnd, ConditionVariation, LapseAssessment
from bail.permissions import can_see_bail_figures, can_work_on_bail
from core.concurrency import StaleVersion
from core.extensions import AttentionScope
from core.forms import apply_service_errors
from core.paging import page_of
from core.periods import Period, PeriodError, parse_month
from deadlines.models import Deadline
from offenders import finder
from offenders.finder import identify
from offenders.models import OffenceType
from offenders.summary import badges_for


def _require_bail_role(user) -> None:
    if not can_work_on_bail(user):
        raise PermissionDenied("Your role does not work on bail cases.")


# --- The work queue ----------------------------------------------------------------------------


def _queue_filters(request, cases):
    """Bind the filter form and apply it; the cases and the form."""
    user = request.user
    # Opened from the supervisors' home: the same areas and teams as its figures.
    cases = in_scope(cases, AttentionScope.from_request(request))
    forces = (
        Force.objects.filter(pk=user.force_id) if not user.is_superuser else Force.objects.all()
    )
    areas = PolicingArea.objects.filter(force__in=forces).select_related("force")
    officers = User.objects.filter(
        pk__in=cases.exclude(officer_in_case=None).values("officer_in_case")
    ).order_by("last_name", "first_name")
    form = QueueFilterForm(request.GET or None, forces=forces, areas=areas, officers=officers)
    if form.is_bound and form.is_valid():
        values = form.cleaned_data
        if values["force"]:
            cases = cases.filter(force__code=values["force"])
        if values["area"]:
            cases = cases.filter(district_id=int(values["area"]))
        if values["officer"]:
            cases = cases.filter(officer_in_case_id=int(values["officer"]))
        if values["offence"]:
            cases = cases.filter(
                Q(offence__icontains=values["offence"])
                | Q(offence_type__name__icontains=values["offence"])
            )
    elif form.is_bound:
        cases = cases.none()
    return cases, form


def _queue_sections(cases, today: dt.date) -> dict[str, list]:
    horizon = today + dt.timedelta(days=QUEUE_DAYS)
    return {
        "ending": list(cases.ending_between(today, horizon).order_by("bail_period_ends", "pk")),
        "lapsed": list(cases.lapsed(today).order_by("bail_period_ends", "pk")),
        "reviews": list(cases.rui_review_due_by(horizon).order_by("next_rui_review_due", "pk")),
    }


def queue(request):
    """The Bail Management Team's work queue: bail ending in the next 14 days, lapsed bail
    awaiting an assessment, RUI reviews due."""
    _require_bail_role(request.user)
    today = timezone.localdate()
    cases, form = _queue_filters(request, visible_cases(request.user))
    sections = _queue_sections(cases, today)
    # One event, linked to everyone in the queue; a filtered queue is a search.
    record_bulk_read(
        user=request.user,
        people=[case.offender_id for rows in sections.values() for case in rows],
        action=Action.SEARCH if form.is_bound else Action.LIST,
        query=request.GET.urlencode(),
        purpose=declared_purpose(request, "Bail Management Team work queue"),
        request=request,
        detail={"page": "bail queue"},
    )
    return render(
        request,
        "bail/queue.html",
        {
            "form": form,
            "export_form": ExportForm(),
            "sections": sections,
            "today": today,
            "horizon": today + dt.timedelta(days=QUEUE_DAYS),
            "query": request.GET.urlencode(),
        },
    )


def queue_export(request):
    """The queue as CSV, with the purpose recorded in the access log."""
    _require_bail_role(request.user)
    export = ExportForm(request.GET)
    if not export.is_valid():
        messages.error(request, "Give the purpose of the export before downloading it.")
        params = request.GET.copy()
        params.pop("purpose", None)
        return redirect(f"{reverse('bail-queue')}?{params.urlencode()}")
    today = timezone.localdate()
    cases, _form = _queue_filters(request, visible_cases(request.user))
    sections = _queue_sections(cases, today)
    labels = {"ending": "ending soon", "lapsed": "lapsed", "reviews": "rui review due"}

    def rows():
        for key, cases_in_section in sections.items():
            for case in cases_in_section:
                due = case.next_rui_review_due if key == "reviews" else case.bail_period_ends
                yield [
                    labels[key],
                    case.reference,
                    case.offender.full_name,
                    case.offender.pnc_id,
                    case.force.code,
                    case.district,
                    case.officer_in_case.display_name if case.officer_in_case else "",
                    _offence(case),
                    case.state_on(today),
                    due,
                    case.charging_file_status(today),
                ]

    return csv_download(
        request=request,
        export="bail queue",
        purpose=export.cleaned_data["purpose"],
        filename=f"bail-queue-{today:%Y-%m-%d}.csv",
        header=[
            "section",
            "reference",
            "person",
            "pnc_id",
            "force",
            "district",
            "officer_in_case",
            "offence",
            "status",
            "due",
            "charging_file_status",
        ],
        rows=rows(),
        count=sum(len(cases_in_section) for cases_in_section in sections.values()),
        people=[case.offender_id for rows in sections.values() for case in rows],
    )


def _offence(case) -> str:
    if case.offence_type_id and case.offence:
        return f"{case.offence_type.name}: {case.offence}"
    return case.offence_type.name if case.offence_type_id else case.offence


# --- Opening a case -------------------------------------------------------------------------


def open_case(request):
    """Record a release on pre-charge bail or under investigation (custody opens these
    itself on release; this page is for releases recorded elsewhere)."""
    _require_bail_role(request.user)
    user = request.user
    offence_types = OffenceType.objects.filter(active=True).order_by("name")
    if request.method != "POST":
        form = OpenCaseForm.for_user(
            user,
            initial={"arrested_on": timezone.localdate().isoformat()},
            offence_types=offence_types,
        )
        return render(request, "bail/open.html", {"form": form})
    form = OpenCaseForm.for_user(user, request.POST, offence_types=offence_types)
    if form.is_valid():
        values = form.cleaned_data
        person = identify(user, values["pnc_id"])
        if person is None:
            form.add_error("pnc_id", finder.NOT_FOUND)
        else:
            try:
                case = services.open_case(
                    offender=person,
                    arrested_on=values["arrested_on"],
                    status=values["status"],
                    agency=values["agency"],
                    offence=values["offence"],
                    offence_type=_pick(offence_types, values["offence_type"]),
                    **form.details(),
                    by=user,
                    now=timezone.now(),
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, f"Case {case.reference} recorded.")
                return redirect("bail-case", pk=case.pk)
    return render(request, "bail/open.html", {"form": form})


def _pick(queryset, pk: str):
    return queryset.filter(pk=int(pk)).first() if pk else None


# --- Case page -------------------------------------------------------------------------------------


def _timeline(case, today: dt.date) -> list[dict]:
    """The case's events, newest first (MoJ timeline)."""
    events = [
        {
            "on": case.arrested_on,
            "title": "Arrested",
            "text": case.offence or "",
            "by": None,
        }
    ]
    if case.bail_start_date:
        events.append(
            {
                "on": case.bail_start_date,
                "title": "Bail started",
                "text": f"Regime: {case.get_regime_display()}.",
                "by": case.created_by,
            }
        )
    for variation in case.variations.all():
        added = [c.text for c in variation.added.all()]
        removed = [c.text for c in variation.removed.all()]
        parts = []
        if added:
            parts.append("Imposed: " + "; ".join(added) + ".")
        if removed:
            parts.append("Removed: " + "; ".join(removed) + ".")
        if variation.victim_told is not None:
            parts.append("Victim told." if variation.victim_told else "Victim not told.")
        events.append(
            {
                "on": variation.varied_on,
                "title": "Conditions",
                "text": " ".join(parts),
                "by": variation.created_by,
            }
        )
    for extension in case.extensions.all():
        events.append(
            {
                "on": extension.decided_on,
                "title": f"Bail extended to {extension.new_end:%-d %b %Y}",
                "text": f"{extension.get_authority_display()}: authorised by "
                f"{extension.authorised_by_name}"
                + (
                    f" ({RANK_LABELS[Rank(extension.authorised_by_rank)]})"
                    if extension.authorised_by_rank
                    else ""
                )
                + ".",
                "by": extension.created_by,
            }
        )
    if case.lapsed_on:
        events.append(
            {
                "on": case.lapsed_on,
                "title": "Bail lapsed",
                "text": "The period ended with no extension or outcome.",
                "by": None,
            }
        )
    assessed = set()
    for assessment in case.lapse_assessments.all():
        # The assessment and the end it records are one decision: one entry.
        assessed.add((assessment.decided_on, assessment.rationale))
        outcome = f": {assessment.get_outcome_display()}" if assessment.outcome else ""
        events.append(
            {
                "on": assessment.decided_on,
                "title": f"Lapse assessed: {assessment.get_decision_display().lower()}{outcome}",
                "text": assessment.rationale,
                "by": assessment.created_by,
            }
        )
    for end in case.ends.all():
        if (end.ended_on, end.rationale) in assessed:
            continue
        events.append(
            {
                "on": end.ended_on,
                "title": end.get_reason_display(),
                "text": end.rationale,
                "by": end.created_by,
            }
        )
    for review in case.rui_reviews.all():
        events.append(
            {
                "on": review.reviewed_on,
                "title": "RUI reviewed",
                "text": f"{review.notes} Next review due {review.next_review_due:%-d %b %Y}.",
                "by": review.created_by,
            }
        )
    return sorted(events, key=lambda e: e["on"], reverse=True)


def _case_context(request, case) -> dict:
    today = timezone.localdate()
    return {
        "case": case,
        "today": today,
        "now": timezone.now(),
        "state": case.state_on(today),
        "deadlines": list(
            Deadline.objects.filter(
                content_type__app_label="bail", content_type__model="bailcase", object_id=case.pk
            ).order_by("-status", "due_at")
        ),
        "conditions": list(case.conditions.all()),  # prefetched by the callers
        "victim_views": list(case.victim_views.select_related("variation")),
        "assessed": case.lapse_assessments.exists(),
    }


def case_detail(request, pk):
    _require_bail_role(request.user)
    try:
        case = _case_with_history(request.user, int(pk))
    except BailCase.DoesNotExist:
        raise Http404("No such bail case.") from None
    record_access(
        user=request.user, action="view", offender=case.offender, target=case, request=request
    )
    context = _case_context(request, case)
    context["timeline"] = _timeline(case, context["today"])
    # Orders in force (a non-molestation order, a DVPO) and the markers this user may see.
    context["badges"] = badges_for([case.offender_id], user=request.user)[case.offender_id]
    return render(request, "bail/case.html", context)


def _case_with_history(user, pk):
    """The case with everything its timeline prints, in a fixed number of queries."""
    return (
        visible_cases(user)
        .prefetch_related(
            Prefetch(
                "variations",
                queryset=ConditionVariation.objects.select_related("created_by").prefetch_related(
                    "added", "removed"
                ),
            ),
            Prefetch(
                "lapse_assessments", queryset=LapseAssessment.objects.select_related("created_by")
            ),
            Prefetch("ends", queryset=BailEnd.objects.select_related("created_by")),
            "extensions__created_by",
            "rui_reviews__created_by",
            "conditions",
        )
        .get(pk=pk)
    )


# --- Workflow forms ----------------------------------------------------------------------------------


def _workflow(
    request,
    pk,
    *,
    form_class,
    template,
    action,
    initial=None,
    form_kwargs=None,
    field_map=None,
    allowed=None,
    extra=None,
):
    """The shared shape of every workflow page: GET shows the form, POST calls the service
    and returns to the case page, or shows the errors (a stale version says so)."""
    _require_bail_role(request.user)
    case = get_case_for_user(request.user, pk)
    today = timezone.localdate()
    if allowed is not None and not allowed(case, today):
        messages.error(request, "That cannot be done to this case now.")
        return redirect("bail-case", pk=case.pk)
    kwargs = form_kwargs(case) if form_kwargs else {}
    if request.method == "POST":
        form = form_class(request.POST, **kwargs)
        if form.is_valid():
            try:
                message = action(case, form.cleaned_data, request.user, timezone.now())
            except StaleVersion as stale:
                case.refresh_from_db()
                form = form_class(request.POST.copy(), **kwargs)
                form.data["version"] = case.version
                form.is_valid()
                form.add_error(
                    None,
                    f"{stale} Now: {case.charging_file_status(today)}. Check and submit again.",
                )
            except ValidationError as error:
                apply_service_errors(form, error, aliases=field_map)
            else:
                messages.success(request, message)
                return redirect("bail-case", pk=case.pk)
    else:
        form = form_class(
            initial={"version": case.version, **(initial(case, today) if initial else {})}, **kwargs
        )
    context = _case_context(request, case)
    context["form"] = form
    if extra is not None:
        context.update(extra(case))
    return render(request, template, context)


def extend(request, pk):
    user = request.user

    def initial(case, today):
        options = _options(case)
        return {
            "decided_on": today.isoformat(),
            "authorised_by_name": user.get_full_name(),
            "authorised_by_rank": user.rank if user.rank != "staff" else "",
            "authority": options[0].authority.value if options else "",
            "designated_case": case.designated_case,
        }

    def action(case, values, by, now):
        services.extend_bail(
            case=case,
            authority=values["authority"],
            decided_on=values["decided_on"],
            authorised_by_name=values["authorised_by_name"],
            authorised_by_rank=values["authorised_by_rank"] or None,
            designated_case=values["designated_case"],
            section_47zf7_case=values["section_47zf7_case"],
            version=values["version"],
            by=by,
            now=now,
        )
        case.refresh_from_db()
        return f"Bail extended. It now ends on {case.bail_period_ends:%-d %B %Y}."

    return _workflow(
        request,
        pk,
        form_class=ExtendForm,
        template="bail/extend.html",
        action=action,
        initial=initial,
        allowed=lambda case, today: case.status in (CaseStatus.BAIL, CaseStatus.LAPSED),
        field_map={"authorised_by": "authorised_by_rank"},
        extra=lambda case: {"options": _options(case)},
    )


def _options(case) -> list:
    try:
        return rules.next_extension_options(
            regime=case.regime, agency=case.agency, extensions_so_far=case.extension_authorities()
        )
    except rules.RuleViolation:
        return []


def vary_conditions(request, pk):
    def action(case, values, by, now):
        add = []
        if values["add_text"].strip():
            add.append(
                {"text": values["add_text"], "protects_victim": values["add_protects_victim"]}
            )
        services.vary_conditions(
            case=case,
            varied_on=values["varied_on"],
            add=add,
            remove=values["remove"],
            reason=values["reason"],
            victim_views={
                "sought": values["victim_sought"],
                "views": values["victim_views"],
                "not_practicable_reason": values["not_practicable_reason"],
            },
            victim_told=values["victim_told"],
            version=values["version"],
            by=by,
            now=now,
        )
        return "Conditions varied."

    return _workflow(
        request,
        pk,
        form_class=VaryConditionsForm,
        template="bail/vary.html",
        action=action,
        initial=lambda case, today: {"varied_on": today.isoformat()},
        form_kwargs=lambda case: {"conditions": case.conditions.filter(removed_on=None)},
        field_map={"add": "add_text"},
        allowed=lambda case, today: case.state_on(today) == CaseStatus.BAIL,
    )


def end(request, pk):
    def action(case, values, by, now):
        services.end_case(
            case=case,
            ended_on=values["ended_on"],
            reason=values["reason"],
            rationale=values["rationale"],
            version=values["version"],
            by=by,
            now=now,
        )
        return "Case updated."

    return _workflow(
        request,
        pk,
        form_class=EndForm,
        template="bail/end.html",
        action=action,
        initial=lambda case, today: {"ended_on": today.isoformat()},
        allowed=lambda case, today: case.state_on(today) in (CaseStatus.BAIL, CaseStatus.RUI),
    )


def assess_lapse(request, pk):
    def action(case, values, by, now):
        services.assess_lapse(
            case=case,
            decision=values["decision"],
            outcome=values["outcome"],
            decided_on=values["decided_on"],
            rationale=values["rationale"],
            version=values["version"],
            by=by,
            now=now,
        )
        return "Lapse assessment recorded."

    return _workflow(
        request,
        pk,
        form_class=LapseForm,
        template="bail/lapse.html",
        action=action,
        initial=lambda case, today: {"decided_on": today.isoformat()},
        field_map={"reason": "outcome", "ended_on": "decided_on"},
        allowed=lambda case, today: case.state_on(today) == CaseStatus.LAPSED,
    )


def rui_review(request, pk):
    def action(case, values, by, now):
        services.record_rui_review(
            case=case,
            reviewed_on=values["reviewed_on"],
            notes=values["notes"],
            version=values["version"],
            by=by,
            now=now,
        )
        return "RUI review recorded."

    return _workflow(
        request,
        pk,
        form_class=RuiReviewForm,
        template="bail/rui_review.html",
        action=action,
        initial=lambda case, today: {"reviewed_on": today.isoformat()},
        allowed=lambda case, today: case.status == CaseStatus.RUI,
    )


# --- Case list (where the figures link) and the supervisor view -------------------------------------


def _month(value: str) -> tuple[dt.date, dt.date] | None:
    """A figure link's ``YYYY-MM`` as its first and last day, or None when malformed."""
    try:
        month = parse_month(value, "month")
    except PeriodError:
        return None
    if month is None:
        return None
    period = Period.month(month)
    return period.first, period.last


def _as_id(value: str) -> int | None:
    """A database id from a query string, or None (ids beyond 64 bits overflow drivers)."""
    if not value.isdigit() or len(value) > 18:
        return None
    return int(value)


def filter_cases(cases, params, today: dt.date):
    """The filters the supervisor's figures link with. Unknown values match nothing."""
    state = params.get("state")
    if state == CaseStatus.BAIL:
        cases = cases.on_bail(today)
    elif state == CaseStatus.RUI:
        cases = cases.on_rui()
    elif state == CaseStatus.LAPSED:
        cases = cases.lapsed(today)
    elif state:
        cases = cases.none()
    for key in ("bail_opened", "rui_opened", "bail_closed", "rui_closed"):
        if key not in params:
            continue
        span = _month(params[key])
        if span is None:
            return cases.none()
        first, last = span
        if key == "bail_opened":
            cases = cases.filter(bail_start_date__range=span)
        elif key == "rui_opened":
            cases = cases.filter(rui_since__range=span)
        elif key == "bail_closed":
            ended = BailEnd.objects.filter(from_status=CaseStatus.BAIL, ended_on__range=span)
            cases = cases.filter(Q(pk__in=ended.values("case")) | Q(lapsed_on__range=(first, last)))
        else:
            ended = BailEnd.objects.filter(from_status=CaseStatus.RUI, ended_on__range=span)
            cases = cases.filter(pk__in=ended.values("case"))
    had = params.get("had")
    if had == "bail":
        cases = cases.exclude(bail_start_date=None)
    elif had == "rui":
        cases = cases.exclude(rui_since=None)
    for key, column in (("offence_type", "offence_type_id"), ("district", "district_id")):
        value = params.get(key)
        if value == "none":
            cases = cases.filter(**{column: None})
        elif value:
            pk = _as_id(value)
            cases = cases.filter(**{column: pk}) if pk is not None else cases.none()
    lapse = params.get("lapse")
    if lapse:
        cases = cases.filter(lapse_assessments__decision=lapse).distinct()
    return cases


def case_list(request):
    _require_bail_role(request.user)
    today = timezone.localdate()
    cases = filter_cases(visible_cases(request.user), request.GET, today)
    page = page_of(cases.order_by("-created_at", "-pk"), request)
    record_bulk_read(
        user=request.user,
        people=[case.offender_id for case in page.object_list],
        action=Action.SEARCH if request.GET else Action.LIST,
        query=request.GET.urlencode(),
        purpose=declared_purpose(request, "Bail cases list"),
        request=request,
        detail={"page": "bail cases"},
    )
    return render(
        request,
        "bail/case_list.html",
        {"cases": list(page.object_list), "page": page, "today": today},
    )


def supervisor(request):
    """Numbers on bail and RUI, opened and closed per month, lengths by offence type and
    district, lapses and how they were resolved: all computed from the records."""
    if not can_see_bail_figures(request.user):
        raise PermissionDenied("Your role does not see the bail figures.")
    today = timezone.localdate()
    cases = figures_scope(request.user)
    months = Period.custom(Period.last_months(today, 12).first, today)
    return render(
        request,
        "bail/supervisor.html",
        {
            "today": today,
            "now_counts": figures.current_counts(cases, today),
            "months": figures.per_month(cases, months),
            "lengths": figures.lengths(cases, today),
            "lapses": figures.lapse_resolutions(cases, today),
            # Analysts see the aggregates; only people who may open the cases get links.
            "can_open_records": can_work_on_bail(request.user),
        },
    )

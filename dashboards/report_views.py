"""The Accountability and Performance Panel report's pages: the live report with its narrative,
issuing and publishing, issued reports, the PDF and CSV, the published reports the scrutiny
panel and the public may read, and the appendices' trackers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.exports import csv_download
from audit.models import Action
from audit.services import record_access
from core.concurrency import StaleVersion
from core.extensions import panel_sections
from core.forms import apply_service_errors
from core.periods import Period, PeriodError
from core.redaction import Identity, redact
from dashboards import report, services
from dashboards.models import (
    IssuedReport,
    Recommendation,
    SectionNarrative,
    StrategyAction,
)
from dashboards.report_access import (
    can_publish_report,
    can_see_report,
    can_write_report,
    report_force,
)
from dashboards.report_charts import add_charts
from dashboards.report_forms import (
    ActionForm,
    IssueForm,
    NarrativeForm,
    PublishForm,
    RecommendationForm,
)

PRINT_CSS = Path(__file__).resolve().parent / "report_print.css"


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("The panel report is for analysts, supervisors and administrators.")


# --- the content: live or issued -------------------------------------------------------------


def appendices(force) -> dict[str, list[dict[str, Any]]]:
    return {
        "actions": [
            {
                "id": a.pk,
                "pillar": a.get_pillar_display(),
                "action": a.action,
                "owner": a.owner,
                "due_on": a.due_on.isoformat() if a.due_on else "",
                "status": a.get_status_display(),
                "notes": a.notes,
            }
            for a in StrategyAction.objects.filter(force=force)
        ],
        "recommendations": [
            {
                "id": r.pk,
                "inspection": r.inspection,
                "recommendation": r.recommendation,
                "owner": r.owner,
                "due_on": r.due_on.isoformat() if r.due_on else "",
                "status": r.get_status_display(),
                "closed_on": r.closed_on.isoformat() if r.closed_on else "",
                "notes": r.notes,
            }
            for r in Recommendation.objects.filter(force=force)
        ],
    }


def live_content(force, period: Period, now: dt.datetime) -> dict[str, Any]:
    """The report as it stands now: figures, comparisons, narrative and appendices."""
    content = report.build(force, period, now=now)
    narratives = {n.section: n for n in SectionNarrative.objects.filter(force=force)}
    for section in content["sections"]:
        narrative = narratives.get(section["key"])
        section["narrative"] = narrative.text if narrative else ""
    last = IssuedReport.objects.filter(force=force).first()
    report.with_last_issued(content, last.content if last else None)
    content["last_issued"] = (
        {"id": last.pk, "meeting_date": last.meeting_date.isoformat()} if last else None
    )
    content["appendices"] = appendices(force)
    return content


def _for_display(content: dict[str, Any], user, *, live: bool) -> dict[str, Any]:
    """Charts added; links kept only where the user's role may open the section's lists."""
    registered = dict(panel_sections.items())
    for section in content["sections"]:
        entry = registered.get(section["key"])
        section["links"] = bool(live and entry and entry.may_open(user))
    return add_charts(content)


def _period(request) -> tuple[Period, list[PeriodError]]:
    today = timezone.localdate()
    try:
        return report.report_period(request.GET, today), []
    except PeriodError as error:
        return report.report_period({}, today), [error]


def _query(period: Period) -> str:
    return urlencode(period.params("month"))


# --- the live report --------------------------------------------------------------------------


def panel(request, issue_form=None, narrative_errors=None, status=200):
    _require(can_see_report(request.user))
    force = report_force(request.user, request.GET.get("force"))
    period, period_errors = _period(request)
    content = live_content(force, period, timezone.now())
    versions = dict(SectionNarrative.objects.filter(force=force).values_list("section", "version"))
    writer = can_write_report(request.user)
    doc = _for_display(content, request.user, live=True)
    for section in doc["sections"]:
        errors = (narrative_errors or {}).get(section["key"])
        section["form"] = (
            errors
            or NarrativeForm(
                prefix=section["key"],
                initial={"text": section["narrative"], "version": versions.get(section["key"])},
            )
            if writer
            else None
        )
    return render(
        request,
        "dashboards/report/panel.html",
        {
            "doc": doc,
            "period": period,
            "period_errors": period_errors,
            "period_error": period_errors[0] if period_errors else None,
            "query": _query(period),
            "writer": writer,
            "issue_form": issue_form or IssueForm(),
            "issued": IssuedReport.objects.filter(force=force).select_related("issued_by")[:20],
        },
        status=400 if period_errors else status,
    )


@require_POST
def narrative(request, section):
    _require(can_write_report(request.user))
    force = report_force(request.user)
    if section not in {key for key, *_ in report.ordered_sections()}:
        raise Http404("No such section.")
    form = NarrativeForm(request.POST, prefix=section)
    period, _ = _period(request)
    if form.is_valid():
        try:
            services.save_narrative(
                force=force,
                section=section,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
                by=request.user,
                now=timezone.now(),
            )
        except StaleVersion as stale:
            form.add_error("text", str(stale))
            return panel(request, narrative_errors={section: form}, status=409)
        messages.success(request, "Narrative saved.")
        return redirect(f"{reverse('panel-report')}?{_query(period)}#section-{section}")
    return panel(request, narrative_errors={section: form}, status=400)


@require_POST
def issue(request):
    _require(can_write_report(request.user))
    force = report_force(request.user)
    period, period_errors = _period(request)
    form = IssueForm(request.POST)
    if period_errors or not form.is_valid():
        return panel(request, issue_form=form, status=400)
    now = timezone.now()
    content = live_content(force, period, now)
    try:
        issued = services.issue_report(
            force=force,
            meeting_date=form.cleaned_data["meeting_date"],
            content=content,
            by=request.user,
            now=now,
        )
    except ValidationError as error:
        apply_service_errors(form, error)
        return panel(request, issue_form=form, status=400)
    messages.success(request, "Report issued. Its figures and narrative are now fixed.")
    return redirect("panel-issued", pk=issued.pk)


# --- issued reports ---------------------------------------------------------------------------


def _issued_for(request, pk) -> IssuedReport:
    force = report_force(request.user)
    return get_object_or_404(IssuedReport.objects.select_related("issued_by"), pk=pk, force=force)


def issued(request, pk, publish_form=None, status=200):
    _require(can_see_report(request.user))
    record = _issued_for(request, pk)
    return render(
        request,
        "dashboards/report/issued.html",
        {
            "record": record,
            "doc": _for_display(record.content, request.user, live=False),
            "can_publish": can_publish_report(request.user) and not record.published,
            "publish_form": publish_form or PublishForm(initial={"version": record.version}),
        },
        status=status,
    )


@require_POST
def publish(request, pk):
    _require(can_publish_report(request.user))
    record = _issued_for(request, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return issued(request, pk, publish_form=form, status=400)
    try:
        services.publish_report(
            report=record, version=form.cleaned_data["version"], by=request.user, now=timezone.now()
        )
    except StaleVersion as stale:
        form.add_error(None, str(stale))
        return issued(request, pk, publish_form=form, status=409)
    messages.success(request, "Report marked for publication, with small numbers suppressed.")
    return redirect("panel-issued", pk=pk)


# --- published reports: the scrutiny panel and the public ------------------------------------


def published_content(record: IssuedReport) -> dict[str, Any]:
    """What the public may read: small numbers suppressed, no links, and any telephone
    number or e-mail address in the narrative redacted (core.redaction)."""
    content = report.suppressed(record.content, settings.PANEL_SUPPRESSION_THRESHOLD)
    for section in content["sections"]:
        section["narrative"] = redact(section.get("narrative", ""), Identity())
    return content


@login_not_required
def published_list(request):
    return render(
        request,
        "dashboards/report/published_list.html",
        {"reports": IssuedReport.objects.published().select_related("force")},
    )


@login_not_required
def published(request, pk):
    record = get_object_or_404(IssuedReport.objects.published().select_related("force"), pk=pk)
    content = published_content(record)
    return render(
        request,
        "dashboards/report/published.html",
        {
            "record": record,
            "doc": add_charts(content),
            "threshold": settings.PANEL_SUPPRESSION_THRESHOLD,
        },
    )


@login_not_required
def published_pdf(request, pk):
    record = get_object_or_404(IssuedReport.objects.published().select_related("force"), pk=pk)
    return _pdf(
        request,
        published_content(record),
        record=record,
        filename=f"panel-report-{record.meeting_date:%Y-%m-%d}.pdf",
    )


# --- PDF and CSV ------------------------------------------------------------------------------


def render_pdf(request, content: dict[str, Any], *, record=None) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string(
        "dashboards/report/pdf.html",
        {"doc": add_charts(content), "record": record, "printed_at": timezone.now()},
        request=request,
    )
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        stylesheets=[CSS(string=PRINT_CSS.read_text())]
    )


def _pdf(request, content, *, record, filename: str) -> HttpResponse:
    response = HttpResponse(
        render_pdf(request, content, record=record), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _log_export(request, what: str, detail: dict[str, Any]) -> None:
    record_access(
        user=request.user,
        action=Action.EXPORT,
        purpose="Accountability and Performance Panel report",
        query=request.GET.urlencode(),
        detail={"export": what, **detail},
        request=request,
    )


def panel_pdf(request):
    _require(can_see_report(request.user))
    force = report_force(request.user, request.GET.get("force"))
    period, errors = _period(request)
    if errors:
        return HttpResponse(f"{errors[0].field}: {errors[0].message}", status=400)
    content = live_content(force, period, timezone.now())
    _log_export(request, "panel report PDF", period.params())
    return _pdf(
        request,
        _for_display(content, request.user, live=False),
        record=None,
        filename=f"panel-report-{period.first:%Y-%m}-to-{period.last:%Y-%m}.pdf",
    )


def issued_pdf(request, pk):
    _require(can_see_report(request.user))
    record = _issued_for(request, pk)
    _log_export(request, "issued panel report PDF", {"report": record.pk})
    return _pdf(
        request,
        record.content,
        record=record,
        filename=f"panel-report-{record.meeting_date:%Y-%m-%d}.pdf",
    )


def csv_rows(content: dict[str, Any]):
    """Every table of the report, one figure a row: section, table, row, column, value."""
    for section in content["sections"]:
        title = section["title"]
        if not section.get("recorded", True):
            yield [title, "", "", "", "not recorded in Desist yet"]
            continue
        for figure in section["headline"]:
            for column, key in (
                ("This period", "value"),
                ("Previous period", "previous"),
                ("Same period a year before", "year_before"),
                ("Last issued report", "last_issued"),
            ):
                if key in figure:
                    yield [title, "Summary", figure["label"], column, figure[key]]
        for table in section["tables"]:
            for label, cells in table["rows"]:
                for column, cell in zip(table["columns"], cells, strict=False):
                    yield [title, table["title"], label, column, cell["value"]]
        for missing in section.get("not_recorded", []):
            yield [title, "Not recorded", missing, "", ""]


CSV_HEADER = ["section", "table", "row", "column", "value"]


def panel_csv(request):
    _require(can_see_report(request.user))
    force = report_force(request.user, request.GET.get("force"))
    period, errors = _period(request)
    if errors:
        return HttpResponse(f"{errors[0].field}: {errors[0].message}", status=400)
    content = live_content(force, period, timezone.now())
    return csv_download(
        request=request,
        export="panel report",
        purpose="Accountability and Performance Panel report",
        filename=f"panel-report-{period.first:%Y-%m}-to-{period.last:%Y-%m}.csv",
        header=CSV_HEADER,
        rows=list(csv_rows(content)),
        detail=period.params(),
    )


def issued_csv(request, pk):
    _require(can_see_report(request.user))
    record = _issued_for(request, pk)
    return csv_download(
        request=request,
        export="issued panel report",
        purpose="Accountability and Performance Panel report",
        filename=f"panel-report-{record.meeting_date:%Y-%m-%d}.csv",
        header=CSV_HEADER,
        rows=list(csv_rows(record.content)),
        detail={"report": record.pk},
    )


# --- the appendices' trackers -----------------------------------------------------------------

TRACKERS = {
    "actions": (StrategyAction, ActionForm, services.save_action, "Managing Offenders actions"),
    "recommendations": (
        Recommendation,
        RecommendationForm,
        services.save_recommendation,
        "HMICFRS recommendations",
    ),
}


def tracker(request, kind, pk=None):
    """The list of a tracker with a form to add an item, or (``pk``) one item's edit form."""
    _require(can_write_report(request.user))
    if kind not in TRACKERS:
        raise Http404("No such tracker.")
    model, form_class, save, title = TRACKERS[kind]
    force = report_force(request.user)
    record = get_object_or_404(model, pk=pk, force=force) if pk else None
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            version = values.pop("version")
            try:
                save(
                    force=force,
                    by=request.user,
                    now=timezone.now(),
                    record=record,
                    version=version,
                    **values,
                )
            except StaleVersion as stale:
                form.add_error(None, str(stale))
                status = 409
            except ValidationError as error:
                apply_service_errors(form, error)
                status = 400
            else:
                messages.success(request, "Saved.")
                return redirect("panel-tracker", kind=kind)
        else:
            status = 400
    elif record is not None:
        form = form_class(
            initial={f: getattr(record, f) for f in form_class.base_fields}
            | {"version": record.version}
        )
    else:
        form = form_class()
    return render(
        request,
        "dashboards/report/tracker.html",
        {
            "kind": kind,
            "title": title,
            "form": form,
            "record": record,
            "items": model.objects.filter(force=force),
        },
        status=status,
    )

"""IOM dashboard pages: the figures, their CSV export and the records behind each figure.

Analysts see the figures without links; the pages behind the figures are for IOM staff and
are logged. Every export is logged with its purpose.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from audit.exports import csv_download
from audit.forms import ExportForm
from audit.models import Action
from audit.services import record_access
from cohorts import figures, rules
from cohorts.access import figures_force_id
from cohorts.permissions import can_manage_iom, can_view_iom_figures
from cohorts.views.iom import iom_staff_required, parse_date, query_without
from core.periods import Period, PeriodError, financial_year_start, last_complete_quarter


def _period(request, from_key: str, to_key: str, default: Period) -> Period:
    """The period a pair of query parameters asks for; raises PeriodError for a bad one."""
    return Period.from_params(request.GET, default=default, from_key=from_key, to_key=to_key)


def dashboard(request):
    """Cohort sizes now and over time, adoptions and removals, deterrence and harm reduction."""
    if not can_view_iom_figures(request.user):
        raise PermissionDenied("The IOM dashboard is for IOM staff, supervisors and analysts.")
    today = timezone.localdate()
    board, errors = _board(request)
    return render(
        request,
        "cohorts/iom/dashboard.html",
        {
            "b": board,
            "period_errors": errors,
            "links": can_manage_iom(request.user),
            "today": today,
            "computed_at": timezone.now(),
            "explain_counts": rules.COHORT_COUNT_EXPLANATION,
            "explain_deterrence": rules.DETERRENCE_RATE_EXPLANATION,
            "explain_harm": rules.HARM_REDUCTION_EXPLANATION,
            "export_form": ExportForm(),
            "export_fields": [(k, v) for k, v in request.GET.items() if k != "purpose"],
        },
        status=400 if errors else 200,
    )


def _board(request) -> tuple[figures.Dashboard, list[PeriodError]]:
    """The dashboard for the dates asked for. A malformed or unbounded period is reported
    (a field error) and replaced by its default, never a slow page."""
    today = timezone.localdate()
    on = min(parse_date(request.GET.get("on")) or today, today)
    since = parse_date(request.GET.get("since"))
    if since is not None and since > on:
        since = None
    errors: list[PeriodError] = []
    chosen = {}
    defaults = {
        "deterrence": last_complete_quarter(on),
        "harm": Period.custom(min(since or financial_year_start(on), on), on),
    }
    for name, default in defaults.items():
        try:
            period = _period(request, f"{name}_from", f"{name}_to", default)
        except PeriodError as error:
            errors.append(error)
            period = default
        chosen[name] = None if period is default else (period.first, period.last)
    board = figures.dashboard(
        figures_force_id(request.user),
        on=on,
        since=since,
        deterrence_period=chosen["deterrence"],
        harm_period=chosen["harm"],
    )
    return board, errors


def dashboard_export(request):
    """The dashboard's figures (aggregates, no names) as CSV; logged with its purpose."""
    if not can_view_iom_figures(request.user):
        raise PermissionDenied("The IOM dashboard is for IOM staff, supervisors and analysts.")
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, "Say why you are exporting the figures: the purpose is recorded.")
        return redirect(f"{reverse('iom-dashboard')}?{query_without(request, 'purpose')}")
    board, _errors = _board(request)
    return csv_download(
        request=request,
        export="iom-dashboard",
        purpose=form.cleaned_data["purpose"],
        query=query_without(request, "purpose"),
        detail={"on": board.on.isoformat()},
        filename=f"iom-figures-{board.on:%Y-%m-%d}.csv",
        header=[
            "figure",
            "from",
            "to",
            "fixed",
            "flexible",
            "free",
            "total",
            "managed_in_community",
            "adoptions",
            "removals",
            "numerator",
            "denominator",
            "percent",
        ],
        rows=_figure_rows(board),
    )


def _figure_rows(board):
    c = board.now
    yield [
        "cohort",
        board.since,
        board.on,
        c.fixed,
        c.flexible,
        c.free,
        c.total,
        c.managed_in_community,
        c.adoptions,
        c.removals,
        "",
        "",
        "",
    ]
    for row in board.months:
        m = row.counts
        yield [
            "month",
            row.start,
            row.end,
            m.fixed,
            m.flexible,
            m.free,
            m.total,
            m.managed_in_community,
            m.adoptions,
            m.removals,
            "",
            "",
            "",
        ]
    periods = [("deterrence_quarter", q.start, q.end, q.rate) for q in board.quarters]
    periods.append(("deterrence", board.deterrence_from, board.deterrence_to, board.deterrence))
    for label, start, end, d in periods:
        yield [label, start, end, *[""] * 8, d.numerator, d.denominator, d.percent]
    h = board.harm
    yield [
        "harm_reduction",
        board.harm_from,
        board.harm_to,
        *[""] * 8,
        h.harm_before - h.harm_after,
        h.harm_before,
        h.percent,
    ]


def _period_or_default(request, default: Period) -> tuple[Period, list[PeriodError]]:
    try:
        return _period(request, "from", "to", default), []
    except PeriodError as error:
        return default, [error]


@iom_staff_required
def deterrence_breakdown(request):
    period, errors = _period_or_default(request, last_complete_quarter(timezone.localdate()))
    rate, rows = figures.deterrence_rows(figures_force_id(request.user), period.first, period.last)
    record_access(
        user=request.user,
        action=Action.VIEW,
        request=request,
        detail={
            "page": "iom-deterrence",
            "from": period.first.isoformat(),
            "to": period.last.isoformat(),
            "rows": len(rows),
        },
    )
    return render(
        request,
        "cohorts/iom/deterrence.html",
        {
            "rate": rate,
            "rows": rows,
            "start": period.first,
            "end": period.last,
            "period_errors": errors,
            "explain": rules.DETERRENCE_RATE_EXPLANATION,
        },
        status=400 if errors else 200,
    )


@iom_staff_required
def harm_breakdown(request):
    today = timezone.localdate()
    period, errors = _period_or_default(request, Period.custom(financial_year_start(today), today))
    result, rows = figures.harm_rows(figures_force_id(request.user), period.first, period.last)
    record_access(
        user=request.user,
        action=Action.VIEW,
        request=request,
        detail={
            "page": "iom-harm",
            "from": period.first.isoformat(),
            "to": period.last.isoformat(),
            "rows": len(rows),
        },
    )
    return render(
        request,
        "cohorts/iom/harm.html",
        {
            "result": result,
            "rows": rows,
            "start": period.first,
            "end": period.last,
            "period_errors": errors,
            "shortened": sum(1 for r, _m in rows if r.shortened),
            "explain": rules.HARM_REDUCTION_EXPLANATION,
        },
        status=400 if errors else 200,
    )

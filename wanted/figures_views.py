"""The wanted and outstanding dashboard: every figure links to the list behind it (for
roles that may open the records; analysts see the numbers only)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from core.periods import Period, PeriodError
from wanted import figures as figures_module
from wanted.access import figures_scope
from wanted.models import OutstandingSuspect, VoluntaryAttendance, WantedCirculation, Warrant
from wanted.permissions import can_view_wanted, can_view_wanted_figures

MONTHS_SHOWN = 12


def compute_for(user, period: Period, today):
    return figures_module.compute(
        circulations=figures_scope(user, WantedCirculation),
        suspects=figures_scope(user, OutstandingSuspect),
        warrants=figures_scope(user, Warrant),
        attendances=figures_scope(user, VoluntaryAttendance),
        period=period,
        today=today,
    )


def figures(request):
    if not can_view_wanted_figures(request.user):
        raise PermissionDenied("The wanted figures are for supervisors and analysts.")
    today = timezone.localdate()
    default = Period.last_months(today, MONTHS_SHOWN)
    errors = []
    try:
        period = Period.from_params(request.GET, default=default)
    except PeriodError as error:
        errors.append(error)
        period = default
    result = compute_for(request.user, period, today)
    return render(
        request,
        "wanted/figures.html",
        {
            "f": result,
            "links": can_view_wanted(request.user),
            "period_errors": errors,
            "computed_at": timezone.now(),
        },
        status=400 if errors else 200,
    )

"""Custody figures for supervisors (DOMAIN.md §12), computed from the records.

Every figure is the count of a list the detentions page can show: ``filter_detentions``
turns the same query parameters into the queryset, so a figure and the list behind its
link always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.urls import reverse

from core.calendar import LONDON, local, london_datetime
from core.periods import Period, PeriodError, month_end, parse_month
from custody.choices import CourtDelayCause, TransferOutcome
from custody.models import (
    ControlMeasure,
    CourtTransport,
    CustodySuite,
    Detention,
    JuvenileTransfer,
    MentalHealthAssessment,
    PoliceProtection,
    S136Detention,
    StripSearch,
    UseOfForce,
)

HAS = {
    "search": StripSearch,
    "force": UseOfForce,
    "control": ControlMeasure,
    "assessment": MentalHealthAssessment,
    "transfer": JuvenileTransfer,
    "protection": PoliceProtection,
    "court_transport": CourtTransport,
}
HAS_LABELS = {
    "search": "with a strip or intimate search",
    "force": "with force used",
    "control": "with a control measure",
    "assessment": "with a mental-health assessment",
    "transfer": "with a s.38(6) transfer requested",
    "transfer_achieved": "transferred to local-authority accommodation",
    "assessment_completed": "with a completed mental-health assessment",
    "bed_found": "where a mental-health bed was found",
    "bed_not_found": "where a mental-health bed was needed and not found",
    "protection": "of a child in police protection (Children Act 1989 s.46)",
    "court_transport": "remanded, with transport to court recorded",
    "court_delay": "remanded, late leaving for court",
    **{
        f"court_delay_{cause.value}": f"late leaving for court: {cause.label.lower()}"
        for cause in CourtDelayCause
    },
}


def start_at(day: dt.date) -> dt.datetime:
    """Midnight London time at the start of ``day``."""
    return london_datetime(day, dt.time(0))


def end_at(day: dt.date) -> dt.datetime:
    """Midnight London time at the end of ``day`` (the start of the next), exclusive."""
    return london_datetime(day + dt.timedelta(days=1), dt.time(0))


def dashboard_period(params, today: dt.date, default_months: int = 6) -> Period:
    """The whole months asked for (``from``/``to`` as YYYY-MM), else the last six months.

    Raises ``PeriodError`` for a malformed month, an end before the start or more than ten
    years."""
    return Period.from_params(
        params, default=Period.last_months(today, default_months), unit="month"
    )


def _month_or_none(value: str | None) -> dt.date | bool | None:
    """A list filter's month; False when it is malformed (the list then shows nothing)."""
    try:
        return parse_month(value, "month")
    except PeriodError:
        return False


def filter_detentions(qs: QuerySet, params, now: dt.datetime) -> QuerySet:
    """Apply the list filters: from, to, month, suite, child, in_custody, golden_hour, has.

    Unknown values select nothing rather than everything, so a bad link never overstates.
    """
    if params.get("month"):
        month = _month_or_none(params.get("month"))
        if not month:
            return qs.none()
        qs = qs.filter(arrived_at__gte=start_at(month), arrived_at__lt=end_at(month_end(month)))
    else:
        first, last = _month_or_none(params.get("from")), _month_or_none(params.get("to"))
        if first is False or last is False:
            return qs.none()
        if first:
            qs = qs.filter(arrived_at__gte=start_at(first))
        if last:
            qs = qs.filter(arrived_at__lt=end_at(month_end(last)))
    if params.get("suite"):
        qs = qs.filter(suite__code=params["suite"])
    if params.get("child") == "1":
        qs = qs.filter(is_child=True)
    if params.get("in_custody") == "1":
        qs = qs.in_custody()
    golden = params.get("golden_hour")
    if golden:
        children = qs.filter(is_child=True, golden_hour_due_at__isnull=False)
        qs = {
            "met": children.filter(golden_hour_call__late=False),
            "late": children.filter(golden_hour_call__late=True),
            # Released before the call was made is a missed call: release does not hide it.
            "missed": children.filter(golden_hour_call__isnull=True).filter(
                Q(golden_hour_due_at__lt=now) | Q(released_at__lte=now)
            ),
            "open": children.filter(
                golden_hour_call__isnull=True, golden_hour_due_at__gte=now
            ).exclude(released_at__lte=now),
        }.get(golden, qs.none())
    has = params.get("has")
    if has:
        qs = _with_record(qs, has)
    return qs


def _with_record(qs: QuerySet, has: str) -> QuerySet:
    if has in HAS:
        return qs.filter(Exists(HAS[has].objects.filter(detention=OuterRef("pk"))))
    if has == "transfer_achieved":
        return qs.filter(
            Exists(
                JuvenileTransfer.objects.filter(
                    detention=OuterRef("pk"), outcome=TransferOutcome.TRANSFER_ACHIEVED
                )
            )
        )
    if has == "court_delay" or has.startswith("court_delay_"):
        delays = CourtTransport.objects.filter(detention=OuterRef("pk")).exclude(delay_cause="")
        cause = has.removeprefix("court_delay").removeprefix("_")
        if cause and cause not in CourtDelayCause.values:
            return qs.none()
        return qs.filter(Exists(delays.filter(delay_cause=cause) if cause else delays))
    assessments = MentalHealthAssessment.objects.filter(detention=OuterRef("pk"))
    if has == "assessment_completed":
        return qs.filter(Exists(assessments.filter(completed_at__isnull=False)))
    if has == "bed_found":
        return qs.filter(Exists(assessments.filter(bed_found=True)))
    if has == "bed_not_found":
        return qs.filter(Exists(assessments.filter(bed_needed=True, bed_found=False)))
    return qs.none()


def filter_s136(qs: QuerySet, params) -> QuerySet:
    first, last = _month_or_none(params.get("from")), _month_or_none(params.get("to"))
    if first is False or last is False:
        return qs.none()
    if first:
        qs = qs.filter(started_at__gte=start_at(first))
    if last:
        qs = qs.filter(started_at__lt=end_at(month_end(last)))
    if params.get("place"):
        qs = qs.filter(place=params["place"])
    if params.get("child") == "1":
        qs = qs.filter(is_child=True)
    return qs


@dataclass
class Figure:
    label: str
    value: int | str
    url: str = ""


@dataclass
class Figures:
    period: Period
    suites: list[CustodySuite]
    months: list[dict] = field(default_factory=list)  # {month, cells: [Figure per suite], total}
    sections: list[tuple[str, list[Figure]]] = field(default_factory=list)
    children_hours: list[tuple[Detention, float]] = field(default_factory=list)


def _link(name: str, **params) -> str:
    query = {key: value for key, value in params.items() if value not in (None, "")}
    return f"{reverse(name)}?{urlencode(query)}"


def custody_figures(detentions: QuerySet, s136: QuerySet, suites, period: Period, now) -> Figures:
    """The supervisor's custody figures for ``period`` from the user's visible records."""
    in_period = detentions.filter(
        arrived_at__gte=start_at(period.first), arrived_at__lt=end_at(period.last)
    )
    figures = Figures(period=period, suites=list(suites))
    base = period.params("month")

    counts = {
        (row["suite__code"], local(row["month"]).date()): row["n"]
        for row in in_period.annotate(month=TruncMonth("arrived_at", tzinfo=LONDON))
        .values("suite__code", "month")
        .annotate(n=Count("pk"))
    }
    for month in period.month_starts():
        cells = [
            Figure(
                suite.name,
                counts.get((suite.code, month), 0),
                _link("custody-detentions", month=f"{month:%Y-%m}", suite=suite.code),
            )
            for suite in figures.suites
        ]
        figures.months.append(
            {
                "month": month,
                "cells": cells,
                "total": Figure(
                    "All suites",
                    sum(c.value for c in cells),
                    _link("custody-detentions", month=f"{month:%Y-%m}"),
                ),
            }
        )

    def count(label: str, **params) -> Figure:
        query = {**base, **params}
        return Figure(
            label,
            filter_detentions(detentions, query, now).count(),
            _link("custody-detentions", **query),
        )

    children = list(in_period.children().select_related("offender", "suite").order_by("arrived_at"))
    hours = [(child, child.time_in_custody(now).total_seconds() / 3600) for child in children]
    figures.children_hours = hours
    average = sum(h for _, h in hours) / len(hours) if hours else 0
    longest = max((h for _, h in hours), default=0)
    figures.sections.append(
        (
            "Children detained",
            [
                count("Children detained", child="1"),
                Figure(
                    "Average time in custody (hours)",
                    f"{average:.1f}",
                    _link("custody-detentions", child="1", **base),
                ),
                Figure(
                    "Longest time in custody (hours)",
                    f"{longest:.1f}",
                    _link("custody-detentions", child="1", **base),
                ),
                count("Children still in custody", child="1", in_custody="1"),
            ],
        )
    )
    figures.sections.append(
        (
            "Golden Hour calls",
            [
                count("Met (called within the hour)", golden_hour="met"),
                count("Late (called after the hour)", golden_hour="late"),
                count("Missed (no call within the hour or before release)", golden_hour="missed"),
                count("Open (hour still running, child in custody)", golden_hour="open"),
            ],
        )
    )
    s136_in_period = filter_s136(s136, base)
    figures.sections.append(
        (
            "Mental Health Act s.136",
            [
                Figure("s.136 detentions", s136_in_period.count(), _link("custody-s136", **base)),
                Figure(
                    "Police station used as the place of safety",
                    s136_in_period.filter(place="police_station").count(),
                    _link("custody-s136", place="police_station", **base),
                ),
                Figure(
                    "Children taken to a police station (must be none)",
                    s136_in_period.filter(place="police_station", is_child=True).count(),
                    _link("custody-s136", place="police_station", child="1", **base),
                ),
            ],
        )
    )
    figures.sections.append(
        (
            "Searches, force and control measures",
            [
                count("Detentions " + HAS_LABELS["search"], has="search"),
                count("Detentions " + HAS_LABELS["force"], has="force"),
                count("Detentions " + HAS_LABELS["control"], has="control"),
            ],
        )
    )
    figures.sections.append(
        (
            "Mental-health assessments in custody",
            [
                count("Detentions " + HAS_LABELS["assessment"], has="assessment"),
                count(
                    "Detentions " + HAS_LABELS["assessment_completed"], has="assessment_completed"
                ),
                count("Detentions " + HAS_LABELS["bed_found"], has="bed_found"),
                count("Detentions " + HAS_LABELS["bed_not_found"], has="bed_not_found"),
            ],
        )
    )
    figures.sections.append(
        (
            "Children charged and refused bail: PACE s.38(6)",
            [
                count("Transfers to local-authority accommodation requested", has="transfer"),
                count("Transfers achieved", has="transfer_achieved"),
            ],
        )
    )
    figures.sections.append(
        (
            "Children Act 1989 s.46 police protection",
            [count("Children in police protection brought to custody", has="protection")],
        )
    )
    figures.sections.append(
        (
            "Remanded: transport to court",
            [
                count("Transport to court recorded", has="court_transport"),
                count("Late leaving for court", has="court_delay"),
                *(
                    count(f"Late: {cause.label.lower()}", has=f"court_delay_{cause.value}")
                    for cause in CourtDelayCause
                ),
            ],
        )
    )
    return figures


def describe_filters(params) -> str:
    """Plain words for a list's filters, for its heading."""
    parts = []
    if params.get("month"):
        parts.append(f"arrived in {params['month']}")
    elif params.get("from") or params.get("to"):
        parts.append(f"arrived {params.get('from', '…')} to {params.get('to', '…')}")
    if params.get("suite"):
        parts.append(f"at {params['suite']}")
    if params.get("child") == "1":
        parts.append("children")
    if params.get("in_custody") == "1":
        parts.append("still in custody")
    if params.get("golden_hour"):
        parts.append(f"Golden Hour {params['golden_hour']}")
    if params.get("has"):
        parts.append(HAS_LABELS.get(params["has"], params["has"]))
    return ", ".join(parts)


# --- The Accountability and Performance Panel report's custody section ---------------------

NOT_RECORDED: tuple[str, ...] = ()


def panel_figures(force_id, period: Period):
    """The ``custody`` section (``core.extensions.panel_sections``) for one force and a period
    of whole months: the same figures and links as the custody dashboard."""
    from django.utils import timezone

    from core.extensions import PanelFigure, PanelFigures, PanelTable

    now = timezone.now()
    suites = CustodySuite.objects.filter(force_id=force_id, active=True).order_by("name")
    figures = custody_figures(
        Detention.objects.filter(force_id=force_id),
        S136Detention.objects.filter(force_id=force_id),
        suites,
        period,
        now,
    )
    base = period.params("month")
    throughput = tuple(
        (
            f"{row['month']:%b %Y}",
            tuple(PanelFigure(c.label, c.value, c.url) for c in [*row["cells"], row["total"]]),
        )
        for row in figures.months
    )
    detentions = Detention.objects.filter(force_id=force_id)
    by_suite = []
    for suite in figures.suites:
        query = {**base, "suite": suite.code}
        by_suite.append(
            (
                suite.name,
                tuple(
                    PanelFigure(
                        label,
                        filter_detentions(detentions, {**query, **extra}, now).count(),
                        _link("custody-detentions", **query, **extra),
                    )
                    for label, extra in (
                        ("Detentions", {}),
                        ("Children", {"child": "1"}),
                        ("Mental-health assessments", {"has": "assessment"}),
                    )
                ),
            )
        )
    children = tuple(
        (
            f"{month:%b %Y}",
            (
                PanelFigure(
                    "Children detained",
                    filter_detentions(
                        detentions, {"month": f"{month:%Y-%m}", "child": "1"}, now
                    ).count(),
                    _link("custody-detentions", month=f"{month:%Y-%m}", child="1"),
                ),
            ),
        )
        for month in period.month_starts()
    )
    headline = [
        PanelFigure(
            "Detentions",
            sum(row["total"].value for row in figures.months),
            _link("custody-detentions", **base),
        )
    ]
    for _title, items in figures.sections:
        headline += [PanelFigure(f.label, f.value, f.url) for f in items]
    return PanelFigures(
        headline=tuple(headline),
        tables=(
            PanelTable(
                "throughput",
                "Detentions per month per Police Investigation Centre",
                (*(s.name for s in figures.suites), "All suites"),
                throughput,
                chart="line",
            ),
            PanelTable(
                "by_suite",
                "Detentions, children and mental-health assessments per Police Investigation "
                "Centre",
                ("Detentions", "Children", "Mental-health assessments"),
                tuple(by_suite),
                chart="bar",
            ),
            PanelTable(
                "children",
                "Children detained per month",
                ("Children detained",),
                children,
                chart="bar",
            ),
        ),
        not_recorded=NOT_RECORDED,
    )

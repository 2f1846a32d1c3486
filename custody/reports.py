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

from core.calendar import LONDON, add_months, local, london_datetime
from custody.choices import TransferOutcome
from custody.models import (
    ControlMeasure,
    CustodySuite,
    Detention,
    JuvenileTransfer,
    MentalHealthAssessment,
    StripSearch,
    UseOfForce,
)

HAS = {
    "search": StripSearch,
    "force": UseOfForce,
    "control": ControlMeasure,
    "assessment": MentalHealthAssessment,
    "transfer": JuvenileTransfer,
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
}


@dataclass(frozen=True)
class Period:
    """Whole London calendar months, ``first`` to ``last`` inclusive."""

    first: dt.date
    last: dt.date

    @property
    def start(self) -> dt.datetime:
        return london_datetime(self.first, dt.time(0))

    @property
    def end(self) -> dt.datetime:
        return london_datetime(add_months(self.last, 1), dt.time(0))

    def months(self) -> list[dt.date]:
        months, cursor = [], self.first
        while cursor <= self.last:
            months.append(cursor)
            cursor = add_months(cursor, 1)
        return months

    def params(self) -> dict[str, str]:
        return {"from": f"{self.first:%Y-%m}", "to": f"{self.last:%Y-%m}"}


def parse_month(value: str | None) -> dt.date | None:
    year, _, month = (value or "").partition("-")
    try:
        return dt.date(int(year), int(month), 1) if len(year) == 4 and len(month) == 2 else None
    except ValueError:
        return None


def period_from(params, today: dt.date, default_months: int = 6) -> Period:
    """The period asked for (``from``/``to`` as YYYY-MM), else the last six months."""
    this_month = today.replace(day=1)
    first = parse_month(params.get("from")) or add_months(this_month, 1 - default_months)
    last = parse_month(params.get("to")) or this_month
    if last < first:
        first, last = last, first
    return Period(first, last)


def filter_detentions(qs: QuerySet, params, now: dt.datetime) -> QuerySet:
    """Apply the list filters: from, to, month, suite, child, in_custody, golden_hour, has.

    Unknown values select nothing rather than everything, so a bad link never overstates.
    """
    if params.get("month"):
        month = parse_month(params.get("month"))
        if month is None:
            return qs.none()
        qs = qs.filter(
            arrived_at__gte=Period(month, month).start, arrived_at__lt=Period(month, month).end
        )
    else:
        first, last = parse_month(params.get("from")), parse_month(params.get("to"))
        if first:
            qs = qs.filter(arrived_at__gte=Period(first, first).start)
        if last:
            qs = qs.filter(arrived_at__lt=Period(last, last).end)
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
    assessments = MentalHealthAssessment.objects.filter(detention=OuterRef("pk"))
    if has == "assessment_completed":
        return qs.filter(Exists(assessments.filter(completed_at__isnull=False)))
    if has == "bed_found":
        return qs.filter(Exists(assessments.filter(bed_found=True)))
    if has == "bed_not_found":
        return qs.filter(Exists(assessments.filter(bed_needed=True, bed_found=False)))
    return qs.none()


def filter_s136(qs: QuerySet, params) -> QuerySet:
    first, last = parse_month(params.get("from")), parse_month(params.get("to"))
    if first:
        qs = qs.filter(started_at__gte=Period(first, first).start)
    if last:
        qs = qs.filter(started_at__lt=Period(last, last).end)
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
    in_period = detentions.filter(arrived_at__gte=period.start, arrived_at__lt=period.end)
    figures = Figures(period=period, suites=list(suites))
    base = period.params()

    counts = {
        (row["suite__code"], local(row["month"]).date()): row["n"]
        for row in in_period.annotate(month=TruncMonth("arrived_at", tzinfo=LONDON))
        .values("suite__code", "month")
        .annotate(n=Count("pk"))
    }
    for month in period.months():
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

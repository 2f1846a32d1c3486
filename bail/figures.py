"""Read-only figures for the supervisor view and the summary API, computed from the records.

Definitions (each figure on the page says the same):

* bail opened in a month: cases whose bail started (bail start date) in it;
  RUI opened: cases released under investigation (``rui_since``) in it, including bail
  continued as RUI.
* bail closed: bail that ended in the month, by an outcome, by continuing as RUI, or by
  lapsing (the day after the period ended); RUI closed: RUI ended with an outcome.
* length of bail: bail start date to the day it ended, or to today if still on bail;
  length of RUI: ``rui_since`` to the outcome, or to today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from statistics import median

from django.db.models import Count
from django.db.models.functions import TruncMonth

from bail.choices import CaseStatus
from bail.models import BailEnd, LapseAssessment
from core.periods import Period


def _month_counts(qs, date_field: str) -> dict[dt.date, int]:
    rows = (
        qs.annotate(month=TruncMonth(date_field))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return {(m.date() if isinstance(m, dt.datetime) else m): n for m, n in rows}


def per_month(cases, period: Period) -> list[dict]:
    """Opened and closed per month of ``period``, split bail / RUI. ``cases`` is the scope."""
    first, last = period.first, period.last
    ends = BailEnd.objects.filter(case__in=cases, ended_on__gte=first, ended_on__lte=last)
    bail_opened = _month_counts(
        cases.filter(bail_start_date__gte=first, bail_start_date__lte=last), "bail_start_date"
    )
    rui_opened = _month_counts(cases.filter(rui_since__gte=first, rui_since__lte=last), "rui_since")
    bail_ended = _month_counts(ends.filter(from_status=CaseStatus.BAIL), "ended_on")
    lapsed = _month_counts(cases.filter(lapsed_on__gte=first, lapsed_on__lte=last), "lapsed_on")
    rui_ended = _month_counts(ends.filter(from_status=CaseStatus.RUI), "ended_on")
    return [
        {
            "month": month,
            "bail": {
                "opened": bail_opened.get(month, 0),
                "closed": bail_ended.get(month, 0) + lapsed.get(month, 0),
            },
            "rui": {"opened": rui_opened.get(month, 0), "closed": rui_ended.get(month, 0)},
        }
        for month in period.month_starts()
    ]


@dataclass
class Lengths:
    """Lengths in days of a group's bail or RUI periods."""

    key: object
    label: str
    days: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.days)

    @property
    def median(self) -> float:
        return median(self.days) if self.days else 0

    @property
    def longest(self) -> int:
        return max(self.days, default=0)


def lengths(cases, today: dt.date) -> dict[str, dict[str, list[Lengths]]]:
    """Length of bail and of RUI, by offence type and by district. Two queries."""
    rows = list(
        cases.values(
            "pk",
            "bail_start_date",
            "lapsed_on",
            "rui_since",
            "status",
            "ended_on",
            "offence_type_id",
            "offence_type__name",
            "district_id",
            "district__name",
            "district__report_name",
        )
    )
    bail_ends: dict[int, dt.date] = {}
    for case_id, ended_on in BailEnd.objects.filter(
        case__in=cases, from_status=CaseStatus.BAIL
    ).values_list("case_id", "ended_on"):
        bail_ends.setdefault(case_id, ended_on)

    groups: dict[str, dict[str, dict[object, Lengths]]] = {
        kind: {"offence_type": {}, "district": {}} for kind in ("bail", "rui")
    }

    def add(kind: str, row: dict, days: int) -> None:
        offence = groups[kind]["offence_type"].setdefault(
            row["offence_type_id"],
            Lengths(
                row["offence_type_id"], row["offence_type__name"] or "Offence type not recorded"
            ),
        )
        offence.days.append(days)
        name = row["district__report_name"] or row["district__name"] or "District not recorded"
        district = groups[kind]["district"].setdefault(
            row["district_id"], Lengths(row["district_id"], name)
        )
        district.days.append(days)

    for row in rows:
        if row["bail_start_date"] is not None:
            if row["pk"] in bail_ends:
                end = bail_ends[row["pk"]]
            elif row["lapsed_on"] is not None:
                end = row["lapsed_on"] - dt.timedelta(days=1)
            else:
                end = today
            add("bail", row, (end - row["bail_start_date"]).days + 1)
        if row["rui_since"] is not None:
            end = row["ended_on"] if row["status"] == CaseStatus.ENDED else today
            add("rui", row, max((end - row["rui_since"]).days + 1, 1))

    return {
        kind: {
            split: sorted(values.values(), key=lambda group: group.label)
            for split, values in by.items()
        }
        for kind, by in groups.items()
    }


def lapse_resolutions(cases, today: dt.date) -> dict[str, int]:
    """Lapses and how they were resolved: still awaiting assessment, continued as RUI,
    closed with an outcome."""
    assessed = dict(
        LapseAssessment.objects.filter(case__in=cases)
        .values("decision")
        .annotate(n=Count("pk"))
        .values_list("decision", "n")
    )
    return {
        "awaiting": cases.lapsed(today).count(),
        "continue_rui": assessed.get("continue_rui", 0),
        "close": assessed.get("close", 0),
    }


def current_counts(cases, today: dt.date) -> dict[str, int]:
    return {
        "bail": cases.on_bail(today).count(),
        "rui": cases.on_rui().count(),
        "lapsed": cases.lapsed(today).count(),
    }


# --- The Accountability and Performance Panel report ------------------------------------------


def panel_figures(force_id, period: Period):
    """The ``bail_and_rui`` section: numbers on each now, opened and closed per month of
    ``period``, length by offence type and district, lapses; the links are the supervisor
    view's (``bail-cases`` filters)."""
    from django.utils import timezone

    from bail.models import BailCase
    from core.extensions import PanelFigure, PanelFigures, PanelTable, list_url

    today = timezone.localdate()
    cases = BailCase.objects.filter(force_id=force_id)
    now = current_counts(cases, today)
    months = per_month(cases, period)
    lapses = lapse_resolutions(cases, today)
    trend = []
    for row in months:
        m = f"{row['month']:%Y-%m}"
        trend.append(
            (
                f"{row['month']:%b %Y}",
                (
                    PanelFigure(
                        "Bail opened", row["bail"]["opened"], list_url("bail-cases", bail_opened=m)
                    ),
                    PanelFigure(
                        "Bail closed", row["bail"]["closed"], list_url("bail-cases", bail_closed=m)
                    ),
                    PanelFigure(
                        "RUI opened", row["rui"]["opened"], list_url("bail-cases", rui_opened=m)
                    ),
                    PanelFigure(
                        "RUI closed", row["rui"]["closed"], list_url("bail-cases", rui_closed=m)
                    ),
                ),
            )
        )
    length_tables = []
    groups = lengths(cases, today)
    for split, title in (("offence_type", "offence type"), ("district", "district")):
        rows = []
        for kind in ("bail", "rui"):
            for group in groups[kind][split]:
                key = "none" if group.key is None else str(group.key)
                rows.append(
                    (
                        f"{'Bail' if kind == 'bail' else 'RUI'}: {group.label}",
                        (
                            PanelFigure(
                                "Cases",
                                group.count,
                                list_url("bail-cases", had=kind, **{split: key}),
                            ),
                            PanelFigure("Median days", group.median, ""),
                            PanelFigure("Longest days", group.longest, ""),
                        ),
                    )
                )
        length_tables.append(
            PanelTable(
                f"length_by_{split}",
                f"Length of bail and RUI by {title} (every case, to date)",
                ("Cases", "Median days", "Longest days"),
                tuple(rows),
            )
        )
    return PanelFigures(
        headline=(
            PanelFigure(
                "On pre-charge bail now",
                now["bail"],
                list_url("bail-cases", state="bail"),
                compare=False,
            ),
            PanelFigure(
                "Released under investigation now",
                now["rui"],
                list_url("bail-cases", state="rui"),
                compare=False,
            ),
            PanelFigure("Bail opened in the period", sum(r["bail"]["opened"] for r in months), ""),
            PanelFigure("RUI opened in the period", sum(r["rui"]["opened"] for r in months), ""),
            PanelFigure(
                "Lapsed bail awaiting assessment",
                lapses["awaiting"],
                list_url("bail-cases", state="lapsed"),
                compare=False,
            ),
            PanelFigure(
                "Lapses continued as RUI",
                lapses["continue_rui"],
                list_url("bail-cases", lapse="continue_rui"),
                compare=False,
            ),
            PanelFigure(
                "Lapses closed with an outcome",
                lapses["close"],
                list_url("bail-cases", lapse="close"),
                compare=False,
            ),
        ),
        tables=(
            PanelTable(
                "trend",
                "Bail and RUI opened and closed per month",
                ("Bail opened", "Bail closed", "RUI opened", "RUI closed"),
                tuple(trend),
                chart="line",
            ),
            *length_tables,
        ),
    )

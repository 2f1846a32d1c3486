"""The Accountability and Performance Panel report: its sections from live data, compared
with the previous period, the same period a year before and the last issued report.

Each domain app registers its sections in ``core.extensions.panel_sections``; this module
only orders them, calls them and shapes the result as plain JSON (the same shape is frozen
in ``IssuedReport.content``, so a live and an issued report render through one template).

Periods are whole months (every drill-down list filters by month): ``from``/``to`` as
``YYYY-MM`` (or an ISO date, whose month is taken). The default is the last complete quarter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.timezone import localtime

from core.calendar import add_months
from core.extensions import PanelSection, panel_sections
from core.periods import Period, last_complete_quarter, month_start, quarter_start

# The report's sections in the order API.md "Reports" names them; an app may register others.
REPORT_SECTIONS: tuple[tuple[str, str, int], ...] = (
    ("custody", "Custody", 10),
    ("out_of_court_disposals", "Out-of-court disposals", 20),
    ("bail_and_rui", "Bail and released under investigation", 30),
    ("restorative_justice", "Restorative justice", 40),
    ("domestic_abuse", "Domestic abuse: the DAPU programme, DVPN/DVPO and DAPN/DAPO", 50),
    ("public_protection", "MAPPA and the Public Protection Unit", 60),
    ("wanted_and_outstanding", "Wanted persons and outstanding suspects", 70),
    ("iom", "Integrated Offender Management", 80),
    ("partners", "Partners and pathways", 90),
)

NOT_REGISTERED = "Not recorded in Desist yet: no part of Desist provides this section's figures."


# --- periods ------------------------------------------------------------------------------


def _as_month(value: str | None) -> str:
    text = (value or "").strip()
    return text[:7] if len(text) == 10 and text[7] == "-" else text


def report_period(params: Mapping[str, str], today: dt.date) -> Period:
    """Whole months from ``from``/``to``; raises ``PeriodError`` naming the bad field."""
    default = last_complete_quarter(today)
    months = {"from": _as_month(params.get("from")), "to": _as_month(params.get("to"))}
    period = Period.from_params(months, default=default, unit="month")
    if (
        period.first == quarter_start(period.first)
        and period.last == Period.quarter(period.first).last
    ):
        return Period.quarter(period.first)
    if period.first == month_start(period.last):
        return Period.month(period.first)
    return period


def _month_count(period: Period) -> int:
    return len(period.month_starts())


def previous_period(period: Period) -> Period:
    """The same number of whole months just before."""
    n = _month_count(period)
    return Period(add_months(period.first, -n), period.first - dt.timedelta(days=1), period.kind)


def year_before(period: Period) -> Period:
    """The same months a year earlier."""
    last = Period.month(add_months(month_start(period.last), -12)).last
    return Period(add_months(period.first, -12), last, period.kind)


def _period_json(period: Period) -> dict[str, str]:
    return {"from": period.first.isoformat(), "to": period.last.isoformat(), "label": period.label}


# --- sections -----------------------------------------------------------------------------


def ordered_sections() -> list[tuple[str, str, int, PanelSection | None]]:
    """(key, title, order, registered section or None) for every section the report has."""
    registered = dict(panel_sections.items())
    rows: list[tuple[str, str, int, PanelSection | None]] = []
    for key, title, order in REPORT_SECTIONS:
        entry = registered.pop(key, None)
        rows.append((key, entry.title if entry else title, entry.order if entry else order, entry))
    rows += [(key, e.title, e.order, e) for key, e in registered.items()]
    return sorted(rows, key=lambda row: row[2])


def _figures(entry: PanelSection, force_id, period: Period) -> dict[str, Any]:
    return dataclasses.asdict(entry.figures(force_id, period))


def build(force, period: Period, *, now: dt.datetime) -> dict[str, Any]:
    """The live report for ``force``: every section, each headline figure with its value in
    the previous period and a year before. Plain JSON."""
    previous, year = previous_period(period), year_before(period)
    sections = []
    for key, title, _order, entry in ordered_sections():
        if entry is None:
            sections.append(
                {
                    "key": key,
                    "title": title,
                    "recorded": False,
                    "headline": [],
                    "tables": [],
                    "not_recorded": [NOT_REGISTERED],
                }
            )
            continue
        figures = _figures(entry, force.pk, period)
        before = _figures(entry, force.pk, previous)["headline"]
        last_year = _figures(entry, force.pk, year)["headline"]
        for index, figure in enumerate(figures["headline"]):
            if not figure["compare"]:
                figure["previous"] = figure["year_before"] = ""
                continue
            figure["previous"] = before[index]["value"] if index < len(before) else None
            figure["year_before"] = last_year[index]["value"] if index < len(last_year) else None
        sections.append({"key": key, "title": title, "recorded": True, **figures})
    return {
        "force": {"code": force.code, "name": force.name},
        "period": _period_json(period),
        "previous": _period_json(previous),
        "year_before": _period_json(year),
        "computed_at": now.isoformat(),
        "computed_label": f"{localtime(now):%-d %B %Y %H:%M}",
        "sections": sections,
    }


def with_last_issued(report: dict[str, Any], last: dict[str, Any] | None) -> dict[str, Any]:
    """Add to each headline figure its value in the last issued report (``last_issued``)
    and the change since, so the next report shows what changed since the last meeting."""
    by_key = {s["key"]: s for s in (last or {}).get("sections", [])}
    for section in report["sections"]:
        old = by_key.get(section["key"], {}).get("headline", [])
        old_by_label = {f["label"]: f["value"] for f in old}
        same_shape = len(old) == len(section["headline"])
        for index, figure in enumerate(section["headline"]):
            # By label; a label that names a date (IOM's "since 1 April") by position, when
            # the issued report had the same figures (a newer Desist may have added some).
            if figure["label"] in old_by_label:
                before = old_by_label[figure["label"]]
            else:
                before = old[index]["value"] if same_shape else None
            figure["last_issued"] = before
            figure["change"] = (
                figure["value"] - before
                if isinstance(before, int | float) and isinstance(figure["value"], int | float)
                else None
            )
    return report


def section(report: dict[str, Any], key: str) -> dict[str, Any] | None:
    return next((s for s in report["sections"] if s["key"] == key), None)


# --- small-number suppression (published reports) -----------------------------------------


WITHHELD = "withheld"


def suppress_value(value: Any, threshold: int) -> Any:
    """A whole count from 1 to ``threshold - 1`` becomes ``"fewer than N"``; nothing else
    changes (0 identifies nobody; averages and rates are not counts of people)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    return f"fewer than {threshold}" if 0 < value < threshold else value


def suppressed(content: dict[str, Any], threshold: int) -> dict[str, Any]:
    """A copy of a report's content with small numbers suppressed and links removed; a row's
    total is withheld when a cell of the row is suppressed."""
    import copy

    result = copy.deepcopy(content)

    def clean(figure: dict[str, Any]) -> None:
        figure["url"] = ""
        for field in ("value", "previous", "year_before", "last_issued"):
            if field in figure:
                figure[field] = suppress_value(figure[field], threshold)
        if "change" in figure:
            figure["change"] = None

    for part in result.get("sections", []):
        for figure in part.get("headline", []):
            clean(figure)
        for table in part.get("tables", []):
            totals = [
                index
                for index, column in enumerate(table["columns"])
                if column in ("Total", "All") or column.startswith("All ")
            ]
            for _label, cells in table["rows"]:
                for figure in cells:
                    clean(figure)
                # A row total would give a suppressed cell away (total minus the others).
                hidden = any(
                    isinstance(f["value"], str) and f["value"].startswith("fewer than")
                    for index, f in enumerate(cells)
                    if index not in totals
                )
                for index in totals:
                    if hidden and index < len(cells):
                        cells[index]["value"] = WITHHELD
    return result

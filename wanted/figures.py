"""The wanted and outstanding figures for the panel report and the dashboard: numbers
circulated and arrested in a period, open cases by age band and district, reviews overdue,
voluntary attenders by month and outcome.

Each figure carries the list filters that show the records behind it, so the page links
every number to its rows (and the tests check that the rows add up).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from core.periods import Period, month_start
from wanted import rules
from wanted.choices import AgeBand, AttendanceOutcome, WantedOutcome


@dataclass
class Figures:
    period: Period
    today: dt.date
    circulated: int = 0
    arrested: int = 0
    open_total: int = 0
    # (district name or "No district", band) -> count, open wanted only
    by_band_and_district: dict[tuple[int | None, str], int] = field(default_factory=dict)
    districts: list[tuple[int | None, str]] = field(default_factory=list)
    reviews_overdue: dict[str, int] = field(default_factory=dict)
    open_suspects: int = 0
    open_warrants: int = 0
    # (month start, outcome or "" for awaiting) -> count
    attenders: dict[tuple[dt.date, str], int] = field(default_factory=dict)

    @property
    def bands(self) -> list[AgeBand]:
        return list(AgeBand)

    def band_rows(self) -> list[dict]:
        """One row per district: its counts per band and its total."""
        rows = []
        for district_id, name in self.districts:
            counts = [self.by_band_and_district.get((district_id, b.value), 0) for b in AgeBand]
            rows.append({"id": district_id, "name": name, "counts": counts, "total": sum(counts)})
        return rows

    def band_totals(self) -> list[int]:
        return [
            sum(v for (d, b), v in self.by_band_and_district.items() if b == band.value)
            for band in AgeBand
        ]

    @property
    def attender_outcomes(self) -> list[tuple[str, str]]:
        return [*AttendanceOutcome.choices, ("", "Awaiting an outcome")]

    def attender_rows(self) -> list[dict]:
        rows = []
        for first in self.period.month_starts():
            counts = [self.attenders.get((first, value), 0) for value, _ in self.attender_outcomes]
            rows.append({"month": first, "counts": counts, "total": sum(counts)})
        return rows


def compute(*, circulations, suspects, warrants, attendances, period: Period, today: dt.date):
    """The figures for ``period`` (flows) and ``today`` (stocks); querysets are already
    scoped to the user's force (``wanted.access.figures_scope``)."""
    result = Figures(period=period, today=today)
    result.circulated = circulations.filter(
        circulated_on__gte=period.first, circulated_on__lte=period.last
    ).count()
    result.arrested = circulations.filter(
        outcome=WantedOutcome.ARRESTED, ended_on__gte=period.first, ended_on__lte=period.last
    ).count()
    open_wanted = list(
        circulations.open().values_list(
            "circulated_on", "district_id", "district__report_name", "district__name"
        )
    )
    result.open_total = len(open_wanted)
    counts: Counter = Counter()
    names: dict[int | None, str] = {}
    for circulated_on, district_id, report_name, name in open_wanted:
        band = rules.age_band(rules.age_in_days(circulated_on, today))
        counts[(district_id, band.value)] += 1
        names[district_id] = report_name or name or "No district recorded"
    result.by_band_and_district = dict(counts)
    result.districts = sorted(names.items(), key=lambda item: (item[0] is None, item[1]))
    result.reviews_overdue = {
        "wanted": circulations.review_overdue(today).count(),
        "suspect": suspects.review_overdue(today).count(),
        "warrant": warrants.review_overdue(today).count(),
    }
    result.open_suspects = suspects.open().count()
    result.open_warrants = warrants.open().count()
    attended: Counter = Counter()
    for interviewed_on, outcome in attendances.filter(
        interviewed_on__gte=period.first, interviewed_on__lte=period.last
    ).values_list("interviewed_on", "outcome"):
        attended[(month_start(interviewed_on), outcome)] += 1
    result.attenders = dict(attended)
    return result


# --- The Accountability and Performance Panel report ------------------------------------------


def panel_figures(force_id, period: Period):
    """The ``wanted_and_outstanding`` section: circulated and arrested in the period, open
    wanted by district, outstanding suspects, reviews overdue, voluntary attenders per month.
    The links are the wanted dashboard's."""
    from django.utils import timezone

    from core.extensions import PanelFigure, PanelFigures, PanelTable, list_url
    from wanted.models import OutstandingSuspect, VoluntaryAttendance, WantedCirculation, Warrant

    today = timezone.localdate()
    f = compute(
        circulations=WantedCirculation.objects.filter(force_id=force_id),
        suspects=OutstandingSuspect.objects.filter(force_id=force_id),
        warrants=Warrant.objects.filter(force_id=force_id),
        attendances=VoluntaryAttendance.objects.filter(force_id=force_id),
        period=period,
        today=today,
    )
    first, last = period.first.isoformat(), period.last.isoformat()
    band_labels = [band.label for band in f.bands]
    district_rows = tuple(
        (
            row["name"],
            (
                *(
                    PanelFigure(
                        label,
                        count,
                        list_url("wanted-home", district=row["id"], band=band.value)
                        if row["id"] is not None
                        else "",
                    )
                    for label, band, count in zip(band_labels, f.bands, row["counts"], strict=True)
                ),
                PanelFigure(
                    "Total",
                    row["total"],
                    list_url("wanted-home", district=row["id"]) if row["id"] is not None else "",
                ),
            ),
        )
        for row in f.band_rows()
    )
    attender_rows = tuple(
        (
            f"{row['month']:%b %Y}",
            (
                *(
                    PanelFigure(
                        label,
                        count,
                        list_url(
                            "wanted-attenders",
                            month=f"{row['month']:%Y-%m}",
                            outcome=value or "awaiting",
                        ),
                    )
                    for (value, label), count in zip(
                        f.attender_outcomes, row["counts"], strict=True
                    )
                ),
                PanelFigure(
                    "All", row["total"], list_url("wanted-attenders", month=f"{row['month']:%Y-%m}")
                ),
            ),
        )
        for row in f.attender_rows()
    )
    return PanelFigures(
        headline=(
            PanelFigure(
                "Wanted persons circulated",
                f.circulated,
                list_url("wanted-home", opened_from=first, opened_to=last),
            ),
            PanelFigure(
                "Wanted persons arrested",
                f.arrested,
                list_url("wanted-home", ended_from=first, ended_to=last, outcome="arrested"),
            ),
            PanelFigure(
                "Wanted persons circulated now",
                f.open_total,
                list_url("wanted-home"),
                compare=False,
            ),
            PanelFigure(
                "Outstanding suspects now",
                f.open_suspects,
                list_url("wanted-suspects"),
                compare=False,
            ),
            PanelFigure(
                "Warrants open now", f.open_warrants, list_url("wanted-warrants"), compare=False
            ),
            PanelFigure(
                "Wanted reviews overdue",
                f.reviews_overdue["wanted"],
                list_url("wanted-home", overdue="on"),
                compare=False,
            ),
            PanelFigure(
                "Outstanding suspect reviews overdue",
                f.reviews_overdue["suspect"],
                list_url("wanted-suspects", overdue="on"),
                compare=False,
            ),
            PanelFigure(
                "Voluntary attenders interviewed",
                sum(row["total"] for row in f.attender_rows()),
                "",
            ),
        ),
        tables=(
            PanelTable(
                "wanted_by_district",
                "Wanted persons circulated now, by district and time since circulation",
                (*band_labels, "Total"),
                district_rows,
            ),
            PanelTable(
                "voluntary_attenders",
                "Voluntary attenders per month and outcome",
                (*(label for _, label in f.attender_outcomes), "All"),
                attender_rows,
            ),
        ),
    )

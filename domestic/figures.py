"""The domestic-abuse figures, and the exact lists they count.

The funnel for a day counts programme entries by the stage each was at on that day (the
last move on or before it, from the move history), so it can be drawn for any date and
every figure is the ``count()`` of ``entries_in(figure)``: a figure and the people it links
to cannot disagree. The identities the figures satisfy are in ``rules.IDENTITIES``
(docs/domestic-abuse.md).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth

from core.calendar import LONDON, london_datetime
from core.periods import Period
from domestic import rules
from domestic.choices import HearingResult, NoticeKind, Source, Stage
from domestic.models import Notice, ProgrammeEntry, Session, StageMove
from protection.choices import OrderKind
from protection.models import OrderBreach

PERSON_FIGURES = frozenset(rules.FIGURES)
NOT_PEOPLE = frozenset({"sessions", "average_days_to_complete"})


def entries_on(force_id, day: dt.date):
    """The force's programme entries started on or before ``day``, each annotated with
    ``stage_then``: its stage at the end of that day."""
    last_move = (
        StageMove.objects.filter(entry=OuterRef("pk"), on__lte=day)
        .order_by("-on", "-pk")
        .values("stage")[:1]
    )
    return ProgrammeEntry.objects.filter(force_id=force_id, started_on__lte=day).annotate(
        stage_then=Coalesce(Subquery(last_move), Value(Stage.TO_BE_SCORED.value))
    )


def entries_in(queryset, figure: str, day: dt.date):
    """Narrow ``entries_on(...)`` (or the access gate's version of it) to one figure's people
    (for sessions: those who had any by ``day``; for the average: those completed)."""
    if figure == "initial_cohort":
        return queryset.filter(source=Source.INITIAL_COHORT)
    if figure == "from_referrals_and_marac":
        return queryset.exclude(source=Source.INITIAL_COHORT)
    if figure == "sessions":
        had = Session.objects.filter(held_on__lte=day).values("entry_id")
        return queryset.filter(pk__in=had)
    if figure == "average_days_to_complete":
        figure = "completed"
    return queryset.filter(stage_then__in=[s.value for s in rules.FIGURE_STAGES[figure]])


def _completion_days(force_id, day: dt.date) -> list[int]:
    """Days from the move to active to the move to completed, per entry completed by ``day``."""
    moves = StageMove.objects.filter(
        entry__force_id=force_id, on__lte=day, stage__in=[Stage.ACTIVE, Stage.COMPLETED]
    ).values_list("entry_id", "stage", "on")
    started: dict[int, dt.date] = {}
    finished: dict[int, dt.date] = {}
    for entry_id, stage, on in moves:
        (started if stage == Stage.ACTIVE else finished)[entry_id] = on
    return [(finished[e] - started[e]).days for e in finished if e in started]


def funnel(force_id, day: dt.date) -> dict[str, Any]:
    """The programme table on ``day`` (API ``GET .../programme/funnel/?to=``)."""
    entries = entries_on(force_id, day)
    by_stage = dict(
        entries.order_by()
        .values_list("stage_then")
        .annotate(n=Count("pk"))
        .values_list("stage_then", "n")
    )
    sessions = Session.objects.filter(entry__force_id=force_id, held_on__lte=day).count()
    return rules.funnel(
        stage_counts=by_stage,
        initial_cohort=entries.filter(source=Source.INITIAL_COHORT).count(),
        sessions=sessions,
        days_to_complete=_completion_days(force_id, day),
    )


def funnel_rows(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The table's rows in the report's order, each with its label and whether it links."""
    return [
        {
            "key": key,
            "label": rules.FIGURE_LABELS[key],
            "value": figures[key],
            "links": key in PERSON_FIGURES and figures[key] not in (0, None),
        }
        for key in rules.FIGURES
    ]


# --- Notices and orders -------------------------------------------------------------------


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    return (
        london_datetime(period.first, dt.time.min),
        london_datetime(period.last + dt.timedelta(days=1), dt.time.min),
    )


def notices_by_month_and_district(force_id, period: Period) -> list[dict[str, Any]]:
    """Per month (of the notice) and district: DVPNs and DAPNs given, orders applied for (a
    hearing held), orders made; and breaches of DVPOs and DAPOs by the breach's month."""
    first, after = _bounds(period)
    notices = (
        Notice.objects.filter(force_id=force_id, given_at__gte=first, given_at__lt=after)
        .annotate(month=TruncMonth("given_at", tzinfo=LONDON))
        .values("month", "area__name", "kind")
        .annotate(
            given=Count("pk"),
            applied=Count("pk", filter=~Q(result="")),
            made=Count("pk", filter=Q(result=HearingResult.ORDER_MADE)),
        )
    )
    rows: dict[tuple[dt.date, str], dict[str, Any]] = defaultdict(dict)

    def row(month, district) -> dict[str, Any]:
        key = (month, district or "No district")
        if not rows[key]:
            rows[key].update(
                month=key[0],
                district=key[1],
                dvpn_given=0,
                dapn_given=0,
                applied_for=0,
                dvpo_made=0,
                dapo_made=0,
                breaches=0,
            )
        return rows[key]

    for n in notices:
        r = row(_month(n["month"]), n["area__name"])
        r[f"{n['kind']}_given"] += n["given"]
        r["applied_for"] += n["applied"]
        order = "dvpo" if n["kind"] == NoticeKind.DVPN else "dapo"
        r[f"{order}_made"] += n["made"]
    breaches = (
        OrderBreach.objects.filter(
            order__force_id=force_id,
            order__kind__in=[OrderKind.DVPO, OrderKind.DAPO],
            breached_on__range=(period.first, period.last),
        )
        .annotate(month=TruncMonth("breached_on"))
        .values("month", "order__area__name")
        .annotate(n=Count("pk"))
    )
    for b in breaches:
        row(_month(b["month"]), b["order__area__name"])["breaches"] += b["n"]
    return [rows[key] for key in sorted(rows)]


def _month(value) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.astimezone(LONDON).date() if value.tzinfo else value.date()
    return value.replace(day=1)


def notice_totals(rows: list[dict[str, Any]]) -> dict[str, int]:
    keys = ("dvpn_given", "dapn_given", "applied_for", "dvpo_made", "dapo_made", "breaches")
    return {key: sum(r[key] for r in rows) for key in keys}


def panel_section(force_id, period: Period) -> dict:
    """The ``domestic`` section of the panel report (API.md "Reports"): the programme funnel
    at the period's last day, and DVPN/DVPO/DAPN/DAPO use by month and district."""
    by_month = notices_by_month_and_district(force_id, period)
    return {
        "funnel": funnel(force_id, period.last),
        "funnel_on": period.last.isoformat(),
        "notices_by_month_and_district": [
            {**r, "month": r["month"].strftime("%Y-%m")} for r in by_month
        ],
        "notices": notice_totals(by_month),
    }


def panel_figures(force_id, period: Period):
    """The ``domestic_abuse`` section of the panel report as ``core.extensions.PanelFigures``:
    the programme funnel on the period's last day, each figure linking to the people it counts,
    and DVPN/DVPO and DAPN/DAPO use in the period, by month and district."""
    from core.extensions import PanelFigure, PanelFigures, PanelTable, list_url

    on = period.last
    table = funnel(force_id, on)
    by_month = notices_by_month_and_district(force_id, period)
    totals = notice_totals(by_month)

    def person_figure(key: str) -> PanelFigure:
        # Sessions and the average are not counts of people: no list equals them.
        counts_people = key in PERSON_FIGURES and key not in NOT_PEOPLE
        url = list_url("domestic-programme", figure=key, on=on.isoformat()) if counts_people else ""
        return PanelFigure(rules.FIGURE_LABELS[key], table[key], url)

    notice_columns = (
        "dvpn_given",
        "dapn_given",
        "applied_for",
        "dvpo_made",
        "dapo_made",
        "breaches",
    )
    notice_labels = {
        "dvpn_given": "DVPNs given",
        "dapn_given": "DAPNs given",
        "applied_for": "Orders applied for (heard)",
        "dvpo_made": "DVPOs made",
        "dapo_made": "DAPOs made",
        "breaches": "Order breaches",
    }
    headline = (
        person_figure("total_on_list"),
        person_figure("signed_up"),
        person_figure("active"),
        person_figure("completed"),
        *(PanelFigure(notice_labels[key], totals[key]) for key in notice_columns),
    )
    funnel_table = PanelTable(
        "dapu_funnel",
        f"The DAPU programme on {on.day} {on:%B %Y}",
        ("People",),
        tuple((rules.FIGURE_LABELS[key], (person_figure(key),)) for key in rules.FIGURES),
    )
    notices_table = PanelTable(
        "dapu_notices",
        "Protection notices and orders by month and district",
        tuple(notice_labels[key] for key in notice_columns),
        tuple(
            (
                f"{row['month']:%b %Y}, {row['district']}",
                tuple(PanelFigure(notice_labels[key], row[key]) for key in notice_columns),
            )
            for row in by_month
        ),
    )
    return PanelFigures(
        headline=headline,
        tables=(funnel_table, notices_table),
        not_recorded=(
            "Bail, RUI and civil orders for domestic-abuse and VAWG offences (offences carry no "
            "domestic-abuse flag yet)",
        ),
    )

"""The public-protection figures, and the exact lists they count.

Every figure on the dashboard and in ``GET /api/v1/public-protection/summary/`` is the
``count()`` of one of the querysets below, and every figure links to the list page built from
the same queryset with the same parameters: a figure and its list cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from core.calendar import LONDON, london_datetime
from core.periods import month_end, month_start
from deadlines.models import Deadline, Kind, Status
from protection.choices import MAPPA_LEVELS, OrderKind
from protection.models import MappaCase, ProtectiveOrder, RsoIntelligence, RsoRegistration, RsoVisit

RSO_STATUSES = ("in_community", "in_custody")


def parse_month(text: str | None) -> dt.date | None:
    """``YYYY-MM`` to the month's first day; anything else None."""
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        return dt.date(year, month, 1) if 1900 <= year <= 2999 else None
    except ValueError:
        return None


def _start(day: dt.date) -> dt.datetime:
    return london_datetime(day, dt.time.min)


def _deadline_ids(force_id, kind: str, **filters) -> Any:
    return Deadline.objects.filter(
        force_id=force_id,
        kind=kind,
        content_type=ContentType.objects.get_for_model(RsoRegistration),
        **filters,
    ).values("object_id")


def registrations(
    force_id,
    *,
    on: dt.date,
    status: str = "",
    area: str = "",
    visits: str = "",
    month: dt.date | None = None,
    notifications: str = "",
):
    """RSOs of the force on the register on ``on``.

    ``status``: in_community / in_custody; ``area``: policing area code; ``visits``:
    ``overdue`` (in the community with a planned visit before ``on``), ``due`` or ``missed``
    (a visit deadline falling due in ``month``: any, or missed/still open past due);
    ``notifications``: ``overdue`` (an open notification deadline past due on ``on``).
    """
    qs = RsoRegistration.objects.for_force(force_id).open_on(on)
    if status == "in_community":
        qs = qs.filter(in_custody=False)
    elif status == "in_custody":
        qs = qs.filter(in_custody=True)
    if area:
        qs = qs.filter(area__code=area)
    if visits == "overdue":
        qs = qs.filter(in_custody=False, next_visit_due__lt=on)
    elif visits in ("due", "missed") and month is not None:
        in_month = {
            "due_at__gte": _start(month),
            "due_at__lt": _start(month_end(month) + dt.timedelta(days=1)),
        }
        ids = _deadline_ids(force_id, Kind.RSO_VISIT, **in_month).exclude(status=Status.CANCELLED)
        if visits == "missed":
            ids = ids.filter(Q(status=Status.MISSED) | Q(status=Status.OPEN, due_at__lt=_start(on)))
        qs = RsoRegistration.objects.for_force(force_id).filter(pk__in=ids)
    if notifications == "overdue":
        qs = qs.filter(
            pk__in=_deadline_ids(
                force_id, Kind.RSO_NOTIFICATION, status=Status.OPEN, due_at__lt=_start(on)
            )
        )
    return qs


def visits(force_id, *, month: dt.date | None = None):
    qs = RsoVisit.objects.filter(registration__force_id=force_id)
    if month is not None:
        qs = qs.filter(visited_on__range=(month, month_end(month)))
    return qs


def intelligence(force_id, *, kind: str = "", month: dt.date | None = None):
    qs = RsoIntelligence.objects.filter(registration__force_id=force_id)
    if kind:
        qs = qs.filter(kind=kind)
    if month is not None:
        qs = qs.filter(recorded_on__range=(month, month_end(month)))
    return qs


def orders(force_id, *, kind: str = "", month: dt.date | None = None, in_force_on=None):
    qs = ProtectiveOrder.objects.for_force(force_id)
    if kind:
        qs = qs.filter(kind=kind)
    if month is not None:
        qs = qs.filter(made_on__range=(month, month_end(month)))
    if in_force_on is not None:
        qs = qs.in_force_on(in_force_on)
    return qs


def mappa_cases(
    force_id, *, on: dt.date, level: int | None = None, area: str = "", transferred_in=None
):
    qs = MappaCase.objects.for_force(force_id).open_on(on)
    if level is not None:
        qs = qs.filter(level=level)
    if area:
        qs = qs.filter(area__code=area)
    if transferred_in is not None:
        qs = qs.filter(transferred_in=transferred_in)
    return qs


def months_to(on: dt.date, count: int = 12) -> list[dt.date]:
    """The first days of the ``count`` months ending with ``on``'s month, oldest first."""
    first = month_start(on)
    found = []
    for _ in range(count):
        found.append(first)
        first = month_start(first - dt.timedelta(days=1))
    return list(reversed(found))


def _by_month(rows) -> dict[str, int]:
    return {month.strftime("%Y-%m"): n for month, n in rows if month is not None}


def _visits_by_month(force_id, *, on: dt.date, month_list: list[dt.date]) -> list[dict]:
    """The visits table, month by month, in five grouped queries whatever the number of
    months. Each cell counts exactly what the list for that month (``registrations(...,
    visits="due"|"missed", month=...)``, ``visits(...)``, ``intelligence(...)``) shows: the
    same filters, grouped by the London calendar month instead of run once a month."""
    first, last = month_list[0], month_end(month_list[-1])
    window = {"due_at__gte": _start(first), "due_at__lt": _start(last + dt.timedelta(days=1))}
    ids = (
        _deadline_ids(force_id, Kind.RSO_VISIT, **window)
        .exclude(status=Status.CANCELLED)
        .filter(object_id__in=RsoRegistration.objects.for_force(force_id).values("pk"))
    )

    def distinct_people(deadlines) -> dict[str, int]:
        return _by_month(
            deadlines.annotate(month=TruncMonth("due_at", tzinfo=LONDON))
            .values_list("month")
            .annotate(n=Count("object_id", distinct=True))
            .values_list("month", "n")
            .order_by()
        )

    due = distinct_people(ids)
    missed = distinct_people(
        ids.filter(Q(status=Status.MISSED) | Q(status=Status.OPEN, due_at__lt=_start(on)))
    )
    done = _by_month(
        visits(force_id)
        .filter(visited_on__range=(first, last))
        .annotate(month=TruncMonth("visited_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
        .order_by()
    )
    intel: dict[tuple[str, str], int] = {
        (month.strftime("%Y-%m"), kind): n
        for month, kind, n in intelligence(force_id)
        .filter(recorded_on__range=(first, last))
        .annotate(month=TruncMonth("recorded_on"))
        .values_list("month", "kind")
        .annotate(n=Count("pk"))
        .values_list("month", "kind", "n")
        .order_by()
    }
    table = []
    for month in month_list:
        key = month.strftime("%Y-%m")
        table.append(
            {
                "month": key,
                "due": due.get(key, 0),
                "missed": missed.get(key, 0),
                "done": done.get(key, 0),
                "intelligence_submissions": intel.get((key, "submission"), 0),
                "offences_detected": intel.get((key, "offence_detected"), 0),
            }
        )
    return table


def summary(force_id, *, on: dt.date, months: int = 12) -> dict[str, Any]:
    """Every figure of the dashboard and the API summary (API.md field names)."""
    month_list = months_to(on, months)
    open_regs = registrations(force_id, on=on)
    by_area: dict[str, dict[str, int]] = defaultdict(lambda: {"in_community": 0, "in_custody": 0})
    for code, held, n in (
        open_regs.values_list("area__code", "in_custody").annotate(n=Count("pk")).order_by()
    ):
        by_area[code or ""]["in_custody" if held else "in_community"] += n
    made: dict[str, dict[str, int]] = {
        m.strftime("%Y-%m"): {k.value: 0 for k in OrderKind} for m in month_list
    }
    order_rows = (
        orders(force_id)
        .filter(made_on__gte=month_list[0], made_on__lte=month_end(on))
        .annotate(month=TruncMonth("made_on"))
        .values_list("month", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for month, kind, n in order_rows:
        made[month.strftime("%Y-%m")][kind] = n
    mappa: dict[str, dict[str, int]] = {str(level): {} for level in MAPPA_LEVELS}
    for level, code, n in (
        mappa_cases(force_id, on=on, transferred_in=False)
        .values_list("level", "area__code")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        mappa[str(level)][code] = n
    visits_by_month = _visits_by_month(force_id, on=on, month_list=month_list)
    return {
        "on": on,
        "rso_in_community": open_regs.filter(in_custody=False).count(),
        "rso_in_custody": open_regs.filter(in_custody=True).count(),
        "rso_by_area": dict(sorted(by_area.items())),
        "visits_overdue": registrations(force_id, on=on, visits="overdue").count(),
        "notifications_overdue": registrations(force_id, on=on, notifications="overdue").count(),
        "visits_by_month": visits_by_month,
        "orders_made_by_month": made,
        "mappa_by_level_and_area": mappa,
        "mappa_transferred_in": mappa_cases(force_id, on=on, transferred_in=True).count(),
    }


# --- The Accountability and Performance Panel report ------------------------------------------


def panel_figures(force_id, period) -> Any:
    """The ``public_protection`` section: MAPPA cases by level and area (level 3 count), RSOs
    in the community and in custody, visits and SHPOs per month. Stocks are on the period's
    last day (or today, for a period still running); the links are the PPU dashboard's."""
    from django.utils import timezone

    from accounts.models import PolicingArea
    from core.extensions import PanelFigure, PanelFigures, PanelTable, list_url

    on = min(period.last, timezone.localdate())
    data = summary(force_id, on=on, months=len(period.month_starts()))
    names = dict(PolicingArea.objects.filter(force_id=force_id).values_list("code", "name"))
    mappa_rows = []
    codes = sorted(
        {code for by_area in data["mappa_by_level_and_area"].values() for code in by_area}
    )
    for code in codes:
        mappa_rows.append(
            (
                names.get(code, code or "No area"),
                tuple(
                    PanelFigure(
                        f"Level {level}",
                        data["mappa_by_level_and_area"][str(level)].get(code, 0),
                        list_url(
                            "protection-mappa-list",
                            on=on.isoformat(),
                            level=level,
                            area=code,
                            transferred_in="no",
                        ),
                    )
                    for level in MAPPA_LEVELS
                ),
            )
        )
    rso_rows = tuple(
        (
            names.get(code, code or "No area"),
            (
                PanelFigure(
                    "In the community",
                    counts["in_community"],
                    list_url(
                        "protection-rso-list", on=on.isoformat(), status="in_community", area=code
                    ),
                ),
                PanelFigure(
                    "In custody",
                    counts["in_custody"],
                    list_url(
                        "protection-rso-list", on=on.isoformat(), status="in_custody", area=code
                    ),
                ),
            ),
        )
        for code, counts in data["rso_by_area"].items()
    )
    month_rows = []
    for row in data["visits_by_month"]:
        month = row["month"]
        shpos = data["orders_made_by_month"].get(month, {}).get(OrderKind.SHPO.value, 0)
        month_rows.append(
            (
                month,
                (
                    PanelFigure(
                        "Visits made", row["done"], list_url("protection-visit-list", month=month)
                    ),
                    PanelFigure(
                        "Visits due",
                        row["due"],
                        list_url(
                            "protection-rso-list", on=on.isoformat(), visits="due", month=month
                        ),
                    ),
                    PanelFigure(
                        "Visits missed",
                        row["missed"],
                        list_url(
                            "protection-rso-list", on=on.isoformat(), visits="missed", month=month
                        ),
                    ),
                    PanelFigure(
                        "SHPOs made",
                        shpos,
                        list_url("protection-order-list", kind=OrderKind.SHPO.value, month=month),
                    ),
                    PanelFigure("Intelligence submissions", row["intelligence_submissions"], ""),
                    PanelFigure("Further offences detected", row["offences_detected"], ""),
                ),
            )
        )
    level3 = sum(data["mappa_by_level_and_area"]["3"].values())
    return PanelFigures(
        headline=(
            PanelFigure(
                "RSOs in the community",
                data["rso_in_community"],
                list_url("protection-rso-list", on=on.isoformat(), status="in_community"),
            ),
            PanelFigure(
                "RSOs in custody",
                data["rso_in_custody"],
                list_url("protection-rso-list", on=on.isoformat(), status="in_custody"),
            ),
            PanelFigure(
                "RSO visits overdue",
                data["visits_overdue"],
                list_url("protection-rso-list", on=on.isoformat(), visits="overdue"),
            ),
            PanelFigure(
                "MAPPA level 3 cases",
                level3,
                list_url("protection-mappa-list", on=on.isoformat(), level=3, transferred_in="no"),
            ),
            PanelFigure(
                "MAPPA cases transferred in",
                data["mappa_transferred_in"],
                list_url("protection-mappa-list", on=on.isoformat(), transferred_in="yes"),
            ),
        ),
        tables=(
            PanelTable(
                "mappa",
                f"Live MAPPA cases by level and area on {on:%d %B %Y}",
                tuple(f"Level {level}" for level in MAPPA_LEVELS),
                tuple(mappa_rows),
            ),
            PanelTable(
                "rso",
                f"Registered sex offenders by area on {on:%d %B %Y}",
                ("In the community", "In custody"),
                rso_rows,
            ),
            PanelTable(
                "months",
                "RSO visits and SHPOs per month",
                (
                    "Visits made",
                    "Visits due",
                    "Visits missed",
                    "SHPOs made",
                    "Intelligence submissions",
                    "Further offences detected",
                ),
                tuple(month_rows),
            ),
        ),
    )

"""Custody on the supervisors' home (``core.extensions.attention``): per Police Investigation
Centre, the people in custody, the children among them and for how long, and the cells free;
and the clocks at risk (reviews and detention limits within the next hour, Golden Hour calls
running).

PICs serve the whole force and belong to no policing area: the user's scope narrows custody
to the suites whose team the user is in, and to every suite of the force when the user is in
no suite's team.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse

from core.extensions import AttentionFigure, AttentionItem, AttentionScope
from custody import access
from custody.models import Detention
from custody.permissions import can_view_custody
from deadlines.attention import ClockFigure, clock_item
from deadlines.models import Kind

HOUR = dt.timedelta(hours=1)


def suites_in_scope(user, scope: AttentionScope):
    suites = access.suites_for(user)
    if scope.team_ids:
        mine = suites.filter(team_id__in=scope.team_ids)
        if mine.exists():
            return mine
    return suites


def _length(since: dt.datetime | None, now: dt.datetime) -> str:
    if since is None:
        return ""
    minutes = max(int((now - since).total_seconds() // 60), 0)
    if minutes < 60:
        return f"longest {minutes} min"
    return f"longest {minutes // 60} h {minutes % 60:02d} min"


def figures(user, scope: AttentionScope, now: dt.datetime) -> list[AttentionFigure]:
    """Three figures per suite, in three queries whatever the number of suites."""
    held = Q(detentions__in=Detention.objects.held(now))
    # Cells free as the suite's board counts them: cells in service with nobody held in them.
    suites = list(
        suites_in_scope(user, scope)
        .annotate(
            in_service=Count("cells", filter=Q(cells__in_service=True), distinct=True),
            occupied_cells=Count(
                "detentions", filter=held & Q(detentions__cell__in_service=True), distinct=True
            ),
        )
        .order_by("name")
    )
    # People and children as the detentions list counts them (the person gate applies).
    per_suite = {
        row["suite"]: row
        for row in access.visible_detentions(user)
        .in_custody()
        .filter(suite__in=[s.pk for s in suites])
        .order_by()
        .values("suite")
        .annotate(
            people=Count("pk"),
            children=Count("pk", filter=Q(is_child=True)),
            first_child=Min("arrived_at", filter=Q(is_child=True)),
        )
    }
    detentions = reverse("custody-detentions")
    result = []
    for suite in suites:
        row = per_suite.get(suite.pk, {"people": 0, "children": 0, "first_child": None})
        result += [
            AttentionFigure(
                f"in-custody-{suite.code}",
                f"In custody at {suite.name}",
                row["people"],
                f"{detentions}?{urlencode({'in_custody': 1, 'suite': suite.code})}",
                group=suite.name,
                column="In custody",
            ),
            AttentionFigure(
                f"children-{suite.code}",
                f"Children in custody at {suite.name}",
                row["children"],
                f"{detentions}?{urlencode({'in_custody': 1, 'child': 1, 'suite': suite.code})}",
                _length(row["first_child"], now),
                group=suite.name,
                column="Children",
            ),
            AttentionFigure(
                f"cells-free-{suite.code}",
                f"Cells free at {suite.name}",
                max(suite.in_service - suite.occupied_cells, 0),
                reverse("custody-board", args=[suite.code]),
                group=suite.name,
                column="Cells free",
            ),
        ]
    return result


def narrow_clocks(deadlines: QuerySet, scope: AttentionScope) -> QuerySet:
    """Custody's clocks belong to the suite's team: the suites in scope, as above."""
    return deadlines.filter(owner_team__custody_suite__in=suites_in_scope(scope.user, scope))


def clocks_item() -> AttentionItem:
    return clock_item(
        "Custody clocks at risk",
        can_view_custody,
        [
            ClockFigure(
                "reviews-within-hour", "PACE reviews due within the hour", (Kind.PACE_REVIEW,), HOUR
            ),
            ClockFigure(
                "limits-within-hour",
                "Detention limits within the hour",
                (Kind.DETENTION_LIMIT,),
                HOUR,
            ),
            ClockFigure(
                "golden-hour-running",
                "Golden Hour calls running",
                (Kind.GOLDEN_HOUR_CALL,),
                None,
            ),
        ],
        narrow=narrow_clocks,
    )


def item() -> AttentionItem:
    return AttentionItem("Custody", can_view_custody, figures)

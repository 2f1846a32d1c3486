"""Clocks on the supervisors' home (``core.extensions.attention``).

Most of what needs attention now is a clock the deadline engine already holds: PACE reviews
within the hour, IOM reviews overdue, RSO visits overdue, DVPO hearings due. An app whose
figure is such a clock describes it as a ``ClockFigure`` and registers ``clock_item(...)``; the
home counts the open deadlines in one query per item and lists exactly those deadlines on
its own page (dashboards/home.py), so the count and the list cannot disagree.

A deadline is in the user's scope when its person lives in one of the user's policing areas
(when they have any) and it is owned by one of the user's teams or by the user (when they
have any teams).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from core.extensions import AttentionFigure, AttentionItem, AttentionScope
from deadlines.api import visible_deadlines
from deadlines.models import Kind, Status


@dataclass(frozen=True)
class ClockFigure:
    key: str
    label: str
    kinds: tuple[str, ...]
    # Open deadlines due before now + due_within (overdue ones included); None: every open one.
    due_within: dt.timedelta | None


OVERDUE = dt.timedelta(0)


def in_scope(deadlines: QuerySet, scope: AttentionScope) -> QuerySet:
    if scope.area_ids:
        deadlines = deadlines.filter(offender__home_area_id__in=scope.area_ids)
    if scope.team_ids:
        deadlines = deadlines.filter(
            Q(owner_team_id__in=scope.team_ids) | Q(owner_user_id=scope.user.pk)
        )
    return deadlines


def _due(figure: ClockFigure, now: dt.datetime) -> Q:
    due = Q(kind__in=figure.kinds)
    if figure.due_within is not None:
        due &= Q(due_at__lt=now + figure.due_within)
    return due


def clock_item(
    title: str,
    allowed: Callable[[Any], bool],
    figures: Sequence[ClockFigure],
    narrow: Callable[[QuerySet, AttentionScope], QuerySet] = in_scope,
) -> AttentionItem:
    """An item whose figures are counts of open deadlines; ``narrow`` applies the scope (an
    app whose records are placed differently, such as custody suites, passes its own)."""
    by_key = {figure.key: figure for figure in figures}
    kinds = sorted({kind for figure in figures for kind in figure.kinds})

    def open_deadlines(user, scope):
        return narrow(visible_deadlines(user).filter(status=Status.OPEN, kind__in=kinds), scope)

    def counts(user, scope, now) -> list[AttentionFigure]:
        totals = open_deadlines(user, scope).aggregate(
            **{f"n{i}": Count("pk", filter=_due(figure, now)) for i, figure in enumerate(figures)}
        )
        return [
            AttentionFigure(figure.key, figure.label, totals[f"n{i}"])
            for i, figure in enumerate(figures)
        ]

    def rows(user, scope, now, key: str):
        figure = by_key.get(key)
        if figure is None:
            return None
        return open_deadlines(user, scope).filter(_due(figure, now))

    return AttentionItem(title, allowed, counts, rows)


def dvpn_item() -> AttentionItem:
    """DVPO hearings due (the application is heard within 48 hours of the DVPN, CSA 2010
    s.27; DOMAIN.md): counted from the deadlines, whichever app opens them."""
    from offenders.permissions import can_see_dapu

    return clock_item(
        "Domestic abuse",
        can_see_dapu,
        [ClockFigure("dvpn-hearings", "DVPO hearings due", (Kind.DVPN_HEARING,), None)],
    )

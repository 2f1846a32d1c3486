"""Wanted persons on the supervisors' home (``core.extensions.attention``): circulation,
outstanding-suspect and warrant reviews overdue, counted from the deadline engine
(``deadlines.attention``)."""

from __future__ import annotations

from core.extensions import AttentionItem
from deadlines.attention import OVERDUE, ClockFigure, clock_item
from deadlines.models import Kind
from wanted.permissions import can_view_wanted


def item() -> AttentionItem:
    return clock_item(
        "Wanted persons and outstanding suspects",
        can_view_wanted,
        [
            ClockFigure(
                "wanted-reviews-overdue", "Wanted reviews overdue", (Kind.WANTED_REVIEW,), OVERDUE
            ),
            ClockFigure(
                "suspect-reviews-overdue",
                "Outstanding suspect reviews overdue",
                (Kind.SUSPECT_REVIEW,),
                OVERDUE,
            ),
            ClockFigure(
                "warrant-reviews-overdue",
                "Warrant reviews overdue",
                (Kind.WARRANT_REVIEW,),
                OVERDUE,
            ),
        ],
    )

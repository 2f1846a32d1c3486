"""Wanted persons on the supervisors' home (``core.extensions.attention``): circulation reviews
overdue, counted from the deadline engine (``deadlines.attention``)."""

from __future__ import annotations

from core.extensions import AttentionItem
from deadlines.attention import OVERDUE, ClockFigure, clock_item
from deadlines.models import Kind
from wanted.permissions import can_view_wanted


def item() -> AttentionItem:
    return clock_item(
        "Wanted persons",
        can_view_wanted,
        [
            ClockFigure(
                "wanted-reviews-overdue", "Wanted reviews overdue", (Kind.WANTED_REVIEW,), OVERDUE
            )
        ],
    )

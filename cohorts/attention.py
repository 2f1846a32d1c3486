"""IOM on the supervisors' home (``core.extensions.attention``): reviews overdue, counted from
the deadline engine (``deadlines.attention``)."""

from __future__ import annotations

from cohorts.permissions import can_manage_iom
from core.extensions import AttentionItem
from deadlines.attention import OVERDUE, ClockFigure, clock_item
from deadlines.models import Kind


def item() -> AttentionItem:
    return clock_item(
        "Integrated Offender Management",
        can_manage_iom,
        [ClockFigure("iom-reviews-overdue", "IOM reviews overdue", (Kind.IOM_REVIEW,), OVERDUE)],
    )

"""Public protection on the supervisors' home (``core.extensions.attention``): RSO
notifications and home visits overdue and MAPPA reviews due, counted from the deadline engine
(``deadlines.attention``). Only for the roles that may see public-protection records."""

from __future__ import annotations

import datetime as dt

from core.extensions import AttentionItem
from deadlines.attention import OVERDUE, ClockFigure, clock_item
from deadlines.models import Kind
from protection.permissions import can_see_public_protection

# MAPPA reviews due in the next fortnight (or overdue), the horizon of the other queues.
MAPPA_REVIEW_HORIZON = dt.timedelta(days=14)


def item() -> AttentionItem:
    return clock_item(
        "Public protection",
        can_see_public_protection,
        [
            ClockFigure(
                "rso-notifications-overdue",
                "RSO notifications overdue",
                (Kind.RSO_NOTIFICATION,),
                OVERDUE,
            ),
            ClockFigure("rso-visits-overdue", "RSO visits overdue", (Kind.RSO_VISIT,), OVERDUE),
            ClockFigure(
                "mappa-reviews-due",
                "MAPPA reviews due within 14 days",
                (Kind.MAPPA_REVIEW,),
                MAPPA_REVIEW_HORIZON,
            ),
        ],
    )

"""What deadlines adds to a person's summary (registered from DeadlinesConfig.ready())."""

from __future__ import annotations

import datetime as dt
from typing import Any

from deadlines.models import Deadline


def deadlines_summary(offender, today: dt.date) -> dict[str, Any]:
    """``open_deadlines``: how many clocks are running for the person (API.md "Offenders")."""
    return {"open_deadlines": Deadline.objects.open().filter(offender=offender).count()}

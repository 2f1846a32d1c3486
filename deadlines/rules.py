"""The alert schedule of a deadline, as pure functions.

A deadline's steps: a warning at each lead time before ``due_at``, the overdue notice at
``due_at``, the escalation at ``escalate_at``. A step is identified by
``(stage, lead_seconds)`` for the deadline's current ``due_at``.

When a scan finds several steps due at once (the deadline was opened late, or the workers
were down) it sends only what still matters: the overdue notice supersedes any warning,
and the latest warning supersedes earlier ones. Escalation is always sent when due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

WARNING = "warning"
OVERDUE = "overdue"
ESCALATION = "escalation"


@dataclass(frozen=True, order=True)
class Step:
    at: dt.datetime
    stage: str
    lead_seconds: int = 0

    @property
    def key(self) -> tuple[str, int]:
        return (self.stage, self.lead_seconds)


def schedule(
    due_at: dt.datetime, warning_leads: Iterable[int], escalate_at: dt.datetime | None
) -> list[Step]:
    """Every step of the schedule, in time order."""
    steps = [
        Step(due_at - dt.timedelta(seconds=lead), WARNING, lead)
        for lead in set(warning_leads)
        if lead > 0
    ]
    steps.append(Step(due_at, OVERDUE, 0))
    if escalate_at is not None:
        steps.append(Step(escalate_at, ESCALATION, 0))
    return sorted(steps)


def steps_to_send(
    steps: Sequence[Step], sent: set[tuple[str, int]], now: dt.datetime
) -> list[Step]:
    """The steps to send now, given the keys already sent for this due time."""
    due = [s for s in steps if s.at <= now and s.key not in sent]
    result: list[Step] = []

    reminders = [s for s in due if s.stage in (WARNING, OVERDUE)]
    latest_sent_reminder = max(
        (s.at for s in steps if s.stage in (WARNING, OVERDUE) and s.key in sent), default=None
    )
    if reminders:
        latest = max(reminders)  # overdue sorts after every warning of the same deadline
        if latest_sent_reminder is None or latest.at > latest_sent_reminder:
            result.append(latest)

    result.extend(s for s in due if s.stage == ESCALATION)
    return result


def next_alert_at(
    steps: Sequence[Step], sent: set[tuple[str, int]], after: dt.datetime | None = None
) -> dt.datetime | None:
    """When the scan should next look at the deadline.

    With ``after`` (the scan time) steps at or before it are settled: sent now or
    superseded. Without it (a deadline just opened or moved) the earliest unsent step.
    """
    pending = [s.at for s in steps if s.key not in sent and (after is None or s.at > after)]
    return min(pending, default=None)


def recorded_late(*, due_at: dt.datetime, recorded_at: dt.datetime, grace: dt.timedelta) -> bool:
    """A deadline already past by more than ``grace`` when it was recorded (a membership
    adopted back to 2019, a case typed in from paper): nobody can act on it any more, so it
    is listed as "recorded late" and sends no warning, overdue notice or escalation. Within
    ``grace`` (a custody review due an hour before a late book-in) it alerts as usual."""
    return recorded_at - due_at > grace

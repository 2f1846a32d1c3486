"""Benchmark data (``manage.py generate``, see ``core.generate``): deadlines.

Every open record the other parts registered (``Context.live_clocks``: people in custody,
live bail and RUI, outstanding disposal conditions, open IOM memberships) gets its open
deadline with the warning schedule already sent up to now. The rest of the volume is
filled from ``Context.clock_pool`` (closed records): about 60 % open and due in the coming
year (the load the beat's scan must skip cheaply), 40 % closed in the past. A few dozen
open deadlines have an alert step due now, which is what one scan tick finds.

Runs after the casework parts (``ORDER``) but imports none of them: records are named by
``app_label.model`` and resolved through content types.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType

from core.generate import Context
from deadlines.models import Deadline, Status

ORDER = 90
DAY = 86_400
LEADS = {  # seconds before due: most distant first
    "pace_review": [3600],
    "detention_limit": [4 * 3600, 3600],
    "golden_hour_call": [1800],
    "bail_period_end": [14 * DAY, 3 * DAY],
    "rui_review": [7 * DAY],
    "oocd_condition": [7 * DAY],
    "iom_review": [7 * DAY],
}
COLUMNS = [
    "kind",
    "title",
    "force_id",
    "offender_id",
    "content_type_id",
    "object_id",
    "due_at",
    "warning_leads",
    "escalate_at",
    "next_alert_at",
    "owner_team_id",
    "owner_user_id",
    "status",
    "closed_at",
    "created_at",
]


def _next_alert(due: dt.datetime, leads: list[int], escalate: dt.datetime, now: dt.datetime):
    """The earliest step of the schedule after ``now`` (earlier steps were sent)."""
    steps = [due - dt.timedelta(seconds=lead) for lead in leads] + [due, escalate]
    later = [step for step in steps if step > now]
    return min(later) if later else None


def generate(ctx: Context) -> str:
    rng = ctx.rng("deadlines")
    total = ctx.volumes["deadlines"]
    now = ctx.now
    types: dict[str, int] = {}

    def content_type(label: str) -> int:
        if label not in types:
            app, model = label.split(".")
            types[label] = ContentType.objects.get_by_natural_key(app, model).pk
        return types[label]

    rows = ctx.writer(Deadline, COLUMNS)
    due_now = max(3, min(36, len(ctx.live_clocks) // 4))
    live = list(ctx.live_clocks)
    rng.shuffle(live)
    for i, clock in enumerate(live[:total]):
        leads = LEADS.get(clock["kind"], [DAY])
        due = clock["due_at"]
        escalate = due + dt.timedelta(days=1)
        next_alert = _next_alert(due, leads, escalate, now)
        if i < due_now:  # a step the scan has not sent yet
            next_alert = now - dt.timedelta(minutes=rng.randint(1, 30))
        rows.add(
            (
                clock["kind"],
                clock["title"],
                clock["force_id"],
                clock["offender_id"],
                content_type(clock["model"]),
                clock["object_id"],
                due,
                leads,
                escalate,
                next_alert,
                ctx.teams[clock["force_id"]].get(clock["team"]),
                clock.get("user_id"),
                Status.OPEN.value,
                None,
                min(now, due) - dt.timedelta(days=1),
            )
        )
    filled = min(total, len(live))
    # A released detention's clocks are all closed: future filler points at the rest.
    pools = {
        False: ctx.clock_pool,
        True: [c for c in ctx.clock_pool if c[1] != "custody.detention"],
    }
    for _ in range(total - filled):
        is_open = rng.random() < 0.6
        pool = pools[is_open]
        if pool:
            kind, model, object_id, force_id, offender_id, team = rng.choice(pool)
            ct = content_type(model)
        else:
            kind, object_id, ct, team = "iom_review", None, None, "iom"
            person = rng.choice(ctx.people)
            force_id, offender_id = person.force_id, person.id
        leads = LEADS.get(kind, [DAY])
        if is_open:
            due = now + dt.timedelta(minutes=rng.randint(2 * 24 * 60, 365 * 24 * 60))
            escalate = due + dt.timedelta(days=1)
            status, closed = Status.OPEN.value, None
            next_alert = _next_alert(due, leads, escalate, now)
        else:
            due = now - dt.timedelta(minutes=rng.randint(24 * 60, 5 * 365 * 24 * 60))
            escalate = due + dt.timedelta(days=1)
            status = rng.choices((Status.MET, Status.MISSED, Status.CANCELLED), weights=(90, 4, 6))[
                0
            ].value
            closed, next_alert = due - dt.timedelta(minutes=rng.randint(0, 600)), None
        rows.add(
            (
                kind,
                kind.replace("_", " ").capitalize(),
                force_id,
                offender_id,
                ct,
                object_id,
                due,
                leads,
                escalate,
                next_alert,
                ctx.teams[force_id].get(team),
                None,
                status,
                closed,
                min(now, due) - dt.timedelta(days=rng.randint(1, 90)),
            )
        )
    made = rows.close()
    return f"{made} deadlines ({filled} on open records, {due_now} with an alert due now)"

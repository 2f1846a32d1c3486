"""Benchmark data (``manage.py generate``, see ``core.generate``): the access log over two
years: mostly views of a person's record, searches, sign-ins, a few exports."""

from __future__ import annotations

import datetime as dt

from audit.models import AccessEvent, Action
from core.generate import Context

ORDER = 95
HISTORY_MINUTES = 2 * 365 * 24 * 60
COLUMNS = [
    "at",
    "user_id",
    "username",
    "action",
    "offender_id",
    "object_type",
    "object_id",
    "query",
    "purpose",
    "path",
    "ip_address",
]
SEARCHES = [
    "smith",
    "john smith",
    "khan 1984",
    "jones",
    "mohammed",
    "taylor",
    "brown 12/03/1990",
    "williams",
]


def generate(ctx: Context) -> str:
    rng = ctx.rng("audit")
    total = ctx.volumes["access_events"]
    users = sorted(
        uid for by_force in ctx.staff.values() for ids in by_force.values() for uid in ids
    )
    if not users or not ctx.people:
        return "no staff or no people: nothing generated"
    rows = ctx.writer(AccessEvent, COLUMNS)
    people = ctx.people
    actions = (Action.VIEW, Action.SEARCH, Action.LOGIN, Action.UPDATE, Action.EXPORT)
    weights = (70, 18, 8, 3, 1)
    for i in range(total):
        at = ctx.now - dt.timedelta(minutes=HISTORY_MINUTES * rng.random() ** 1.5)
        user = rng.choice(users)
        action = rng.choices(actions, weights=weights)[0]
        person, object_type, object_id, query, path = None, "", "", "", ""
        if action in (Action.VIEW, Action.UPDATE):
            person = people[int(len(people) * rng.random() ** 2)].id
            object_type, object_id, path = "offenders.offender", str(person), f"/people/{person}/"
            purpose = f"Person {person}"
        elif action == Action.SEARCH:
            query, path, purpose = rng.choice(SEARCHES), "/people/", "People search"
        elif action == Action.EXPORT:
            object_type, path, purpose = "bail.bailcase", "/bail/queue.csv", "Bail queue export"
        else:
            path, purpose = "/login/", "Signing in"
        rows.add(
            (
                at,
                user,
                "",
                action.value,
                person,
                object_type,
                object_id,
                query,
                purpose,
                path,
                "10.0.0.1",
            )
        )
        if (i + 1) % 1_000_000 == 0:
            ctx.say(f"  {i + 1:>9} access events")
    return f"{rows.close()} access events"

"""Benchmark data (``manage.py generate``, see ``core.generate``): detentions over five
years at the six PICs, almost all released, about 150 in custody now (each in a cell while
cells last), with their PACE reviews (6 hours after the relevant time, then every 9) and
superintendents' extensions for the few held beyond 24 hours.

The clocks are stored as ``custody.services`` would compute them for the simple case
(relevant time = arrival); children get a Golden Hour due an hour after arrival.
"""

from __future__ import annotations

import datetime as dt
import random

from core.generate import Context
from custody.models import Cell, CustodySuite, Detention, Extension, Outcome, Review

ORDER = 30
BATCH = 20_000
HISTORY_DAYS = 5 * 365
H = dt.timedelta(hours=1)
OFFENCES = [
    ("Shoplifting", False),
    ("Assault occasioning actual bodily harm", True),
    ("Common assault", False),
    ("Burglary dwelling", True),
    ("Possession with intent to supply a class A drug", True),
    ("Criminal damage under £5,000", False),
    ("Theft of a motor vehicle", True),
    ("Drink driving", False),
    ("Robbery", True),
    ("Breach of a non-molestation order", True),
    ("Public order, section 4", False),
    ("Possession of a bladed article", True),
]
OUTCOMES = {
    Outcome.CHARGED: 22,
    Outcome.REMANDED: 5,
    Outcome.BAIL: 8,
    Outcome.RUI: 20,
    Outcome.NFA: 27,
    Outcome.OOCD: 13,
    Outcome.TRANSFERRED: 5,
}
INSPECTORS = ["Ada Lowe", "Tom Wade", "Nia Clarke", "Raj Patel", "Sue Eze", "Dan Moss"]
COLUMNS = [
    "id",
    "force_id",
    "offender_id",
    "suite_id",
    "cell_id",
    "arrested_at",
    "arrived_at",
    "detention_authorised_at",
    "offence",
    "indictable",
    "vulnerable",
    "relevant_time",
    "detention_limit_at",
    "next_review_due_at",
    "is_child",
    "golden_hour_due_at",
    "released_at",
    "outcome",
    "booked_in_by_id",
    "created_at",
]


def _duration(rng: random.Random) -> dt.timedelta:
    """Time in custody: most under six hours, a few beyond the 24-hour limit."""
    u = rng.random()
    hours = (
        rng.uniform(1.5, 6)
        if u < 0.62
        else rng.uniform(6, 15)
        if u < 0.95
        else rng.uniform(15, 24)
        if u < 0.99
        else rng.uniform(24, 35)
    )
    return dt.timedelta(minutes=round(hours * 60))


def _pick(rng: random.Random, people: list) -> object:
    """A person, skewed so that a few are arrested often (the prolific)."""
    return people[int(len(people) * rng.random() ** 2)]


def generate(ctx: Context) -> str:
    rng = ctx.rng("custody")
    suites = list(CustodySuite.objects.order_by("code"))
    if not suites or not ctx.people:
        return "no suites or no people: nothing generated"
    cells = {
        s.pk: list(Cell.objects.filter(suite=s, in_service=True).values_list("pk", flat=True))
        for s in suites
    }
    weights = [max(1, len(cells[s.pk])) for s in suites]
    by_force: dict[int, list] = {}
    for person in ctx.people:
        by_force.setdefault(person.force_id, []).append(person)
    suites = [s for s in suites if s.force_id in by_force]
    weights = [max(1, len(cells[s.pk])) for s in suites]
    officers = ctx.staff.get("custody_officer", {})
    outcomes, outcome_weights = list(OUTCOMES), list(OUTCOMES.values())
    total, live = (
        ctx.volumes["detentions"],
        min(ctx.volumes["in_custody"], ctx.volumes["detentions"]),
    )
    pool_share = min(1.0, 200_000 / max(1, total))

    detentions = ctx.writer(Detention, COLUMNS, batch=None)
    reviews = ctx.writer(
        Review,
        ["detention_id", "held_at", "reviewer_name", "reviewer_rank", "created_at"],
        batch=None,
    )
    extensions = ctx.writer(
        Extension,
        [
            "detention_id",
            "kind",
            "authorised_at",
            "until",
            "authorised_by_name",
            "authorised_by_rank",
            "created_at",
        ],
        batch=None,
    )
    ids = iter(ctx.ids(Detention, total))
    in_custody_people: set[int] = set()
    free_cells = {s.pk: list(cells[s.pk]) for s in suites}
    for suite_cells in free_cells.values():
        rng.shuffle(suite_cells)
    children = 0
    for i in range(total):
        pk = next(ids)
        suite = rng.choices(suites, weights=weights)[0]
        is_live = i >= total - live  # the last ones: still in custody
        person = _pick(rng, by_force[suite.force_id])
        if is_live:
            while person.id in in_custody_people:
                person = _pick(rng, by_force[suite.force_id])
            in_custody_people.add(person.id)
            arrived = ctx.now - dt.timedelta(minutes=rng.randint(10, 30 * 60))
            duration = ctx.now - arrived
        else:
            duration = _duration(rng)
            arrived = (
                ctx.now
                - dt.timedelta(minutes=rng.randint(0, HISTORY_DAYS * 24 * 60))
                - duration
                - H
            )
        arrived = arrived.replace(second=0, microsecond=0)
        end = ctx.now if is_live else arrived + duration
        offence, indictable = rng.choice(OFFENCES)
        age = (arrived.date() - person.date_of_birth).days // 365
        is_child = age < 18
        children += is_child
        relevant = arrived
        # Reviews held on time: 6 hours after the relevant time, then every 9.
        review_at = relevant + 6 * H
        while review_at < end:
            reviews.add((pk, review_at, f"Insp {rng.choice(INSPECTORS)}", "inspector", review_at))
            review_at += 9 * H
        limit = relevant + 24 * H
        if end > limit - H:
            extensions.add(
                (
                    pk,
                    "superintendent",
                    limit - 2 * H,
                    relevant + 36 * H,
                    f"Supt {rng.choice(INSPECTORS)}",
                    "superintendent",
                    limit - 2 * H,
                )
            )
            limit = relevant + 36 * H
        cell = None
        if is_live and free_cells[suite.pk]:
            cell = free_cells[suite.pk].pop()
        staff = officers.get(suite.force_id) or [None]
        detentions.add(
            (
                pk,
                suite.force_id,
                person.id,
                suite.pk,
                cell,
                arrived - dt.timedelta(minutes=rng.randint(15, 90)),
                arrived,
                arrived + dt.timedelta(minutes=rng.randint(5, 40)),
                offence,
                indictable,
                rng.random() < 0.08,
                relevant,
                limit,
                review_at,
                is_child,
                arrived + H if is_child else None,
                None if is_live else end,
                "" if is_live else rng.choices(outcomes, weights=outcome_weights)[0].value,
                rng.choice(staff),
                arrived,
            )
        )
        team = f"custody-{suite.code}"
        if is_live:
            ctx.live_clocks.append(
                {
                    "kind": "pace_review",
                    "title": "PACE review",
                    "model": "custody.detention",
                    "object_id": pk,
                    "force_id": suite.force_id,
                    "offender_id": person.id,
                    "due_at": review_at,
                    "team": team,
                }
            )
            ctx.live_clocks.append(
                {
                    "kind": "detention_limit",
                    "title": "Detention limit",
                    "model": "custody.detention",
                    "object_id": pk,
                    "force_id": suite.force_id,
                    "offender_id": person.id,
                    "due_at": limit,
                    "team": team,
                }
            )
        elif rng.random() < pool_share:
            ctx.clock_pool.append(
                ("pace_review", "custody.detention", pk, suite.force_id, person.id, team)
            )
        if (i + 1) % BATCH == 0:
            for writer in (detentions, reviews, extensions):
                writer.flush()
            if (i + 1) % 500_000 == 0:
                ctx.say(f"  {i + 1:>9} detentions")
    made = detentions.close()
    return (
        f"{made} detentions ({live} in custody, {children} children), {reviews.close()} reviews, "
        f"{extensions.close()} extensions"
    )

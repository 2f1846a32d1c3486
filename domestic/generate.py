"""Benchmark data (``manage.py generate``, see ``core.generate``): a DAPU programme list
shaped like Suffolk's (DOMAIN.md §12: 394 on the list among about 50,000 nominals, about one
person in 127), each entry with the stage moves that bring it to its stage, so the funnel can
be drawn for any day; open entries' reviews are live clocks."""

from __future__ import annotations

import datetime as dt

from core.generate import Context
from domestic import rules
from domestic.cast import PATHS, SUFFOLK_CAST
from domestic.choices import Source, Stage
from domestic.models import ProgrammeEntry, StageMove

ORDER = 46
PEOPLE_PER_ENTRY = 127
ENTRY_COLUMNS = [
    "id",
    "force_id",
    "offender_id",
    "lead_officer_id",
    "started_on",
    "ended_on",
    "end_reason",
    "source",
    "stage",
    "area_id",
    "created_at",
]
MOVE_COLUMNS = ["id", "entry_id", "from_stage", "stage", "on", "created_at"]


def generate(ctx: Context) -> str:
    rng = ctx.rng("domestic")
    adults = [p for p in ctx.people if p.date_of_birth < ctx.today - dt.timedelta(days=19 * 365)]
    total = min(len(adults), max(1, len(ctx.people) // PEOPLE_PER_ENTRY))
    # DAPU officers lead; where the generated staff has none, supervisors (who may lead too).
    officers = ctx.staff.get("dapu_officer") or ctx.staff.get("supervisor", {})
    stages = list(SUFFOLK_CAST)
    weights = [SUFFOLK_CAST[s] for s in stages]
    entries = ctx.writer(ProgrammeEntry, ENTRY_COLUMNS, batch=None)
    moves = ctx.writer(StageMove, MOVE_COLUMNS, batch=None)
    planned = []
    for pk, person in zip(ctx.ids(ProgrammeEntry, total), rng.sample(adults, total), strict=True):
        lead = rng.choice(officers.get(person.force_id) or [None])
        if lead is None:
            continue
        stage = rng.choices(stages, weights=weights)[0]
        day = ctx.today - dt.timedelta(days=rng.randint(60, 900))
        start = day
        dated = []
        for move in PATHS[stage]:
            day += dt.timedelta(days=rng.randint(5, 40))
            dated.append((move, min(day, ctx.today)))
        final = stage in rules.FINAL_STAGES
        source = rng.choices(list(Source), weights=[102, 150, 142])[0]
        entries.add(
            (
                pk,
                person.force_id,
                person.id,
                lead,
                start,
                dated[-1][1] if final else None,
                str(stage) if final else "",
                source.value,
                stage.value,
                person.area_id,
                dt.datetime.combine(start, dt.time(10), tzinfo=dt.UTC),
            )
        )
        planned.append((pk, dated))
        if not final:
            due = (dated[-1][1] if dated else start) + dt.timedelta(days=28)
            ctx.live_clocks.append(
                {
                    "kind": "dapu_review",
                    "title": "DAPU programme review due",
                    "model": "domestic.programmeentry",
                    "object_id": pk,
                    "force_id": person.force_id,
                    "offender_id": person.id,
                    "user_id": lead,
                    "due_at": dt.datetime.combine(due, dt.time(23), tzinfo=dt.UTC),
                    "team": "dapu",
                }
            )
    entries.flush()
    count = sum(len(dated) for _pk, dated in planned)
    for (pk, dated), move_id in zip(
        ((pk, d) for pk, ds in planned for d in _pairs(ds)), ctx.ids(StageMove, count), strict=True
    ):
        (from_stage, stage, on) = dated
        moves.add(
            (
                move_id,
                pk,
                from_stage,
                stage,
                on,
                dt.datetime.combine(on, dt.time(12), tzinfo=dt.UTC),
            )
        )
    moves.flush()
    return f"{entries.count} DAPU programme entries, {moves.count} stage moves"


def _pairs(dated: list[tuple[Stage, dt.date]]):
    previous = Stage.TO_BE_SCORED
    for stage, on in dated:
        yield (previous.value, stage.value, on)
        previous = stage

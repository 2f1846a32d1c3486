"""A programme list shaped like Suffolk's panel-report table (DOMAIN.md §12), for the demo
and the funnel test.

The hand-counted table does not add up (e.g. 45 not suitable + 178 suitable is not 342
scored; 95 not interested + 71 interested is more than 156 approached). The cast keeps every
figure of the table that names people *at* a stage (on hold 52, to be scored 55, not
suitable 45, to approach 7, not interested 95, interested 71, awaiting feedback 0, withdrawn
27, completed 11, active 15, awaiting sign-up 4), scored 342, the initial cohort 102 and the
472 sessions, and lets the identities decide the rest (docs/domestic-abuse.md).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from domestic import rules
from domestic.choices import SessionKind, Source, Stage
from domestic.models import ProgrammeEntry, Score, Session, StageMove

S = Stage
# Where each entry is on the report day.
SUFFOLK_CAST: dict[Stage, int] = {
    S.TO_BE_SCORED: 3,
    S.ON_HOLD: 52,
    S.NOT_SUITABLE: 45,
    S.SUITABLE: 124,
    S.TO_BE_PRESENTED: 0,
    S.TO_APPROACH: 7,
    S.APPROACHED: 0,
    S.NOT_INTERESTED: 95,
    S.INTERESTED: 14,
    S.AWAITING_FEEDBACK: 0,
    S.AWAITING_SIGN_UP: 4,
    S.ACTIVE: 15,
    S.WITHDRAWN: 27,
    S.COMPLETED: 11,
}
INITIAL_COHORT = 102
SESSIONS = 472
DAYS_TO_COMPLETE = 183  # "about six months on average to complete"

# The moves that bring an entry to each stage (the diagram's main path).
_PATH = [S.SUITABLE, S.TO_APPROACH, S.APPROACHED, S.INTERESTED, S.AWAITING_SIGN_UP, S.ACTIVE]
PATHS: dict[Stage, list[Stage]] = {
    S.TO_BE_SCORED: [],
    S.ON_HOLD: [S.ON_HOLD],
    S.NOT_SUITABLE: [S.NOT_SUITABLE],
    S.SUITABLE: _PATH[:1],
    S.TO_BE_PRESENTED: [S.SUITABLE, S.TO_BE_PRESENTED],
    S.TO_APPROACH: _PATH[:2],
    S.APPROACHED: _PATH[:3],
    S.NOT_INTERESTED: [*_PATH[:3], S.NOT_INTERESTED],
    S.INTERESTED: _PATH[:4],
    S.AWAITING_FEEDBACK: [*_PATH[:4], S.AWAITING_FEEDBACK],
    S.AWAITING_SIGN_UP: _PATH[:5],
    S.ACTIVE: _PATH,
    S.WITHDRAWN: [*_PATH, S.WITHDRAWN],
    S.COMPLETED: [*_PATH, S.COMPLETED],
}


def scaled(cast: dict[Stage, int], fraction: float) -> dict[Stage, int]:
    return {stage: round(n * fraction) for stage, n in cast.items()}


def build_cast(
    *,
    people: Sequence,
    lead,
    report_day: dt.date,
    cast: dict[Stage, int] = SUFFOLK_CAST,
    initial_cohort: int = INITIAL_COHORT,
    sessions: int = SESSIONS,
    seed: int = 15,
) -> list[ProgrammeEntry]:
    """Write one entry per place in ``cast`` (``people`` in order; a person may hold only
    one open entry), with the moves that bring it there by ``report_day``, ``sessions``
    sessions among those who became active, and completions about six months after starting.
    Written in bulk: a fixture of records as the services would have left them."""
    rng = random.Random(seed)
    plan = [stage for stage, n in cast.items() for _ in range(n)]
    if len(people) < len(plan):
        raise ValueError(f"the cast needs {len(plan)} people, got {len(people)}")
    entries, moves_for, scored_inputs = [], [], []
    for stage, person in zip(plan, people, strict=False):
        path = PATHS[stage]
        # Completed: six months between active and completed, a week or two between others.
        gaps = [rng.randint(5, 20) for _ in path]
        if stage == S.COMPLETED:
            gaps[-1] = DAYS_TO_COMPLETE + rng.randint(-20, 20)
        elif stage in (S.ACTIVE, S.WITHDRAWN):
            gaps[-1] = rng.randint(30, 150)
        start = report_day - dt.timedelta(days=sum(gaps) + rng.randint(1, 60))
        day = start
        dated = []
        for move, gap in zip(path, gaps, strict=True):
            day += dt.timedelta(days=gap)
            dated.append((move, day))
        final = stage in rules.FINAL_STAGES
        inputs: dict[str, int] = {}
        entries.append(
            ProgrammeEntry(
                force=person.force,
                offender=person,
                lead_officer=lead,
                started_on=start,
                ended_on=dated[-1][1] if final else None,
                end_reason=str(stage) if final else "",
                source=Source.REFERRAL,
                stage=stage,
                area=person.home_area,
                score=None if stage in (S.TO_BE_SCORED, S.ON_HOLD) else _score(rng, inputs),
                scored_on=None if stage in (S.TO_BE_SCORED, S.ON_HOLD) else start,
                created_by=lead,
            )
        )
        moves_for.append(dated)
        scored_inputs.append(inputs)
    for entry in rng.sample(entries, initial_cohort):
        entry.source = Source.INITIAL_COHORT
    for entry in entries:
        if entry.source != Source.INITIAL_COHORT:
            entry.source = rng.choice([Source.REFERRAL, Source.MARAC])
    ProgrammeEntry.objects.bulk_create(entries)
    moves = []
    for entry, dated in zip(entries, moves_for, strict=True):
        previous = Stage.TO_BE_SCORED
        for stage, on in dated:
            moves.append(
                StageMove(entry=entry, from_stage=previous, stage=stage, on=on, moved_by=lead)
            )
            previous = stage
    StageMove.objects.bulk_create(moves)
    Score.objects.bulk_create(
        [
            Score(
                entry=entry,
                **inputs,
                weights=dict(rules.DEFAULT_RFG_WEIGHTS),
                score=entry.score,
                scored_on=entry.scored_on,
                scored_by=lead,
            )
            for entry, inputs in zip(entries, scored_inputs, strict=True)
            if entry.score is not None
        ]
    )
    _sessions(rng, entries, moves_for, sessions, report_day, lead)
    return entries


def _score(rng: random.Random, inputs: dict[str, int]) -> float:
    inputs.update(
        recency=rng.randint(0, 12), frequency=rng.randint(1, 8), gravity=rng.randint(2, 30)
    )
    return rules.rfg_score(**inputs, weights=rules.DEFAULT_RFG_WEIGHTS)


def _sessions(rng, entries, moves_for, total, report_day, lead) -> None:
    windows = []
    for entry, dated in zip(entries, moves_for, strict=True):
        stages = dict(dated)
        if S.ACTIVE in stages:
            end = stages.get(S.COMPLETED) or stages.get(S.WITHDRAWN) or report_day
            windows.append((entry, stages[S.ACTIVE], end))
    if not windows:
        return
    rows = []
    for n in range(total):
        entry, first, last = windows[n % len(windows)]
        held = first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))
        rows.append(
            Session(entry=entry, held_on=held, kind=SessionKind.ONE_TO_ONE, recorded_by=lead)
        )
    Session.objects.bulk_create(rows)

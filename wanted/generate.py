"""Benchmark data (``manage.py generate``, see ``core.generate``): wanted circulations,
outstanding suspects, warrants and voluntary attenders in proportion to the people (a
national million people: 5,000 circulations, 4,000 suspects, 2,500 warrants, 10,000
voluntary attendances), about a third of each still open, the open ones on the deadline
scan's list (``live_clocks``)."""

from __future__ import annotations

import datetime as dt

from core.generate import Context
from wanted import rules
from wanted.choices import (
    AttendanceOutcome,
    Reason,
    SuspectResolution,
    WantedOutcome,
    WarrantKind,
    WarrantOutcome,
)
from wanted.models import OutstandingSuspect, VoluntaryAttendance, WantedCirculation, Warrant

ORDER = 50
HISTORY_DAYS = 2 * 365
OPEN_SHARE = 0.35
NECESSITY = "Not at the home address; will not attend voluntarily (Code G 2.9(f))."
COMMON = [
    "id",
    "force_id",
    "offender_id",
    "offence",
    "officer_in_case_id",
    "district_id",
    "next_review_due",
    "ended_on",
    "end_note",
    "version",
    "created_at",
]


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)


def generate(ctx: Context) -> str:
    rng = ctx.rng("wanted")
    people = ctx.people
    if not people:
        return "no people, no wanted records"
    scale = ctx.volumes["people"]
    today, day = ctx.today, dt.timedelta(days=1)
    officers = ctx.staff.get("investigator", {})
    made = []
    kinds = [
        (WantedCirculation, max(2, scale // 200), "wanted_review"),
        (OutstandingSuspect, max(2, scale // 250), "suspect_review"),
        (Warrant, max(1, scale // 400), "warrant_review"),
    ]
    for model, total, kind in kinds:
        extra = {
            WantedCirculation: [
                "reason",
                "necessity",
                "necessity_ground",
                "circulated_on",
                "outcome",
            ],
            OutstandingSuspect: ["crime_reference", "identified_on", "resolution"],
            Warrant: ["kind", "court", "issued_on", "backed_for_bail", "outcome"],
        }[model]
        writer = ctx.writer(model, COMMON + extra)
        for pk in ctx.ids(model, total):
            person = rng.choice(people)
            opened = today - rng.randint(1, HISTORY_DAYS) * day
            is_open = rng.random() < OPEN_SHARE
            ended = None if is_open else min(today, opened + rng.randint(1, 120) * day)
            officer = rng.choice(officers.get(person.force_id) or [None])
            due = rules.review_due(opened) if is_open else None
            if is_open and due is not None:
                while due < today - 7 * day and rng.random() < 0.9:
                    due = rules.review_due(due)
                ctx.live_clocks.append(
                    {
                        "kind": kind,
                        "title": "Wanted and outstanding review",
                        "model": f"wanted.{model._meta.model_name}",
                        "object_id": pk,
                        "force_id": person.force_id,
                        "offender_id": person.id,
                        "user_id": officer,
                        "due_at": _at(due),
                        "team": "investigation",
                    }
                )
            row = [
                pk,
                person.force_id,
                person.id,
                "Burglary dwelling",
                officer,
                person.area_id,
                due,
                ended,
                "",
                1,
                _at(opened),
            ]
            if model is WantedCirculation:
                outcome = "" if is_open else rng.choice(list(WantedOutcome)).value
                row += [
                    Reason.ARREST_NECESSARY.value,
                    NECESSITY,
                    "prevent_disappearance",
                    opened,
                    outcome,
                ]
            elif model is OutstandingSuspect:
                outcome = "" if is_open else rng.choice(list(SuspectResolution)).value
                row += [f"37/{pk:05d}/{opened:%y}", opened, outcome]
            else:
                outcome = "" if is_open else rng.choice(list(WarrantOutcome)).value
                row += [
                    rng.choice(list(WarrantKind)).value,
                    "Magistrates' court",
                    opened,
                    False,
                    outcome,
                ]
            writer.add(tuple(row))
        made.append(f"{writer.close()} {model._meta.verbose_name_plural}")
    attendances = ctx.writer(
        VoluntaryAttendance,
        [
            "id",
            "force_id",
            "offender_id",
            "interviewed_on",
            "offence",
            "officer_in_case_id",
            "district_id",
            "outcome",
            "outcome_on",
            "version",
            "created_at",
        ],
    )
    outcomes = [o.value for o in AttendanceOutcome]
    for pk in ctx.ids(VoluntaryAttendance, max(2, scale // 100)):
        person = rng.choice(people)
        interviewed = today - rng.randint(0, HISTORY_DAYS) * day
        decided = rng.random() < 0.7
        attendances.add(
            (
                pk,
                person.force_id,
                person.id,
                interviewed,
                "Theft from a shop",
                rng.choice(officers.get(person.force_id) or [None]),
                person.area_id,
                rng.choice(outcomes) if decided else "",
                min(today, interviewed + rng.randint(0, 60) * day) if decided else None,
                1,
                _at(interviewed),
            )
        )
    made.append(f"{attendances.close()} voluntary attendances")
    return ", ".join(made)

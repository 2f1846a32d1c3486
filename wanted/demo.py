"""Demo wanted persons, outstanding suspects, warrants and voluntary attenders, loaded by
``make run``: a realistic District Commander's monthly list in every district of both forces.

Seeded, so every run makes the same choices; idempotent per force (a force that already has
wanted records is left alone). Dates are relative to today so that each district's list has
old cases near the top, some new this month, some ended this month (the "what changed"
rows) and some reviews overdue. Everything is written through the services with the clock
set to when each step happened. Nobody in custody now is made wanted.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

from django.utils import timezone

from accounts.models import Force, PolicingArea, User
from bail.models import BailCase
from core.calendar import london_datetime
from custody.models import Detention
from offenders.models import Offender
from wanted import services
from wanted.choices import (
    AttendanceOutcome,
    NecessityGround,
    Reason,
    SuspectResolution,
    WantedOutcome,
    WarrantKind,
    WarrantOutcome,
)
from wanted.models import WantedCirculation

DEMO_SEED = 20261202
# Per district at full scale: wanted circulations, outstanding suspects, warrants.
PER_DISTRICT = {"suffolk": (9, 6, 3), "norfolk": (5, 4, 2)}
ATTENDERS_PER_FORCE = {"suffolk": 60, "norfolk": 36}

OFFENCES = [
    "Burglary dwelling",
    "Robbery of a mobile phone",
    "Assault occasioning actual bodily harm",
    "Theft from a shop (repeat)",
    "Possession with intent to supply class A",
    "Criminal damage to a vehicle",
    "Stalking",
    "Theft of a motor vehicle",
    "Fraud by false representation",
    "Breach of a non-molestation order",
]
NECESSITIES = [
    (
        NecessityGround.PREVENT_DISAPPEARANCE,
        "Left his home address after the offence and has not answered calls or letters; "
        "he will not attend voluntarily.",
    ),
    (
        NecessityGround.PROTECT_CHILD,
        "The victim is a child living nearby; arrest is needed to impose bail conditions "
        "that keep him away.",
    ),
    (
        NecessityGround.PROMPT_INVESTIGATION,
        "Phone and clothing must be seized and an interview held before evidence is lost.",
    ),
    (
        NecessityGround.ADDRESS,
        "No fixed abode; no address at which a summons or postal requisition can be served.",
    ),
    (
        NecessityGround.PREVENT_HARM,
        "Made repeated threats to the victim since the offence; arrest prevents further harm.",
    ),
]
COURTS = {
    "suffolk": ["Ipswich Magistrates' Court", "Suffolk Magistrates' Court (Bury St Edmunds)"],
    "norfolk": ["Norwich Magistrates' Court", "Great Yarmouth Magistrates' Court"],
}


def _now(day: dt.date) -> dt.datetime:
    return london_datetime(day, dt.time(10, 0))


def _ago(today: dt.date, days: int) -> dt.date:
    return today - dt.timedelta(days=days)


def _ending(rng: random.Random, opened: dt.date, today: dt.date) -> dt.date | None:
    """A third end: some last month, some this month, the rest stay open."""
    roll = rng.random()
    if roll < 0.66:
        return None
    month_start = today.replace(day=1)
    if roll < 0.83 and opened < month_start:
        return max(opened, month_start + dt.timedelta(days=rng.randint(0, today.day - 1)))
    return min(today, opened + dt.timedelta(days=rng.randint(3, 60)))


def load_demo_wanted(scale: float = 1.0) -> str:
    rng = random.Random(DEMO_SEED)
    today = timezone.localdate()
    made = 0
    for force_code, (wanted_n, suspects_n, warrants_n) in PER_DISTRICT.items():
        force = Force.objects.get(code=force_code)
        if WantedCirculation.objects.filter(force=force).exists():
            continue
        officers = list(
            User.objects.filter(force=force, groups__name="investigator").order_by("pk")
        ) or list(User.objects.filter(force=force).order_by("pk")[:1])
        if not officers:
            continue
        in_custody = Detention.objects.in_custody().values("offender_id")
        free = Offender.objects.live().filter(force=force).exclude(pk__in=in_custody)
        if not free.exists():
            continue
        # Newest first; a small demo runs out of people, so some come round again (wanted in
        # one case, a suspect in another).
        people = itertools.cycle(list(free.order_by("-pk")))
        bail_cases = list(
            BailCase.objects.filter(force=force, status__in=["bail", "rui"])
            .exclude(offender__in=in_custody)
            .order_by("pk")[:6]
        )
        for district in PolicingArea.objects.filter(force=force).order_by("code"):
            counts = [max(1, round(n * scale)) for n in (wanted_n, suspects_n, warrants_n)]
            made += _district(
                rng, today, district, people, officers, bail_cases, counts, COURTS[force_code]
            )
        made += _attenders(
            rng,
            today,
            force,
            people,
            officers,
            max(4, round(ATTENDERS_PER_FORCE[force_code] * scale)),
        )
    return (
        f"{made} new wanted, suspect, warrant and voluntary-attender records "
        f"({WantedCirculation.objects.open().count()} people wanted now)"
    )


def _district(rng, today, district, people, officers, bail_cases, counts, courts) -> int:
    wanted_n, suspects_n, warrants_n = counts
    made = 0
    for number in range(wanted_n):
        person = next(people, None)
        if person is None:
            return made
        officer = rng.choice(officers)
        opened = _ago(today, rng.choice([2, 9, 17, 26, 40, 55, 75, 95, 130, 160, 210, 300]))
        ground, words = rng.choice(NECESSITIES)
        reason, bail_case = Reason.ARREST_NECESSARY, None
        if number == 1 and bail_cases:
            bail_case = bail_cases.pop()
            person = bail_case.offender
            reason = (
                Reason.RUI_FRESH_EVIDENCE
                if bail_case.status == "rui"
                else Reason.FAILED_TO_ANSWER_BAIL
            )
            opened = max(opened, bail_case.arrested_on)
        circulation = services.circulate(
            offender=person,
            reason=reason,
            bail_case=bail_case,
            offence=rng.choice(OFFENCES),
            circulated_on=opened,
            district=district,
            officer_in_case=officer,
            necessity_ground=ground,
            necessity=words,
            by=officer,
            now=_now(opened),
        )
        made += 1
        ended = _ending(rng, opened, today)
        _reviews(rng, circulation, opened, ended or today, officer)
        if ended is not None:
            services.end_circulation(
                circulation=circulation,
                ended_on=ended,
                outcome=rng.choice(
                    [WantedOutcome.ARRESTED] * 3
                    + [WantedOutcome.SURRENDERED, WantedOutcome.NO_LONGER_NECESSARY]
                ),
                note="Circulation cancelled on the PNC.",
                by=officer,
                now=_now(ended),
            )
    for _ in range(suspects_n):
        person = next(people, None)
        if person is None:
            return made
        officer = rng.choice(officers)
        opened = _ago(today, rng.choice([4, 12, 30, 45, 70, 100, 150, 240]))
        suspect = services.record_suspect(
            offender=person,
            crime_reference=f"37/{rng.randint(10000, 99999)}/{opened:%y}",
            offence=rng.choice(OFFENCES),
            identified_on=opened,
            district=district,
            officer_in_case=officer,
            by=officer,
            now=_now(opened),
        )
        made += 1
        ended = _ending(rng, opened, today)
        _reviews(rng, suspect, opened, ended or today, officer)
        if ended is not None:
            services.resolve_suspect(
                suspect=suspect,
                resolved_on=ended,
                resolution=rng.choice(list(SuspectResolution)),
                by=officer,
                now=_now(ended),
            )
    for _ in range(warrants_n):
        person = next(people, None)
        if person is None:
            return made
        officer = rng.choice(officers)
        opened = _ago(today, rng.choice([6, 20, 35, 80, 120, 200]))
        warrant = services.record_warrant(
            offender=person,
            kind=rng.choice(list(WarrantKind)),
            court=rng.choice(courts),
            issued_on=opened,
            backed_for_bail=rng.random() < 0.3,
            offence=rng.choice(OFFENCES),
            district=district,
            officer_in_case=officer,
            by=officer,
            now=_now(opened),
        )
        made += 1
        ended = _ending(rng, opened, today)
        _reviews(rng, warrant, opened, ended or today, officer)
        if ended is not None:
            services.end_warrant(
                warrant=warrant,
                ended_on=ended,
                outcome=rng.choice(list(WarrantOutcome)),
                by=officer,
                now=_now(ended),
            )
    return made


def _reviews(rng, case, opened: dt.date, until: dt.date, officer) -> None:
    """Reviews held on time up to ``until``; about a third of cases miss the latest one."""
    cadence = 28
    day = opened + dt.timedelta(days=cadence - rng.randint(0, 3))
    stop = until - dt.timedelta(days=cadence) if rng.random() < 0.3 else until
    while day <= stop:
        services.record_review(
            case=case,
            held_on=day,
            note=rng.choice(
                [
                    "Arrest still necessary. Home address visited, no trace; family spoken to.",
                    "Still outstanding. Intelligence checked; circulation stays.",
                    "Reviewed with the sergeant: keep circulated, try known associates.",
                ]
            ),
            by=officer,
            now=_now(day),
        )
        case.refresh_from_db()
        day += dt.timedelta(days=cadence - rng.randint(0, 2))


def _attenders(rng, today, force, people, officers, count: int) -> int:
    areas = list(PolicingArea.objects.filter(force=force).order_by("code"))
    made = 0
    for _ in range(count):
        person = next(people, None)
        if person is None:
            break
        officer = rng.choice(officers)
        interviewed = _ago(today, rng.randint(0, 360))
        attendance = services.record_attendance(
            offender=person,
            interviewed_on=interviewed,
            offence=rng.choice(OFFENCES),
            district=rng.choice(areas),
            officer_in_case=officer,
            by=officer,
            now=_now(interviewed),
        )
        made += 1
        if interviewed < today - dt.timedelta(days=21) or rng.random() < 0.3:
            decided = min(today, interviewed + dt.timedelta(days=rng.randint(0, 40)))
            services.record_attendance_outcome(
                attendance=attendance,
                outcome=rng.choice(
                    [AttendanceOutcome.NFA] * 3
                    + [AttendanceOutcome.OOCD] * 2
                    + [AttendanceOutcome.CHARGED] * 2
                    + [AttendanceOutcome.RUI]
                ),
                outcome_on=decided,
                by=officer,
                now=_now(decided),
            )
    return made

"""Demo bail and RUI cases: a believable mix across both forces, loaded by ``make run``.

Seeded, so every run makes the same choices; idempotent, keyed on the person: a person who
already has a bail case is left alone, so running it twice (or on another day) changes
nothing. Dates are relative to today so that the queue always has work in it: bail ending
in the next fortnight, lapsed bail awaiting assessment, extended bail, RUI reviews due, and
a year of ended cases for the supervisor's figures. Cases are written through the services
with the clock set to when each step happened.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from accounts.models import Force, PolicingArea, User
from bail import rules, services
from bail.models import BailCase
from core.calendar import london_datetime
from offenders.models import OffenceType, Offender

DEMO_SEED = 20261123
CASES_PER_FORCE = {"suffolk": 48, "norfolk": 30}

# (offence type code, offence as the custody record words it, conditions)
SCENARIOS = [
    (
        "burglary-dwelling",
        "Burglary of a house while the occupants were away",
        ["Curfew 21:00 to 06:00 at home address"],
    ),
    ("shoplifting", "Repeat theft of spirits from a supermarket", ["Not to enter the named store"]),
    (
        "abh",
        "Assault on partner at home address",
        [
            "VICTIM:Not to contact the complainant directly or indirectly",
            "VICTIM:Not to enter the street where the complainant lives",
        ],
    ),
    (
        "coercive-control",
        "Controlling or coercive behaviour towards former partner",
        ["VICTIM:Not to contact the complainant directly or indirectly"],
    ),
    (
        "supply-class-a",
        "Being concerned in the supply of crack cocaine",
        ["Reside and sleep at home address", "Report to the police station weekly"],
    ),
    (
        "fraud-false-representation",
        "Online fraud against elderly residents",
        ["Not to hold more than one bank account"],
    ),
    ("criminal-damage", "Damage to parked vehicles", []),
    (
        "theft-of-vehicle",
        "Theft of a van from a building site",
        ["Curfew 22:00 to 06:00 at home address"],
    ),
    (
        "stalking",
        "Stalking a former colleague",
        [
            "VICTIM:Not to contact the complainant directly or indirectly",
            "VICTIM:Not to go within 100 metres of the complainant's workplace",
        ],
    ),
    ("robbery-personal", "Street robbery of a mobile phone", ["Not to enter the town centre"]),
    (
        "sexual-assault",
        "Sexual assault in a nightclub",
        ["VICTIM:Not to contact the complainant directly or indirectly"],
    ),
    ("handling-stolen-goods", "Handling stolen power tools", []),
]
VICTIM_VIEWS = [
    "Wants no contact and feels safer with the exclusion zone.",
    "Supports the conditions; asked to be told if they change.",
    "Worried about contact through friends; supports a no-contact condition.",
]


def _arrest_for_end(ends: dt.date) -> dt.date:
    """An arrest date whose initial 3-month bail period ends on ``ends``, or the nearest
    later one (month ends have no exact match on some days)."""
    day = ends - dt.timedelta(days=100)
    while True:
        if rules.initial_bail(arrested_on=day).bail_period_ends >= ends:
            return day
        day += dt.timedelta(days=1)


def _at(day: dt.date, hour: int = 14) -> dt.datetime:
    return london_datetime(day, dt.time(hour, 0))


def load_demo_bail() -> str:
    rng = random.Random(DEMO_SEED)
    today = timezone.localdate()
    types = {t.code: t for t in OffenceType.objects.filter(code__in=[s[0] for s in SCENARIOS])}
    created = 0
    for force_code, count in CASES_PER_FORCE.items():
        force = Force.objects.get(code=force_code)
        areas = list(PolicingArea.objects.filter(force=force).order_by("code"))
        bail_team = (
            User.objects.filter(force=force, groups__name="bail_management").order_by("pk").first()
        )
        officers = list(
            User.objects.filter(force=force, groups__name="investigator").order_by("pk")
        ) or [None]
        inspector = User.objects.filter(force=force, rank="inspector").order_by("pk").first()
        people = list(Offender.objects.live().filter(force=force).order_by("pk")[: count * 3 : 3])
        for number, person in enumerate(people):
            plan = _plan(rng, number, today)
            code, offence, conditions = rng.choice(SCENARIOS)
            district = rng.choice(areas) if areas else None
            officer = rng.choice(officers)
            views = rng.choice(VICTIM_VIEWS)
            if BailCase.objects.filter(offender=person).exists():
                continue
            _make_case(
                plan,
                person=person,
                offence=offence,
                offence_type=types.get(code),
                conditions=conditions,
                district=district,
                officer=officer,
                views=views,
                by=bail_team,
                inspector=inspector,
            )
            created += 1
    services.record_lapses(now=timezone.now())
    return f"{created} new bail and RUI cases ({BailCase.objects.count()} in all)"


def _plan(rng: random.Random, number: int, today: dt.date) -> dict:
    """What happens to the case: a kind in a fixed rotation, with seeded dates."""
    kinds = [
        "ending_soon",
        "ending_soon",
        "live",
        "extended",
        "lapsed",
        "lapsed_assessed",
        "rui",
        "rui_review_due",
        "ended",
        "ended",
        "ended_rui",
        "live",
    ]
    kind = kinds[number % len(kinds)]
    if kind == "ending_soon":
        arrested = _arrest_for_end(today + dt.timedelta(days=rng.randint(1, 14)))
    elif kind == "live":
        arrested = today - dt.timedelta(days=rng.randint(3, 70))
    elif kind == "extended":
        arrested = today - dt.timedelta(days=rng.randint(95, 170))
    elif kind in ("lapsed", "lapsed_assessed"):
        arrested = _arrest_for_end(today - dt.timedelta(days=rng.randint(2, 25)))
    elif kind == "rui":
        arrested = today - dt.timedelta(days=rng.randint(5, 60))
    elif kind == "rui_review_due":
        arrested = today - dt.timedelta(days=rng.randint(78, 88))
    else:
        arrested = today - dt.timedelta(days=rng.randint(100, 360))
    return {
        "kind": kind,
        "arrested": arrested,
        "today": today,
        "outcome": rng.choice(["charged", "charged", "nfa", "oocd"]),
        "ended_after": rng.randint(10, 80),
    }


def _make_case(
    plan, *, person, offence, offence_type, conditions, district, officer, views, by, inspector
):
    kind, arrested, today = plan["kind"], plan["arrested"], plan["today"]
    rui = kind in ("rui", "rui_review_due", "ended_rui")
    listed = [
        {"text": text.removeprefix("VICTIM:"), "protects_victim": text.startswith("VICTIM:")}
        for text in conditions
    ]
    case = services.open_case(
        offender=person,
        arrested_on=arrested,
        status="rui" if rui else "bail",
        by=by,
        now=_at(arrested + dt.timedelta(days=1), 9),
        officer_in_case=officer,
        offence=offence,
        offence_type=offence_type,
        district=district,
        conditions=[] if rui else listed,
        victim_views=(
            {"sought": True, "views": views} if any(c["protects_victim"] for c in listed) else None
        ),
    )
    if kind == "extended":
        decided = case.bail_period_ends - dt.timedelta(days=5)
        authoriser = inspector.get_full_name() if inspector else "Inspector on duty"
        services.extend_bail(
            case=case,
            authority="inspector",
            decided_on=decided,
            authorised_by_name=authoriser,
            authorised_by_rank="inspector",
            by=by,
            now=_at(decided),
        )
    elif kind == "lapsed_assessed":
        case.refresh_from_db()
        lapsed_on = case.bail_period_ends + dt.timedelta(days=1)
        decided = min(today, lapsed_on + dt.timedelta(days=1))
        if plan["outcome"] == "charged":
            services.assess_lapse(
                case=case,
                decision="continue_rui",
                decided_on=decided,
                by=by,
                now=_at(decided),
                rationale="Bail not extended in time; suspect compliant and the file is with the CPS.",
            )
        else:
            services.assess_lapse(
                case=case,
                decision="close",
                outcome="nfa",
                decided_on=decided,
                by=by,
                now=_at(decided),
                rationale="Victim withdrew support; no realistic prospect of conviction.",
            )
    elif kind == "ended":
        case.refresh_from_db()
        ended = min(case.bail_period_ends, arrested + dt.timedelta(days=plan["ended_after"]))
        services.end_case(
            case=case,
            ended_on=ended,
            reason=plan["outcome"],
            by=by,
            now=_at(ended),
            rationale="Investigation complete.",
        )
    elif kind == "ended_rui":
        ended = min(today, arrested + dt.timedelta(days=plan["ended_after"] + 40))
        services.end_case(
            case=case,
            ended_on=ended,
            reason=plan["outcome"],
            by=by,
            now=_at(ended),
            rationale="File reviewed and decision made.",
        )
    return case

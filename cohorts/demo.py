"""Demo IOM cohort shaped like Suffolk's (DOMAIN.md §12), loaded by ``make run``.

About 103 members on the scheme (28 fixed, 68 flexible, 7 free, the free cohort for women
as Suffolk runs it), about 50 managed in the community, adoptions and removals since April,
and offence histories before and after adoption, so the dashboard computes real figures.
Everything is written through the services, so audit rows, review deadlines, moves and
removals are exactly what a user would have produced. Seeded and idempotent: nothing is
created when the force already has IOM memberships.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from accounts.models import Force, User
from cohorts import rules, services
from cohorts.models import IomCohortCriteria, IomMembership
from core.calendar import add_months
from offenders.choices import OffenceCategory
from offenders.models import Gender, Offence, OffenceType, Offender, OutcomeCode

DEMO_SEED = 20261122
FORCE = "suffolk"
CURRENT = {"fixed": 28, "flexible": 68, "free": 7}
ADOPTED_SINCE_APRIL = 19
REMOVED_SINCE_APRIL = 19
REMOVED_EARLIER = 14
IN_PRISON = 53  # of the current members: the rest (about 50) are managed in the community
MOVES = 5

# Codes from the offence catalogue (offenders/catalogue.py); made here only if it is missing.
FALLBACK_TYPES = {
    "burglary-dwelling": (
        "Burglary - dwelling (domestic burglary)",
        OffenceCategory.EITHER_WAY,
        "30",
        True,
    ),
    "robbery-personal": (
        "Robbery of personal property (street)",
        OffenceCategory.INDICTABLE_ONLY,
        "365",
        True,
    ),
    "theft-from-person": ("Theft from the person", OffenceCategory.EITHER_WAY, "4.50", True),
    "theft-of-vehicle": ("Theft of a motor vehicle", OffenceCategory.EITHER_WAY, "4.50", True),
    "theft-from-vehicle": ("Theft from a motor vehicle", OffenceCategory.EITHER_WAY, "2.25", True),
    "shoplifting": ("Theft from a shop or stall", OffenceCategory.EITHER_WAY, "4.50", False),
    "common-assault": ("Common assault", OffenceCategory.SUMMARY, "8", False),
    "criminal-damage": ("Criminal damage", OffenceCategory.EITHER_WAY, "2.25", False),
    "possession-class-a": ("Possession of a Class A drug", OffenceCategory.EITHER_WAY, "8", False),
}
BEFORE_MIX = {
    "fixed": {
        "burglary-dwelling": 5,
        "robbery-personal": 2,
        "theft-from-person": 3,
        "theft-of-vehicle": 2,
        "theft-from-vehicle": 3,
        "shoplifting": 2,
    },
    "flexible": {
        "shoplifting": 5,
        "common-assault": 3,
        "criminal-damage": 2,
        "possession-class-a": 2,
        "burglary-dwelling": 2,
        "theft-from-vehicle": 2,
        "robbery-personal": 1,
    },
    "free": {
        "shoplifting": 6,
        "theft-from-person": 2,
        "criminal-damage": 1,
        "possession-class-a": 1,
    },
}
AFTER_MIX = {
    "shoplifting": 6,
    "theft-from-vehicle": 3,
    "common-assault": 2,
    "criminal-damage": 2,
    "burglary-dwelling": 1,
}
REASONS = {
    "fixed": "Neighbourhood crime: repeat dwelling burglary and vehicle crime; under licence.",
    "flexible": "Local priority: prolific acquisitive offending linked to Class A use.",
    "free": "Female pathway: repeat shoplifting, voluntary engagement with support services.",
}
REMOVAL_REASONS = {
    rules.RemovalReason.REDUCED_RISK: 10,
    rules.RemovalReason.LONG_CUSTODY: 4,
    rules.RemovalReason.END_OF_SUPERVISION: 4,
    rules.RemovalReason.MOVED_AWAY: 2,
    rules.RemovalReason.DIED: 1,
}


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _offence_types() -> dict[str, OffenceType]:
    types = {}
    for code, (name, category, harm, neighbourhood) in FALLBACK_TYPES.items():
        types[code], _ = OffenceType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "harm_days": Decimal(harm),
                "neighbourhood_crime": neighbourhood,
                "harm_source": "Demo fallback: the offence catalogue was not loaded.",
            },
        )
    return types


def _offend(rng, person, types, mix, day, charged_share: float) -> None:
    charged = rng.random() < charged_share
    Offence.objects.create(
        offender=person,
        offence_type=types[_pick(rng, mix)],
        committed_on=day,
        area=person.home_area,
        outcome=OutcomeCode.CHARGED
        if charged
        else rng.choice([OutcomeCode.VICTIM_WITHDRAWS, OutcomeCode.EVIDENTIAL_SUPPORTED]),
        outcome_on=min(day + dt.timedelta(days=rng.randint(1, 40)), timezone.localdate()),
        description="IOM demo offence",
    )


def _random_day(rng, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _plan(rng: random.Random, today: dt.date) -> list[dict]:
    """Who joins which cohort when, and who leaves when: the cohort's shape, before people."""
    april = rules.financial_year_start(today)
    plans = []
    current = [cohort for cohort, n in CURRENT.items() for _ in range(n)]
    rng.shuffle(current)
    for i, cohort in enumerate(current):
        if i < ADOPTED_SINCE_APRIL:
            adopted = _random_day(rng, april, today - dt.timedelta(days=3))
        else:
            adopted = _random_day(rng, add_months(today, -36), april - dt.timedelta(days=1))
        plans.append({"cohort": cohort, "adopted_on": adopted, "removed_on": None})
    for n, (first, last) in (
        (REMOVED_SINCE_APRIL, (april, today)),
        (REMOVED_EARLIER, (add_months(april, -18), april - dt.timedelta(days=1))),
    ):
        for _ in range(n):
            removed = _random_day(rng, first, last)
            adopted = _random_day(rng, add_months(removed, -30), removed - dt.timedelta(days=60))
            cohort = rng.choices(["fixed", "flexible"], weights=[3, 7])[0]
            plans.append(
                {
                    "cohort": cohort,
                    "adopted_on": adopted,
                    "removed_on": removed,
                    "reason": _pick(rng, REMOVAL_REASONS),
                }
            )
    return plans


def load_demo_iom() -> str:
    """Create the demo IOM cohort if the force has none yet."""
    force = Force.objects.get(code=FORCE)
    existing = IomMembership.objects.filter(force=force)
    if existing.exists():
        return _describe(force)
    lead = User.objects.filter(username="iom.officer").first()
    second = User.objects.filter(username="supervisor").first() or lead
    if lead is None:
        return "no IOM officer in the demo users: nothing loaded"

    # Suffolk uses its free cohort for female offenders (§12): the criteria are data.
    IomCohortCriteria.objects.get_or_create(
        force=force, cohort="free", defaults={"female_only": True, "statutory_supervision": False}
    )
    rng = random.Random(DEMO_SEED)
    today = timezone.localdate()
    types = _offence_types()
    plans = _plan(rng, today)
    people = list(
        Offender.objects.filter(
            force=force, merged_into__isnull=True, pnc_id__isnull=False
        ).order_by("pnc_id")
    )
    women = [p for p in people if p.gender == Gender.FEMALE]
    others = [p for p in people if p.gender != Gender.FEMALE]
    rng.shuffle(women)
    rng.shuffle(others)
    # The free cohort is for women here; everyone else is drawn from the rest first.
    for plan in sorted(plans, key=lambda p: p["cohort"] != "free"):
        pool = (women or others) if plan["cohort"] == "free" else (others or women)
        if pool:
            plan["person"] = pool.pop()

    current = [p for p in plans if p["removed_on"] is None and "person" in p]
    in_prison = rng.sample(current, min(IN_PRISON, len(current)))
    for plan in in_prison:
        plan["prison_from"] = _random_day(
            rng, plan["adopted_on"] - dt.timedelta(days=60), today - dt.timedelta(days=1)
        )
    movers = [
        p
        for p in plans
        if p["removed_on"] is None
        and p["cohort"] == "fixed"
        and p["adopted_on"] < today - dt.timedelta(days=200)
    ][:MOVES]
    for plan in movers:
        plan["move_on"] = _random_day(
            rng, plan["adopted_on"] + dt.timedelta(days=30), today - dt.timedelta(days=30)
        )

    for plan in plans:
        if "person" in plan:
            _load_member(rng, plan, types, lead if rng.random() < 0.7 else second, today)
    return _describe(force)


def _load_member(rng, plan, types, lead, today) -> None:
    person: Offender = plan["person"]
    adopted, removed, cohort = plan["adopted_on"], plan["removed_on"], plan["cohort"]
    first_cohort = "flexible" if "move_on" in plan else cohort
    # Before adoption: a run of offending in the two years that got them selected.
    for _ in range(rng.randint(3, 7)):
        day = _random_day(rng, add_months(adopted, -24), adopted - dt.timedelta(days=1))
        _offend(rng, person, types, BEFORE_MIX[first_cohort], day, charged_share=0.8)
    membership = services.adopt_iom_member(
        offender=person,
        cohort=first_cohort,
        adopted_on=adopted,
        reason=REASONS[first_cohort],
        lead_officer=lead,
        by=lead,
        today=today,
        ogrs_score=rng.randint(45, 96),
        statutory_supervision=cohort != "free",
        probation_contact=rng.choice(
            [
                "PO Claire Baxter, Ipswich",
                "PO Marcus Hill, Lowestoft",
                "PSO Dan Kerr, Bury St Edmunds",
            ]
        ),
    )
    prison_from = plan.get("prison_from")
    if prison_from:
        Offender.objects.filter(pk=person.pk).update(in_prison_since=prison_from)
    # After adoption: occasional, lower-harm offending, less often the longer they stay.
    last = min(
        d
        for d in (
            removed and removed - dt.timedelta(days=1),
            prison_from and prison_from - dt.timedelta(days=1),
            today,
        )
        if d
    )
    start = adopted
    while start <= last:
        if rng.random() < 0.31:
            _offend(
                rng,
                person,
                types,
                AFTER_MIX,
                _random_day(rng, start, min(last, add_months(start, 3) - dt.timedelta(days=1))),
                charged_share=0.75,
            )
        start = add_months(start, 3)
    # Reviews every 12 weeks, the odd one late, up to the last few weeks.
    end = removed or today
    review_on = adopted + dt.timedelta(weeks=12, days=rng.randint(-7, 10))
    while review_on <= end - dt.timedelta(days=1) and review_on <= today - dt.timedelta(
        days=rng.randint(0, 30)
    ):
        services.record_iom_review(
            membership=membership,
            reviewed_on=review_on,
            by=lead,
            today=today,
            notes=rng.choice(
                [
                    "Engaging with probation and drug service.",
                    "Missed one appointment; home visit done.",
                    "Stable accommodation found.",
                    "Intelligence suggests renewed association with known burglars.",
                ]
            ),
        )
        review_on += dt.timedelta(weeks=12, days=rng.randint(-7, 10))
    if "move_on" in plan:
        membership, _warnings = services.move_iom_member(
            membership=membership,
            to_cohort=cohort,
            moved_on=max(plan["move_on"], membership.last_reviewed_on or adopted),
            reason="Neighbourhood crime (burglary) now the main concern; jointly managed with probation.",
            by=lead,
            today=today,
        )
    if removed:
        services.remove_iom_member(
            membership=membership,
            removed_on=max(removed, membership.last_reviewed_on or adopted),
            reason=plan["reason"],
            by=lead,
            at=timezone.now(),
            today=today,
            note="Deregistered at the monthly selection panel.",
        )


def _describe(force) -> str:
    today = timezone.localdate()
    memberships = (
        IomMembership.objects.filter(force=force)
        .select_related("offender")
        .prefetch_related("moves")
    )
    from cohorts.selectors import counts_on

    c = counts_on(memberships, today)
    return (
        f"IOM {c.total} on the scheme (fixed {c.fixed}, flexible {c.flexible}, free {c.free}), "
        f"{c.managed_in_community} managed in the community, {c.adoptions} adoptions and "
        f"{c.removals} removals since {c.since:%d %b %Y}"
    )

"""Demo disposals: a believable year across the districts of both forces, with course
referrals, completions and some breaches. Seeded (the same every run) and made through the
services, so deadlines, audit rows and history are as real use would leave them.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import PolicingArea, User
from core.calendar import add_months
from disposals import panel, reports, rules, services
from disposals.models import Disposal, Intervention, RJOutcome, Satisfaction
from offenders.models import Offender

DEMO_SEED = 20260308
PER_FORCE = {"suffolk": 190, "norfolk": 140}
# Who records the demo decisions: the Offender Diversion Team in Suffolk; in Norfolk, whose
# demo has no diversion user, the custody sergeant (who often decides OOCDs in custody).
DECIDERS = {"suffolk": "diversion", "norfolk": "norfolk.sergeant"}

# offence, category, course code, has an identifiable victim
OFFENCES = [
    ("Theft from a shop (goods under £100)", "either_way", "shoplifting-awareness", True),
    ("Theft from a shop (alcohol)", "either_way", "alcohol-awareness", True),
    ("Criminal damage to a bus shelter", "either_way", "criminal-damage-awareness", True),
    ("Criminal damage to a neighbour's car", "either_way", "victim-awareness", True),
    ("Common assault in a night-time economy venue", "summary", "anger-management", True),
    ("Possession of cannabis", "either_way", "cannabis-education", False),
    ("Possession of a controlled drug (class B)", "either_way", "drug-awareness", False),
    (
        "Using threatening words or behaviour (Public Order Act 1986 s.4A)",
        "either_way",
        "hate-crime-awareness",
        True,
    ),
    ("Being drunk and disorderly in a public place", "summary", "alcohol-awareness", False),
    ("Making off without payment from a petrol station", "either_way", "victim-awareness", True),
    ("Sending an offensive message", "summary", "online-safety", True),
    (
        "Antisocial behaviour causing harassment, alarm or distress",
        "summary",
        "antisocial-behaviour",
        True,
    ),
]
# Both demo forces run the adult two-tier framework (disposals.reference), which replaced simple
# cautions, penalty notices and cannabis and khat warnings for adults well before the demo year.
ADULT_TYPES = [
    ("community_resolution", 62),
    ("conditional_caution", 38),
]
YOUTH_TYPES = [
    ("community_resolution", 45),
    ("youth_caution", 20),
    ("youth_conditional_caution", 15),
    ("outcome_22", 20),
]
VIEWS = [
    "Wants an apology and for the person to attend a course.",
    "Would like the damage paid for and is content with an out-of-court disposal.",
    "Does not want the person prosecuted; wants reassurance it will not happen again.",
    "Supports a course so that the person understands the effect on staff.",
]


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def load_demo_disposals(scale: float = 1.0) -> str:
    """Create the demo disposals if missing (``scale`` < 1: fewer, for tests of the loader).
    Idempotent: skipped once the demo deciders have recorded any disposal."""
    deciders = {code: User.objects.filter(username=name).first() for code, name in DECIDERS.items()}
    if any(u is None for u in deciders.values()):
        return "skipped (demo users missing)"
    if Disposal.objects.filter(decided_by__in=deciders.values()).exists():
        return f"{Disposal.objects.count()} disposals"
    rng = random.Random(DEMO_SEED)
    today = timezone.localdate()
    courses = {i.code: i for i in Intervention.objects.active()}
    for force_code, count in PER_FORCE.items():
        by = deciders[force_code]
        people = list(Offender.objects.live().filter(force__code=force_code).order_by("pk"))
        areas = list(PolicingArea.objects.filter(force__code=force_code).order_by("code"))
        if not people or not areas:
            continue
        for _ in range(max(1, round(count * scale))):
            _one(rng, today, by, rng.choice(people), areas, courses)
        _prepare_panel_sample(today, by, force_code)
    return f"{Disposal.objects.count()} disposals"


def _prepare_panel_sample(today, by, force_code: str) -> None:
    """Release the scrutiny panel's default sample (the last three months, ten cases) as the
    Offender Diversion Team would, all but the last, which waits to be prepared."""
    start = add_months(today, -3) + dt.timedelta(days=1)
    sample, _population, _seed = reports.sample_disposals(
        Disposal.objects.filter(force__code=force_code), start=start, end=today, size=10
    )
    for disposal in list(sample)[:-1]:
        texts = panel.redacted_texts(disposal)
        services.release_to_panel(disposal=disposal, **texts, by=by, now=timezone.now())


def _one(rng, today, by, person, areas, courses) -> None:
    decided_on = today - dt.timedelta(days=rng.randint(2, 364))
    if decided_on <= person.date_of_birth:
        return
    age = person.age_on(decided_on)
    if age < rules.AGE_OF_CRIMINAL_RESPONSIBILITY:
        return
    disposal_type = _pick(rng, YOUTH_TYPES if age < rules.ADULT_AGE else ADULT_TYPES)
    offence, category, course_code, has_victim = rng.choice(OFFENCES)
    course = courses.get("youth-diversion" if disposal_type == "outcome_22" else course_code)
    conditions = []
    interventions = []
    if disposal_type in {
        "community_resolution",
        "conditional_caution",
        "youth_conditional_caution",
    }:
        due = decided_on + dt.timedelta(days=rng.choice([42, 56, 84]))
        conditions.append(
            rules.Condition(
                kind="rehabilitative", description=f"Attend the {course.name.lower()}", due_by=due
            )
        )
        interventions = [course]
        if has_victim and rng.random() < 0.4:
            conditions.append(
                rules.Condition(
                    kind="reparative",
                    description="Write a letter of apology to the victim",
                    due_by=decided_on + dt.timedelta(days=28),
                )
            )
        if disposal_type == "conditional_caution" and rng.random() < 0.3:
            conditions.append(
                rules.Condition(
                    kind="unpaid_work",
                    description="Unpaid work with the community payback team",
                    hours=rng.choice([4, 6, 8, 10]),
                    due_by=due,
                )
            )
    elif disposal_type == "outcome_22":
        interventions = [course]
    needs_views = disposal_type in rules.VICTIM_VIEWS_REQUIRED
    rj_offered = has_victim and disposal_type == "community_resolution" and rng.random() < 0.3
    rj_taken_up = rj_offered and rng.random() < 0.5
    try:
        disposal = services.decide(
            today=today,
            offender=person,
            disposal_type=disposal_type,
            decided_on=decided_on,
            offence=offence,
            offence_date=decided_on - dt.timedelta(days=rng.randint(0, 21)),
            offence_category=category,
            district=person.home_area
            if person.home_area and person.home_area.force_id == person.force_id
            else rng.choice(areas),
            admitted=disposal_type != "outcome_22" or rng.random() < 0.5,
            consented=True,
            dpp_consent=None,
            conditions=conditions,
            interventions=interventions,
            victim_views_sought=has_victim,
            victim_views=rng.choice(VIEWS) if has_victim else "",
            victim_not_practicable_reason=""
            if has_victim or not needs_views
            else "No identifiable victim",
            rj_offered=rj_offered,
            rj_taken_up=rj_taken_up,
            by=by,
        )
    except ValidationError:
        return  # a combination the rules refuse is simply not recorded, as in real use
    _progress(rng, today, by, disposal)


def _progress(rng, today, by, disposal) -> None:
    """Move the disposal on as far as the time since the decision allows."""
    outcome = rng.random()
    last = disposal.decided_on
    booked = rng.randint(4, 14)
    for referral in disposal.referrals.all():
        steps = (
            [("booked", booked), ("attended", booked + 14), ("completed", booked + 15)]
            if outcome < 0.82
            else [("booked", booked), ("did_not_attend", booked + 14)]
        )
        for status, days in steps:
            on = disposal.decided_on + dt.timedelta(days=days)
            if on > today:
                break
            services.progress_referral(today=today, referral=referral, status=status, on=on, by=by)
            last = max(last, on)
    disposal.refresh_from_db()
    # Conditions are done a few days before they fall due; those not yet done are what the
    # team's queue shows as due.
    for condition in disposal.conditions.filter(status=rules.ConditionStatus.OUTSTANDING.value):
        on = condition.due_by - dt.timedelta(days=rng.randint(1, 10))
        if outcome < 0.82 and disposal.decided_on <= on <= today:
            services.complete_condition(today=today, condition=condition, on=on, by=by)
            last = max(last, on)
    disposal.refresh_from_db()
    statuses = list(disposal.conditions.values_list("status", flat=True))
    open_referrals = disposal.referrals.filter(status__in=services.OPEN_REFERRAL_STATUSES).exists()
    if rules.is_complete(statuses) and not open_referrals and outcome < 0.82:
        completed_on = min(last + dt.timedelta(days=rng.randint(0, 5)), today)
        services.complete(today=today, disposal=disposal, completed_on=completed_on, by=by)
    elif outcome >= 0.82:
        # Decided some days after the missed session; the most recent are still to decide.
        breached_on = disposal.decided_on + dt.timedelta(days=booked + 14 + rng.randint(1, 25))
        if breached_on <= today:
            actions = rules.allowed_breach_actions(disposal.disposal_type)
            if actions:
                action = actions[0] if rng.random() < 0.6 else actions[-1]
                services.record_breach(
                    today=today,
                    disposal=disposal,
                    breached_on=breached_on,
                    details="Did not attend the course or respond to contact.",
                    action=action,
                    by=by,
                )
                if action == rules.BreachAction.WARNING:
                    _second_chance(rng, today, by, disposal, breached_on)
            elif disposal.disposal_type == "outcome_22":
                services.withdraw(
                    today=today,
                    disposal=disposal,
                    on=breached_on,
                    reason="Diversionary activity not undertaken; returned for a charging decision.",
                    by=by,
                )
    if disposal.rj_taken_up:
        _rj(rng, today, by, disposal)


def _second_chance(rng, today, by, disposal, warned_on) -> None:
    """After a warning the person is booked again; most then finish and the disposal closes."""
    finished = warned_on
    for referral in disposal.referrals.filter(status=rules.ReferralStatus.DID_NOT_ATTEND.value):
        for status, days in [("booked", 3), ("attended", 17), ("completed", 18)]:
            on = warned_on + dt.timedelta(days=days)
            if on > today or (status == "completed" and rng.random() < 0.15):
                return
            services.progress_referral(today=today, referral=referral, status=status, on=on, by=by)
            finished = max(finished, on)
    for condition in disposal.conditions.filter(status=rules.ConditionStatus.OUTSTANDING.value):
        services.complete_condition(today=today, condition=condition, on=finished, by=by)
    if not disposal.referrals.filter(status__in=services.OPEN_REFERRAL_STATUSES).exists():
        services.complete(today=today, disposal=disposal, completed_on=finished, by=by)


def _rj(rng, today, by, disposal) -> None:
    referral = disposal.rj_referral
    contact = referral.referred_on + dt.timedelta(days=rng.randint(3, 14))
    if contact > today:
        return
    outcome_on = contact + dt.timedelta(days=rng.randint(14, 40))
    if outcome_on > today:
        services.update_rj(
            today=today,
            referral=referral,
            contact_made_on=contact,
            outcome=RJOutcome.PENDING,
            outcome_on=None,
            victim_satisfaction="",
            version=referral.version,
            by=by,
        )
        return
    outcome = rng.choices(
        [
            RJOutcome.DIRECT_CONFERENCE,
            RJOutcome.INDIRECT,
            RJOutcome.VICTIM_DECLINED,
            RJOutcome.OFFENDER_DECLINED,
        ],
        weights=[35, 35, 20, 10],
    )[0]
    satisfaction = ""
    if outcome in services.RJ_HELD:
        satisfaction = rng.choices(
            [
                Satisfaction.VERY_SATISFIED,
                Satisfaction.SATISFIED,
                Satisfaction.NEITHER,
                Satisfaction.DISSATISFIED,
            ],
            weights=[45, 35, 12, 8],
        )[0]
    services.update_rj(
        today=today,
        referral=referral,
        contact_made_on=contact,
        outcome=outcome,
        outcome_on=outcome_on,
        victim_satisfaction=satisfaction,
        version=referral.version,
        by=by,
    )

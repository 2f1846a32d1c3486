"""Demo custody data: a believable month of detentions across the six PICs, some people in
custody now, children with their Golden Hour calls (met, late, missed), s.136 cases,
searches, force, control measures, mental-health assessments and s.38(6) transfers.

Everything goes through ``custody.services``, so the clocks, deadlines and audit rows are
what real use would leave. Times are relative to when the demo is first loaded, and it is
loaded once: if any detention exists, nothing is created (``make run`` twice changes
nothing).
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Team, User
from custody import services
from custody.models import Cell, CustodySuite, Detention, S136Detention
from custody.reference import team_code
from offenders.models import Offender

DEMO_SEED = 1984  # PACE
DAYS = 30
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
INSPECTORS = ["Insp Ada Lowe", "Insp Tom Wade", "Insp Nia Clarke", "Insp Raj Patel"]
SERGEANTS = ["Sgt Sam Okafor", "Sgt Jo Barker", "Sgt Lee Hart", "Sgt Amy Dunn"]
# Outcomes of released detentions, with weights.
OUTCOMES = {
    "charged": 22,
    "remanded": 5,
    "bail": 8,
    "rui": 20,
    "nfa": 27,
    "oocd": 13,
    "transferred": 5,
}
# Children in custody when the demo loads: how long ago they arrived and what became of
# the Golden Hour call, so the boards show each state (open, met, late, missed).
LIVE_CHILDREN = {
    "martlesham": (dt.timedelta(minutes=20), "open"),
    "bury-st-edmunds": (dt.timedelta(hours=2), "met"),
    "great-yarmouth": (dt.timedelta(hours=3), "missed"),
    "aylsham": (dt.timedelta(hours=5), "late"),
}
# Demo custody staff: username -> suite whose custody team they join.
STAFF_TEAMS = {
    "custody.sergeant": "martlesham",
    "custody.inspector": "martlesham",
    "norfolk.sergeant": "great-yarmouth",
}

H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)


def _join_teams() -> None:
    for username, suite_code in STAFF_TEAMS.items():
        user = User.objects.filter(username=username).first()
        team = Team.objects.filter(code=team_code(suite_code)).first()
        if user is not None and team is not None:
            user.teams.add(team)


def describe() -> str:
    return (
        f"{Detention.objects.count()} detentions ({Detention.objects.in_custody().count()} in "
        f"custody now, {Detention.objects.children().count()} children), "
        f"{S136Detention.objects.count()} s.136 detentions"
    )


def load_demo_custody(days: int = DAYS) -> str:
    """Create the demo custody month (``days`` of history) if there is none yet."""
    _join_teams()
    if Detention.objects.exists():
        return describe()
    rng = random.Random(DEMO_SEED)
    now = timezone.now().replace(second=0, microsecond=0)
    officer = User.objects.filter(username="custody.sergeant").first()
    busy: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}
    suites = list(CustodySuite.objects.select_related("force", "local_authority", "team"))
    cells = {suite.pk: list(Cell.objects.filter(suite=suite)) for suite in suites}
    people = {
        force_id: list(Offender.objects.live().filter(force_id=force_id).order_by("pk"))
        for force_id in {suite.force_id for suite in suites}
    }

    arrivals = []
    for suite in suites:
        per_day = max(1, len(cells[suite.pk]) // 12)
        for day in range(days, 0, -1):
            for _ in range(rng.randint(per_day - 1, per_day + 1)):
                arrived = now - day * 24 * H + rng.randint(0, 23 * 60) * M
                arrivals.append((arrived, suite))
    arrivals.sort(key=lambda item: item[0])

    for arrived, suite in arrivals:
        duration = rng.choice([3, 5, 7, 9, 11, 14, 17, 20]) * H + rng.randint(0, 59) * M
        if rng.random() < 0.03:
            duration = rng.randint(26, 33) * H  # a serious case kept beyond 24 hours
        if arrived + duration > now - H:
            continue
        _historic(
            rng, suite, cells[suite.pk], people[suite.force_id], busy, arrived, duration, officer
        )

    for suite in suites:
        occupied = rng.sample(cells[suite.pk], rng.randint(3, max(4, len(cells[suite.pk]) // 4)))
        for index, cell in enumerate(occupied):
            arrived = now - rng.randint(15, 20 * 60) * M
            child_wanted = index == 0 and suite.code in LIVE_CHILDREN
            if child_wanted:
                arrived = now - LIVE_CHILDREN[suite.code][0]
            _live(
                rng, suite, cell, people[suite.force_id], busy, arrived, now, officer, child_wanted
            )

    _s136(rng, suites, people, busy, now, officer, days)
    return describe()


def _available(rng, pool, busy, start, end, *, child: bool | None):
    """A person free over [start, end]; a child (under 18 on arrival) if asked."""
    from custody.rules import is_child

    candidates = [
        person
        for person in pool
        if (child is None or is_child(person.date_of_birth, start) == child)
        and all(end < s or start > e for s, e in busy.get(person.pk, []))
    ]
    if not candidates:
        return None
    person = rng.choice(candidates)
    busy.setdefault(person.pk, []).append((start, end))
    return person


def _book(rng, suite, cell, person, arrived, officer, child, serious=False):
    offence, indictable = rng.choice([o for o in OFFENCES if o[1]] if serious else OFFENCES)
    vulnerable = not child and rng.random() < 0.08
    return services.book_in(
        offender=person,
        suite=suite,
        cell=cell,
        arrested_at=arrived - rng.randint(15, 90) * M,
        arrived_at=arrived,
        detention_authorised_at=arrived + rng.randint(5, 25) * M,
        offence=offence,
        indictable=indictable,
        vulnerable=vulnerable,
        vulnerability_notes="Self-harm history; on constant observation" if vulnerable else "",
        appropriate_adult=rng.choice(
            ["Mother", "Father", "Carer", "Appropriate adult scheme volunteer"]
        )
        if child
        else "",
        welfare_person=rng.choice(["Mother", "Father", "Foster carer"]) if child else "",
        by=officer,
    )


def _reviews(rng, detention, until, officer):
    due = detention.next_review_due_at
    while due < until:
        held = due - rng.randint(0, 45) * M
        services.record_review(
            detention=detention,
            held_at=held,
            reviewer_name=rng.choice(INSPECTORS),
            reviewer_rank="inspector",
            by=officer,
        )
        detention.refresh_from_db()
        due = detention.next_review_due_at


def _golden_hour(rng, detention, officer, until, *, met: float = 0.7, late: float = 0.2):
    roll = rng.random()
    if roll < met:
        called = detention.arrived_at + rng.randint(10, 55) * M
    elif roll < met + late:
        called = detention.arrived_at + rng.randint(65, 150) * M
    else:
        return
    if called > until:
        return
    services.record_golden_hour_call(
        detention=detention,
        called_at=called,
        spoke_to="Customer First"
        if detention.golden_hour_destination == "customer_first"
        else "EDS duty social worker",
        safeguarding_concerns=rng.choice(
            ["", "", "Known to children's services; open child in need plan"]
        ),
        appropriate_adult=detention.appropriate_adult,
        release_to=rng.choice(["Mother", "Father", "Foster carer", ""]),
        diversion_reminder_given=rng.random() < 0.85,
        by=officer,
    )


def _extend(rng, detention, officer):
    """A superintendent's extension to 36 hours, given after the second review."""
    _reviews(rng, detention, detention.detention_authorised_at + 16 * H, officer)
    second_review = detention.reviews.order_by("held_at")[1].held_at
    services.grant_extension(
        detention=detention,
        kind="superintendent",
        authorised_at=second_review + 20 * M,
        until=detention.relevant_time + 36 * H,
        authorised_by_name=rng.choice(["Supt Kay Obi", "Supt Mark Hale"]),
        authorised_by_rank="superintendent",
        by=officer,
    )
    detention.refresh_from_db()


def _extras(rng, detention, start, until, officer):
    """Searches, force, control measures and assessments, at their usual rates, for those
    that would have happened before ``until`` (release, or now)."""
    if until - start < 8 * H:
        return
    sex = detention.offender.gender if detention.offender.gender in ("male", "female") else "male"
    if rng.random() < 0.05:
        present = [
            {"name": rng.choice(SERGEANTS), "role": "searching_officer", "sex": sex},
            {"name": "DO Casey Bell", "role": "officer", "sex": sex},
        ]
        if detention.is_child or detention.vulnerable:
            present.append(
                {
                    "name": detention.appropriate_adult or "Appropriate adult",
                    "role": "appropriate_adult",
                    "sex": "female",
                }
            )
        services.record_search(
            detention=detention,
            searched_at=start + 40 * M,
            reason="Intelligence that drugs were concealed; not found on the initial search",
            present=present,
            result=rng.choice(["Nothing found", "Wrap of suspected cocaine found and seized"]),
            by=officer,
        )
    if rng.random() < 0.07:
        services.record_use_of_force(
            detention=detention,
            used_at=start + 10 * M,
            officer_name=rng.choice(["PC Dan Reeve", "PC Kate Moss", "DO Casey Bell"]),
            tactics=rng.choice(["Arm restraint", "Handcuffs", "Ground restraint"]),
            reason="Resisted being taken to the cell and tried to assault staff",
            injury=rng.random() < 0.1,
            by=officer,
        )
    if rng.random() < 0.04:
        services.record_control_measure(
            detention=detention,
            kind=rng.choice(["rip_proof_clothing", "constant_observation"]),
            started_at=start + 30 * M,
            reason="Ligature risk after threats of self-harm",
            authorised_by_name=rng.choice(SERGEANTS),
            authorised_by_rank="sergeant",
            by=officer,
        )
    if rng.random() < 0.05:
        bed_needed = rng.random() < 0.5
        services.record_mental_health_assessment(
            detention=detention,
            requested_at=start + 2 * H,
            completed_at=start + rng.randint(4, 7) * H if rng.random() < 0.8 else None,
            bed_needed=bed_needed,
            bed_found=(rng.random() < 0.5) if bed_needed else None,
            notes="Assessed by the AMHP and section 12 doctor",
            by=officer,
        )


def _historic(rng, suite, cells, pool, busy, arrived, duration, officer):
    child = rng.random() < 0.1
    released = arrived + duration
    person = _available(rng, pool, busy, arrived - H, released + H, child=child)
    if person is None:
        return
    detention = _book(
        rng, suite, rng.choice(cells), person, arrived, officer, child, serious=duration > 24 * H
    )
    if detention.is_child:
        _golden_hour(rng, detention, officer, released)
    if released > detention.detention_limit_at:
        _extend(rng, detention, officer)
    _reviews(rng, detention, released, officer)
    _extras(rng, detention, detention.arrived_at, released, officer)
    outcome = rng.choices(list(OUTCOMES), weights=list(OUTCOMES.values()))[0]
    if detention.is_child and outcome == "remanded":
        charged = released - 2 * H
        services.record_juvenile_transfer(
            detention=detention,
            charged_at=charged,
            decided_at=charged + 20 * M,
            outcome="transfer_requested",
            by=officer,
        )
        if rng.random() < 0.5:
            services.record_juvenile_transfer(
                detention=detention,
                charged_at=charged,
                decided_at=released - 10 * M,
                outcome="transfer_achieved",
                by=officer,
            )
            outcome = "transferred"
    try:
        services.release(detention=detention, released_at=released, outcome=outcome, by=officer)
    except ValidationError:
        # The bail app refused a second case for someone already on bail: released NFA.
        services.release(detention=detention, released_at=released, outcome="nfa", by=officer)


def _live(rng, suite, cell, pool, busy, arrived, now, officer, child_wanted):
    person = _available(rng, pool, busy, arrived - H, now + 48 * H, child=bool(child_wanted))
    if person is None:
        return
    detention = _book(rng, suite, cell, person, arrived, officer, child_wanted)
    if detention.is_child:
        state = LIVE_CHILDREN.get(suite.code, (None, "met"))[1]
        met, late = {"met": (1, 0), "late": (0, 1)}.get(state, (0, 0))
        _golden_hour(rng, detention, officer, now, met=met, late=late)
    _reviews(rng, detention, now, officer)
    _extras(rng, detention, detention.arrived_at, now, officer)


def _s136(rng, suites, people, busy, now, officer, days):
    for _ in range(10):
        suite = rng.choice(suites)
        start = now - rng.randint(1, days) * 24 * H + rng.randint(0, 23) * H
        child = rng.random() < 0.2
        person = _available(rng, people[suite.force_id], busy, start, start + 24 * H, child=child)
        if person is None:
            continue
        station = not child and rng.random() < 0.35
        record = services.record_s136(
            offender=person,
            place="police_station" if station else "health_based",
            suite=suite if station else None,
            started_at=start,
            decided_by_name="PC Dan Reeve",
            decided_by_rank="constable",
            authorised_by_name=rng.choice(INSPECTORS) if station else "",
            authorised_by_rank="inspector" if station else "",
            imminent_risk=station,
            no_other_place=station,
            healthcare_professional_available=station,
            reasons="Extremely violent; the health-based place of safety could not hold him safely"
            if station
            else "",
            by=officer,
        )
        end = start + rng.randint(5, 20) * H
        if end < now:
            services.end_s136(
                record=record,
                ended_at=end,
                outcome=rng.choice(
                    [
                        "Admitted under s.2",
                        "Discharged with community follow-up",
                        "Informal admission",
                    ]
                ),
                by=officer,
            )

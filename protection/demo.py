"""Demo public-protection unit shaped like Suffolk's (DOMAIN.md §12), scaled down.

Suffolk: 924 RSOs in the community and 164 in custody (about 85:15), MAPPA level 2 cases
Bury St Edmunds 9, Ipswich 15, Lowestoft 9, level 3 two, cases transferred in from other
areas counted apart, about six SHPOs a month. The demo has a twentieth of the RSOs (the demo
force has 240 people), the MAPPA figures as they are, and about one SHPO a month, with visits,
notifications (some late or overdue), intelligence and offences detected, so the dashboard
looks like a real unit's on first run. Everything goes through the services (audit rows and
deadlines as a user would have made them). Seeded and idempotent.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from accounts.models import Force, PolicingArea, User
from core.calendar import add_months
from offenders.models import Offender
from protection import services
from protection.models import MappaCase, ProtectiveOrder, RsoRegistration

DEMO_SEED = 20261202
FORCE = "suffolk"
RSO_COMMUNITY = 46
RSO_CUSTODY = 8
MAPPA_LEVEL_2 = {"west": 9, "south": 15, "east": 9}  # Bury St Edmunds, Ipswich, Lowestoft
MAPPA_LEVEL_3 = {"south": 1, "east": 1}
MAPPA_TRANSFERRED_IN = 2
SHPO_PER_MONTH = (0, 1, 1, 2)


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def load_demo_protection(scale: float = 1.0) -> str:
    force = Force.objects.get(code=FORCE)
    if RsoRegistration.objects.filter(force=force).exists():
        return _describe(force)
    ppu = User.objects.filter(username="ppu.officer").first()
    mappa_lead = User.objects.filter(username="mappa.coordinator").first() or ppu
    if ppu is None:
        return "no PPU officer in the demo users: nothing loaded"
    rng = random.Random(DEMO_SEED)
    today = timezone.localdate()
    areas = {a.code: a for a in PolicingArea.objects.filter(force=force)}
    adults = list(
        Offender.objects.filter(force=force, merged_into__isnull=True, pnc_id__isnull=False)
        .filter(date_of_birth__lt=today - dt.timedelta(days=19 * 365))
        .order_by("pnc_id")
    )
    on_iom = set(
        Offender.objects.filter(force=force, iom_memberships__removed_on__isnull=True).values_list(
            "pk", flat=True
        )
    )
    # People not on IOM first (the demo force is small: the rest may be on both).
    people = [p for p in adults if p.pk not in on_iom]
    others = [p for p in adults if p.pk in on_iom]
    rng.shuffle(people)
    rng.shuffle(others)
    people += others
    if not people:
        return "no demo people: nothing loaded"
    n_community = max(1, round(RSO_COMMUNITY * scale))
    n_custody = max(1, round(RSO_CUSTODY * scale))
    rso_people = people[: n_community + n_custody]
    for i, person in enumerate(rso_people):
        _load_rso(rng, person, ppu, areas, today, in_custody=i >= n_community)

    # MAPPA: level 2 and 3 per area; category 1 cases are RSOs, the rest other people.
    plans = [
        (2, code) for code, n in MAPPA_LEVEL_2.items() for _ in range(max(1, round(n * scale)))
    ]
    plans += [(3, code) for code, n in MAPPA_LEVEL_3.items() for _ in range(n)]
    pool = rso_people[: len(plans) // 3] + people[len(rso_people) :]
    for (level, code), person in zip(plans, pool, strict=False):
        category = 1 if person in rso_people else rng.choice([2, 2, 3])
        start = _day(rng, add_months(today, -18), today - dt.timedelta(days=30))
        case = services.open_mappa_case(
            offender=person,
            category=category,
            level=level,
            area=areas[code],
            lead_agency=rng.choice(["probation", "probation", "police"]),
            from_date=start,
            lead_officer=mappa_lead,
            by=mappa_lead,
            today=today,
            at=timezone.now(),
        )
        held = start + dt.timedelta(days=rng.randint(14, 80))
        while held < today - dt.timedelta(days=7):
            services.record_mappa_meeting(
                case=case,
                held_on=held,
                level=level,
                attendees="Police, probation, children's services",
                actions="Risk management plan reviewed",
                by=mappa_lead,
                today=today,
                at=timezone.now(),
            )
            case.refresh_from_db()
            held += dt.timedelta(weeks=16 if level == 2 else 8)
    for person in people[len(rso_people) + len(plans) :][:MAPPA_TRANSFERRED_IN]:
        services.open_mappa_case(
            offender=person,
            category=2,
            level=2,
            area=areas["south"],
            lead_agency="probation",
            from_date=today - dt.timedelta(days=rng.randint(20, 200)),
            lead_officer=mappa_lead,
            transferred_in=True,
            transferred_from="Approved Premises (owned by Essex)",
            by=mappa_lead,
            today=today,
            at=timezone.now(),
        )

    # Orders: SHPOs each month on RSOs, and some domestic-abuse orders.
    month = add_months(today.replace(day=1), -11)
    while month <= today and rso_people:
        for _ in range(rng.choice(SHPO_PER_MONTH) if scale >= 1 else rng.choice((0, 1))):
            made = _day(rng, month, min(today, add_months(month, 1) - dt.timedelta(days=1)))
            until_further_order = rng.random() < 0.4
            services.make_order(
                offender=rng.choice(rso_people),
                kind="shpo",
                made_on=made,
                until_further_order=until_further_order,
                ends_on=None
                if until_further_order
                else add_months(made, 60 + 12 * rng.randint(0, 5)),
                prohibitions=[
                    "No unsupervised contact with children under 16",
                    "Internet use: devices to be made available for inspection",
                ],
                by=ppu,
                today=today,
            )
        month = add_months(month, 1)
    # Domestic-abuse orders the force must see at a glance (DOMAIN.md §7 lengths).
    for i, person in enumerate(people[len(rso_people) :][-3:]):
        made = today - dt.timedelta(days=5 + 20 * i)
        kind, ends = (
            ("dvpo", made + dt.timedelta(days=27))
            if i == 0
            else ("non_molestation", add_months(made, 6))
        )
        services.make_order(
            offender=person,
            kind=kind,
            made_on=made,
            ends_on=ends,
            prohibitions=[
                "No contact with the protected person",
                "Not to enter the street where she lives",
            ],
            by=ppu,
            today=today,
        )
    return _describe(force)


def _load_rso(rng, person, ppu, areas, today, *, in_custody: bool) -> None:
    # (disposal, sentence months, how far back the relevant date may be, in months)
    disposal, sentence, back = rng.choice(
        [
            ("imprisonment", 36, 96),
            ("imprisonment", 18, 96),
            ("imprisonment", 4, 72),
            ("other", None, 48),
            ("caution", None, 18),
        ]
    )
    relevant = _day(rng, add_months(today, -back), today - dt.timedelta(days=20))
    release = (
        _day(rng, today + dt.timedelta(days=30), today + dt.timedelta(days=700))
        if in_custody
        else None
    )
    reg = services.register_rso(
        offender=person,
        relevant_date=relevant,
        disposal=disposal,
        sentence_months=sentence,
        in_custody_until=release,
        offence=rng.choice(
            [
                "Sexual assault",
                "Making indecent photographs of a child",
                "Exposure",
                "Sexual communication with a child",
                "Voyeurism",
            ]
        ),
        area=areas[rng.choice(["east", "west", "south", "south"])],
        lead_officer=ppu,
        by=ppu,
        today=today,
    )
    if in_custody:
        return
    at = timezone.now()
    first = min(today, reg.initial_notification_due - dt.timedelta(days=rng.randint(0, 2)))
    services.record_notification(
        registration=reg, kind="initial", notified_on=first, by=ppu, today=today, at=at
    )
    last = first
    # Annual notifications up to the last year; one in twelve is missed (overdue now).
    while add_months(last, 12) < today:
        if rng.random() < 0.08:
            break
        last = add_months(last, 12) - dt.timedelta(days=rng.randint(1, 20))
        reg.refresh_from_db()
        services.record_notification(
            registration=reg, kind="periodic", notified_on=last, by=ppu, today=today, at=at
        )
    reg.refresh_from_db()
    level = rng.choices(["very_high", "high", "medium", "low"], weights=[2, 18, 30, 50])[0]
    assessed = _day(rng, max(relevant, add_months(today, -14)), today - dt.timedelta(days=5))
    services.assess_risk(
        registration=reg, level=level, assessed_on=assessed, by=ppu, today=today, at=at
    )
    reg.refresh_from_db()
    # Visits since the assessment at about the plan's rhythm, some late or not done.
    visit = reg.next_visit_due
    while visit is not None and visit < today - dt.timedelta(days=3) and rng.random() < 0.85:
        day = min(today, visit + dt.timedelta(days=rng.randint(-5, 20)))
        services.record_visit(
            registration=reg,
            visited_on=day,
            outcome=rng.choices(["seen", "not_seen", "concerns"], weights=[80, 12, 8])[0],
            by=ppu,
            today=today,
            at=at,
        )
        reg.refresh_from_db()
        visit = reg.next_visit_due
        if rng.random() < 0.1:
            services.record_intelligence(
                registration=reg,
                kind="submission",
                recorded_on=day,
                summary="Intelligence submitted after the home visit",
                by=ppu,
                today=today,
            )
        if rng.random() < 0.02:
            services.record_intelligence(
                registration=reg,
                kind="offence_detected",
                recorded_on=day,
                summary="Breach of notification requirements detected at the visit",
                by=ppu,
                today=today,
            )


def _describe(force) -> str:
    regs = RsoRegistration.objects.filter(force=force).open()
    return (
        f"{regs.filter(in_custody=False).count()} RSOs in the community, "
        f"{regs.filter(in_custody=True).count()} in custody, "
        f"{MappaCase.objects.filter(force=force).open().count()} MAPPA cases, "
        f"{ProtectiveOrder.objects.filter(force=force).count()} protective orders"
    )

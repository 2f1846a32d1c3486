"""Demo domestic-abuse unit shaped like Suffolk's (DOMAIN.md §12), scaled to the demo force.

The programme list is the Suffolk-shaped cast (``domestic.cast``) at a quarter of its size
(the demo force has a few hundred people), with reviews as deadlines for everyone still on
it; and a year of DVPNs and DAPNs given through the services (hearing deadlines, orders made
on the shared protective-order record, a few breaches, one notice still awaiting its hearing).
Seeded and idempotent.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from accounts.models import Force, User
from core.calendar import london_datetime
from domestic import services
from domestic.cast import INITIAL_COHORT, SESSIONS, SUFFOLK_CAST, build_cast, scaled
from domestic.models import Notice, ProgrammeEntry
from offenders.models import Offender
from protection import services as protection_services

DEMO_SEED = 20261215
FORCE = "suffolk"
FRACTION = 0.25
NOTICES_PER_MONTH = (1, 2, 2, 3)


def load_demo_domestic(scale: float = 1.0) -> str:
    force = Force.objects.get(code=FORCE)
    if ProgrammeEntry.objects.filter(force=force).exists():
        return _describe(force)
    lead = User.objects.filter(username="dapu.officer").first()
    if lead is None:
        return "no DAPU officer in the demo users: nothing loaded"
    rng = random.Random(DEMO_SEED)
    today = timezone.localdate()
    now = timezone.now()
    adults = list(
        Offender.objects.filter(force=force, merged_into__isnull=True)
        .filter(date_of_birth__lt=today - dt.timedelta(days=19 * 365))
        .order_by("pk")
    )
    if not adults:
        return "no demo people: nothing loaded"
    fraction = FRACTION * scale
    cast = scaled(SUFFOLK_CAST, fraction)
    while sum(cast.values()) > len(adults) and fraction > 0.01:
        fraction *= 0.8
        cast = scaled(SUFFOLK_CAST, fraction)
    people = adults[:]
    rng.shuffle(people)
    entries = build_cast(
        people=people,
        lead=lead,
        report_day=today,
        cast=cast,
        initial_cohort=min(round(INITIAL_COHORT * fraction), sum(cast.values())),
        sessions=round(SESSIONS * fraction),
        seed=DEMO_SEED,
    )
    for entry in entries:
        if entry.is_open:
            last = entry.moves.order_by("-on", "-pk").values_list("on", flat=True).first()
            services.schedule_review(entry, last or entry.started_on, now)
    _notices(rng, people, lead, today, now)
    return _describe(force)


def _notices(rng: random.Random, people, lead, today: dt.date, now: dt.datetime) -> None:
    month = today.replace(day=1)
    for back in range(12, -1, -1):
        first = (month - dt.timedelta(days=back * 30)).replace(day=1)
        for _ in range(rng.choice(NOTICES_PER_MONTH)):
            day = first + dt.timedelta(days=rng.randint(0, 27))
            given_at = london_datetime(day, dt.time(rng.randint(8, 22), 0))
            if given_at >= now - dt.timedelta(hours=2):
                continue
            kind = rng.choice(["dvpn", "dvpn", "dapn"])
            person = rng.choice(people)
            notice = services.give_notice(
                offender=person,
                kind=kind,
                given_at=given_at,
                authorised_by_name=rng.choice(["Supt. Kay Lowe", "Supt. Amir Patel"])
                if kind == "dvpn"
                else rng.choice(["Insp. Ola Reed", "Ch. Insp. Dan Moss"]),
                authorised_by_rank="superintendent" if kind == "dvpn" else "inspector",
                victim_age=rng.randint(17, 60),
                conditions=["Not to contact the victim", "Not to enter the victim's address"],
                by=lead,
                now=now,
            )
            heard_at = given_at + dt.timedelta(hours=rng.randint(20, 40))
            if heard_at > min(notice.hearing_due_by, now):
                continue  # the one awaiting its hearing
            made = rng.random() < 0.85
            made_on = timezone.localtime(heard_at).date()
            services.record_hearing(
                notice=notice,
                heard_at=heard_at,
                result="order_made" if made else "refused",
                ends_on=(made_on + dt.timedelta(days=27 if kind == "dvpn" else 364))
                if made
                else None,
                court="Suffolk Magistrates' Court, Ipswich",
                by=lead,
                now=now,
            )
            notice.refresh_from_db()
            if notice.order_id and rng.random() < 0.2:
                breached = made_on + dt.timedelta(days=rng.randint(1, 10))
                if breached <= today:
                    protection_services.record_breach(
                        order=notice.order,
                        breached_on=breached,
                        details="Contacted the victim by phone",
                        by=lead,
                        today=today,
                    )


def _describe(force) -> str:
    entries = ProgrammeEntry.objects.filter(force=force)
    return (
        f"{entries.count()} on the DAPU programme list ({entries.open().count()} still on it), "
        f"{Notice.objects.filter(force=force).count()} DVPN/DAPN notices"
    )

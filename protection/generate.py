"""Benchmark data (``manage.py generate``, see ``core.generate``): registered sex offenders,
about one person in forty-five (Suffolk: about 1,100 RSOs among its nominals), most in the
community with a risk level and a planned visit, some in custody; each open registration's
next visit is a live clock."""

from __future__ import annotations

import datetime as dt

from core.generate import Context
from protection import rules
from protection.choices import RiskLevel
from protection.models import RsoRegistration

ORDER = 45
COLUMNS = [
    "id",
    "force_id",
    "offender_id",
    "lead_officer_id",
    "started_on",
    "disposal",
    "sentence_months",
    "notification_period_months",
    "notification_ends_on",
    "initial_notification_due",
    "in_custody",
    "last_notified_on",
    "next_periodic_due",
    "risk_level",
    "risk_assessed_on",
    "next_visit_due",
    "created_at",
]


def generate(ctx: Context) -> str:
    rng = ctx.rng("protection")
    adults = [p for p in ctx.people if p.date_of_birth < ctx.today - dt.timedelta(days=20 * 365)]
    total = min(len(adults), max(1, len(ctx.people) // 45))
    officers = ctx.staff.get("ppu_officer", {})
    today = ctx.today
    writer = ctx.writer(RsoRegistration, COLUMNS)
    levels = list(RiskLevel)
    for pk, person in zip(ctx.ids(RsoRegistration, total), rng.sample(adults, total), strict=True):
        lead = rng.choice(officers.get(person.force_id) or [None])
        if lead is None:
            continue
        relevant = today - dt.timedelta(days=rng.randint(30, 9 * 365))
        sentence = rng.choice([4, 18, 36])
        period = rules.notification_period(
            disposal="imprisonment", under_18=False, sentence_months=sentence
        )
        held = rng.random() < 0.15
        last = today - dt.timedelta(days=rng.randint(1, 360))
        level = rng.choices(levels, weights=[2, 18, 30, 50])[0]
        assessed = today - dt.timedelta(days=rng.randint(1, 300))
        next_visit = None if held else rules.next_visit_due(assessed, level)
        writer.add(
            (
                pk,
                person.force_id,
                person.id,
                lead,
                relevant,
                "imprisonment",
                sentence,
                period.months,
                rules.notification_ends_on(relevant, period),
                rules.initial_notification_due(relevant),
                held,
                last,
                rules.periodic_notification_due(last),
                level.value,
                assessed,
                next_visit,
                dt.datetime.combine(relevant, dt.time(10), tzinfo=dt.UTC),
            )
        )
        if next_visit is not None:
            ctx.live_clocks.append(
                {
                    "kind": "rso_visit",
                    "title": "RSO home visit due",
                    "model": "protection.rsoregistration",
                    "object_id": pk,
                    "force_id": person.force_id,
                    "offender_id": person.id,
                    "user_id": lead,
                    "due_at": dt.datetime.combine(next_visit, dt.time(23), tzinfo=dt.UTC),
                    "team": "ppu",
                }
            )
    return f"{writer.close()} RSO registrations"

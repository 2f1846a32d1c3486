"""Benchmark data (``manage.py generate``, see ``core.generate``): needs assessed on about a
tenth of the people and a referral for most of them, to the force's directory services."""

from __future__ import annotations

import datetime as dt

from core.generate import Context
from partners.choices import CaseKind, ReferralStatus
from partners.models import Need, PersonNeed, Referral, ReferralProgress, Service

ORDER = 60
STATUSES = [s.value for s in ReferralStatus]


def generate(ctx: Context) -> str:
    rng = ctx.rng("partners")
    services: dict[int, list[tuple[int, list[int]]]] = {}
    for service in Service.objects.active().prefetch_related("needs"):
        services.setdefault(service.force_id, []).append(
            (service.pk, [n.pk for n in service.needs.all()])
        )
    needs = list(Need.objects.filter(active=True).values_list("pk", flat=True))
    if not needs:
        return "no needs list: skipped"
    people = [p for p in ctx.people if p.force_id in services]
    chosen = rng.sample(people, min(len(people), max(1, len(ctx.people) // 10)))
    officers = ctx.staff.get("iom_officer", {})
    need_rows = ctx.writer(
        PersonNeed,
        [
            "offender_id",
            "need_id",
            "source_kind",
            "source_id",
            "assessed_on",
            "assessed_by_id",
            "notes",
            "created_at",
        ],
        batch=None,
    )
    referral_rows = ctx.writer(
        Referral,
        [
            "id",
            "force_id",
            "offender_id",
            "service_id",
            "need_id",
            "source_kind",
            "source_id",
            "referred_on",
            "referred_by_id",
            "notes",
            "status",
            "status_on",
            "outcome",
            "ever_engaged",
            "version",
            "created_at",
        ],
        batch=None,
    )
    steps = ctx.writer(
        ReferralProgress,
        ["referral_id", "status", "on", "outcome", "recorded_by_id", "recorded_at"],
        batch=None,
    )
    ids = iter(ctx.ids(Referral, len(chosen)))
    made = 0
    for person in chosen:
        by = rng.choice(officers.get(person.force_id) or [None])
        if by is None:
            continue
        service_id, service_needs = rng.choice(services[person.force_id])
        need_id = rng.choice(service_needs or needs)
        day = ctx.today - dt.timedelta(days=rng.randint(1, 900))
        at = dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)
        need_rows.add((person.id, need_id, CaseKind.IOM.value, "", day, by, "", at))
        if rng.random() < 0.8:
            status = rng.choice(STATUSES)
            engaged = status in {"engaged", "disengaged", "completed"}
            later = min(ctx.today, day + dt.timedelta(days=rng.randint(0, 60)))
            if status == "referred":
                later = day
            pk = next(ids)
            referral_rows.add(
                (
                    pk,
                    person.force_id,
                    person.id,
                    service_id,
                    need_id,
                    CaseKind.IOM.value,
                    "",
                    day,
                    by,
                    "",
                    status,
                    later,
                    "",
                    engaged,
                    1,
                    at,
                )
            )
            steps.add((pk, "referred", day, "", by, at))
            if status != "referred":
                steps.add((pk, status, later, "", by, at))
            made += 1
    return (
        f"{need_rows.close()} needs, {referral_rows.close()} partner referrals, "
        f"{steps.close()} progress steps"
    )

"""Benchmark data (``manage.py generate``, see ``core.generate``): pre-charge bail and RUI
cases over five years, almost all ended, a few thousand live at national scale (on bail,
released under investigation, a few lapsed awaiting assessment), with bail conditions."""

from __future__ import annotations

import datetime as dt

from bail.choices import CaseStatus, EndReason
from bail.models import BailCase, BailCondition
from core.generate import Context
from offenders.models import OffenceType

ORDER = 40
BATCH = 20_000
HISTORY_DAYS = 5 * 365
R2022_FROM = dt.date(2022, 10, 28)
CONDITIONS = [
    ("Not to contact the complainant directly or indirectly", True),
    ("Not to enter the street where the complainant lives", True),
    ("To reside and sleep at the address given", False),
    ("To report to the police station weekly", False),
    ("Curfew 21:00 to 06:00 at the address given", False),
    ("Not to enter the town centre", False),
]
COLUMNS = [
    "id",
    "force_id",
    "offender_id",
    "officer_in_case_id",
    "arrested_on",
    "offence",
    "offence_type_id",
    "district_id",
    "status",
    "regime",
    "bail_start_date",
    "bail_period_ends",
    "return_date",
    "rui_since",
    "next_rui_review_due",
    "lapsed_on",
    "ended_on",
    "outcome",
    "created_at",
]


def generate(ctx: Context) -> str:
    rng = ctx.rng("bail")
    total = ctx.volumes["bail_cases"]
    live = min(ctx.volumes["live_bail"], total)
    on_bail, lapsed = round(live * 0.55), max(1, round(live * 0.05))
    on_rui = max(0, live - on_bail - lapsed)
    types = list(OffenceType.objects.order_by("code").values_list("pk", "name"))
    investigators = ctx.staff.get("investigator", {})
    today, day = ctx.today, dt.timedelta(days=1)
    pool_share = min(1.0, 100_000 / max(1, total))
    cases = ctx.writer(BailCase, COLUMNS, batch=None)
    conditions = ctx.writer(
        BailCondition, ["case_id", "text", "protects_victim", "added_on"], batch=None
    )
    counts = dict.fromkeys(CaseStatus, 0)
    for i, pk in enumerate(ctx.ids(BailCase, total)):
        person = rng.choice(ctx.people)
        status = (
            CaseStatus.BAIL
            if i < on_bail
            else CaseStatus.RUI
            if i < on_bail + on_rui
            else CaseStatus.LAPSED
            if i < live
            else CaseStatus.ENDED
        )
        counts[status] += 1
        start = ends = ret = rui_since = rui_due = lapsed_on = ended_on = None
        outcome = ""
        if status == CaseStatus.BAIL:
            arrested = today - rng.randint(0, 85) * day
        elif status == CaseStatus.RUI:
            arrested = today - rng.randint(1, 400) * day
        elif status == CaseStatus.LAPSED:
            arrested = today - rng.randint(95, 120) * day
        else:
            arrested = today - rng.randint(30, HISTORY_DAYS) * day
        was_bail = status in (CaseStatus.BAIL, CaseStatus.LAPSED) or (
            status == CaseStatus.ENDED and rng.random() < 0.4
        )
        if was_bail:
            start = arrested + day
            ends = start + 90 * day
            ret = ends - rng.randint(0, 14) * day
        if status == CaseStatus.RUI:
            rui_since = arrested
            rui_due = today + rng.randint(-10, 90) * day
        elif status == CaseStatus.LAPSED:
            lapsed_on = ends + day
        elif status == CaseStatus.ENDED:
            ended_on = min(today, arrested + rng.randint(10, 300) * day)
            if was_bail:
                ended_on = min(ended_on, ends)
            else:
                rui_since = arrested
            outcome = rng.choice(
                (EndReason.CHARGED, EndReason.NFA, EndReason.NFA, EndReason.OOCD)
            ).value
        type_id, type_name = rng.choice(types)
        cases.add(
            (
                pk,
                person.force_id,
                person.id,
                rng.choice(investigators.get(person.force_id) or [None]),
                arrested,
                type_name,
                type_id,
                person.area_id,
                status.value,
                "2022" if arrested >= R2022_FROM else "2017",
                start,
                ends,
                ret,
                rui_since,
                rui_due,
                lapsed_on,
                ended_on,
                outcome,
                dt.datetime.combine(arrested, dt.time(12), tzinfo=dt.UTC),
            )
        )
        if was_bail:
            for text, protects in rng.sample(CONDITIONS, rng.randint(1, 3)):
                conditions.add((pk, text, protects, start))
        if status == CaseStatus.BAIL:
            ctx.live_clocks.append(
                {
                    "kind": "bail_period_end",
                    "title": "Bail period ends",
                    "model": "bail.bailcase",
                    "object_id": pk,
                    "force_id": person.force_id,
                    "offender_id": person.id,
                    "due_at": dt.datetime.combine(ends, dt.time(23, 59), tzinfo=dt.UTC),
                    "team": "bail-management",
                }
            )
        elif status == CaseStatus.RUI:
            ctx.live_clocks.append(
                {
                    "kind": "rui_review",
                    "title": "RUI review",
                    "model": "bail.bailcase",
                    "object_id": pk,
                    "force_id": person.force_id,
                    "offender_id": person.id,
                    "due_at": dt.datetime.combine(rui_due, dt.time(9), tzinfo=dt.UTC),
                    "team": "bail-management",
                }
            )
        elif rng.random() < pool_share:
            ctx.clock_pool.append(
                (
                    "bail_period_end",
                    "bail.bailcase",
                    pk,
                    person.force_id,
                    person.id,
                    "bail-management",
                )
            )
        if (i + 1) % BATCH == 0:
            cases.flush()
            conditions.flush()
    made = cases.close()
    summary = ", ".join(f"{counts[s]} {s.value}" for s in CaseStatus)
    return f"{made} bail cases ({summary}), {conditions.close()} conditions"

"""Benchmark data (``manage.py generate``, see ``core.generate``): out-of-court disposals
over three years with their conditions. Those decided in the last 16 weeks are active (a
few with a condition overdue, for the breach queue); older ones completed, breached or
withdrawn."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from accounts.models import PolicingArea
from core.generate import Context
from disposals import rules
from disposals.models import Disposal, DisposalCondition
from offenders.models import OffenceType

ORDER = 40
BATCH = 20_000
HISTORY_DAYS = 3 * 365
ACTIVE_DAYS = 112
# type -> (weight, outcome code, has conditions). The generated history (three years) falls after
# the forces adopted the adult two-tier framework, so no simple cautions, penalty notices or
# cannabis warnings for adults (disposals.reference.TWO_TIER_ADOPTED_ON).
TYPES = {
    rules.DisposalType.COMMUNITY_RESOLUTION: (40, "8", True),
    rules.DisposalType.CONDITIONAL_CAUTION: (25, "3", True),
    rules.DisposalType.YOUTH_CONDITIONAL_CAUTION: (5, "2", True),
    rules.DisposalType.OUTCOME_22: (5, "22", True),
}
CONDITIONS = [
    (rules.ConditionKind.REHABILITATIVE, "Attend a victim awareness course"),
    (rules.ConditionKind.REPARATIVE, "Write a letter of apology to the victim"),
    (rules.ConditionKind.FINANCIAL, "Pay compensation to the victim"),
    (rules.ConditionKind.UNPAID_WORK, "Unpaid work"),
    (rules.ConditionKind.RESTRICTIVE, "Not to enter the shop"),
    (rules.ConditionKind.ATTENDANCE, "Attend an alcohol diversion session"),
]
COLUMNS = [
    "id",
    "offender_id",
    "force_id",
    "district_id",
    "disposal_type",
    "framework",
    "decided_on",
    "decided_by_id",
    "age_at_decision",
    "offence",
    "offence_date",
    "offence_category",
    "admitted",
    "consented",
    "status",
    "outcome_code",
    "completed_on",
    "withdrawn_on",
    "withdrawn_reason",
    "created_at",
]


def generate(ctx: Context) -> str:
    rng = ctx.rng("disposals")
    total = ctx.volumes["disposals"]
    staff = ctx.staff.get("offender_diversion", {})
    any_area = {a.force_id: a.pk for a in PolicingArea.objects.order_by("pk")}
    types = list(
        OffenceType.objects.exclude(category="indictable_only").values_list("name", "category")
    )
    kinds, weights = list(TYPES), [w for w, _c, _x in TYPES.values()]
    today, day = ctx.today, dt.timedelta(days=1)
    disposals = ctx.writer(Disposal, COLUMNS, batch=None)
    conditions = ctx.writer(
        DisposalCondition,
        [
            "disposal_id",
            "position",
            "kind",
            "description",
            "hours",
            "amount",
            "due_by",
            "status",
            "completed_on",
        ],
        batch=None,
    )
    active = 0
    for i, pk in enumerate(ctx.ids(Disposal, total)):
        person = rng.choice(ctx.people)
        kind = rng.choices(kinds, weights=weights)[0]
        _w, code, has_conditions = TYPES[kind]
        decided = today - rng.randint(0, HISTORY_DAYS) * day
        age = (decided - person.date_of_birth).days // 365
        if age < 18 and kind not in (rules.DisposalType.YOUTH_CONDITIONAL_CAUTION,):
            kind, code, has_conditions = rules.DisposalType.YOUTH_CONDITIONAL_CAUTION, "2", True
        is_active = has_conditions and (today - decided).days < ACTIVE_DAYS
        if is_active:
            status = rules.Status.ACTIVE
            active += 1
        elif not has_conditions:
            status = rules.Status.COMPLETED
        else:
            status = rng.choices(
                (rules.Status.COMPLETED, rules.Status.BREACHED, rules.Status.WITHDRAWN),
                weights=(85, 10, 5),
            )[0]
        completed = (
            decided + rng.randint(7, ACTIVE_DAYS) * day
            if status == rules.Status.COMPLETED
            else None
        )
        if completed and has_conditions is False:
            completed = decided
        withdrawn = decided + rng.randint(7, 60) * day if status == rules.Status.WITHDRAWN else None
        offence, category = rng.choice(types)
        disposals.add(
            (
                pk,
                person.id,
                person.force_id,
                person.area_id or any_area[person.force_id],
                kind.value,
                rules.Framework.LEGACY_TWO_TIER.value,
                decided,
                rng.choice(staff.get(person.force_id) or [None]),
                max(10, age),
                offence,
                decided - rng.randint(0, 60) * day,
                category,
                True,
                True,
                status.value,
                code,
                completed,
                withdrawn,
                "Evidence reviewed" if withdrawn else "",
                dt.datetime.combine(decided, dt.time(15), tzinfo=dt.UTC),
            )
        )
        if has_conditions:
            for position, (ckind, text) in enumerate(rng.sample(CONDITIONS, rng.randint(1, 3))):
                due = decided + rng.randint(28, ACTIVE_DAYS) * day
                if is_active:
                    cstatus, done = rules.ConditionStatus.OUTSTANDING, None
                    if due < today and rng.random() < 0.7:  # most met in time, some overdue
                        cstatus, done = (
                            rules.ConditionStatus.COMPLETED,
                            due - rng.randint(0, 20) * day,
                        )
                elif status == rules.Status.BREACHED and position == 0:
                    cstatus, done = rules.ConditionStatus.FAILED, None
                elif status == rules.Status.COMPLETED:
                    cstatus, done = rules.ConditionStatus.COMPLETED, min(completed, due)
                else:
                    cstatus, done = rules.ConditionStatus.OUTSTANDING, None
                hours = (
                    Decimal(rng.choice((4, 6, 8)))
                    if ckind == rules.ConditionKind.UNPAID_WORK
                    else None
                )
                amount = (
                    Decimal(rng.choice((25, 50, 75)))
                    if ckind == rules.ConditionKind.FINANCIAL
                    else None
                )
                conditions.add(
                    (pk, position, ckind.value, text, hours, amount, due, cstatus.value, done)
                )
                if is_active and cstatus == rules.ConditionStatus.OUTSTANDING:
                    ctx.live_clocks.append(
                        {
                            "kind": "oocd_condition",
                            "title": f"Condition due: {text}",
                            "model": "disposals.disposal",
                            "object_id": pk,
                            "force_id": person.force_id,
                            "offender_id": person.id,
                            "due_at": dt.datetime.combine(due, dt.time(17), tzinfo=dt.UTC),
                            "team": "offender-diversion",
                        }
                    )
        if (i + 1) % BATCH == 0:
            disposals.flush()
            conditions.flush()
    return f"{disposals.close()} disposals ({active} active), {conditions.close()} conditions"

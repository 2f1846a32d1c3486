"""Benchmark data (``manage.py generate``, see ``core.generate``): IOM memberships over
five years, about a third still open (one per person), each open one reviewed every 12
weeks since adoption; the rest removed with a reason."""

from __future__ import annotations

import datetime as dt

from cohorts import rules
from cohorts.models import IomMembership, IomReview
from core.generate import Context

ORDER = 40
HISTORY_DAYS = 5 * 365
COLUMNS = [
    "id",
    "force_id",
    "offender_id",
    "cohort",
    "adopted_on",
    "reason",
    "neighbourhood_offences",
    "lookback_months",
    "ogrs_score",
    "ogrs_band",
    "statutory_supervision",
    "lead_officer_id",
    "last_reviewed_on",
    "removed_on",
    "removal_reason",
    "created_at",
]


def generate(ctx: Context) -> str:
    rng = ctx.rng("cohorts")
    total = min(ctx.volumes["iom_memberships"], len(ctx.people))
    open_target = round(total * 0.35)
    officers = ctx.staff.get("iom_officer", {})
    interval = dt.timedelta(weeks=rules.DEFAULT_IOM_REVIEW_WEEKS)
    today, day = ctx.today, dt.timedelta(days=1)
    memberships = ctx.writer(IomMembership, COLUMNS, batch=None)
    reviews = ctx.writer(
        IomReview,
        [
            "membership_id",
            "reviewed_on",
            "notes",
            "next_review_due_on",
            "reviewed_by_id",
            "created_at",
        ],
        batch=None,
    )
    members = rng.sample(ctx.people, total)  # distinct: one open membership each
    cohorts = [c.value for c in rules.Cohort]
    reasons = [r.value for r in rules.RemovalReason]
    for i, (pk, person) in enumerate(zip(ctx.ids(IomMembership, total), members, strict=True)):
        is_open = i < open_target
        adopted = today - rng.randint(7, HISTORY_DAYS) * day
        removed = None
        if not is_open:
            removed = min(today, adopted + rng.randint(60, 900) * day)
        lead = rng.choice(officers.get(person.force_id) or [None])
        score = rng.randint(20, 99)
        band = rules.ogrs_band(score)
        last_review = None
        if is_open:
            review_on = adopted + interval
            while review_on <= today:
                nxt = review_on + interval
                reviews.add(
                    (
                        pk,
                        review_on,
                        "Reviewed with probation",
                        nxt,
                        lead,
                        dt.datetime.combine(review_on, dt.time(10), tzinfo=dt.UTC),
                    )
                )
                last_review = review_on
                review_on = nxt
            due = (last_review or adopted) + interval
            ctx.live_clocks.append(
                {
                    "kind": "iom_review",
                    "title": "IOM review",
                    "model": "cohorts.iommembership",
                    "object_id": pk,
                    "force_id": person.force_id,
                    "offender_id": person.id,
                    "user_id": lead,
                    "due_at": dt.datetime.combine(due, dt.time(9), tzinfo=dt.UTC),
                    "team": "iom",
                }
            )
        else:
            ctx.clock_pool.append(
                ("iom_review", "cohorts.iommembership", pk, person.force_id, person.id, "iom")
            )
        memberships.add(
            (
                pk,
                person.force_id,
                person.id,
                rng.choice(cohorts),
                adopted,
                "Selected by the joint panel",
                rng.randint(0, 12),
                24,
                score,
                band.value,
                rng.random() < 0.6,
                lead,
                last_review,
                removed,
                rng.choice(reasons) if removed else "",
                dt.datetime.combine(adopted, dt.time(11), tzinfo=dt.UTC),
            )
        )
        if (i + 1) % 20_000 == 0:
            memberships.flush()
            reviews.flush()
    return f"{memberships.close()} IOM memberships ({open_target} open), {reviews.close()} reviews"

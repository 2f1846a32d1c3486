"""Reads that aggregate or anonymise: the summary figures and the scrutiny-panel sample.

Both take a force-scoped queryset from ``disposals.access`` and run a fixed number of
queries, whatever the number of disposals.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncMonth

from disposals import rules
from disposals.models import (
    DISPOSAL_TYPE_CHOICES,
    Breach,
    Disposal,
    DisposalCondition,
    PanelRelease,
    Referral,
    RestorativeJusticeReferral,
    RJOutcome,
    Satisfaction,
    ScrutinyReview,
)
from disposals.panel import redacted_texts
from offenders.models import Ethnicity, Gender, OutcomeCode

TYPE_LABELS = dict(DISPOSAL_TYPE_CHOICES)
# A restorative justice case is completed once it took place, directly or indirectly.
RJ_COMPLETED = (RJOutcome.DIRECT_CONFERENCE, RJOutcome.INDIRECT)


def _month(day: dt.date | dt.datetime | None) -> str:
    return f"{day:%Y-%m}" if day else ""


def summary(disposals, start: dt.date, end: dt.date) -> dict:
    """Counts per type, district and month; referrals per course; completion; breaches by
    district, ethnicity and gender, for disposals decided (breaches: breached; referrals:
    referred) between ``start`` and ``end`` inclusive.

    Completion rate: completed disposals as a share of those that have finished one way or
    the other (completed or breached); withdrawn and still-active ones are left out.
    """
    decided = disposals.decided_between(start, end)
    by_type = [
        {
            "disposal_type": row["disposal_type"],
            "label": TYPE_LABELS[row["disposal_type"]],
            "count": row["n"],
        }
        for row in decided.order_by()
        .values("disposal_type")
        .annotate(n=Count("pk"))
        .order_by("-n", "disposal_type")
    ]
    by_district = [
        {
            "district": row["district__code"],
            "name": row["district__report_name"] or row["district__name"],
            "district_id": row["district_id"],
            "count": row["n"],
        }
        for row in decided.order_by()
        .values("district_id", "district__code", "district__name", "district__report_name")
        .annotate(n=Count("pk"))
        .order_by("district__name")
    ]
    by_month = [
        {"month": _month(row["month"]), "count": row["n"]}
        for row in decided.order_by()
        .annotate(month=TruncMonth("decided_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    ]
    by_month_district_type = [
        {
            "month": _month(row["month"]),
            "district": row["district__code"],
            "district_id": row["district_id"],
            "disposal_type": row["disposal_type"],
            "count": row["n"],
        }
        for row in decided.order_by()
        .annotate(month=TruncMonth("decided_on"))
        .values("month", "district_id", "district__code", "disposal_type")
        .annotate(n=Count("pk"))
        .order_by("month", "district__code", "disposal_type")
    ]
    referrals = [
        {
            "intervention": row["intervention__code"],
            "name": row["intervention__name"],
            "referrals": row["n"],
            "completed": row["done"],
        }
        for row in Referral.objects.filter(
            disposal__in=disposals.order_by(), referred_on__gte=start, referred_on__lte=end
        )
        .order_by()
        .values("intervention__code", "intervention__name")
        .annotate(
            n=Count("pk"), done=Count("pk", filter=Q(status=rules.ReferralStatus.COMPLETED.value))
        )
        .order_by("-n", "intervention__name")
    ]
    statuses = {
        row["status"]: row["n"]
        for row in decided.order_by().values("status").annotate(n=Count("pk"))
    }
    completed = statuses.get(rules.Status.COMPLETED.value, 0)
    breached = statuses.get(rules.Status.BREACHED.value, 0)
    finished = completed + breached
    breaches = Breach.objects.filter(
        disposal__in=disposals.order_by(), breached_on__gte=start, breached_on__lte=end
    ).order_by()
    rj = RestorativeJusticeReferral.objects.filter(
        disposal__in=disposals.order_by(), referred_on__gte=start, referred_on__lte=end
    ).order_by()
    rj_outcomes = dict(RJOutcome.choices)
    rj_satisfaction = dict(Satisfaction.choices)
    ethnicity_labels = dict(Ethnicity.choices)
    gender_labels = dict(Gender.choices)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "total": sum(row["count"] for row in by_type),
        "by_type": by_type,
        "by_district": by_district,
        "by_month": by_month,
        "by_month_district_type": by_month_district_type,
        "referrals_by_intervention": referrals,
        "completion": {
            "active": statuses.get(rules.Status.ACTIVE.value, 0),
            "completed": completed,
            "breached": breached,
            "withdrawn": statuses.get(rules.Status.WITHDRAWN.value, 0),
            "rate": round(100 * completed / finished, 1) if finished else None,
        },
        "restorative_justice": {
            "referrals": rj.count(),
            "completed": rj.filter(outcome__in=[o.value for o in RJ_COMPLETED]).count(),
            "outcomes": [
                {"outcome": row["outcome"], "label": rj_outcomes[row["outcome"]], "count": row["n"]}
                for row in rj.values("outcome").annotate(n=Count("pk")).order_by("outcome")
            ],
            "victim_satisfaction": [
                {
                    "satisfaction": row["victim_satisfaction"],
                    "label": rj_satisfaction[row["victim_satisfaction"]],
                    "count": row["n"],
                }
                for row in rj.exclude(victim_satisfaction="")
                .values("victim_satisfaction")
                .annotate(n=Count("pk"))
                .order_by("victim_satisfaction")
            ],
        },
        "breaches_total": breaches.count(),
        "breaches_by_district": [
            {
                "district": row["disposal__district__code"],
                "district_id": row["disposal__district_id"],
                "name": row["disposal__district__report_name"] or row["disposal__district__name"],
                "count": row["n"],
            }
            for row in breaches.values(
                "disposal__district_id",
                "disposal__district__code",
                "disposal__district__name",
                "disposal__district__report_name",
            )
            .annotate(n=Count("pk"))
            .order_by("disposal__district__name")
        ],
        "breaches_by_ethnicity": [
            {
                "ethnicity": row["disposal__offender__ethnicity"],
                "label": ethnicity_labels.get(row["disposal__offender__ethnicity"], ""),
                "count": row["n"],
            }
            for row in breaches.values("disposal__offender__ethnicity")
            .annotate(n=Count("pk"))
            .order_by("disposal__offender__ethnicity")
        ],
        "breaches_by_gender": [
            {
                "gender": row["disposal__offender__gender"],
                "label": gender_labels.get(row["disposal__offender__gender"], ""),
                "count": row["n"],
            }
            for row in breaches.values("disposal__offender__gender")
            .annotate(n=Count("pk"))
            .order_by("disposal__offender__gender")
        ],
    }


# --- The scrutiny panel's anonymised sample --------------------------------------------------


def sample_population(disposals, start: dt.date, end: dt.date) -> list[int]:
    return list(disposals.decided_between(start, end).order_by().values_list("pk", flat=True))


def sample_disposals(disposals, *, start: dt.date, end: dt.date, size: int):
    """The reproducible random sample (``rules.sample_ids`` seeded by ``rules.sample_seed``)
    as a queryset, with what redaction and the panel's view read preloaded, and the
    population it was drawn from."""
    seed = rules.sample_seed(start, end, size)
    population = sample_population(disposals, start, end)
    ids = rules.sample_ids(population, size, seed)
    rows = (
        Disposal.objects.filter(pk__in=ids)
        .select_related("district", "offender", "panel_release__released_by")
        .prefetch_related(
            Prefetch("conditions", queryset=DisposalCondition.objects.order_by("position", "pk")),
            "offender__aliases",
            "offender__addresses",
        )
        .order_by("pk")
    )
    return rows, population, seed


def scrutiny_sample(disposals, *, start: dt.date, end: dt.date, size: int, reviewer) -> dict:
    """The sample as the panel sees it: only the cases the Offender Diversion Team has
    prepared and released (``PanelRelease``), with the text it released; no name, date of
    birth, PNC or CRO number, or address. ``awaiting_preparation`` counts the sampled cases
    not yet released. Each case carries the facts the decision-maker had."""
    seed = rules.sample_seed(start, end, size)
    population = sample_population(disposals, start, end)
    ids = rules.sample_ids(population, size, seed)
    released = set(
        PanelRelease.objects.filter(disposal_id__in=ids).values_list("disposal_id", flat=True)
    )
    rows = (
        Disposal.objects.filter(pk__in=released)
        .with_previous_count()
        .select_related("district", "offender", "panel_release")
        .prefetch_related(
            Prefetch("conditions", queryset=DisposalCondition.objects.order_by("position", "pk")),
            Prefetch("referrals", queryset=Referral.objects.select_related("intervention")),
            "breaches",
            "offender__aliases",
            "offender__addresses",
            Prefetch(
                "scrutiny_reviews",
                queryset=ScrutinyReview.objects.filter(reviewer=reviewer),
                to_attr="my_reviews",
            ),
        )
        .order_by("pk")
    )
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "size": size,
        "population": len(population),
        "seed": seed,
        "awaiting_preparation": len(ids) - len(released),
        "cases": [anonymised_case(disposal) for disposal in rows],
    }


def anonymised_case(disposal: Disposal) -> dict:
    """One case as the panel sees it. ``disposal.offender`` is read only to redact and to
    derive bands; nothing of it is copied out except gender and self-defined ethnicity."""
    offender = disposal.offender
    release = getattr(disposal, "panel_release", None)
    if release is None:  # not released: the automatic redaction (a preview, never the panel)
        texts = redacted_texts(disposal)
    else:
        texts = {"offence": release.offence, "conditions": release.conditions}
    # Annotated by ``scrutiny_sample``: this reviewer's finding and the earlier disposals.
    reviews = getattr(disposal, "my_reviews", None) or []
    review = reviews[0] if reviews else None
    return {
        "id": disposal.pk,
        "disposal_type": disposal.disposal_type,
        "disposal_type_label": TYPE_LABELS[disposal.disposal_type],
        "framework": disposal.framework,
        "decided_on": disposal.decided_on.isoformat(),
        "decided_on_label": f"{disposal.decided_on.day} {disposal.decided_on:%B %Y}",
        "district": str(disposal.district),
        "offence": texts["offence"],
        "offence_category": disposal.offence_category,
        "offence_category_label": disposal.get_offence_category_display(),
        "admitted": disposal.admitted,
        "consented": disposal.consented,
        "dpp_consent": disposal.dpp_consent,
        "age_band": rules.age_band(disposal.age_at_decision),
        "gender": offender.gender,
        "gender_label": offender.get_gender_display(),
        "ethnicity": offender.ethnicity,
        "ethnicity_label": offender.get_ethnicity_display(),
        "previous_disposals": getattr(disposal, "previous_disposals", 0),
        "conditions": [
            {
                "kind": condition.kind,
                "kind_label": condition.get_kind_display(),
                "description": texts["conditions"].get(str(condition.pk), "[redacted]"),
                "hours": str(condition.hours) if condition.hours is not None else None,
                "amount": str(condition.amount) if condition.amount is not None else None,
                "status": condition.status,
                "status_label": condition.get_status_display(),
            }
            for condition in disposal.conditions.all()
        ],
        "referrals": [
            {
                "intervention": referral.intervention.name,
                "status": referral.status,
                "status_label": referral.get_status_display(),
            }
            for referral in disposal.referrals.all()
        ],
        "victim_views": {
            "sought": disposal.victim_views_sought,
            "recorded": bool(disposal.victim_views.strip()),
            "not_practicable": bool(disposal.victim_not_practicable_reason.strip()),
            "summary": disposal.victim_views_summary,
        },
        "restorative_justice": {"offered": disposal.rj_offered, "taken_up": disposal.rj_taken_up},
        "breaches": [
            {"action": breach.action, "action_label": breach.get_action_display()}
            for breach in disposal.breaches.all()
        ],
        "status": disposal.status,
        "status_label": disposal.get_status_display(),
        "outcome_code": disposal.outcome_code,
        "outcome_label": _outcome_label(disposal.outcome_code),
        "finding": (
            {
                "finding": review.finding,
                "learning": review.learning,
                "reviewed_on": review.reviewed_on.isoformat(),
            }
            if review
            else None
        ),
    }


def _outcome_label(code: str) -> str:
    """ "3 – Caution, adults" for "3" (the code itself when it is not a Home Office outcome)."""
    try:
        return str(OutcomeCode(code).label)
    except ValueError:
        return code


# --- The Accountability and Performance Panel report ------------------------------------------


def panel_figures(force_id, period):
    """The ``out_of_court_disposals`` section: disposals per district per month, referrals
    per course, breaches by district, ethnicity and gender, scrutiny findings. Each figure
    links to ``disposals-records`` with the filters of the dashboard's same figure."""
    from core.extensions import PanelFigure, PanelFigures, PanelTable, list_url
    from disposals.models import FINDING_CHOICES

    disposals = Disposal.objects.filter(force_id=force_id)
    s = summary(disposals, period.first, period.last)
    base = {"from": s["from"], "to": s["to"]}
    districts = [(d["district_id"], d["name"]) for d in s["by_district"]]
    cells: dict[tuple[str, int], int] = {}
    for row in s["by_month_district_type"]:
        key = (row["month"], row["district_id"])
        cells[key] = cells.get(key, 0) + row["count"]
    by_month = {row["month"]: row["count"] for row in s["by_month"]}
    month_rows = []
    for first in period.month_starts():
        month = f"{first:%Y-%m}"
        month_rows.append(
            (
                f"{first:%b %Y}",
                (
                    *(
                        PanelFigure(
                            name,
                            cells.get((month, district_id), 0),
                            list_url("disposals-records", month=month, district=district_id),
                        )
                        for district_id, name in districts
                    ),
                    PanelFigure(
                        "All districts",
                        by_month.get(month, 0),
                        list_url("disposals-records", month=month),
                    ),
                ),
            )
        )
    findings = dict(
        ScrutinyReview.objects.filter(
            disposal__force_id=force_id,
            reviewed_on__gte=period.first,
            reviewed_on__lte=period.last,
        )
        .values_list("finding")
        .annotate(n=Count("pk"))
        .order_by()
    )
    completion = s["completion"]
    return PanelFigures(
        headline=(
            PanelFigure("Disposals decided", s["total"], list_url("disposals-records", **base)),
            PanelFigure(
                "Completed",
                completion["completed"],
                list_url("disposals-records", **base, status="completed"),
            ),
            PanelFigure(
                "Breached",
                completion["breached"],
                list_url("disposals-records", **base, status="breached"),
            ),
            PanelFigure(
                "Breaches recorded",
                s["breaches_total"],
                list_url("disposals-records", **base, breached="1"),
            ),
            PanelFigure(
                "Referrals to intervention courses",
                sum(r["referrals"] for r in s["referrals_by_intervention"]),
                "",
            ),
            PanelFigure(
                "Completion rate (%)",
                "" if completion["rate"] is None else completion["rate"],
                "",
            ),
        ),
        tables=(
            PanelTable(
                "by_district",
                "Disposals per district per month",
                (*(name for _, name in districts), "All districts"),
                tuple(month_rows),
                chart="bar",
            ),
            PanelTable(
                "by_type",
                "Disposals by type",
                ("Disposals",),
                tuple(
                    (
                        row["label"],
                        (
                            PanelFigure(
                                "Disposals",
                                row["count"],
                                list_url("disposals-records", **base, type=row["disposal_type"]),
                            ),
                        ),
                    )
                    for row in s["by_type"]
                ),
            ),
            PanelTable(
                "referrals",
                "Referrals to intervention courses",
                ("Referred", "Completed"),
                tuple(
                    (
                        row["name"],
                        (
                            PanelFigure(
                                "Referred",
                                row["referrals"],
                                list_url(
                                    "disposals-records", **base, intervention=row["intervention"]
                                ),
                            ),
                            PanelFigure(
                                "Completed",
                                row["completed"],
                                list_url(
                                    "disposals-records",
                                    **base,
                                    intervention=row["intervention"],
                                    referral_status="completed",
                                ),
                            ),
                        ),
                    )
                    for row in s["referrals_by_intervention"]
                ),
            ),
            PanelTable(
                "breaches",
                "Breaches by district, ethnicity and gender",
                ("Breaches",),
                tuple(
                    [
                        (
                            f"District: {row['name']}",
                            (
                                PanelFigure(
                                    "Breaches",
                                    row["count"],
                                    list_url(
                                        "disposals-records",
                                        **base,
                                        breached="1",
                                        district=row["district_id"],
                                    ),
                                ),
                            ),
                        )
                        for row in s["breaches_by_district"]
                    ]
                    + [
                        (
                            f"Ethnicity: {row['label'] or 'not stated'}",
                            (
                                PanelFigure(
                                    "Breaches",
                                    row["count"],
                                    list_url(
                                        "disposals-records",
                                        **base,
                                        breached="1",
                                        ethnicity=row["ethnicity"],
                                    )
                                    if row["ethnicity"]
                                    else "",
                                ),
                            ),
                        )
                        for row in s["breaches_by_ethnicity"]
                    ]
                    + [
                        (
                            f"Gender: {row['label'] or 'not stated'}",
                            (
                                PanelFigure(
                                    "Breaches",
                                    row["count"],
                                    list_url(
                                        "disposals-records",
                                        **base,
                                        breached="1",
                                        gender=row["gender"],
                                    )
                                    if row["gender"]
                                    else "",
                                ),
                            ),
                        )
                        for row in s["breaches_by_gender"]
                    ]
                ),
            ),
            PanelTable(
                "scrutiny",
                "Scrutiny panel findings (reviewed in the period)",
                ("Findings",),
                tuple(
                    (label, (PanelFigure("Findings", findings.get(value, 0), ""),))
                    for value, label in FINDING_CHOICES
                ),
            ),
        ),
    )


def panel_rj_figures(force_id, period):
    """The ``restorative_justice`` section: referrals, completed cases, outcomes and victim
    satisfaction, each linking to the disposals they belong to."""
    from core.extensions import PanelFigure, PanelFigures, PanelTable, list_url

    disposals = Disposal.objects.filter(force_id=force_id)
    rj = summary(disposals, period.first, period.last)["restorative_justice"]
    base = {"from": period.first.isoformat(), "to": period.last.isoformat(), "rj": "1"}
    completed = ",".join(o.value for o in RJ_COMPLETED)
    return PanelFigures(
        headline=(
            PanelFigure("Referrals", rj["referrals"], list_url("disposals-records", **base)),
            PanelFigure(
                "Completed",
                rj["completed"],
                list_url("disposals-records", **base, rj_outcome=completed),
            ),
        ),
        tables=(
            PanelTable(
                "outcomes",
                "Outcomes",
                ("Referrals",),
                tuple(
                    (
                        row["label"],
                        (
                            PanelFigure(
                                "Referrals",
                                row["count"],
                                list_url("disposals-records", **base, rj_outcome=row["outcome"]),
                            ),
                        ),
                    )
                    for row in rj["outcomes"]
                ),
            ),
            PanelTable(
                "satisfaction",
                "Victim satisfaction",
                ("Referrals",),
                tuple(
                    (
                        row["label"],
                        (
                            PanelFigure(
                                "Referrals",
                                row["count"],
                                list_url(
                                    "disposals-records", **base, rj_satisfaction=row["satisfaction"]
                                ),
                            ),
                        ),
                    )
                    for row in rj["victim_satisfaction"]
                ),
            ),
        ),
    )

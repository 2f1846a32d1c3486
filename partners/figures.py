"""Partners figures for the panel report and the dashboard (aggregates, no names).

Every figure equals the count of the list it links to (``partners-referrals`` with the same
filters), so each count here is the same query the list runs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from core.periods import Period
from partners.choices import ReferralStatus
from partners.models import Opportunity, OpportunityKind, Referral, ReferralProgress, Service

MEASURED = [
    ReferralStatus.REFERRED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.DECLINED,
    ReferralStatus.ENGAGED,
    ReferralStatus.DISENGAGED,
    ReferralStatus.COMPLETED,
]


@dataclass
class ServiceMonths:
    service: Service
    # month -> status -> count; "referred" is referrals made that month, the others are
    # progress recorded that month.
    months: dict[dt.date, dict[str, int]] = field(default_factory=dict)

    def total(self, status: str) -> int:
        return sum(m.get(status, 0) for m in self.months.values())


def _month(day) -> dt.date:
    return day.date() if isinstance(day, dt.datetime) else day


def referrals_by_service_and_month(force_id, period: Period) -> list[ServiceMonths]:
    """Per service and month: referrals made, and each progress step recorded."""
    rows: dict[int, ServiceMonths] = {}
    services = {s.pk: s for s in Service.objects.filter(force_id=force_id)}
    steps = (
        ReferralProgress.objects.filter(
            referral__force_id=force_id, on__gte=period.first, on__lte=period.last
        )
        .annotate(month=TruncMonth("on"))
        .values("referral__service_id", "month", "status")
        .annotate(n=Count("referral", distinct=True))
        .order_by()
    )
    for row in steps:
        service = services[row["referral__service_id"]]
        entry = rows.setdefault(service.pk, ServiceMonths(service))
        month = entry.months.setdefault(_month(row["month"]), {})
        month[row["status"]] = month.get(row["status"], 0) + row["n"]
    return sorted(rows.values(), key=lambda r: r.service.name)


def outcomes(force_id, period: Period) -> dict[str, int]:
    """Referrals made in the period by where they stand now."""
    counts = (
        Referral.objects.filter(
            force_id=force_id, referred_on__gte=period.first, referred_on__lte=period.last
        )
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = {s.value: 0 for s in ReferralStatus}
    for row in counts:
        result[row["status"]] = row["n"]
    return result


@dataclass
class Mentoring:
    service: Service
    volunteers: int | None
    active_cases: int


def mentoring(force_id) -> list[Mentoring]:
    """Mentoring schemes: trained volunteers and active cases (engaged now)."""
    qs = (
        Service.objects.filter(force_id=force_id, needs__code="mentoring")
        .annotate(
            active_cases=Count(
                "referrals",
                filter=Q(referrals__status=ReferralStatus.ENGAGED),
            )
        )
        .order_by("name")
        .distinct()
    )
    return [Mentoring(s, s.volunteers, s.active_cases) for s in qs]


@dataclass
class Employment:
    service: Service
    by_kind: dict[str, int]

    @property
    def opportunities(self) -> int:
        return sum(self.by_kind.values())

    @property
    def job_offers(self) -> int:
        return self.by_kind.get(OpportunityKind.JOB_OFFER, 0)


def employment(force_id, period: Period) -> list[Employment]:
    """Opportunities offered in the period per scheme and kind; job offers among them."""
    rows: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Opportunity.objects.filter(
            service__force_id=force_id, offered_on__gte=period.first, offered_on__lte=period.last
        )
        .values("service_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        rows[row["service_id"]][row["kind"]] = row["n"]
    services = Service.objects.filter(pk__in=rows).order_by("name")
    return [Employment(s, rows[s.pk]) for s in services]


def panel_section(force_id, period: Period) -> dict:
    """The ``partners`` section of the panel report (API.md "Reports")."""
    return {
        "referrals": outcomes(force_id, period),
        "by_service": [
            {
                "service": r.service.code,
                "referred": r.total(ReferralStatus.REFERRED),
                "engaged": r.total(ReferralStatus.ENGAGED),
                "completed": r.total(ReferralStatus.COMPLETED),
                "declined": r.total(ReferralStatus.DECLINED),
            }
            for r in referrals_by_service_and_month(force_id, period)
        ],
        "mentoring": [
            {"service": m.service.code, "volunteers": m.volunteers, "active_cases": m.active_cases}
            for m in mentoring(force_id)
        ],
        "employment": [
            {
                "service": e.service.code,
                "opportunities": e.opportunities,
                "job_offers": e.job_offers,
            }
            for e in employment(force_id, period)
        ],
    }


def panel_figures(force_id, period: Period):
    """The ``partners`` section as ``core.extensions.PanelFigures``: referrals made in the
    period by where they stand now, referrals and progress per service, and proven
    reoffending of the IOM and out-of-court disposal cohorts (the latest twelve months whose
    follow-up has ended). Counts link to ``partners-referrals`` with the dashboard's filters."""
    from django.conf import settings
    from django.utils import timezone

    from core.extensions import PanelFigure, PanelFigures, PanelTable, list_url
    from partners import selectors

    first, last = period.first.isoformat(), period.last.isoformat()
    made = outcomes(force_id, period)
    steps = ("referred", "engaged", "completed", "declined")
    by_service = tuple(
        (
            row.service.name,
            tuple(
                PanelFigure(
                    step.capitalize(),
                    row.total(step),
                    list_url(
                        "partners-referrals",
                        service=row.service.code,
                        step=step,
                        **{"from": first, "to": last},
                    ),
                )
                for step in steps
            ),
        )
        for row in referrals_by_service_and_month(force_id, period)
    )
    today = timezone.localdate()
    r_first, r_last = selectors.default_reoffending_period(today)
    reoffending = []
    for cohort in ("iom", "oocd"):
        report = selectors.reoffending_report(
            force_id,
            cohort=cohort,
            first=r_first,
            last=r_last,
            on=today,
            threshold=settings.PARTNERS_SUPPRESSION_THRESHOLD,
        )
        m = report.overall
        reoffending.append(
            (
                report.label,
                (
                    PanelFigure("Cohort size", m.cohort_size, ""),
                    PanelFigure("Reoffenders", "suppressed" if m.suppressed else m.reoffenders, ""),
                    PanelFigure(
                        "Rate (%)",
                        "suppressed"
                        if m.suppressed
                        else ("" if m.rate is None else round(float(m.rate) * 100, 1)),
                        "",
                    ),
                ),
            )
        )
    return PanelFigures(
        headline=tuple(
            PanelFigure(
                f"Referrals made, now {status.label.lower()}",
                made[status.value],
                list_url("partners-referrals", status=status.value, **{"from": first, "to": last}),
            )
            for status in ReferralStatus
        ),
        tables=(
            PanelTable(
                "by_service",
                "Referrals and progress per service (steps recorded in the period)",
                tuple(s.capitalize() for s in steps),
                by_service,
            ),
            PanelTable(
                "reoffending",
                f"Proven reoffending, index dates {r_first:%d %b %Y} to {r_last:%d %b %Y}",
                ("Cohort size", "Reoffenders", "Rate (%)"),
                tuple(reoffending),
            ),
        ),
    )

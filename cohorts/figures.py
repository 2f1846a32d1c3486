"""The supervisor dashboard's figures, computed by ``cohorts/rules.py`` from database facts.

Each figure carries the cohort-page filters that list the records behind it, so the page
can link every number to its rows (and tests can check that the rows add up).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from cohorts import rules
from cohorts.models import IomMembership
from cohorts.selectors import FactSource, memberships_for_figures
from core.periods import Period, last_complete_quarter, last_quarters, month_end

MONTHS_SHOWN = 12
QUARTERS_SHOWN = 4


@dataclass
class MonthRow:
    start: dt.date
    end: dt.date
    counts: rules.CohortCounts  # sizes on ``end``; adoptions/removals within the month


@dataclass
class QuarterRate:
    start: dt.date
    end: dt.date
    rate: rules.Rate


@dataclass
class DeterrenceRow:
    membership_ids: list[int]
    offender_id: int
    name: str
    cohorts: str
    deterred: bool
    charged_offences: int


@dataclass
class Dashboard:
    on: dt.date
    since: dt.date
    now: rules.CohortCounts
    months: list[MonthRow]
    deterrence_from: dt.date
    deterrence_to: dt.date
    deterrence: rules.Rate
    harm_from: dt.date
    harm_to: dt.date
    harm: rules.HarmReduction
    shortened: int = 0
    quarters: list[QuarterRate] = field(default_factory=list)


def dashboard(
    force_id,
    *,
    on: dt.date,
    since: dt.date | None = None,
    deterrence_period: tuple[dt.date, dt.date] | None = None,
    harm_period: tuple[dt.date, dt.date] | None = None,
) -> Dashboard:
    """Every dashboard figure for ``force_id``. Memberships and offences are read once."""
    source = FactSource(memberships_for_figures(force_id))
    since = rules.financial_year_start(on) if since is None else since
    now = rules.cohort_counts(source.facts(on), on, since=since)

    months = []
    for start in Period.last_months(on, MONTHS_SHOWN).month_starts():
        end = min(month_end(start), on)
        months.append(
            MonthRow(start, end, rules.cohort_counts(source.facts(end), end, since=start))
        )

    quarter = last_complete_quarter(on)
    d_from, d_to = deterrence_period or (quarter.first, quarter.last)
    h_from, h_to = harm_period or (since, on)
    facts_today = source.facts(on)
    harm = rules.harm_reduction(facts_today, h_from, h_to)
    return Dashboard(
        on=on,
        since=since,
        now=now,
        months=months,
        deterrence_from=d_from,
        deterrence_to=d_to,
        deterrence=rules.deterrence_rate(facts_today, d_from, d_to),
        harm_from=h_from,
        harm_to=h_to,
        harm=harm,
        shortened=sum(1 for row in harm.members if row.shortened),
        quarters=[
            QuarterRate(q.first, q.last, rules.deterrence_rate(facts_today, q.first, q.last))
            for q in last_quarters(on, QUARTERS_SHOWN)
        ],
    )


def deterrence_rows(
    force_id, start: dt.date, end: dt.date
) -> tuple[rules.Rate, list[DeterrenceRow]]:
    """The people behind a deterrence rate: each active person and whether deterred.

    Each person's verdict is ``rules.deterrence_rate`` over that person's memberships, so
    the rows add up to the rate by construction.
    """
    source = FactSource(memberships_for_figures(force_id).active_between(start, end))
    facts = source.facts(end)
    by_person: dict[int, list[rules.MembershipFact]] = defaultdict(list)
    memberships: dict[int, list] = defaultdict(list)
    for fact, membership in zip(facts, source.memberships, strict=True):
        by_person[membership.offender_id].append(fact)
        memberships[membership.offender_id].append(membership)
    rows = []
    for person_id, person_facts in by_person.items():
        verdict = rules.deterrence_rate(person_facts, start, end)
        if verdict.denominator == 0:
            continue
        charged = 0
        for fact in person_facts:
            span = fact.days_on_scheme_within(start, end)
            if span is not None:
                charged += sum(
                    1 for o in fact.offences if o.charged and span.contains(o.committed_on)
                )
        rows.append(
            DeterrenceRow(
                membership_ids=[m.pk for m in memberships[person_id]],
                offender_id=person_id,
                name=memberships[person_id][0].offender.full_name,
                cohorts=", ".join(sorted({rules.Cohort(f.cohort).label for f in person_facts})),
                deterred=verdict.numerator == 1,
                charged_offences=charged,
            )
        )
    rows.sort(key=lambda r: (r.deterred, r.name))
    return rules.deterrence_rate(facts, start, end), rows


def harm_rows(force_id, start: dt.date, end: dt.date):
    """The members behind a harm-reduction figure, with their membership ids and names."""
    source = FactSource(
        memberships_for_figures(force_id).filter(removed_on__gte=start, removed_on__lte=end)
    )
    result = rules.harm_reduction(source.facts(end), start, end)
    by_key: dict[tuple[object, dt.date, dt.date | None], IomMembership] = {
        (m.offender_id, m.adopted_on, m.removed_on): m for m in source.memberships
    }
    rows = [
        (row, by_key[(row.offender_id, row.adopted_on, row.removed_on)]) for row in result.members
    ]
    return result, rows


# --- The Accountability and Performance Panel report ------------------------------------------


def panel_figures(force_id, period: Period):
    """The ``iom`` section: members by cohort and in the community on the period's last day
    (or today), adoptions and removals since the start of the financial year, members per
    month of the period, deterred in the last complete quarter, harm reduction of those
    deregistered since the start of the financial year. The links are the IOM dashboard's."""
    from django.utils import timezone

    from core.extensions import PanelFigure, PanelFigures, PanelTable, list_url

    on = min(period.last, timezone.localdate())
    d = dashboard(force_id, on=on)
    iso = on.isoformat()
    since = d.since.isoformat()

    def counts(c: rules.CohortCounts, end: str) -> tuple:
        return (
            PanelFigure("Fixed", c.fixed, list_url("iom-cohort", on=end, cohort="fixed")),
            PanelFigure("Flexible", c.flexible, list_url("iom-cohort", on=end, cohort="flexible")),
            PanelFigure("Free", c.free, list_url("iom-cohort", on=end, cohort="free")),
            PanelFigure("Total", c.total, list_url("iom-cohort", on=end)),
            PanelFigure(
                "Managed in the community",
                c.managed_in_community,
                list_url("iom-cohort", on=end, community="yes"),
            ),
        )

    months = tuple(
        (
            f"{row.start:%b %Y}",
            (
                *counts(row.counts, row.end.isoformat()),
                PanelFigure(
                    "Adoptions",
                    row.counts.adoptions,
                    list_url(
                        "iom-cohort",
                        adopted_from=row.start.isoformat(),
                        adopted_to=row.end.isoformat(),
                    ),
                ),
                PanelFigure(
                    "Removals",
                    row.counts.removals,
                    list_url(
                        "iom-cohort",
                        removed_from=row.start.isoformat(),
                        removed_to=row.end.isoformat(),
                    ),
                ),
            ),
        )
        for row in d.months
        if row.start >= period.first
    )
    deterrence = d.deterrence
    harm = d.harm
    return PanelFigures(
        headline=(
            *counts(d.now, iso),
            PanelFigure(
                f"Adoptions since {d.since:%d %B %Y}",
                d.now.adoptions,
                list_url("iom-cohort", adopted_from=since, adopted_to=iso),
            ),
            PanelFigure(
                f"Removals since {d.since:%d %B %Y}",
                d.now.removals,
                list_url("iom-cohort", removed_from=since, removed_to=iso),
            ),
            PanelFigure(
                f"Deterred, {d.deterrence_from:%d %b} to {d.deterrence_to:%d %b %Y} (%)",
                "" if deterrence.percent is None else float(deterrence.percent),
                list_url(
                    "iom-deterrence",
                    **{"from": d.deterrence_from.isoformat(), "to": d.deterrence_to.isoformat()},
                ),
            ),
            PanelFigure(
                f"Crime-harm reduction of those deregistered since {d.since:%d %B %Y} (%)",
                "" if harm.percent is None else float(harm.percent),
                list_url(
                    "iom-harm", **{"from": d.harm_from.isoformat(), "to": d.harm_to.isoformat()}
                ),
            ),
        ),
        tables=(
            PanelTable(
                "months",
                "IOM members per month (on the month's last day), adoptions and removals",
                (
                    "Fixed",
                    "Flexible",
                    "Free",
                    "Total",
                    "Managed in the community",
                    "Adoptions",
                    "Removals",
                ),
                months,
            ),
        ),
    )

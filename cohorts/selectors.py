"""Reads for IOM: turn database rows into the facts ``cohorts/rules.py`` computes on.

Every figure on the dashboard and in the API comes from here and the rules, never from a
hand-written SQL count, so the page, the API and the documented formulas cannot drift.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Prefetch

from cohorts import rules
from cohorts.models import IomMembership
from offenders.models import Offence


def offence_fact(offence: Offence) -> rules.OffenceFact:
    return rules.OffenceFact(
        committed_on=offence.committed_on,
        harm_days=offence.offence_type.harm_days,
        charged=offence.charged,
    )


def offences_by_person(offender_ids: Iterable[int]) -> dict[int, list[Offence]]:
    """Every offence of these people, with its catalogue type, in one query."""
    grouped: dict[int, list[Offence]] = defaultdict(list)
    rows = Offence.objects.filter(offender_id__in=set(offender_ids)).select_related("offence_type")
    for offence in rows.order_by("committed_on", "pk"):
        grouped[offence.offender_id].append(offence)
    return grouped


def memberships_for_figures(force_id):
    """The force's memberships with what the facts need preloaded (people, moves)."""
    return (
        IomMembership.objects.for_force(force_id)
        .select_related("offender")
        .prefetch_related(Prefetch("moves"))
        .order_by("adopted_on", "pk")
    )


class FactSource:
    """Memberships and their people's offences, loaded once, as facts for any date."""

    def __init__(self, memberships: Iterable[IomMembership]):
        self.memberships = list(memberships)
        offences = offences_by_person(m.offender_id for m in self.memberships)
        self.offences = {pid: [offence_fact(o) for o in rows] for pid, rows in offences.items()}
        self.offence_rows = offences

    def facts(self, on: dt.date) -> list[rules.MembershipFact]:
        """Each membership as a fact on ``on``: its cohort then, managed in community then."""
        return [
            rules.MembershipFact(
                offender_id=m.offender_id,
                cohort=rules.Cohort(m.cohort_on(on)),
                adopted_on=m.adopted_on,
                removed_on=m.removed_on,
                managed_in_community=m.managed_in_community_on(on),
                removal_reason=rules.RemovalReason(m.removal_reason) if m.removal_reason else None,
                offences=tuple(self.offences.get(m.offender_id, ())),
            )
            for m in self.memberships
        ]


def counts_on(memberships: Iterable[IomMembership], on: dt.date, since: dt.date | None = None):
    source = FactSource(memberships)
    return rules.cohort_counts(source.facts(on), on, since=since)


def member_profile(membership: IomMembership, today: dt.date) -> rules.MemberProfile:
    """Offences and harm in the 12 months before adoption and each quarter since."""
    offences = Offence.objects.filter(offender_id=membership.offender_id).select_related(
        "offence_type"
    )
    until = today if membership.removed_on is None else membership.removed_on - rules.ONE_DAY
    until = max(until, membership.adopted_on - rules.ONE_DAY)
    return rules.member_profile((offence_fact(o) for o in offences), membership.adopted_on, until)


def neighbourhood_offences_before(offender, adopted_on: dt.date, months: int) -> int:
    """Neighbourhood-crime offences in the ``months`` months before adoption (the rules' window)."""
    window = rules.before_adoption_window(adopted_on, months)
    return Offence.objects.filter(
        offender=offender,
        offence_type__neighbourhood_crime=True,
        committed_on__gte=window.start,
        committed_on__lte=window.end,
    ).count()


def selection_warnings_for(
    *,
    offender,
    cohort: str,
    adopted_on: dt.date,
    ogrs_score: int | None,
    statutory_supervision: bool,
) -> list[str]:
    """The warnings the selection panel would see on adoption, without adopting (the same
    facts and force criteria ``services.adopt_iom_member`` records)."""
    from cohorts.models import IomCohortCriteria

    criteria, _weeks = IomCohortCriteria.for_cohort(offender.force, cohort)
    facts = rules.SelectionFacts(
        neighbourhood_offences_in_lookback=neighbourhood_offences_before(
            offender, adopted_on, criteria.lookback_months
        ),
        ogrs_score=ogrs_score,
        statutory_supervision=statutory_supervision,
        gender=offender.gender,
    )
    return rules.selection_warnings(cohort, facts, criteria)

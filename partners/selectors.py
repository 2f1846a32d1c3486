"""Reads that turn rows into the rules' facts: pathways, the gap map, reoffending cohorts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse

from accounts.models import PolicingArea
from cohorts.models import IomMembership
from disposals.access import visible_disposals
from disposals.models import Disposal, RestorativeJusticeReferral
from disposals.models import Referral as CourseReferral
from offenders.models import Offence, OutcomeCode
from partners import rules
from partners.access import visible_referrals
from partners.choices import Cohort, ReferralStatus
from partners.models import Need, PersonNeed, Referral, Service

# Police outcomes that are themselves proof of the offence on their date (a caution).
CAUTION_OUTCOMES = {OutcomeCode.YOUTH_CAUTION, OutcomeCode.ADULT_CAUTION}
NO_DISTRICT = ("", "District not recorded")


def person_profile(offender, on: dt.date) -> rules.PersonProfile:
    cohorts = set()
    if IomMembership.objects.filter(offender=offender).open().exists():
        cohorts.add(Cohort.IOM.value)
    if Disposal.objects.filter(offender=offender, status="active").exists():
        cohorts.add(Cohort.OOCD.value)
    offence_types = set(
        Offence.objects.filter(offender=offender).values_list("offence_type__code", flat=True)
    )
    return rules.PersonProfile(
        age=offender.age_on(on),
        gender=offender.gender,
        cohorts=frozenset(cohorts),
        offence_types=frozenset(offence_types),
    )


# --- Pathways ---------------------------------------------------------------------------


@dataclass
class Pathway:
    """One line of "every pathway a person is on", whichever app holds the record."""

    service_name: str
    provider: str
    kind: str  # "Partner referral", "OOCD course", "Restorative justice"
    referred_on: dt.date
    status: str
    status_on: dt.date | None
    need: str = ""
    url: str = ""
    service_url: str = ""


def pathways(offender, user) -> list[Pathway]:
    """Partner referrals, OOCD intervention courses and restorative justice, newest first.

    Courses and the RJ hub show under their directory service when one is linked."""
    rows: list[Pathway] = []
    for r in visible_referrals(user).filter(offender=offender):
        rows.append(
            Pathway(
                r.service.name,
                r.service.provider,
                "Partner referral",
                r.referred_on,
                r.get_status_display(),
                r.status_on,
                r.need.label if r.need else "",
                r.get_absolute_url(),
                r.service.get_absolute_url(),
            )
        )
    disposals = visible_disposals(user).filter(offender=offender)
    linked = {
        s.intervention_id: s
        for s in Service.objects.filter(force_id=offender.force_id, intervention__isnull=False)
    }
    for c in CourseReferral.objects.filter(disposal__in=disposals).select_related(
        "intervention", "disposal"
    ):
        service = linked.get(c.intervention_id)
        rows.append(
            Pathway(
                service.name if service else c.intervention.name,
                c.intervention.provider,
                "Out-of-court disposal course",
                c.referred_on,
                c.get_status_display(),
                c.status_on,
                url=reverse("disposal-detail", args=[c.disposal_id]),
                service_url=service.get_absolute_url() if service else "",
            )
        )
    hub = Service.objects.filter(force_id=offender.force_id, restorative_justice_hub=True).first()
    for rj in RestorativeJusticeReferral.objects.filter(disposal__in=disposals).select_related(
        "disposal"
    ):
        rows.append(
            Pathway(
                hub.name if hub else "Restorative justice hub",
                hub.provider if hub else "",
                "Restorative justice",
                rj.referred_on,
                rj.get_outcome_display(),
                rj.outcome_on,
                url=reverse("disposal-detail", args=[rj.disposal_id]),
                service_url=hub.get_absolute_url() if hub else "",
            )
        )
    rows.sort(key=lambda p: p.referred_on, reverse=True)
    return rows


# --- The gap map ------------------------------------------------------------------------


def gap_map(force_id, *, district: str | None = None) -> rules.GapMap:
    """District × need: people with an open need, free places in active services that
    reach the district (a service naming no district reaches the whole force), referrals
    awaiting an answer and declined. A fixed number of queries."""
    areas = list(PolicingArea.objects.filter(force_id=force_id).order_by("name"))
    districts = [(a.code, a.name) for a in areas]
    needs = [(n.code, n.label) for n in Need.objects.filter(active=True)]
    people: dict[tuple[str, str], int] = {}
    for row in (
        PersonNeed.objects.open()
        .filter(offender__force_id=force_id, offender__merged_into__isnull=True)
        .values("offender__home_area__code", "need__code")
        .annotate(n=Count("offender", distinct=True))
    ):
        people[(row["offender__home_area__code"] or "", row["need__code"])] = row["n"]
    places: dict[tuple[str, str], int] = defaultdict(int)
    services: dict[tuple[str, str], int] = defaultdict(int)
    for service in Service.objects.active().filter(force_id=force_id).with_lists():
        reach = [d.code for d in service.districts.all()] or [code for code, _ in districts]
        for need in service.needs.all():
            for code in reach:
                places[(code, need.code)] += service.places_free or 0
                services[(code, need.code)] += 1
    waiting: dict[tuple[str, str], int] = {}
    declined: dict[tuple[str, str], int] = {}
    for row in (
        Referral.objects.filter(
            force_id=force_id,
            need__isnull=False,
            status__in=[ReferralStatus.REFERRED, ReferralStatus.DECLINED],
        )
        .values("offender__home_area__code", "need__code", "status")
        .annotate(n=Count("pk"))
    ):
        key = (row["offender__home_area__code"] or "", row["need__code"])
        target = waiting if row["status"] == ReferralStatus.REFERRED else declined
        target[key] = row["n"]
    unplaced = any(k[0] == "" for k in (*people, *waiting, *declined))
    if unplaced:
        districts.append(NO_DISTRICT)
    if district is not None:
        districts = [d for d in districts if d[0] == district]
    return rules.gap_map(
        districts=districts,
        needs=needs,
        people=people,
        places=places,
        services=services,
        waiting=waiting,
        declined=declined,
    )


# --- Proven reoffending -----------------------------------------------------------------


@dataclass(frozen=True)
class CohortChoice:
    key: str  # "iom", "oocd", "oocd:community_resolution", "service:wonder"
    label: str


def cohort_choices(force_id) -> list[CohortChoice]:
    from disposals.models import DISPOSAL_TYPE_CHOICES

    choices = [
        CohortChoice("iom", "IOM: people adopted in the period"),
        CohortChoice("oocd", "Out-of-court disposals: every type"),
    ]
    choices += [
        CohortChoice(f"oocd:{v}", f"Out-of-court disposals: {label}")
        for v, label in DISPOSAL_TYPE_CHOICES
    ]
    choices += [
        CohortChoice(f"service:{code}", f"Referred to {name}")
        for code, name in Service.objects.filter(force_id=force_id).values_list("code", "name")
    ]
    return choices


class UnknownCohort(ValueError):
    pass


def cohort_index_dates(
    force_id, cohort: str, start: dt.date, end: dt.date
) -> list[tuple[int, dt.date, str]]:
    """(person, index date, group) for the cohort's members whose index date is in
    ``[start, end]``. The group is ``engaged`` when the person engaged with a partner
    service (ever engaged, for a service cohort: with that service), else ``not_engaged``.
    Raises UnknownCohort for a cohort Desist does not hold."""
    kind, _, detail = cohort.partition(":")
    if kind == Cohort.IOM and not detail:
        rows = IomMembership.objects.filter(
            force_id=force_id, adopted_on__gte=start, adopted_on__lte=end
        ).values_list("offender_id", "adopted_on")
        engaged = _ever_engaged(force_id)
    elif kind == Cohort.OOCD:
        qs = Disposal.objects.filter(force_id=force_id, decided_on__gte=start, decided_on__lte=end)
        if detail:
            from disposals.models import DISPOSAL_TYPE_CHOICES

            if detail not in dict(DISPOSAL_TYPE_CHOICES):
                raise UnknownCohort(cohort)
            qs = qs.filter(disposal_type=detail)
        rows = qs.values_list("offender_id", "decided_on")
        engaged = _ever_engaged(force_id)
    elif kind == Cohort.SERVICE and detail:
        service = Service.objects.filter(force_id=force_id, code=detail).first()
        if service is None:
            raise UnknownCohort(cohort)
        referrals = Referral.objects.filter(
            service=service, referred_on__gte=start, referred_on__lte=end
        )
        rows = referrals.values_list("offender_id", "referred_on")
        engaged = set(
            Referral.objects.filter(service=service, ever_engaged=True).values_list(
                "offender_id", flat=True
            )
        )
    else:
        raise UnknownCohort(cohort)
    return [(pk, day, "engaged" if pk in engaged else "not_engaged") for pk, day in rows.order_by()]


def _ever_engaged(force_id) -> set[int]:
    return set(
        Referral.objects.filter(force_id=force_id, ever_engaged=True).values_list(
            "offender_id", flat=True
        )
    )


def person_facts(members: list[tuple[int, dt.date, str]]) -> list[rules.PersonFact]:
    """The rules' facts: each member's offences with their proof date and harm. Proof is
    the recorded conviction or caution (``OffenceProof``), else a caution outcome's date."""
    if not members:
        return []
    ids = {pk for pk, _, _ in members}
    earliest = min(day for _, day, _ in members) - dt.timedelta(days=366)
    offences: dict[int, list[rules.OffenceFact]] = defaultdict(list)
    for o in (
        Offence.objects.filter(offender_id__in=ids, committed_on__gte=earliest)
        .select_related("offence_type", "proof")
        .order_by()
    ):
        proof = getattr(o, "proof", None)
        if proof is not None:
            proved_on = proof.proved_on
        elif o.outcome in CAUTION_OUTCOMES:
            proved_on = o.outcome_on
        else:
            proved_on = None
        offences[o.offender_id].append(
            rules.OffenceFact(o.committed_on, proved_on, o.offence_type.harm_days or Decimal(0))
        )
    return [
        rules.PersonFact(pk, day, tuple(offences.get(pk, ())), group) for pk, day, group in members
    ]


def places_summary(force_id) -> dict[str, int]:
    agg = (
        Service.objects.active()
        .filter(force_id=force_id)
        .aggregate(capacity=Sum("capacity"), free=Sum("places_free"), n=Count("pk"))
    )
    return {k: v or 0 for k, v in agg.items()}


def open_need_people(force_id) -> int:
    """People with an open need, counted as the gap map counts them (merged records out)."""
    return (
        PersonNeed.objects.open()
        .filter(offender__force_id=force_id, offender__merged_into__isnull=True)
        .aggregate(n=Count("offender", distinct=True))["n"]
    )


def referrals_in(force_id, start: dt.date, end: dt.date):
    return Referral.objects.filter(
        Q(referred_on__gte=start) & Q(referred_on__lte=end), force_id=force_id
    )


# --- The reoffending report -------------------------------------------------------------


@dataclass
class ReoffendingReport:
    cohort: str
    label: str
    first: dt.date
    last: dt.date
    on: dt.date
    threshold: int
    overall: rules.Measure
    groups: list[rules.Measure]
    before_after: rules.BeforeAfter


def default_reoffending_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The latest twelve months whose members are all measurable today: index dates in the
    year that ended 18 months (follow-up and waiting period) before today."""
    from core.calendar import add_months

    last = add_months(today, -(rules.FOLLOW_UP_MONTHS + rules.WAITING_MONTHS)) - dt.timedelta(
        days=1
    )
    return add_months(last, -12) + dt.timedelta(days=1), last


def reoffending_report(
    force_id, *, cohort: str, first: dt.date, last: dt.date, on: dt.date, threshold: int
) -> ReoffendingReport:
    """Proven reoffending of ``cohort`` (index dates in ``[first, last]``) as known ``on``:
    the whole cohort, engaged against not engaged, and the year before against the
    follow-up. Raises UnknownCohort."""
    members = cohort_index_dates(force_id, cohort, first, last)
    facts = person_facts(members)
    labels = {c.key: c.label for c in cohort_choices(force_id)}
    groups = rules.compare_groups(
        facts,
        on=on,
        groups=[("engaged", "Engaged with a partner service"), ("not_engaged", "Not engaged")],
        threshold=threshold,
    )
    overall = groups.pop()
    return ReoffendingReport(
        cohort=cohort,
        label=labels.get(cohort, cohort),
        first=first,
        last=last,
        on=on,
        threshold=threshold,
        overall=overall,
        groups=groups,
        before_after=rules.before_after(facts, on=on, threshold=threshold),
    )

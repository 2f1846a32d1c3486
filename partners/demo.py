"""Demo partner schemes (DOMAIN.md §14), needs, referrals and proof of offences.

The schemes the Norfolk and Suffolk seeds name: WONDER, Community Chaplaincy, Gateway to
Employment, Rescue Rehab, Turning Point, the DWP, housing providers, the Red Snapper
interventions hub and restorative justice (seeded with the OOCD courses by the reference
data). Needs and referrals are written through the services, so audit rows and deadlines
are what a user would have produced. Seeded and idempotent.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from accounts.models import Force, PolicingArea, Team, User
from core.calendar import add_months
from offenders.models import Gender, Offence, Offender, OutcomeCode
from partners import services
from partners.choices import CaseKind, ReferralStatus
from partners.models import Need, OffenceProof, Opportunity, OpportunityKind, Referral, Service

DEMO_SEED = 20261202
FORCE = "suffolk"

# code, name, provider, needs, districts (empty: county-wide), extra fields
SCHEMES: list[tuple[str, str, str, list[str], list[str], dict]] = [
    (
        "wonder",
        "WONDER (women at risk of offending)",
        "WONDER partnership (OPCC)",
        ["women", "mental_health", "family", "accommodation"],
        [],
        {
            "gender": "female",
            "min_age": 18,
            "capacity": 40,
            "places_free": 6,
            "description": "Whole-system approach for women at risk of offending. Pilot "
            "28 Feb 2017 - 28 Feb 2018: 131 women referred.",
            "funding_months": 2,
        },
    ),
    (
        "community-chaplaincy",
        "Community Chaplaincy mentoring",
        "Community Chaplaincy",
        ["mentoring", "family"],
        [],
        {
            "capacity": 25,
            "places_free": 0,
            "volunteers": 19,
            "description": "Volunteer mentors for offenders, ex-offenders and families: in "
            "prison, through the gate and in the community.",
        },
    ),
    (
        "gateway-to-employment",
        "Gateway to Employment",
        "Gateway to Employment Board",
        ["employment", "education"],
        [],
        {
            "capacity": 60,
            "places_free": 15,
            "description": "83 providers and employers: interviews, bursaries and grants, "
            "training, work experience and job offers.",
        },
    ),
    (
        "rescue-rehab",
        "Rescue Rehab",
        "Rescue Rehab (HMP Norwich)",
        ["education", "attitudes"],
        [],
        {
            "cohorts": ["iom"],
            "capacity": 12,
            "places_free": 2,
            "description": "Rescue dogs in HMP Norwich; education with recognised qualifications.",
        },
    ),
    (
        "turning-point",
        "Turning Point substance misuse service",
        "Turning Point",
        ["substance_misuse", "alcohol"],
        [],
        {"capacity": 80, "places_free": 9, "cohorts": ["iom", "oocd"]},
    ),
    (
        "dwp-iom",
        "DWP work coach for IOM",
        "Department for Work and Pensions",
        ["employment", "finance_debt"],
        [],
        {"capacity": 30, "places_free": 10, "cohorts": ["iom"]},
    ),
    (
        "housing-ipswich",
        "Supported housing (Ipswich)",
        "Orwell Housing",
        ["accommodation"],
        ["south"],
        {"capacity": 14, "places_free": 1, "funding_months": 5},
    ),
    (
        "housing-lowestoft",
        "Supported housing (Lowestoft)",
        "Waveney housing partnership",
        ["accommodation"],
        ["east"],
        {"capacity": 8, "places_free": 0},
    ),
    (
        "red-snapper",
        "Red Snapper Interventions Hub",
        "Red Snapper",
        ["attitudes", "substance_misuse", "alcohol"],
        [],
        {
            "cohorts": ["oocd"],
            "capacity": 200,
            "places_free": 120,
            "description": "About 20 online interventions for out-of-court disposal "
            "conditions (shoplifting, drugs, ...).",
        },
    ),
]
NEED_WEIGHTS = {
    "accommodation": 5,
    "substance_misuse": 4,
    "employment": 4,
    "mental_health": 3,
    "alcohol": 2,
    "finance_debt": 2,
    "family": 1,
    "mentoring": 2,
    "women": 1,
}
PEOPLE = 60  # with needs; scaled by --small


def ensure_schemes(force: Force, by: User, today: dt.date) -> int:
    """Create the schemes missing from the force's directory; returns how many it made."""
    needs = {n.code: n for n in Need.objects.all()}
    areas = {a.code: a for a in PolicingArea.objects.filter(force=force)}
    made = 0
    for code, name, provider, need_codes, district_codes, scheme in SCHEMES:
        if Service.objects.filter(force=force, code=code).exists():
            continue
        extra = dict(scheme)
        months = extra.pop("funding_months", 24)
        services.save_service(
            force=force,
            code=code,
            name=name,
            provider=provider,
            needs=[needs[n] for n in need_codes],
            districts=[areas[d] for d in district_codes if d in areas],
            funded_by="Office of the Police and Crime Commissioner",
            funding_ends_on=add_months(today, months),
            contact=f"Referrals to {provider} by the referral form or the partnership inbox.",
            by=by,
            at=timezone.now(),
            **extra,
        )
        made += 1
    return made


def load_demo_partners(scale: float = 1.0) -> str:
    force = Force.objects.filter(code=FORCE).first()
    admin = User.objects.filter(username="admin").first()
    officer = User.objects.filter(username="iom.officer").first()
    if force is None or admin is None or officer is None:
        return "no demo force or users: nothing loaded"
    today = timezone.localdate()
    # The commissioner's team receives the "funding ends" reminders: the demo administrator
    # stands in for it, so the reminders appear under My work.
    team = Team.objects.filter(force=force, code=services.PARTNERSHIPS_TEAM).first()
    if team is not None:
        admin.teams.add(team)
    ensure_schemes(force, admin, today)
    if not Referral.objects.filter(force=force).exists():
        _needs_and_referrals(force, officer, today, max(6, round(PEOPLE * scale)))
    _proofs(force, today)
    return _describe(force)


def _needs_and_referrals(force, officer, today, count: int) -> None:
    rng = random.Random(DEMO_SEED)
    needs = {n.code: n for n in Need.objects.all()}
    directory = list(Service.objects.active().filter(force=force).prefetch_related("needs"))
    people = list(
        Offender.objects.filter(
            force=force, merged_into__isnull=True, home_area__isnull=False
        ).order_by("pk")[: count * 3]
    )
    rng.shuffle(people)
    statuses = [
        [],
        [ReferralStatus.ACCEPTED],
        [ReferralStatus.DECLINED],
        [ReferralStatus.ACCEPTED, ReferralStatus.ENGAGED],
        [ReferralStatus.ACCEPTED, ReferralStatus.ENGAGED, ReferralStatus.COMPLETED],
        [ReferralStatus.ACCEPTED, ReferralStatus.ENGAGED, ReferralStatus.DISENGAGED],
    ]
    for person in people[:count]:
        code = rng.choices(list(NEED_WEIGHTS), weights=list(NEED_WEIGHTS.values()))[0]
        if code == "women" and person.gender != Gender.FEMALE:
            code = "mental_health"
        day = today - dt.timedelta(days=rng.randint(20, 700))
        if day < person.date_of_birth:
            continue
        services.record_need(
            offender=person,
            need=needs[code],
            source_kind=rng.choice([CaseKind.IOM, CaseKind.OOCD, CaseKind.CUSTODY]),
            assessed_on=day,
            by=officer,
            today=today,
            notes="Assessed at the case review (demo).",
        )
        candidates = [s for s in directory if needs[code] in s.needs.all()]
        if not candidates or rng.random() < 0.2:
            continue  # an unmet need: part of the gap the map shows
        referral = services.refer(
            offender=person,
            service=rng.choice(candidates),
            need=needs[code],
            referred_on=day,
            by=officer,
            today=today,
        )
        on = day
        for status in rng.choice(statuses):
            on = min(today, on + dt.timedelta(days=rng.randint(3, 40)))
            referral = services.record_progress(
                referral=referral,
                status=status,
                on=on,
                by=officer,
                today=today,
                at=timezone.now(),
                outcome="Housed"
                if status == ReferralStatus.COMPLETED and code == "accommodation"
                else "",
            )
    gateway = Service.objects.filter(force=force, code="gateway-to-employment").first()
    if gateway is not None and not gateway.opportunities.exists():
        kinds = [k for k, _ in OpportunityKind.choices]
        for i in range(60):
            Opportunity.objects.create(
                service=gateway,
                kind=OpportunityKind.JOB_OFFER if i % 4 == 0 else rng.choice(kinds),
                offered_on=today - dt.timedelta(days=rng.randint(0, 360)),
                employer=rng.choice(["Local builder", "Warehouse", "Café", "Council"]),
            )


def _proofs(force, today) -> None:
    """Charged offences go to court: most end in a conviction some weeks later."""
    charged = Offence.objects.filter(
        offender__force=force,
        outcome__in=[OutcomeCode.CHARGED, OutcomeCode.CHARGED_ALTERNATIVE],
        outcome_on__isnull=False,
        proof__isnull=True,
    ).order_by("pk")
    rows = []
    for offence in charged:
        # Seeded per offence: a second load makes the same decision, so it adds nothing.
        rng = random.Random(f"{DEMO_SEED}:{offence.pk}")
        if rng.random() < 0.85:
            proved = min(today, offence.outcome_on + dt.timedelta(days=rng.randint(20, 200)))
            rows.append(OffenceProof(offence=offence, kind="conviction", proved_on=proved))
    OffenceProof.objects.bulk_create(rows, batch_size=500)


def _describe(force) -> str:
    return (
        f"{Service.objects.filter(force=force).count()} services, "
        f"{Referral.objects.filter(force=force).count()} partner referrals, "
        f"{OffenceProof.objects.filter(offence__offender__force=force).count()} proved offences"
    )

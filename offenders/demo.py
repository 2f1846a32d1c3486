"""Demo people: believable, seeded (the same every run), loaded by ``make run``.

Idempotent: people are keyed on their PNC IDs (near-duplicates on name and date of birth),
and each person's aliases, addresses, markers and offences are added only if the person
has none yet, from a generator seeded by the person's PNC ID, so a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from faker import Faker

from accounts.models import Force, PolicingArea
from offenders.models import (
    Address,
    Alias,
    AliasKind,
    Ethnicity,
    Gender,
    Marker,
    MarkerKind,
    Offence,
    OffenceType,
    Offender,
    OfficerEthnicity,
    OutcomeCode,
)
from offenders.rules import make_pnc_id, outcome_existed_on

DEMO_PEOPLE_PER_FORCE = {"suffolk": 240, "norfolk": 160}
DEMO_SEED = 20261122
DEMO_TODAY = dt.date(2026, 11, 1)
HINT_PERSON_PNC = "2008/0056560Z"

# (town, postcode district prefixes) for each policing area.
AREA_TOWNS = {
    "east": ("Lowestoft", ["NR32", "NR33"]),
    "west": ("Bury St Edmunds", ["IP28", "IP32", "IP33"]),
    "south": ("Ipswich", ["IP1", "IP2", "IP3", "IP4"]),
    "breckland": ("Thetford", ["IP24", "IP25"]),
    "broadland": ("Aylsham", ["NR10", "NR11"]),
    "great-yarmouth": ("Great Yarmouth", ["NR30", "NR31"]),
    "kings-lynn": ("King's Lynn", ["PE30", "PE31"]),
    "north-norfolk": ("Cromer", ["NR27", "NR26"]),
    "norwich": ("Norwich", ["NR1", "NR2", "NR3", "NR5"]),
    "south-norfolk": ("Wymondham", ["NR18", "NR14"]),
}

# Offence mix weighted towards what IOM and custody see most.
OFFENCE_WEIGHTS = {
    "shoplifting": 20,
    "common-assault": 12,
    "possession-class-b": 10,
    "criminal-damage": 9,
    "burglary-dwelling": 7,
    "theft-from-vehicle": 6,
    "abh": 6,
    "public-order-s4": 5,
    "possession-class-a": 5,
    "theft-of-vehicle": 4,
    "harassment": 4,
    "robbery-personal": 3,
    "theft-from-person": 3,
    "burglary-non-dwelling": 3,
    "supply-class-a": 2,
    "bladed-article": 2,
    "coercive-control": 2,
    "breach-court-order": 2,
    "drink-driving": 3,
    "fraud-false-representation": 2,
    "handling-stolen-goods": 2,
    "gbh-s20": 1,
    "assault-emergency-worker": 1,
}
OUTCOME_WEIGHTS = {
    OutcomeCode.CHARGED: 45,
    OutcomeCode.ADULT_CAUTION: 8,
    OutcomeCode.COMMUNITY_RESOLUTION: 10,
    OutcomeCode.DIVERSION: 6,
    OutcomeCode.EVIDENTIAL_SUPPORTED: 10,
    OutcomeCode.VICTIM_WITHDRAWS: 12,
    OutcomeCode.PND: 3,
    OutcomeCode.DRUGS_WARNING: 3,
    "": 3,
}
MARKER_WEIGHTS = {
    MarkerKind.VIOLENCE: 30,
    MarkerKind.DRUGS: 25,
    MarkerKind.WEAPONS: 12,
    MarkerKind.SELF_HARM: 10,
    MarkerKind.MENTAL_HEALTH: 10,
    MarkerKind.SUICIDAL: 4,
    MarkerKind.ESCAPE_RISK: 4,
    MarkerKind.CONCEALS: 5,
}
ETHNICITY_WEIGHTS = {
    (Ethnicity.W1, OfficerEthnicity.IC1): 78,
    (Ethnicity.W9, OfficerEthnicity.IC2): 6,
    (Ethnicity.B2, OfficerEthnicity.IC3): 3,
    (Ethnicity.B1, OfficerEthnicity.IC3): 2,
    (Ethnicity.M1, OfficerEthnicity.IC3): 2,
    (Ethnicity.A2, OfficerEthnicity.IC4): 2,
    (Ethnicity.A1, OfficerEthnicity.IC4): 1,
    (Ethnicity.W3, OfficerEthnicity.IC1): 2,
    (Ethnicity.NS, OfficerEthnicity.IC1): 4,
}
# Deliberate near-duplicates (a second record of an existing demo person, typed differently).
DEMO_DUPLICATES = 8


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def load_demo_people(scale: float = 1.0) -> str:
    """Create the demo people and their histories if missing (``scale`` < 1: fewer people,
    for tests of the loader itself)."""
    fake = Faker("en_GB")
    fake.seed_instance(DEMO_SEED)
    rng = random.Random(DEMO_SEED)
    serial = 100000
    for force_code, count in DEMO_PEOPLE_PER_FORCE.items():
        force = Force.objects.get(code=force_code)
        for _ in range(max(1, round(count * scale))):
            serial += rng.randint(1, 400)
            gender = rng.choices([Gender.MALE, Gender.FEMALE], weights=[82, 18])[0]
            first = fake.first_name_male() if gender == Gender.MALE else fake.first_name_female()
            last = fake.last_name()
            dob = dt.date(2026, 1, 1) - dt.timedelta(days=rng.randint(15 * 365, 65 * 365))
            pnc = make_pnc_id(rng.randint(1995, 2025), serial)
            Offender.objects.get_or_create(
                pnc_id=pnc,
                defaults={
                    "force": force,
                    "first_name": first,
                    "last_name": last,
                    "date_of_birth": dob,
                    "gender": gender,
                },
            )
    # The person the search page's hint names in its examples ("jon smyth 1990",
    # "2008/0056560Z", "17/05/1990"), so each example finds someone on a first run.
    Offender.objects.get_or_create(
        pnc_id=HINT_PERSON_PNC,
        defaults={
            "force": Force.objects.get(code="suffolk"),
            "first_name": "John",
            "last_name": "Smith",
            "date_of_birth": dt.date(1990, 5, 17),
            "gender": Gender.MALE,
        },
    )
    catalogue = {t.code: t for t in OffenceType.objects.filter(code__in=OFFENCE_WEIGHTS)}
    areas = {
        force_id: list(PolicingArea.objects.filter(force_id=force_id))
        for force_id in Force.objects.values_list("pk", flat=True)
    }
    people = list(Offender.objects.filter(pnc_id__isnull=False, notes="").order_by("pk"))
    for person in people:
        _fill_person(person, catalogue, areas[person.force_id])
    _make_duplicates(people[:: max(1, len(people) // DEMO_DUPLICATES)][:DEMO_DUPLICATES])
    return (
        f"{Offender.objects.count()} people, {Alias.objects.count()} aliases, "
        f"{Address.objects.count()} addresses, {Marker.objects.count()} markers, "
        f"{Offence.objects.count()} offences"
    )


def _section(person: Offender, name: str) -> tuple[random.Random, Faker]:
    """A generator of its own for each part of each person: skipping one part on a second
    run must not change what the next part would have drawn."""
    rng = random.Random(f"{DEMO_SEED}:{person.pnc_id}:{name}")
    fake = Faker("en_GB")
    fake.seed_instance(rng.randint(0, 2**31))
    return rng, fake


def _fill_person(person: Offender, catalogue, areas) -> None:
    rng, fake = _section(person, "identity")
    if person.home_area_id is None and areas:
        ethnicity, officer = _pick(rng, ETHNICITY_WEIGHTS)
        person.home_area = rng.choice(areas)
        person.ethnicity, person.officer_ethnicity = ethnicity, officer
        person.save(update_fields=["home_area", "ethnicity", "officer_ethnicity"])
    adult_from = person.date_of_birth.replace(year=person.date_of_birth.year + 16)
    rng, fake = _section(person, "addresses")
    if not person.addresses.exists() and person.home_area_id:
        town, prefixes = AREA_TOWNS.get(person.home_area.code, ("Ipswich", ["IP1"]))
        moves = rng.randint(1, 3)
        start = adult_from + dt.timedelta(days=rng.randint(0, 2000))
        for i in range(moves):
            if start >= DEMO_TODAY:
                break
            end = None
            if i < moves - 1:
                end = min(DEMO_TODAY, start + dt.timedelta(days=rng.randint(200, 2500)))
            letters = "".join(rng.choice("ABDEFGHJLNPQRSTUWXY") for _ in range(2))
            Address.objects.create(
                offender=person,
                line1=fake.street_address().split("\n")[0],
                town=town,
                postcode=f"{rng.choice(prefixes)} {rng.randint(1, 9)}{letters}",
                from_date=start,
                to_date=end,
            )
            if end is None or end >= DEMO_TODAY:
                break
            start = end + dt.timedelta(days=1)
    rng, fake = _section(person, "aliases")
    if not person.aliases.exists():
        roll = rng.random()
        if roll < 0.15:
            Alias.objects.create(
                offender=person,
                kind=AliasKind.ALIAS,
                first_name=fake.first_name_male()
                if person.gender == Gender.MALE
                else fake.first_name_female(),
                last_name=person.last_name if rng.random() < 0.5 else fake.last_name(),
                date_of_birth=person.date_of_birth
                + dt.timedelta(days=rng.choice([0, 0, 1, 365, -365])),
            )
        elif roll < 0.22 and person.gender == Gender.FEMALE:
            Alias.objects.create(
                offender=person,
                kind=AliasKind.PREVIOUS_NAME,
                first_name=person.first_name,
                last_name=fake.last_name(),
            )
        if person.aliases.exists():
            person.save(update_fields=["search_text"])
    rng, fake = _section(person, "markers")
    if not person.markers.exists() and rng.random() < 0.28:
        for kind in {_pick(rng, MARKER_WEIGHTS) for _ in range(rng.randint(1, 2))}:
            Marker.objects.create(
                offender=person,
                kind=kind,
                added_on=adult_from + dt.timedelta(days=rng.randint(0, 3000)),
                details={
                    "violence": "Assaulted officers on arrest",
                    "weapons": "Known to carry a knife",
                    "drugs": "Class A user",
                    "self_harm": "History of self-harm in custody",
                }.get(kind, ""),
            )
    rng, fake = _section(person, "offences")
    if not person.offences.exists() and catalogue:
        first_offence = person.date_of_birth.replace(year=person.date_of_birth.year + 14)
        span = max(1, (DEMO_TODAY - first_offence).days)
        for _ in range(rng.choices([0, 1, 2, 3, 5, 8, 12], weights=[10, 20, 20, 18, 15, 10, 7])[0]):
            committed = first_offence + dt.timedelta(days=rng.randint(0, span))
            outcome = _pick(rng, OUTCOME_WEIGHTS)
            offence_type = catalogue[_pick(rng, OFFENCE_WEIGHTS)]
            outcome_on = (
                min(DEMO_TODAY, committed + dt.timedelta(days=rng.randint(1, 200)))
                if outcome
                else None
            )
            if outcome_on and not outcome_existed_on(outcome, outcome_on):
                outcome = OutcomeCode.CHARGED  # Outcomes 21 and 22 are younger than this
            Offence.objects.create(
                offender=person,
                offence_type=offence_type,
                committed_on=committed,
                area=person.home_area,
                outcome=outcome,
                outcome_on=outcome_on,
            )


def _make_duplicates(originals: list[Offender]) -> None:
    """Second records of some people, as another officer might have typed them (no PNC ID)."""
    respell = {"th": "t", "ph": "f", "y": "i", "ie": "y", "ll": "l", "nn": "n", "ck": "k"}
    for original in originals:
        last = original.last_name
        for old, new in respell.items():
            if old in last.lower():
                last = last.lower().replace(old, new, 1).title()
                break
        else:
            last = last + "e"
        Offender.objects.get_or_create(
            force=original.force,
            first_name=original.first_name,
            last_name=last,
            date_of_birth=original.date_of_birth,
            pnc_id=None,
            defaults={
                "gender": original.gender,
                "home_area": original.home_area,
                "notes": "Recorded from a custody record without a PNC ID.",
            },
        )

"""Benchmark data (``manage.py generate``, see ``core.generate``): people, aliases and
offence histories.

Names follow the en_GB Faker frequency lists, with the spelling variants that make search
hard (Mohammed/Muhammad, Jon/John, Smith/Smyth). About one person in ten gets an alias.
PNC IDs are valid and unique: serials start above the demo people's (``SERIAL_BASE``).
No history rows and no audit: this is test data, not casework.
"""

from __future__ import annotations

import datetime as dt

from faker.providers.person.en_GB import Provider as Names

from accounts.models import Force, PolicingArea
from core.generate import Context, Person
from offenders.models import Alias, Gender, Offence, OffenceType, Offender, OutcomeCode
from offenders.names import name_keys
from offenders.rules import make_pnc_id, outcome_existed_on

ORDER = 20
BATCH = 20_000
SERIAL_BASE = 5_000_000
YEARS = 30  # PNC years 1996-2025
VARIANTS = {
    "Mohammed": ["Muhammad", "Mohamed", "Mohammad"],
    "John": ["Jon"],
    "Smith": ["Smyth"],
    "Stephen": ["Steven"],
    "Catherine": ["Kathryn", "Katherine"],
    "Thompson": ["Thomson"],
    "Khan": ["Kahn"],
}
OUTCOMES = {
    OutcomeCode.CHARGED: 45,
    OutcomeCode.ADULT_CAUTION: 8,
    OutcomeCode.COMMUNITY_RESOLUTION: 10,
    OutcomeCode.DIVERSION: 6,
    OutcomeCode.EVIDENTIAL_SUPPORTED: 10,
    OutcomeCode.VICTIM_WITHDRAWS: 12,
    OutcomeCode.PND: 3,
    OutcomeCode.DRUGS_WARNING: 3,
}
KEY_FIELDS = list(name_keys("a", "b"))
PERSON_COLUMNS = [
    "id",
    "force_id",
    "first_name",
    "last_name",
    "gender",
    "date_of_birth",
    "pnc_id",
    "home_area_id",
    "in_prison_since",
    "created_at",
    *KEY_FIELDS,
    "search_text",
]


def serial_room(offset: int, people: int) -> bool:
    return (offset + people) // YEARS + SERIAL_BASE < 10**7


def generated_people() -> int:
    """People this generator made before (their PNC serials start at SERIAL_BASE)."""
    return Offender.objects.filter(pnc_id__regex=r"^[0-9]{4}/[5-9]").count()


def generate(ctx: Context) -> str:
    rng = ctx.rng(f"offenders:{ctx.offset}")
    people = ctx.volumes["people"]
    forces = list(Force.objects.order_by("code"))
    areas = {
        f.pk: list(PolicingArea.objects.filter(force=f).values_list("pk", flat=True))
        for f in forces
    }
    males = [*Names.first_names_male, "Mohammed", "John", "Stephen"]
    females = [*Names.first_names_female, "Catherine"]
    lasts = [*Names.last_names, "Khan", "Thompson", "Smith"]
    last_weights = [Names.last_names.get(n, 0.3) for n in lasts]
    offence_types = list(OffenceType.objects.order_by("code").values_list("pk", flat=True))
    outcomes, outcome_weights = list(OUTCOMES), list(OUTCOMES.values())

    person_ids = iter(ctx.ids(Offender, people))
    person_rows = ctx.writer(Offender, PERSON_COLUMNS, batch=None)
    alias_rows = ctx.writer(
        Alias, ["offender_id", "first_name", "last_name", *KEY_FIELDS], batch=None
    )
    offence_rows = ctx.writer(
        Offence,
        ["offender_id", "offence_type_id", "committed_on", "area_id", "outcome", "outcome_on"],
        batch=None,
    )
    for i in range(people):
        n = ctx.offset + i
        pk = next(person_ids)
        gender = Gender.MALE if rng.random() < 0.8 else Gender.FEMALE
        first = rng.choice(males if gender == Gender.MALE else females)
        last = rng.choices(lasts, weights=last_weights)[0]
        first = rng.choice([first, *VARIANTS.get(first, [])])
        last = rng.choice([last, *VARIANTS.get(last, [])])
        force = forces[n % len(forces)]
        dob = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 58))
        pnc = (
            make_pnc_id(1996 + n % YEARS, SERIAL_BASE + n // YEARS) if rng.random() < 0.9 else None
        )
        area = rng.choice(areas[force.pk]) if areas[force.pk] else None
        in_prison = (
            ctx.today - dt.timedelta(days=rng.randint(10, 900)) if rng.random() < 0.01 else None
        )
        alias = None
        if rng.random() < 0.1:
            alias = (
                rng.choice(males if gender == Gender.MALE else females),
                rng.choices(lasts, weights=last_weights)[0],
            )
        person = Offender(first_name=first, last_name=last)
        person.set_search_keys(alias_names=[" ".join(alias)] if alias else [])
        keys = [getattr(person, f) for f in KEY_FIELDS]
        person_rows.add(
            (
                pk,
                force.pk,
                first,
                last,
                gender.value,
                dob,
                pnc,
                area,
                in_prison,
                ctx.now,
                *keys,
                person.search_text,
            )
        )
        if alias:
            alias_keys = name_keys(*alias)
            alias_rows.add((pk, alias[0], alias[1], *[alias_keys[f] for f in KEY_FIELDS]))
        adult = dob + dt.timedelta(days=365 * 16)
        for _ in range(rng.choice((0, 0, 1, 1, 1, 2, 3))):
            committed = adult + dt.timedelta(days=rng.randint(0, max(1, (ctx.today - adult).days)))
            committed = min(committed, ctx.today)
            outcome = rng.choices(outcomes, weights=outcome_weights)[0]
            offence_type = rng.choice(offence_types)
            outcome_on = min(committed + dt.timedelta(days=rng.randint(1, 120)), ctx.today)
            code = (
                outcome.value
                if outcome_existed_on(outcome.value, outcome_on)
                else OutcomeCode.CHARGED.value
            )
            offence_rows.add((pk, offence_type, committed, area, code, outcome_on))
        ctx.people.append(Person(pk, force.pk, area, dob, gender.value))
        if (i + 1) % BATCH == 0:  # parents first: the foreign keys are checked per batch
            for writer in (person_rows, alias_rows, offence_rows):
                writer.flush()
            if (i + 1) % 100_000 == 0:
                ctx.say(f"  {i + 1:>9} people")
    made = person_rows.close()
    aliases = alias_rows.close()
    offences = offence_rows.close()
    return f"{made} people, {aliases} aliases, {offences} offences"

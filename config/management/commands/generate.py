"""Generate synthetic data for benchmarks: ``manage.py generate --scale force --seed 1``.

Lives in ``config`` because it will generate for every app (issue 19); today it generates
people. ``--scale`` picks the population (tiny 200, force 50,000, national 1,000,000);
``--people`` overrides it. It refuses to run on a database that already holds generated
people unless ``--offset`` says how many there are, so a second run never duplicates.

Bulk inserts in batches (no per-row save, no history rows, no audit: this is test data,
not casework). Names follow the en_GB Faker frequency lists, with the spelling variants
that make search hard (Mohammed/Muhammad, Jon/John, Smith/Smyth). About one person in ten
gets an alias. PNC IDs are valid and unique: serials start above the demo people's.
Add to an existing population with ``--offset`` (the number already generated).
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from faker.providers.person.en_GB import Provider as Names

from accounts.models import Force, PolicingArea
from offenders.models import Alias, Gender, Offender
from offenders.names import name_keys
from offenders.rules import make_pnc_id

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


SCALES = {"tiny": 200, "force": 50_000, "national": 1_000_000}


class Command(BaseCommand):
    help = "Bulk-generate synthetic people for the search benchmark (bench/search_bench.py)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default=None)
        parser.add_argument("--people", type=int, default=None, help="overrides --scale")
        parser.add_argument(
            "--offset", type=int, default=0, help="people generated before (continues PNC serials)"
        )
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale, people, offset, batch, seed, **options):
        if people is None:
            if scale is None:
                raise CommandError("Give --scale tiny|force|national or --people N.")
            people = SCALES[scale]
        # Generated PNC serials start at SERIAL_BASE (5,000,000); demo people's are lower.
        generated = Offender.objects.filter(pnc_id__regex=r"^[0-9]{4}/[5-9]").count()
        if generated and not offset:
            raise CommandError(
                f"The database already holds generated people ({generated} with a PNC ID): "
                "give --offset N (the number generated before) to add more, or generate "
                "into an empty database."
            )
        if people < 1 or offset < 0 or batch < 1:
            raise CommandError("--people and --batch must be positive, --offset not negative.")
        if (offset + people) // YEARS + SERIAL_BASE >= 10**7:
            raise CommandError("Too many people for the PNC serial range.")
        rng = random.Random(seed * 1_000_003 + offset)
        forces = list(Force.objects.order_by("code"))
        areas = {f.pk: list(PolicingArea.objects.filter(force=f)) for f in forces}
        males, females = (
            list(Names.first_names_male),
            [*list(Names.first_names_female), "Catherine"],
        )
        lasts = [*list(Names.last_names), "Khan", "Thompson", "Smith"]
        last_weights = [Names.last_names.get(n, 0.3) for n in lasts]
        males += ["Mohammed", "John", "Stephen"]
        started = time.monotonic()
        done = 0
        while done < people:
            size = min(batch, people - done)
            rows, aliases = [], []
            for i in range(size):
                n = offset + done + i
                gender = Gender.MALE if rng.random() < 0.8 else Gender.FEMALE
                first = rng.choice(males if gender == Gender.MALE else females)
                last = rng.choices(lasts, weights=last_weights)[0]
                first = rng.choice([first, *VARIANTS.get(first, [])])
                last = rng.choice([last, *VARIANTS.get(last, [])])
                force = forces[n % len(forces)]
                person = Offender(
                    force=force,
                    first_name=first,
                    last_name=last,
                    gender=gender,
                    date_of_birth=dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 58)),
                    pnc_id=make_pnc_id(1996 + n % YEARS, SERIAL_BASE + n // YEARS)
                    if rng.random() < 0.9
                    else None,
                    home_area=rng.choice(areas[force.pk]) if areas[force.pk] else None,
                )
                alias = None
                if rng.random() < 0.1:
                    alias = (
                        rng.choice(males if gender == Gender.MALE else females),
                        rng.choices(lasts, weights=last_weights)[0],
                    )
                person.set_search_keys(alias_names=[" ".join(alias)] if alias else [])
                rows.append(person)
                aliases.append(alias)
            with transaction.atomic():
                created = Offender.objects.bulk_create(rows, batch_size=batch)
                alias_rows = []
                for person, alias in zip(created, aliases, strict=True):
                    if alias:
                        row = Alias(offender_id=person.pk, first_name=alias[0], last_name=alias[1])
                        for field, value in name_keys(*alias).items():
                            setattr(row, field, value)
                        alias_rows.append(row)
                Alias.objects.bulk_create(alias_rows, batch_size=batch)
            done += size
            rate = done / max(time.monotonic() - started, 1e-6)
            self.stdout.write(f"{done:>9} people ({rate:,.0f}/s)")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE offenders_offender, offenders_alias")
        self.stdout.write(
            self.style.SUCCESS(f"Generated {people} people in {time.monotonic() - started:.0f}s.")
        )

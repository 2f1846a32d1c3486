"""Demo people: believable, seeded (the same every run), loaded by ``make run``."""

from __future__ import annotations

import datetime as dt
import random

from faker import Faker

from accounts.models import Force
from offenders.models import Gender, Offender
from offenders.rules import make_pnc_id

DEMO_PEOPLE_PER_FORCE = {"suffolk": 240, "norfolk": 160}
DEMO_SEED = 20261122


def load_demo_people() -> int:
    """Create the demo people if missing. Idempotent: keyed on their PNC IDs."""
    fake = Faker("en_GB")
    fake.seed_instance(DEMO_SEED)
    rng = random.Random(DEMO_SEED)
    serial = 100000
    for force_code, count in DEMO_PEOPLE_PER_FORCE.items():
        force = Force.objects.get(code=force_code)
        for _ in range(count):
            serial += rng.randint(1, 400)
            gender = rng.choices([Gender.MALE, Gender.FEMALE], weights=[82, 18])[0]
            first = fake.first_name_male() if gender == Gender.MALE else fake.first_name_female()
            last = fake.last_name()
            dob = dt.date(2026, 1, 1) - dt.timedelta(days=rng.randint(15 * 365, 65 * 365))
            pnc = make_pnc_id(rng.randint(1995, 2025), serial)
            Offender.objects.get_or_create(
                pnc_id=pnc,
                defaults={
                    "force": force, "first_name": first, "last_name": last,
                    "date_of_birth": dob, "gender": gender,
                },
            )
    return f"{Offender.objects.count()} people"

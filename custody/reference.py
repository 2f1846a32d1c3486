"""Custody reference data: the six Police Investigation Centres, their cells, their custody
teams, and the local authorities' Golden Hour service hours.

Loaded by a data migration (``load_custody_reference``) and idempotent: it creates what is
missing and corrects names and hours; it never removes cells, so an installation can add
or take cells out of service as data (``Cell.in_service``).

Capacities: API.md gives Martlesham 30, Bury St Edmunds 24 and Great Yarmouth 30 cells and
146 in all; the split of the remaining 62 between Aylsham, King's Lynn and Wymondham is
not published, so the figures below are a configurable assumption, not a fact.
"""

from __future__ import annotations

import datetime as dt

T = dt.time

# code -> force, name, daytime service, out-of-hours service, weekday windows (Mon=0)
LOCAL_AUTHORITIES = {
    "suffolk-county-council": {
        "force": "suffolk",
        "name": "Suffolk County Council",
        "daytime_service": "Customer First",
        "out_of_hours_service": "Emergency Duty Service (EDS)",
        # Suffolk Golden Hour process (DOMAIN.md §8).
        "windows": {
            0: (T(8), T(17, 20)),
            1: (T(8), T(17, 20)),
            2: (T(8), T(17, 20)),
            3: (T(8), T(17, 20)),
            4: (T(8), T(16, 20)),
        },
    },
    "norfolk-county-council": {
        "force": "norfolk",
        "name": "Norfolk County Council",
        "daytime_service": "Children's Advice and Duty Service",
        "out_of_hours_service": "Emergency Duty Team (EDT)",
        # norfolk.gov.uk: EDT from 17:00 Mon-Thu and 16:35 Fri until 09:00 (DOMAIN.md §8).
        "windows": {
            0: (T(9), T(17)),
            1: (T(9), T(17)),
            2: (T(9), T(17)),
            3: (T(9), T(17)),
            4: (T(9), T(16, 35)),
        },
    },
}

# code, force, name, cells, local authority
SUITES = [
    ("martlesham", "suffolk", "Martlesham PIC", 30, "suffolk-county-council"),
    ("bury-st-edmunds", "suffolk", "Bury St Edmunds PIC", 24, "suffolk-county-council"),
    ("great-yarmouth", "norfolk", "Great Yarmouth PIC", 30, "norfolk-county-council"),
    ("aylsham", "norfolk", "Aylsham PIC", 24, "norfolk-county-council"),
    ("kings-lynn", "norfolk", "King's Lynn PIC", 16, "norfolk-county-council"),
    ("wymondham", "norfolk", "Wymondham PIC", 22, "norfolk-county-council"),
]


def team_code(suite_code: str) -> str:
    return f"custody-{suite_code}"


def load_custody_reference(apps) -> None:
    """Create or correct the custody reference rows. ``apps`` is the migration registry."""
    Force = apps.get_model("accounts", "Force")
    Team = apps.get_model("accounts", "Team")
    LocalAuthority = apps.get_model("custody", "LocalAuthority")
    ServiceWindow = apps.get_model("custody", "ServiceWindow")
    CustodySuite = apps.get_model("custody", "CustodySuite")
    Cell = apps.get_model("custody", "Cell")

    authorities = {}
    for code, data in LOCAL_AUTHORITIES.items():
        force = Force.objects.get(code=data["force"])
        authority, _ = LocalAuthority.objects.update_or_create(
            code=code,
            defaults={
                "force": force,
                "name": data["name"],
                "daytime_service": data["daytime_service"],
                "out_of_hours_service": data["out_of_hours_service"],
            },
        )
        for weekday, (opens, closes) in data["windows"].items():
            ServiceWindow.objects.update_or_create(
                local_authority=authority,
                weekday=weekday,
                defaults={"opens": opens, "closes": closes},
            )
        authorities[code] = authority

    for code, force_code, name, cells, authority_code in SUITES:
        force = Force.objects.get(code=force_code)
        team, _ = Team.objects.update_or_create(
            force=force, code=team_code(code), defaults={"name": f"Custody, {name}"}
        )
        suite, _ = CustodySuite.objects.update_or_create(
            code=code,
            defaults={
                "force": force,
                "name": name,
                "team": team,
                "local_authority": authorities[authority_code],
            },
        )
        existing = set(Cell.objects.filter(suite=suite).values_list("number", flat=True))
        Cell.objects.bulk_create(
            Cell(suite=suite, number=number)
            for number in range(1, cells + 1)
            if number not in existing
        )

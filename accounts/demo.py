"""Demo users: one or more for every role, printed by ``make run``."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group

from accounts.models import Force, PolicingArea, Team, User
from accounts.ranks import Rank
from accounts.roles import Role

# username, first, last, rank, force, roles, teams, areas
DEMO_USERS = [
    ("custody.sergeant", "Sam", "Okafor", Rank.SERGEANT, "suffolk", [Role.CUSTODY_OFFICER], [], []),
    (
        "custody.inspector",
        "Priya",
        "Shah",
        Rank.INSPECTOR,
        "suffolk",
        [Role.CUSTODY_INSPECTOR],
        [],
        [],
    ),
    (
        "investigator",
        "Tom",
        "Reeve",
        Rank.CONSTABLE,
        "suffolk",
        [Role.INVESTIGATOR],
        ["investigation"],
        ["south"],
    ),
    (
        "bail.team",
        "Grace",
        "Adeyemi",
        Rank.STAFF,
        "suffolk",
        [Role.BAIL_MANAGEMENT],
        ["bail-management"],
        [],
    ),
    (
        "diversion",
        "Owen",
        "Marsh",
        Rank.STAFF,
        "suffolk",
        [Role.OFFENDER_DIVERSION],
        ["offender-diversion"],
        [],
    ),
    (
        "iom.officer",
        "Hannah",
        "Cole",
        Rank.CONSTABLE,
        "suffolk",
        [Role.IOM_OFFICER],
        ["iom"],
        ["south"],
    ),
    ("dapu.officer", "Ben", "Walsh", Rank.CONSTABLE, "suffolk", [Role.DAPU_OFFICER], ["dapu"], []),
    ("ppu.officer", "Leah", "Price", Rank.CONSTABLE, "suffolk", [Role.PPU_OFFICER], ["ppu"], []),
    (
        "mappa.coordinator",
        "Ian",
        "Ford",
        Rank.STAFF,
        "suffolk",
        [Role.MAPPA_COORDINATOR],
        ["mappa"],
        [],
    ),
    (
        "supervisor",
        "Rachel",
        "Hughes",
        Rank.INSPECTOR,
        "suffolk",
        [Role.SUPERVISOR],
        ["bail-management", "offender-diversion", "iom", "dapu", "investigation", "leadership"],
        [],
    ),
    ("analyst", "Kim", "Lee", Rank.STAFF, "suffolk", [Role.ANALYST], [], []),
    ("scrutiny", "Margaret", "Dunn", Rank.STAFF, "suffolk", [Role.SCRUTINY_PANEL], [], []),
    ("admin", "Alex", "Morgan", Rank.STAFF, "suffolk", [Role.ADMIN], [], []),
    ("norfolk.sergeant", "Jo", "Barker", Rank.SERGEANT, "norfolk", [Role.CUSTODY_OFFICER], [], []),
    (
        "norfolk.bail",
        "Chris",
        "Nolan",
        Rank.STAFF,
        "norfolk",
        [Role.BAIL_MANAGEMENT],
        ["bail-management"],
        [],
    ),
]


def load_demo_users() -> list[User]:
    """Create the demo users if missing (idempotent). All share DEMO_PASSWORD."""
    users = []
    for username, first, last, rank, force_code, roles, teams, areas in DEMO_USERS:
        force = Force.objects.get(code=force_code)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "rank": rank,
                "force": force,
                "email": f"{username}@{force_code}.police.example",
                "is_staff": Role.ADMIN in roles,
            },
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.set(Group.objects.filter(name__in=[str(r) for r in roles]))
            user.teams.set(Team.objects.filter(force=force, code__in=teams))
            user.policing_areas.set(PolicingArea.objects.filter(force=force, code__in=areas))
        users.append(user)
    return users

"""Reference data every installation has: forces, policing areas, teams, role groups.

Loaded by data migrations (``load_reference``) and idempotent: it creates what is missing
and corrects names, never duplicates.
"""

from __future__ import annotations

from accounts.roles import Role

FORCES = {
    "suffolk": {
        "name": "Suffolk Constabulary",
        # Suffolk polices three areas; its reports name them by their main towns.
        "areas": [
            ("east", "East", "Lowestoft"),
            ("west", "West", "Bury St Edmunds"),
            ("south", "South", "Ipswich"),
        ],
    },
    "norfolk": {
        "name": "Norfolk Constabulary",
        # Norfolk's districts follow its local-authority districts.
        "areas": [
            ("breckland", "Breckland", ""),
            ("broadland", "Broadland", ""),
            ("great-yarmouth", "Great Yarmouth", ""),
            ("kings-lynn", "King's Lynn and West Norfolk", ""),
            ("north-norfolk", "North Norfolk", ""),
            ("norwich", "Norwich", ""),
            ("south-norfolk", "South Norfolk", ""),
        ],
    },
}

# Teams every force has. Custody teams (one per suite) come with the custody suites.
TEAMS = [
    ("bail-management", "Bail Management Team"),
    ("offender-diversion", "Offender Diversion Team"),
    ("iom", "Integrated Offender Management"),
    ("dapu", "Domestic Abuse Perpetrator Unit"),
    ("ppu", "Public Protection Unit"),
    ("mappa", "MAPPA coordination"),
    ("investigation", "Investigation hub"),
    ("leadership", "Senior leadership"),
]


def load_reference(apps) -> None:
    """Create or correct the reference rows. ``apps`` is the migration app registry."""
    Group = apps.get_model("auth", "Group")
    Force = apps.get_model("accounts", "Force")
    PolicingArea = apps.get_model("accounts", "PolicingArea")
    Team = apps.get_model("accounts", "Team")

    for role in Role:
        Group.objects.get_or_create(name=role.value)

    for code, data in FORCES.items():
        force, _ = Force.objects.update_or_create(code=code, defaults={"name": data["name"]})
        for area_code, name, report_name in data["areas"]:
            PolicingArea.objects.update_or_create(
                force=force, code=area_code, defaults={"name": name, "report_name": report_name}
            )
        for team_code, team_name in TEAMS:
            Team.objects.update_or_create(force=force, code=team_code, defaults={"name": team_name})

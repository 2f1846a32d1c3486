"""Reference data for disposals: the intervention catalogue and each force's settings.

Loaded by a data migration (``load_reference``); idempotent, never overwrites what admins
have since edited (a course renamed in the admin stays renamed).
"""

from __future__ import annotations

import datetime as dt

# code, name, provider. About 20 courses, as the forces' panel report describes (DOMAIN.md §12).
INTERVENTIONS = [
    ("shoplifting-awareness", "Shoplifting awareness course", "Restorative Solutions"),
    ("drug-awareness", "Drug awareness course", "Turning Point"),
    ("cannabis-education", "Cannabis education session", "Turning Point"),
    ("alcohol-awareness", "Alcohol awareness course", "Change Grow Live"),
    ("drink-drive-awareness", "Drink-drive awareness course", "Change Grow Live"),
    ("anger-management", "Anger management course", "Restorative Solutions"),
    ("victim-awareness", "Victim awareness course", "Restorative Solutions"),
    ("criminal-damage-awareness", "Criminal damage awareness course", "Restorative Solutions"),
    ("hate-crime-awareness", "Hate crime awareness course", "Equality Learning Partnership"),
    ("knife-crime-awareness", "Knife crime awareness course", "The Ben Kinsella Trust"),
    ("domestic-abuse-awareness", "Healthy relationships course", "The Cranstoun Group"),
    ("online-safety", "Online behaviour and sexting awareness", "Lucy Faithfull Foundation"),
    ("fire-setting", "Fire-setting awareness session", "Fire and Rescue Service"),
    ("road-safety", "Road safety awareness course", "Safer Roads Partnership"),
    ("antisocial-behaviour", "Antisocial behaviour awareness course", "Restorative Solutions"),
    ("womens-centre", "Women's centre support programme", "Women's Centre"),
    ("mental-health", "Mental health and wellbeing support", "Mind"),
    ("debt-advice", "Debt and money advice", "Citizens Advice"),
    ("employment-skills", "Employment and skills support", "Department for Work and Pensions"),
    ("youth-diversion", "Youth diversion programme", "Youth Justice Service"),
    ("gambling-awareness", "Gambling harm awareness", "GamCare"),
]

# Both forces run the (non-statutory) adult two-tier framework today: PCSC Act 2022 Part 6 is
# prospective. The day each adopted it is a configurable default — UNCONFIRMED.
TWO_TIER_ADOPTED_ON = dt.date(2021, 4, 1)
FORCE_SETTINGS = {
    "norfolk": {"framework": "legacy_two_tier", "two_tier_adopted_on": TWO_TIER_ADOPTED_ON},
    "suffolk": {"framework": "legacy_two_tier", "two_tier_adopted_on": TWO_TIER_ADOPTED_ON},
}


def load_reference(apps) -> None:
    Force = apps.get_model("accounts", "Force")
    Settings = apps.get_model("disposals", "ForceDisposalSettings")
    Intervention = apps.get_model("disposals", "Intervention")
    # An earlier migration runs this with an earlier model: set only the fields it has.
    fields = {field.name for field in Settings._meta.get_fields()}
    for code, values in FORCE_SETTINGS.items():
        force = Force.objects.filter(code=code).first()
        if force is not None:
            known = {name: value for name, value in values.items() if name in fields}
            Settings.objects.get_or_create(force=force, defaults=known)
    for code, name, provider in INTERVENTIONS:
        Intervention.objects.get_or_create(code=code, defaults={"name": name, "provider": provider})

"""Reference data: the needs list, each force's partnerships team, and the OOCD intervention
courses and the restorative justice hub as directory services (one list of pathways).

Loaded by a data migration; idempotent, never overwrites what administrators have edited.
"""

from __future__ import annotations

from partners.choices import Need

# What each intervention course meets (the disposals catalogue has no needs of its own).
COURSE_NEEDS = {
    "drug-awareness": ["substance_misuse"],
    "cannabis-education": ["substance_misuse"],
    "alcohol-awareness": ["alcohol"],
    "drink-drive-awareness": ["alcohol"],
    "womens-centre": ["women"],
    "mental-health": ["mental_health"],
    "debt-advice": ["finance_debt"],
    "employment-skills": ["employment"],
    "youth-diversion": ["attitudes", "education"],
    "domestic-abuse-awareness": ["attitudes", "family"],
}
RJ_HUB = ("rj-hub", "Restorative Justice Hub", "Restorative justice service (OPCC)")
PARTNERSHIPS_TEAM = ("partnerships", "Partnerships and commissioning (OPCC)")


def load_reference(apps) -> None:
    NeedModel = apps.get_model("partners", "Need")
    Service = apps.get_model("partners", "Service")
    Force = apps.get_model("accounts", "Force")
    Team = apps.get_model("accounts", "Team")
    Intervention = apps.get_model("disposals", "Intervention")
    needs = {}
    for position, need in enumerate(Need):
        needs[need.value], _ = NeedModel.objects.get_or_create(
            code=need.value, defaults={"label": need.label, "position": position}
        )
    for force in Force.objects.all():
        Team.objects.get_or_create(
            force=force, code=PARTNERSHIPS_TEAM[0], defaults={"name": PARTNERSHIPS_TEAM[1]}
        )
        for course in Intervention.objects.all():
            if Service.objects.filter(force=force, intervention=course).exists():
                continue
            service, created = Service.objects.get_or_create(
                force=force,
                code=f"oocd-{course.code}"[:60],
                defaults={
                    "intervention": course,
                    "name": course.name,
                    "provider": course.provider,
                    "description": "Intervention course for out-of-court disposal conditions.",
                    "cohorts": ["oocd"],
                    "contact": "Referred by the Offender Diversion Team with the disposal.",
                    "active": course.active,
                },
            )
            if created:
                service.needs.set([needs[n] for n in COURSE_NEEDS.get(course.code, ["attitudes"])])
        hub, created = Service.objects.get_or_create(
            force=force,
            code=RJ_HUB[0],
            defaults={
                "name": RJ_HUB[1],
                "provider": RJ_HUB[2],
                "description": "Restorative justice for victims who take up the offer.",
                "contact": "Referred with the out-of-court disposal when the victim agrees.",
                "restorative_justice_hub": True,
            },
        )
        if created:
            hub.needs.set([needs["attitudes"]])

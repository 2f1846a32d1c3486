"""What partners adds to a person's timeline (registered from PartnersConfig.ready())."""

from __future__ import annotations

from partners.access import visible_needs, visible_referrals
from partners.permissions import can_refer


def partners_timeline(offender, user) -> list:
    """Needs assessed and referrals made, each change of a referral's progress."""
    from offenders.extensions import TimelineEntry

    if not can_refer(user):
        return []
    entries = []
    for need in visible_needs(user).filter(offender=offender):
        entries.append(
            TimelineEntry(
                at=need.assessed_on,
                kind="partners",
                title=f"Need assessed: {need.need.label.lower()}",
                description=f"{need.get_source_kind_display()}. {need.notes}".strip(),
                by=need.assessed_by.display_name,
            )
        )
    for referral in visible_referrals(user).filter(offender=offender).prefetch_related("progress"):
        for step in referral.progress.all():
            entries.append(
                TimelineEntry(
                    at=step.on,
                    kind="partners",
                    url=referral.get_absolute_url(),
                    title=f"Referral to {referral.service.name}: {step.get_status_display().lower()}",
                    description=step.outcome,
                )
            )
    return entries

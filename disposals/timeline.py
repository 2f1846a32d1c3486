"""What happened to a disposal, in order: for its own page and for the person's timeline
(registered in ``offenders.extensions.timeline`` from ``DisposalsConfig.ready()``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse

from disposals.models import Disposal, Referral


@dataclass(frozen=True)
class Event:
    on: dt.date
    title: str
    description: str = ""
    by: str = ""


def _name(user) -> str:
    return user.display_name if user is not None else ""


def events(disposal: Disposal) -> list[Event]:
    """Oldest first. Expects conditions, referrals (with intervention, progress and its
    recorder), breaches and the RJ referral to be prefetched by the caller."""
    items = [
        Event(
            disposal.decided_on,
            f"{disposal.get_disposal_type_display()} given",
            f"{disposal.offence} (outcome {disposal.outcome_code}, {disposal.district})",
            _name(disposal.decided_by),
        )
    ]
    for condition in disposal.conditions.all():
        if condition.completed_on:
            items.append(
                Event(
                    condition.completed_on,
                    f"{condition.get_kind_display()} condition completed",
                    condition.description,
                )
            )
    for referral in disposal.referrals.all():
        items.append(
            Event(
                referral.referred_on,
                f"Referred to {referral.intervention.name}",
                referral.intervention.provider,
                _name(referral.referred_by),
            )
        )
        for step in referral.progress.all():
            items.append(
                Event(
                    step.on,
                    f"{referral.intervention.name}: {step.get_status_display().lower()}",
                    by=_name(step.recorded_by),
                )
            )
    for breach in disposal.breaches.all():
        items.append(
            Event(
                breach.breached_on,
                f"Breach: {breach.get_action_display().lower()}",
                breach.details,
                _name(breach.recorded_by),
            )
        )
    rj = getattr(disposal, "rj_referral", None) if disposal.rj_taken_up else None
    if rj is not None:
        items.append(Event(rj.referred_on, "Referred to the Restorative Justice hub"))
        if rj.contact_made_on:
            items.append(Event(rj.contact_made_on, "Restorative Justice hub made contact"))
        if rj.outcome_on:
            items.append(
                Event(rj.outcome_on, f"Restorative justice: {rj.get_outcome_display().lower()}")
            )
    if disposal.completed_on:
        items.append(Event(disposal.completed_on, "Disposal completed"))
    if disposal.withdrawn_on:
        items.append(Event(disposal.withdrawn_on, "Disposal withdrawn", disposal.withdrawn_reason))
    return sorted(items, key=lambda event: event.on)


def with_timeline_data(queryset):
    return queryset.select_related("decided_by", "district", "rj_referral").prefetch_related(
        "conditions",
        Prefetch(
            "referrals",
            queryset=Referral.objects.select_related(
                "intervention", "referred_by"
            ).prefetch_related("progress__recorded_by"),
        ),
        "breaches__recorded_by",
    )


def disposals(offender, user):
    """Provider for the person's timeline: one entry per disposal decision and its ending."""
    from disposals.access import visible_disposals
    from offenders.extensions import TimelineEntry

    entries = []
    for disposal in visible_disposals(user).filter(offender=offender):
        url = reverse("disposal-detail", args=[disposal.pk])
        entries.append(
            TimelineEntry(
                at=disposal.decided_on,
                title=f"Out-of-court disposal: {disposal.get_disposal_type_display()}",
                kind="disposal",
                description=f"{disposal.offence} ({disposal.get_status_display().lower()})",
                by=_name(disposal.decided_by),
                url=url,
            )
        )
    return entries

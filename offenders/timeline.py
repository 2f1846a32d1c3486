"""The person's timeline: everything the force holds about them, across apps, newest first.

One small interface: a provider is a function ``(offender, user) -> list[TimelineEntry]``
registered in ``offenders.extensions.timeline`` from its app's ``AppConfig.ready()``
(custody detentions, bail cases, disposals, cohort memberships ...). ``user`` lets a
provider leave out what that user may not see.
"""

from __future__ import annotations

from offenders import extensions
from offenders.extensions import TimelineEntry
from offenders.models import Offender


def _name(user) -> str:
    return user.display_name if user is not None else ""


def offences(offender: Offender, user) -> list[TimelineEntry]:
    rows = offender.offences.select_related("offence_type", "area")
    return [
        TimelineEntry(
            at=o.committed_on,
            title=f"Offence: {o.offence_type.name}",
            kind="offence",
            description="; ".join(
                p
                for p in (
                    o.get_outcome_display() if o.outcome else "No outcome yet",
                    str(o.area) if o.area else "",
                    o.description,
                )
                if p
            ),
        )
        for o in rows
    ]


def markers(offender: Offender, user) -> list[TimelineEntry]:
    entries = []
    for m in offender.markers.select_related("added_by"):
        entries.append(
            TimelineEntry(
                at=m.added_on,
                title=f"Warning marker added: {m.get_kind_display()}",
                kind="marker",
                description=m.details,
                by=_name(m.added_by),
            )
        )
        if m.removed_on:
            entries.append(
                TimelineEntry(
                    at=m.removed_on,
                    title=f"Warning marker removed: {m.get_kind_display()}",
                    kind="marker",
                )
            )
    return entries


def addresses(offender: Offender, user) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            at=a.from_date, title="Moved to an address", kind="address", description=str(a)
        )
        for a in offender.addresses.all()
    ]


def aliases(offender: Offender, user) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            at=a.created_at,
            title=f"{a.get_kind_display()} recorded",
            kind="alias",
            description=a.full_name,
            by=_name(a.created_by),
        )
        for a in offender.aliases.select_related("created_by")
    ]


def merges(offender: Offender, user) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            at=d.merged_at or d.updated_at,
            title="Duplicate record merged into this one",
            kind="merge",
            description=f"{d.full_name}, born {d.date_of_birth:%d %B %Y}"
            + (f", PNC ID {d.pnc_id}" if d.pnc_id else "")
            + (f". Reason: {d.merge_reason}" if d.merge_reason else ""),
            by=_name(d.merged_by),
        )
        for d in offender.merged_records.select_related("merged_by")
    ]


def record_created(offender: Offender, user) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            at=offender.created_at,
            title="Record created",
            kind="record",
            by=_name(offender.created_by),
        )
    ]


def timeline_for(offender: Offender, user) -> list[TimelineEntry]:
    entries = [entry for provider in extensions.timeline for entry in provider(offender, user)]
    return sorted(entries, key=lambda e: e.sort_key, reverse=True)


def register_own_providers() -> None:
    """What offenders itself shows on the timeline (called from OffendersConfig.ready())."""
    for provider in (offences, markers, addresses, aliases, merges, record_created):
        extensions.timeline.register(f"offenders.{provider.__name__}", provider)

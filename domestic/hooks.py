"""What the DAPU adds to a person's timeline and badges, for those who may see it.

Registered from ``DomesticConfig.ready()``. Need-to-know: only DAPU officers, supervisors and
administrators see the programme and the notices here; every other officer sees only the
order in force, through ``protection``'s badges.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.urls import reverse

from domestic.choices import NoticeKind
from domestic.models import Notice, ProgrammeEntry, StageMove
from domestic.permissions import can_see_dapu


def dapu_badges(offender_ids: Iterable[int], today: dt.date, user) -> dict[int, list]:
    """ "DAPU: active" for DAPU officers and supervisors; nothing for anyone else."""
    from offenders.extensions import Badge

    if not can_see_dapu(user):
        return {}
    found: dict[int, list] = defaultdict(list)
    for entry in ProgrammeEntry.objects.filter(offender_id__in=list(offender_ids)).open():
        found[entry.offender_id].append(Badge(f"DAPU: {entry.get_stage_display()}", "pink"))
    return dict(found)


def dapu_timeline(offender, user) -> list:
    from offenders.extensions import TimelineEntry

    if not can_see_dapu(user):
        return []
    entries = []
    for entry in ProgrammeEntry.objects.filter(offender=offender):
        url = reverse("domestic-entry", args=[entry.pk])
        entries.append(
            TimelineEntry(
                at=entry.started_on,
                kind="domestic",
                url=url,
                title=f"On the DAPU programme list ({entry.get_source_display()})",
            )
        )
        for move in StageMove.objects.filter(entry=entry).select_related("moved_by"):
            entries.append(
                TimelineEntry(
                    at=move.on,
                    kind="domestic",
                    url=url,
                    title=f"DAPU programme: {move.get_stage_display().lower()}",
                    description=move.note,
                    by=move.moved_by.display_name if move.moved_by else "",
                )
            )
    for notice in Notice.objects.filter(offender=offender):
        entries.append(
            TimelineEntry(
                at=notice.given_at,
                kind="domestic",
                url=reverse("domestic-notice", args=[notice.pk]),
                title=f"{NoticeKind(notice.kind).name} given",
                description="; ".join(notice.conditions),
            )
        )
    return entries

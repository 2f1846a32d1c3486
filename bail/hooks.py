"""What bail adds to a person's summary, badges and timeline.

Registered in ``offenders.extensions`` from ``BailConfig.ready()``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from bail.choices import CaseStatus
from bail.models import BailCase
from bail.permissions import can_work_on_bail
from core.calendar import local_date


def bail_summary(offender, today: dt.date) -> dict[str, Any]:
    """``bail_status``: ``bail`` or ``rui`` for the person's live case, else None (API.md
    "Offenders"). Lapsed bail is not bail: the person was released without bail."""
    cases = list(BailCase.objects.filter(offender=offender).open().with_state(today))
    for status in (CaseStatus.BAIL, CaseStatus.RUI):
        case = next((c for c in cases if c.state == status), None)
        if case is not None:
            # The charging-file (MG3) line: "On bail until ..." or "Released under investigation".
            return {
                "bail_status": str(status),
                "charging_file_status": case.charging_file_status(today),
            }
    return {"bail_status": None, "charging_file_status": None}


def bail_badges(offender_ids: Iterable[int], today: dt.date) -> dict[int, list]:
    """One tag per open case: on bail (until when), released under investigation, or lapsed."""
    from offenders.extensions import Badge

    colours = {CaseStatus.BAIL: "purple", CaseStatus.RUI: "blue", CaseStatus.LAPSED: "orange"}
    found: dict[int, list] = defaultdict(list)
    cases = (
        BailCase.objects.filter(offender_id__in=offender_ids)
        .open()
        .with_state(today)
        .order_by("pk")
    )
    for case in cases:
        found[case.offender_id].append(
            Badge(CaseStatus(case.state).label, colours.get(case.state, "grey"), case.reference)
        )
    return found


def bail_timeline(offender, user) -> list:
    """Each case's release, extensions, lapse and end, with its charging-file status;
    links only for users whose work involves bail."""
    from offenders.extensions import TimelineEntry

    today = local_date(timezone.now())
    show_links = can_work_on_bail(user)
    entries = []
    cases = (
        BailCase.objects.filter(offender=offender)
        .select_related("offence_type", "created_by")
        .prefetch_related("extensions__created_by", "ends__created_by")
    )
    for case in cases:
        url = reverse("bail-case", args=[case.pk]) if show_links else ""
        offence = case.offence_type.name if case.offence_type_id else case.offence
        released = (
            "Released on pre-charge bail"
            if case.bail_start_date
            else "Released under investigation"
        )
        entries.append(
            TimelineEntry(
                at=case.arrested_on,
                title=f"{released} ({case.reference})",
                kind="bail",
                description="; ".join(
                    p for p in (offence, f"Charging file: {case.charging_file_status(today)}") if p
                ),
                by=case.created_by.display_name if case.created_by else "",
                url=url,
            )
        )
        for extension in case.extensions.all():
            entries.append(
                TimelineEntry(
                    at=extension.decided_on,
                    title=f"Bail extended to {extension.new_end:%-d %b %Y} ({case.reference})",
                    kind="bail",
                    description=f"{extension.get_authority_display()}; authorised by {extension.authorised_by_name}",
                    by=extension.created_by.display_name if extension.created_by else "",
                    url=url,
                )
            )
        if case.lapsed_on:
            entries.append(
                TimelineEntry(
                    at=case.lapsed_on, title=f"Bail lapsed ({case.reference})", kind="bail", url=url
                )
            )
        for end in case.ends.all():
            entries.append(
                TimelineEntry(
                    at=end.ended_on,
                    title=f"{end.get_reason_display()} ({case.reference})",
                    kind="bail",
                    description=end.rationale,
                    by=end.created_by.display_name if end.created_by else "",
                    url=url,
                )
            )
    return entries

"""What cohorts adds to a person's summary, badges and timeline.

Registered in ``offenders.extensions`` from ``CohortsConfig.ready()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from cohorts.models import IomMembership
from cohorts.permissions import can_manage_iom
from cohorts.rules import COHORT_LABELS, Cohort


def cohorts_summary(offender, today: dt.date) -> dict[str, Any]:
    """``cohorts``: the schemes the person is on now, e.g. ``["iom_flexible"]``."""
    open_iom = (
        IomMembership.objects.filter(offender=offender).open().values_list("cohort", flat=True)
    )
    return {"cohorts": [f"iom_{cohort}" for cohort in open_iom]}


def cohorts_badges(offender_ids: Iterable[int], today: dt.date) -> dict[int, list]:
    """ "IOM: fixed / flexible / free" for each person on an IOM cohort now."""
    from offenders.extensions import Badge

    open_iom = IomMembership.objects.filter(offender_id__in=offender_ids).open()
    return {
        offender_id: [Badge(f"IOM {COHORT_LABELS[Cohort(cohort)].lower()}", "blue")]
        for offender_id, cohort in open_iom.values_list("offender_id", "cohort")
    }


def iom_timeline(offender, user) -> list:
    """Adoptions, cohort moves, reviews and removals; links only for IOM staff."""
    from offenders.extensions import TimelineEntry

    show_links = can_manage_iom(user)
    entries = []
    memberships = (
        IomMembership.objects.filter(offender=offender)
        .select_related("lead_officer")
        .prefetch_related("moves", "reviews__reviewed_by")
    )
    for m in memberships:
        url = reverse("iom-member", args=[m.pk]) if show_links else ""
        entries.append(
            TimelineEntry(
                at=m.adopted_on,
                kind="iom",
                url=url,
                title=f"Adopted into IOM: {COHORT_LABELS[Cohort(m.cohort_at_adoption)].lower()} cohort",
                description=m.reason,
                by=m.lead_officer.display_name,
            )
        )
        for move in m.moves.all():
            entries.append(
                TimelineEntry(
                    at=move.moved_on,
                    kind="iom",
                    url=url,
                    title=f"IOM cohort changed: {move.get_from_cohort_display().lower()} to "
                    f"{move.get_to_cohort_display().lower()}",
                    description=move.reason,
                )
            )
        for review in m.reviews.all():
            entries.append(
                TimelineEntry(
                    at=review.reviewed_on,
                    kind="iom",
                    url=url,
                    title="IOM review",
                    description=review.notes,
                    by=review.reviewed_by.display_name if review.reviewed_by else "",
                )
            )
        if m.removed_on:
            entries.append(
                TimelineEntry(
                    at=m.removed_on,
                    kind="iom",
                    url=url,
                    title=f"Removed from IOM: {m.get_removal_reason_display()}",
                    description=m.removal_note,
                )
            )
    return entries

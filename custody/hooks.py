"""What custody adds to a person's summary, badges and timeline.

Registered in ``offenders.extensions`` from ``CustodyConfig.ready()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from custody.models import Detention, S136Detention
from custody.permissions import can_view_custody


def custody_summary(offender, today: dt.date) -> dict[str, Any]:
    """``in_custody``: the person has an open detention (API.md "Offenders")."""
    return {"in_custody": Detention.objects.in_custody().filter(offender=offender).exists()}


def custody_badges(offender_ids: Iterable[int], today: dt.date) -> dict[int, list]:
    """ "In police custody", with the suite and since when, for each person detained now."""
    from offenders.extensions import Badge

    detentions = (
        Detention.objects.in_custody().filter(offender_id__in=offender_ids).select_related("suite")
    )
    return {
        d.offender_id: [
            Badge(
                "In police custody",
                "red",
                f"{d.suite.name} since {timezone.localtime(d.arrived_at):%-d %b %H:%M}",
            )
        ]
        for d in detentions
    }


def custody_timeline(offender, user) -> list:
    """Each detention (booked in, released) and s.136 detention; links only for users
    who may open custody records."""
    from offenders.extensions import TimelineEntry

    show_links = can_view_custody(user)
    entries = []
    for detention in Detention.objects.filter(offender=offender).select_related(
        "suite", "booked_in_by"
    ):
        url = reverse("custody-detention", args=[detention.pk]) if show_links else ""
        child = " (child)" if detention.is_child else ""
        entries.append(
            TimelineEntry(
                at=detention.arrived_at,
                title=f"Booked into custody at {detention.suite.name}{child}",
                kind="custody",
                description=detention.offence,
                by=detention.booked_in_by.display_name if detention.booked_in_by else "",
                url=url,
            )
        )
        if detention.released_at:
            entries.append(
                TimelineEntry(
                    at=detention.released_at,
                    title=f"Released from custody: {detention.get_outcome_display()}",
                    kind="custody",
                    url=url,
                )
            )
    for record in S136Detention.objects.filter(offender=offender).select_related("suite"):
        place = record.get_place_display() + (f", {record.suite.name}" if record.suite_id else "")
        entries.append(
            TimelineEntry(
                at=record.started_at,
                title="Detained under the Mental Health Act s.136",
                kind="custody",
                description=place,
            )
        )
    return entries


def custody_actions(offender, user) -> list:
    """ "Book into custody" for a custody officer, unless the person is in custody already."""
    from custody.permissions import can_record_custody
    from offenders.extensions import PersonAction

    if (
        not can_record_custody(user)
        or Detention.objects.in_custody().filter(offender=offender).exists()
    ):
        return []
    return [
        PersonAction(
            "Book into custody", f"{reverse('custody-book-in-start')}?offender={offender.pk}"
        )
    ]

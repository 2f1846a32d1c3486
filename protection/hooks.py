"""What public protection adds to a person's timeline and badges, for those who may see it.

Registered from ``ProtectionConfig.ready()``. Need-to-know: for users outside the PPU, MAPPA
and supervisors these records do not exist, except the custody marker.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Exists, OuterRef
from django.urls import reverse

from offenders.permissions import can_see_people
from protection.choices import ORDER_SHORT_LABELS, OrderKind
from protection.models import MappaCase, ProtectiveOrder, RsoRegistration
from protection.permissions import can_see_ppu_marker, can_see_public_protection

PPU_MARKER = "Subject to public-protection management — contact PPU"


def _managed_ids(offender_ids, today: dt.date) -> set[int]:
    """People on the register, on MAPPA or under a protective order in force: one query."""
    from offenders.models import Offender

    orders = ProtectiveOrder.objects.filter(
        offender=OuterRef("pk"), discharged_on__isnull=True
    ).in_force_on(today)
    return set(
        Offender.objects.filter(pk__in=list(offender_ids))
        .filter(
            Exists(RsoRegistration.objects.filter(offender=OuterRef("pk"), ended_on__isnull=True))
            | Exists(MappaCase.objects.filter(offender=OuterRef("pk"), ended_on__isnull=True))
            | Exists(orders)
        )
        .values_list("pk", flat=True)
    )


def protection_badges(offender_ids: Iterable[int], today: dt.date, user) -> dict[int, list]:
    """PPU, MAPPA and supervisors: "RSO", "MAPPA level 2", each order in force ("SHPO until
    ..."). Custody officers: the marker and each order in force (officer safety: a
    non-molestation order or SHPO must be seen at the desk), not the register or MAPPA.
    Every other officer who may see people: each order in force, nothing else."""
    from offenders.extensions import Badge

    ids = list(offender_ids)

    def order_badges(found: dict[int, list]) -> None:
        orders = (
            ProtectiveOrder.objects.filter(offender_id__in=ids, discharged_on__isnull=True)
            .in_force_on(today)
            .order_by("made_on")
        )
        for offender_id, kind, ends_on in orders.values_list("offender_id", "kind", "ends_on"):
            until = f"until {ends_on.day} {ends_on:%b %Y}" if ends_on else "until further order"
            found[offender_id].append(Badge(ORDER_SHORT_LABELS[OrderKind(kind)], "orange", until))

    if can_see_public_protection(user):
        found: dict[int, list] = defaultdict(list)
        for offender_id, held in (
            RsoRegistration.objects.filter(offender_id__in=ids)
            .open()
            .values_list("offender_id", "in_custody")
        ):
            found[offender_id].append(
                Badge("RSO", "red", "Registered sex offender (in custody)" if held else "")
            )
        for offender_id, level in (
            MappaCase.objects.filter(offender_id__in=ids).open().values_list("offender_id", "level")
        ):
            found[offender_id].append(Badge(f"MAPPA level {level}", "purple"))
        order_badges(found)
        return dict(found)
    if can_see_ppu_marker(user):
        found = defaultdict(list)
        for pk in _managed_ids(ids, today):
            found[pk].append(Badge(PPU_MARKER, "orange"))
        order_badges(found)
        return dict(found)
    if can_see_people(user):
        # Every officer dealing with the person sees that an order is in force (issue 15,
        # HMICFRS): its kind and end, never the register, MAPPA or the DAPU programme.
        found = defaultdict(list)
        order_badges(found)
        return dict(found)
    return {}


def protection_timeline(offender, user) -> list:
    from offenders.extensions import TimelineEntry

    if not can_see_public_protection(user):
        return []
    entries = []
    for reg in RsoRegistration.objects.filter(offender=offender).prefetch_related(
        "notifications", "visits"
    ):
        url = reverse("protection-rso", args=[reg.pk])
        entries.append(
            TimelineEntry(
                at=reg.started_on,
                kind="protection",
                url=url,
                title=f"Registered sex offender: notification period {reg.period.label().lower()}",
                description=reg.offence,
            )
        )
        for n in reg.notifications.all():
            entries.append(
                TimelineEntry(
                    at=n.notified_on,
                    kind="protection",
                    url=url,
                    title=f"RSO notification: {n.get_kind_display().lower()}"
                    + (" (late)" if n.late else ""),
                    description=n.address or n.details,
                )
            )
        for v in reg.visits.all():
            entries.append(
                TimelineEntry(
                    at=v.visited_on,
                    kind="protection",
                    url=url,
                    title=f"RSO home visit: {v.get_outcome_display().lower()}",
                    description=v.notes,
                )
            )
        if reg.ended_on:
            entries.append(
                TimelineEntry(
                    at=reg.ended_on,
                    kind="protection",
                    url=url,
                    title=f"Notification requirements ended: {reg.get_end_reason_display().lower()}",
                )
            )
    for order in ProtectiveOrder.objects.filter(offender=offender):
        entries.append(
            TimelineEntry(
                at=order.made_on,
                kind="protection",
                url=reverse("protection-order", args=[order.pk]),
                title=f"{order.get_kind_display()} made",
                description="; ".join(order.prohibitions),
            )
        )
    for case in MappaCase.objects.filter(offender=offender).prefetch_related("meetings"):
        url = reverse("protection-mappa", args=[case.pk])
        entries.append(
            TimelineEntry(
                at=case.started_on,
                kind="protection",
                url=url,
                title=f"MAPPA case opened: category {case.category}, level {case.level}",
            )
        )
        for m in case.meetings.all():
            entries.append(
                TimelineEntry(
                    at=m.held_on,
                    kind="protection",
                    url=url,
                    title=f"MAPPA level {m.level} meeting",
                    description=m.actions,
                )
            )
        if case.ended_on:
            entries.append(
                TimelineEntry(
                    at=case.ended_on,
                    kind="protection",
                    url=url,
                    title=f"MAPPA case ended: {case.get_end_reason_display().lower()}",
                )
            )
    return entries

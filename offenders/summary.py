"""What the force holds about a person now: the ``summary`` of the API detail and the page.

Every key has one owner app, which registers a provider in ``offenders.extensions.summary``
from its ``AppConfig.ready()`` (custody: ``in_custody``; bail: ``bail_status`` and
``charging_file_status``; cohorts: ``cohorts``; deadlines: ``open_deadlines``; wanted:
``wanted``, ``outstanding_warrants``, ``outstanding_suspect``). Until an
app registers, its keys keep the defaults below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from offenders import extensions
from offenders.models import Marker, MarkerKind, Offender

DEFAULTS: dict[str, Any] = {
    "in_custody": False,
    "bail_status": None,
    "charging_file_status": None,
    "cohorts": [],
    "open_deadlines": 0,
    "wanted": False,
    "outstanding_warrants": 0,
    "outstanding_suspect": False,
}


def summary_for(offender: Offender, today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    summary = dict(DEFAULTS)
    for provider in extensions.summary:
        summary.update(provider(offender, today))
    return summary


def badges_for(
    offender_ids: list[int],
    today: dt.date | None = None,
    *,
    leave_out: tuple[str, ...] = (),
    user=None,
) -> dict[int, list[extensions.Badge]]:
    """Every registered badge for each of ``offender_ids`` (one query per provider), except
    those of the providers named in ``leave_out`` (a page that already shows that status).
    With ``user``, also the need-to-know badges that user may see (``restricted_badges``)."""
    today = today or timezone.localdate()
    found: dict[int, list[extensions.Badge]] = {pk: [] for pk in offender_ids}
    if not offender_ids:
        return found
    for key, provider in extensions.badges.items():
        if key in leave_out:
            continue
        for pk, badges in provider(offender_ids, today).items():
            found[pk].extend(badges)
    if user is not None:
        for key, restricted in extensions.restricted_badges.items():
            if key in leave_out:
                continue
            for pk, badges in restricted(offender_ids, today, user).items():
                found[pk].extend(badges)
    return found


@dataclass(frozen=True)
class PersonFlags:
    """What an officer must see beside a person's name in any casework: warning markers
    first (officer safety), then every other app's badges (orders, custody, bail, cohorts)."""

    markers: tuple[str, ...]
    badges: tuple[extensions.Badge, ...]


def flags_for(
    offender_ids: list[int],
    today: dt.date | None = None,
    *,
    leave_out: tuple[str, ...] = (),
    user=None,
) -> dict[int, PersonFlags]:
    """``PersonFlags`` for each person: one query for the markers, one per badge provider
    (with ``user``, the need-to-know badges that user may see as well)."""
    ids = list(dict.fromkeys(offender_ids))
    markers: dict[int, list[str]] = {pk: [] for pk in ids}
    for offender_id, kind in (
        Marker.objects.active()
        .filter(offender_id__in=ids)
        .order_by("offender_id", "kind")
        .values_list("offender_id", "kind")
    ):
        markers[offender_id].append(str(MarkerKind(kind).label))
    badges = badges_for(ids, today, leave_out=leave_out, user=user)
    return {pk: PersonFlags(tuple(markers[pk]), tuple(badges[pk])) for pk in ids}

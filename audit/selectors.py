"""Reads of the access log, already scoped to what the reader may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from audit.models import AccessEvent, AccessEventPerson
from core.calendar import LONDON


def events_for_offender(offender):
    """Every event about this person, newest first: views and changes of their records, and
    every list, search or export that returned them (``AccessEventPerson``), including those
    of any duplicate record merged into theirs (the log itself is never rewritten)."""
    ids = list(
        type(offender)
        .objects.filter(Q(pk=offender.pk) | Q(merged_into=offender.pk))
        .values_list("pk", flat=True)
    )
    returned = AccessEventPerson.objects.filter(offender_id__in=ids).values("event_id")
    return (
        AccessEvent.objects.filter(Q(offender_id__in=ids) | Q(pk__in=returned))
        .select_related("user")
        .order_by("-at", "-pk")
    )


def events_by_user(user, *, since: dt.date | None, until: dt.date | None):
    qs = (
        AccessEvent.objects.filter(user=user)
        .select_related("offender", "user")
        .order_by("-at", "-pk")
    )
    if since:
        qs = qs.filter(at__gte=dt.datetime.combine(since, dt.time.min, tzinfo=LONDON))
    if until:
        qs = qs.filter(
            at__lt=dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=LONDON)
        )
    return qs


CSV_COLUMNS = [
    "when",
    "who",
    "action",
    "person_id",
    "record",
    "query",
    "purpose",
    "people",
    "justification",
    "recipients",
    "path",
]


def csv_rows(events):
    """One row per event, in CSV_COLUMNS order, read from the database in chunks."""
    for e in events.iterator(chunk_size=1000):
        yield [
            timezone.localtime(e.at).isoformat(),
            e.user.username if e.user else e.username,
            e.action,
            e.offender_id,
            f"{e.object_type}:{e.object_id}" if e.object_type else "",
            e.query,
            e.purpose,
            (e.detail or {}).get("people", ""),
            e.justification,
            e.recipients,
            e.path,
        ]

"""Write the access log. Call inside the transaction of what is being recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Model

from audit.models import AccessEvent


def record_access(
    *,
    user,
    action: str,
    offender=None,
    target: Model | None = None,
    query: str = "",
    justification: str = "",
    recipients: str = "",
    detail: dict[str, Any] | None = None,
    request=None,
    username: str = "",
) -> AccessEvent:
    """Append one access-log row (DPA 2018 s.62: who, when, what, why, to whom)."""
    event = access_event(
        user=user,
        action=action,
        offender=offender,
        target=target,
        query=query,
        justification=justification,
        recipients=recipients,
        detail=detail,
        request=request,
        username=username,
    )
    event.save()
    return event


def record_accesses(events: list[AccessEvent]) -> list[AccessEvent]:
    """Append many rows built with ``access_event`` in one INSERT (a batch job's records)."""
    return AccessEvent.objects.bulk_create(events)


def access_event(
    *,
    user,
    action: str,
    offender=None,
    target: Model | None = None,
    query: str = "",
    justification: str = "",
    recipients: str = "",
    detail: dict[str, Any] | None = None,
    request=None,
    username: str = "",
) -> AccessEvent:
    """One access-log row, not yet saved: ``record_access`` saves it, ``record_accesses``
    saves many at once."""
    event = AccessEvent(
        user=user if getattr(user, "is_authenticated", False) else None,
        username=username or getattr(user, "username", "") or "",
        action=action,
        offender=offender,
        query=query[:500],
        justification=justification[:500],
        recipients=recipients[:500],
        detail=detail or {},
    )
    if target is not None:
        event.object_type = target._meta.label_lower
        event.object_id = str(target.pk)
    if request is not None:
        event.path = request.get_full_path()[:300]
        event.ip_address = request.META.get("REMOTE_ADDR") or None
    return event


SEARCH_REPEAT_WINDOW = dt.timedelta(minutes=1)


def record_search(*, user, query: str, now: dt.datetime, request=None) -> AccessEvent | None:
    """Log a search at most once per distinct query, per user and page, per minute.

    As-you-type search asks again on every pause in typing and when the officer goes back
    to the results: the same words (ignoring case and spacing) searched again within a
    minute are the same consultation, not a new one. Returns the new row, or None.
    """
    query = " ".join(query.split())[:500]
    repeats = AccessEvent.objects.filter(
        user=user, action="search", query__iexact=query, at__gte=now - SEARCH_REPEAT_WINDOW
    )
    if request is not None:
        repeats = repeats.filter(path__startswith=f"{request.path}?")
    if repeats.exists():
        return None
    event = access_event(user=user, action="search", query=query, request=request)
    event.at = now
    event.save()
    return event

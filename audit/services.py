"""Write the access log. Call inside the transaction of what is being recorded.

Three calls cover every read and change (docs/data-protection.md):

* ``record_access`` — one event about one record (a view, a change, a merge, a sign-in);
* ``record_bulk_read`` — one event for a response that returned many people (a list, a
  search, an export), linked to every person it returned in one bulk INSERT;
* ``record_search`` — a typed search, logged at most once a minute per distinct query.

Every event has a purpose (DPA 2018 s.62(2)): the one the caller passes (the request's
declared ``purpose``, see ``declared_purpose``, or the page's fixed purpose), else one read
from where the user stands (the record the event is about, the search box, the page). An
event with no purpose at all raises ``MissingPurpose`` and is not written; the database
refuses an empty purpose too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.db.models import Model
from django.urls import Resolver404, resolve

from audit.models import AccessEvent, AccessEventPerson, Action

PURPOSE_MAX = 300


class MissingPurpose(ValueError):
    """An access-log event was about to be written without a purpose (DPA 2018 s.62(2))."""


def declared_purpose(request, default: str = "") -> str:
    """The purpose the request declares (``?purpose=`` or the ``X-Purpose`` header, trimmed),
    else ``default`` (the page's or endpoint's fixed purpose)."""
    if request is None:
        return default
    query = getattr(request, "query_params", None) or request.GET
    text = query.get("purpose") or request.headers.get("X-Purpose") or ""
    text = " ".join(str(text).split())[:PURPOSE_MAX]
    return text or default


# Where a person's record was opened from (the Referer of the same site), as a purpose: the
# page names are strings here, so audit imports no app. Unknown pages read "Opened from <path>".
OPENED_FROM = {
    "home": "My work",
    "people-search": "People search",
    "bail-queue": "Bail Management Team work queue",
    "bail-cases": "Bail cases list",
    "bail-case": "Bail case {pk}",
    "custody-board": "Custody board {code}",
    "custody-detentions": "Custody detentions list",
    "custody-detention": "Detention {pk}",
    "custody-s136-detail": "s.136 record {pk}",
    "disposals-queue": "Offender Diversion Team work queue",
    "disposals-records": "Out-of-court disposal records",
    "disposal-detail": "Disposal {pk}",
    "iom-home": "IOM caseload",
    "iom-cohort": "IOM cohort",
    "iom-member": "IOM membership {pk}",
    "person": "Person {pk}",
}


def opened_from(request) -> str:
    """The purpose read from the page the user came from (the Referer, same host only):
    "Bail case 12", "IOM cohort". Empty when there is no such page."""
    referer = request.headers.get("Referer", "") if request is not None else ""
    if not referer:
        return ""
    parts = urlsplit(referer)
    if parts.netloc and parts.netloc != request.get_host():
        return ""
    try:
        match = resolve(parts.path)
    except Resolver404:
        return ""
    label = OPENED_FROM.get(match.url_name or "")
    if label is None:
        return ""
    try:
        return "From " + label.format(**match.kwargs)
    except (KeyError, IndexError):
        return ""


_SIGN_IN_PURPOSES = {
    Action.LOGIN: "Signing in",
    Action.LOGOUT: "Signing out",
    Action.LOGIN_FAILED: "Signing in (failed)",
}


def _purpose_from_context(*, action, target, detail, request, justification) -> str:
    """Where the user stands, when the caller named no purpose: the record the event is
    about (the detention, bail case, disposal, membership or task), the box or page it came
    from, or the reason typed. Empty when there is nothing to go on."""
    if justification:
        return justification
    if action in _SIGN_IN_PURPOSES:
        return _SIGN_IN_PURPOSES[action]
    if target is not None:
        return f"{str(target._meta.verbose_name).capitalize()} {target.pk}"
    detail = detail or {}
    for key, label in (("search", "Search box"), ("export", "Export"), ("page", "Page")):
        if detail.get(key):
            return f"{label}: {detail[key]}"
    if request is not None:
        return f"Page {request.path}"
    return ""


def record_access(
    *,
    user,
    action: str,
    offender=None,
    target: Model | None = None,
    query: str = "",
    justification: str = "",
    purpose: str = "",
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
        purpose=purpose,
        recipients=recipients,
        detail=detail,
        request=request,
        username=username,
    )
    event.save()
    return event


def record_bulk_read(
    *,
    user,
    people: Iterable[Any],
    purpose: str,
    action: str = Action.LIST,
    query: str = "",
    justification: str = "",
    recipients: str = "",
    detail: dict[str, Any] | None = None,
    request=None,
) -> AccessEvent:
    """Log one response that returned many people: one event, linked to each of them.

    ``people`` are the people the response returned (``Offender`` instances or their ids,
    duplicates ignored); ``purpose`` is why (``declared_purpose(request, "IOM cohort")``).
    Two statements whatever the size: one INSERT for the event, one bulk INSERT for the
    links (SQLite splits the links into batches of 499, its parameter limit). An empty
    list writes the event with no links (the user still looked). Call it in the
    transaction of the response, after the page's people are known.

    Example (a list view)::

        page = paginator.get_page(request.GET.get("page"))
        record_bulk_read(
            user=request.user, people=page.object_list, request=request,
            purpose=declared_purpose(request, "People list"), detail={"page": "people"},
        )
    """
    ids = sorted({getattr(p, "pk", p) for p in people})
    logged = {"people": len(ids), **(detail or {})}
    event = record_access(
        user=user,
        action=action,
        query=query,
        justification=justification,
        purpose=purpose,
        recipients=recipients,
        detail=logged,
        request=request,
    )
    if ids:
        AccessEventPerson.objects.bulk_create(
            [AccessEventPerson(event=event, offender_id=pk) for pk in ids]
        )
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
    purpose: str = "",
    recipients: str = "",
    detail: dict[str, Any] | None = None,
    request=None,
    username: str = "",
) -> AccessEvent:
    """One access-log row, not yet saved: ``record_access`` saves it, ``record_accesses``
    saves many at once. Raises ``MissingPurpose`` when no purpose is given or found."""
    purpose = (
        " ".join(purpose.split())[:PURPOSE_MAX]
        or _purpose_from_context(
            action=action,
            target=target,
            detail=detail,
            request=request,
            justification=justification,
        )[:PURPOSE_MAX]
    )
    if not purpose:
        raise MissingPurpose(
            f"An access-log event ({action}) needs a purpose: pass purpose=, a target "
            "record or the request."
        )
    event = AccessEvent(
        purpose=purpose,
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


def record_search(
    *,
    user,
    query: str,
    now: dt.datetime,
    request=None,
    purpose: str = "",
    people: Iterable[Any] | None = None,
) -> AccessEvent | None:
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
    event = access_event(user=user, action="search", query=query, request=request, purpose=purpose)
    event.at = now
    event.save()
    ids = sorted({getattr(p, "pk", p) for p in people or ()})
    if ids:
        AccessEventPerson.objects.bulk_create(
            [AccessEventPerson(event=event, offender_id=pk) for pk in ids]
        )
    return event

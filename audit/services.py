"""Write the access log. Call inside the transaction of what is being recorded."""

from __future__ import annotations

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
    event.save()
    return event

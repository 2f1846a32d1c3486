"""The access-log part of a subject access document (DPA 2018 s.45): who read or changed
the person's records, how often, and why, without naming the searches of other people."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from audit.selectors import events_for_offender


def access_log_summary(offender) -> dict:
    """Counts by action, by user and by purpose, the first and last event, and the 500
    most recent events (when, who, what, purpose)."""
    events = events_for_offender(offender)
    by_action: Counter[str] = Counter()
    by_user: Counter[str] = Counter()
    by_purpose: Counter[str] = Counter()
    first = last = None
    recent = []
    for event in events.iterator(chunk_size=2000):
        who = event.user.username if event.user_id else event.username
        by_action[event.action] += 1
        by_user[who] += 1
        by_purpose[event.purpose] += 1
        last = last or event.at
        first = event.at
        if len(recent) < 500:
            recent.append(
                {
                    "at": timezone.localtime(event.at).isoformat(),
                    "user": who,
                    "action": event.action,
                    "purpose": event.purpose,
                    "people_in_the_same_response": (event.detail or {}).get("people"),
                }
            )
    return {
        "events": sum(by_action.values()),
        "first": timezone.localtime(first).isoformat() if first else None,
        "last": timezone.localtime(last).isoformat() if last else None,
        "by_action": dict(sorted(by_action.items())),
        "by_user": dict(by_user.most_common()),
        "by_purpose": dict(by_purpose.most_common()),
        "recent": recent,
    }

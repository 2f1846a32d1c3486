"""Moving a leaver's open work to another officer in one action.

Each app that assigns work to a named officer registers a hand-over service in ``handover``
from its ``AppConfig.ready()``, labelled with what it moves ("open deadlines", "bail and RUI
cases as officer in the case"). A hand-over service is keyword-only,
``(*, from_user, to_user, by) -> number of items moved``; it moves only open work (closed
records keep the officer who did them), saves each record with its history and writes one
access-log row per record moved.
"""

from __future__ import annotations

from typing import Protocol

from django.db import transaction

from core.registry import Registry


class HandOver(Protocol):
    def __call__(self, *, from_user, to_user, by) -> int: ...


handover: Registry[HandOver] = Registry("a leaver's hand-over")


@transaction.atomic
def transfer_work(*, from_user, to_user, by) -> dict[str, int]:
    """Move every open item of ``from_user``'s work to ``to_user``; returns counts by kind."""
    if from_user.pk == to_user.pk:
        raise ValueError("choose a different officer to take the work")
    return {
        label: hand_over(from_user=from_user, to_user=to_user, by=by)
        for label, hand_over in handover.items()
    }

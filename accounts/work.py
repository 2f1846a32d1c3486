"""Moving a leaver's open work to another officer in one action.

Each app that assigns work to a named officer registers one transfer function here (one
line in ``TRANSFERS``): ``(from_user, to_user) -> number of items moved``. The function
moves only open work; closed records keep the officer who did them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from deadlines.models import Deadline

Transfer = Callable[[object, object], int]


def _open_deadlines(from_user, to_user) -> int:
    return Deadline.objects.open().filter(owner_user=from_user).update(owner_user=to_user)


TRANSFERS: dict[str, Transfer] = {
    "open deadlines": _open_deadlines,
}


def register(label: str, transfer: Transfer) -> None:
    """Apps call this from their AppConfig.ready() to add their caseload."""
    TRANSFERS[label] = transfer


@transaction.atomic
def transfer_work(*, from_user, to_user) -> dict[str, int]:
    """Move every open item of ``from_user``'s work to ``to_user``; returns counts by kind."""
    if from_user.pk == to_user.pk:
        raise ValueError("choose a different officer to take the work")
    return {label: transfer(from_user, to_user) for label, transfer in TRANSFERS.items()}

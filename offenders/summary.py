"""What the force holds about a person now: the ``summary`` of the API detail and the page.

One small interface every app plugs into: a provider is a function ``(offender) -> dict``
returning some of the summary keys. Apps add one line to ``PROVIDERS`` (a dotted path, so
offenders never imports the apps that import it). Until the custody, bail and cohorts apps
add theirs, ``in_custody`` is false, ``bail_status`` null and ``cohorts`` empty.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from django.utils.module_loading import import_string

from offenders.models import Offender

PROVIDERS: list[str] = [
    "offenders.summary.open_deadlines",
    "cohorts.hooks.cohorts_summary",
    "bail.hooks.bail_summary",
    "custody.hooks.custody_summary",
]


def open_deadlines(offender: Offender) -> dict[str, Any]:
    from deadlines.models import Deadline, Status

    return {
        "open_deadlines": Deadline.objects.filter(offender=offender, status=Status.OPEN).count()
    }


@cache
def _providers() -> tuple[Callable[[Offender], dict[str, Any]], ...]:
    return tuple(import_string(path) for path in PROVIDERS)


def summary_for(offender: Offender) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "in_custody": False,
        "bail_status": None,
        "charging_file_status": None,
        "cohorts": [],
        "open_deadlines": 0,
    }
    for provider in _providers():
        summary.update(provider(offender))
    return summary

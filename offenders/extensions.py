"""What other apps contribute to a person's records (see core/registry.py for the mechanism).

Each app registers from its ``AppConfig.ready()``; offenders never imports them.

* ``timeline``: ``(offender, user) -> list[TimelineEntry]``, the person's page history.
  ``user`` lets a provider leave out links that user may not follow.
* ``summary``: ``(offender, today) -> dict`` with some of the summary keys (API.md
  "Offenders": ``in_custody``, ``bail_status``, ``charging_file_status``, ``cohorts``,
  ``open_deadlines``). Each key has one owner.
* ``badges``: ``(offender_ids, today) -> {offender_id: [Badge, ...]}`` for a list of people
  (search results, the People list, caseloads): one query per provider, never one per row.
* ``restricted_badges``: ``(offender_ids, today, user) -> {offender_id: [Badge, ...]}`` for
  need-to-know records (public protection): the provider decides from ``user`` what to show,
  usually nothing. Called only when the caller names the user (``badges_for(..., user=)``),
  so a page that does not is safe by default.
* ``actions``: ``(offender, user) -> list[PersonAction]``, what ``user`` may start from the
  person's page ("Book into custody"): the provider checks its own permissions.
* ``merge_handlers``: keyed by model label (``"app.model"``), ``(duplicate, survivor) -> int``
  for rows that cannot simply be re-pointed at the survivor (offenders/merge.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from core.registry import Registry

if TYPE_CHECKING:
    from offenders.models import Offender


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the person's timeline; ``at`` is an instant or, for a dated fact, a day."""

    at: dt.datetime | dt.date
    title: str
    kind: str
    description: str = ""
    by: str = ""
    url: str = ""

    @property
    def sort_key(self) -> tuple[dt.date, int, dt.datetime]:
        """Day, then within a day the dated facts ("bail lapsed on 18 Nov") after the timed
        events, so that newest first they head their day instead of sinking below it."""
        if isinstance(self.at, dt.datetime):
            return (timezone.localtime(self.at).date(), 0, self.at)
        return (self.at, 1, timezone.make_aware(dt.datetime.combine(self.at, dt.time.min)))

    @property
    def has_time(self) -> bool:
        return isinstance(self.at, dt.datetime)


@dataclass(frozen=True)
class Badge:
    """A GOV.UK tag shown beside a person's name: "In custody", "On bail", "IOM"."""

    label: str
    colour: str = "blue"  # a govuk-tag modifier: red, blue, purple, yellow, grey ...
    detail: str = ""  # a short line under the tag: "Martlesham PIC since 2 Dec 09:14"


@dataclass(frozen=True)
class PersonAction:
    """A link on the person's page that starts work on them in another app."""

    label: str
    url: str


TimelineProvider = Callable[["Offender", Any], list[TimelineEntry]]
ActionProvider = Callable[["Offender", Any], list[PersonAction]]
SummaryProvider = Callable[["Offender", dt.date], dict[str, Any]]
BadgeProvider = Callable[[Iterable[int], dt.date], dict[int, list[Badge]]]
RestrictedBadgeProvider = Callable[[Iterable[int], dt.date, Any], dict[int, list[Badge]]]
MergeHandler = Callable[["Offender", "Offender"], int]

timeline: Registry[TimelineProvider] = Registry("person timeline")
summary: Registry[SummaryProvider] = Registry("person summary")
badges: Registry[BadgeProvider] = Registry("person badges")
restricted_badges: Registry[RestrictedBadgeProvider] = Registry("need-to-know badges")
merge_handlers: Registry[MergeHandler] = Registry("merge handlers")
actions: Registry[ActionProvider] = Registry("person actions")


def actions_for(offender: Offender, user) -> list[PersonAction]:
    """Every action the apps offer ``user`` on ``offender``'s page, in registration order."""
    return [action for provider in actions for action in provider(offender, user)]

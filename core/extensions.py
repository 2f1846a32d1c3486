"""Contributions to the top of the site (see core/registry.py for the mechanism).

The dashboards app sits above every domain app, so the registries it reads live here, in
the layer every app can import. Each domain app registers from its ``AppConfig.ready()``:

* ``dashboards``: a ``DashboardLink`` on the Dashboards index, shown to users for whom its
  ``allowed(user)`` predicate is true.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.registry import Registry


@dataclass(frozen=True)
class DashboardLink:
    title: str
    summary: str  # what the figures show, in a sentence
    url_name: str
    allowed: Callable[[Any], bool]  # the app's own permission predicate


dashboards: Registry[DashboardLink] = Registry("dashboards")


# --- The supervisors' home -------------------------------------------------------------------
# * ``attention``: an ``AttentionItem`` on the supervisors' home (dashboards/home.py): what needs
#   attention now, each figure a count that opens the list of exactly the records it counts.


@dataclass(frozen=True)
class AttentionScope:
    """Whose records a figure counts: the user's force, narrowed to the user's policing areas
    (when they have any) and to the user's teams (when they have any, for records a team owns),
    or the whole force. Each app decides which of its columns is the area and the team."""

    user: Any
    whole_force: bool
    area_ids: frozenset[int]
    team_ids: frozenset[int]

    @classmethod
    def for_user(cls, user, *, whole_force: bool) -> AttentionScope:
        if whole_force:
            return cls(user, True, frozenset(), frozenset())
        return cls(
            user,
            False,
            frozenset(user.policing_areas.values_list("pk", flat=True)),
            frozenset(user.teams.values_list("pk", flat=True)),
        )

    @classmethod
    def from_request(cls, request) -> AttentionScope:
        """A list opened from the home: ``?scope=mine`` narrows it as the home did."""
        return cls.for_user(request.user, whole_force=request.GET.get("scope") != "mine")

    @property
    def narrows(self) -> bool:
        return bool(self.area_ids or self.team_ids)

    @property
    def query(self) -> str:
        """The parameter a list link carries so that the list counts what the figure counted."""
        return "scope=mine" if self.narrows else ""


@dataclass(frozen=True)
class AttentionFigure:
    key: str  # unique within its item, a slug
    label: str
    count: int
    url: str = ""  # the list of exactly these records; "" for the item's deadlines list
    detail: str = ""  # e.g. "longest 5 h 20 min"
    # Figures of one item that share ``group`` are shown as a table: a row per group (a custody
    # suite), a column per ``column`` ("In custody", "Cells free").
    group: str = ""
    column: str = ""


@dataclass(frozen=True)
class AttentionItem:
    title: str
    allowed: Callable[[Any], bool]  # the app's own gate: the user may open the lists
    # (user, scope, now) -> the figures, in a bounded number of queries (no query per row)
    figures: Callable[[Any, AttentionScope, Any], list[AttentionFigure]]
    # (user, scope, now, figure key) -> the Deadline rows a url-less figure counts, or None
    deadlines: Callable[[Any, AttentionScope, Any, str], Any] | None = None


attention: Registry[AttentionItem] = Registry("supervisors' home")
# --- The Accountability and Performance Panel report (dashboards/report) ----------------------
#
# Each domain app registers one ``PanelSection`` per report section it owns, from its
# ``AppConfig.ready()``:
#
#     from core.extensions import PanelSection, panel_sections
#     from bail import figures
#     panel_sections.register(
#         "bail_and_rui",
#         PanelSection("bail_and_rui", "Bail and released under investigation", 30,
#                      figures.panel_figures, can_work_on_bail),
#     )
#
# ``figures(force_id, period)`` computes the section from live data for one force and one
# ``core.periods.Period``. Every ``PanelFigure.value`` is a count (or a plain derived value
# such as an average) and its ``url`` opens the list of exactly the records it counts; the
# report shows the link only to users for whom ``may_open(user)`` is true. A section whose
# key nobody registered is shown as "not recorded in Desist yet", never as zero.


@dataclass(frozen=True)
class PanelFigure:
    label: str
    value: int | float | str | None  # None: not recorded
    url: str = ""  # the list of exactly the records counted ("" when there is none)
    # False for a figure of today (on bail now, open now): the same whatever the period, so
    # the report does not compare it with other periods.
    compare: bool = True


@dataclass(frozen=True)
class PanelTable:
    key: str
    title: str
    columns: tuple[str, ...]  # headings of the value columns (the row label comes first)
    rows: tuple[tuple[str, tuple[PanelFigure, ...]], ...]
    chart: str = ""  # "", "line" or "bar": draw the table as a chart beside it


@dataclass(frozen=True)
class PanelFigures:
    headline: tuple[PanelFigure, ...]  # compared with the previous period and a year before
    tables: tuple[PanelTable, ...] = ()
    not_recorded: tuple[str, ...] = ()  # what the report asks for that Desist does not record


@dataclass(frozen=True)
class PanelSection:
    key: str
    title: str
    order: int
    figures: Callable[[Any, Any], PanelFigures]  # (force_id, core.periods.Period)
    may_open: Callable[[Any], bool]  # who may follow the figures' links to the records


panel_sections: Registry[PanelSection] = Registry("panel_sections")


def list_url(url_name: str, **filters: Any) -> str:
    """The address of a list page showing the records one figure counts: ``url_name`` with
    ``filters`` as its query string (empty ones left out)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    query = urlencode({k: v for k, v in filters.items() if v not in (None, "")})
    return f"{reverse(url_name)}?{query}" if query else reverse(url_name)

"""The supervisors' home: what needs attention now, each figure a count that opens the list of
exactly the records it counts.

Each domain app registers its items in ``core.extensions.attention`` from its
``AppConfig.ready()``; this page only shows the items whose gate admits the user, for the
user's areas and teams or, switched, the whole force. A figure with no list of its own is a
count of open deadlines; ``clocks`` lists them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from accounts.ranks import Rank, rank_at_least
from accounts.roles import Role
from audit.services import declared_purpose, record_bulk_read
from core.extensions import AttentionItem, AttentionScope, attention

# Supervisors and custody inspectors by role; senior leaders by rank (inspector and above),
# for the items their own roles may open.
HOME_ROLES = {Role.SUPERVISOR, Role.CUSTODY_INSPECTOR, Role.ADMIN}
SENIOR_RANK = Rank.INSPECTOR

# The order of the page: custody first (minutes matter), then the queues, then the cohorts.
ORDER = ("custody", "custody-clocks", "bail", "disposals", "iom", "protection", "dvpn", "wanted")

LIST_LIMIT = 500


def items_for(user) -> list[tuple[str, AttentionItem]]:
    """The registered items whose lists the user may open, in the page's order; none for a
    user who is neither a supervisor, a custody inspector nor of inspector rank or above."""
    if not user.is_authenticated or not user.is_active:
        return []
    if not (
        user.is_superuser or user.has_role(*HOME_ROLES) or rank_at_least(user.rank, SENIOR_RANK)
    ):
        return []
    order = {key: i for i, key in enumerate(ORDER)}
    items = [(key, item) for key, item in attention.items() if item.allowed(user)]
    return sorted(items, key=lambda pair: order.get(pair[0], len(ORDER)))


def can_see_supervisors_home(user) -> bool:
    return bool(items_for(user))


def _require_home(user) -> list[tuple[str, AttentionItem]]:
    items = items_for(user)
    if not items:
        raise PermissionDenied("The supervisors' home is for supervisors and senior leaders.")
    return items


def _with_query(url: str, query: str) -> str:
    if not query:
        return url
    path, _, anchor = url.partition("#")
    joined = f"{path}{'&' if '?' in path else '?'}{query}"
    return f"{joined}#{anchor}" if anchor else joined


def sections_for(user, scope: AttentionScope, now) -> list[dict]:
    sections = []
    for key, item in _require_home(user):
        figures = []
        for figure in item.figures(user, scope, now):
            url = figure.url or _with_query(
                reverse("supervisors-home-clocks", args=[key, figure.key]), scope.query
            )
            figures.append(
                {
                    "key": f"{key}:{figure.key}",
                    "label": figure.label,
                    "count": figure.count,
                    "url": url,
                    "detail": figure.detail,
                    "group": figure.group,
                    "column": figure.column,
                }
            )
        sections.append(
            {"key": key, "title": item.title, "figures": figures, "table": _table(figures)}
        )
    return sections


def _table(figures: list[dict]) -> dict | None:
    """Grouped figures as rows (one per group) and columns, or None to list them."""
    if not figures or not all(f["group"] for f in figures):
        return None
    columns = list(dict.fromkeys(f["column"] for f in figures))
    rows: dict[str, dict] = {}
    for f in figures:
        rows.setdefault(f["group"], {})[f["column"]] = f
    return {
        "columns": columns,
        "rows": [
            {"group": group, "cells": [cells.get(c) for c in columns]}
            for group, cells in rows.items()
        ],
    }


def home(request):
    """What needs attention now, for the user's areas and teams (``?scope=force``: the force)."""
    user = request.user
    _require_home(user)
    scope = AttentionScope.for_user(user, whole_force=request.GET.get("scope") == "force")
    now = timezone.now()
    return render(
        request,
        "dashboards/home.html",
        {
            "sections": sections_for(user, scope, now),
            "scope": scope,
            "whole_force": scope.whole_force or not scope.narrows,
            "areas": list(user.policing_areas.all()),
            "teams": list(user.teams.all()),
            "now": now,
        },
    )


def clocks(request, item: str, figure: str):
    """The open deadlines a clock figure counts, soonest first."""
    user = request.user
    contribution = dict(_require_home(user)).get(item)
    listed = contribution.deadlines if contribution else None
    if contribution is None or listed is None:
        raise Http404("No such list.")
    scope = AttentionScope.from_request(request)
    now = timezone.now()
    deadlines = listed(user, scope, now, figure)
    if deadlines is None:
        raise Http404("No such list.")
    label = next(f.label for f in contribution.figures(user, scope, now) if f.key == figure)
    rows = list(
        deadlines.select_related("offender", "owner_team", "owner_user")
        .prefetch_related("record")  # one query per kind of record, not one per row
        .order_by("due_at", "pk")[:LIST_LIMIT]
    )
    record_bulk_read(
        user=user,
        people=[d.offender_id for d in rows if d.offender_id],
        purpose=declared_purpose(request, f"Supervisors' home: {label}"),
        request=request,
        detail={"list": "dashboards.home", "item": item, "figure": figure},
    )
    return render(
        request,
        "dashboards/home_clocks.html",
        {
            "title": contribution.title,
            "label": label,
            "deadlines": rows,
            "limit": LIST_LIMIT,
            "scope": scope,
            "now": now,
        },
    )

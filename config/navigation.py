"""The service navigation: each entry is shown to the roles that can use it.

An entry: (label, url name, roles allowed or None for everyone signed in; or the page's own
predicate when roles alone do not decide). Apps add their
own entry here when their pages exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from accounts.roles import Role
from dashboards.home import can_see_supervisors_home

ENTRIES: list[tuple[str, str, set[str] | Callable[[Any], bool] | None]] = [
    ("My work", "home", None),
    ("People", "people-search", {str(r) for r in Role} - {Role.ANALYST, Role.SCRUTINY_PANEL}),
    ("Custody", "custody-home", {Role.CUSTODY_OFFICER, Role.CUSTODY_INSPECTOR, Role.SUPERVISOR}),
    (
        "Bail and RUI",
        "bail-queue",
        {
            Role.BAIL_MANAGEMENT,
            Role.INVESTIGATOR,
            Role.CUSTODY_OFFICER,
            Role.CUSTODY_INSPECTOR,
            Role.SUPERVISOR,
        },
    ),
    ("Disposals", "disposals-queue", {Role.OFFENDER_DIVERSION, Role.SUPERVISOR, Role.INVESTIGATOR}),
    ("IOM", "iom-home", {Role.IOM_OFFICER, Role.SUPERVISOR}),
    (
        "Wanted",
        "wanted-home",
        {
            Role.CUSTODY_OFFICER,
            Role.CUSTODY_INSPECTOR,
            Role.INVESTIGATOR,
            Role.BAIL_MANAGEMENT,
            Role.IOM_OFFICER,
            Role.DAPU_OFFICER,
            Role.PPU_OFFICER,
            Role.MAPPA_COORDINATOR,
            Role.SUPERVISOR,
        },
    ),
    (
        "Public protection",
        "protection-caseload",
        {Role.PPU_OFFICER, Role.MAPPA_COORDINATOR, Role.SUPERVISOR},
    ),
    ("Domestic abuse", "domestic-programme", {Role.DAPU_OFFICER, Role.SUPERVISOR}),
    ("Scrutiny panel", "disposals-scrutiny", {Role.SCRUTINY_PANEL}),
    ("Partners", "partners-directory", {str(r) for r in Role}),
    (
        "Dashboards",
        "dashboards",
        {
            Role.SUPERVISOR,
            Role.ANALYST,
            Role.CUSTODY_INSPECTOR,
            Role.IOM_OFFICER,
            Role.BAIL_MANAGEMENT,
            Role.OFFENDER_DIVERSION,
            Role.DAPU_OFFICER,
            Role.PPU_OFFICER,
            Role.MAPPA_COORDINATOR,
        },
    ),
    ("Users", "user-list", {Role.ADMIN}),
    # Supervisors and senior leaders by rank as well as role: the page's own predicate.
    ("Supervisors' home", "supervisors-home", can_see_supervisors_home),
]


def navigation_for(request) -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    roles = user.role_names()
    items = []
    for label, url_name, allowed in ENTRIES:
        if callable(allowed):
            if not allowed(user):
                continue
        elif allowed is not None and not (
            user.is_superuser or roles & allowed or Role.ADMIN in roles
        ):
            continue
        url = reverse(url_name)
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"label": label, "url": url, "active": active})
    # One entry is current: the deepest that matches (/dashboards/home/ is not /dashboards/).
    deepest = max((len(i["url"]) for i in items if i["active"]), default=0)
    for item in items:
        item["active"] = item["active"] and len(item["url"]) == deepest
    return items

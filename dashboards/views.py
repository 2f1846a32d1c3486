"""The dashboards index: every figures page the signed-in user may open, in one place."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse

from bail.permissions import can_see_bail_figures
from cohorts.permissions import can_view_iom_figures
from custody.permissions import can_view_custody_dashboard
from disposals.permissions import can_see_figures

# (title, what it shows, url name, who may open it)
DASHBOARDS = [
    (
        "Custody",
        "Detentions per month per suite, children and their time in custody, Golden Hour calls, "
        "s.136 uses, strip searches, use of force, mental-health assessments, s.38(6) transfers.",
        "custody-dashboard",
        can_view_custody_dashboard,
    ),
    (
        "Bail and released under investigation",
        "Numbers on bail and RUI, opened and closed per month, lengths by offence type and district, lapses.",
        "bail-figures",
        can_see_bail_figures,
    ),
    (
        "Out-of-court disposals",
        "Disposals per month per district by type, referrals per course, completion, breaches by "
        "district, ethnicity and gender, restorative justice.",
        "disposals-dashboard",
        can_see_figures,
    ),
    (
        "Integrated Offender Management",
        "Cohort sizes over time, adoptions and removals, deterrence and harm reduction.",
        "iom-dashboard",
        can_view_iom_figures,
    ),
]


def dashboards_for(user) -> list[dict]:
    return [
        {"title": title, "summary": summary, "url": reverse(url_name)}
        for title, summary, url_name, allowed in DASHBOARDS
        if allowed(user)
    ]


def index(request):
    dashboards = dashboards_for(request.user)
    if not dashboards:
        raise PermissionDenied
    return render(request, "dashboards/index.html", {"dashboards": dashboards})

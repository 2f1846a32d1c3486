"""The dashboards index: every figures page the signed-in user may open, in one place.

Each domain app registers its dashboard in ``core.extensions.dashboards``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse

from core import extensions


def dashboards_for(user) -> list[dict]:
    return [
        {"title": link.title, "summary": link.summary, "url": reverse(link.url_name)}
        for link in extensions.dashboards
        if link.allowed(user)
    ]


def index(request):
    dashboards = dashboards_for(request.user)
    if not dashboards:
        raise PermissionDenied
    return render(request, "dashboards/index.html", {"dashboards": dashboards})

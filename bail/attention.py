"""Bail and RUI on the supervisors' home (``core.extensions.attention``): the three sections of
the Bail Management Team's queue, counted as the queue lists them.

A case is in the user's scope when its district is one of the user's policing areas (when
they have any) and its officer in the case is in one of the user's teams (when they have any).
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from bail.access import visible_cases
from bail.models import BailCaseQuerySet
from bail.permissions import can_work_on_bail
from core.extensions import AttentionFigure, AttentionItem, AttentionScope

# How far ahead the bail queue and the supervisors' home look for bail periods ending.
QUEUE_DAYS = 14


def in_scope(cases: BailCaseQuerySet, scope: AttentionScope) -> BailCaseQuerySet:
    if scope.area_ids:
        cases = cases.filter(district_id__in=scope.area_ids)
    if scope.team_ids:
        cases = cases.filter(
            officer_in_case__in=User.objects.filter(teams__in=scope.team_ids).values("pk")
        )
    return cases


def figures(user, scope: AttentionScope, now: dt.datetime) -> list[AttentionFigure]:
    today = timezone.localdate(now)
    horizon = today + dt.timedelta(days=QUEUE_DAYS)
    cases = in_scope(visible_cases(user), scope)
    queue = reverse("bail-queue") + (f"?{scope.query}" if scope.query else "")
    return [
        AttentionFigure(
            "ending",
            f"Bail periods ending within {QUEUE_DAYS} days",
            cases.ending_between(today, horizon).count(),
            f"{queue}#ending",
        ),
        AttentionFigure(
            "lapsed",
            "Lapsed bail without a rationale",
            cases.lapsed(today).count(),
            f"{queue}#lapsed",
        ),
        AttentionFigure(
            "rui-reviews",
            "RUI reviews due",
            cases.rui_review_due_by(horizon).count(),
            f"{queue}#reviews",
        ),
    ]


def item() -> AttentionItem:
    return AttentionItem("Bail and released under investigation", can_work_on_bail, figures)

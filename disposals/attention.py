"""Out-of-court disposals on the supervisors' home (``core.extensions.attention``): conditions
due and breaches awaiting a decision, counted as the Offender Diversion Team's queue lists them.

A disposal is in the user's scope when its district is one of the user's policing areas (when
they have any) and the officer who decided it is in one of the user's teams (when they have
any).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.extensions import AttentionFigure, AttentionItem, AttentionScope
from disposals import access, rules
from disposals.models import DisposalCondition, DisposalQuerySet
from disposals.permissions import can_read_disposals

# The queue's horizon for conditions: due in the next fortnight, or overdue.
CONDITIONS_DUE_DAYS = 14


def in_scope(disposals: DisposalQuerySet, scope: AttentionScope) -> DisposalQuerySet:
    if scope.area_ids:
        disposals = disposals.filter(district_id__in=scope.area_ids)
    if scope.team_ids:
        disposals = disposals.filter(
            decided_by__in=User.objects.filter(teams__in=scope.team_ids).values("pk")
        )
    return disposals


def conditions_due(disposals: DisposalQuerySet, today: dt.date) -> QuerySet:
    return DisposalCondition.objects.filter(
        disposal__in=disposals.active(),
        status=rules.ConditionStatus.OUTSTANDING.value,
        due_by__lte=today + dt.timedelta(days=CONDITIONS_DUE_DAYS),
    )


def figures(user, scope: AttentionScope, now: dt.datetime) -> list[AttentionFigure]:
    today = timezone.localdate(now)
    disposals = in_scope(access.visible_disposals(user), scope)
    queue = reverse("disposals-queue") + (f"?{scope.query}" if scope.query else "")
    return [
        AttentionFigure(
            "conditions-due",
            "OOCD conditions due",
            conditions_due(disposals, today).count(),
            f"{queue}#conditions-due",
        ),
        AttentionFigure(
            "breaches",
            "Breaches awaiting a decision",
            disposals.needing_breach_decision(today).count(),
            f"{queue}#breaches-to-decide",
        ),
    ]


def item() -> AttentionItem:
    return AttentionItem("Out-of-court disposals", can_read_disposals, figures)

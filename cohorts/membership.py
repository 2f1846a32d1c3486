"""Writes and reads every cohort shares, whatever the cohort (the shared cohort mechanism).

The cohort's own services call these inside their transaction: ``lock_open`` before an
edit, ``schedule_review`` after a review, ``end_membership`` to remove a person with a reason,
``hand_over_for(kind)`` for a leaver's caseload, ``caseload`` for a lead officer's list.
Each records the access-log row against the person; none reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts import work
from accounts.models import Team
from audit.models import Action
from audit.services import record_access
from cohorts.kinds import CohortKind, kind_of, kinds
from core.concurrency import bump_version, check_version
from deadlines import services as deadlines

ENDED_MESSAGE = "This membership has already ended."


def lock_open(membership, version: int | None = None):
    """The membership locked for update, checked against the ``version`` the user read
    (StaleVersion) and still open (a field-level ValidationError otherwise)."""
    locked = (
        type(membership)
        .objects.select_for_update()
        .select_related("offender", "force")
        .get(pk=membership.pk)
    )
    if version is not None:
        check_version(locked, version)
    if not locked.is_open:
        raise ValidationError({"non_field_errors": [ENDED_MESSAGE]})
    return locked


def owner_team(membership):
    kind = kind_of(membership)
    team = getattr(membership, "team", None)
    if team is not None:
        return team
    if not kind.team_code:
        return None
    return Team.objects.filter(force=membership.force, code=kind.team_code).first()


def schedule_review(
    membership,
    *,
    due_at: dt.datetime,
    title: str,
    warning_leads: Iterable[dt.timedelta] = (),
    escalate_after: dt.timedelta | None = None,
    kind: str | None = None,
    as_of: dt.datetime | None = None,
) -> None:
    """Move the member's open review deadline to ``due_at``, or open one (to the lead
    officer and the cohort's team; escalated to supervisors ``escalate_after`` overdue)."""
    deadline_kind = kind or kind_of(membership).review_kind
    escalate_at = due_at + escalate_after if escalate_after else None
    open_reviews = list(deadlines.open_deadlines_for(membership, deadline_kind))
    for deadline in open_reviews:
        deadlines.move_deadline(deadline=deadline, due_at=due_at, escalate_at=escalate_at)
    if not open_reviews:
        deadlines.open_deadline(
            kind=deadline_kind,
            title=title,
            force=membership.force,
            due_at=due_at,
            offender=membership.offender,
            record=membership,
            warning_leads=warning_leads,
            escalate_at=escalate_at,
            owner_user=membership.lead_officer,
            owner_team=owner_team(membership),
            as_of=as_of,
        )


def end_membership(
    membership,
    *,
    ended_on: dt.date,
    reason: str,
    by,
    at: dt.datetime,
    note: str = "",
    note_field: str = "end_note",
    request=None,
    detail: dict | None = None,
) -> None:
    """End a locked, open membership with its date and reason; every open deadline of the
    membership is cancelled (reviews, and any other clock it owns)."""
    if ended_on < membership.start_date:
        raise ValidationError(
            {membership.END_FIELD: ["The end date cannot be before the start date."]}
        )
    setattr(membership, membership.END_FIELD, ended_on)
    setattr(membership, membership.END_REASON_FIELD, reason)
    setattr(membership, note_field, note.strip())
    bump_version(membership, [membership.END_FIELD, membership.END_REASON_FIELD, note_field])
    record_access(
        user=by,
        action=Action.UPDATE,
        offender=membership.offender,
        target=membership,
        request=request,
        detail={
            kind_of(membership).key: "ended",
            "ended_on": ended_on.isoformat(),
            "reason": reason,
            **(detail or {}),
        },
    )
    deadlines.cancel_deadlines_for(membership, at=at)


def hand_over_for(kind: CohortKind):
    """A leaver's hand-over for one cohort: every open membership they lead goes to the new
    lead officer, saved with a new version and its history, and logged against the person
    (their open deadlines move with the deadlines app's own hand-over)."""

    @transaction.atomic
    def hand_over(*, from_user, to_user, by) -> int:
        memberships = list(
            kind.model.objects.open()
            .filter(lead_officer=from_user)
            .select_for_update(of=("self",))
            .select_related("offender")
            .order_by("pk")
        )
        for membership in memberships:
            membership.lead_officer = to_user
            bump_version(membership, ["lead_officer"])
            record_access(
                user=by,
                action=Action.UPDATE,
                offender=membership.offender,
                target=membership,
                detail={"handed_over_from": from_user.username, "to": to_user.username},
            )
        return len(memberships)

    hand_over.__name__ = f"hand_over_{kind.key}_caseload"
    return hand_over


def caseload(user, *, kind_keys: Iterable[str] | None = None) -> list:
    """The open memberships ``user`` leads, in every cohort they may manage (or those named),
    people preloaded, ordered by cohort then start date."""
    found = []
    for key, kind in kinds.items():
        if kind_keys is not None and key not in kind_keys:
            continue
        if not kind.can_manage(user):
            continue
        rows = kind.model.objects.open().led_by(user).with_people().order_by(kind.model.START_FIELD)
        found.extend(rows)
    return found


def register_kind(kind: CohortKind) -> CohortKind:
    """Add a cohort kind and its leaver's hand-over (one path for every cohort)."""
    kinds.register(kind.key, kind)
    work.handover.register(
        kind.handover_label or f"{kind.label} members as lead officer", hand_over_for(kind)
    )
    return kind

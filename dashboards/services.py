"""Writes for the panel report: narrative, issuing, publishing, the strategy actions and the
HMICFRS recommendations tracker. Keyword-only, one verb each, inside a transaction; each
change is written to the access log; due dates open and move deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.models import Action
from audit.services import record_access
from core.calendar import london_datetime
from core.concurrency import bump_version, check_version
from dashboards.models import (
    IssuedReport,
    Recommendation,
    RecommendationStatus,
    SectionNarrative,
    StrategyAction,
)
from deadlines.models import Kind
from deadlines.services import (
    cancel_deadlines_for,
    meet_deadline,
    open_deadline,
    open_deadlines_for,
)


@transaction.atomic
def save_narrative(*, force, section: str, text: str, version: int | None, by, now) -> Any:
    """Write one section's narrative for the force's next report; a stale ``version``
    (someone else saved since the page was read) raises ``StaleVersion``."""
    narrative, created = SectionNarrative.objects.select_for_update().get_or_create(
        force=force, section=section, defaults={"text": text, "updated_by": by, "updated_at": now}
    )
    if not created:
        check_version(narrative, version)
        narrative.text, narrative.updated_by, narrative.updated_at = text, by, now
        bump_version(narrative, ["text", "updated_by", "updated_at"])
    record_access(
        user=by,
        action=Action.UPDATE,
        target=narrative,
        purpose="Panel report narrative",
        detail={"section": section},
    )
    return narrative


@transaction.atomic
def issue_report(*, force, meeting_date: dt.date, content: dict[str, Any], by, now) -> IssuedReport:
    """Freeze ``content`` (figures, comparisons, narrative and appendices, as shown) for the
    meeting. Nothing later changes it: the row is never updated except to publish it."""
    if meeting_date is None:
        raise ValidationError({"meeting_date": ["Enter the date of the panel meeting."]})
    report = IssuedReport.objects.create(
        force=force,
        meeting_date=meeting_date,
        period_first=content["period"]["from"],
        period_last=content["period"]["to"],
        content=content,
        issued_by=by,
        issued_at=now,
    )
    record_access(
        user=by,
        action=Action.CREATE,
        target=report,
        purpose="Issued the Accountability and Performance Panel report",
        detail={"meeting_date": meeting_date.isoformat(), "period": content["period"]},
    )
    return report


@transaction.atomic
def publish_report(*, report: IssuedReport, version: int | None, by, now) -> IssuedReport:
    """Mark an issued report for publication: the scrutiny panel and the public then see it,
    small numbers suppressed."""
    report = IssuedReport.objects.select_for_update().get(pk=report.pk)
    check_version(report, version)
    report.published, report.published_by, report.published_at = True, by, now
    bump_version(report, ["published", "published_by", "published_at"])
    record_access(
        user=by,
        action=Action.UPDATE,
        target=report,
        purpose="Published the Accountability and Performance Panel report",
    )
    return report


# --- the appendices' trackers ---------------------------------------------------------------


def _due_deadline(record, *, kind: str, title: str, due_on: dt.date | None, now) -> None:
    """Keep one open deadline at the end of ``due_on`` for an unfinished tracked item: met
    when the item is done (or closed), cancelled when the due date is removed, moved (closed
    and opened again) when it changes."""
    existing = list(open_deadlines_for(record, kind))
    if record.status in ("done", RecommendationStatus.CLOSED):
        for deadline in existing:
            meet_deadline(deadline=deadline, at=now)
        return
    due_at = london_datetime(due_on + dt.timedelta(days=1), dt.time(0)) if due_on else None
    if any(d.due_at == due_at for d in existing):
        return
    cancel_deadlines_for(record, at=now, kind=kind)
    if due_at is None:
        return
    open_deadline(
        kind=kind,
        title=title,
        force=record.force,
        due_at=due_at,
        record=record,
        warning_leads=[dt.timedelta(days=14)],
        escalate_to_role="supervisor",
        as_of=now,
    )


ACTION_FIELDS = ("pillar", "action", "owner", "due_on", "status", "notes")
RECOMMENDATION_FIELDS = (
    "inspection",
    "recommendation",
    "owner",
    "due_on",
    "status",
    "closed_on",
    "notes",
)


def _check_closed(status: str, closed_on: dt.date | None) -> None:
    if status == RecommendationStatus.CLOSED and closed_on is None:
        raise ValidationError({"closed_on": ["Enter the date HMICFRS closed the recommendation."]})
    if status != RecommendationStatus.CLOSED and closed_on is not None:
        raise ValidationError({"closed_on": ["Only a closed recommendation has a closing date."]})


def _save_tracked(model, fields, *, force, record, version, values):
    """Create, or lock, version-check and change, one tracker item; (item, audit action)."""
    if record is None:
        return model.objects.create(force=force, **values), Action.CREATE
    record = model.objects.select_for_update().get(pk=record.pk, force=force)
    check_version(record, version)
    for key in fields:
        setattr(record, key, values[key])
    bump_version(record, list(fields))
    return record, Action.UPDATE


@transaction.atomic
def save_action(
    *, force, by, now, record: StrategyAction | None = None, version: int | None = None, **values
) -> StrategyAction:
    """Add (``record`` None) or change a Managing Offenders strategy action."""
    record, action = _save_tracked(
        StrategyAction, ACTION_FIELDS, force=force, record=record, version=version, values=values
    )
    _due_deadline(
        record,
        kind=Kind.STRATEGY_ACTION_DUE,
        title=f"Strategy action due: {record.action[:120]}",
        due_on=record.due_on,
        now=now,
    )
    record_access(user=by, action=action, target=record, purpose="Managing Offenders actions")
    return record


@transaction.atomic
def save_recommendation(
    *, force, by, now, record: Recommendation | None = None, version: int | None = None, **values
) -> Recommendation:
    """Add (``record`` None) or change an HMICFRS recommendation."""
    _check_closed(values["status"], values.get("closed_on"))
    record, action = _save_tracked(
        Recommendation,
        RECOMMENDATION_FIELDS,
        force=force,
        record=record,
        version=version,
        values=values,
    )
    _due_deadline(
        record,
        kind=Kind.HMICFRS_RECOMMENDATION_DUE,
        title=f"HMICFRS recommendation due: {record.inspection[:120]}",
        due_on=record.due_on,
        now=now,
    )
    record_access(user=by, action=action, target=record, purpose="HMICFRS recommendations")
    return record

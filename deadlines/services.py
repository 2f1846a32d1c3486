"""Open, move, meet and cancel deadlines; send their alerts exactly once.

Other apps call these inside their own ``transaction.atomic`` so that a deadline changes
in the same transaction as the record that causes it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.models import Model, Q
from django.utils import timezone

from accounts.models import User
from audit.models import Action
from audit.services import record_access
from core.calendar import local
from deadlines import rules
from deadlines.models import Deadline, DeadlineAlert, Heartbeat, Notification, Stage, Status

log = logging.getLogger(__name__)

SCAN_HEARTBEAT = "deadline-scan"
SCAN_BATCH = 500


def _schedule(deadline: Deadline) -> list[rules.Step]:
    return rules.schedule(deadline.due_at, deadline.warning_leads, deadline.escalate_at)


def _sent_keys(deadline: Deadline) -> set[tuple[str, int]]:
    if deadline.pk is None:
        return set()
    return set(deadline.alerts.filter(due_at=deadline.due_at).values_list("stage", "lead_seconds"))


def _default_escalation(due_at: dt.datetime) -> dt.datetime:
    return due_at + dt.timedelta(minutes=settings.DEADLINE_ESCALATION_MINUTES)


def open_deadline(
    *,
    kind: str,
    title: str,
    force,
    due_at: dt.datetime,
    offender=None,
    record: Model | None = None,
    warning_leads: Iterable[dt.timedelta] = (),
    escalate_at: dt.datetime | None = None,
    owner_team=None,
    owner_user=None,
    escalate_to_role: str = "supervisor",
    as_of: dt.datetime | None = None,
) -> Deadline:
    """Open a deadline. ``escalate_at`` defaults to DEADLINE_ESCALATION_MINUTES after due.

    ``as_of``: when the caller acts (its ``now``; default the clock). A deadline already past
    by more than DEADLINE_RECORDED_LATE_HOURS then is recorded late and sends no alerts."""
    deadline = Deadline(
        kind=kind,
        title=title[:200],
        force=force,
        offender=offender,
        due_at=due_at,
        warning_leads=sorted((int(lead.total_seconds()) for lead in warning_leads), reverse=True),
        escalate_at=escalate_at or _default_escalation(due_at),
        owner_team=owner_team,
        owner_user=owner_user,
        escalate_to_role=escalate_to_role,
    )
    if record is not None:
        deadline.content_type = ContentType.objects.get_for_model(record)
        deadline.object_id = record.pk
    late = rules.recorded_late(
        due_at=due_at,
        recorded_at=as_of or timezone.now(),
        grace=dt.timedelta(hours=settings.DEADLINE_RECORDED_LATE_HOURS),
    )
    # Recorded late: listed as such, with nothing to remind anyone of.
    deadline.next_alert_at = None if late else rules.next_alert_at(_schedule(deadline), set())
    deadline.save()
    return deadline


def move_deadline(
    *, deadline: Deadline, due_at: dt.datetime, escalate_at: dt.datetime | None = None
) -> Deadline:
    """Move an open deadline to a new due time (an extension, a review held).

    Steps already sent for the old due time stay in the history; the new due time gets
    its own warnings, overdue notice and escalation.
    """
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if deadline.status != Status.OPEN:
        raise ValueError("only an open deadline can be moved")
    deadline.due_at = due_at
    deadline.escalate_at = escalate_at or _default_escalation(due_at)
    deadline.next_alert_at = rules.next_alert_at(_schedule(deadline), _sent_keys(deadline))
    deadline.save(update_fields=["due_at", "escalate_at", "next_alert_at", "updated_at"])
    return deadline


def meet_deadline(*, deadline: Deadline, at: dt.datetime) -> Deadline:
    """Record that what the deadline asked for was done: met on time, or missed if late."""
    return _close(deadline, Status.MET if at <= deadline.due_at else Status.MISSED, at)


def miss_deadline(*, deadline: Deadline, at: dt.datetime) -> Deadline:
    """Close a deadline that can no longer be met (its chance ended at ``at``) as missed."""
    return _close(deadline, Status.MISSED, at)


def cancel_deadline(*, deadline: Deadline, at: dt.datetime) -> Deadline:
    """The clock no longer applies (the person was released, the case ended)."""
    return _close(deadline, Status.CANCELLED, at)


def _close(deadline: Deadline, status: str, at: dt.datetime) -> Deadline:
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if deadline.status != Status.OPEN:
        return deadline
    deadline.status = status
    deadline.closed_at = at
    deadline.next_alert_at = None
    deadline.save(update_fields=["status", "closed_at", "next_alert_at", "updated_at"])
    return deadline


def open_deadlines_for(record: Model, kind: str | None = None):
    """The open deadlines belonging to ``record`` (optionally of one kind)."""
    qs = Deadline.objects.open().filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    )
    return qs.filter(kind=kind) if kind else qs


def cancel_deadlines_for(record: Model, *, at: dt.datetime, kind: str | None = None) -> int:
    deadlines = list(open_deadlines_for(record, kind))
    for deadline in deadlines:
        cancel_deadline(deadline=deadline, at=at)
    return len(deadlines)


# --- The scan ---------------------------------------------------------------------------


def recipients(deadline: Deadline, stage: str) -> list[User]:
    """Who hears about a step.

    Warnings and overdue notices go to the owning officer and the owning team. An
    escalation goes to the team's members holding ``escalate_to_role``, or, when the team
    has none, to the force's users holding it.
    """
    users = User.objects.filter(is_active=True)
    if stage == Stage.ESCALATION:
        role_holders = users.filter(groups__name=deadline.escalate_to_role)
        in_team = (
            role_holders.filter(teams=deadline.owner_team)
            if deadline.owner_team_id
            else role_holders.none()
        )
        chosen = in_team if in_team.exists() else role_holders.filter(force=deadline.force_id)
        return list(chosen.distinct().order_by("pk"))
    chosen_ids: set[int] = set()
    if deadline.owner_user_id:
        chosen_ids.add(deadline.owner_user_id)
    if deadline.owner_team_id:
        chosen_ids.update(users.filter(teams=deadline.owner_team_id).values_list("pk", flat=True))
    return list(users.filter(pk__in=chosen_ids).order_by("pk"))


def _message(deadline: Deadline, stage: str) -> str:
    due = local(deadline.due_at).strftime("%H:%M on %a %d %b %Y")
    prefix = {
        Stage.WARNING: "Due soon",
        Stage.OVERDUE: "Overdue",
        Stage.ESCALATION: "Escalation: still outstanding",
    }[Stage(stage)]
    return f"{prefix}: {deadline.title} (due {due})"[:300]


class _LostClaim(Exception):
    """Another scan handled this deadline first; roll back and move on."""


def _process(deadline_id: int, now: dt.datetime) -> list[int]:
    """Send what is due for one deadline. Returns the new notification ids.

    A deadline another worker holds (row locked) or has already handled is skipped.
    """
    try:
        with transaction.atomic():
            qs = Deadline.objects.alert_due(now).filter(pk=deadline_id)
            if connection.features.has_select_for_update_skip_locked:
                # Two workers scanning at once split the work instead of queueing.
                qs = qs.select_for_update(skip_locked=True)
            deadline = qs.first()
            if deadline is None:
                return []
            steps = _schedule(deadline)
            sent = _sent_keys(deadline)
            notification_ids: list[int] = []
            for step in rules.steps_to_send(steps, sent, now):
                try:
                    with transaction.atomic():
                        alert = DeadlineAlert.objects.create(
                            deadline=deadline,
                            stage=step.stage,
                            due_at=deadline.due_at,
                            lead_seconds=step.lead_seconds,
                            sent_at=now,
                        )
                except IntegrityError:
                    continue  # sent by another worker
                sent.add(step.key)
                message = _message(deadline, step.stage)
                created = Notification.objects.bulk_create(
                    Notification(
                        user=user,
                        deadline=deadline,
                        alert=alert,
                        stage=step.stage,
                        message=message,
                        created_at=now,
                    )
                    for user in recipients(deadline, step.stage)
                )
                notification_ids.extend(n.pk for n in created if n.pk is not None)
            # The claim: only the scan that read this next_alert_at may advance it.
            claimed = Deadline.objects.filter(
                pk=deadline.pk, status=Status.OPEN, next_alert_at=deadline.next_alert_at
            ).update(next_alert_at=rules.next_alert_at(steps, sent, after=now))
            if not claimed:
                raise _LostClaim
            return notification_ids
    except _LostClaim:
        return []


def record_heartbeat(name: str, at: dt.datetime) -> None:
    if not Heartbeat.objects.filter(name=name).update(at=at):
        Heartbeat.objects.get_or_create(name=name, defaults={"at": at})


def send_due_alerts(*, now: dt.datetime) -> int:
    """Send every step due at ``now``. Cost follows what is due, not what is stored.

    One pass over what is due, in (next_alert_at, id) order with a cursor: a deadline that
    another worker holds is skipped and left to that worker, never read again by this scan
    (re-reading it until the other worker committed made a worker spin).
    """
    record_heartbeat(SCAN_HEARTBEAT, now)
    total = 0
    after: tuple[dt.datetime, int] | None = None
    while True:
        due = Deadline.objects.alert_due(now)
        if after is not None:
            due = due.filter(
                Q(next_alert_at__gt=after[0]) | Q(next_alert_at=after[0], pk__gt=after[1])
            )
        batch = list(
            due.order_by("next_alert_at", "pk").values_list("next_alert_at", "pk")[:SCAN_BATCH]
        )
        if not batch:
            return total
        for _, deadline_id in batch:
            notification_ids = _process(deadline_id, now)
            if notification_ids:
                total += len(notification_ids)
                _email_after_commit(notification_ids)
        if len(batch) < SCAN_BATCH:
            return total
        after = batch[-1]


def _email_after_commit(notification_ids: list[int]) -> None:
    transaction.on_commit(lambda: _enqueue_email(notification_ids))


def _enqueue_email(notification_ids: list[int]) -> bool:
    """Queue the email task. With the broker down (or restarted, its queue lost) the
    notifications stay in the database unsent, and enqueue_unsent_emails queues them again."""
    from deadlines.tasks import email_notifications

    try:
        email_notifications.delay(notification_ids)
    except Exception as exc:  # kombu raises OperationalError and friends; none may stop a scan
        log.warning(
            "broker unreachable, %d notification emails left for the sweep: %s",
            len(notification_ids),
            exc.__class__.__name__,
        )
        return False
    return True


# Older than this, an unsent notification is left in the inbox only (the email is stale).
EMAIL_GIVE_UP_AFTER = dt.timedelta(days=2)


def enqueue_unsent_emails(*, now: dt.datetime) -> int:
    """Queue again every notification email unsent DEADLINE_EMAIL_RETRY_SECONDS: its task was
    lost with a restarted broker or never reached it. Sending claims each notification with
    a conditional UPDATE, so a task queued twice still emails once. Returns how many."""
    ids = list(
        Notification.objects.filter(
            emailed_at=None,
            created_at__lte=now - dt.timedelta(seconds=settings.DEADLINE_EMAIL_RETRY_SECONDS),
            created_at__gte=now - EMAIL_GIVE_UP_AFTER,
        )
        .exclude(user__email="")
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:SCAN_BATCH]
    )
    if ids and _enqueue_email(ids):
        return len(ids)
    return 0


def email_notifications(notification_ids: list[int]) -> int:
    """Email each notification once. Returns count sent.

    Each is sent inside its own transaction holding the notification's row lock, and marked
    sent in that transaction: a worker killed mid-email rolls back and enqueue_unsent_emails
    queues it again (none lost), while a second task for the same notification skips the
    locked or already-sent row (none sent twice)."""
    from django.core.mail import send_mail

    sent = 0
    pending = Notification.objects.filter(pk__in=notification_ids, emailed_at=None)
    for pk in pending.exclude(user__email="").order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            locked = Notification.objects.filter(pk=pk, emailed_at=None)
            if connection.features.has_select_for_update_skip_locked:
                locked = locked.select_for_update(skip_locked=True, of=("self",))
            notification = locked.select_related("user", "deadline").first()
            if notification is None:
                continue  # sent, or being sent by another worker
            # Email leaves the force's systems: name the kind of deadline, never the person.
            deadline = notification.deadline
            summary = f"{Stage(notification.stage).label}: {deadline.get_kind_display()}"
            send_mail(
                subject=f"[{settings.PROTECTIVE_MARKING}] {settings.SERVICE_NAME}: {summary}"[:200],
                message=(
                    f"{summary}, due {local(deadline.due_at):%H:%M on %a %d %b %Y}.\n\n"
                    f"Open {settings.SERVICE_NAME} and see My work for the record."
                ),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[notification.user.email],
            )
            Notification.objects.filter(pk=pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def mark_read(*, user: User, notification_ids: Iterable[int], at: dt.datetime) -> int:
    return Notification.objects.filter(
        user=user, pk__in=list(notification_ids), read_at=None
    ).update(read_at=at)


@transaction.atomic
def hand_over_deadlines(*, from_user: User, to_user: User, by: User) -> int:
    """A leaver's open deadlines go to the officer taking over their work, one access-log
    row per deadline (the reminders then reach the new owner)."""
    deadlines = list(
        Deadline.objects.open()
        .filter(owner_user=from_user)
        .select_for_update(of=("self",))
        .select_related("offender")
        .order_by("pk")
    )
    for deadline in deadlines:
        deadline.owner_user = to_user
        deadline.save(update_fields=["owner_user"])
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=deadline.offender,
            target=deadline,
            detail={"handed_over_from": from_user.username, "to": to_user.username},
        )
    return len(deadlines)

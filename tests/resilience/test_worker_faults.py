"""Issue 20 item 2: Celery workers killed with SIGKILL mid-scan and mid-email, beat stopped
for ten minutes and restarted, two beats started by mistake. Real `celery worker` and
`celery beat` processes on a private Redis and the test database; the in-process proofs of
the same engine are in tests/deadlines/test_engine.py."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time

import psycopg
import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from deadlines import services
from deadlines.models import Deadline, DeadlineAlert, Heartbeat, Notification
from tests.factories import OffenderFactory, UserFactory, force
from tests.resilience.processes import (
    Celery,
    PrivateRedis,
    database_url,
    django,
    environment,
    mail_count,
    wait_for,
)

pytestmark = [pytest.mark.resilience, pytest.mark.django_db(transaction=True)]

BEAT_TICK = "from deadlines.tasks import scan_deadlines; scan_deadlines.delay(); print('queued')"
SMTP_PORT = 8106


@pytest.fixture
def redis(tmp_path, transactional_db):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def silent_mail_server():
    """Accepts SMTP connections and never answers: a mail relay that hangs."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", SMTP_PORT))
    server.listen()
    accepted: list[socket.socket] = []

    def accept():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield accepted
    server.close()
    for conn in accepted:
        conn.close()


def _overdue(officers, first_due):
    """One PACE review per officer, a minute apart from ``first_due``."""
    offender = OffenderFactory()
    return [
        services.open_deadline(
            kind="pace_review",
            title=f"PACE review {i}",
            force=force("suffolk"),
            offender=offender,
            due_at=first_due + dt.timedelta(minutes=i),
            escalate_at=first_due + dt.timedelta(days=1),
            owner_user=officer,
            as_of=timezone.now(),
        )
        for i, officer in enumerate(officers)
    ]


def _sergeants(n: int):
    return [
        UserFactory(roles=["custody_officer"], rank="sergeant", email=f"s{i}@police.example")
        for i in range(n)
    ]


def _exactly_once(deadlines) -> None:
    for deadline in deadlines:
        assert list(deadline.alerts.values_list("stage", flat=True)) == ["overdue"], deadline
    duplicates = Notification.objects.values("alert", "user").annotate(n=Count("id"))
    assert not duplicates.filter(n__gt=1)


def _waiting_on_a_lock(url: str) -> bool:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ).fetchone()
    return bool(row and row[0])


def test_workers_killed_mid_scan_and_mid_email_lose_and_duplicate_nothing(
    redis, tmp_path, silent_mail_server
):
    var = tmp_path / "var"
    env = environment(redis.url, var, DEADLINE_EMAIL_RETRY_SECONDS="1")
    officers = _sergeants(5)
    deadlines = _overdue(officers, timezone.now() - dt.timedelta(minutes=30))
    url = database_url()

    # Mid-scan: another transaction holds the third officer's row (an admin editing them),
    # so the scan's notification for the third deadline waits on it, two deadlines done;
    # the worker is killed while waiting.
    blocker = psycopg.connect(url)
    blocker.execute("SELECT 1 FROM accounts_user WHERE id = %s FOR UPDATE", (officers[2].pk,))
    first = Celery("worker", env, tmp_path / "worker1.log")
    assert django(BEAT_TICK, env).returncode == 0
    wait_for(lambda: _waiting_on_a_lock(url), 90, "the scan to reach the held deadline")
    first.kill()
    blocker.rollback()
    blocker.close()
    # Alerts and notifications read in one snapshot: the killed worker's backend may still
    # commit the third deadline (alert and notification together) between two reads.
    with transaction.atomic():
        connection.cursor().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        done = set(DeadlineAlert.objects.values_list("deadline", flat=True))
        notified = Notification.objects.count()
    # Committed per deadline, nothing half: the first two, and the third only if its backend
    # (which does not notice a dead client while it waits on a lock) committed once released.
    first_two = {deadlines[0].pk, deadlines[1].pk}
    assert first_two <= done <= first_two | {deadlines[2].pk}
    assert notified == len(done)

    # Mid-email: the next worker's mail relay hangs; it is killed while sending.
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SMTP_PORT),
        "EMAIL_TIMEOUT": "300",
    }
    second = Celery("worker", {**env, **smtp}, tmp_path / "worker2.log")
    wait_for(lambda: silent_mail_server, 90, "the worker to start sending an email")
    second.kill()
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 0

    # A healthy worker: beat ticks twice more; the scan sends the rest, the sweep the emails.
    third_worker = Celery("worker", env, tmp_path / "worker3.log")
    try:
        assert django(BEAT_TICK, env).returncode == 0
        wait_for(
            lambda: (
                DeadlineAlert.objects.count() == 5
                and not Notification.objects.filter(emailed_at=None).exists()
            ),
            120,
            "every step and email after the kills",
        )
        assert django(BEAT_TICK, env).returncode == 0
        time.sleep(3)
    finally:
        third_worker.stop()
    _exactly_once(Deadline.objects.all())
    assert Notification.objects.count() == 5
    assert mail_count(var) == 5
    print(
        f"\nSIGKILL mid-scan after {len(done)} of 5 deadlines and mid-email: 5 steps, 5 notifications, "
        f"{mail_count(var)} emails, each once"
    )


def test_beat_stopped_ten_minutes_catches_up_once_and_two_beats_send_each_step_once(
    redis, tmp_path
):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    var = tmp_path / "var"
    env = environment(redis.url, var, DEADLINE_EMAIL_RETRY_SECONDS="1")
    (officer,) = _sergeants(1)
    now = timezone.now()
    stopped_at = now - dt.timedelta(minutes=10)
    # Beat last ticked ten minutes ago; meanwhile one review fell due and was missed,
    # another fell due and was met in time (no reminder for it), a third was met early.
    services.record_heartbeat(services.SCAN_HEARTBEAT, stopped_at)
    missed, met_late, met_early = _overdue([officer] * 3, now - dt.timedelta(minutes=5))
    with transaction.atomic():
        services.meet_deadline(deadline=met_late, at=met_late.due_at)
        services.meet_deadline(deadline=met_early, at=stopped_at)
    # The schedule as beat left it: the scan's last run ten minutes ago.
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=60, period="seconds")
    PeriodicTask.objects.create(
        name="scan-deadlines",
        task="deadlines.tasks.scan_deadlines",
        interval=every_minute,
        last_run_at=stopped_at,
    )

    beats = [Celery("beat", env, tmp_path / f"beat{i}.log") for i in (1, 2)]
    workers = [Celery("worker", env, tmp_path / f"worker{i}.log") for i in (1, 2)]
    try:
        wait_for(
            lambda: (
                Heartbeat.objects.get(name=services.SCAN_HEARTBEAT).at > now
                and not Notification.objects.filter(emailed_at=None).exists()
                and Notification.objects.exists()
            ),
            120,
            "the catch-up scan and its email",
        )
        wait_for(
            lambda: all("Sending due task scan-deadlines" in b.text() for b in beats),
            90,
            "both beats' ticks",
        )
        time.sleep(3)
    finally:
        for process in beats + workers:
            process.stop()
    ticks = sum(w.text().count("scan_deadlines[") for w in workers) // 2  # received, succeeded
    assert ticks >= 2  # each beat's tick was run
    assert list(missed.alerts.values_list("stage", flat=True)) == ["overdue"]
    assert not met_late.alerts.exists() and not met_early.alerts.exists()
    _exactly_once([missed])
    assert mail_count(var) == 1
    print(f"\nbeat restarted after 10 min, two beats: {ticks} scan ticks, 1 step, 1 email")

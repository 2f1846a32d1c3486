"""Issue 20 item 1: the broker (Redis) goes down while custody, bail and IOM deadlines fall
due, then comes back empty (no persistence: the queued email tasks are lost with it).

Real processes on the test database: a private redis-server, the scan run as a worker runs
it (`manage.py shell`), and a Celery worker consuming the broker after recovery. The web
tier is this process's test client. Proven: pages read and write during the outage,
/healthz says the broker is down (200, "degraded"), and after recovery every step is in the
inbox once and emailed once; further scans send nothing more."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.conf import settings
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from config.celery import app
from deadlines import services
from deadlines.models import Deadline, DeadlineAlert, Notification
from tests.factories import UserFactory, force
from tests.offenders.factories import person
from tests.resilience.processes import (
    Celery,
    PrivateRedis,
    django,
    environment,
    mail_count,
    wait_for,
)

pytestmark = [pytest.mark.resilience, pytest.mark.django_db(transaction=True)]

SCAN = "from deadlines.tasks import scan_deadlines; print('sent', scan_deadlines())"
BEAT_TICK = "from deadlines.tasks import scan_deadlines; scan_deadlines.delay(); print('queued')"


@pytest.fixture
def redis(tmp_path, transactional_db):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def broker_is(redis, settings, monkeypatch):
    """Point this (web) process's Celery app at the private Redis, for /healthz (Celery
    prefers the CELERY_BROKER_URL environment variable, as CI sets it, to its conf)."""
    previous = app.conf.broker_url
    monkeypatch.setenv("CELERY_BROKER_URL", redis.url)
    settings.CELERY_BROKER_URL = redis.url
    app.conf.broker_url = redis.url
    yield redis
    app.conf.broker_url = previous


def _open(kind, title, offender, due_at, **owner):
    return services.open_deadline(
        kind=kind,
        title=title,
        force=force("suffolk"),
        offender=offender,
        due_at=due_at,
        warning_leads=[dt.timedelta(seconds=2)],
        escalate_at=due_at + dt.timedelta(seconds=2),
        as_of=timezone.now(),
        **owner,
    )


def test_a_broker_outage_loses_and_duplicates_nothing_and_pages_keep_working(broker_is, tmp_path):
    redis = broker_is
    var = tmp_path / "var"
    env = environment(redis.url, var, DEADLINE_EMAIL_RETRY_SECONDS="1")
    from accounts.models import Team

    sergeant = UserFactory(roles=["custody_officer"], rank="sergeant", email="sam@police.example")
    iom = UserFactory(roles=["iom_officer"], teams=["iom"], email="hannah@police.example")
    UserFactory(roles=["bail_management"], teams=["bail-management"], email="grace@police.example")
    UserFactory(
        roles=["supervisor"],
        rank="inspector",
        teams=["bail-management", "iom"],
        email="r@x.example",
    )
    someone = person("Amelia", "Hart")
    now = timezone.now()
    bail_team = Team.objects.get(force__code="suffolk", code="bail-management")

    # Before the outage: a custody review overdue, scanned; its email task waits in Redis.
    _open(
        "pace_review", "PACE review", someone, now - dt.timedelta(seconds=30), owner_user=sergeant
    )
    scanned = django(SCAN, env)
    assert scanned.returncode == 0, scanned.stderr
    before_outage = Notification.objects.count()
    assert before_outage == 2  # overdue to the sergeant, escalation to the supervisor

    # Redis stops (and will come back empty: the queued email is lost with it).
    redis.stop()
    outage_started = time.monotonic()
    soon = timezone.now() + dt.timedelta(seconds=3)
    _open("bail_period_end", "Bail period ends", someone, soon, owner_team=bail_team)
    _open("iom_review", "IOM review", someone, soon, owner_user=iom)
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 2.5)

    # Beat cannot queue its tick...
    tick = django(BEAT_TICK, env)
    assert tick.returncode != 0 and "queued" not in tick.stdout
    # ...but a worker already holding a scan task runs it: steps go to the inbox, the
    # emails stay unsent in the database (not lost), and the scan itself does not fail.
    scanned = django(SCAN, env)
    assert scanned.returncode == 0, scanned.stderr
    assert "broker unreachable" in scanned.stderr
    in_outage = Notification.objects.count()
    assert in_outage > before_outage
    # A fourth deadline falls due later in the outage, seen by no scan until recovery.
    late = _open(
        "rui_review",
        "RUI review",
        someone,
        timezone.now() + dt.timedelta(seconds=1),
        owner_user=sergeant,
    )
    time.sleep(3.5)

    # The web tier: /healthz says degraded (200), reads and writes work.
    started = time.monotonic()
    health = Client().get("/healthz")
    health_seconds = time.monotonic() - started
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["broker"] == {
        "ok": False,
        "transport": "redis",
        "error": health.json()["broker"]["error"],
    }
    web = Client()
    web.force_login(sergeant)
    assert web.get(f"/people/{someone.pk}/").status_code == 200
    assert web.get("/").status_code == 200
    edit = web.post(
        f"/people/{someone.pk}/edit/",
        {
            "first_name": "Amelia",
            "last_name": "Harte",
            "date_of_birth": someone.date_of_birth.strftime("%d/%m/%Y"),
            "gender": someone.gender,
            "pnc_id": someone.pnc_id,
            "ethnicity": someone.ethnicity or "NS",
            "officer_ethnicity": "IC0",
            "version": someone.version,
        },
    )
    assert edit.status_code == 302, edit.content.decode()[:2000]
    someone.refresh_from_db()
    assert someone.last_name == "Harte"
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 0

    # Recovery: Redis back (empty), a worker consuming, beat ticks again.
    redis.start()
    outage_seconds = time.monotonic() - outage_started
    worker = Celery("worker", env, tmp_path / "worker.log")
    try:
        assert django(BEAT_TICK, env).returncode == 0
        with_email = Notification.objects.exclude(user__email="")
        wait_for(
            lambda: (
                DeadlineAlert.objects.filter(deadline=late).exists()
                and not with_email.filter(emailed_at=None).exists()
            ),
            90,
            "the recovered scan and every email",
        )
        assert Client().get("/healthz").json()["broker"]["ok"] is True
        for _ in range(2):  # later ticks: nothing more
            assert django(BEAT_TICK, env).returncode == 0
        wait_for(lambda: worker.text().count("succeeded") >= 4, 60, "the later ticks")
    finally:
        worker.stop()

    # Every step due was sent once: catch-up sends the latest reminder and the escalation.
    now = timezone.now()
    for deadline in Deadline.objects.all():
        stages = list(deadline.alerts.values_list("stage", flat=True).order_by("stage"))
        expected = ["overdue"] + (["escalation"] if deadline.escalate_at <= now else [])
        assert sorted(stages) == sorted(expected), (deadline.kind, stages)
    assert not Notification.objects.values("alert", "user").annotate(n=Count("id")).filter(n__gt=1)
    assert mail_count(var) == with_email.count()  # each emailed once, none lost
    print(
        f"\nbroker outage {outage_seconds:.0f} s: {in_outage} notifications queued in the "
        f"database during it, {Notification.objects.count()} in all, {mail_count(var)} emails "
        f"after recovery; /healthz answered in {health_seconds:.2f} s while the broker was down"
    )
    assert redis.url == settings.CELERY_BROKER_URL

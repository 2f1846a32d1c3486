"""The queue path for real: a Celery worker consumes the scan task from the configured broker
(Redis in CI, the filesystem broker by default) and the notifications appear."""

import datetime as dt
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from config.celery import app
from deadlines import services
from deadlines.models import Notification
from deadlines.tasks import scan_deadlines
from tests.factories import OffenderFactory, UserFactory, force


@pytest.fixture
def real_queue():
    queue = f"desist-test-{uuid.uuid4().hex[:8]}"
    previous = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=20
        ):
            yield queue
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = previous


@pytest.mark.django_db(transaction=True)
def test_a_worker_consuming_the_broker_runs_the_scan_and_notifies(real_queue):
    officer = UserFactory(roles=["investigator"])
    services.open_deadline(
        kind="rui_review",
        title="RUI review",
        force=force(),
        offender=OffenderFactory(),
        due_at=timezone.now() - dt.timedelta(minutes=1),
        owner_user=officer,
    )
    result = scan_deadlines.delay()
    assert result.id  # sent through the broker, not run inline
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not Notification.objects.filter(user=officer).exists():
        time.sleep(0.2)
    assert list(Notification.objects.filter(user=officer).values_list("stage", flat=True)) == [
        "overdue"
    ]

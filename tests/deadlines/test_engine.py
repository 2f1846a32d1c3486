import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection

from deadlines import services
from deadlines.models import Deadline, DeadlineAlert, Notification, Status
from tests.factories import UserFactory, force

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
MIN = dt.timedelta(minutes=1)


def open_bail_deadline(offender, due_at, escalate_at=None, **kwargs):
    from accounts.models import Team

    kwargs.setdefault("owner_team", Team.objects.get(force__code="suffolk", code="bail-management"))
    return services.open_deadline(
        kind="bail_period_end",
        title="Bail period ends",
        force=force("suffolk"),
        offender=offender,
        due_at=due_at,
        warning_leads=[dt.timedelta(days=14), dt.timedelta(days=3)],
        escalate_at=escalate_at or due_at + dt.timedelta(days=1),
        as_of=kwargs.pop("as_of", NOW),
        **kwargs,
    )


def stages_for(user):
    return list(
        Notification.objects.filter(user=user)
        .order_by("created_at", "pk")
        .values_list("stage", flat=True)
    )


@pytest.mark.django_db
def test_it_warns_twice_then_reports_overdue_then_escalates(offender, bail_officer, supervisor):
    due = NOW + dt.timedelta(days=20)
    open_bail_deadline(offender, due)

    for at in [
        NOW,
        due - dt.timedelta(days=14),
        due - dt.timedelta(days=10),
        due - dt.timedelta(days=3),
        due,
        due + dt.timedelta(days=1),
    ]:
        services.send_due_alerts(now=at)

    assert stages_for(bail_officer) == ["warning", "warning", "overdue"]
    assert stages_for(supervisor) == [
        "warning",
        "warning",
        "overdue",
        "escalation",
    ]  # a bail-team member too
    assert Deadline.objects.get().next_alert_at is None


@pytest.mark.django_db
def test_escalation_goes_to_the_teams_supervisors_only(offender, bail_officer, supervisor):
    due = NOW
    open_bail_deadline(offender, due, escalate_at=due)
    services.send_due_alerts(now=due)
    assert Notification.objects.filter(stage="escalation").get().user == supervisor


@pytest.mark.django_db
def test_a_met_deadline_never_notifies(offender, bail_officer):
    deadline = open_bail_deadline(offender, NOW + dt.timedelta(days=1))
    services.meet_deadline(deadline=deadline, at=NOW)
    for days in range(5):
        services.send_due_alerts(now=NOW + dt.timedelta(days=days))
    assert Notification.objects.count() == 0
    assert Deadline.objects.get().status == Status.MET


@pytest.mark.django_db
def test_a_deadline_met_after_it_was_due_is_recorded_as_missed(offender):
    deadline = open_bail_deadline(offender, NOW)
    assert services.meet_deadline(deadline=deadline, at=NOW + MIN).status == Status.MISSED


@pytest.mark.django_db
def test_a_deadline_moved_after_its_warning_is_warned_again_and_never_overdue_at_the_old_time(
    offender, bail_officer
):
    due = NOW + dt.timedelta(days=2)
    deadline = open_bail_deadline(offender, due)
    services.send_due_alerts(now=NOW)
    assert stages_for(bail_officer) == ["warning"]

    new_due = due + dt.timedelta(days=90)
    services.move_deadline(
        deadline=deadline, due_at=new_due, escalate_at=new_due + dt.timedelta(days=1)
    )
    services.send_due_alerts(now=due)  # the old due time: nothing
    assert stages_for(bail_officer) == ["warning"]

    services.send_due_alerts(now=new_due - dt.timedelta(days=14))
    services.send_due_alerts(now=new_due)
    assert stages_for(bail_officer) == ["warning", "warning", "overdue"]


@pytest.mark.django_db
def test_running_the_scan_twice_at_the_same_time_sends_nothing_twice(offender, bail_officer):
    open_bail_deadline(offender, NOW)
    services.send_due_alerts(now=NOW)
    services.send_due_alerts(now=NOW)
    assert DeadlineAlert.objects.count() == 1
    assert stages_for(bail_officer) == ["overdue"]


@pytest.mark.django_db
def test_a_scan_that_dies_mid_deadline_leaves_the_step_for_the_next_scan(
    offender, bail_officer, monkeypatch
):
    open_bail_deadline(offender, NOW)
    real = services.recipients
    calls = {"n": 0}

    def dying(deadline, stage):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("worker killed")
        return real(deadline, stage)

    monkeypatch.setattr(services, "recipients", dying)
    with pytest.raises(RuntimeError):
        services.send_due_alerts(now=NOW)
    assert DeadlineAlert.objects.count() == 0  # rolled back with the notifications

    services.send_due_alerts(now=NOW + MIN)
    assert stages_for(bail_officer) == ["overdue"]


@pytest.mark.django_db
def test_notifications_are_emailed_once_after_commit(
    offender, bail_officer, django_capture_on_commit_callbacks
):
    open_bail_deadline(offender, NOW)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_due_alerts(now=NOW)
    assert [m.to for m in mail.outbox] == [[bail_officer.email]]
    assert (
        offender.last_name not in mail.outbox[0].subject + mail.outbox[0].body
    )  # no personal data
    services.email_notifications(list(Notification.objects.values_list("pk", flat=True)))
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_scan_costs_the_same_however_many_deadlines_are_stored(
    offender, bail_officer, django_assert_max_num_queries
):
    for i in range(300):
        open_bail_deadline(offender, NOW + dt.timedelta(days=30 + i))
    services.send_due_alerts(now=NOW - MIN)  # the first tick creates the heartbeat row
    with django_assert_max_num_queries(2):
        services.send_due_alerts(now=NOW)  # heartbeat + one indexed read of what is due


@pytest.mark.django_db
def test_times_in_messages_are_london_wall_times_across_the_clock_change(offender, bail_officer):
    # 00:30 UTC on Sun 25 Oct 2026 is 01:30 BST; an hour later (01:30 UTC) is 01:30 GMT.
    booked = dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)
    due = booked + dt.timedelta(minutes=60)
    services.open_deadline(
        kind="golden_hour_call",
        title="Golden Hour call",
        force=force("suffolk"),
        offender=offender,
        due_at=due,
        warning_leads=[dt.timedelta(minutes=15)],
        owner_user=bail_officer,
        as_of=booked,
    )
    services.send_due_alerts(now=booked + dt.timedelta(minutes=45))
    warning = Notification.objects.get()
    assert warning.created_at == dt.datetime(2026, 10, 25, 1, 15, tzinfo=dt.UTC)
    assert "01:30 on Sun 25 Oct 2026" in warning.message


@pytest.mark.django_db
def test_a_deadline_only_for_an_officer_goes_to_that_officer(offender, bail_officer, investigator):
    services.open_deadline(
        kind="rui_review",
        title="RUI review",
        force=force("suffolk"),
        offender=offender,
        due_at=NOW,
        owner_user=investigator,
        as_of=NOW,
    )
    services.send_due_alerts(now=NOW)
    assert stages_for(investigator) == ["overdue"]
    assert stages_for(bail_officer) == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_scanning_at_once_send_each_step_exactly_once(offender):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent scans need PostgreSQL row locks; SQLite serialises writers")
    team_members = [UserFactory(teams=["bail-management"]) for _ in range(3)]
    for i in range(60):
        open_bail_deadline(offender, NOW - dt.timedelta(minutes=i))

    barrier = threading.Barrier(2)
    errors = []

    def scan():
        try:
            barrier.wait()
            services.send_due_alerts(now=NOW)
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert DeadlineAlert.objects.filter(stage="overdue").count() == 60
    for member in team_members:
        assert Notification.objects.filter(user=member, stage="overdue").count() == 60


@pytest.mark.django_db
def test_a_scan_leaves_deadlines_another_worker_holds_and_does_not_spin_on_them(
    offender, bail_officer, monkeypatch
):
    """The first batch is all held by another worker (its rows locked: skip_locked finds
    nothing). The scan moves past them to what is behind, reads each batch once, and stops."""
    monkeypatch.setattr(services, "SCAN_BATCH", 3)
    held = [open_bail_deadline(offender, NOW - dt.timedelta(hours=5, minutes=i)) for i in range(3)]
    free = [open_bail_deadline(offender, NOW - dt.timedelta(minutes=i)) for i in range(4)]
    held_ids = {d.pk for d in held}
    batch_reads = []

    def another_worker_holds(execute, sql, params, many, context):
        # The per-deadline read (LIMIT 1, by id) of a held row answers nothing, as
        # SELECT ... FOR UPDATE SKIP LOCKED does on PostgreSQL while the other worker works.
        if 'FROM "deadlines_deadline"' in sql and "ORDER BY" in sql:
            if "LIMIT 1" in sql and params and set(params) & held_ids:
                params = tuple(-1 if p in held_ids else p for p in params)
            elif "LIMIT 1" not in sql:
                batch_reads.append(sql)
                assert len(batch_reads) < 10, "the scan keeps re-reading the held deadlines"
        return execute(sql, params, many, context)

    with connection.execute_wrapper(another_worker_holds):
        services.send_due_alerts(now=NOW)

    assert len(batch_reads) == 3  # held batch, free batch of 3, last free one
    notified = set(
        Notification.objects.filter(user=bail_officer).values_list("deadline", flat=True)
    )
    assert notified == {d.pk for d in free}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("recorded_after_due", "alerts"),
    [
        (dt.timedelta(hours=2), ["overdue"]),  # a late book-in: still acted on
        (dt.timedelta(days=2), []),  # back-recorded: listed as recorded late, no reminders
        (dt.timedelta(days=365 * 30), []),  # the 1990 review
    ],
)
def test_a_deadline_long_past_when_recorded_sends_nothing(
    offender, bail_officer, recorded_after_due, alerts
):
    deadline = services.open_deadline(
        kind="iom_review",
        title="IOM review",
        force=force("suffolk"),
        offender=offender,
        due_at=NOW - recorded_after_due,
        owner_user=bail_officer,
        as_of=NOW,
    )
    services.send_due_alerts(now=NOW + dt.timedelta(days=30))
    assert stages_for(bail_officer) == alerts
    assert (deadline.next_alert_at is None) is (not alerts)


@pytest.mark.django_db
def test_with_the_broker_down_the_scan_goes_on_and_the_emails_wait_in_the_database(
    offender, bail_officer, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from deadlines import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    open_bail_deadline(offender, NOW)
    monkeypatch.setattr(tasks.email_notifications, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.send_due_alerts(now=NOW)  # does not raise
    assert len(callbacks) == 1
    assert stages_for(bail_officer) == ["overdue"]
    assert services.enqueue_unsent_emails(now=NOW + dt.timedelta(minutes=5)) == 0  # still down
    monkeypatch.undo()

    assert services.enqueue_unsent_emails(now=NOW + MIN) == 0  # not yet due for a retry
    later = NOW + dt.timedelta(minutes=5)
    assert services.enqueue_unsent_emails(now=later) == 1  # eager in tests: sent now
    assert services.enqueue_unsent_emails(now=later) == 0
    assert [m.to for m in mail.outbox] == [[bail_officer.email]]

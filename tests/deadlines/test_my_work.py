"""My work: notifications paginated, each linked to its record, marked read one by one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from deadlines import services
from deadlines.models import DeadlineAlert, Notification, Stage
from tests.factories import OffenderFactory, UserFactory


def notify(user, count: int) -> list[Notification]:
    person = OffenderFactory(first_name="Nora", last_name="Tified")
    made = []
    for number in range(count):
        deadline = services.open_deadline(
            kind="iom_review",
            title=f"Review {number}",
            force=person.force,
            due_at=timezone.now() + dt.timedelta(days=number + 1),
            offender=person,
        )
        alert = DeadlineAlert.objects.create(
            deadline=deadline, stage=Stage.WARNING, due_at=deadline.due_at, lead_seconds=number
        )
        made.append(
            Notification.objects.create(
                user=user,
                deadline=deadline,
                alert=alert,
                stage=Stage.WARNING,
                message=f"Review {number} due soon",
                created_at=timezone.now() - dt.timedelta(minutes=number),
            )
        )
    return made


@pytest.mark.django_db
def test_notifications_are_paginated_and_each_links_to_its_record(client):
    officer = UserFactory(roles=["iom_officer"])
    made = notify(officer, 30)
    client.force_login(officer)
    first = client.get("/").content.decode()
    assert first.count("due soon</a>") == 25
    assert f'href="/people/{made[0].deadline.offender_id}/">Review 0 due soon</a>' in first
    assert "Showing 1 to 25 of 30" in first
    second = client.get("/", {"page": "2"}).content.decode()
    assert second.count("due soon</a>") == 5
    assert "Review 29 due soon" in second and "Review 0 due soon" not in second


@pytest.mark.django_db
def test_a_notification_is_marked_read_on_its_own(client):
    officer = UserFactory(roles=["iom_officer"])
    one, other = notify(officer, 2)
    client.force_login(officer)
    response = client.post(f"/notifications/{one.pk}/read/", {"page": "1"})
    assert response.status_code == 302 and response["Location"] == "/?page=1"
    one.refresh_from_db()
    other.refresh_from_db()
    assert one.read_at is not None and other.read_at is None


@pytest.mark.django_db
def test_nobody_marks_another_persons_notification(client):
    owner, stranger = UserFactory(roles=["iom_officer"]), UserFactory(roles=["iom_officer"])
    (mine,) = notify(owner, 1)
    client.force_login(stranger)
    assert client.post(f"/notifications/{mine.pk}/read/").status_code == 404
    assert client.get(f"/notifications/{mine.pk}/read/").status_code == 405
    mine.refresh_from_db()
    assert mine.read_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
def test_my_work_costs_the_same_however_many_notifications(
    client, count, django_assert_max_num_queries
):
    officer = UserFactory(roles=["iom_officer"])
    notify(officer, count)
    client.force_login(officer)
    with django_assert_max_num_queries(16):
        assert client.get("/").status_code == 200

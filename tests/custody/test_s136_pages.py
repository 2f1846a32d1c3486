"""The s.136 record page: extend under s.136B and end, through the page as a sergeant would."""

import datetime as dt

import pytest
from django.utils import timezone

from custody import services
from deadlines.models import Deadline
from tests.factories import OffenderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def health_based(custody_sergeant):
    started = timezone.now() - dt.timedelta(hours=20)
    return services.record_s136(
        offender=OffenderFactory(),
        place="health_based",
        started_at=started,
        decided_by_name="PC Reed",
        decided_by_rank="constable",
        by=custody_sergeant,
    )


def wall(instant):
    return timezone.localtime(instant).strftime("%Y-%m-%dT%H:%M")


def test_a_sergeant_extends_a_s136_detention_and_the_reminder_moves(
    client, custody_sergeant, health_based
):
    client.force_login(custody_sergeant)
    assert client.get(f"/custody/s136/{health_based.pk}/").status_code == 200
    until = health_based.started_at + dt.timedelta(hours=30)
    response = client.post(
        f"/custody/s136/{health_based.pk}/",
        {
            "extend": "1",
            "extend-authorised_at": wall(timezone.now()),
            "extend-until": wall(until),
            "extend-extended_by_name": "Dr Osei",
            "extend-by_registered_medical_practitioner": "on",
            "extend-condition_prevents_assessment": "on",
        },
    )
    assert response.status_code == 302
    health_based.refresh_from_db()
    assert health_based.extended_until is not None
    deadline = Deadline.objects.get(kind="mha_136_limit", object_id=health_based.pk)
    assert deadline.due_at == health_based.limit_at


def test_an_extension_beyond_twelve_hours_is_refused_on_the_page_and_nothing_changes(
    client, custody_sergeant, health_based
):
    client.force_login(custody_sergeant)
    response = client.post(
        f"/custody/s136/{health_based.pk}/",
        {
            "extend": "1",
            "extend-authorised_at": wall(timezone.now()),
            "extend-until": wall(health_based.started_at + dt.timedelta(hours=40)),
            "extend-extended_by_name": "Dr Osei",
            "extend-by_registered_medical_practitioner": "on",
            "extend-condition_prevents_assessment": "on",
        },
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    health_based.refresh_from_db()
    assert health_based.extended_until is None


def test_ending_a_s136_detention_closes_its_clock(client, custody_sergeant, health_based):
    client.force_login(custody_sergeant)
    response = client.post(
        f"/custody/s136/{health_based.pk}/",
        {
            "end": "1",
            "end-ended_at": wall(timezone.now()),
            "end-outcome": "Admitted under s.2",
        },
    )
    assert response.status_code == 302
    health_based.refresh_from_db()
    assert health_based.end_outcome == "Admitted under s.2"
    assert not Deadline.objects.filter(
        kind="mha_136_limit", object_id=health_based.pk, status="open"
    ).exists()


def test_an_investigator_may_read_but_not_extend(client, investigator, health_based):
    client.force_login(investigator)
    assert client.get(f"/custody/s136/{health_based.pk}/").status_code == 200
    assert client.post(f"/custody/s136/{health_based.pk}/", {"end": "1"}).status_code == 403

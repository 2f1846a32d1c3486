"""What the panel report asks custody to record (issue 18): Children Act 1989 s.46 police
protection and remanded detainees' transport to court with the cause of any delay; each is a
form on the detention and a figure on the custody dashboard that lists its detentions."""

from __future__ import annotations

import datetime as dt

import pytest

from custody.forms import wall_clock
from custody.models import CourtTransport, PoliceProtection
from tests.custody.conftest import book

H = dt.timedelta(hours=1)


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


@pytest.mark.django_db
def test_a_child_in_police_protection_is_recorded_on_the_detention(
    signed_in, martlesham, officer, child, now
):
    detention = book(child, martlesham, officer, arrived_at=now - 2 * H)
    page = signed_in.get(f"/custody/detentions/{detention.pk}/").content.decode()
    assert "Police protection: Children Act 1989 s.46" in page
    response = signed_in.post(
        f"/custody/detentions/{detention.pk}/police-protection/",
        {"protection-started_at": wall_clock(now - 3 * H), "protection-notes": "Found alone"},
    )
    assert response.status_code == 302
    assert PoliceProtection.objects.get().detention == detention


@pytest.mark.django_db
def test_police_protection_is_refused_for_an_adult(signed_in, martlesham, officer, offender, now):
    detention = book(offender, martlesham, officer, arrived_at=now - 2 * H)
    response = signed_in.post(
        f"/custody/detentions/{detention.pk}/police-protection/",
        {"protection-started_at": wall_clock(now - H)},
    )
    assert response.status_code == 400
    assert "is for children" in response.content.decode()
    assert not PoliceProtection.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("left_after_due", "cause", "error"),
    [
        (H, "", "Choose the cause of the delay."),
        (-H / 2, "transport_not_available", "The detainee left on time: leave the cause empty."),
        (H, "teleporter_broken", "Select a valid choice"),
    ],
)
def test_court_transport_needs_a_cause_exactly_when_it_was_late(
    signed_in, martlesham, officer, offender, now, left_after_due, cause, error
):
    detention = book(offender, martlesham, officer, arrived_at=now - 6 * H)
    response = signed_in.post(
        f"/custody/detentions/{detention.pk}/court-transport/",
        {
            "court-due_at": wall_clock(now - 2 * H),
            "court-left_at": wall_clock(now - 2 * H + left_after_due),
            "court-delay_cause": cause,
        },
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not CourtTransport.objects.exists()


@pytest.mark.django_db
def test_a_late_transport_counts_on_the_dashboard_and_lists_its_detention(
    signed_in, client, martlesham, officer, offender, now
):
    detention = book(offender, martlesham, officer, arrived_at=now - 6 * H)
    response = signed_in.post(
        f"/custody/detentions/{detention.pk}/court-transport/",
        {
            "court-due_at": wall_clock(now - 3 * H),
            "court-left_at": wall_clock(now - H),
            "court-delay_cause": "no_court_capacity",
        },
    )
    assert response.status_code == 302
    assert CourtTransport.objects.get().delay == 2 * H
    listed = signed_in.get("/custody/detentions/", {"has": "court_delay_no_court_capacity"})
    assert [d.pk for d in listed.context["detentions"]] == [detention.pk]
    assert (
        signed_in.get("/custody/detentions/", {"has": "court_delay_other"}).context["detentions"]
        == []
    )
    assert (
        signed_in.get("/custody/detentions/", {"has": "court_delay_nonsense"}).context["detentions"]
        == []
    )

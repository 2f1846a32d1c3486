"""Public-protection API (API.md "Public protection")."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from rest_framework.test import APIClient

from audit.models import AccessEvent
from deadlines.models import Deadline, Kind, Status
from tests.factories import OffenderFactory, UserFactory, force

RSO = "/api/v1/public-protection/rso/"
ORDERS = "/api/v1/public-protection/orders/"
MAPPA = "/api/v1/public-protection/mappa/"
SUMMARY = "/api/v1/public-protection/summary/"
NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def api():
    return APIClient()


def register(api, offender, **extra):
    body = {
        "offender": offender.pk,
        "relevant_date": "2026-11-02",
        "disposal": "imprisonment",
        "sentence_months": 12,
        **extra,
    }
    return api.post(RSO, body, format="json")


@pytest.mark.django_db
def test_a_ppu_officer_registers_a_person_and_the_law_sets_the_dates(api, ppu_officer, offender):
    api.force_authenticate(ppu_officer)
    response = register(api, offender)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["notification_period"] == "P10Y"
    assert body["notification_ends_on"] == "2036-11-01"
    assert body["under_18_at_relevant_date"] is False
    assert body["initial_notification_due"] == "2026-11-04"
    assert body["status"] == "in_community"
    assert body["version"] == 1
    assert body["notifications_due"] == [{"kind": "initial", "due_on": "2026-11-04"}]
    assert Deadline.objects.get(kind=Kind.RSO_NOTIFICATION).status == Status.OPEN


@pytest.mark.django_db
def test_a_youth_in_custody_gets_half_the_period_and_three_days_from_release(api, ppu_officer):
    youth = OffenderFactory(date_of_birth=dt.date(2010, 1, 1))
    api.force_authenticate(ppu_officer)
    body = register(api, youth, sentence_months=6, in_custody_until="2027-02-27").json()
    assert body["notification_period"] == "P3Y6M"
    assert body["under_18_at_relevant_date"] is True
    assert body["initial_notification_due"] == "2027-03-01"
    assert body["status"] == "in_custody"


@pytest.mark.django_db
def test_it_refuses_imprisonment_without_a_sentence_naming_the_rule(api, ppu_officer, offender):
    api.force_authenticate(ppu_officer)
    response = register(api, offender, sentence_months=None)
    assert response.status_code == 400
    assert "s.82" in response.json()["sentence_months"][0]


@pytest.mark.django_db
def test_notifications_move_the_clocks(api, ppu_officer, offender):
    api.force_authenticate(ppu_officer)
    reg = register(api, offender).json()
    url = f"{RSO}{reg['id']}/notifications/"
    body = api.post(url, {"kind": "initial", "notified_on": "2026-11-03"}, format="json").json()
    assert body["next_periodic_due"] == "2027-11-02"
    assert body["notifications_due"] == [{"kind": "periodic", "due_on": "2027-11-02"}]
    assert Deadline.objects.filter(kind=Kind.RSO_NOTIFICATION, status=Status.MET).count() == 1
    moved = api.post(
        url,
        {
            "kind": "change_of_address",
            "notified_on": "2026-11-10",
            "changed_on": "2026-11-09",
            "address": {"line1": "1 High Street", "town": "Ipswich", "postcode": "IP1 1AA"},
        },
        format="json",
    ).json()
    assert moved["next_periodic_due"] == "2027-11-09"
    assert offender.addresses.current().get().postcode == "IP1 1AA"
    travel = api.post(
        url,
        {"kind": "foreign_travel", "notified_on": "2026-11-19", "departs_on": "2026-11-22"},
        format="json",
    )
    assert travel.status_code == 201
    assert offender.rso_registrations.get().notifications.get(kind="foreign_travel").late


@pytest.mark.django_db
def test_a_stale_version_is_a_409(api, ppu_officer, offender):
    api.force_authenticate(ppu_officer)
    reg = register(api, offender).json()
    url = f"{RSO}{reg['id']}/risk/"
    ok = api.post(url, {"level": "high", "assessed_on": "2026-11-05", "version": 1}, format="json")
    assert ok.status_code == 201
    assert ok.json()["next_visit_due"] == "2027-02-05"
    stale = api.post(
        url, {"level": "low", "assessed_on": "2026-11-06", "version": 1}, format="json"
    )
    assert stale.status_code == 409


@pytest.mark.django_db
def test_visits_and_overdue(api, ppu_officer, offender):
    api.force_authenticate(ppu_officer)
    reg = register(api, offender, relevant_date="2026-01-05").json()
    api.post(
        f"{RSO}{reg['id']}/risk/",
        {"level": "very_high", "assessed_on": "2026-01-10"},
        format="json",
    )
    body = api.get(f"{RSO}{reg['id']}/").json()
    assert body["visits_overdue"] is True
    body = api.post(
        f"{RSO}{reg['id']}/visits/", {"visited_on": "2026-11-19", "outcome": "seen"}, format="json"
    ).json()
    assert body["next_visit_due"] == "2026-12-19"
    assert body["visits_overdue"] is False


@pytest.mark.django_db
def test_an_indefinite_requirement_gets_its_review_qualifying_date(api, ppu_officer, offender):
    api.force_authenticate(ppu_officer)
    reg = register(api, offender, life_or_ipp=True, sentence_months=None).json()
    assert reg["notification_period"] == "indefinite"
    assert reg["notification_ends_on"] is None
    body = api.post(
        f"{RSO}{reg['id']}/first-notification-after-release/", {"on": "2026-11-03"}, format="json"
    ).json()
    assert body["review_qualifying_date"] == "2041-11-03"
    assert Deadline.objects.filter(kind=Kind.RSO_REVIEW_QUALIFYING).exists()


@pytest.mark.parametrize(
    ("order", "status", "field"),
    [
        ({"kind": "shpo", "made_on": "2026-11-01", "until_further_order": True}, 201, None),
        ({"kind": "shpo", "made_on": "2026-11-01", "ends_on": "2028-11-01"}, 400, "ends_on"),
        ({"kind": "dvpo", "made_on": "2026-11-01", "ends_on": "2026-12-01"}, 400, "ends_on"),
        ({"kind": "dvpo", "made_on": "2026-11-01", "ends_on": "2026-11-20"}, 201, None),
        (
            {
                "kind": "shpo",
                "made_on": "2026-11-01",
                "until_further_order": True,
                "foreign_travel_prohibition_until": "2032-01-01",
            },
            400,
            "foreign_travel_prohibition_until",
        ),
    ],
)
@pytest.mark.django_db
def test_orders_follow_the_law(api, ppu_officer, offender, order, status, field):
    api.force_authenticate(ppu_officer)
    response = api.post(
        ORDERS,
        {"offender": offender.pk, "prohibitions": ["No contact with children"], **order},
        format="json",
    )
    assert response.status_code == status, response.json()
    if field:
        assert field in response.json()


@pytest.mark.django_db
def test_mappa_meetings_set_the_next_review(api, mappa_coordinator, offender):
    api.force_authenticate(mappa_coordinator)
    response = api.post(
        MAPPA,
        {
            "offender": offender.pk,
            "category": 2,
            "level": 2,
            "area": "south",
            "lead_agency": "probation",
            "from_date": "2026-10-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    case = response.json()
    assert case["next_review_due"] == "2027-01-21"
    body = api.post(
        f"{MAPPA}{case['id']}/meetings/",
        {"held_on": "2026-11-02", "level": 3, "actions": "Review"},
        format="json",
    ).json()
    assert body["level"] == 3
    assert body["next_review_due"] == "2026-12-28"
    ended = api.post(
        f"{MAPPA}{case['id']}/end/",
        {"ended_on": "2026-11-10", "reason": "licence_ended"},
        format="json",
    ).json()
    assert ended["ended_on"] == "2026-11-10"
    assert not Deadline.objects.filter(kind=Kind.MAPPA_REVIEW, status=Status.OPEN).exists()


@pytest.mark.django_db
def test_the_summary_counts_what_the_unit_manages(api, ppu_officer, supervisor, offender):
    api.force_authenticate(ppu_officer)
    register(api, offender)
    register(api, OffenderFactory(), in_custody_until="2027-06-01")
    api.post(
        ORDERS,
        {
            "offender": offender.pk,
            "kind": "shpo",
            "made_on": "2026-11-01",
            "until_further_order": True,
        },
        format="json",
    )
    api.force_authenticate(supervisor)
    body = api.get(SUMMARY).json()
    assert body["rso_in_community"] == 1
    assert body["rso_in_custody"] == 1
    assert body["orders_made_by_month"]["2026-11"]["shpo"] == 1
    assert body["notifications_overdue"] == 1  # the first one's initial notification


@pytest.mark.parametrize(
    "role", ["custody_officer", "investigator", "iom_officer", "analyst", "dapu_officer"]
)
@pytest.mark.django_db
def test_everyone_else_gets_404(api, ppu_officer, offender, role):
    api.force_authenticate(ppu_officer)
    reg = register(api, offender).json()
    api.force_authenticate(UserFactory(username=f"x-{role}", roles=[role]))
    for url in (RSO, f"{RSO}{reg['id']}/", ORDERS, MAPPA, SUMMARY):
        assert api.get(url).status_code == 404, url
    assert register(api, offender).status_code == 404


@pytest.mark.django_db
def test_another_force_cannot_see_the_record(api, ppu_officer, offender):
    api.force_authenticate(ppu_officer)
    reg = register(api, offender).json()
    api.force_authenticate(
        UserFactory(username="norfolk.ppu", roles=["ppu_officer"], force=force("norfolk"))
    )
    assert api.get(f"{RSO}{reg['id']}/").status_code == 404
    assert AccessEvent.objects.filter(user__username="norfolk.ppu").count() == 0

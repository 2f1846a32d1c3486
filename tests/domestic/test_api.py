"""Domestic-abuse API (API.md "Domestic abuse")."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from audit.models import AccessEvent
from deadlines.models import Deadline, Kind, Status
from domestic.models import ProgrammeEntry
from protection.models import ProtectiveOrder
from tests.factories import OffenderFactory

NOTICES = "/api/v1/domestic-abuse/notices/"
PROGRAMME = "/api/v1/domestic-abuse/programme/"
FUNNEL = "/api/v1/domestic-abuse/programme/funnel/"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def api():
    return APIClient()


def give(api, offender, **extra):
    body = {
        "offender": offender.pk,
        "kind": "dapn",
        "given_at": "2025-01-10T18:00:00",
        "authorised_by": {"name": "Insp. Ola Reed", "rank": "inspector"},
        "victim_age": 34,
        "conditions": ["Not to enter 4 Mill Lane"],
        **extra,
    }
    return api.post(NOTICES, body, format="json")


def test_a_dapn_given_on_a_friday_evening_is_heard_by_monday(api, dapu_officer, offender):
    api.force_authenticate(dapu_officer)
    response = give(api, offender)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["hearing_due_by"] == "2025-01-13T18:00:00Z"
    deadline = Deadline.objects.get(kind=Kind.DVPN_HEARING)
    # Recorded long after: listed late, no alerts (the deadline is still there to meet).
    assert deadline.offender == offender


def test_a_dvpn_authorised_by_an_inspector_is_a_400_naming_the_rule(api, dapu_officer, offender):
    api.force_authenticate(dapu_officer)
    response = give(
        api, offender, kind="dvpn", authorised_by={"name": "Insp. Reed", "rank": "inspector"}
    )
    assert response.status_code == 400
    assert "Crime and Security Act 2010 s.24" in response.json()["authorised_by"][0]


def test_a_dapn_for_a_victim_under_16_is_refused(api, dapu_officer, offender):
    api.force_authenticate(dapu_officer)
    response = give(api, offender, victim_age=15)
    assert response.status_code == 400
    assert "victim_age" in response.json()


def test_a_dvpo_made_at_the_hearing_is_on_the_shared_order_record(api, dapu_officer, offender):
    api.force_authenticate(dapu_officer)
    notice = give(
        api, offender, kind="dvpn", authorised_by={"name": "Supt. Kay", "rank": "superintendent"}
    ).json()
    url = f"{NOTICES}{notice['id']}/hearing/"
    too_long = api.post(
        url,
        {"heard_at": "2025-01-13T10:00:00", "result": "order_made", "ends_on": "2025-02-10"},
        format="json",
    )
    assert too_long.status_code == 400
    assert "at most 28 days" in too_long.json()["ends_on"][0]
    response = api.post(
        url,
        {"heard_at": "2025-01-13T10:00:00", "result": "order_made", "ends_on": "2025-02-09"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    order = ProtectiveOrder.objects.get(pk=response.json()["order"])
    assert order.kind == "dvpo"
    assert order.offender == offender
    assert order.prohibitions == ["Not to enter 4 Mill Lane"]
    assert Deadline.objects.get(kind=Kind.DVPN_HEARING).status == Status.MET
    again = api.post(url, {"heard_at": "2025-01-13T11:00:00", "result": "refused"}, format="json")
    assert again.status_code == 400


def test_a_dapo_with_monitoring_over_12_months_is_refused(api, dapu_officer, offender):
    api.force_authenticate(dapu_officer)
    notice = give(api, offender).json()
    response = api.post(
        f"{NOTICES}{notice['id']}/hearing/",
        {
            "heard_at": "2025-01-13T10:00:00",
            "result": "order_made",
            "until_further_order": True,
            "electronic_monitoring_until": "2026-01-14",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "12 months" in response.json()["electronic_monitoring_until"][0]


@pytest.mark.parametrize("persona", ["investigator", "ppu_officer", "analyst", "no_access"])
def test_everyone_outside_dapu_gets_404_for_records(api, request, persona, offender):
    api.force_authenticate(request.getfixturevalue(persona))
    assert api.get(NOTICES).status_code == 404
    assert give(api, offender).status_code == 404
    assert api.get(PROGRAMME).status_code == 404


def test_a_supervisor_sees_dapu_records(api, supervisor, dapu_officer, offender):
    api.force_authenticate(dapu_officer)
    give(api, offender)
    api.force_authenticate(supervisor)
    assert api.get(NOTICES).json()["count"] == 1


def test_an_analyst_sees_the_funnel_without_names(api, analyst):
    api.force_authenticate(analyst)
    response = api.get(FUNNEL, {"to": "2026-11-01"})
    assert response.status_code == 200
    assert response.json()["total_on_list"] == 0
    assert "results" not in response.json()


def test_an_investigator_may_not_read_the_funnel(api, investigator):
    api.force_authenticate(investigator)
    assert api.get(FUNNEL).status_code == 403


def test_a_bad_funnel_date_is_a_400(api, dapu_officer):
    api.force_authenticate(dapu_officer)
    assert api.get(FUNNEL, {"to": "31/07/2022"}).json() == {
        "to": ["Enter a real date, like 2026-03-31."]
    }


def test_a_person_goes_from_referral_to_completion(api, dapu_officer, offender):
    api.force_authenticate(dapu_officer)
    created = api.post(
        PROGRAMME, {"offender": offender.pk, "source": "referral", "started_on": "2026-01-05"}
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["stage"] == "to_be_scored"
    assert Deadline.objects.get(kind=Kind.DAPU_REVIEW).status == Status.OPEN

    def move(stage, on):
        return api.post(f"{PROGRAMME}{pk}/stage/", {"stage": stage, "on": on, "note": "n"})

    unscored = move("suitable", "2026-01-10")
    assert unscored.status_code == 400
    assert "Score the person" in unscored.json()["stage"][0]
    scored = api.post(
        f"{PROGRAMME}{pk}/score/",
        {"recency": 1, "frequency": 4, "gravity": 12, "scored_on": "2026-01-08"},
    )
    assert scored.status_code == 201
    assert scored.json()["score"] == 21.0
    assert move("active", "2026-01-10").status_code == 400
    steps = [
        ("suitable", "2026-01-10"),
        ("to_approach", "2026-01-20"),
        ("approached", "2026-02-01"),
        ("interested", "2026-02-03"),
        ("awaiting_sign_up", "2026-02-10"),
        ("active", "2026-02-17"),
    ]
    for stage, on in steps:
        response = move(stage, on)
        assert response.status_code == 201, (stage, response.json())
    assert (
        api.post(
            f"{PROGRAMME}{pk}/sessions/", {"held_on": "2026-02-01", "kind": "one_to_one"}
        ).status_code
        == 400
    )
    for day in ("2026-02-24", "2026-03-03", "2026-03-10"):
        response = api.post(f"{PROGRAMME}{pk}/sessions/", {"held_on": day, "kind": "one_to_one"})
        assert response.status_code == 201
    contact = api.post(
        f"{PROGRAMME}{pk}/contacts/",
        {"kind": "victim", "contacted_on": "2026-03-11", "with_whom": "IDVA", "summary": "Safe"},
    )
    assert contact.status_code == 201
    done = move("completed", "2026-08-17")
    assert done.status_code == 201
    body = done.json()
    assert body["ended_on"] == "2026-08-17"
    assert [m["stage"] for m in body["moves"]][-1] == "completed"
    assert body["allowed_moves"] == []
    assert Deadline.objects.get(kind=Kind.DAPU_REVIEW).status == Status.CANCELLED
    funnel = api.get(FUNNEL, {"to": "2026-08-31"}).json()
    assert funnel["completed"] == 1
    assert funnel["signed_up"] == 1
    assert funnel["sessions"] == 3
    assert funnel["average_days_to_complete"] == 181
    before = api.get(FUNNEL, {"to": "2026-02-20"}).json()
    assert before["active"] == 1 and before["completed"] == 0
    assert before["average_days_to_complete"] is None


def test_reading_an_entry_is_logged_with_its_purpose(api, dapu_officer, offender):
    api.force_authenticate(dapu_officer)
    pk = api.post(PROGRAMME, {"offender": offender.pk, "source": "marac"}).json()["id"]
    api.get(f"{PROGRAMME}{pk}/")
    event = AccessEvent.objects.filter(action="view", offender=offender).latest("pk")
    assert event.purpose == "DAPU programme"
    api.get(PROGRAMME)
    assert AccessEvent.objects.filter(action="list", user=dapu_officer).exists()


def test_a_person_cannot_be_on_the_list_twice(api, dapu_officer, offender):
    api.force_authenticate(dapu_officer)
    assert api.post(PROGRAMME, {"offender": offender.pk, "source": "marac"}).status_code == 201
    second = api.post(PROGRAMME, {"offender": offender.pk, "source": "referral"})
    assert second.status_code == 400
    assert ProgrammeEntry.objects.count() == 1


def test_a_stale_version_is_a_409(api, dapu_officer, offender):
    api.force_authenticate(dapu_officer)
    pk = api.post(PROGRAMME, {"offender": offender.pk, "source": "marac"}).json()["id"]
    assert (
        api.post(f"{PROGRAMME}{pk}/stage/", {"stage": "on_hold", "version": 1}).status_code == 201
    )
    assert (
        api.post(f"{PROGRAMME}{pk}/stage/", {"stage": "to_be_scored", "version": 1}).status_code
        == 409
    )


def test_the_list_pins_its_queries(api, dapu_officer, django_assert_max_num_queries):
    api.force_authenticate(dapu_officer)
    for _ in range(3):
        api.post(PROGRAMME, {"offender": OffenderFactory().pk, "source": "referral"})
    with django_assert_max_num_queries(12):
        api.get(PROGRAMME)
    for _ in range(10):
        api.post(PROGRAMME, {"offender": OffenderFactory().pk, "source": "referral"})
    with django_assert_max_num_queries(12):
        assert api.get(PROGRAMME).json()["count"] == 13


def test_the_hearing_deadline_warns_the_officer_and_the_dapu_team(api, dapu_officer, offender):
    api.force_authenticate(dapu_officer)
    response = give(api, offender, given_at="2026-11-20T10:00:00")  # Friday, now is 12:00
    assert response.status_code == 201
    deadline = Deadline.objects.get(kind=Kind.DVPN_HEARING)
    assert response.json()["hearing_due_by"] == "2026-11-23T10:00:00Z"  # Sunday left out
    assert deadline.due_at.isoformat() == "2026-11-23T10:00:00+00:00"
    assert deadline.warning_leads == [12 * 3600, 4 * 3600]
    assert deadline.owner_user == dapu_officer
    assert deadline.owner_team.code == "dapu"
    assert deadline.next_alert_at is not None

"""The custody API (API.md "Custody") as a client sees it: computed clocks, and a 400 that
explains the rule on the right field for every refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from custody.models import Detention
from deadlines.models import Deadline, Kind, Status
from tests.custody.conftest import book
from tests.factories import OffenderFactory, UserFactory, force

H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)


@pytest.fixture
def api(officer):
    client = APIClient()
    client.force_authenticate(officer)
    return client


def iso(instant):
    return instant.isoformat()


def book_in_payload(person, now, **overrides):
    payload = {
        "offender": person.pk,
        "suite": "martlesham",
        "cell": 3,
        "arrested_at": iso(now - 2 * H),
        "arrived_at": iso(now - H),
        "detention_authorised_at": iso(now - H + 10 * M),
        "offence": "Burglary dwelling",
        "indictable": True,
    }
    payload.update(overrides)
    return payload


def errors(response):
    assert response.status_code == 400, response.content
    return response.json()


@pytest.mark.django_db
def test_it_lists_the_six_pics_with_146_cells(api, suites):
    response = api.get("/api/v1/custody/suites/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert {s["code"] for s in results} == {
        "martlesham",
        "bury-st-edmunds",
        "great-yarmouth",
        "aylsham",
        "kings-lynn",
        "wymondham",
    }
    cells = {s["code"]: s["cells"] for s in results}
    assert (
        cells["martlesham"] == 30
        and cells["bury-st-edmunds"] == 24
        and cells["great-yarmouth"] == 30
    )
    assert sum(cells.values()) == 146
    assert {s["force"] for s in results} == {"suffolk", "norfolk"}


@pytest.mark.django_db
def test_booking_in_an_adult_answers_the_computed_clocks(api, offender, now):
    response = api.post(
        "/api/v1/custody/detentions/", book_in_payload(offender, now), format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    detention = Detention.objects.get(pk=body["id"])
    assert detention.relevant_time == now - H
    assert detention.detention_limit_at == now - H + 24 * H
    assert detention.next_review_due_at == now - H + 10 * M + 6 * H
    assert body["is_child"] is False and body["golden_hour"] is None
    assert body["relevant_time"].endswith(("Z", "+00:00", "+01:00"))
    kinds = set(Deadline.objects.filter(offender=offender).values_list("kind", flat=True))
    assert kinds == {Kind.PACE_REVIEW, Kind.DETENTION_LIMIT}
    assert Deadline.objects.get(kind=Kind.PACE_REVIEW).owner_team.code == "custody-martlesham"


@pytest.mark.django_db
def test_booking_in_a_child_opens_the_golden_hour(api, child, now):
    response = api.post(
        "/api/v1/custody/detentions/",
        book_in_payload(
            child,
            now,
            arrived_at=iso(now - 10 * M),
            detention_authorised_at=iso(now - 5 * M),
            appropriate_adult="Mother, Dana Turner",
            welfare_person="Dana Turner",
        ),
        format="json",
    )
    body = response.json()
    assert body["is_child"] is True
    golden = body["golden_hour"]
    assert golden["status"] == "open" and golden["called_at"] is None and golden["late"] is False
    assert golden["destination"] in ("customer_first", "eds")
    assert dt.datetime.fromisoformat(golden["due_at"]) == now + 50 * M
    deadline = Deadline.objects.get(kind=Kind.GOLDEN_HOUR_CALL)
    assert deadline.escalate_to_role == "custody_inspector"
    assert deadline.warning_leads == [15 * 60]
    assert "Kai" not in deadline.title and "Turner" not in deadline.title


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (
            {
                "arrived_at": "2020-01-01T10:00:00+00:00",
                "arrested_at": "2020-01-01T11:00:00+00:00",
                "detention_authorised_at": "2020-01-01T11:10:00+00:00",
            },
            "arrived_at",
        ),
        ({"suite": "nowhere"}, "suite"),
        ({"suite": "great-yarmouth"}, "suite"),  # another force's suite
        ({"cell": 99}, "cell"),
        ({"offender": 999999}, "offender"),
        ({"offence": "x" * 301}, "offence"),
        ({"arrived_at": "not a date"}, "arrived_at"),
        ({"indictable": None}, "indictable"),
        ({"arrived_at": "2999-01-01T10:00:00+00:00"}, "arrived_at"),
    ],
)
def test_it_refuses_bad_booking_in_on_the_field(api, offender, now, overrides, field):
    body = errors(
        api.post(
            "/api/v1/custody/detentions/",
            book_in_payload(offender, now, **overrides),
            format="json",
        )
    )
    assert field in body


@pytest.mark.django_db
def test_it_refuses_detention_authorised_before_arrival(api, offender, now):
    body = errors(
        api.post(
            "/api/v1/custody/detentions/",
            book_in_payload(offender, now, detention_authorised_at=iso(now - 3 * H)),
            format="json",
        )
    )
    assert "PACE s.37" in body["detention_authorised_at"][0]


@pytest.mark.django_db
def test_it_refuses_an_occupied_cell(api, offender, now):
    api.post("/api/v1/custody/detentions/", book_in_payload(offender, now), format="json")
    other = OffenderFactory()
    body = errors(
        api.post("/api/v1/custody/detentions/", book_in_payload(other, now), format="json")
    )
    assert body["cell"] == ["Cell 3 is occupied."]


@pytest.mark.django_db
def test_it_refuses_a_second_open_detention_for_the_same_person(api, offender, now):
    api.post("/api/v1/custody/detentions/", book_in_payload(offender, now), format="json")
    body = errors(
        api.post(
            "/api/v1/custody/detentions/", book_in_payload(offender, now, cell=4), format="json"
        )
    )
    assert "already in custody" in body["offender"][0]
    assert Detention.objects.count() == 1


@pytest.mark.django_db
def test_only_custody_officers_book_in(offender, now, suites):
    client = APIClient()
    client.force_authenticate(UserFactory(roles=["investigator"]))
    assert (
        client.post(
            "/api/v1/custody/detentions/", book_in_payload(offender, now), format="json"
        ).status_code
        == 403
    )
    assert APIClient().get("/api/v1/custody/detentions/").status_code == 401


@pytest.mark.django_db
def test_another_forces_detention_is_not_found(api, martlesham, now, norfolk_sergeant):
    norfolk_person = OffenderFactory(force=force("norfolk"))
    from custody.models import CustodySuite

    detention = book(
        norfolk_person,
        CustodySuite.objects.get(code="aylsham"),
        norfolk_sergeant,
        arrived_at=now - H,
    )
    assert api.get(f"/api/v1/custody/detentions/{detention.pk}/").status_code == 404
    assert (
        api.post(
            f"/api/v1/custody/detentions/{detention.pk}/release/", {}, format="json"
        ).status_code
        == 404
    )


@pytest.fixture
def detention(offender, martlesham, officer, now):
    return book(offender, martlesham, officer, arrived_at=now - 20 * H, cell_number=5)


def post(api, detention, action, payload):
    return api.post(f"/api/v1/custody/detentions/{detention.pk}/{action}/", payload, format="json")


@pytest.mark.django_db
def test_a_review_moves_the_next_review_and_its_deadline(api, detention):
    held = detention.detention_authorised_at + 5 * H
    response = post(
        api,
        detention,
        "reviews",
        {"held_at": iso(held), "authorised_by": {"name": "Insp Ada Lowe", "rank": "inspector"}},
    )
    assert response.status_code == 201, response.content
    assert dt.datetime.fromisoformat(response.json()["next_review_due_at"]) == held + 9 * H
    assert Deadline.objects.get(kind=Kind.PACE_REVIEW, status=Status.OPEN).due_at == held + 9 * H


@pytest.mark.django_db
def test_a_review_by_a_sergeant_is_refused(api, detention):
    body = errors(
        post(
            api,
            detention,
            "reviews",
            {
                "held_at": iso(detention.detention_authorised_at + H),
                "authorised_by": {"name": "Sgt Bo", "rank": "sergeant"},
            },
        )
    )
    assert "inspector or above" in body["authorised_by"][0]


@pytest.mark.django_db
def test_a_review_before_authorisation_and_an_unknown_rank_are_refused(api, detention):
    body = errors(
        post(
            api,
            detention,
            "reviews",
            {
                "held_at": iso(detention.detention_authorised_at - H),
                "authorised_by": {"name": "Insp", "rank": "inspector"},
            },
        )
    )
    assert "held_at" in body
    body = errors(
        post(
            api,
            detention,
            "reviews",
            {
                "held_at": iso(detention.detention_authorised_at + H),
                "authorised_by": {"name": "Insp", "rank": "general"},
            },
        )
    )
    assert "authorised_by" in body


def _two_reviews(api, detention):
    for hours in (5, 13):
        response = post(
            api,
            detention,
            "reviews",
            {
                "held_at": iso(detention.detention_authorised_at + hours * H),
                "authorised_by": {"name": "Insp Ada Lowe", "rank": "inspector"},
            },
        )
        assert response.status_code == 201, response.content


@pytest.mark.django_db
def test_a_superintendent_extends_to_36_hours_and_moves_the_limit(api, detention):
    _two_reviews(api, detention)
    until = detention.relevant_time + 36 * H
    response = post(
        api,
        detention,
        "extensions",
        {
            "kind": "superintendent",
            "authorised_at": iso(detention.detention_authorised_at + 14 * H),
            "until": iso(until),
            "authorised_by": {"name": "Supt Kay Obi", "rank": "superintendent"},
        },
    )
    assert response.status_code == 201, response.content
    assert dt.datetime.fromisoformat(response.json()["detention_limit_at"]) == until
    assert Deadline.objects.get(kind=Kind.DETENTION_LIMIT, status=Status.OPEN).due_at == until


@pytest.mark.django_db
def test_a_superintendents_extension_before_the_second_review_is_refused(api, detention):
    body = errors(
        post(
            api,
            detention,
            "extensions",
            {
                "kind": "superintendent",
                "authorised_at": iso(detention.detention_authorised_at + 2 * H),
                "until": iso(detention.relevant_time + 36 * H),
                "authorised_by": {"name": "Supt Kay Obi", "rank": "superintendent"},
            },
        )
    )
    assert "second review" in body["authorised_at"][0]


@pytest.mark.django_db
def test_extension_refusals_explain_the_rule(api, offender, martlesham, officer, now):
    summary = book(offender, martlesham, officer, arrived_at=now - 20 * H, indictable=False)
    body = errors(
        post(
            api,
            summary,
            "extensions",
            {
                "kind": "superintendent",
                "authorised_at": iso(now - H),
                "until": iso(now + 10 * H),
                "authorised_by": {"name": "Supt", "rank": "superintendent"},
            },
        )
    )
    assert "indictable" in body["kind"][0]
    body = errors(
        post(
            api,
            summary,
            "extensions",
            {
                "kind": "superintendent",
                "authorised_at": iso(now - H),
                "until": iso(now + 10 * H),
            },
        )
    )
    assert "authorised_by" in body
    body = errors(
        post(
            api,
            summary,
            "extensions",
            {
                "kind": "warrant",
                "authorised_at": iso(now - H),
                "until": iso(now + 10 * H),
            },
        )
    )
    assert "court" in body
    body = errors(
        post(
            api,
            summary,
            "extensions",
            {
                "kind": "warrant_extension",
                "authorised_at": iso(now - H),
                "until": iso(now + 10 * H),
                "court": "Ipswich Magistrates",
            },
        )
    )
    assert "no warrant" in body["kind"][0]


@pytest.mark.django_db
def test_an_inspector_cannot_give_a_superintendents_extension(api, detention):
    _two_reviews(api, detention)
    body = errors(
        post(
            api,
            detention,
            "extensions",
            {
                "kind": "superintendent",
                "authorised_at": iso(detention.detention_authorised_at + 14 * H),
                "until": iso(detention.relevant_time + 30 * H),
                "authorised_by": {"name": "Insp", "rank": "inspector"},
            },
        )
    )
    assert "superintendent or above" in body["authorised_by"][0]


@pytest.mark.django_db
def test_a_warrant_beyond_36_hours_from_issue_is_refused(api, detention):
    issued = detention.detention_authorised_at + 15 * H
    body = errors(
        post(
            api,
            detention,
            "extensions",
            {
                "kind": "warrant",
                "authorised_at": iso(issued),
                "until": iso(issued + 40 * H),
                "court": "Ipswich Magistrates' Court",
            },
        )
    )
    assert "36 hours from its issue" in body["until"][0]


@pytest.mark.django_db
def test_hospital_time_pushes_the_limit_later(api, detention):
    left = detention.arrived_at + 2 * H
    response = post(
        api, detention, "hospital-periods", {"left_at": iso(left), "returned_at": iso(left + 3 * H)}
    )
    assert response.status_code == 201
    assert (
        dt.datetime.fromisoformat(response.json()["detention_limit_at"])
        == detention.relevant_time + 27 * H
    )
    body = errors(
        post(
            api, detention, "hospital-periods", {"left_at": iso(left), "returned_at": iso(left - H)}
        )
    )
    assert "returned_at" in body


@pytest.mark.django_db
def test_the_golden_hour_call_is_refused_for_an_adult(api, detention, now):
    body = errors(
        post(api, detention, "golden-hour-call", {"called_at": iso(now), "spoke_to": "EDS"})
    )
    assert "children" in body["non_field_errors"][0]


@pytest.mark.django_db
def test_a_late_golden_hour_call_is_missed_and_late(api, child, martlesham, officer, now):
    detention = book(child, martlesham, officer, arrived_at=now - 2 * H)
    response = post(
        api,
        detention,
        "golden-hour-call",
        {
            "called_at": iso(now - 30 * M),
            "spoke_to": "EDS duty social worker",
            "diversion_reminder_given": True,
        },
    )
    golden = response.json()["golden_hour"]
    assert golden["status"] == "missed" and golden["late"] is True and golden["called_at"]
    assert Deadline.objects.get(kind=Kind.GOLDEN_HOUR_CALL).status == Status.MISSED
    body = errors(
        post(api, detention, "golden-hour-call", {"called_at": iso(now), "spoke_to": "EDS"})
    )
    assert "already been recorded" in body["non_field_errors"][0]


@pytest.mark.django_db
def test_a_golden_hour_call_before_arrival_or_to_nobody_is_refused(
    api, child, martlesham, officer, now
):
    detention = book(child, martlesham, officer, arrived_at=now - 30 * M)
    assert "called_at" in errors(
        post(api, detention, "golden-hour-call", {"called_at": iso(now - H), "spoke_to": "EDS"})
    )
    assert "spoke_to" in errors(
        post(api, detention, "golden-hour-call", {"called_at": iso(now), "spoke_to": ""})
    )


@pytest.mark.django_db
def test_release_closes_every_clock_and_cannot_happen_twice(api, child, martlesham, officer, now):
    detention = book(child, martlesham, officer, arrived_at=now - 30 * M)
    response = post(api, detention, "release", {"released_at": iso(now), "outcome": "nfa"})
    assert response.status_code == 201
    assert response.json()["in_custody"] is False
    assert not Deadline.objects.filter(status=Status.OPEN).exists()
    body = errors(post(api, detention, "release", {"released_at": iso(now), "outcome": "nfa"}))
    assert "released" in body["non_field_errors"][0]


@pytest.mark.django_db
def test_release_refuses_an_unknown_outcome_and_a_time_before_arrival(api, detention):
    assert "outcome" in errors(
        post(
            api,
            detention,
            "release",
            {"released_at": iso(detention.arrived_at), "outcome": "escaped"},
        )
    )
    assert "released_at" in errors(
        post(
            api,
            detention,
            "release",
            {"released_at": iso(detention.arrived_at - H), "outcome": "nfa"},
        )
    )


@pytest.mark.django_db
def test_release_on_rui_opens_the_bail_case(api, detention, now):
    from bail.models import BailCase

    response = post(api, detention, "release", {"released_at": iso(now), "outcome": "rui"})
    assert response.status_code == 201, response.content
    assert response.json()["outcome"] == "rui"
    case = BailCase.objects.get(offender=detention.offender)
    assert case.status == "rui"


@pytest.mark.django_db
def test_s38_6_no_secure_accommodation_is_refused_for_an_eleven_year_old(
    api, martlesham, officer, now
):
    from django.utils import timezone

    young = OffenderFactory(date_of_birth=timezone.localdate() - dt.timedelta(days=11 * 365 + 40))
    detention = book(young, martlesham, officer, arrived_at=now - 5 * H)
    body = errors(
        post(
            api,
            detention,
            "juvenile-transfers",
            {
                "charged_at": iso(now - 2 * H),
                "decided_at": iso(now - H),
                "outcome": "certified_no_secure_accommodation",
                "certificate_reason": "No secure bed",
                "other_accommodation_inadequate": True,
            },
        )
    )
    assert "12" in body["outcome"][0]
    response = post(
        api,
        detention,
        "juvenile-transfers",
        {
            "charged_at": iso(now - 2 * H),
            "decided_at": iso(now - H),
            "outcome": "transfer_requested",
        },
    )
    assert response.status_code == 201


@pytest.mark.django_db
def test_s38_6_refused_for_an_adult(api, detention, now):
    body = errors(
        post(
            api,
            detention,
            "juvenile-transfers",
            {
                "charged_at": iso(now - 2 * H),
                "decided_at": iso(now - H),
                "outcome": "transfer_requested",
            },
        )
    )
    assert "children" in body["non_field_errors"][0]


@pytest.mark.django_db
def test_a_childs_strip_search_without_the_appropriate_adult_is_refused(
    api, child, martlesham, officer, now
):
    detention = book(child, martlesham, officer, arrived_at=now - 2 * H)
    present = [
        {"name": "PC A", "role": "searching_officer", "sex": "male"},
        {"name": "PC B", "role": "officer", "sex": "male"},
    ]
    body = errors(
        post(
            api,
            detention,
            "searches",
            {
                "searched_at": iso(now - H),
                "reason": "Drugs concealed",
                "present": present,
            },
        )
    )
    assert "appropriate adult" in body["appropriate_adult"][0]
    present.append({"name": "Dana Turner", "role": "appropriate_adult", "sex": "female"})
    response = post(
        api,
        detention,
        "searches",
        {
            "searched_at": iso(now - H),
            "reason": "Drugs concealed",
            "present": present,
            "result": "Nothing found",
        },
    )
    assert response.status_code == 201, response.content


@pytest.mark.django_db
def test_a_strip_search_needs_a_reason_and_same_sex_officers(api, detention, now):
    present = [
        {"name": "PC A", "role": "searching_officer", "sex": "female"},
        {"name": "PC B", "role": "officer", "sex": "male"},
    ]
    assert "reason" in errors(
        post(
            api, detention, "searches", {"searched_at": iso(now), "reason": " ", "present": present}
        )
    )
    assert "present" in errors(
        post(
            api,
            detention,
            "searches",
            {"searched_at": iso(now), "reason": "Weapon", "present": present},
        )
    )


@pytest.mark.django_db
def test_use_of_force_and_control_measures_are_recorded_and_checked(api, detention, now):
    response = post(
        api,
        detention,
        "uses-of-force",
        {
            "used_at": iso(now - H),
            "officer_name": "PC A",
            "tactics": "Arm restraint",
            "reason": "Assaulting staff",
        },
    )
    assert response.status_code == 201
    assert "used_at" in errors(
        post(
            api,
            detention,
            "uses-of-force",
            {
                "used_at": iso(detention.arrived_at - H),
                "officer_name": "PC A",
                "tactics": "x",
                "reason": "y",
            },
        )
    )
    body = errors(
        post(
            api,
            detention,
            "control-measures",
            {
                "kind": "rip_proof_clothing",
                "started_at": iso(now - H),
                "reason": "Ligature risk",
                "authorised_by": {"name": "PC A", "rank": "constable"},
            },
        )
    )
    assert "sergeant" in body["authorised_by"][0]
    response = post(
        api,
        detention,
        "control-measures",
        {
            "kind": "rip_proof_clothing",
            "started_at": iso(now - H),
            "reason": "Ligature risk",
            "authorised_by": {"name": "Sgt Okafor", "rank": "sergeant"},
        },
    )
    assert response.status_code == 201
    assert response.json()["control_measures"][0]["kind"] == "rip_proof_clothing"


@pytest.mark.django_db
def test_mental_health_assessments_are_checked(api, detention, now):
    assert "bed_found" in errors(
        post(
            api,
            detention,
            "mental-health-assessments",
            {
                "requested_at": iso(now - 2 * H),
                "bed_found": False,
            },
        )
    )
    assert "completed_at" in errors(
        post(
            api,
            detention,
            "mental-health-assessments",
            {
                "requested_at": iso(now - 2 * H),
                "completed_at": iso(now - 3 * H),
            },
        )
    )
    response = post(
        api,
        detention,
        "mental-health-assessments",
        {
            "requested_at": iso(now - 2 * H),
            "completed_at": iso(now - H),
            "bed_needed": True,
            "bed_found": False,
        },
    )
    assert response.status_code == 201


@pytest.mark.django_db
def test_a_police_station_is_never_a_place_of_safety_for_a_child(api, child, now):
    body = errors(
        api.post(
            "/api/v1/custody/s136/",
            {
                "offender": child.pk,
                "place": "police_station",
                "suite": "martlesham",
                "started_at": iso(now - H),
                "decided_by": {"name": "Insp", "rank": "inspector"},
                "imminent_risk": True,
                "no_other_place": True,
                "healthcare_professional_available": True,
                "reasons": "Violent",
            },
            format="json",
        )
    )
    assert "never a place of safety for a child" in body["place"][0]


@pytest.mark.django_db
def test_an_adult_at_a_station_needs_an_inspectors_authority_and_the_reasons(api, offender, now):
    payload = {
        "offender": offender.pk,
        "place": "police_station",
        "suite": "martlesham",
        "started_at": iso(now - H),
        "decided_by": {"name": "PC Day", "rank": "constable"},
        "imminent_risk": True,
        "no_other_place": True,
        "healthcare_professional_available": True,
        "reasons": "Violent, no HBPoS bed could hold him safely",
    }
    assert (
        "inspector"
        in errors(api.post("/api/v1/custody/s136/", payload, format="json"))["authorised_by"][0]
    )
    payload["authorised_by"] = {"name": "Insp Lowe", "rank": "inspector"}
    assert "conditions" in errors(
        api.post("/api/v1/custody/s136/", {**payload, "imminent_risk": False}, format="json")
    )
    assert "reasons" in errors(
        api.post("/api/v1/custody/s136/", {**payload, "reasons": ""}, format="json")
    )
    response = api.post("/api/v1/custody/s136/", payload, format="json")
    assert response.status_code == 201, response.content
    record = response.json()
    assert dt.datetime.fromisoformat(record["limit_at"]) == now - H + 24 * H
    assert Deadline.objects.get(kind=Kind.MHA_136_LIMIT).due_at == now + 23 * H

    extend = f"/api/v1/custody/s136/{record['id']}/extension/"
    extension = {
        "authorised_at": iso(now),
        "until": iso(now + 36 * H),
        "extended_by_name": "Dr Rao",
        "by_registered_medical_practitioner": True,
        "condition_prevents_assessment": True,
        "approved_by": {"name": "Supt Obi", "rank": "superintendent"},
    }
    assert "12 hours" in errors(api.post(extend, extension, format="json"))["until"][0]
    body = errors(
        api.post(extend, {**extension, "condition_prevents_assessment": False}, format="json")
    )
    assert "bed" in body["reason"][0]
    body = errors(
        api.post(
            extend, {**extension, "until": iso(now + 30 * H), "approved_by": None}, format="json"
        )
    )
    assert "superintendent" in body["approved_by"][0]
    response = api.post(extend, {**extension, "until": iso(now + 30 * H)}, format="json")
    assert response.status_code == 201, response.content
    assert Deadline.objects.get(kind=Kind.MHA_136_LIMIT).due_at == now + 30 * H
    assert (
        "once"
        in errors(api.post(extend, {**extension, "until": iso(now + 33 * H)}, format="json"))[
            "non_field_errors"
        ][0]
    )


@pytest.mark.django_db
def test_list_filters_by_suite_custody_and_childhood(
    api, offender, child, martlesham, officer, now
):
    book(offender, martlesham, officer, arrived_at=now - 3 * H)
    kid = book(child, martlesham, officer, arrived_at=now - H)
    assert api.get("/api/v1/custody/detentions/?is_child=true").json()["count"] == 1
    assert (
        api.get("/api/v1/custody/detentions/?suite=martlesham&in_custody=true").json()["count"] == 2
    )
    assert api.get(f"/api/v1/custody/detentions/?suite={martlesham.pk}").json()["count"] == 2
    assert api.get("/api/v1/custody/detentions/?suite=aylsham").json()["count"] == 0
    after = (now - 2 * H).isoformat().replace("+", "%2B")
    results = api.get(f"/api/v1/custody/detentions/?arrived_after={after}").json()["results"]
    assert [r["id"] for r in results] == [kid.pk]
    assert api.get("/api/v1/custody/detentions/?arrived_after=rubbish").status_code == 400


@pytest.mark.django_db
def test_viewing_a_detention_is_logged(api, detention, officer):
    from audit.models import AccessEvent

    assert api.get(f"/api/v1/custody/detentions/{detention.pk}/").status_code == 200
    assert AccessEvent.objects.filter(
        user=officer, action="view", object_id=str(detention.pk)
    ).exists()


@pytest.mark.django_db
def test_the_list_query_count_does_not_grow_with_the_list(
    api, martlesham, officer, now, django_assert_max_num_queries
):
    for number in range(1, 4):
        book(OffenderFactory(), martlesham, officer, arrived_at=now - H, cell_number=number)
    with django_assert_max_num_queries(12):
        assert api.get("/api/v1/custody/detentions/").json()["count"] == 3
    for number in range(4, 24):
        book(OffenderFactory(), martlesham, officer, arrived_at=now - H, cell_number=number)
    with django_assert_max_num_queries(12):
        assert api.get("/api/v1/custody/detentions/").json()["count"] == 23


@pytest.mark.django_db
def test_a_review_by_an_inspector_involved_in_the_investigation_is_refused(api, detention):
    body = errors(
        post(
            api,
            detention,
            "reviews",
            {
                "held_at": iso(detention.detention_authorised_at + H),
                "authorised_by": {"name": "Insp Ada Lowe", "rank": "inspector"},
                "involved_in_investigation": True,
            },
        )
    )
    assert "not be directly involved" in body["involved_in_investigation"][0]
    assert not detention.reviews.exists()


@pytest.mark.django_db
def test_after_charge_a_sergeant_reviews_and_before_it_cannot(api, martlesham, officer, child, now):
    detention = book(child, martlesham, officer, arrived_at=now - 5 * H)
    sergeant = {"name": "Sgt Bo", "rank": "sergeant"}
    before_charge = {"held_at": iso(now - 3 * H), "authorised_by": sergeant}
    assert (
        "inspector or above"
        in errors(post(api, detention, "reviews", before_charge))["authorised_by"][0]
    )
    charged = post(
        api,
        detention,
        "juvenile-transfers",
        {
            "charged_at": iso(now - 2 * H),
            "decided_at": iso(now - H),
            "outcome": "transfer_requested",
        },
    )
    assert charged.status_code == 201
    after_charge = {"held_at": iso(now - 30 * M), "authorised_by": sergeant}
    response = post(api, detention, "reviews", after_charge)
    assert response.status_code == 201, response.content
    assert detention.reviews.get().reviewer_rank == "sergeant"


@pytest.mark.django_db
def test_an_adults_charge_through_the_api_lets_the_custody_sergeant_review(api, detention, now):
    sergeant_review = {
        "held_at": iso(now - M),
        "authorised_by": {"name": "Sgt Bo", "rank": "sergeant"},
    }
    assert (
        "inspector or above"
        in errors(post(api, detention, "reviews", sergeant_review))["authorised_by"][0]
    )
    assert (
        "before arrival"
        in errors(post(api, detention, "charge", {"charged_at": iso(detention.arrived_at - M)}))[
            "charged_at"
        ][0]
    )
    response = post(api, detention, "charge", {"charged_at": iso(now - 5 * M)})
    assert response.status_code == 201, response.content
    assert dt.datetime.fromisoformat(response.json()["charged_at"]) == now - 5 * M
    assert (
        "already recorded"
        in errors(post(api, detention, "charge", {"charged_at": iso(now - 4 * M)}))["charged_at"][0]
    )
    assert post(api, detention, "reviews", sergeant_review).status_code == 201


@pytest.mark.django_db
def test_release_on_bail_sets_the_officer_district_and_first_conditions(api, detention, now):
    from accounts.models import PolicingArea
    from bail.models import BailCase

    district = PolicingArea.objects.filter(force=detention.offender.force).first()
    response = post(
        api,
        detention,
        "release",
        {
            "released_at": iso(now),
            "outcome": "bail",
            "officer_in_case": detention.booked_in_by_id,
            "district": district.pk,
            "conditions": [
                {"text": "Live and sleep at 4 Elm Road"},
                {"text": "Not to contact Ann Lowe", "protects_victim": True},
            ],
            "victim_views": {"sought": True, "views": "Wants no contact"},
        },
    )
    assert response.status_code == 201, response.content
    case = BailCase.objects.get(offender=detention.offender)
    assert (case.officer_in_case_id, case.district_id) == (detention.booked_in_by_id, district.pk)
    conditions = list(case.conditions.order_by("pk"))
    assert [c.text for c in conditions] == [
        "Live and sleep at 4 Elm Road",
        "Not to contact Ann Lowe",
    ]
    grant = case.variations.get()  # the grant of bail imposed them: not a variation
    assert grant.reason == "Conditions on the grant of bail"
    assert grant.victim_views.views == "Wants no contact"


@pytest.mark.django_db
def test_a_release_on_bail_refused_by_the_bail_rules_changes_nothing(api, detention, now):
    from bail.models import BailCase

    body = errors(
        post(
            api,
            detention,
            "release",
            {
                "released_at": iso(now),
                "outcome": "bail",
                "conditions": [{"text": "Not to contact Ann Lowe", "protects_victim": True}],
            },
        )
    )
    assert "victim" in str(body).lower()
    detention.refresh_from_db()
    assert detention.in_custody and not BailCase.objects.exists()


@pytest.mark.django_db
def test_conditions_are_refused_on_a_release_that_is_not_bail(api, detention, now):
    body = errors(
        post(
            api,
            detention,
            "release",
            {"released_at": iso(now), "outcome": "nfa", "conditions": [{"text": "Curfew"}]},
        )
    )
    assert "bail" in body["conditions"][0]
    detention.refresh_from_db()
    assert detention.in_custody

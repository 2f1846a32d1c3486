"""The disposals API as a client uses it (API.md "Out-of-court disposals")."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from audit.models import AccessEvent
from deadlines.models import Deadline
from disposals.models import Disposal, ForceDisposalSettings
from tests.disposals.conftest import course, make_disposal, release_all
from tests.factories import OffenderFactory, UserFactory, force

pytestmark = pytest.mark.django_db

URL = "/api/v1/disposals/"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def decision(person, **overrides) -> dict:
    body = {
        "offender": person.pk,
        "disposal_type": "community_resolution",
        "decided_on": "2026-02-01",
        "offence": "Theft from a shop",
        "offence_date": "2026-01-28",
        "offence_category": "summary",
        "district": "south",
        "admitted": True,
        "consented": True,
        "conditions": [
            {
                "kind": "rehabilitative",
                "description": "Attend a shoplifting awareness course",
                "due_by": "2026-03-01",
            }
        ],
        "victim_views": {"sought": True, "views": "Wants an apology and a course."},
    }
    body.update(overrides)
    return body


def conditional_caution(person, **overrides) -> dict:
    body = {
        "disposal_type": "conditional_caution",
        "offence_category": "either_way",
        "conditions": [
            {
                "kind": "unpaid_work",
                "description": "Clean the graffiti",
                "hours": "10",
                "due_by": "2026-04-01",
            }
        ],
    }
    return decision(person, **{**body, **overrides})


# --- Deciding ---------------------------------------------------------------------------------


def test_it_records_a_community_resolution_with_outcome_8_and_a_condition_deadline(
    diversion_officer,
):
    offender = OffenderFactory()
    response = api(diversion_officer).post(URL, decision(offender), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "active"
    assert body["outcome_code"] == "8"
    assert body["district"] == "south"
    deadline = Deadline.objects.get(kind="oocd_condition")
    assert deadline.owner_team.code == "offender-diversion"
    assert deadline.offender == offender
    assert offender.first_name not in deadline.title
    assert AccessEvent.objects.filter(action="create", offender=offender).exists()


def test_a_condition_without_a_due_date_gets_the_forces_default(diversion_officer):
    offender = OffenderFactory()
    body = conditional_caution(
        offender, conditions=[{"kind": "unpaid_work", "description": "Clean", "hours": 5}]
    )
    response = api(diversion_officer).post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    # 112 days beginning with 1 February 2026 ends on 23 May 2026... but the summary rule does
    # not apply to either-way offences, so the default stands.
    assert response.json()["conditions"][0]["due_by"] == "2026-05-23"


@pytest.mark.parametrize(
    "overrides, field, words",
    [
        ({"admitted": False}, "admitted", "admission"),
        ({"consented": False}, "consented", "consent"),
        ({"offence_category": "indictable_only"}, "dpp_consent", "Director of Public Prosecutions"),
        (
            {
                "conditions": [
                    {
                        "kind": "unpaid_work",
                        "description": "Clean",
                        "hours": "21",
                        "due_by": "2026-04-01",
                    }
                ]
            },
            "conditions",
            "limit is 20",
        ),
        (
            {
                "conditions": [
                    {
                        "kind": "financial",
                        "description": "Pay",
                        "amount": "150.00",
                        "due_by": "2026-04-01",
                    }
                ]
            },
            "conditions",
            "maximum is £100.00",
        ),
        ({"disposal_type": "diversionary_caution"}, "disposal_type", "PCSC Act 2022 Part 6"),
        ({"victim_views": {"sought": False}}, "victim_views", "victim's views"),
        ({"decided_on": "2027-01-01"}, "decided_on", "future"),
        ({"offence_date": "2026-02-05"}, "offence_date", "after the decision"),
    ],
)
def test_it_refuses_a_conditional_caution_that_breaks_a_rule_naming_it(
    diversion_officer, overrides, field, words
):
    response = api(diversion_officer).post(
        URL, conditional_caution(OffenderFactory(), **overrides), format="json"
    )
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert any(words in message for message in response.json()[field])
    assert not Disposal.objects.exists()


def test_it_refuses_an_adult_caution_for_a_child_on_age(diversion_officer):
    child = OffenderFactory(date_of_birth=dt.date(2010, 6, 1))
    response = api(diversion_officer).post(URL, conditional_caution(child), format="json")
    assert response.status_code == 400
    assert "is for adults aged 18 or over" in response.json()["disposal_type"][0]
    assert "was 15" in response.json()["disposal_type"][0]


def test_it_reports_every_broken_rule_together(diversion_officer):
    body = conditional_caution(
        OffenderFactory(),
        admitted=False,
        consented=False,
        victim_views={"sought": False},
        conditions=[
            {"kind": "attendance", "description": "Attend", "hours": "30", "due_by": "2026-04-01"}
        ],
    )
    response = api(diversion_officer).post(URL, body, format="json")
    assert response.status_code == 400
    assert {"admitted", "consented", "victim_views", "conditions"} <= set(response.json())


def test_it_refuses_a_community_resolution_with_a_punitive_condition(diversion_officer):
    body = decision(
        OffenderFactory(),
        conditions=[
            {"kind": "financial", "description": "Pay", "amount": "20", "due_by": "2026-03-01"}
        ],
    )
    response = api(diversion_officer).post(URL, body, format="json")
    assert response.status_code == 400
    assert "cannot carry a financial condition" in response.json()["conditions[0].kind"][0]


def test_a_statutory_framework_force_may_give_a_diversionary_caution(diversion_officer):
    ForceDisposalSettings.objects.filter(force=force("suffolk")).update(
        framework="statutory_two_tier", part6_commenced_on=dt.date(2026, 1, 1)
    )
    body = conditional_caution(OffenderFactory(), disposal_type="diversionary_caution")
    response = api(diversion_officer).post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["framework"] == "statutory_two_tier"
    assert response.json()["outcome_code"] == "3"


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"offender": 999999}, "offender"),
        ({"offender": "abc"}, "offender"),
        ({"district": "nowhere"}, "district"),
        ({"district": "norwich"}, "district"),
        ({"decided_on": "1 Feb"}, "decided_on"),
        ({"offence": "x" * 301}, "offence"),
        ({"disposal_type": "stern_look"}, "disposal_type"),
        (
            {"conditions": [{"kind": "unpaid_work", "description": "x", "hours": "abc"}]},
            "conditions",
        ),
        ({"conditions": "none"}, "conditions"),
        ({"victim_views": {"sought": True, "views": "x" * 2001}}, "victim_views"),
    ],
)
def test_it_answers_bad_input_with_a_field_error_never_a_500(diversion_officer, overrides, field):
    response = api(diversion_officer).post(
        URL, decision(OffenderFactory(), **overrides), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_a_person_in_another_force_is_unknown(diversion_officer):
    norfolk_person = OffenderFactory(force=force("norfolk"))
    response = api(diversion_officer).post(URL, decision(norfolk_person), format="json")
    assert response.status_code == 400
    assert response.json()["offender"] == ["No such person."]


# --- Referrals and completion ------------------------------------------------------------------


def test_a_course_referral_progresses_to_completed_and_the_disposal_then_completes(
    diversion_officer,
):
    client = api(diversion_officer)
    disposal_id = client.post(URL, decision(OffenderFactory()), format="json").json()["id"]

    referral = client.post(
        f"{URL}{disposal_id}/referrals/",
        {"intervention": "shoplifting-awareness", "referred_on": "2026-02-02"},
        format="json",
    )
    assert referral.status_code == 201, referral.json()
    rid = referral.json()["id"]
    refused = client.post(
        f"{URL}{disposal_id}/complete/", {"completed_on": "2026-02-20"}, format="json"
    )
    assert refused.status_code == 400
    assert {"conditions", "referrals"} <= set(refused.json())

    for step, on in [
        ("booked", "2026-02-03"),
        ("attended", "2026-02-10"),
        ("completed", "2026-02-10"),
    ]:
        progressed = client.post(
            f"{URL}{disposal_id}/referrals/{rid}/progress/",
            {"status": step, "on": on},
            format="json",
        )
        assert progressed.status_code == 200, progressed.json()
    condition_id = Disposal.objects.get().conditions.get().pk
    assert (
        client.post(
            f"{URL}{disposal_id}/conditions/{condition_id}/complete/",
            {"on": "2026-02-10"},
            format="json",
        ).status_code
        == 200
    )

    done = client.post(
        f"{URL}{disposal_id}/complete/", {"completed_on": "2026-02-20"}, format="json"
    )
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "completed"
    assert Deadline.objects.get(kind="oocd_condition").status == "met"


def test_completing_a_course_linked_to_a_condition_meets_the_condition(diversion_officer):
    disposal = make_disposal(by=diversion_officer, interventions=[course()])
    referral = disposal.referrals.get()
    assert referral.condition == disposal.conditions.get()
    response = api(diversion_officer).post(
        f"{URL}{disposal.pk}/referrals/{referral.pk}/progress/",
        {"status": "completed", "on": "2026-02-10"},
        format="json",
    )
    assert response.status_code == 200
    assert disposal.conditions.get().status == "completed"


def test_a_referral_cannot_go_back_from_completed(diversion_officer):
    disposal = make_disposal(by=diversion_officer, interventions=[course()])
    referral = disposal.referrals.get()
    client = api(diversion_officer)
    client.post(
        f"{URL}{disposal.pk}/referrals/{referral.pk}/progress/",
        {"status": "completed", "on": "2026-02-10"},
        format="json",
    )
    response = client.post(
        f"{URL}{disposal.pk}/referrals/{referral.pk}/progress/",
        {"status": "booked", "on": "2026-02-11"},
        format="json",
    )
    assert response.status_code == 400
    assert "cannot become booked" in response.json()["status"][0]


def test_it_refuses_a_referral_to_an_unknown_course(diversion_officer):
    disposal = make_disposal(by=diversion_officer)
    response = api(diversion_officer).post(
        f"{URL}{disposal.pk}/referrals/",
        {"intervention": "juggling", "referred_on": "2026-02-02"},
        format="json",
    )
    assert response.status_code == 400
    assert "intervention" in response.json()


# --- Breaches ------------------------------------------------------------------------------------


def test_a_community_resolution_breach_cannot_lead_to_prosecution(diversion_officer):
    disposal = make_disposal(by=diversion_officer)
    response = api(diversion_officer).post(
        f"{URL}{disposal.pk}/breach/",
        {
            "breached_on": "2026-02-20",
            "details": "Did not attend",
            "action": "prosecute_original_offence",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "non-statutory and cannot be enforced" in response.json()["action"][0]


def test_a_community_caution_breach_cannot_lead_to_prosecution_but_a_penalty_can(diversion_officer):
    ForceDisposalSettings.objects.filter(force=force("suffolk")).update(
        framework="statutory_two_tier", part6_commenced_on=dt.date(2026, 1, 1)
    )
    disposal = make_disposal(
        by=diversion_officer,
        disposal_type="community_caution",
        conditions=[],
        victim_views_sought=False,
        victim_not_practicable_reason="No identifiable victim",
    )
    client = api(diversion_officer)
    body = {
        "breached_on": "2026-02-20",
        "details": "Did not pay",
        "action": "prosecute_original_offence",
    }
    refused = client.post(f"{URL}{disposal.pk}/breach/", body, format="json")
    assert refused.status_code == 400
    assert "cannot be prosecuted for the original offence" in refused.json()["action"][0]
    allowed = client.post(
        f"{URL}{disposal.pk}/breach/", {**body, "action": "financial_penalty"}, format="json"
    )
    assert allowed.status_code == 201
    assert allowed.json()["status"] == "breached"


def test_a_conditional_caution_breach_prosecuted_closes_the_disposal_and_its_deadlines(
    diversion_officer,
):
    client = api(diversion_officer)
    disposal_id = client.post(URL, conditional_caution(OffenderFactory()), format="json").json()[
        "id"
    ]
    response = client.post(
        f"{URL}{disposal_id}/breach/",
        {
            "breached_on": "2026-02-20",
            "details": "Did not turn up",
            "action": "prosecute_original_offence",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "breached"
    assert Deadline.objects.get(kind="oocd_condition").status == "cancelled"
    assert Disposal.objects.get().conditions.get().status == "failed"


def test_a_warning_for_breach_keeps_the_disposal_and_its_deadline_running(diversion_officer):
    client = api(diversion_officer)
    disposal_id = client.post(URL, conditional_caution(OffenderFactory()), format="json").json()[
        "id"
    ]
    response = client.post(
        f"{URL}{disposal_id}/breach/",
        {"breached_on": "2026-02-20", "details": "Late", "action": "warning"},
        format="json",
    )
    assert response.json()["status"] == "active"
    assert Deadline.objects.get(kind="oocd_condition").status == "open"


def test_a_stale_version_on_breach_is_a_409(diversion_officer):
    disposal = make_disposal(by=diversion_officer)
    response = api(diversion_officer).post(
        f"{URL}{disposal.pk}/breach/",
        {"breached_on": "2026-02-20", "details": "x", "action": "warning", "version": 99},
        format="json",
    )
    assert response.status_code == 409


# --- Who may do what -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["custody_sergeant", "investigator", "iom_officer", "analyst", "no_access"]
)
def test_people_without_a_diversion_or_supervisor_role_may_not_decide(request, persona):
    user = request.getfixturevalue(persona)
    response = api(user).post(URL, decision(OffenderFactory()), format="json")
    assert response.status_code == 403


def test_a_supervisor_may_decide(supervisor):
    assert api(supervisor).post(URL, decision(OffenderFactory()), format="json").status_code == 201


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", ""),
        ("get", "interventions/"),
        ("get", "summary/?from=2026-01-01&to=2026-03-01"),
        ("post", ""),
        ("get", "{id}/"),
        ("post", "{id}/referrals/"),
        ("post", "{id}/complete/"),
        ("post", "{id}/breach/"),
        ("post", "{id}/withdraw/"),
        ("post", "{id}/restorative-justice/"),
    ],
)
def test_the_scrutiny_panel_sees_nothing_but_its_sample(
    scrutiny_member, diversion_officer, method, path
):
    disposal = make_disposal(by=diversion_officer)
    response = getattr(api(scrutiny_member), method)(
        URL + path.format(id=disposal.pk), {}, format="json"
    )
    assert response.status_code == 403


def test_the_scrutiny_panel_gets_its_sample(scrutiny_member, diversion_officer):
    make_disposal(by=diversion_officer)
    release_all()
    response = api(scrutiny_member).get(
        URL + "scrutiny-sample/?from=2026-01-01&to=2026-03-01&size=5"
    )
    assert response.status_code == 200
    assert len(response.json()["cases"]) == 1


def test_only_the_panel_gets_the_sample(diversion_officer, supervisor):
    for user in (diversion_officer, supervisor):
        assert (
            api(user).get(URL + "scrutiny-sample/?from=2026-01-01&to=2026-03-01").status_code == 403
        )


def test_an_investigator_may_read_but_not_write(investigator, diversion_officer):
    disposal = make_disposal(by=diversion_officer)
    client = api(investigator)
    assert client.get(f"{URL}{disposal.pk}/").status_code == 200
    assert (
        client.post(
            f"{URL}{disposal.pk}/complete/", {"completed_on": "2026-02-20"}, format="json"
        ).status_code
        == 403
    )


def test_another_forces_disposal_is_not_found(norfolk_sergeant, diversion_officer):
    disposal = make_disposal(by=diversion_officer)
    norfolk_diversion = UserFactory(roles=["offender_diversion"], force=force("norfolk"))
    assert api(norfolk_sergeant).get(f"{URL}{disposal.pk}/").status_code == 404
    response = api(norfolk_diversion).post(
        f"{URL}{disposal.pk}/complete/", {"completed_on": "2026-02-20"}, format="json"
    )
    assert response.status_code == 404


def test_unauthenticated_callers_get_401():
    assert APIClient().get(URL + "interventions/").status_code == 401


def test_the_catalogue_lists_about_twenty_courses(investigator):
    response = api(investigator).get(URL + "interventions/?page_size=100")
    assert response.status_code == 200
    assert 18 <= response.json()["count"] <= 25
    assert set(response.json()["results"][0]) == {"code", "name", "provider", "active"}


# --- Lists stay flat -----------------------------------------------------------------------------


def test_the_list_costs_the_same_queries_at_any_size(
    diversion_officer, django_assert_max_num_queries
):
    client = api(diversion_officer)
    make_disposal(by=diversion_officer, interventions=[course()])
    with django_assert_max_num_queries(12):
        assert client.get(URL).json()["count"] == 1
    for _ in range(6):
        make_disposal(by=diversion_officer, interventions=[course()])
    with django_assert_max_num_queries(12):
        assert client.get(URL).json()["count"] == 7


def test_a_filtered_list_is_logged_as_a_search(investigator, diversion_officer):
    disposal = make_disposal(by=diversion_officer)
    response = api(investigator).get(f"{URL}?offender={disposal.offender_id}")
    assert response.json()["count"] == 1
    event = AccessEvent.objects.get(user=investigator, action="search")
    assert event.query == f"offender={disposal.offender_id}"
    assert list(event.people.all()) == [disposal.offender]

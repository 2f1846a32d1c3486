"""IOM API (API.md "IOM cohorts")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AccessEvent
from cohorts.models import IomMembership
from tests.cohorts.factories import MembershipFactory
from tests.factories import OffenderFactory, UserFactory, force

D = dt.date
URL = "/api/v1/cohorts/iom/memberships/"


@pytest.fixture
def api():
    return APIClient()


def adoption(offender, **extra):
    return {
        "offender": offender.pk,
        "cohort": "flexible",
        "adopted_on": "2026-09-01",
        "reason": "Prolific shoplifting",
        **extra,
    }


@pytest.mark.django_db
def test_an_iom_officer_adopts_a_person_and_reads_the_membership_back(api, iom_officer, offender):
    api.force_authenticate(iom_officer)
    response = api.post(
        URL, adoption(offender, ogrs_score=91, managed_in_community=False), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["cohort"] == "flexible"
    assert body["ogrs_band"] == "very_high"
    assert body["lead_officer"] == iom_officer.username
    assert body["managed_in_community"] is False
    assert body["version"] == 1
    assert api.get(f"{URL}{body['id']}/").json()["id"] == body["id"]
    assert AccessEvent.objects.filter(action="view", offender=offender).count() == 1


@pytest.mark.django_db
def test_a_second_open_membership_is_a_400_on_offender(api, iom_officer, offender):
    api.force_authenticate(iom_officer)
    assert api.post(URL, adoption(offender), format="json").status_code == 201
    response = api.post(URL, adoption(offender, cohort="fixed"), format="json")
    assert response.status_code == 400
    assert "already on the IOM scheme" in response.json()["offender"][0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"offender": 999999}, "offender"),
        ({"offender": "abc"}, "offender"),
        ({"cohort": "medium"}, "cohort"),
        ({"adopted_on": "2026-02-30"}, "adopted_on"),
        ({"adopted_on": "2099-01-01"}, "adopted_on"),
        ({"reason": "x" * 1001}, "reason"),
        ({"ogrs_score": 150}, "ogrs_score"),
        ({"lead_officer": "nobody-here"}, "lead_officer"),
    ],
)
def test_bad_adoptions_are_field_level_400s(api, iom_officer, offender, payload, field):
    api.force_authenticate(iom_officer)
    response = api.post(URL, {**adoption(offender), **payload}, format="json")
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.django_db
def test_another_forces_person_cannot_be_adopted(api, iom_officer):
    norfolk_person = OffenderFactory(force=force("norfolk"))
    api.force_authenticate(iom_officer)
    response = api.post(URL, adoption(norfolk_person), format="json")
    assert response.status_code == 400
    assert response.json()["offender"] == ["No such person."]


@pytest.mark.django_db
def test_roles_without_iom_work_are_refused(api, custody_sergeant, analyst, offender):
    api.force_authenticate(custody_sergeant)
    assert api.post(URL, adoption(offender), format="json").status_code == 403
    assert api.get(URL).status_code == 403
    api.force_authenticate(analyst)
    assert api.get(URL).status_code == 403
    assert api.get("/api/v1/cohorts/iom/summary/").status_code == 200
    api.force_authenticate(None)
    assert api.get(URL).status_code == 401


@pytest.mark.django_db
def test_removal_ends_the_membership_and_a_second_removal_is_refused(api, iom_officer, offender):
    api.force_authenticate(iom_officer)
    membership_id = api.post(URL, adoption(offender), format="json").json()["id"]
    response = api.post(
        f"{URL}{membership_id}/removal/",
        {"removed_on": "2026-10-01", "reason": "moved_away"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["removed_on"] == "2026-10-01"
    assert response.json()["version"] == 2
    again = api.post(
        f"{URL}{membership_id}/removal/",
        {"removed_on": "2026-10-02", "reason": "died"},
        format="json",
    )
    assert again.status_code == 400
    assert "non_field_errors" in again.json()


@pytest.mark.django_db
def test_removal_validates_its_input_and_answers_409_for_a_stale_version(
    api, iom_officer, offender
):
    api.force_authenticate(iom_officer)
    membership_id = api.post(URL, adoption(offender), format="json").json()["id"]
    url = f"{URL}{membership_id}/removal/"
    assert (
        "reason"
        in api.post(url, {"removed_on": "2026-10-01", "reason": "bored"}, format="json").json()
    )
    assert (
        "removed_on"
        in api.post(url, {"removed_on": "2026-08-01", "reason": "died"}, format="json").json()
    )
    stale = api.post(
        url, {"removed_on": "2026-10-01", "reason": "died", "version": 9}, format="json"
    )
    assert stale.status_code == 409
    assert (
        api.post(
            f"{URL}999999/removal/", {"removed_on": "2026-10-01", "reason": "died"}, format="json"
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_moves_and_reviews_through_the_api(api, iom_officer, offender):
    api.force_authenticate(iom_officer)
    membership_id = api.post(URL, adoption(offender), format="json").json()["id"]
    moved = api.post(
        f"{URL}{membership_id}/move/",
        {"cohort": "fixed", "moved_on": "2026-10-01", "reason": "Burglary", "version": 1},
        format="json",
    )
    assert moved.status_code == 200, moved.json()
    assert moved.json()["cohort"] == "fixed"
    assert len(moved.json()["move_warnings"]) == 2
    reviewed = api.post(
        f"{URL}{membership_id}/reviews/",
        {"reviewed_on": "2026-10-15", "notes": "ok"},
        format="json",
    )
    assert reviewed.status_code == 201
    assert reviewed.json()["next_review_due_on"] == "2027-01-07"


@pytest.mark.django_db
def test_the_list_filters_by_cohort_status_and_lead_officer(api, iom_officer, supervisor):
    MembershipFactory(cohort="fixed", lead_officer=iom_officer)
    MembershipFactory(cohort="free", lead_officer=supervisor)
    MembershipFactory(
        cohort="fixed", lead_officer=iom_officer, removed_on=D(2026, 3, 1), removal_reason="died"
    )
    MembershipFactory(
        cohort="fixed", lead_officer=iom_officer, offender=OffenderFactory(force=force("norfolk"))
    )
    api.force_authenticate(supervisor)
    assert api.get(URL).json()["count"] == 3
    assert api.get(URL, {"cohort": "fixed"}).json()["count"] == 2
    assert api.get(URL, {"open": "true"}).json()["count"] == 2
    assert api.get(URL, {"lead_officer": iom_officer.username, "open": "true"}).json()["count"] == 1
    assert api.get(URL, {"open_on": "2026-02-01"}).json()["count"] == 3
    assert api.get(URL, {"open_on": "2026-03-01"}).json()["count"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 12])
def test_the_list_costs_the_same_queries_at_any_size(
    api, supervisor, django_assert_max_num_queries, size
):
    lead = UserFactory(roles=["iom_officer"])
    for _ in range(size):
        MembershipFactory(lead_officer=lead)
    api.force_authenticate(supervisor)
    # The bulk-read access-log event and one bulk insert linking everyone listed.
    with django_assert_max_num_queries(7):
        body = api.get(URL).json()
    assert body["count"] == size


@pytest.mark.django_db
def test_the_summary_counts_the_callers_force_on_a_date(api, supervisor):
    lead = UserFactory(roles=["iom_officer"])
    in_prison = OffenderFactory(in_prison_since=D(2026, 5, 1))
    MembershipFactory(cohort="fixed", adopted_on=D(2026, 1, 5), lead_officer=lead)
    MembershipFactory(
        cohort="fixed", adopted_on=D(2026, 4, 1), lead_officer=lead, offender=in_prison
    )
    MembershipFactory(
        cohort="flexible",
        adopted_on=D(2026, 5, 1),
        lead_officer=lead,
        removed_on=D(2026, 6, 30),
        removal_reason="reduced_risk",
    )
    MembershipFactory(
        cohort="free",
        adopted_on=D(2026, 6, 1),
        lead_officer=lead,
        managed_in_community_override=False,
    )
    MembershipFactory(
        cohort="free",
        adopted_on=D(2026, 6, 1),
        lead_officer=lead,
        offender=OffenderFactory(force=force("norfolk")),
    )
    api.force_authenticate(supervisor)
    body = api.get("/api/v1/cohorts/iom/summary/", {"on": "2026-06-30"}).json()
    assert body == {
        "on": "2026-06-30",
        "since": "2026-04-01",
        "fixed": 2,
        "flexible": 0,
        "free": 1,
        "total": 3,
        # the first fixed member only: one in prison since May, the free one overridden
        "managed_in_community": 1,
        "adoptions": 3,
        "removals": 1,
    }
    body = api.get(
        "/api/v1/cohorts/iom/summary/", {"on": "2026-04-30", "since": "2026-01-01"}
    ).json()
    assert (body["fixed"], body["total"], body["managed_in_community"], body["adoptions"]) == (
        2,
        2,
        2,
        2,
    )


@pytest.mark.django_db
def test_the_summary_refuses_bad_dates(api, supervisor):
    api.force_authenticate(supervisor)
    assert "on" in api.get("/api/v1/cohorts/iom/summary/", {"on": "yesterday"}).json()
    response = api.get("/api/v1/cohorts/iom/summary/", {"on": "2026-01-01", "since": "2026-02-01"})
    assert response.status_code == 400 and "since" in response.json()


@pytest.mark.django_db
def test_the_summary_defaults_to_today(api, supervisor):
    api.force_authenticate(supervisor)
    assert api.get("/api/v1/cohorts/iom/summary/").json()["on"] == timezone.localdate().isoformat()


@pytest.mark.django_db
def test_adoption_through_the_api_is_one_row(api, iom_officer, offender):
    api.force_authenticate(iom_officer)
    api.post(URL, adoption(offender), format="json")
    assert IomMembership.objects.count() == 1


@pytest.mark.django_db
def test_no_input_gives_a_500(api, iom_officer):
    person = OffenderFactory()
    api.force_authenticate(iom_officer)
    for params in [
        {"open_on": "bad"},
        {"ordering": "nonsense"},
        {"page": "999"},
        {"offender": "abc"},
        {"offender": str(10**30)},
        {"lead_officer": "x" * 500},
        {"cohort": "zzz"},
        {"open": "maybe"},
        {"adopted_after": "2026-02-31"},
        {"page_size": "-1"},
    ]:
        assert api.get(URL, params).status_code < 500, params
    good = {"offender": person.pk, "cohort": "fixed", "adopted_on": "2026-01-01", "reason": "x"}
    for body in [
        {"offender": [1]},
        {"offender": None},
        {**good, "offender": 10**30},
        {**good, "adopted_on": "0001-01-01"},
        {**good, "managed_in_community": "maybe"},
        {**good, "reason": "\x00"},
        {**good, "probation_contact": None},
        "not json",
        [1, 2],
    ]:
        assert api.post(URL, body, format="json").status_code == 400, body
    for query in [
        {"on": "9999-12-31"},
        {"on": "0001-01-01"},
        {"on": "2026-01-01", "since": "0001-01-01"},
    ]:
        assert api.get("/api/v1/cohorts/iom/summary/", query).status_code == 400, query
    membership_id = api.post(URL, good, format="json").json()["id"]
    for body in [
        {"removed_on": "0001-01-01", "reason": "died"},
        {"removed_on": "2026-01-01", "reason": "died", "version": "x"},
        {"removed_on": "2026-01-01", "reason": "died", "version": 10**20},
        {"removed_on": "2026-01-01", "reason": "died", "note": "n" * 1001},
    ]:
        assert api.post(f"{URL}{membership_id}/removal/", body, format="json").status_code == 400, (
            body
        )


@pytest.mark.django_db
def test_a_patch_changes_the_details_hands_the_review_over_and_refuses_a_stale_version(
    api, iom_officer, supervisor, offender
):
    from deadlines.models import Deadline

    api.force_authenticate(iom_officer)
    membership_id = api.post(URL, adoption(offender), format="json").json()["id"]
    due = Deadline.objects.get().due_at
    url = f"{URL}{membership_id}/"
    response = api.patch(
        url,
        {"version": 1, "lead_officer": supervisor.username, "managed_in_community": False},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["lead_officer"], body["managed_in_community"], body["version"]) == (
        supervisor.username,
        False,
        2,
    )
    open_review = Deadline.objects.get(status="open")
    assert (open_review.owner_user, open_review.due_at) == (supervisor, due)
    stale = api.patch(url, {"version": 1, "probation_contact": "PO New"}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    back = api.patch(url, {"version": 2, "managed_in_community": None}, format="json").json()
    assert (
        back["managed_in_community_override"],
        back["managed_in_community"],
        back["version"],
    ) == (None, True, 3)
    assert (
        api.patch(url, {"version": 3, "lead_officer": "nobody"}, format="json").status_code == 400
    )
    assert (
        api.patch(url, {"probation_contact": "x"}, format="json").status_code == 400
    )  # version required

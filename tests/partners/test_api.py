"""Partners API (API.md "Partners and pathways" and the reoffending report)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AccessEvent
from tests.factories import OffenderFactory, UserFactory, force
from tests.partners.conftest import area, make_service

pytestmark = pytest.mark.django_db
SERVICES = "/api/v1/partners/services/"
REFERRALS = "/api/v1/partners/referrals/"


@pytest.fixture
def api():
    return APIClient()


def new_service(**extra):
    return {
        "code": "wonder",
        "name": "WONDER",
        "provider": "WONDER partnership",
        "needs": ["women", "mental_health"],
        "districts": ["south", "east"],
        "eligibility": {"min_age": 18, "gender": "female", "cohorts": ["iom"]},
        "capacity": 40,
        "places_free": 6,
        "funding_ends_on": "2027-01-31",
        **extra,
    }


def test_an_admin_adds_a_service_and_everyone_reads_the_directory(api, admin_user, analyst):
    api.force_authenticate(admin_user)
    response = api.post(SERVICES, new_service(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body["needs"]) == {"women", "mental_health"}
    assert set(body["districts"]) == {"south", "east"}
    assert body["eligibility"]["gender"] == "female"
    assert body["version"] == 1
    api.force_authenticate(analyst)
    listed = api.get(SERVICES, {"need": "women", "district": "south"}).json()
    assert {s["code"] for s in listed["results"]} == {"wonder", "oocd-womens-centre"}
    listed = api.get(SERVICES, {"need": "women", "district": "west"}).json()
    assert [s["code"] for s in listed["results"]] == ["oocd-womens-centre"]  # force-wide
    assert api.post(SERVICES, new_service(code="x"), format="json").status_code == 403


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"needs": ["flying"]}, "needs"),
        ({"needs": []}, "needs"),
        ({"districts": ["norwich"]}, "districts"),
        ({"places_free": 41}, "places_free"),
        ({"eligibility": {"min_age": 30, "max_age": 20}}, "max_age"),
        ({"code": "Not a slug!"}, "code"),
        ({"funding_ends_on": "2027-02-30"}, "funding_ends_on"),
    ],
)
def test_bad_service_input_is_a_field_level_400(api, admin_user, extra, field):
    api.force_authenticate(admin_user)
    response = api.post(SERVICES, new_service(**extra), format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_a_stale_version_is_a_409(api, admin_user):
    api.force_authenticate(admin_user)
    api.post(SERVICES, new_service(), format="json")
    url = f"{SERVICES}wonder/"
    assert api.patch(url, {"version": 1, "places_free": 2}, format="json").status_code == 200
    assert api.get(url).json()["places_free"] == 2
    assert api.patch(url, {"version": 1, "places_free": 3}, format="json").status_code == 409


def test_referral_and_progress_through_the_api(api, iom_officer):
    person = OffenderFactory()
    make_service()
    api.force_authenticate(iom_officer)
    response = api.post(
        REFERRALS,
        {
            "offender": person.pk,
            "service": "housing-south",
            "need": "accommodation",
            "referred_on": timezone.localdate().isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "referred"
    url = f"{REFERRALS}{body['id']}/progress/"
    today = timezone.localdate().isoformat()
    bad = api.post(url, {"status": "completed", "on": today}, format="json")
    assert bad.status_code == 400 and "status" in bad.json()
    ok = api.post(url, {"status": "accepted", "on": today, "version": 1}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
    stale = api.post(url, {"status": "engaged", "on": today, "version": 1}, format="json")
    assert stale.status_code == 409
    assert api.get(REFERRALS, {"offender": person.pk}).json()["count"] == 1
    listed = AccessEvent.objects.filter(action="search", purpose="Partner referrals").latest("pk")
    assert list(listed.people.values_list("pk", flat=True)) == [person.pk]


def test_a_person_of_another_force_is_no_such_person(api, norfolk_sergeant):
    make_service()
    suffolk_person = OffenderFactory()
    api.force_authenticate(norfolk_sergeant)
    response = api.post(
        REFERRALS,
        {"offender": suffolk_person.pk, "service": "rj-hub", "referred_on": "2026-01-01"},
        format="json",
    )
    assert response.status_code == 400 and "offender" in response.json()
    assert api.get(f"{REFERRALS}999999999999/").status_code == 404
    assert api.get(f"{SERVICES}housing-south/").status_code == 404  # Suffolk's service


def test_the_gap_api_answers_per_need_for_a_district(api, supervisor, iom_officer):
    make_service(places_free=2)
    person = OffenderFactory(home_area=area("south"))
    api.force_authenticate(iom_officer)
    api.post(
        "/api/v1/partners/needs/",
        {
            "offender": person.pk,
            "need": "accommodation",
            "source_kind": "iom",
            "assessed_on": timezone.localdate().isoformat(),
        },
        format="json",
    )
    api.force_authenticate(supervisor)
    rows = api.get("/api/v1/partners/gaps/", {"district": "south"}).json()
    accommodation = next(r for r in rows if r["need"] == "accommodation")
    assert accommodation == {
        "district": "south",
        "need": "accommodation",
        "people_with_need": 1,
        "places": 2,
        "services": 1,
        "referrals_waiting": 0,
        "referrals_declined": 0,
        "shortfall": 0,
        "status": "covered",
    }
    assert api.get("/api/v1/partners/gaps/", {"district": "norwich"}).status_code == 400


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"cohort": "iom"}, 200, None),
        (
            {"cohort": "oocd:community_resolution", "from": "2024-01-01", "to": "2024-12-31"},
            200,
            None,
        ),
        ({"cohort": "service:rj-hub"}, 200, None),
        ({"cohort": "dapu"}, 400, "cohort"),
        ({"cohort": "service:nothing"}, 400, "cohort"),
        ({"cohort": "iom", "from": "2025-01-01", "to": "2024-01-01"}, 400, "to"),
        ({"cohort": "iom", "from": "not-a-date"}, 400, "from"),
        ({}, 400, "cohort"),
    ],
)
def test_the_reoffending_report_answers_or_explains(api, analyst, params, status, field):
    api.force_authenticate(analyst)
    response = api.get("/api/v1/reports/reoffending/", params)
    assert response.status_code == status, response.json()
    body = response.json()
    if field:
        assert field in body
    else:
        for key in ("cohort_size", "reoffenders", "rate", "reoffences", "per_reoffender"):
            assert key in body
        assert body["suppression_threshold"] == 10
        assert set(body["groups"]) == {"engaged", "not_engaged"}


def test_only_figure_roles_see_the_gap_map_and_reoffending(api, custody_sergeant):
    api.force_authenticate(custody_sergeant)
    assert api.get("/api/v1/partners/gaps/").status_code == 403
    assert api.get("/api/v1/reports/reoffending/?cohort=iom").status_code == 403
    assert api.get(SERVICES).status_code == 200
    api.force_authenticate(UserFactory(username="nobody"))
    assert api.get(SERVICES).status_code == 403
    _ = force


def test_a_conviction_is_recorded_on_an_offence_of_a_visible_person(
    api, iom_officer, norfolk_sergeant
):
    from offenders.models import Offence, OffenceType

    person = OffenderFactory()
    offence = Offence.objects.create(
        offender=person,
        offence_type=OffenceType.objects.get(code="shoplifting"),
        committed_on="2026-01-05",
        outcome="1",
        outcome_on="2026-01-06",
    )
    url = "/api/v1/partners/offence-proofs/"
    api.force_authenticate(iom_officer)
    early = api.post(
        url, {"offence": offence.pk, "kind": "conviction", "proved_on": "2026-01-01"}, format="json"
    )
    assert early.status_code == 400 and "proved_on" in early.json()
    ok = api.post(
        url, {"offence": offence.pk, "kind": "conviction", "proved_on": "2026-03-01"}, format="json"
    )
    assert ok.status_code == 201 and ok.json()["proved_on"] == "2026-03-01"
    api.force_authenticate(norfolk_sergeant)
    other = api.post(
        url, {"offence": offence.pk, "kind": "caution", "proved_on": "2026-03-01"}, format="json"
    )
    assert other.status_code == 400 and "offence" in other.json()

"""The wanted API as a client uses it (API.md "Wanted persons and outstanding suspects")."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from audit.models import AccessEvent
from tests.factories import OffenderFactory, force
from tests.wanted.conftest import NECESSITY, NOW, TODAY, circulate, suspect, warrant
from wanted import services

pytestmark = pytest.mark.django_db

WANTED = "/api/v1/wanted/"


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def payload(offender, district, **extra):
    return {
        "offender": offender.pk,
        "reason": "arrest_necessary",
        "offence": "Robbery",
        "circulated_on": "2026-11-19",
        "district": district.pk,
        "necessity": NECESSITY,
        **extra,
    }


def test_it_circulates_and_answers_the_id_and_next_review(investigator, offender, south):
    answer = api(investigator).post(WANTED, payload(offender, south), format="json")
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["id"] and body["next_review_due"] == "2026-12-17"
    assert body["reason"] == "arrest_necessary" and body["open"] is True
    assert body["version"] == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reason": "fancy"}, "reason"),
        ({"circulated_on": "2026-13-01"}, "circulated_on"),
        ({"circulated_on": "2026-12-25"}, "circulated_on"),
        ({"necessity": "x"}, "necessity"),
        ({"reason": "failed_to_answer_bail"}, "bail_case"),
        ({"offender": 99999999999}, "offender"),
        ({"district": "east"}, "district"),
    ],
)
def test_it_answers_a_field_level_400(investigator, offender, south, change, field):
    body = {**payload(offender, south), **change}
    answer = api(investigator).post(WANTED, body, format="json")
    assert answer.status_code == 400
    assert field in answer.json()


def test_a_person_of_another_force_is_an_invalid_choice(investigator, south):
    norfolk_person = OffenderFactory(force=force("norfolk"))
    answer = api(investigator).post(WANTED, payload(norfolk_person, south), format="json")
    assert answer.status_code == 400 and "offender" in answer.json()


def test_reviews_and_end(investigator, offender):
    circulation = circulate(offender, investigator)
    client = api(investigator)
    review = client.post(
        f"{WANTED}{circulation.pk}/reviews/",
        {"held_on": "2026-11-20", "note": "Still outstanding", "version": 1},
        format="json",
    )
    assert review.status_code == 201, review.json()
    assert review.json()["next_review_due"] == "2026-12-18"
    stale = client.post(
        f"{WANTED}{circulation.pk}/end/",
        {"ended_on": "2026-11-20", "outcome": "surrendered", "version": 1},
        format="json",
    )
    assert stale.status_code == 409
    end = client.post(
        f"{WANTED}{circulation.pk}/end/",
        {"ended_on": "2026-11-20", "outcome": "surrendered", "version": 2},
        format="json",
    )
    assert end.status_code == 200, end.json()
    assert end.json()["outcome"] == "surrendered" and end.json()["open"] is False


def test_the_list_filters_by_district_and_open(investigator, offender, south, east):
    in_south = circulate(offender, investigator, district=south)
    circulate(OffenderFactory(), investigator, district=east)
    ended = circulate(OffenderFactory(), investigator, district=south)
    services.end_circulation(
        circulation=ended, ended_on=TODAY, outcome="arrested", by=investigator, now=NOW
    )
    answer = api(investigator).get(WANTED, {"district": south.pk, "open": "true"})
    assert answer.status_code == 200
    assert [r["id"] for r in answer.json()["results"]] == [in_south.pk]
    assert AccessEvent.objects.filter(user=investigator, detail__api="wanted").exists()


def test_another_forces_circulation_is_not_found(investigator, offender, norfolk_sergeant):
    circulation = circulate(offender, investigator)
    assert api(norfolk_sergeant).get(f"{WANTED}{circulation.pk}/").status_code == 404
    assert api(norfolk_sergeant).get(WANTED).json()["count"] == 0


def test_roles_without_wanted_work_are_refused(analyst, offender, investigator):
    assert api(analyst).get(WANTED).status_code == 403
    assert api(analyst).get("/api/v1/outstanding-suspects/").status_code == 403


def test_custody_may_read_but_not_circulate(custody_sergeant, offender, south):
    assert api(custody_sergeant).get(WANTED).status_code == 200
    answer = api(custody_sergeant).post(WANTED, payload(offender, south), format="json")
    assert answer.status_code == 403


def test_outstanding_suspects_list_by_district(investigator, offender, south, east):
    mine = suspect(offender, investigator, district=south)
    suspect(OffenderFactory(), investigator, district=east)
    answer = api(investigator).get("/api/v1/outstanding-suspects/", {"district": south.pk})
    assert [r["id"] for r in answer.json()["results"]] == [mine.pk]
    resolved = api(investigator).post(
        f"/api/v1/outstanding-suspects/{mine.pk}/resolve/",
        {"resolved_on": "2026-11-20", "resolution": "arrested"},
        format="json",
    )
    assert resolved.status_code == 200 and resolved.json()["resolution"] == "arrested"


def test_warrants_and_voluntary_attenders(investigator, offender):
    answer = api(investigator).post(
        "/api/v1/warrants/",
        {
            "offender": offender.pk,
            "kind": "arrest",
            "court": "Norwich Crown Court",
            "issued_on": "2026-11-01",
            "backed_for_bail": True,
        },
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["backed_for_bail"] is True
    attendance = api(investigator).post(
        "/api/v1/voluntary-attenders/",
        {"offender": offender.pk, "interviewed_on": "2026-11-18", "offence": "Assault"},
        format="json",
    )
    assert attendance.status_code == 201, attendance.json()
    outcome = api(investigator).post(
        f"/api/v1/voluntary-attenders/{attendance.json()['id']}/outcome/",
        {"outcome": "charged", "outcome_on": "2026-11-17"},
        format="json",
    )
    assert outcome.status_code == 400 and "outcome_on" in outcome.json()


def test_the_monthly_list_shows_what_changed(investigator, offender, south):
    old = circulate(offender, investigator, district=south, circulated_on=dt.date(2026, 9, 1))
    new = circulate(
        OffenderFactory(), investigator, district=south, circulated_on=dt.date(2026, 11, 2)
    )
    gone = suspect(
        OffenderFactory(), investigator, district=south, identified_on=dt.date(2026, 10, 1)
    )
    services.resolve_suspect(
        suspect=gone,
        resolved_on=dt.date(2026, 11, 3),
        resolution="nfa",
        by=investigator,
        now=NOW,
    )
    warrant(OffenderFactory(), investigator, district=south)
    answer = api(investigator).get(
        f"{WANTED}monthly-list/", {"district": south.pk, "month": "2026-11"}
    )
    assert answer.status_code == 200, answer.json()
    body = answer.json()
    assert body["list_date"] == "2026-11-20"
    assert [(r["kind"], r["id"], r["change"]) for r in body["open"]][:2] == [
        ("wanted", old.pk, "continuing"),
        ("wanted", new.pk, "new"),
    ]
    assert [(r["kind"], r["change"]) for r in body["ended"]] == [("suspect", "ended")]
    counts = {c["kind"]: c for c in body["counts"]}
    assert counts["wanted"] == {"kind": "wanted", "open": 2, "last_month": 1, "new": 1, "ended": 0}
    assert counts["suspect"]["ended"] == 1


@pytest.mark.parametrize(
    "query", [{"month": "2026-13"}, {"month": "2027-01"}, {"district": "999999"}]
)
def test_the_monthly_list_refuses_bad_input(investigator, query):
    answer = api(investigator).get(f"{WANTED}monthly-list/", query)
    assert answer.status_code == 400


def test_the_performance_list_is_for_supervisors(supervisor, investigator, offender):
    circulate(offender, investigator, circulated_on=TODAY - dt.timedelta(days=120))
    circulate(OffenderFactory(), investigator, circulated_on=TODAY - dt.timedelta(days=10))
    assert api(investigator).get(f"{WANTED}performance-list/").status_code == 403
    answer = api(supervisor).get(f"{WANTED}performance-list/", {"age": 90})
    assert answer.status_code == 200
    assert [r["age_days"] for r in answer.json()["results"]] == [120]


def test_list_query_count_does_not_grow(investigator, django_assert_max_num_queries):
    for _ in range(3):
        circulate(OffenderFactory(), investigator)
    with django_assert_max_num_queries(12):
        api(investigator).get(WANTED)
    for _ in range(10):
        circulate(OffenderFactory(), investigator)
    with django_assert_max_num_queries(12):
        api(investigator).get(WANTED)

"""The people API through its public interface (API.md "Offenders")."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from audit.models import AccessEvent
from offenders.models import Alias, Marker, Offender
from offenders.rules import make_pnc_id
from tests.factories import OffenderFactory, force
from tests.offenders.factories import alias, person

URL = "/api/v1/offenders/"


@pytest.fixture
def api(custody_sergeant):
    client = APIClient()
    client.force_authenticate(custody_sergeant)
    return client


def valid(**overrides):
    data = {
        "first_name": "Amelia",
        "last_name": "Hart",
        "date_of_birth": "1992-04-03",
        "gender": "female",
        "force": "suffolk",
        "pnc_id": make_pnc_id(2011, 123456),
        "ethnicity": "W1",
    }
    data.update(overrides)
    return data


def test_it_creates_a_person_with_aliases_and_logs_the_creation(api, custody_sergeant):
    response = api.post(
        URL,
        valid(aliases=[{"first_name": "Amy", "last_name": "Heart", "date_of_birth": "1992-04-03"}]),
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["pnc_id"] == make_pnc_id(2011, 123456)
    assert body["version"] == 1
    assert [a["last_name"] for a in body["aliases"]] == ["Heart"]
    assert body["summary"] == {
        "in_custody": False,
        "bail_status": None,
        "charging_file_status": None,
        "cohorts": [],
        "open_deadlines": 0,
        "wanted": False,
        "outstanding_warrants": 0,
        "outstanding_suspect": False,
    }
    person = Offender.objects.get(pk=body["id"])
    assert AccessEvent.objects.filter(
        offender=person, action="create", user=custody_sergeant
    ).exists()


def test_it_refuses_a_wrong_check_letter_and_saves_nothing(api):
    good = make_pnc_id(2011, 123456)
    wrong = good[:-1] + ("A" if good[-1] != "A" else "B")
    response = api.post(URL, valid(pnc_id=wrong), format="json")
    assert response.status_code == 400
    assert "check letter" in response.json()["pnc_id"][0]
    assert not Offender.objects.exists()


@pytest.mark.parametrize("pnc", ["2011/12345", "11/0123456X", "abcd", "2011-0123456Z"])
def test_it_refuses_a_malformed_pnc_id(api, pnc):
    response = api.post(URL, valid(pnc_id=pnc), format="json")
    assert response.status_code == 400
    assert "pnc_id" in response.json()
    assert not Offender.objects.exists()


def test_it_refuses_a_pnc_id_someone_else_has(api):
    OffenderFactory(pnc_id=make_pnc_id(2011, 123456))
    response = api.post(URL, valid(), format="json")
    assert response.status_code == 400
    assert response.json()["pnc_id"] == ["Another person already has this PNC ID."]
    assert Offender.objects.count() == 1


def test_it_refuses_a_date_of_birth_in_the_future(api):
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    response = api.post(URL, valid(date_of_birth=tomorrow.isoformat()), format="json")
    assert response.status_code == 400
    assert "date_of_birth" in response.json()
    assert not Offender.objects.exists()


def test_it_refuses_a_date_of_birth_before_1900(api):
    response = api.post(URL, valid(date_of_birth="1899-12-31"), format="json")
    assert response.status_code == 400
    assert "1900" in response.json()["date_of_birth"][0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ethnicity", "Z9"),
        ("officer_ethnicity", "IC9"),
        ("gender", "robot"),
        ("home_area", "atlantis"),
        ("date_of_birth", "17/05/1990x"),
        ("first_name", "x" * 101),
        ("force", "gotham"),
    ],
)
def test_each_bad_value_is_a_field_error_and_nothing_is_saved(api, field, value):
    response = api.post(URL, valid(**{field: value}), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Offender.objects.exists()


def test_a_bad_alias_saves_neither_the_person_nor_the_aliases(api):
    response = api.post(URL, valid(aliases=[{"first_name": "Amy", "last_name": ""}]), format="json")
    assert response.status_code == 400
    assert "aliases" in response.json()
    assert not Offender.objects.exists() and not Alias.objects.exists()


def test_it_refuses_to_create_a_person_in_another_force(api):
    response = api.post(URL, valid(force="norfolk"), format="json")
    assert response.status_code == 400
    assert "force" in response.json()


def test_it_updates_with_the_current_version_and_logs_it(api, custody_sergeant):
    someone = person("Amelia", "Hart")
    response = api.patch(f"{URL}{someone.pk}/", {"version": 1, "last_name": "Harte"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["last_name"] == "Harte"
    assert response.json()["version"] == 2
    event = AccessEvent.objects.get(offender=someone, action="update")
    assert event.detail == {"changed": ["last_name"]}


def test_a_stale_version_is_a_conflict_and_changes_nothing(api):
    someone = person("Amelia", "Hart")
    api.patch(f"{URL}{someone.pk}/", {"version": 1, "last_name": "Harte"}, format="json")
    response = api.patch(
        f"{URL}{someone.pk}/", {"version": 1, "last_name": "Hearts"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    someone.refresh_from_db()
    assert someone.last_name == "Harte"


def test_an_update_without_a_version_is_refused(api):
    someone = person("Amelia", "Hart")
    response = api.patch(f"{URL}{someone.pk}/", {"last_name": "Harte"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()


def test_the_detail_has_the_summary_and_is_logged_as_a_view(api, custody_sergeant):
    from deadlines.services import open_deadline

    someone = person("Amelia", "Hart")
    now = dt.datetime.now(dt.UTC)
    open_deadline(
        kind="rui_review",
        title="RUI review",
        force=someone.force,
        due_at=now + dt.timedelta(days=3),
        offender=someone,
    )
    response = api.get(f"{URL}{someone.pk}/")
    assert response.status_code == 200
    assert response.json()["summary"]["open_deadlines"] == 1
    assert (
        AccessEvent.objects.filter(offender=someone, action="view", user=custody_sergeant).count()
        == 1
    )


def test_another_forces_person_is_not_found(api):
    norfolk = OffenderFactory(force=force("norfolk"))
    assert api.get(f"{URL}{norfolk.pk}/").status_code == 404
    assert api.get(f"{URL}999999999/").status_code == 404
    assert api.get(f"{URL}99999999999999999999999/").status_code == 404


def test_analysts_may_not_list_people(analyst):
    client = APIClient()
    client.force_authenticate(analyst)
    assert client.get(URL).status_code == 403


def test_search_finds_by_alias_with_a_typo_and_is_logged(api, custody_sergeant):
    someone = person("Peter", "Brown")
    alias(someone, "Paddy", "Oconnor")
    person("Sarah", "Jones")
    response = api.get(URL, {"search": "paddy oconner"})
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [someone.pk]
    assert AccessEvent.objects.filter(
        action="search", query="paddy oconner", user=custody_sergeant
    ).exists()


def test_the_list_filters_by_marker_area_and_pnc(api, custody_sergeant):
    suffolk = force("suffolk")
    east = suffolk.areas.get(code="east")
    violent = person("Vic", "Lent", home_area=east)
    Marker.objects.create(offender=violent, kind="violence", added_on=dt.date(2024, 1, 1))
    no_pnc = person("Nemo", "Pnc", pnc_id=None)
    ids = lambda r: {x["id"] for x in r.json()["results"]}  # noqa: E731
    assert ids(api.get(URL, {"marker": "violence"})) == {violent.pk}
    assert ids(api.get(URL, {"area": "east"})) == {violent.pk}
    assert ids(api.get(URL, {"has_pnc": "false"})) == {no_pnc.pk}
    assert violent.pk in ids(api.get(URL, {"has_pnc": "true"}))
    assert api.get(URL, {"marker": "unicorn"}).status_code == 400


def test_sub_records_are_added_with_field_errors_for_bad_input(api):
    someone = person("Amelia", "Hart")
    base = f"{URL}{someone.pk}"
    assert (
        api.post(f"{base}/markers/", {"kind": "weapons", "details": "Carries a knife"}).status_code
        == 201
    )
    assert api.post(f"{base}/markers/", {"kind": "nonsense"}).status_code == 400
    ok = {
        "line1": "1 High Street",
        "town": "Ipswich",
        "postcode": "ip12ab",
        "from_date": "2020-01-01",
    }
    response = api.post(f"{base}/addresses/", ok)
    assert response.status_code == 201 and response.json()["postcode"] == "IP1 2AB"
    assert api.post(f"{base}/addresses/", {**ok, "postcode": "nowhere"}).status_code == 400
    assert api.post(f"{base}/aliases/", {"last_name": "Harte"}).status_code == 201
    good = {"offence_type": "shoplifting", "committed_on": "2023-05-01", "outcome": "1"}
    assert api.post(f"{base}/offences/", good).status_code == 201
    assert "offence_type" in api.post(f"{base}/offences/", {**good, "offence_type": "x"}).json()
    assert "outcome" in api.post(f"{base}/offences/", {**good, "outcome": "99"}).json()


@pytest.mark.parametrize("size", [5, 40])
def test_the_list_endpoint_query_count_does_not_grow_with_the_page(
    api, django_assert_max_num_queries, size
):
    for i in range(size):
        p = OffenderFactory()
        alias(p, "A", f"Alias{i}")
        Marker.objects.create(offender=p, kind="drugs", added_on=dt.date(2024, 1, 1))
    # +2 since bulk reads are logged: the access-log event and one bulk insert of its links.
    with django_assert_max_num_queries(10):
        response = api.get(URL, {"page_size": 100})
    assert response.json()["count"] == size


@pytest.mark.parametrize("size", [5, 40])
def test_the_search_endpoint_query_count_does_not_grow_with_the_results(
    api, django_assert_max_num_queries, size
):
    for _ in range(size):
        p = OffenderFactory(last_name="Smith")
        alias(p, "A", "Smithy")
    # +1 since searches link their results: one bulk insert of links.
    with django_assert_max_num_queries(11):
        response = api.get(URL, {"search": "smith", "page_size": 100})
    assert response.json()["count"] == size


ODD_QUERIES = [
    {"search": "x" * 5000},
    {"search": "%_\\'\";--"},
    {"search": "2008/"},
    {"search": "31/02/1990"},
    {"search": "0000/0000000Z"},
    {"has_pnc": "maybe"},
    {"ordering": "nonsense"},
    {"page": "999"},
    {"page_size": "-1"},
    {"area": "x" * 300},
]


@pytest.mark.parametrize("params", ODD_QUERIES)
def test_odd_list_queries_never_give_a_500(api, params):
    person("John", "Smith")
    assert api.get(URL, params).status_code in {200, 400, 404}


@pytest.mark.parametrize(
    "body",
    [
        {"version": "abc"},
        {"version": 1, "date_of_birth": "2999-01-01"},
        {"version": 1, "pnc_id": None, "home_area": ""},
        {"version": 1, "first_name": ""},
        {"version": 1, "in_prison_since": "2999-01-01"},
        {"version": 1, "force": "norfolk"},
        [],
        "nonsense",
    ],
)
def test_odd_updates_never_give_a_500(api, body):
    someone = person("John", "Smith")
    response = api.patch(f"{URL}{someone.pk}/", body, format="json")
    assert response.status_code in {200, 400}


def test_odd_merges_never_give_a_500(supervisor):
    someone = person("John", "Smith")
    client = APIClient()
    client.force_authenticate(supervisor)
    for body in (
        {},
        {"duplicate": "x", "reason": "r"},
        {"duplicate": someone.pk, "reason": "same"},
        {"duplicate": 10**30, "reason": "r"},
    ):
        assert client.post(f"{URL}{someone.pk}/merge/", body, format="json").status_code == 400

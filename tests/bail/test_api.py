"""The bail API as a client uses it: answers, refusals and filters (API.md "Bail and
released under investigation")."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from audit.models import AccessEvent
from bail import services
from core.calendar import end_of_day
from deadlines.models import Deadline
from tests.bail.conftest import NOW, TODAY, arrested_for_end, open_bail
from tests.factories import OffenderFactory, UserFactory, force

pytestmark = pytest.mark.django_db

d = dt.date
CASES = "/api/v1/bail/cases/"


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def extend(user, case, **payload):
    body = {
        "decided_on": "2026-11-22",
        "authority": "inspector",
        "authorised_by": {"name": "Ian Moss", "rank": "inspector"},
        **payload,
    }
    return api(user).post(f"{CASES}{case.pk}/extensions/", body, format="json")


# --- Opening a case ----------------------------------------------------------------------------


def test_it_opens_bail_with_the_periods_from_the_rules(bail_officer, offender):
    response = api(bail_officer).post(
        CASES,
        {
            "offender": offender.pk,
            "arrested_on": "2026-11-12",
            "status": "bail",
            "conditions": [{"text": "Reside at 1 High Street", "protects_victim": False}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["regime"] == "2022"
    assert (body["bail_start_date"], body["bail_period_ends"], body["return_date"]) == (
        "2026-11-13",
        "2027-02-12",
        "2027-02-12",
    )
    assert body["status"] == "bail"
    assert body["charging_file_status"] == "On bail until 12 Feb 2027"
    assert [c["text"] for c in body["conditions"]] == ["Reside at 1 High Street"]
    assert Deadline.objects.get().due_at == end_of_day(d(2027, 2, 12))


def test_it_opens_an_agency_case_with_six_months(bail_officer, offender):
    response = api(bail_officer).post(
        CASES,
        {"offender": offender.pk, "arrested_on": "2026-11-12", "status": "bail", "agency": "sfo"},
        format="json",
    )
    assert response.json()["bail_period_ends"] == "2027-05-12"


def test_it_opens_an_rui_case_with_a_review_date_and_no_bail_dates(bail_officer, offender):
    response = api(bail_officer).post(
        CASES,
        {"offender": offender.pk, "arrested_on": "2026-11-12", "status": "rui"},
        format="json",
    )
    body = response.json()
    assert (body["status"], body["bail_period_ends"], body["next_rui_review_due"]) == (
        "rui",
        None,
        "2027-02-09",
    )
    assert body["charging_file_status"] == "Released under investigation"


def test_an_unknown_person_and_another_forces_person_get_the_same_answer(bail_officer):
    norfolk_person = OffenderFactory(force=force("norfolk"))
    answers = []
    for offender_id in (norfolk_person.pk, 999999):
        response = api(bail_officer).post(
            CASES,
            {"offender": offender_id, "arrested_on": "2026-11-12", "status": "bail"},
            format="json",
        )
        assert response.status_code == 400
        answers.append(response.json()["offender"][0].replace(str(offender_id), "ID"))
    assert answers[0] == answers[1]


def test_victim_protecting_conditions_without_views_are_refused_on_victim_views(
    bail_officer, offender
):
    response = api(bail_officer).post(
        CASES,
        {
            "offender": offender.pk,
            "arrested_on": "2026-11-12",
            "status": "bail",
            "conditions": [{"text": "No contact with the complainant", "protects_victim": True}],
            "victim_views": {"sought": True, "views": ""},
        },
        format="json",
    )
    assert response.status_code == 400
    assert "not what they were" in response.json()["victim_views"][0]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"arrested_on": "2017-04-02"}, "arrested_on"),
        ({"arrested_on": "2026-11-23"}, "arrested_on"),
        ({"arrested_on": "not a date"}, "arrested_on"),
        ({"status": "lapsed"}, "status"),
        ({"agency": "mi5"}, "agency"),
        ({"offence": "x" * 301}, "offence"),
        ({"return_date": "2027-01-01"}, "return_date"),
        ({"return_date": "2027-03-01"}, "return_date"),
        ({"status": "rui", "conditions": [{"text": "Curfew"}]}, "conditions"),
        ({"conditions": [{"text": ""}]}, "conditions"),
        ({"district": 999999}, "district"),
        ({"officer_in_case": 999999}, "officer_in_case"),
    ],
)
def test_bad_input_is_a_field_level_400(bail_officer, offender, payload, field):
    body = {"offender": offender.pk, "arrested_on": "2026-11-12", "status": "bail", **payload}
    response = api(bail_officer).post(CASES, body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_roles_without_bail_work_are_refused(analyst, iom_officer, offender):
    body = {"offender": offender.pk, "arrested_on": "2026-11-12", "status": "bail"}
    assert api(analyst).post(CASES, body, format="json").status_code == 403
    assert api(iom_officer).get(CASES).status_code == 403
    assert APIClient().get(CASES).status_code == 401


# --- Extensions ---------------------------------------------------------------------------------

# Arrested 12 Nov 2026, bail starts 13 Nov: 3 months ends 12 Feb 2027.
LAWFUL = [
    pytest.param([], "inspector", "inspector", False, "2027-05-12", id="inspector to 6 months"),
    pytest.param(
        [],
        "inspector",
        "chief_superintendent",
        False,
        "2027-05-12",
        id="senior rank may give the inspector's extension",
    ),
    pytest.param(
        ["inspector"],
        "superintendent",
        "superintendent",
        False,
        "2027-08-12",
        id="superintendent to 9 months",
    ),
    pytest.param(
        ["inspector", "superintendent"],
        "acc",
        "acc",
        True,
        "2027-11-12",
        id="acc to 12 months when designated",
    ),
    pytest.param(
        ["inspector", "superintendent"], "court", "", False, "2027-11-12", id="court to 12 months"
    ),
]


@pytest.mark.parametrize(("history", "authority", "rank", "designated", "expected"), LAWFUL)
def test_every_authority_extends_to_its_limit(
    bail_officer, offender, history, authority, rank, designated, expected
):
    case = open_bail(offender, bail_officer, arrested_on=d(2026, 11, 12))
    ranks = {"inspector": "inspector", "superintendent": "superintendent", "acc": "acc"}
    for earlier in history:
        assert (
            extend(
                bail_officer,
                case,
                authority=earlier,
                authorised_by={"name": "A", "rank": ranks[earlier]},
                designated_case=designated,
            ).status_code
            == 201
        )
    response = extend(
        bail_officer,
        case,
        authority=authority,
        authorised_by={"name": "B", "rank": rank},
        designated_case=designated,
    )
    assert response.status_code == 201, response.json()
    assert response.json()["bail_period_ends"] == expected
    assert Deadline.objects.get().due_at == end_of_day(dt.date.fromisoformat(expected))


REFUSED = [
    pytest.param(
        [], "inspector", "sergeant", False, "authorised_by", "inspector or above", id="sergeant"
    ),
    pytest.param([], "inspector", "", False, "authorised_by", "Record the rank", id="no rank"),
    pytest.param(
        [],
        "superintendent",
        "superintendent",
        False,
        "authority",
        "can only follow",
        id="9 months first",
    ),
    pytest.param(
        ["inspector"],
        "superintendent",
        "chief_inspector",
        False,
        "authorised_by",
        "superintendent or above",
        id="chief inspector to 9 months",
    ),
    pytest.param(
        ["inspector"],
        "inspector",
        "inspector",
        False,
        "authority",
        "can only follow",
        id="inspector twice",
    ),
    pytest.param(
        ["inspector", "superintendent"],
        "acc",
        "acc",
        False,
        "designated_case",
        "designated",
        id="acc without designation",
    ),
    pytest.param(
        ["inspector", "superintendent"],
        "acc",
        "chief_superintendent",
        True,
        "authorised_by",
        "Assistant chief constable",
        id="chief superintendent to 12 months",
    ),
    pytest.param(
        ["inspector"], "court", "", False, "authority", "can only follow", id="court too early"
    ),
    pytest.param([], "agency", "", False, "authority", "", id="agency extension in a police case"),
]


@pytest.mark.parametrize(("history", "authority", "rank", "designated", "field", "words"), REFUSED)
def test_each_wrong_authority_order_or_rank_is_refused_with_the_rule(
    bail_officer, offender, history, authority, rank, designated, field, words
):
    case = open_bail(offender, bail_officer, arrested_on=d(2026, 11, 12))
    ranks = {"inspector": "inspector", "superintendent": "superintendent"}
    for earlier in history:
        extend(
            bail_officer,
            case,
            authority=earlier,
            authorised_by={"name": "A", "rank": ranks[earlier]},
        )
    response = extend(
        bail_officer,
        case,
        authority=authority,
        authorised_by={"name": "B", "rank": rank},
        designated_case=designated,
    )
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert words.lower() in response.json()[field][0].lower()


def test_an_agencys_decision_maker_extends_an_agency_case_to_12_months(bail_officer, offender):
    case = open_bail(offender, bail_officer, arrested_on=d(2026, 11, 12), agency="hmrc")
    response = extend(
        bail_officer, case, authority="agency", authorised_by={"name": "HMRC officer"}
    )
    assert response.json()["bail_period_ends"] == "2027-11-12"


@pytest.mark.parametrize(
    ("decided_on", "words"),
    [("2026-11-23", "future"), ("2026-11-01", "before the arrest"), ("22/11/2026", "format")],
)
def test_an_extension_at_the_wrong_time_is_refused_on_decided_on(
    bail_officer, offender, decided_on, words
):
    case = open_bail(offender, bail_officer, arrested_on=d(2026, 11, 12))
    response = extend(bail_officer, case, decided_on=decided_on)
    assert response.status_code == 400
    assert words in response.json()["decided_on"][0]


def test_an_ended_period_cannot_be_extended(bail_officer, offender):
    case = open_bail(
        offender, bail_officer, arrested_on=arrested_for_end(TODAY - dt.timedelta(days=1))
    )
    response = extend(bail_officer, case)
    assert response.status_code == 400
    assert "a period that has ended cannot be extended" in response.json()["decided_on"][0]


def test_an_extension_after_a_later_one_is_refused(bail_officer, offender):
    case = open_bail(offender, bail_officer, arrested_on=d(2026, 11, 12))
    extend(bail_officer, case)
    response = extend(
        bail_officer,
        case,
        decided_on="2026-11-20",
        authority="superintendent",
        authorised_by={"name": "S", "rank": "superintendent"},
    )
    assert "cannot be dated before it" in response.json()["decided_on"][0]


def test_a_stale_version_answers_409(bail_officer, offender):
    case = open_bail(offender, bail_officer, arrested_on=d(2026, 11, 12))
    assert extend(bail_officer, case, version=case.version + 5).status_code == 409


def test_another_forces_case_is_not_found(bail_officer, offender):
    norfolk_bail = UserFactory(
        force=force("norfolk"), roles=["bail_management"], teams=["bail-management"]
    )
    case = open_bail(offender, bail_officer)
    assert extend(norfolk_bail, case).status_code == 404
    assert api(norfolk_bail).get(f"{CASES}{case.pk}/").status_code == 404
    assert api(norfolk_bail).get(f"{CASES}999999/").status_code == 404


# --- Ending ------------------------------------------------------------------------------------


def test_ending_with_a_charge_closes_the_case(bail_officer, offender):
    case = open_bail(offender, bail_officer)
    response = api(bail_officer).post(
        f"{CASES}{case.pk}/end/",
        {"ended_on": "2026-11-22", "reason": "charged", "rationale": "CPS authorised"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["outcome"]) == ("ended", "charged")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"reason": "released"}, "reason"),
        ({"reason": "lapsed"}, "reason"),
        ({"ended_on": "2026-11-01"}, "ended_on"),
        ({"ended_on": "2026-11-30"}, "ended_on"),
        ({"reason": "converted_to_rui", "rationale": ""}, "rationale"),
    ],
)
def test_a_wrong_end_is_refused_on_its_field(bail_officer, offender, payload, field):
    case = open_bail(offender, bail_officer)
    body = {"ended_on": "2026-11-22", "reason": "nfa", **payload}
    response = api(bail_officer).post(f"{CASES}{case.pk}/end/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_a_lapsed_case_is_continued_as_rui_only_with_a_rationale(bail_officer, offender):
    case = open_bail(
        offender, bail_officer, arrested_on=arrested_for_end(TODAY - dt.timedelta(days=2))
    )
    url = f"{CASES}{case.pk}/end/"
    refused = api(bail_officer).post(
        url, {"ended_on": "2026-11-22", "reason": "converted_to_rui"}, format="json"
    )
    assert "rationale" in refused.json()
    response = api(bail_officer).post(
        url,
        {"ended_on": "2026-11-22", "reason": "converted_to_rui", "rationale": "Awaiting forensics"},
        format="json",
    )
    assert response.json()["status"] == "rui"


# --- Listing and the summary ---------------------------------------------------------------------


def test_the_list_filters_by_status_end_date_and_force(bail_officer, offender):
    soon = open_bail(
        offender, bail_officer, arrested_on=arrested_for_end(TODAY + dt.timedelta(days=5))
    )
    open_bail(offender, bail_officer, arrested_on=d(2026, 11, 12))
    lapsed = open_bail(
        offender, bail_officer, arrested_on=arrested_for_end(TODAY - dt.timedelta(days=5))
    )
    rui = open_bail(offender, bail_officer, status="rui")

    def ids(query):
        return sorted(c["id"] for c in api(bail_officer).get(CASES + query).json()["results"])

    assert ids("?ends_before=2026-12-06") == sorted([soon.pk, lapsed.pk])
    assert ids("?status=lapsed") == [lapsed.pk]
    assert ids("?status=rui") == [rui.pk]
    assert len(ids("?force=suffolk")) == 4
    assert ids("?force=norfolk") == []
    assert api(bail_officer).get(CASES + "?ends_before=soon").status_code == 400


def test_an_unrecorded_lapse_is_listed_as_lapsed(bail_officer, offender, time_machine):
    case = open_bail(offender, bail_officer, arrested_on=arrested_for_end(TODAY))
    time_machine.move_to(NOW + dt.timedelta(days=1), tick=False)
    body = api(bail_officer).get(f"{CASES}?status=lapsed").json()
    assert [c["id"] for c in body["results"]] == [case.pk]
    assert body["results"][0]["recorded_status"] == "bail"


@pytest.mark.parametrize("count", [3, 12])
def test_the_list_costs_the_same_however_many_cases(
    bail_officer, count, django_assert_max_num_queries
):
    for _ in range(count):
        case = open_bail(OffenderFactory(), bail_officer, conditions=[{"text": "Curfew"}])
        services.extend_bail(
            case=case,
            authority="inspector",
            decided_on=TODAY,
            authorised_by_name="I",
            authorised_by_rank="inspector",
            by=bail_officer,
            now=NOW,
        )
    client = api(bail_officer)
    # The bulk-read access-log event and one bulk insert linking everyone listed.
    with django_assert_max_num_queries(10):
        response = client.get(CASES)
    assert response.json()["count"] == count


def test_viewing_a_case_is_logged(bail_officer, offender):
    case = open_bail(offender, bail_officer)
    api(bail_officer).get(f"{CASES}{case.pk}/")
    assert AccessEvent.objects.filter(
        action="view", user=bail_officer, object_id=str(case.pk)
    ).exists()


def test_the_summary_counts_opened_and_closed_per_month(bail_officer, supervisor, offender):
    open_bail(offender, bail_officer, arrested_on=d(2026, 10, 5))  # bail opened Oct
    ended = open_bail(offender, bail_officer, arrested_on=d(2026, 11, 2))  # bail opened Nov
    services.end_case(
        case=ended, ended_on=TODAY, reason="charged", by=bail_officer, now=NOW
    )  # closed Nov
    open_bail(offender, bail_officer, status="rui", arrested_on=d(2026, 11, 3))  # RUI opened Nov
    open_bail(OffenderFactory(force=force("norfolk")), bail_officer, status="rui")  # another force

    response = api(supervisor).get("/api/v1/bail/summary/?from=2026-10-01&to=2026-11-30")
    assert response.status_code == 200
    assert response.json()["months"] == [
        {"month": "2026-10", "bail": {"opened": 1, "closed": 0}, "rui": {"opened": 0, "closed": 0}},
        {"month": "2026-11", "bail": {"opened": 1, "closed": 1}, "rui": {"opened": 1, "closed": 0}},
    ]
    assert (
        api(supervisor).get("/api/v1/bail/summary/?from=2026-12-01&to=2026-11-01").status_code
        == 400
    )
    assert api(UserFactory(roles=["iom_officer"])).get("/api/v1/bail/summary/").status_code == 403


BIG = 10**20


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    [
        ("post", CASES, {"offender": BIG, "arrested_on": "2026-11-12", "status": "bail"}, 400),
        ("post", CASES, {"offender": "me", "arrested_on": "2026-11-12", "status": "bail"}, 400),
        ("post", CASES, {"arrested_on": "2026-11-12", "status": "bail", "district": BIG}, 400),
        ("post", CASES, {"arrested_on": "2026-11-12", "status": "bail", "conditions": "x"}, 400),
        ("post", CASES, {"arrested_on": "2026-11-12", "status": "bail", "victim_views": "y"}, 400),
        ("get", f"{CASES}{BIG}/", None, 404),
        ("get", f"{CASES}?offender={BIG}&district={BIG}", None, 400),
        ("get", f"{CASES}?ends_before=2026-13-45", None, 400),
        ("get", "/api/v1/bail/summary/?from=0001-01-01&to=9999-12-31", None, 400),
        ("get", "/api/v1/bail/summary/?from=yesterday", None, 400),
    ],
)
def test_no_input_is_a_server_error(bail_officer, offender, method, path, body, expected):
    if body is not None:
        body = {"offender": offender.pk, **body}
    response = getattr(api(bail_officer), method)(path, body, format="json")
    assert response.status_code == expected


def test_malformed_workflow_bodies_are_400s(bail_officer, offender):
    case = open_bail(offender, bail_officer)
    client = api(bail_officer)
    assert (
        client.post(
            f"{CASES}{case.pk}/conditions/",
            {"varied_on": "2026-11-20", "remove": [BIG]},
            format="json",
        ).status_code
        == 400
    )
    assert (
        client.post(
            f"{CASES}{case.pk}/extensions/",
            {"decided_on": "2026-11-20", "authority": "inspector", "authorised_by": "x"},
            format="json",
        ).status_code
        == 400
    )
    assert (
        client.post(
            f"{CASES}{case.pk}/end/", "not json", content_type="application/json"
        ).status_code
        == 400
    )
    assert (
        client.post(
            f"{CASES}{case.pk}/rui-reviews/",
            {"reviewed_on": "2026-11-20", "notes": "x"},
            format="json",
        ).status_code
        == 400
    )


def test_a_court_extension_applied_for_after_bail_ended_is_refused(bail_officer, offender):
    arrested = d(2025, 11, 1)  # bail starts 2 Nov 2025; 9 months ends 1 Aug 2026
    case = services.open_case(
        offender=offender,
        arrested_on=arrested,
        status="bail",
        by=bail_officer,
        now=NOW - dt.timedelta(days=380),
    )
    for authority, rank, on in (
        ("inspector", "inspector", d(2026, 1, 20)),
        ("superintendent", "superintendent", d(2026, 4, 20)),
    ):
        services.extend_bail(
            case=case,
            authority=authority,
            decided_on=on,
            authorised_by_name="X",
            authorised_by_rank=rank,
            by=bail_officer,
            now=NOW - dt.timedelta(days=200),
        )
    response = extend(
        bail_officer, case, authority="court", authorised_by={"name": "Ipswich Magistrates"}
    )
    assert response.status_code == 400
    assert "1 August 2026" in response.json()["decided_on"][0]


def test_under_the_2017_rules_a_superintendent_gives_the_first_extension(bail_officer, offender):
    case = services.open_case(
        offender=offender,
        arrested_on=d(2022, 10, 20),
        status="bail",
        by=bail_officer,
        now=NOW - dt.timedelta(days=1490),
    )
    assert case.bail_period_ends == d(2022, 11, 17)  # 28 days beginning with 21 Oct 2022
    refused = services_extend_refusal(case, bail_officer, "inspector", "inspector", d(2022, 11, 10))
    assert "superintendent or above" in refused["authority"][0]
    services.extend_bail(
        case=case,
        authority="superintendent",
        decided_on=d(2022, 11, 10),
        authorised_by_name="S",
        authorised_by_rank="superintendent",
        by=bail_officer,
        now=NOW - dt.timedelta(days=1470),
    )
    case.refresh_from_db()
    assert case.bail_period_ends == d(2023, 1, 20)  # 3 months beginning with 21 Oct 2022


def services_extend_refusal(case, by, authority, rank, on):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        services.extend_bail(
            case=case,
            authority=authority,
            decided_on=on,
            authorised_by_name="X",
            authorised_by_rank=rank,
            by=by,
            now=NOW - dt.timedelta(days=1470),
        )
    return caught.value.message_dict


def test_a_filtered_list_is_logged_as_a_search(bail_officer, offender):
    api(bail_officer).get(CASES + "?status=lapsed")
    assert AccessEvent.objects.filter(
        action="search", user=bail_officer, query="status=lapsed"
    ).exists()


def test_the_persons_summary_carries_the_charging_file_status(client, bail_officer):
    import time_machine

    from offenders.summary import summary_for

    person = OffenderFactory()
    case = open_bail(person, bail_officer)
    with time_machine.travel(NOW, tick=False):
        summary = summary_for(person)
    assert summary["bail_status"] == "bail"
    assert summary["charging_file_status"] == case.charging_file_status(TODAY)
    assert summary["charging_file_status"].startswith("On bail until ")

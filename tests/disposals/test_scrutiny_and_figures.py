"""The scrutiny panel's anonymised sample, its findings, and the summary figures."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from audit.models import AccessEvent
from disposals import rules, services
from disposals.models import ForceDisposalSettings, ScrutinyReview
from offenders.models import Address, Alias
from tests.disposals.conftest import TODAY, course, make_disposal, release_all
from tests.factories import OffenderFactory, force

pytestmark = pytest.mark.django_db

URL = "/api/v1/disposals/"
PERIOD = "from=2026-01-01&to=2026-02-28"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def strings_in(value):
    """Every string in a JSON document, keys included."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif value is not None:
        yield str(value)


def identifying_values(offender) -> list[str]:
    dob = offender.date_of_birth
    values = [
        offender.first_name,
        offender.last_name,
        offender.pnc_id,
        dob.isoformat(),
        f"{dob:%d/%m/%Y}",
    ]
    for address in offender.addresses.all():
        values += [address.line1, address.postcode]
    for alias in offender.aliases.all():
        values += [alias.last_name]
    return values


@pytest.fixture
def sampled_people(diversion_officer):
    """Eight people, each with a disposal whose free text an officer filled with their details."""
    people = []
    surnames = [
        "Quixley",
        "Thornbury",
        "Pargeter",
        "Abernethy",
        "Wolstenholme",
        "Fairbrother",
        "Culpepper",
        "Ravenscroft",
    ]
    for number, surname in enumerate(surnames):
        person = OffenderFactory(
            first_name=f"Zebedee{number}",
            last_name=surname,
            date_of_birth=dt.date(1980 + number, 3, 14),
        )
        Address.objects.create(
            offender=person,
            line1=f"{number + 1} Marlpit Lane",
            town="Ipswich",
            postcode=f"IP{number} 9ZZ",
            from_date=dt.date(2020, 1, 1),
        )
        Alias.objects.create(offender=person, first_name="Zed", last_name=f"Mc{surname}")
        make_disposal(
            by=diversion_officer,
            offender=person,
            decided_on=dt.date(2026, 2, 1) - dt.timedelta(days=3 * number),
            offence=(
                f"Zebedee{number} {surname} (PNC {person.pnc_id}, born {person.date_of_birth:%d/%m/%Y}) took "
                f"goods; lives at {number + 1} Marlpit Lane, IP{number} 9ZZ, also known as Mc{surname}"
            ),
            conditions=[
                rules.Condition(
                    kind="reparative",
                    description=f"{surname} to write a letter of apology",
                    due_by=dt.date(2026, 2, 27),
                ),
            ],
            victim_views=f"The victim knows {surname} and wants an apology from Zebedee{number}.",
            interventions=[course()],
        )
        people.append(person)
    return people


def test_no_name_date_of_birth_pnc_or_address_appears_anywhere_in_the_sample(
    scrutiny_member, sampled_people
):
    release_all()
    response = api(scrutiny_member).get(f"{URL}scrutiny-sample/?{PERIOD}&size=50")
    assert response.status_code == 200
    body = response.json()
    assert len(body["cases"]) == len(sampled_people)
    text = [s.lower() for s in strings_in(body)]
    for person in sampled_people:
        for value in identifying_values(person):
            assert not any(value.lower() in s for s in text), value
    # ... and yet the panel has the facts the decision-maker had.
    case = body["cases"][0]
    assert "[redacted]" in case["offence"]
    assert "took goods" in case["offence"]
    assert case["age_band"] in {"35-44", "45-54"}
    assert case["conditions"][0]["kind"] == "reparative"
    assert case["referrals"] == [
        {
            "intervention": "Shoplifting awareness course",
            "status": "referred",
            "status_label": "Referred",
        }
    ]
    assert case["victim_views"]["summary"] == "Victim's views sought and recorded"
    assert case["outcome_code"] == "8"
    assert {"admitted", "consented", "offence_category", "previous_disposals", "status"} <= set(
        case
    )


def test_the_same_request_gives_the_same_sample_and_another_size_may_not(
    scrutiny_member, sampled_people
):
    client = api(scrutiny_member)
    release_all()
    first = [c["id"] for c in client.get(f"{URL}scrutiny-sample/?{PERIOD}&size=3").json()["cases"]]
    again = [c["id"] for c in client.get(f"{URL}scrutiny-sample/?{PERIOD}&size=3").json()["cases"]]
    assert first == again
    assert len(first) == 3
    population = sorted(
        c["id"] for c in client.get(f"{URL}scrutiny-sample/?{PERIOD}&size=50").json()["cases"]
    )
    assert first == rules.sample_ids(
        population, 3, rules.sample_seed(dt.date(2026, 1, 1), dt.date(2026, 2, 28), 3)
    )


def test_previous_disposals_are_counted_for_the_panel(scrutiny_member, diversion_officer):
    person = OffenderFactory()
    make_disposal(by=diversion_officer, offender=person, decided_on=dt.date(2025, 6, 1))
    make_disposal(by=diversion_officer, offender=person, decided_on=dt.date(2026, 2, 1))
    release_all()
    [case] = api(scrutiny_member).get(f"{URL}scrutiny-sample/?{PERIOD}").json()["cases"]
    assert case["previous_disposals"] == 1


def test_the_sample_costs_the_same_queries_at_any_size(
    scrutiny_member, diversion_officer, django_assert_max_num_queries
):
    client = api(scrutiny_member)
    make_disposal(by=diversion_officer, interventions=[course()])
    release_all()
    with django_assert_max_num_queries(14):
        assert len(client.get(f"{URL}scrutiny-sample/?{PERIOD}").json()["cases"]) == 1
    for _ in range(6):
        make_disposal(by=diversion_officer, interventions=[course()])
    release_all()
    with django_assert_max_num_queries(14):
        assert len(client.get(f"{URL}scrutiny-sample/?{PERIOD}").json()["cases"]) == 7


def test_the_sample_view_is_logged_without_naming_anyone(scrutiny_member, sampled_people):
    release_all()
    api(scrutiny_member).get(f"{URL}scrutiny-sample/?{PERIOD}&size=2")
    event = AccessEvent.objects.get(user=scrutiny_member, action="view")
    assert event.offender is None
    assert len(event.detail["disposals"]) == 2


@pytest.mark.parametrize(
    "period, field",
    [
        ("from=2026-02-01&to=2026-01-01", "to"),
        ("from=yesterday&to=2026-01-01", "from"),
        ("to=2026-01-01", "from"),
        (f"{PERIOD}&size=0", "size"),
        (f"{PERIOD}&size=many", "size"),
    ],
)
def test_a_bad_period_or_size_is_a_field_error(scrutiny_member, period, field):
    response = api(scrutiny_member).get(f"{URL}scrutiny-sample/?{period}")
    assert response.status_code == 400
    assert field in response.json()


def test_the_panel_records_a_finding_with_its_learning(scrutiny_member, diversion_officer):
    disposal = make_disposal(by=diversion_officer)
    client = api(scrutiny_member)
    release_all()
    refused = client.post(
        f"{URL}{disposal.pk}/scrutiny/",
        {"finding": "appropriate_with_learning", "reviewed_on": "2026-03-01"},
        format="json",
    )
    assert refused.status_code == 400
    assert "learning" in refused.json()
    body = {
        "finding": "appropriate_with_learning",
        "learning": "Record the victim's views verbatim.",
        "reviewed_on": "2026-03-01",
    }
    assert client.post(f"{URL}{disposal.pk}/scrutiny/", body, format="json").status_code == 201
    assert ScrutinyReview.objects.get().finding == "appropriate_with_learning"
    [case] = client.get(f"{URL}scrutiny-sample/?{PERIOD}").json()["cases"]
    assert case["finding"]["learning"] == "Record the victim's views verbatim."


def test_the_panel_cannot_review_another_forces_disposal(scrutiny_member, diversion_officer):
    disposal = make_disposal(
        by=diversion_officer,
        offender=OffenderFactory(force=force("norfolk")),
        district_code="norwich",
    )
    response = api(scrutiny_member).post(
        f"{URL}{disposal.pk}/scrutiny/",
        {"finding": "appropriate", "reviewed_on": "2026-03-01"},
        format="json",
    )
    assert response.status_code == 404


# --- Summary ---------------------------------------------------------------------------------


def test_the_summary_counts_by_type_district_month_course_and_breach_demographics(
    supervisor, diversion_officer
):
    woman = OffenderFactory(gender="female", ethnicity="B1")
    man = OffenderFactory(gender="male", ethnicity="W1")
    make_disposal(
        by=diversion_officer,
        offender=woman,
        decided_on=dt.date(2026, 1, 10),
        interventions=[course()],
    )
    breached = make_disposal(
        by=diversion_officer, offender=man, decided_on=dt.date(2026, 2, 3), district_code="east"
    )
    services.record_breach(
        today=TODAY,
        disposal=breached,
        breached_on=dt.date(2026, 2, 20),
        details="No apology",
        action="no_further_action",
        by=diversion_officer,
    )
    # A force that has not adopted the two-tier framework may still give simple cautions.
    ForceDisposalSettings.objects.update(two_tier_adopted_on=None)
    make_disposal(
        by=diversion_officer,
        offender=OffenderFactory(),
        disposal_type="simple_caution",
        conditions=[],
        decided_on=dt.date(2026, 2, 5),
        district_code="east",
    )
    make_disposal(by=diversion_officer, decided_on=dt.date(2025, 12, 31))  # outside the period
    make_disposal(
        by=diversion_officer,
        offender=OffenderFactory(force=force("norfolk")),
        district_code="norwich",
    )

    body = api(supervisor).get(f"{URL}summary/?{PERIOD}").json()

    assert body["total"] == 3
    assert {r["disposal_type"]: r["count"] for r in body["by_type"]} == {
        "community_resolution": 2,
        "simple_caution": 1,
    }
    assert {r["district"]: r["count"] for r in body["by_district"]} == {"east": 2, "south": 1}
    assert body["by_month"] == [{"month": "2026-01", "count": 1}, {"month": "2026-02", "count": 2}]
    assert {
        "month": "2026-02",
        "district": "east",
        "disposal_type": "simple_caution",
        "count": 1,
    }.items() <= next(
        r for r in body["by_month_district_type"] if r["disposal_type"] == "simple_caution"
    ).items()
    assert body["referrals_by_intervention"] == [
        {
            "intervention": "shoplifting-awareness",
            "name": "Shoplifting awareness course",
            "referrals": 1,
            "completed": 0,
        }
    ]
    assert body["completion"]["breached"] == 1
    assert body["breaches_total"] == 1
    assert [(r["district"], r["count"]) for r in body["breaches_by_district"]] == [("east", 1)]
    assert [(r["ethnicity"], r["count"]) for r in body["breaches_by_ethnicity"]] == [("W1", 1)]
    assert [(r["gender"], r["count"]) for r in body["breaches_by_gender"]] == [("male", 1)]


def test_analysts_see_the_summary_but_not_the_records(analyst, diversion_officer):
    disposal = make_disposal(by=diversion_officer)
    client = api(analyst)
    assert client.get(f"{URL}summary/?{PERIOD}").json()["total"] == 1
    assert client.get(f"{URL}{disposal.pk}/").status_code == 403


def test_the_summary_costs_the_same_queries_at_any_size(
    supervisor, diversion_officer, django_assert_max_num_queries
):
    client = api(supervisor)
    make_disposal(by=diversion_officer, interventions=[course()])
    with django_assert_max_num_queries(18):
        client.get(f"{URL}summary/?{PERIOD}")
    for code in ["east", "west", "south"]:
        make_disposal(
            by=diversion_officer, interventions=[course("drug-awareness")], district_code=code
        )
    with django_assert_max_num_queries(18):
        assert client.get(f"{URL}summary/?{PERIOD}").json()["total"] == 4

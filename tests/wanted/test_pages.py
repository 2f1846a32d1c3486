"""The wanted pages as officers use them: circulate, review, end, the monthly list and its
CSV, the performance list, the figures, book-in and the person page."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.models import AccessEvent
from tests.factories import OffenderFactory
from tests.wanted.conftest import NECESSITY, NOW, TODAY, circulate, suspect, warrant
from wanted import services
from wanted.models import WantedCirculation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_an_investigator_finds_a_person_and_circulates_them(client, investigator, offender, south):
    client.force_login(investigator)
    found = client.get("/wanted/circulate/", {"q": offender.last_name})
    assert found.status_code == 200
    assert offender.full_name in found.content.decode()
    form = client.get("/wanted/circulate/", {"offender": offender.pk})
    assert form.status_code == 200
    answer = client.post(
        "/wanted/circulate/",
        {
            "offender": offender.pk,
            "reason": "arrest_necessary",
            "offence": "Burglary dwelling",
            "circulated_on": "2026-11-19",
            "officer_in_case": investigator.pk,
            "district": south.pk,
            "necessity_ground": "prevent_disappearance",
            "necessity": NECESSITY,
        },
    )
    circulation = WantedCirculation.objects.get()
    assert answer.status_code == 302 and answer.url == f"/wanted/{circulation.pk}/"
    page = client.get(answer.url)
    assert "Burglary dwelling" in page.content.decode()
    assert AccessEvent.objects.filter(action="view", object_id=str(circulation.pk)).exists()


@pytest.mark.parametrize(
    ("change", "field_text"),
    [
        ({"necessity": "short"}, "in your own words"),
        ({"circulated_on": "2026-12-25"}, "cannot be in the future"),
        ({"circulated_on": "not a date"}, "Enter a valid date"),
        ({"reason": "rui_fresh_evidence"}, "Link the released-under-investigation case"),
        ({"district": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_a_field_error_not_a_500(client, investigator, offender, change, field_text):
    client.force_login(investigator)
    data = {
        "offender": offender.pk,
        "reason": "arrest_necessary",
        "offence": "Burglary",
        "circulated_on": "2026-11-19",
        "necessity": NECESSITY,
        **change,
    }
    answer = client.post("/wanted/circulate/", data)
    assert answer.status_code == 400
    assert field_text in answer.content.decode()
    assert not WantedCirculation.objects.exists()


def test_review_and_end_through_the_pages(client, investigator, offender):
    circulation = circulate(offender, investigator)
    client.force_login(investigator)
    answer = client.post(
        f"/wanted/{circulation.pk}/review/",
        {"held_on": "2026-11-20", "note": "Still wanted", "version": 1},
    )
    assert answer.status_code == 302
    stale = client.post(
        f"/wanted/{circulation.pk}/end/",
        {"outcome": "surrendered", "ended_on": "2026-11-20", "version": 1},
    )
    assert stale.status_code == 400
    assert "changed by someone else" in stale.content.decode()
    done = client.post(
        f"/wanted/{circulation.pk}/end/",
        {"outcome": "surrendered", "ended_on": "2026-11-20", "version": 2},
    )
    assert done.status_code == 302
    circulation.refresh_from_db()
    assert circulation.outcome == "surrendered"
    assert client.get(f"/wanted/{circulation.pk}/end/").status_code == 302


def test_the_monthly_list_page_and_its_csv(client, supervisor, investigator, offender, south):
    circulate(offender, investigator, district=south, circulated_on=dt.date(2026, 9, 1))
    suspect(OffenderFactory(), investigator, district=south)
    warrant(OffenderFactory(), investigator, district=south)
    client.force_login(supervisor)
    page = client.get("/wanted/monthly/", {"month": "2026-11", "district": south.pk})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ipswich: November 2026" in text and offender.full_name in text
    refused = client.get("/wanted/monthly/export/", {"month": "2026-11"})
    assert refused.status_code == 302
    csv = client.get(
        "/wanted/monthly/export/",
        {"month": "2026-11", "district": south.pk, "purpose": "District briefing"},
    )
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode()
    assert body.splitlines()[0].startswith("section,change,kind,reference")
    assert len(body.splitlines()) == 4
    assert AccessEvent.objects.filter(action="export", justification="District briefing").exists()


@pytest.mark.parametrize("query", [{"month": "2026-13"}, {"month": "2099-01"}, {"district": "x"}])
def test_the_monthly_list_answers_bad_input_with_a_field_error(client, investigator, query):
    client.force_login(investigator)
    assert client.get("/wanted/monthly/", query).status_code == 400


def test_the_performance_list(client, supervisor, investigator, offender):
    circulate(offender, investigator, circulated_on=TODAY - dt.timedelta(days=100))
    client.force_login(supervisor)
    page = client.get("/wanted/performance/")
    assert page.status_code == 200 and offender.full_name in page.content.decode()
    assert client.get("/wanted/performance/", {"age": "0"}).status_code == 400
    client.force_login(investigator)
    assert client.get("/wanted/performance/").status_code == 403


def test_the_figures_link_to_their_lists(client, supervisor, investigator, offender, south):
    circulation = circulate(offender, investigator, district=south)
    services.end_circulation(
        circulation=circulate(OffenderFactory(), investigator),
        ended_on=TODAY,
        outcome="arrested",
        by=investigator,
        now=NOW,
    )
    client.force_login(supervisor)
    page = client.get("/wanted/figures/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="circulated"' in text
    drill = client.get("/wanted/", {"district": south.pk, "band": "0_28"})
    assert circulation.offender.full_name in drill.content.decode()
    arrested = client.get(
        "/wanted/", {"ended_from": "2026-11-01", "ended_to": "2026-11-30", "outcome": "arrested"}
    )
    assert arrested.status_code == 200
    assert "Arrested" in arrested.content.decode()
    assert client.get("/wanted/figures/", {"from": "2026-13-01"}).status_code == 400


def test_book_in_shows_that_the_person_is_wanted(
    client, custody_sergeant, investigator, offender, martlesham
):
    circulate(offender, investigator, offence="Robbery of a courier")
    client.force_login(custody_sergeant)
    page = client.get(f"/custody/suites/{martlesham.code}/book-in/", {"person": offender.pnc_id})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Wanted" in text and "Robbery of a courier" in text
    assert investigator.display_name in text


def test_the_person_page_shows_the_wanted_badge_and_summary(client, investigator, offender):
    circulate(offender, investigator)
    warrant(offender, investigator)
    client.force_login(investigator)
    text = client.get(f"/people/{offender.pk}/").content.decode()
    assert "person-badges" in text and "Wanted" in text
    assert "1 outstanding" in text
    search = client.get("/people/", {"q": offender.last_name}).content.decode()
    assert "Wanted" in search


def test_list_pages_do_not_grow_queries(client, investigator, django_assert_max_num_queries):
    client.force_login(investigator)
    for _ in range(3):
        circulate(OffenderFactory(), investigator)
    with django_assert_max_num_queries(20):
        client.get("/wanted/")
    for _ in range(10):
        circulate(OffenderFactory(), investigator)
    with django_assert_max_num_queries(20):
        client.get("/wanted/")

"""One person finder: the same words find the same person in every "find the person" box."""

from __future__ import annotations

import pytest

from audit.models import AccessEvent
from offenders.finder import find_people, identify
from offenders.rules import make_pnc_id
from tests.factories import OffenderFactory, force
from tests.offenders.factories import person

PNC = make_pnc_id(2003, 734521)  # 2003/0734521 + check letter


@pytest.fixture
def kowalczyk(db):
    return person("Katarzyna", "Kowalczyk", pnc_id=PNC)


@pytest.mark.parametrize(
    "typed",
    [PNC, PNC.replace("/", ""), PNC.lower(), f" {PNC} ", PNC.replace("/0", "/")],
)
def test_a_pnc_id_in_any_written_form_identifies_the_person(kowalczyk, custody_sergeant, typed):
    assert identify(custody_sergeant, typed) == kowalczyk


def test_the_person_number_identifies_the_person_and_nothing_else_does(kowalczyk, custody_sergeant):
    assert identify(custody_sergeant, str(kowalczyk.pk)) == kowalczyk
    assert identify(custody_sergeant, "Kowalczyk") is None
    assert identify(custody_sergeant, make_pnc_id(2003, 734522)) is None


def test_nobody_outside_the_access_gate_is_found(kowalczyk, norfolk_sergeant):
    assert identify(norfolk_sergeant, PNC) is None
    assert find_people(norfolk_sergeant, "Kowalczyk", purpose="test") == []


@pytest.mark.parametrize(
    "typed",
    [
        "kowalczyk",
        "Katarzyna Kowalczik",
        "kowalczyk katarzyna",
        "kowalc 17/05/1990",
        PNC.replace("/", ""),
    ],
)
def test_names_with_typos_swaps_dates_and_pncs_find_the_person(kowalczyk, custody_sergeant, typed):
    OffenderFactory(first_name="Kate", last_name="Walker", force=force())
    assert find_people(custody_sergeant, typed, purpose="test")[0] == kowalczyk


def _boxes(client, user, typed):
    """What each "find the person" page answers for ``typed``."""
    client.force_login(user)
    return {
        "disposals": client.get("/disposals/new/", {"q": typed}).content.decode(),
        "iom": client.get("/cohorts/iom/adopt/", {"q": typed}).content.decode(),
    }


@pytest.mark.parametrize("typed", ["Katarzyna Kowalczik", PNC.replace("/", "").lower()])
def test_the_disposals_and_iom_boxes_find_the_same_person_and_log_where(
    client, kowalczyk, supervisor, typed
):
    pages = _boxes(client, supervisor, typed)
    for box, page in pages.items():
        assert f"/{kowalczyk.pk}/" in page or f"offender={kowalczyk.pk}" in page, box
    searches = AccessEvent.objects.filter(user=supervisor, action="search", query=typed.strip())
    assert {e.detail["search"] for e in searches} == {"disposals-decide", "iom-adopt"}


def test_book_in_and_bail_accept_the_pnc_without_its_slash(
    client, kowalczyk, custody_sergeant, bail_officer, investigator
):
    typed = PNC.replace("/", "").lower()
    client.force_login(custody_sergeant)
    booking = client.post("/custody/suites/martlesham/book-in/", {"person": typed}).content.decode()
    assert "No person you can see" not in booking
    assert (
        "No person you can see"
        in client.post(
            "/custody/suites/martlesham/book-in/", {"person": "Kowalczyk"}
        ).content.decode()
    )
    client.force_login(bail_officer)
    release = {
        "arrested_on": "2026-11-12",
        "status": "rui",
        "agency": "police",
        "offence": "Theft",
        "officer_in_case": investigator.pk,
    }
    assert client.post("/bail/cases/new/", {**release, "pnc_id": typed}).status_code == 302
    assert kowalczyk.bail_cases.count() == 1
    refused = client.post("/bail/cases/new/", {**release, "pnc_id": "Kowalczyk"}).content.decode()
    assert "No person you can see" in refused

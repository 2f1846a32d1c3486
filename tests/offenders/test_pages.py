"""People pages as a user sees them (client.force_login; django-axes breaks client.login)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from audit.models import AccessEvent
from offenders.models import Marker, Offender
from offenders.rules import make_pnc_id
from tests.factories import OffenderFactory, force
from tests.offenders.factories import alias, person


@pytest.fixture
def signed_in(client, custody_sergeant):
    client.force_login(custody_sergeant)
    return client


def test_the_search_page_finds_a_person_with_a_typo_and_logs_the_search(
    signed_in, custody_sergeant
):
    john = person("John", "Smith")
    response = signed_in.get("/people/", {"q": "jhon smiht"})
    assert response.status_code == 200
    assert f"/people/{john.pk}/" in response.content.decode()
    assert AccessEvent.objects.filter(
        action="search", query="jhon smiht", user=custody_sergeant
    ).exists()


def test_htmx_gets_only_the_results_partial(signed_in):
    person("John", "Smith")
    response = signed_in.get("/people/", {"q": "smith"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "SMITH, John" in body
    assert "<html" not in body


def test_the_search_input_searches_as_you_type(signed_in):
    body = signed_in.get("/people/").content.decode()
    assert 'hx-trigger="input changed delay:300ms' in body and 'hx-target="#results"' in body


def test_analysts_cannot_open_the_people_pages(client, analyst):
    client.force_login(analyst)
    assert client.get("/people/").status_code == 403
    assert client.get(f"/people/{person('John', 'Smith').pk}/").status_code == 404


def test_people_is_in_the_navigation_for_officers_not_analysts(client, custody_sergeant, analyst):
    client.force_login(custody_sergeant)
    assert ">People</a>" in client.get("/").content.decode()
    client.force_login(analyst)
    assert ">People</a>" not in client.get("/").content.decode()


def test_recording_a_person_through_the_page(signed_in):
    pnc = make_pnc_id(2012, 4321)
    response = signed_in.post(
        "/people/new/",
        {
            "first_name": "Amelia",
            "last_name": "Hart",
            "date_of_birth": "03/04/1992",
            "gender": "female",
            "pnc_id": pnc,
            "ethnicity": "W1",
            "officer_ethnicity": "IC1",
        },
    )
    person = Offender.objects.get(pnc_id=pnc)
    assert response.status_code == 302 and response.url == f"/people/{person.pk}/"


def test_a_wrong_check_letter_is_shown_on_the_field_and_nothing_is_saved(signed_in):
    pnc = make_pnc_id(2012, 4321)
    wrong = pnc[:-1] + ("A" if pnc[-1] != "A" else "B")
    response = signed_in.post(
        "/people/new/",
        {
            "first_name": "A",
            "last_name": "B",
            "date_of_birth": "03/04/1992",
            "gender": "female",
            "pnc_id": wrong,
            "ethnicity": "W1",
            "officer_ethnicity": "IC1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and 'href="#id_pnc_id"' in body and "check letter" in body
    assert not Offender.objects.exists()


def test_the_persons_page_shows_markers_summary_timeline_and_duplicates_and_logs_the_view(
    signed_in, custody_sergeant
):
    john = person("John", "Smith")
    person("Jon", "Smith")
    Marker.objects.create(
        offender=john, kind="weapons", added_on=dt.date(2024, 3, 1), details="Knife"
    )
    alias(john, "Johnny", "Smithers")
    response = signed_in.get(f"/people/{john.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Warning markers:" in body and "Weapons" in body
    assert "moj-timeline" in body and "Warning marker added: Weapons" in body
    assert "Possible duplicates" in body and "% match" in body
    assert "Johnny Smithers" in body
    assert (
        AccessEvent.objects.filter(action="view", offender=john, user=custody_sergeant).count() == 1
    )


def test_another_forces_person_is_not_found(signed_in):
    other = OffenderFactory(force=force("norfolk"))
    assert signed_in.get(f"/people/{other.pk}/").status_code == 404


def test_editing_with_a_stale_version_shows_the_current_values_and_saves_nothing(
    signed_in, custody_sergeant
):
    from offenders.services import update_offender

    john = person("John", "Smith")
    update_offender(
        today=timezone.localdate(),
        offender=john,
        by=custody_sergeant,
        version=1,
        last_name="Smythe",
    )
    response = signed_in.post(
        f"/people/{john.pk}/edit/",
        {
            "first_name": "John",
            "last_name": "Smithson",
            "date_of_birth": "17/05/1990",
            "gender": "male",
            "pnc_id": john.pnc_id,
            "ethnicity": "NS",
            "officer_ethnicity": "IC0",
            "version": "1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record" in body and "John Smythe" in body
    john.refresh_from_db()
    assert john.last_name == "Smythe" and john.version == 2


def test_editing_with_the_current_version_saves(signed_in):
    john = person("John", "Smith")
    response = signed_in.post(
        f"/people/{john.pk}/edit/",
        {
            "first_name": "John",
            "last_name": "Smithson",
            "date_of_birth": "17/05/1990",
            "gender": "male",
            "pnc_id": john.pnc_id,
            "ethnicity": "NS",
            "officer_ethnicity": "IC0",
            "version": "1",
        },
    )
    assert response.status_code == 302
    john.refresh_from_db()
    assert john.last_name == "Smithson"


def test_the_change_history_shows_labels_not_codes(signed_in):
    john = person("John", "Smith")
    signed_in.post(
        f"/people/{john.pk}/edit/",
        {
            "first_name": "John",
            "last_name": "Smith",
            "date_of_birth": "18/05/1990",
            "gender": "male",
            "pnc_id": john.pnc_id,
            "ethnicity": "W1",
            "officer_ethnicity": "IC1",
            "version": "1",
        },
    )
    body = signed_in.get(f"/people/{john.pk}/").content.decode()
    history = body[body.index("Changes to this record") :]
    assert "Not stated → White – English" in history
    assert "IC1 – White, North European" in history
    assert "17 May 1990 → 18 May 1990" in history
    assert "NS →" not in history and "→ W1" not in history


def test_adding_a_marker_through_the_page(signed_in):
    john = person("John", "Smith")
    response = signed_in.post(
        f"/people/{john.pk}/markers/new/", {"kind": "self_harm", "added_on": "01/02/2024"}
    )
    assert response.status_code == 302
    assert john.markers.get().kind == "self_harm"


def test_a_supervisor_merges_a_duplicate_through_the_page(client, supervisor):
    john, jon = person("John", "Smith"), person("Jon", "Smith")
    client.force_login(supervisor)
    response = client.post(f"/people/{john.pk}/merge/{jon.pk}/", {"reason": "Fingerprints match"})
    assert response.status_code == 302
    jon.refresh_from_db()
    assert jon.merged_into == john


def test_a_custody_officer_cannot_merge(signed_in):
    john, jon = person("John", "Smith"), person("Jon", "Smith")
    assert signed_in.post(f"/people/{john.pk}/merge/{jon.pk}/", {"reason": "x"}).status_code == 403


@pytest.mark.parametrize("size", [5, 40])
def test_the_people_list_page_query_count_does_not_grow(
    signed_in, django_assert_max_num_queries, size
):
    for i in range(size):
        p = OffenderFactory()
        alias(p, "A", f"Alias{i}")
        Marker.objects.create(offender=p, kind="drugs", added_on=dt.date(2024, 1, 1))
    # 3 of them: one per registered badge provider (custody, bail, cohorts), whatever the size.
    # +2 since bulk reads are logged: the access-log event and one bulk insert of its links.
    # +1 for the need-to-know badges (public protection), one query whatever the size.
    with django_assert_max_num_queries(21):
        response = signed_in.get("/people/")
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 40])
def test_the_search_results_query_count_does_not_grow(
    signed_in, django_assert_max_num_queries, size
):
    for _ in range(size):
        OffenderFactory(last_name="Smith")
    # +1 since searches link their results (one bulk insert), +1 for the wanted badges.
    # +1 for the need-to-know badges (public protection), one query whatever the size.
    with django_assert_max_num_queries(24):
        response = signed_in.get("/people/", {"q": "smith"})
    assert response.content.decode().count("/people/") >= size


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"page": "abc"},
        {"page": "9999"},
        {"q": "2008/0056560A"},
        {"q": "31/02/1990"},
    ],
)
def test_odd_searches_on_the_page_never_give_a_500(signed_in, params):
    person("John", "Smith")
    assert signed_in.get("/people/", params).status_code == 200


def test_a_bad_date_on_the_edit_page_is_a_field_error(signed_in):
    john = person("John", "Smith")
    response = signed_in.post(
        f"/people/{john.pk}/edit/",
        {
            "first_name": "John",
            "last_name": "Smith",
            "date_of_birth": "31/02/1990",
            "gender": "male",
            "ethnicity": "NS",
            "officer_ethnicity": "IC0",
            "version": "1",
        },
    )
    assert response.status_code == 200 and 'href="#id_date_of_birth"' in response.content.decode()


def test_search_results_say_who_is_in_custody_on_bail_or_on_iom_now(
    signed_in, custody_sergeant, iom_officer
):
    from django.utils import timezone

    from bail import services as bail
    from cohorts import services as cohorts
    from custody import services as custody
    from custody.models import CustodySuite

    held, bailed, managed, _nobody = (
        person("Ada", name) for name in ("Held", "Bailed", "Managed", "Nobody")
    )
    now = timezone.now().replace(microsecond=0)
    today = timezone.localdate()
    custody.book_in(
        offender=held,
        suite=CustodySuite.objects.get(code="martlesham"),
        arrested_at=now - dt.timedelta(hours=2),
        arrived_at=now - dt.timedelta(hours=1),
        detention_authorised_at=now - dt.timedelta(minutes=50),
        offence="Burglary dwelling",
        indictable=True,
        by=custody_sergeant,
    )
    bail.open_case(
        offender=bailed,
        arrested_on=today - dt.timedelta(days=5),
        status="rui",
        by=custody_sergeant,
        now=now,
    )
    cohorts.adopt_iom_member(
        offender=managed,
        cohort="fixed",
        adopted_on=today,
        reason="Prolific burglar",
        lead_officer=iom_officer,
        by=iom_officer,
        today=today,
    )
    page = signed_in.get("/people/", {"q": "ada"}).content.decode()
    rows = {
        name: row
        for row in page.split('<tr class="govuk-table__row">')[2:]
        for name in ("HELD", "BAILED", "MANAGED", "NOBODY")
        if name in row
    }
    assert "In police custody" in rows["HELD"] and "Martlesham" in rows["HELD"]
    assert "Released under investigation" in rows["BAILED"]
    assert "IOM fixed" in rows["MANAGED"]
    assert "govuk-tag" not in rows["NOBODY"]


def test_searching_as_you_type_logs_each_distinct_query_once_a_minute(
    signed_in, custody_sergeant, time_machine
):
    person("John", "Smith")
    start = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    time_machine.move_to(start, tick=False)
    htmx = {"HX-Request": "true"}
    for text in ["smith", "smith ", "Smith", "smi", "smith"]:  # pauses, back and forth
        assert signed_in.get("/people/", {"q": text}, headers=htmx).status_code == 200
    signed_in.get("/people/", {"q": "smith"})  # then the full page (Enter, or reload)

    def logged():
        return list(
            AccessEvent.objects.filter(action="search", user=custody_sergeant)
            .order_by("pk")
            .values_list("query", flat=True)
        )

    assert logged() == ["smith", "smi"]
    time_machine.move_to(start + dt.timedelta(seconds=61), tick=False)
    signed_in.get("/people/", {"q": "smith"}, headers=htmx)
    assert logged() == ["smith", "smi", "smith"]


def test_the_add_marker_form_accepts_its_own_prefilled_date(signed_in, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC), tick=False)
    john = person("John", "Smith")
    page = signed_in.get(f"/people/{john.pk}/markers/new/").content.decode()
    boxes = {
        part: re.search(rf'name="added_on-{part}" type="text"[^>]*value="([^"]*)"', page).group(1)
        for part in ("day", "month", "year")
    }
    assert boxes == {"day": "1", "month": "12", "year": "2026"}
    response = signed_in.post(
        f"/people/{john.pk}/markers/new/",
        {"kind": "violence", **{f"added_on-{part}": value for part, value in boxes.items()}},
    )
    assert response.status_code == 302
    assert john.markers.get().added_on == dt.date(2026, 12, 1)


@pytest.mark.parametrize("typed", ["1 Dec 2026", "1 December 2026", "01/12/2026", "2026-12-01"])
def test_a_marker_date_can_be_typed_as_pages_print_it(signed_in, time_machine, typed):
    time_machine.move_to(dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC), tick=False)
    john = person("John", "Smith")
    response = signed_in.post(
        f"/people/{john.pk}/markers/new/", {"kind": "violence", "added_on": typed}
    )
    assert response.status_code == 302
    assert john.markers.get().added_on == dt.date(2026, 12, 1)


def test_the_page_of_a_person_loaded_without_history_opens(signed_in):
    loaded = OffenderFactory()
    loaded.history.all().delete()  # as a bulk load (the generator, a migration) leaves it
    response = signed_in.get(f"/people/{loaded.pk}/")
    assert response.status_code == 200 and response.context["changes"] == []

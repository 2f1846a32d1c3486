"""Custody pages as the people who use them see them."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from audit.models import AccessEvent
from custody import services
from custody.forms import wall_clock
from custody.models import Detention
from tests.custody.conftest import book
from tests.factories import OffenderFactory, UserFactory

H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


@pytest.mark.django_db
def test_the_custody_home_lists_the_forces_suites_with_free_cells(
    signed_in, martlesham, officer, offender, now
):
    book(offender, martlesham, officer, arrived_at=now - H, cell_number=1)
    page = signed_in.get("/custody/").content.decode()
    assert "Martlesham PIC" in page and "Bury St Edmunds PIC" in page
    assert "Great Yarmouth" not in page  # another force's suite
    assert ">29<" in page  # Martlesham: 30 cells, one occupied


@pytest.mark.django_db
def test_the_board_shows_each_detainee_the_next_clock_and_polls_itself(
    signed_in, martlesham, officer, child, offender, now
):
    book(offender, martlesham, officer, arrived_at=now - 3 * H, cell_number=2)
    book(child, martlesham, officer, arrived_at=now - 10 * M, cell_number=7)
    response = signed_in.get("/custody/suites/martlesham/")
    page = response.content.decode()
    assert 'hx-trigger="every 30s"' in page and 'hx-get="/custody/suites/martlesham/cells/"' in page
    assert "Kai Turner" in page and "John Smith" in page
    assert re.search(r"Golden Hour call \d\d:\d\d<br><span [^>]*>in (49|50) min", page)
    assert 'govuk-tag--orange">Child' in page
    assert "28 of 30" in page
    partial = signed_in.get("/custody/suites/martlesham/cells/").content.decode()
    assert "<html" not in partial and "Kai Turner" in partial


@pytest.mark.django_db
def test_the_board_query_count_does_not_grow_with_detainees(
    signed_in, martlesham, officer, now, django_assert_max_num_queries
):
    for number in range(1, 3):
        book(OffenderFactory(), martlesham, officer, arrived_at=now - H, cell_number=number)
    with django_assert_max_num_queries(17):  # + markers, one per badge provider, PPU marker, orders
        assert signed_in.get("/custody/suites/martlesham/cells/").status_code == 200
    for number in range(3, 25):
        book(OffenderFactory(), martlesham, officer, arrived_at=now - H, cell_number=number)
    with django_assert_max_num_queries(17):  # + markers, one per badge provider, PPU marker, orders
        assert signed_in.get("/custody/suites/martlesham/cells/").status_code == 200


@pytest.mark.django_db
def test_the_lists_query_count_does_not_grow(
    signed_in, martlesham, officer, now, django_assert_max_num_queries
):
    for number in range(1, 3):
        book(OffenderFactory(), martlesham, officer, arrived_at=now - H, cell_number=number)
    # The bulk-read access-log event and one bulk insert linking everyone listed.
    with django_assert_max_num_queries(13):
        signed_in.get("/custody/detentions/")
    with django_assert_max_num_queries(10):
        signed_in.get("/custody/")
    for number in range(3, 25):
        book(OffenderFactory(), martlesham, officer, arrived_at=now - H, cell_number=number)
    # The bulk-read access-log event and one bulk insert linking everyone listed.
    with django_assert_max_num_queries(13):
        assert signed_in.get("/custody/detentions/").status_code == 200
    with django_assert_max_num_queries(10):
        signed_in.get("/custody/")


@pytest.mark.django_db
def test_booking_in_through_the_form_starts_the_clocks(signed_in, martlesham, child, now):
    response = signed_in.post(
        "/custody/suites/martlesham/book-in/",
        {
            "person": child.pnc_id,
            "cell": "4",
            "arrested_at": wall_clock(now - H),
            "arrived_at": wall_clock(now - 5 * M),
            "detention_authorised_at": wall_clock(now),
            "offence": "Robbery",
            "indictable": "on",
            "appropriate_adult": "Dana Turner (mother)",
            "welfare_person": "Dana Turner",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/custody/suites/martlesham/"
    detention = Detention.objects.get(offender=child)
    assert detention.is_child and detention.cell.number == 4 and detention.indictable
    assert detention.golden_hour_due_at is not None


@pytest.mark.django_db
def test_the_sergeant_finds_the_person_by_name_and_books_them_in(signed_in, martlesham, child, now):
    found = signed_in.get("/custody/suites/martlesham/book-in/", {"q": "kai turnr"})
    page = found.content.decode()
    assert f'href="/custody/suites/martlesham/book-in/?offender={child.pk}"' in page
    chosen = signed_in.get("/custody/suites/martlesham/book-in/", {"offender": child.pk})
    page = chosen.content.decode()
    assert "Kai Turner</strong>, born" in page
    assert f'<input type="hidden" name="person" value="{child.pk}">' in page
    assert "Or enter their PNC ID" not in page  # no number to type once the person is chosen
    response = signed_in.post(
        "/custody/suites/martlesham/book-in/",
        {
            "person": str(child.pk),
            "cell": "5",
            "arrested_at": wall_clock(now - H),
            "arrived_at": wall_clock(now - 5 * M),
            "detention_authorised_at": wall_clock(now),
            "offence": "Robbery",
            "appropriate_adult": "Dana Turner (mother)",
            "welfare_person": "Dana Turner",
        },
    )
    assert response.status_code == 302
    assert Detention.objects.get(offender=child).cell.number == 5


@pytest.mark.django_db
def test_book_into_custody_from_the_person_page(client, officer, martlesham, child):
    client.force_login(officer)
    person_page = client.get(f"/people/{child.pk}/").content.decode()
    assert f'href="/custody/book-in/?offender={child.pk}">Book into custody</a>' in person_page
    start = client.get("/custody/book-in/", {"offender": child.pk})
    if start.status_code == 302:  # one suite: straight to its form
        assert start["Location"].endswith(f"/book-in/?offender={child.pk}")
    else:  # several: choose the PIC, each link carrying the person
        assert f"/custody/suites/martlesham/book-in/?offender={child.pk}" in start.content.decode()


@pytest.mark.django_db
def test_people_who_cannot_book_in_are_not_offered_it(client, investigator, child, suites):
    client.force_login(investigator)
    assert "Book into custody" not in client.get(f"/people/{child.pk}/").content.decode()
    assert client.get("/custody/book-in/", {"offender": child.pk}).status_code == 403


@pytest.mark.django_db
def test_the_book_in_form_shows_refusals_on_their_fields(
    signed_in, martlesham, offender, officer, now
):
    book(offender, martlesham, officer, arrived_at=now - H, cell_number=1)
    response = signed_in.post(
        "/custody/suites/martlesham/book-in/",
        {
            "person": offender.pnc_id,
            "cell": "2",
            "arrested_at": wall_clock(now - H),
            "arrived_at": wall_clock(now - 2 * H),
            "detention_authorised_at": wall_clock(now),
            "offence": "Theft",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and 'href="#id_arrived_at"' in page
    response = signed_in.post(
        "/custody/suites/martlesham/book-in/",
        {
            "person": offender.pnc_id,
            "cell": "2",
            "arrested_at": wall_clock(now - H),
            "arrived_at": wall_clock(now - H),
            "detention_authorised_at": wall_clock(now),
            "offence": "Theft",
        },
    )
    assert "already in custody" in response.content.decode()
    response = signed_in.post(
        "/custody/suites/martlesham/book-in/", {"person": "nobody", "cell": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "No person you can see has this PNC ID" in page
    assert "Select a valid choice" in page  # cell 1 is occupied, so not offered


@pytest.mark.django_db
def test_the_detention_page_is_logged_and_shows_the_golden_hour_panel(
    signed_in, martlesham, officer, child, now
):
    detention = book(
        child, martlesham, officer, arrived_at=now - 10 * M, appropriate_adult="Dana Turner"
    )
    page = signed_in.get(f"/custody/detentions/{detention.pk}/").content.decode()
    assert page.count("<h1") == 1
    assert "Golden Hour" in page and "Record the Golden Hour call" in page
    assert AccessEvent.objects.filter(
        action="view", object_id=str(detention.pk), user=officer
    ).exists()


@pytest.mark.django_db
def test_recording_the_call_through_the_page_meets_the_golden_hour(
    signed_in, martlesham, officer, child, now
):
    detention = book(child, martlesham, officer, arrived_at=now - 10 * M)
    response = signed_in.post(
        f"/custody/detentions/{detention.pk}/golden-hour-call/",
        {
            "call-called_at": wall_clock(now),
            "call-spoke_to": "EDS duty worker",
            "call-appropriate_adult_suitable": "on",
            "call-diversion_reminder_given": "on",
        },
    )
    assert response.status_code == 302
    page = signed_in.get(f"/custody/detentions/{detention.pk}/").content.decode()
    assert "Golden Hour met" in page and "EDS duty worker" in page


@pytest.mark.django_db
def test_a_review_by_a_sergeant_is_refused_on_the_page(
    signed_in, martlesham, officer, offender, now
):
    detention = book(offender, martlesham, officer, arrived_at=now - 3 * H)
    response = signed_in.post(
        f"/custody/detentions/{detention.pk}/review/",
        {
            "review-held_at": wall_clock(now),
            "review-authorised_by_name": "Sgt Bo",
            "review-authorised_by_rank": "sergeant",
            "review-involved_in_investigation": "no",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "inspector or above" in page and 'href="#id_review-authorised_by_rank"' in page
    assert not detention.reviews.exists()


@pytest.mark.django_db
def test_release_through_the_page_frees_the_cell(signed_in, martlesham, officer, offender, now):
    detention = book(offender, martlesham, officer, arrived_at=now - 3 * H, cell_number=9)
    response = signed_in.post(
        f"/custody/detentions/{detention.pk}/release/",
        {
            "release-released_at": wall_clock(now),
            "release-outcome": "nfa",
        },
    )
    assert response.status_code == 302
    detention.refresh_from_db()
    assert detention.outcome == "nfa" and not detention.in_custody


@pytest.mark.django_db
def test_a_release_from_the_page_is_checked_before_it_is_recorded(
    signed_in, martlesham, officer, offender, now
):
    detention = book(offender, martlesham, officer, arrived_at=now - 3 * H, cell_number=9)
    url = f"/custody/detentions/{detention.pk}/release/"
    answers = {"check": "1", "release-released_at": wall_clock(now), "release-outcome": "nfa"}
    check = signed_in.post(url, answers)
    page = check.content.decode()
    assert check.status_code == 200
    assert "Check the release before you record it" in page
    assert "No further action" in page  # the outcome as chosen, not its code
    assert '<input type="hidden" name="release-outcome" value="nfa">' in page
    assert 'name="check"' not in page
    detention.refresh_from_db()
    assert detention.in_custody  # nothing recorded yet

    change = signed_in.post(url, {**answers, "check": "", "change": "1"})
    assert change.status_code == 200
    assert 'value="nfa" selected' in change.content.decode()  # the form again, as answered
    detention.refresh_from_db()
    assert detention.in_custody

    confirmed = signed_in.post(url, {k: v for k, v in answers.items() if k != "check"})
    assert confirmed.status_code == 302
    detention.refresh_from_db()
    assert not detention.in_custody and detention.outcome == "nfa"


@pytest.mark.django_db
def test_a_release_with_a_mistake_is_not_checked_but_refused_on_its_field(
    signed_in, martlesham, officer, offender, now
):
    detention = book(offender, martlesham, officer, arrived_at=now - 3 * H, cell_number=9)
    response = signed_in.post(
        f"/custody/detentions/{detention.pk}/release/",
        {"check": "1", "release-released_at": wall_clock(now), "release-outcome": ""},
    )
    assert response.status_code == 400
    assert "Check the release" not in response.content.decode()


@pytest.mark.django_db
def test_people_without_a_custody_role_are_refused(client, martlesham, offender, officer, now):
    detention = book(offender, martlesham, officer, arrived_at=now - H)
    client.force_login(UserFactory(roles=["iom_officer"], teams=["iom"]))
    assert client.get("/custody/").status_code == 403
    assert client.get(f"/custody/detentions/{detention.pk}/").status_code == 403
    client.force_login(UserFactory(roles=["investigator"]))
    assert client.get(f"/custody/detentions/{detention.pk}/").status_code == 200
    assert client.get("/custody/suites/martlesham/book-in/").status_code == 403


@pytest.mark.django_db
def test_the_dashboard_counts_from_the_records_and_links_to_them(
    client, martlesham, officer, child, offender, now
):
    supervisor = UserFactory(rank="inspector", roles=["supervisor"])
    met = book(child, martlesham, officer, arrived_at=now - 3 * H, cell_number=1)
    services.record_golden_hour_call(
        detention=met, called_at=now - 150 * M, spoke_to="EDS", by=officer
    )
    late_child = OffenderFactory(date_of_birth=met.offender.date_of_birth)
    late = book(late_child, martlesham, officer, arrived_at=now - 4 * H, cell_number=2)
    services.record_golden_hour_call(
        detention=late, called_at=now - 2 * H, spoke_to="EDS", by=officer
    )
    missed = book(
        OffenderFactory(date_of_birth=met.offender.date_of_birth),
        martlesham,
        officer,
        arrived_at=now - 2 * H,
        cell_number=3,
    )
    adult = book(offender, martlesham, officer, arrived_at=now - 5 * H, cell_number=4)
    services.record_use_of_force(
        detention=adult,
        used_at=now - 4 * H,
        officer_name="PC A",
        tactics="Restraint",
        reason="Violence",
        by=officer,
    )
    services.record_juvenile_transfer(
        detention=missed,
        charged_at=now - H,
        decided_at=now - 30 * M,
        outcome="transfer_requested",
        by=officer,
    )

    client.force_login(supervisor)
    response = client.get("/custody/dashboard/")
    assert response.status_code == 200
    figures = {
        title: {f.label: f for f in items} for title, items in response.context["figures"].sections
    }
    assert figures["Children detained"]["Children detained"].value == 3
    golden = figures["Golden Hour calls"]
    assert (
        golden["Met (called within the hour)"].value,
        golden["Late (called after the hour)"].value,
        golden["Missed (no call within the hour or before release)"].value,
    ) == (1, 1, 1)
    assert figures["Searches, force and control measures"]["Detentions with force used"].value == 1
    transfers = figures["Children charged and refused bail: PACE s.38(6)"]
    assert transfers["Transfers to local-authority accommodation requested"].value == 1
    assert transfers["Transfers achieved"].value == 0
    this_month = response.context["figures"].months[-1]
    assert this_month["total"].value == 4

    listing = client.get(golden["Late (called after the hour)"].url)
    assert [d.pk for d in listing.context["detentions"]] == [late.pk]
    martlesham_cell = next(cell for cell in this_month["cells"] if cell.label == "Martlesham PIC")
    assert martlesham_cell.value == 4
    listing = client.get(martlesham_cell.url)
    assert listing.context["total"] == 4


@pytest.mark.django_db
def test_the_csv_export_is_logged_with_its_purpose(client, martlesham, officer, offender, now):
    book(offender, martlesham, officer, arrived_at=now - H)
    supervisor = UserFactory(rank="inspector", roles=["supervisor"])
    client.force_login(supervisor)
    response = client.get("/custody/dashboard.csv")
    assert response["Content-Type"].startswith("text/csv")
    body = response.getvalue().decode()
    assert body.startswith("section,figure,value") and "Martlesham PIC,1" in body
    event = AccessEvent.objects.get(action="export", user=supervisor)
    assert event.justification == "Custody performance figures for supervisory review"
    assert event.detail["purpose"] == event.justification


@pytest.mark.django_db
def test_only_supervisors_and_inspectors_see_the_dashboard(signed_in, suites):
    assert signed_in.get("/custody/dashboard/").status_code == 403
    assert signed_in.get("/custody/dashboard.csv").status_code == 403


@pytest.mark.django_db
def test_other_records_are_recorded_through_the_page(signed_in, martlesham, officer, child, now):
    detention = book(
        child, martlesham, officer, arrived_at=now - 5 * H, appropriate_adult="Dana Turner"
    )
    url = f"/custody/detentions/{detention.pk}"
    ok = [
        (
            "hospital",
            {
                "hospital-left_at": wall_clock(now - 4 * H),
                "hospital-returned_at": wall_clock(now - 2 * H),
            },
        ),
        (
            "use-of-force",
            {
                "force-used_at": wall_clock(now - H),
                "force-officer_name": "PC A",
                "force-tactics": "Arm lock",
                "force-reason": "Assault",
            },
        ),
        (
            "control-measure",
            {
                "control-kind": "rip_proof_clothing",
                "control-started_at": wall_clock(now - H),
                "control-reason": "Ligature risk",
                "control-authorised_by_name": "Sgt Hart",
                "control-authorised_by_rank": "sergeant",
            },
        ),
        (
            "assessment",
            {
                "assessment-requested_at": wall_clock(now - 2 * H),
                "assessment-bed_needed": "on",
                "assessment-bed_found": "no",
            },
        ),
        (
            "s38-6",
            {
                "transfer-charged_at": wall_clock(now - H),
                "transfer-decided_at": wall_clock(now - 30 * M),
                "transfer-outcome": "transfer_requested",
            },
        ),
        (
            "search",
            {
                "search-kind": "strip",
                "search-searched_at": wall_clock(now - H),
                "search-reason": "Drugs",
                "search-officer_name": "PC A",
                "search-officer_sex": "male",
                "search-second_name": "PC B",
                "search-second_sex": "male",
                "search-appropriate_adult_present": "Dana Turner",
                "search-intimate_parts_exposed": "on",
            },
        ),
    ]
    for action, data in ok:
        response = signed_in.post(f"{url}/{action}/", data)
        assert response.status_code == 302, (action, response.content.decode()[:2000])
    detention.refresh_from_db()
    assert detention.detention_limit_at == detention.relevant_time + 26 * H
    assert detention.uses_of_force.count() == detention.control_measures.count() == 1
    assert detention.mental_health_assessments.get().bed_found is False
    assert detention.juvenile_transfers.count() == detention.searches.count() == 1

    response = signed_in.post(
        f"{url}/search/", {**ok[-1][1], "search-appropriate_adult_present": ""}
    )
    assert response.status_code == 400
    assert 'href="#id_search-appropriate_adult_present"' in response.content.decode()


@pytest.mark.django_db
def test_a_s136_at_a_station_for_a_child_is_refused_on_the_page(
    signed_in, child, offender, suites, now
):
    data = {
        "person": child.pnc_id,
        "place": "police_station",
        "suite": "martlesham",
        "started_at": wall_clock(now - H),
        "decided_by_name": "Insp Lowe",
        "decided_by_rank": "inspector",
        "imminent_risk": "on",
        "no_other_place": "on",
        "healthcare_professional_available": "on",
        "reasons": "Violent",
    }
    response = signed_in.post("/custody/s136/new/", data)
    assert response.status_code == 400
    assert "never a place of safety for a child" in response.content.decode()
    response = signed_in.post("/custody/s136/new/", {**data, "person": offender.pnc_id})
    assert response.status_code == 302
    listing = signed_in.get("/custody/s136/").content.decode()
    assert "John Smith" in listing and "Police station, Martlesham PIC" in listing


@pytest.mark.django_db
def test_the_dashboard_query_count_does_not_grow_with_detentions(
    client, martlesham, officer, now, django_assert_max_num_queries
):
    client.force_login(UserFactory(rank="inspector", roles=["supervisor"]))
    born = timezone_today() - dt.timedelta(days=16 * 365)
    for number in range(1, 3):
        book(
            OffenderFactory(date_of_birth=born),
            martlesham,
            officer,
            arrived_at=now - H,
            cell_number=number,
        )
    with django_assert_max_num_queries(40):
        assert client.get("/custody/dashboard/").status_code == 200
    for number in range(3, 20):
        book(
            OffenderFactory(date_of_birth=born),
            martlesham,
            officer,
            arrived_at=now - H,
            cell_number=number,
        )
    with django_assert_max_num_queries(40):
        assert client.get("/custody/dashboard/").status_code == 200


def timezone_today():
    from django.utils import timezone

    return timezone.localdate()


def test_an_analyst_sees_the_custody_figures_without_names_or_links(
    client, analyst, offender, martlesham, officer, now
):
    from django.urls import reverse

    book(offender, martlesham, officer, arrived_at=now - 2 * H)
    client.force_login(analyst)
    page = client.get(reverse("custody-dashboard"))
    assert page.status_code == 200
    figures = page.context["figures"]
    assert sum(month["total"].value for month in figures.months) == 1  # the figures, not zeros
    html = page.content.decode()
    assert "/custody/detentions/" not in html
    assert client.get(reverse("custody-detentions")).status_code == 403


def _review(client, detention, now, *, rank, **extra):
    return client.post(
        f"/custody/detentions/{detention.pk}/review/",
        {
            "review-held_at": wall_clock(now),
            "review-authorised_by_name": "Insp Lowe" if rank == "inspector" else "Sgt Bo",
            "review-authorised_by_rank": rank,
            **extra,
        },
    )


@pytest.mark.django_db
def test_the_review_form_asks_whether_the_reviewer_is_involved_with_nothing_chosen(
    signed_in, martlesham, officer, offender, now
):
    detention = book(offender, martlesham, officer, arrived_at=now - 3 * H)
    page = signed_in.get(f"/custody/detentions/{detention.pk}/").content.decode()
    assert "Is the review officer directly involved in the investigation?" in page
    radios = re.findall(r'<input class="govuk-radios__input"[^>]*name="review-involved[^>]*>', page)
    assert len(radios) == 2 and not any("checked" in radio for radio in radios)

    response = _review(signed_in, detention, now, rank="inspector")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select whether the review officer is directly involved" in page
    assert 'href="#id_review-involved_in_investigation"' in page
    assert not detention.reviews.exists()


@pytest.mark.django_db
def test_an_inspector_involved_in_the_investigation_is_refused_on_the_page(
    signed_in, martlesham, officer, offender, now
):
    detention = book(offender, martlesham, officer, arrived_at=now - 3 * H)
    response = _review(
        signed_in, detention, now, rank="inspector", **{"review-involved_in_investigation": "yes"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "not be directly involved in the investigation" in page
    assert 'href="#id_review-involved_in_investigation"' in page
    assert not detention.reviews.exists()

    response = _review(
        signed_in, detention, now, rank="inspector", **{"review-involved_in_investigation": "no"}
    )
    assert response.status_code == 302
    assert detention.reviews.get().reviewer_rank == "inspector"


@pytest.mark.django_db
def test_after_charge_the_custody_sergeant_reviews_on_the_page(
    signed_in, martlesham, officer, child, now
):
    detention = book(child, martlesham, officer, arrived_at=now - 5 * H)
    services.record_juvenile_transfer(
        detention=detention,
        charged_at=now - 2 * H,
        decided_at=now - H,
        outcome="transfer_requested",
        by=officer,
    )
    response = _review(
        signed_in, detention, now, rank="sergeant", **{"review-involved_in_investigation": "no"}
    )
    assert response.status_code == 302
    assert detention.reviews.get().reviewer_rank == "sergeant"


@pytest.mark.django_db
def test_a_child_released_before_the_golden_hour_call_is_a_missed_call(
    client, signed_in, martlesham, officer, child, now
):
    from deadlines.models import Deadline, Kind
    from deadlines.models import Status as DeadlineStatus

    released = book(child, martlesham, officer, arrived_at=now - 20 * M, cell_number=1)
    services.release(detention=released, released_at=now - 5 * M, outcome="nfa", by=officer)
    waiting = book(
        OffenderFactory(date_of_birth=child.date_of_birth),
        martlesham,
        officer,
        arrived_at=now - 10 * M,
        cell_number=2,
    )
    page = signed_in.get(f"/custody/detentions/{released.pk}/").content.decode()
    assert "Golden Hour missed" in page and "Golden Hour open" not in page
    deadline = Deadline.objects.get(kind=Kind.GOLDEN_HOUR_CALL, object_id=released.pk)
    assert deadline.status == DeadlineStatus.MISSED

    client.force_login(UserFactory(rank="inspector", roles=["supervisor"]))
    response = client.get("/custody/dashboard/")
    golden = {f.label: f for f in dict(response.context["figures"].sections)["Golden Hour calls"]}
    assert golden["Missed (no call within the hour or before release)"].value == 1
    assert golden["Open (hour still running, child in custody)"].value == 1
    listing = client.get(golden["Missed (no call within the hour or before release)"].url)
    assert [d.pk for d in listing.context["detentions"]] == [released.pk]
    listing = client.get(golden["Open (hour still running, child in custody)"].url)
    assert [d.pk for d in listing.context["detentions"]] == [waiting.pk]


@pytest.mark.django_db
def test_the_detention_pages_two_outcome_selects_say_which_outcome_they_are(
    signed_in, martlesham, officer, child, now
):
    detention = book(child, martlesham, officer, arrived_at=now - H, cell_number=3)
    page = signed_in.get(f"/custody/detentions/{detention.pk}/").content.decode()
    labels = dict(
        re.findall(r'<label class="govuk-label[^"]*" for="([^"]+)">\s*([^<]+?)\s*<', page)
    )
    assert labels["id_transfer-outcome"] == "Local authority transfer outcome"
    assert labels["id_release-outcome"] == "Detention outcome"
    selects = [labels[i] for i in re.findall(r'<select [^>]*id="([^"]+)"', page)]
    outcomes = [label for label in selects if "outcome" in label.lower()]
    assert len(outcomes) == len(set(outcomes)) == 2, outcomes  # no two share a label


@pytest.mark.django_db
def test_an_adults_charge_is_recorded_on_the_page_and_a_sergeant_then_reviews(
    signed_in, martlesham, officer, offender, now
):
    detention = book(offender, martlesham, officer, arrived_at=now - 3 * H)
    page = signed_in.get(f"/custody/detentions/{detention.pk}/").content.decode()
    assert "Record charge" in page
    refused = signed_in.post(
        f"/custody/detentions/{detention.pk}/charge/",
        {"charge-charged_at": wall_clock(now - 4 * H)},
    )
    assert refused.status_code == 400
    assert "cannot be before arrival" in refused.content.decode()
    response = signed_in.post(
        f"/custody/detentions/{detention.pk}/charge/",
        {"charge-charged_at": wall_clock(now - 10 * M)},
    )
    assert response.status_code == 302
    detention.refresh_from_db()
    assert detention.charged_at == (now - 10 * M).replace(second=0)
    assert detention.history.filter(charged_at__isnull=False).exists()
    assert AccessEvent.objects.filter(detail__event="charge").exists()
    page = signed_in.get(f"/custody/detentions/{detention.pk}/").content.decode()
    assert "Charged" in page and "Record charge" not in page
    reviewed = _review(
        signed_in, detention, now, rank="sergeant", **{"review-involved_in_investigation": "yes"}
    )
    assert reviewed.status_code == 302, reviewed.content.decode()
    assert detention.reviews.get().reviewer_rank == "sergeant"


@pytest.mark.django_db
def test_release_on_bail_through_the_page_opens_the_case_with_its_details(
    signed_in, martlesham, officer, offender, now
):
    from accounts.models import PolicingArea
    from bail.models import BailCase

    detention = book(offender, martlesham, officer, arrived_at=now - 3 * H, cell_number=9)
    page = signed_in.get(f"/custody/detentions/{detention.pk}/").content.decode()
    assert 'name="release-officer_in_case"' in page and 'name="release-conditions"' in page
    district = PolicingArea.objects.filter(force=officer.force).first()
    form = {
        "release-released_at": wall_clock(now),
        "release-outcome": "bail",
        "release-officer_in_case": str(officer.pk),
        "release-district": str(district.pk),
        "release-conditions": "Live and sleep at 4 Elm Road\nCurfew 9pm to 6am",
        "release-victim_conditions": "Not to contact Ann Lowe",
    }
    # The victim-protecting condition without the victim's views: refused on its field.
    refused = signed_in.post(f"/custody/detentions/{detention.pk}/release/", form)
    assert refused.status_code == 400
    assert refused.context["release_form"].errors.get("conditions") or refused.context[
        "release_form"
    ].errors.get("victim_views")
    detention.refresh_from_db()
    assert detention.in_custody and not BailCase.objects.exists()

    form["release-victim_sought"] = "on"
    form["release-victim_views"] = "Wants no contact"
    response = signed_in.post(f"/custody/detentions/{detention.pk}/release/", form)
    assert response.status_code == 302
    case = BailCase.objects.get(offender=offender)
    assert (case.officer_in_case, case.district) == (officer, district)
    assert sorted(case.conditions.values_list("text", flat=True)) == [
        "Curfew 9pm to 6am",
        "Live and sleep at 4 Elm Road",
        "Not to contact Ann Lowe",
    ]

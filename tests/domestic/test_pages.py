"""Domestic-abuse pages as a user uses them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AccessEvent
from deadlines.models import Deadline, Kind
from domestic import services
from domestic.models import Notice, ProgrammeEntry
from protection.models import ProtectiveOrder
from tests.factories import OffenderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
TODAY = dt.date(2026, 11, 20)
AT = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)


def entry_for(offender, lead, **extra):
    return services.put_on_programme(
        offender=offender,
        source=extra.pop("source", "referral"),
        started_on=extra.pop("started_on", dt.date(2026, 10, 1)),
        lead_officer=lead,
        by=lead,
        today=TODAY,
        at=AT,
    )


def test_a_dapu_officer_puts_a_person_on_the_list(client, dapu_officer, offender):
    client.force_login(dapu_officer)
    found = client.get("/domestic-abuse/programme/new/", {"q": offender.last_name})
    assert offender.full_name in found.content.decode()
    response = client.post(
        "/domestic-abuse/programme/new/",
        {
            "offender": offender.pk,
            "source": "marac",
            "started_on": "2026-11-02",
            "lead_officer": dapu_officer.pk,
        },
    )
    entry = ProgrammeEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/domestic-abuse/programme/{entry.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "To be scored" in page
    assert Deadline.objects.filter(kind=Kind.DAPU_REVIEW, offender=offender).exists()


def test_a_move_the_diagram_does_not_allow_is_not_offered_and_refused(
    client, dapu_officer, offender
):
    entry = entry_for(offender, dapu_officer)
    client.force_login(dapu_officer)
    form = client.get(f"/domestic-abuse/programme/{entry.pk}/stage/").content.decode()
    assert 'value="on_hold"' in form
    assert 'value="active"' not in form
    refused = client.post(
        f"/domestic-abuse/programme/{entry.pk}/stage/",
        {"version": entry.version, "stage": "suitable", "on": "2026-11-10", "note": ""},
    )
    assert refused.status_code == 200
    assert "Score the person" in refused.content.decode()


def test_scoring_then_moving_keeps_who_when_and_why(client, dapu_officer, offender):
    entry = entry_for(offender, dapu_officer)
    client.force_login(dapu_officer)
    scored = client.post(
        f"/domestic-abuse/programme/{entry.pk}/score/",
        {"version": 1, "recency": 2, "frequency": 3, "gravity": 9, "scored_on": "2026-11-05"},
    )
    assert scored.status_code == 302
    moved = client.post(
        f"/domestic-abuse/programme/{entry.pk}/stage/",
        {"version": 2, "stage": "suitable", "on": "2026-11-10", "note": "High RFG, two victims"},
    )
    assert moved.status_code == 302
    page = client.get(f"/domestic-abuse/programme/{entry.pk}/").content.decode()
    assert "To be scored to Suitable" in page
    assert "High RFG, two victims" in page
    assert dapu_officer.display_name in page
    assert "16.0" in page


def test_a_stale_form_is_refused_without_overwriting(client, dapu_officer, offender):
    entry = entry_for(offender, dapu_officer)
    client.force_login(dapu_officer)
    client.post(
        f"/domestic-abuse/programme/{entry.pk}/stage/",
        {"version": 1, "stage": "on_hold", "on": "2026-11-10"},
    )
    stale = client.post(
        f"/domestic-abuse/programme/{entry.pk}/stage/",
        {"version": 1, "stage": "not_suitable", "on": "2026-11-11"},
    )
    assert stale.status_code == 200
    assert "changed by someone else" in stale.content.decode()
    entry.refresh_from_db()
    assert entry.stage == "on_hold"


def test_the_programme_list_filters_by_stage(client, dapu_officer):
    entry_for(OffenderFactory(last_name="Aaron"), dapu_officer)
    held = entry_for(OffenderFactory(last_name="Bexley"), dapu_officer)
    services.move_stage(entry=held, stage="on_hold", on=TODAY, by=dapu_officer, today=TODAY, at=AT)
    client.force_login(dapu_officer)
    page = client.get("/domestic-abuse/", {"stage": "on_hold"}).content.decode()
    assert "Bexley" in page and "Aaron" not in page


def test_list_pages_pin_their_queries(client, dapu_officer, django_assert_max_num_queries):
    client.force_login(dapu_officer)
    for _ in range(2):
        entry_for(OffenderFactory(), dapu_officer)
    with django_assert_max_num_queries(25):
        client.get("/domestic-abuse/")
    for _ in range(10):
        entry_for(OffenderFactory(), dapu_officer)
    with django_assert_max_num_queries(25):
        assert client.get("/domestic-abuse/").status_code == 200


def test_a_notice_and_a_dvpo_at_the_hearing(client, dapu_officer, offender, investigator):
    client.force_login(dapu_officer)
    low = client.post(
        "/domestic-abuse/notices/new/",
        {
            "offender": offender.pk,
            "kind": "dvpn",
            "given_at": "2026-11-20T09:00",
            "authorised_by_name": "Insp. Reed",
            "authorised_by_rank": "inspector",
        },
    )
    assert low.status_code == 200
    assert "superintendent or above" in low.content.decode()
    given = client.post(
        "/domestic-abuse/notices/new/",
        {
            "offender": offender.pk,
            "kind": "dvpn",
            "given_at": "2026-11-20T09:00",
            "authorised_by_name": "Supt. Kay",
            "authorised_by_rank": "superintendent",
            "conditions": "Not to contact the victim\nNot to enter 4 Mill Lane",
        },
    )
    assert given.status_code == 302
    notice = Notice.objects.get()
    page = client.get(given["Location"]).content.decode()
    assert "Monday 23 November 2026, 09:00" in page  # Sunday disregarded
    heard = client.post(
        f"/domestic-abuse/notices/{notice.pk}/hearing/",
        {
            "version": notice.version,
            "heard_at": "2026-11-20T11:00",
            "result": "order_made",
            "ends_on": "2026-12-17",
        },
    )
    assert heard.status_code == 302, heard.content.decode()
    order = ProtectiveOrder.objects.get()
    assert (order.kind, order.ends_on) == ("dvpo", dt.date(2026, 12, 17))
    # Every officer dealing with the person sees that the order exists, not the notice.
    client.force_login(investigator)
    person = client.get(f"/people/{offender.pk}/").content.decode()
    assert "DVPO" in person
    assert client.get(f"/domestic-abuse/notices/{notice.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["investigator", "ppu_officer", "analyst", "custody_sergeant"])
def test_dapu_pages_do_not_exist_for_others(client, request, persona, dapu_officer, offender):
    entry = entry_for(offender, dapu_officer)
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/domestic-abuse/").status_code == 404
    assert client.get(f"/domestic-abuse/programme/{entry.pk}/").status_code == 404


def test_the_funnel_page_links_each_figure_to_its_people(client, dapu_officer, offender):
    entry = entry_for(offender, dapu_officer)
    services.move_stage(entry=entry, stage="on_hold", on=TODAY, by=dapu_officer, today=TODAY, at=AT)
    client.force_login(dapu_officer)
    page = client.get("/domestic-abuse/figures/", {"to": "2026-11-20"}).content.decode()
    assert "/domestic-abuse/?figure=on_hold&amp;on=2026-11-20" in page
    listed = client.get("/domestic-abuse/", {"figure": "on_hold", "on": "2026-11-20"})
    assert offender.full_name in listed.content.decode()
    before = client.get("/domestic-abuse/", {"figure": "on_hold", "on": "2026-11-19"})
    assert offender.full_name not in before.content.decode()


def test_an_analyst_sees_the_funnel_without_names_and_exports_it(client, analyst, dapu_officer):
    # A name no faker-made user carries, so its absence means something.
    offender = OffenderFactory(first_name="Zebedee", last_name="Quattlebaum")
    entry_for(offender, dapu_officer)
    client.force_login(analyst)
    page = client.get("/domestic-abuse/figures/").content.decode()
    assert "Total on the programme list" in page
    assert "figure=" not in page
    assert offender.last_name not in page
    export = client.get("/domestic-abuse/figures/funnel.csv", {"to": "2026-11-20"})
    body = b"".join(export.streaming_content).decode()
    assert "total_on_list,Total on the programme list,1,2026-11-20" in body
    assert AccessEvent.objects.filter(action="export", user=analyst).exists()


def test_the_figures_page_refuses_an_investigator(client, investigator):
    client.force_login(investigator)
    assert client.get("/domestic-abuse/figures/").status_code == 403


def test_bad_input_never_500s(client, dapu_officer):
    client.force_login(dapu_officer)
    assert (
        client.get("/domestic-abuse/figures/", {"to": "nonsense", "date_from": "x"}).status_code
        == 200
    )
    assert (
        client.get("/domestic-abuse/", {"figure": "nonsense", "on": "2026-02-30"}).status_code
        == 200
    )
    assert client.get("/domestic-abuse/programme/99999999999999999999/").status_code == 404


def test_a_non_molestation_order_shows_on_the_bail_case(
    client, bail_officer, ppu_officer, offender
):
    from protection import services as protection_services
    from tests.bail.conftest import open_bail

    case = open_bail(offender, bail_officer, arrested_on=dt.date(2026, 11, 12))
    protection_services.make_order(
        offender=offender,
        kind="non_molestation",
        made_on=dt.date(2026, 11, 1),
        ends_on=dt.date(2027, 5, 1),
        by=ppu_officer,
        today=TODAY,
    )
    client.force_login(bail_officer)
    page = client.get(reverse("bail-case", args=[case.pk])).content.decode()
    assert 'data-testid="person-badges"' in page
    assert "Non-molestation" in page


def test_the_person_page_shows_the_programme_to_dapu_only(
    client, dapu_officer, investigator, offender
):
    entry = entry_for(offender, dapu_officer)
    services.move_stage(
        entry=entry, stage="on_hold", on=TODAY, by=dapu_officer, today=TODAY, at=AT, note="Wait"
    )
    client.force_login(dapu_officer)
    page = client.get(f"/people/{offender.pk}/").content.decode()
    assert "DAPU: On hold" in page
    assert "DAPU programme: on hold" in page
    client.force_login(investigator)
    page = client.get(f"/people/{offender.pk}/").content.decode()
    assert "DAPU" not in page


def test_a_dapu_officer_records_a_non_molestation_order_every_officer_sees(
    client, dapu_officer, custody_sergeant, offender
):
    client.force_login(dapu_officer)
    refused = client.post(
        "/domestic-abuse/non-molestation/new/",
        {"offender": offender.pk, "made_on": "2026-11-02"},
    )
    assert "Give the date the order ends" in refused.content.decode()
    done = client.post(
        "/domestic-abuse/non-molestation/new/",
        {"offender": offender.pk, "made_on": "2026-11-02", "ends_on": "2027-05-01"},
    )
    assert done.status_code == 302
    order = ProtectiveOrder.objects.get()
    assert (order.kind, order.created_by) == ("non_molestation", dapu_officer)
    client.force_login(custody_sergeant)
    assert "Non-molestation" in client.get(f"/people/{offender.pk}/").content.decode()


def _notice(offender, by):
    return services.give_notice(
        offender=offender,
        kind="dapn",
        given_at=AT - dt.timedelta(hours=1),
        authorised_by_name="Insp. Reed",
        authorised_by_rank="inspector",
        victim_age=30,
        by=by,
        now=AT,
    )


def test_the_notices_page_and_endpoint_pin_their_queries(
    client, dapu_officer, django_assert_max_num_queries
):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(dapu_officer)
    client.force_login(dapu_officer)
    for size in (2, 12):
        while Notice.objects.count() < size:
            _notice(OffenderFactory(), dapu_officer)
        with django_assert_max_num_queries(20):
            assert client.get("/domestic-abuse/notices/").status_code == 200
        with django_assert_max_num_queries(12):
            assert api.get("/api/v1/domestic-abuse/notices/").json()["count"] == size
        with django_assert_max_num_queries(40):
            assert client.get("/domestic-abuse/figures/").status_code == 200

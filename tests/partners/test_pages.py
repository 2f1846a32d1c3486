"""Partners pages as a user uses them."""

from __future__ import annotations

import pytest
from django.utils import timezone

from audit.models import AccessEvent
from partners import services
from partners.models import PersonNeed, Referral, Service
from tests.factories import OffenderFactory, force
from tests.partners.conftest import area, make_service, need

pytestmark = pytest.mark.django_db


def test_the_directory_filters_by_need_and_district(client, custody_sergeant):
    make_service()  # accommodation, South only
    client.force_login(custody_sergeant)
    page = client.get("/partners/", {"need": "accommodation", "district": "south"})
    assert page.status_code == 200
    assert b"Housing South" in page.content
    page = client.get("/partners/", {"need": "accommodation", "district": "east"})
    assert b"Housing South" not in page.content
    assert client.get("/partners/", {"need": "<script>", "district": "x" * 500}).status_code == 200


@pytest.mark.parametrize("extra", [0, 15])
def test_the_directory_takes_a_fixed_number_of_queries(
    client, custody_sergeant, django_assert_max_num_queries, extra
):
    for i in range(extra):
        make_service(f"svc-{i}")
    client.force_login(custody_sergeant)
    with django_assert_max_num_queries(16):
        assert client.get("/partners/").status_code == 200


def test_a_service_page_warns_when_funding_ends_within_three_months(client, custody_sergeant):
    ends = timezone.localdate() + timezone.timedelta(days=40)
    make_service(funding_ends_on=ends)
    client.force_login(custody_sergeant)
    page = client.get("/partners/services/housing-south/")
    assert b"within three months" in page.content
    assert client.get("/partners/services/nothing/").status_code == 404


def test_an_admin_adds_and_edits_a_service_and_a_stale_edit_is_refused(client, admin_user):
    client.force_login(admin_user)
    form = {
        "code": "dwp",
        "name": "DWP work coach",
        "provider": "DWP",
        "needs": ["employment"],
        "districts": ["south"],
        "gender": "any",
        "capacity": "10",
        "places_free": "12",
        "active": "on",
    }
    page = client.post("/partners/services/new/", form)
    assert page.status_code == 200
    assert b"Places free cannot be more than the capacity" in page.content
    form["places_free"] = "4"
    assert client.post("/partners/services/new/", form).status_code == 302
    service = Service.objects.get(code="dwp")
    form.pop("code")
    edited = client.post("/partners/services/dwp/edit/", {**form, "version": 1, "places_free": "3"})
    assert edited.status_code == 302
    service.refresh_from_db()
    assert (service.places_free, service.version) == (3, 2)
    stale = client.post("/partners/services/dwp/edit/", {**form, "version": 1}, follow=True)
    assert b"changed by someone else" in stale.content


def test_only_admins_edit_the_directory(client, supervisor):
    make_service()
    client.force_login(supervisor)
    assert client.get("/partners/services/new/").status_code == 403
    assert client.get("/partners/services/housing-south/edit/").status_code == 403


def test_an_officer_records_a_need_refers_and_records_progress(client, iom_officer):
    person = OffenderFactory(home_area=area("south"))
    make_service()
    client.force_login(iom_officer)
    url = f"/partners/people/{person.pk}/need/?source_kind=iom&source_id=42"
    assert client.get(url).status_code == 200
    today = timezone.localdate().isoformat()
    bad = client.post(
        url, {"need": "accommodation", "source_kind": "iom", "assessed_on": "2999-01-01"}
    )
    assert b"cannot be in the future" in bad.content
    response = client.post(
        url,
        {"need": "accommodation", "source_kind": "iom", "source_id": "42", "assessed_on": today},
    )
    assert response.status_code == 302 and "need=accommodation" in response["Location"]
    assert PersonNeed.objects.get(offender=person).source_id == "42"
    refer_page = client.get(response["Location"])
    assert b"Housing South" in refer_page.content
    response = client.post(
        f"/partners/people/{person.pk}/refer/",
        {
            "service": "housing-south",
            "need": "accommodation",
            "source_kind": "iom",
            "referred_on": today,
        },
    )
    referral = Referral.objects.get(offender=person)
    assert response["Location"] == f"/partners/referrals/{referral.pk}/"
    page = client.post(
        response["Location"], {"version": 1, "status": "accepted", "on": today}, follow=True
    )
    assert b"Progress recorded" in page.content
    pathways = client.get(f"/partners/people/{person.pk}/")
    assert b"Housing South" in pathways.content and b"Accepted" in pathways.content
    assert AccessEvent.objects.filter(
        offender=person, detail__page="partners-person", justification__startswith="Partners"
    ).exists()


def test_another_forces_person_is_not_found(client, norfolk_sergeant):
    person = OffenderFactory()
    client.force_login(norfolk_sergeant)
    assert client.get(f"/partners/people/{person.pk}/").status_code == 404
    assert client.get(f"/partners/people/{person.pk}/refer/").status_code == 404
    assert client.get("/partners/referrals/99999999999999999999/").status_code == 404


def test_the_gap_map_changes_when_a_need_is_recorded_and_exports_with_a_purpose(
    client, supervisor, iom_officer
):
    person = OffenderFactory(home_area=area("south"))
    make_service(places_free=0)
    client.force_login(supervisor)
    page = client.get("/partners/gaps/")
    assert page.status_code == 200
    assert page.context["gaps"].cell("south", "accommodation").people == 0
    services.record_need(
        offender=person,
        need=need("accommodation"),
        source_kind="iom",
        assessed_on=timezone.localdate(),
        by=iom_officer,
        today=timezone.localdate(),
    )
    page = client.get("/partners/gaps/")
    cell = page.context["gaps"].cell("south", "accommodation")
    assert (cell.people, cell.status) == (1, "short")
    assert client.get("/partners/gaps/export/").status_code == 302  # no purpose
    csv = client.get("/partners/gaps/export/", {"purpose": "Needs assessment"})
    body = b"".join(csv.streaming_content).decode()
    assert "South,Accommodation,1,0,1,0,0,1,short" in body
    assert AccessEvent.objects.filter(action="export", justification="Needs assessment").exists()


def test_the_reoffending_page_shows_sizes_and_refuses_bad_dates(client, analyst):
    client.force_login(analyst)
    page = client.get("/partners/reoffending/")
    assert page.status_code == 200
    assert b"Cohort" in page.content
    bad = client.get(
        "/partners/reoffending/",
        {"cohort": "iom", "date_from": "2025-01-01", "date_to": "2024-01-01"},
    )
    assert bad.status_code == 400
    unknown = client.get("/partners/reoffending/", {"cohort": "nobody"})
    assert unknown.status_code == 400


def test_the_dashboard_figures_link_to_lists_with_the_same_counts(client, supervisor, iom_officer):
    person = OffenderFactory()
    service = make_service()
    today = timezone.localdate()
    referral = services.refer(
        offender=person, service=service, referred_on=today, by=iom_officer, today=today
    )
    services.record_progress(
        referral=referral,
        status="accepted",
        on=today,
        by=iom_officer,
        today=today,
        at=timezone.now(),
    )
    client.force_login(supervisor)
    page = client.get("/partners/dashboard/")
    assert page.status_code == 200
    row = next(r for r in page.context["table"] if r["service"] == service)
    assert dict(row["steps"])["referred"] == 1
    listed = client.get(
        "/partners/referrals/",
        {
            "service": service.code,
            "step": "referred",
            "from": page.context["first"],
            "to": page.context["last"],
        },
    )
    assert listed.context["page"].paginator.count == 1
    assert client.get("/partners/dashboard/", {"from": "2026-13"}).status_code == 400
    _ = force


@pytest.mark.parametrize("extra", [1, 12])
def test_the_referrals_list_takes_a_fixed_number_of_queries(
    client, iom_officer, django_assert_max_num_queries, extra
):
    service = make_service()
    today = timezone.localdate()
    for _ in range(extra):
        services.refer(
            offender=OffenderFactory(),
            service=service,
            referred_on=today,
            by=iom_officer,
            today=today,
        )
    client.force_login(iom_officer)
    with django_assert_max_num_queries(14):
        assert client.get("/partners/referrals/").status_code == 200


def test_an_officer_records_how_an_offence_was_proved_from_the_pathways_page(client, iom_officer):
    from offenders.models import Offence, OffenceType

    person = OffenderFactory()
    offence = Offence.objects.create(
        offender=person,
        offence_type=OffenceType.objects.get(code="shoplifting"),
        committed_on="2026-01-05",
        outcome="1",
        outcome_on="2026-01-06",
    )
    client.force_login(iom_officer)
    page = client.get(f"/partners/people/{person.pk}/")
    assert f"/partners/offences/{offence.pk}/proof/".encode() in page.content
    url = f"/partners/offences/{offence.pk}/proof/"
    bad = client.post(url, {"kind": "conviction", "proved_on": "2025-12-01"})
    assert b"proved after it is committed" in bad.content
    done = client.post(url, {"kind": "conviction", "proved_on": "2026-02-01"})
    assert done.status_code == 302
    offence.refresh_from_db()
    assert str(offence.proof.proved_on) == "2026-02-01"
    assert b"Convicted at court, 1 Feb 2026" in client.get(f"/partners/people/{person.pk}/").content


def test_the_referrals_list_logs_one_bulk_read_linked_to_each_person_shown(client, iom_officer):
    from audit.models import AccessEvent

    service = make_service()
    today = timezone.localdate()
    people = [OffenderFactory() for _ in range(3)]
    for person in people:
        services.refer(
            offender=person, service=service, referred_on=today, by=iom_officer, today=today
        )
    client.force_login(iom_officer)
    assert (
        client.get("/partners/referrals/", {"purpose": "Weekly pathways check"}).status_code == 200
    )
    event = AccessEvent.objects.filter(detail__search="partner-referrals").latest("pk")
    assert event.purpose == "Weekly pathways check"
    assert sorted(event.people.values_list("pk", flat=True)) == sorted(p.pk for p in people)

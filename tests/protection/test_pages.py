"""Public-protection pages as a user (and as everyone who must not see them)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from protection import services
from protection.choices import ORDER_SHORT_LABELS, OrderKind
from protection.hooks import PPU_MARKER
from protection.models import ProtectiveOrder, RsoRegistration
from tests.factories import UserFactory

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def registration(ppu_officer, offender):
    return services.register_rso(
        offender=offender,
        relevant_date=dt.date(2026, 11, 2),
        disposal="imprisonment",
        sentence_months=12,
        lead_officer=ppu_officer,
        by=ppu_officer,
        today=TODAY,
    )


@pytest.mark.django_db
def test_a_ppu_officer_registers_a_person_from_the_page(client, ppu_officer, offender):
    client.force_login(ppu_officer)
    page = client.get("/public-protection/rso/register/", {"q": offender.last_name})
    assert offender.full_name in page.content.decode()
    response = client.post(
        f"/public-protection/rso/register/?offender={offender.pk}",
        {
            "offender": offender.pk,
            "relevant_date": "2026-11-02",
            "disposal": "imprisonment",
            "sentence_months": "12",
            "lead_officer": ppu_officer.pk,
        },
    )
    reg = RsoRegistration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/public-protection/rso/{reg.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "10 years" in page
    assert "4 November 2026" in page


@pytest.mark.django_db
def test_the_register_form_puts_the_rule_on_the_field(client, ppu_officer, offender):
    client.force_login(ppu_officer)
    response = client.post(
        "/public-protection/rso/register/",
        {
            "offender": offender.pk,
            "relevant_date": "2026-11-02",
            "disposal": "conditional_discharge",
            "lead_officer": ppu_officer.pk,
        },
    )
    assert response.status_code == 200
    assert "period of the conditional discharge" in response.content.decode()
    assert not RsoRegistration.objects.exists()


@pytest.mark.django_db
def test_change_of_address_visit_and_an_shpo_from_the_pages(client, ppu_officer, registration):
    client.force_login(ppu_officer)
    url = f"/public-protection/rso/{registration.pk}/"
    response = client.post(
        f"{url}notification/",
        {
            "version": registration.version,
            "kind": "change_of_address",
            "notified_on": "2026-11-19",
            "changed_on": "2026-11-18",
            "line1": "2 Quay Street",
            "town": "Woodbridge",
            "postcode": "IP12 1BX",
        },
    )
    assert response.status_code == 302, response.content.decode()
    registration.refresh_from_db()
    response = client.post(
        f"{url}visit/",
        {"version": registration.version, "visited_on": "2026-11-19", "outcome": "seen"},
    )
    assert response.status_code == 302
    response = client.post(
        f"/public-protection/orders/new/?offender={registration.offender_id}",
        {
            "offender": registration.offender_id,
            "kind": "shpo",
            "made_on": "2026-11-19",
            "until_further_order": "on",
            "prohibitions": "No unsupervised contact with children\nNo deleting internet history",
        },
    )
    assert response.status_code == 302
    order = ProtectiveOrder.objects.get()
    assert order.prohibitions == [
        "No unsupervised contact with children",
        "No deleting internet history",
    ]
    page = client.get(url).content.decode()
    assert "IP12 1BX" in page
    assert "Seen at home" in page
    assert "SHPO" in page


@pytest.mark.django_db
def test_a_stale_form_is_refused_without_saving(client, ppu_officer, registration):
    client.force_login(ppu_officer)
    response = client.post(
        f"/public-protection/rso/{registration.pk}/visit/",
        {"version": registration.version + 5, "visited_on": "2026-11-19", "outcome": "seen"},
    )
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    assert not registration.visits.exists()


@pytest.mark.django_db
def test_the_dashboard_links_each_figure_to_the_list_it_counts(client, supervisor, registration):
    client.force_login(supervisor)
    page = client.get("/public-protection/dashboard/").content.decode()
    assert 'data-testid="rso-in-community"' in page
    listing = client.get("/public-protection/rso/", {"status": "in_community"}).content.decode()
    assert "1 on the register" in listing
    overdue = client.get("/public-protection/rso/", {"notifications": "overdue"}).content.decode()
    assert registration.offender.full_name in overdue
    from audit.models import AccessEvent

    listed = AccessEvent.objects.filter(action="list", user=supervisor).latest("pk")
    assert listed.purpose == "Public protection register"


@pytest.mark.django_db
def test_the_list_exports_csv_with_a_purpose(client, supervisor, registration):
    client.force_login(supervisor)
    response = client.get("/public-protection/rso/", {"format": "csv", "purpose": "Panel"})
    assert response["Content-Type"].startswith("text/csv")
    assert registration.offender.last_name in b"".join(response.streaming_content).decode()


@pytest.mark.django_db
def test_custody_sees_only_the_marker_and_others_see_nothing(client, registration):
    person = f"/people/{registration.offender_id}/"
    custody = UserFactory(username="custody.c", roles=["custody_officer"])
    client.force_login(custody)
    page = client.get(person).content.decode()
    assert PPU_MARKER in page
    assert "Registered sex offender" not in page
    assert client.get(f"/public-protection/rso/{registration.pk}/").status_code == 404
    investigator = UserFactory(username="inv.i", roles=["investigator"])
    client.force_login(investigator)
    page = client.get(person).content.decode()
    assert PPU_MARKER not in page
    assert "RSO" not in page
    search = client.get("/people/", {"q": registration.offender.last_name}).content.decode()
    assert "RSO" not in search and PPU_MARKER not in search


@pytest.mark.django_db
def test_ppu_sees_the_badges_and_timeline_on_the_person(client, ppu_officer, registration):
    client.force_login(ppu_officer)
    services.make_order(
        offender=registration.offender,
        kind="non_molestation",
        made_on=dt.date(2026, 11, 1),
        ends_on=dt.date(2027, 5, 1),
        by=ppu_officer,
        today=TODAY,
    )
    page = client.get(f"/people/{registration.offender_id}/").content.decode()
    assert "RSO" in page
    assert "Non-molestation order" in page
    assert "Registered sex offender: notification period 10 years" in page


@pytest.mark.django_db
def test_custody_sees_the_orders_in_force_but_not_the_register(client, ppu_officer, registration):
    # Officer safety (issues 13 and 14): the order is seen at the custody desk; the
    # register and MAPPA stay behind the "contact PPU" marker.
    services.make_order(
        offender=registration.offender,
        kind="non_molestation",
        made_on=dt.date(2026, 11, 1),
        ends_on=dt.date(2027, 5, 1),
        by=ppu_officer,
        today=TODAY,
    )
    client.force_login(UserFactory(username="custody.o", roles=["custody_officer"]))
    page = client.get(f"/people/{registration.offender_id}/").content.decode()
    assert PPU_MARKER in page
    assert ORDER_SHORT_LABELS[OrderKind.NON_MOLESTATION] in page
    assert "Registered sex offender" not in page and ">RSO<" not in page

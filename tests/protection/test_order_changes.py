"""Varying and discharging a protective order (issue 14): the law's lengths, the page, the
stale version, the end deadline, and a discharged order dropping out of "in force"."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from audit.models import AccessEvent
from core.concurrency import StaleVersion
from deadlines import services as deadlines
from deadlines.models import Deadline, Kind, Status
from protection import services
from protection.choices import ORDER_SHORT_LABELS, OrderKind
from protection.models import OrderVariation, ProtectiveOrder
from tests.factories import UserFactory

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def shpo(ppu_officer, offender):
    return services.make_order(
        offender=offender,
        kind="shpo",
        made_on=dt.date(2026, 11, 2),
        ends_on=dt.date(2032, 11, 2),
        prohibitions=["No contact with children under 16"],
        court="Ipswich Crown Court",
        by=ppu_officer,
        today=TODAY,
    )


def _end_deadlines(order):
    return Deadline.objects.filter(
        kind=Kind.PROTECTIVE_ORDER_END, object_id=order.pk, content_type__model="protectiveorder"
    )


def _vary(order, by, **kwargs):
    args = {
        "order": order,
        "decided_on": dt.date(2026, 11, 19),
        "ends_on": dt.date(2034, 11, 2),
        "court": "Ipswich Crown Court",
        "version": order.version,
        "by": by,
        "today": TODAY,
        "at": NOW,
    }
    return services.vary_order(**{**args, **kwargs})


@pytest.mark.django_db
def test_a_variation_moves_the_end_and_its_deadline_and_keeps_the_history(ppu_officer, shpo):
    varied = _vary(shpo, ppu_officer, prohibitions=["No unsupervised contact with children"])
    assert varied.ends_on == dt.date(2034, 11, 2)
    assert varied.version == shpo.version + 1
    assert varied.prohibitions == ["No unsupervised contact with children"]
    (deadline,) = deadlines.open_deadlines_for(varied, Kind.PROTECTIVE_ORDER_END)
    assert deadline.due_at.date() == dt.date(2034, 11, 2)
    (change,) = OrderVariation.objects.all()
    assert (change.old_ends_on, change.new_ends_on) == (dt.date(2032, 11, 2), dt.date(2034, 11, 2))
    assert change.recorded_by == ppu_officer
    event = AccessEvent.objects.filter(action="update", object_id=str(shpo.pk)).latest("pk")
    assert event.purpose and event.detail["order"] == "vary"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        # An SHPO lasts at least five years from the day it was made (Sentencing Act 2020).
        ({"ends_on": dt.date(2031, 10, 31)}, "ends_on", "at least 5 years"),
        ({"decided_on": dt.date(2026, 11, 21)}, "decided_on", "future"),
        ({"decided_on": dt.date(2026, 11, 1)}, "decided_on", "before the order was made"),
        ({"ends_on": None}, "ends_on", "until further order"),
    ],
)
def test_a_variation_the_law_does_not_allow_is_refused(ppu_officer, shpo, kwargs, field, words):
    with pytest.raises(ValidationError) as refused:
        _vary(shpo, ppu_officer, **kwargs)
    assert words in " ".join(refused.value.message_dict[field])
    shpo.refresh_from_db()
    assert shpo.ends_on == dt.date(2032, 11, 2) and shpo.version == 1
    assert not OrderVariation.objects.exists()


@pytest.mark.django_db
def test_a_stale_version_is_refused(ppu_officer, shpo):
    _vary(shpo, ppu_officer)
    with pytest.raises(StaleVersion):
        _vary(shpo, ppu_officer, ends_on=dt.date(2035, 1, 1), version=1)
    shpo.refresh_from_db()
    assert shpo.ends_on == dt.date(2034, 11, 2)


@pytest.mark.django_db
def test_a_discharged_order_is_no_longer_in_force_and_its_badge_and_deadline_go(
    client, ppu_officer, offender
):
    order = services.make_order(
        offender=offender,
        kind="non_molestation",
        made_on=dt.date(2026, 11, 1),
        ends_on=dt.date(2027, 5, 1),
        by=ppu_officer,
        today=TODAY,
    )
    custody = UserFactory(username="custody.o", roles=["custody_officer"])
    client.force_login(custody)
    label = ORDER_SHORT_LABELS[OrderKind.NON_MOLESTATION]
    assert label in client.get(f"/people/{offender.pk}/").content.decode()
    services.discharge_order(
        order=order,
        decided_on=dt.date(2026, 11, 18),
        court="Ipswich Family Court",
        version=order.version,
        by=ppu_officer,
        today=TODAY,
        at=NOW,
    )
    assert not ProtectiveOrder.objects.in_force_on(TODAY).exists()
    assert ProtectiveOrder.objects.in_force_on(dt.date(2026, 11, 17)).exists()
    assert label not in client.get(f"/people/{offender.pk}/").content.decode()
    assert _end_deadlines(order).get().status == Status.CANCELLED
    order.refresh_from_db()
    assert not order.in_force_on(TODAY)
    with pytest.raises(ValidationError):
        _vary(order, ppu_officer, ends_on=dt.date(2027, 6, 1))


@pytest.mark.django_db
def test_the_page_varies_the_order_and_shows_the_history(client, ppu_officer, shpo):
    client.force_login(ppu_officer)
    page = client.get(f"/public-protection/orders/{shpo.pk}/").content.decode()
    assert "Vary or discharge this order" in page
    form = client.get(f"/public-protection/orders/{shpo.pk}/change/").content.decode()
    assert "No contact with children under 16" in form
    response = client.post(
        f"/public-protection/orders/{shpo.pk}/change/",
        {
            "version": shpo.version,
            "change": "vary",
            "decided_on": "2026-11-19",
            "court": "Ipswich Crown Court",
            "ends_on": "2034-11-02",
            "prohibitions": "No contact with children under 16\nNo internet use unmonitored",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Until 2 November 2034" in page
    assert "Varied on 19 Nov 2026 at Ipswich Crown Court" in page
    assert "2 Nov 2032 → 2 Nov 2034" in page
    assert "No internet use unmonitored" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"change": "vary", "ends_on": "2028-01-01"}, "at least 5 years"),
        ({"change": "vary", "ends_on": "not a date"}, "Enter a valid date"),
        ({"change": "discharge", "decided_on": "2027-01-01"}, "future"),
        ({"change": "sideways"}, "Select a valid choice"),
        ({"change": "vary", "version": "x"}, "Enter a whole number"),
    ],
)
def test_the_page_refuses_bad_input_and_changes_nothing(client, ppu_officer, shpo, data, words):
    client.force_login(ppu_officer)
    post = {"version": shpo.version, "decided_on": "2026-11-19", "ends_on": "2032-11-02", **data}
    response = client.post(f"/public-protection/orders/{shpo.pk}/change/", post)
    assert response.status_code == 200
    page = response.content.decode()
    assert words in page and "govuk-error-summary" in page
    shpo.refresh_from_db()
    assert shpo.version == 1 and shpo.discharged_on is None
    assert not OrderVariation.objects.exists()


@pytest.mark.django_db
def test_the_page_shows_a_stale_edit_with_the_current_values(client, ppu_officer, shpo):
    _vary(shpo, ppu_officer)
    client.force_login(ppu_officer)
    response = client.post(
        f"/public-protection/orders/{shpo.pk}/change/",
        {"version": 1, "change": "discharge", "decided_on": "2026-11-19"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "changed by someone else" in page
    assert "Until 2 November 2034" in page
    shpo.refresh_from_db()
    assert shpo.discharged_on is None


@pytest.mark.django_db
def test_the_page_discharges_and_the_link_goes(client, ppu_officer, shpo):
    client.force_login(ppu_officer)
    response = client.post(
        f"/public-protection/orders/{shpo.pk}/change/",
        {"version": 1, "change": "discharge", "decided_on": "2026-11-19", "court": "Ipswich"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Discharged on 19 November 2026" in page
    assert "Vary or discharge this order" not in page
    assert client.get(f"/public-protection/orders/{shpo.pk}/change/").status_code == 404
    assert _end_deadlines(shpo).get().status == Status.CANCELLED


@pytest.mark.django_db
def test_others_cannot_reach_the_change_page(client, shpo):
    client.force_login(UserFactory(username="custody.x", roles=["custody_officer"]))
    assert client.get(f"/public-protection/orders/{shpo.pk}/change/").status_code == 404


ORDERS = "/api/v1/public-protection/orders/"


@pytest.mark.django_db
def test_the_api_varies_refuses_and_discharges(ppu_officer, shpo):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(ppu_officer)
    url = f"{ORDERS}{shpo.pk}/"
    too_short = {"version": 1, "decided_on": "2026-11-19", "ends_on": "2028-01-01"}
    refused = api.post(f"{url}vary/", too_short, format="json")
    assert refused.status_code == 400 and "at least 5 years" in str(refused.json())
    assert api.post(f"{url}vary/", {"decided_on": "x"}, format="json").status_code == 400
    shpo.refresh_from_db()
    assert shpo.version == 1 and not OrderVariation.objects.exists()
    body = {"version": 1, "decided_on": "2026-11-19", "ends_on": "2034-11-02"}
    varied = api.post(f"{url}vary/", body, format="json")
    assert varied.status_code == 200, varied.json()
    assert varied.json()["ends_on"] == "2034-11-02" and varied.json()["version"] == 2
    assert varied.json()["prohibitions"] == ["No contact with children under 16"]
    stale = api.post(f"{url}discharge/", {"version": 1, "decided_on": "2026-11-19"}, format="json")
    assert stale.status_code == 409
    done = api.post(f"{url}discharge/", {"version": 2, "decided_on": "2026-11-19"}, format="json")
    assert done.status_code == 200 and done.json()["discharged_on"] == "2026-11-19"
    assert _end_deadlines(shpo).get().status == Status.CANCELLED


@pytest.mark.django_db
def test_the_api_change_endpoints_do_not_exist_for_others(shpo):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(UserFactory(username="custody.y", roles=["custody_officer"]))
    body = {"version": 1, "decided_on": "2026-11-19"}
    assert api.post(f"{ORDERS}{shpo.pk}/discharge/", body, format="json").status_code == 404
    shpo.refresh_from_db()
    assert shpo.discharged_on is None

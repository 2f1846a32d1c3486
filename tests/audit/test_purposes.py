"""A purpose on every event (issue 12, item 3; DPA 2018 s.62(2)): from the request's declared
purpose or the page's own, and a typed reason where there is no context (a restricted
person), refused with a clear answer when it is missing."""

from __future__ import annotations

import pytest

from audit.models import AccessEvent
from offenders import services
from tests.factories import OffenderFactory


@pytest.fixture
def restricted(investigator, supervisor):
    person = OffenderFactory(first_name="Rita", last_name="Restricted")
    services.restrict_offender(
        offender=person, users=[investigator, supervisor], reason="Witness", by=supervisor
    )
    return person


def _views(person):
    return AccessEvent.objects.filter(offender=person, action="view")


@pytest.mark.django_db
def test_a_restricted_person_page_asks_why_before_showing_anything(
    client, investigator, restricted
):
    client.force_login(investigator)
    page = client.get(f"/people/{restricted.pk}/")
    body = page.content.decode()
    assert page.status_code == 200 and "Why are you looking?" in body
    assert "Rita" in body  # the name in the caption, nothing of the record
    assert not _views(restricted).exists()
    empty = client.get(f"/people/{restricted.pk}/", {"purpose": "   "})
    assert "Say why you are looking" in empty.content.decode()
    assert not _views(restricted).exists()
    shown = client.get(f"/people/{restricted.pk}/", {"purpose": "Op Falcon witness care"})
    assert shown.status_code == 200 and "Why are you looking?" not in shown.content.decode()
    assert _views(restricted).get().purpose == "Op Falcon witness care"


@pytest.mark.django_db
def test_the_api_refuses_a_restricted_person_without_a_purpose(client, investigator, restricted):
    client.force_login(investigator)
    refused = client.get(f"/api/v1/offenders/{restricted.pk}/")
    assert refused.status_code == 400 and "purpose" in refused.json()
    assert not _views(restricted).exists()
    ok = client.get(f"/api/v1/offenders/{restricted.pk}/", headers={"X-Purpose": "Op Falcon"})
    assert ok.status_code == 200
    assert _views(restricted).get().purpose == "Op Falcon"


@pytest.mark.django_db
def test_an_ordinary_person_needs_no_typed_reason_and_gets_one_from_where_the_user_stands(
    client, investigator, supervisor, offender
):
    client.force_login(investigator)
    assert client.get(f"/people/{offender.pk}/").status_code == 200
    assert (
        client.get(f"/api/v1/offenders/{offender.pk}/", {"purpose": "Bail case 12"}).status_code
        == 200
    )
    client.force_login(supervisor)
    log = client.get(f"/api/v1/offenders/{offender.pk}/access-log/").json()["results"]
    purposes = [e["purpose"] for e in log if e["user"] == "investigator.tom"]
    assert purposes == ["Bail case 12", f"Offender {offender.pk}"]
    assert all(e["purpose"] for e in log)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("referer", "purpose"),
    [
        ("http://testserver/bail/cases/12/", "From Bail case 12"),
        ("http://testserver/cohorts/iom/cohort/?cohort=fixed", "From IOM cohort"),
        ("http://testserver/custody/detentions/7/", "From Detention 7"),
        ("http://testserver/", "From My work"),
        ("https://elsewhere.example/bail/cases/12/", None),  # another site: not a context
        ("http://testserver/no/such/page/", None),
    ],
)
def test_a_person_opened_from_a_case_records_that_case_as_the_purpose(
    client, investigator, offender, referer, purpose
):
    client.force_login(investigator)
    assert client.get(f"/people/{offender.pk}/", headers={"Referer": referer}).status_code == 200
    recorded = _views(offender).get().purpose
    assert recorded == (purpose or f"Offender {offender.pk}")

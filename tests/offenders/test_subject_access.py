"""Subject access (issue 12, item 9): one document of everything Desist holds on a person,
itself logged as a disclosure."""

from __future__ import annotations

import json

import pytest

from audit.models import AccessEvent
from audit.services import record_access, record_bulk_read
from offenders import services
from tests.factories import OffenderFactory, force

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(offender, investigator):
    import datetime as dt

    services.add_alias(
        today=dt.date(2026, 1, 1),
        offender=offender,
        by=investigator,
        kind="alias",
        first_name="Johnny",
        last_name="Smyth",
    )
    record_access(user=investigator, action="view", offender=offender, purpose="Bail case 12")
    record_bulk_read(user=investigator, people=[offender], purpose="Weekly tasking")
    return offender


def test_a_supervisor_downloads_one_document_and_the_disclosure_is_logged(client, supervisor, held):
    client.force_login(supervisor)
    form = client.get(f"/people/{held.pk}/subject-access/")
    assert form.status_code == 200 and "Request reference" in form.content.decode()
    missing = client.get(f"/people/{held.pk}/subject-access/", {"download": "1"})
    assert missing.status_code == 400 and "Give the request" in missing.content.decode()
    response = client.get(
        f"/people/{held.pk}/subject-access/",
        {"download": "1", "reference": "SAR-2026-041", "recipient": "John Smith"},
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = json.loads(response.content)
    assert document["reference"] == "SAR-2026-041"
    assert document["person"]["last_name"] == "Smith"
    assert any(a["last_name"] == "Smyth" for a in document["person"]["aliases"])
    assert document["history"] and document["record_changes"]
    assert document["retention"]["mopi_group"] == 3
    assert document["retention"]["review_due_on"] > document["retention"]["last_recorded_event_on"]
    log = document["access_log"]
    assert log["by_purpose"]["Bail case 12"] == 1 and log["by_purpose"]["Weekly tasking"] == 1
    assert log["by_user"]["investigator.tom"] >= 2
    disclosure = AccessEvent.objects.get(action="export", offender=held)
    assert disclosure.recipients == "John Smith"
    assert disclosure.purpose == "Subject access request SAR-2026-041"


def test_the_api_gives_the_same_document_and_refuses_without_a_reference(client, supervisor, held):
    client.force_login(supervisor)
    url = f"/api/v1/offenders/{held.pk}/subject-access/"
    refused = client.get(url)
    assert refused.status_code == 400 and "reference" in refused.json()
    body = client.get(url, {"reference": "SAR-7", "recipient": "Solicitor"}).json()
    assert body["document"] == "Subject access request" and body["person"]["id"] == held.pk
    assert AccessEvent.objects.filter(action="export", recipients="Solicitor").count() == 1


def test_only_supervisors_and_admins_prepare_it_and_only_for_people_they_see(
    client, investigator, supervisor, held
):
    client.force_login(investigator)
    assert client.get(f"/people/{held.pk}/subject-access/").status_code == 403
    url = f"/api/v1/offenders/{held.pk}/subject-access/"
    assert client.get(url, {"reference": "x", "recipient": "y"}).status_code == 403
    stranger = OffenderFactory(force=force("norfolk"))
    client.force_login(supervisor)
    assert client.get(f"/people/{stranger.pk}/subject-access/").status_code == 404

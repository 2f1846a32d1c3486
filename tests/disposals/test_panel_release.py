"""The scrutiny panel sees only cases the Offender Diversion Team prepared and released, with
every written form of the person's identifiers redacted (issue 12, item 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from rest_framework.test import APIClient

from audit.models import AccessEvent
from disposals import rules
from disposals.models import PanelRelease
from offenders.models import Address, Alias
from tests.disposals.conftest import make_disposal
from tests.factories import OffenderFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/disposals/"
SAMPLE = "scrutiny-sample/?from=2026-01-01&to=2026-03-01&size=10"
PAGE_PERIOD = "date_from=2026-01-01&date_to=2026-03-01&size=10"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def leaky(diversion_officer):
    """A disposal whose officer typed the person's identifiers into every free-text field."""
    person = OffenderFactory(
        first_name="Evangeline",
        last_name="Fotheringay",
        date_of_birth=dt.date(1988, 3, 7),
        pnc_id="2019/0034567L",
        cro_number="012345/88X",
    )
    Alias.objects.create(offender=person, first_name="Eva", last_name="Smythe")
    Address.objects.create(
        offender=person,
        line1="12 Acacia Avenue",
        town="Ipswich",
        postcode="IP1 2AB",
        from_date=dt.date(2020, 1, 1),
    )
    return make_disposal(
        by=diversion_officer,
        offender=person,
        offence="E.F. (PNC 20190034567L, born 7 March 1988) took a bicycle from Acacia Avenue",
        conditions=[
            rules.Condition(
                kind="reparative",
                description="Eva Smythe to write to the victim; call 07700 900123; CRO 12345/88x",
                due_by=dt.date(2026, 3, 3),
            )
        ],
    )


IDENTIFIERS = [
    "Evangeline",
    "Fotheringay",
    "Eva ",
    "Smythe",
    "E.F.",
    "20190034567L",
    "7 March 1988",
    "Acacia",
    "07700",
    "12345/88",
]


def _leaks(text: str) -> list[str]:
    return [i for i in IDENTIFIERS if i.lower() in text.lower()]


def test_the_panel_sees_no_case_until_it_is_released(scrutiny_member, leaky):
    body = api(scrutiny_member).get(API + SAMPLE).json()
    assert body["cases"] == [] and body["awaiting_preparation"] == 1
    page = signed_in(scrutiny_member).get(f"/disposals/scrutiny/?{PAGE_PERIOD}")
    assert "still being prepared" in page.content.decode()
    refused = api(scrutiny_member).post(
        f"{API}{leaky.pk}/scrutiny/",
        {"finding": "appropriate", "reviewed_on": "2026-03-01"},
        format="json",
    )
    assert refused.status_code == 404


def test_the_team_prepares_redacts_more_and_releases_on_the_page(
    diversion_officer, scrutiny_member, leaky
):
    team = signed_in(diversion_officer)
    listing = team.get(f"/disposals/panel/?{PAGE_PERIOD}").content.decode()
    assert "To prepare" in listing and not _leaks(listing)
    form = team.get(f"/disposals/{leaky.pk}/panel/?back={PAGE_PERIOD}")
    text = form.content.decode()
    assert "[redacted]" in text and not _leaks(text)
    condition = leaky.conditions.get()
    released = team.post(
        f"/disposals/{leaky.pk}/panel/",
        {
            "back": PAGE_PERIOD,
            # The officer redacts the bicycle's make, and types the name back by mistake.
            "offence": "[redacted] took a [redacted] from Fotheringay's street",
            f"condition_{condition.pk}": "Write to the victim",
        },
    )
    assert released.status_code == 302
    release = PanelRelease.objects.get(disposal=leaky)
    assert release.offence == "[redacted] took a [redacted] from [redacted]'s street"
    assert release.released_by == diversion_officer

    [case] = api(scrutiny_member).get(API + SAMPLE).json()["cases"]
    assert case["offence"] == release.offence
    assert case["conditions"][0]["description"] == "Write to the victim"
    page = signed_in(scrutiny_member).get(f"/disposals/scrutiny/?{PAGE_PERIOD}")
    assert release.offence in page.content.decode().replace("&#x27;", "'")
    assert not _leaks(str(case))


def test_the_api_previews_and_releases_with_the_automatic_redaction(
    diversion_officer, scrutiny_member, leaky
):
    client = api(diversion_officer)
    preview = client.get(f"{API}{leaky.pk}/panel-release/").json()
    assert preview["released"] is False and not _leaks(str(preview))
    assert "[redacted]" in preview["offence"]
    done = client.post(
        f"{API}{leaky.pk}/panel-release/",
        {"offence": "Evangeline took a bicycle", "conditions": {}},
        format="json",
    )
    assert done.status_code == 201
    body = done.json()
    assert body["released"] and body["offence"] == "[redacted] took a bicycle"
    assert not _leaks(str(body))  # the condition kept its automatic redaction
    assert AccessEvent.objects.filter(
        user=diversion_officer, purpose="Prepared for the scrutiny panel"
    ).exists()
    [case] = api(scrutiny_member).get(API + SAMPLE).json()["cases"]
    assert case["offence"] == "[redacted] took a bicycle"


def test_only_the_offender_diversion_team_prepares(scrutiny_member, investigator, leaky):
    for user in (scrutiny_member, investigator):
        assert signed_in(user).get(f"/disposals/{leaky.pk}/panel/").status_code == 403
        assert signed_in(user).get(f"/disposals/panel/?{PAGE_PERIOD}").status_code == 403
        assert api(user).get(f"{API}{leaky.pk}/panel-release/").status_code == 403


def test_a_release_must_keep_an_offence_and_name_only_its_own_conditions(diversion_officer, leaky):
    client = api(diversion_officer)
    empty = client.post(f"{API}{leaky.pk}/panel-release/", {"offence": " "}, format="json")
    assert empty.status_code == 400 and "offence" in empty.json()
    stranger = client.post(
        f"{API}{leaky.pk}/panel-release/",
        {"offence": "Theft", "conditions": {"999999": "x"}},
        format="json",
    )
    assert stranger.status_code == 400 and "conditions" in stranger.json()
    assert not PanelRelease.objects.exists()

"""Adding an offence and removing a warning marker from the person's page."""

import pytest
from django.utils import timezone

from offenders import services
from offenders.models import Marker, Offence, OffenceType
from tests.factories import OffenderFactory

pytestmark = pytest.mark.django_db


def test_an_officer_adds_an_offence_with_its_outcome(client, investigator):
    person = OffenderFactory()
    burglary = OffenceType.objects.get(code="burglary-dwelling")
    client.force_login(investigator)
    assert client.get(f"/people/{person.pk}/offences/new/").status_code == 200
    response = client.post(
        f"/people/{person.pk}/offences/new/",
        {
            "offence_type": burglary.pk,
            "committed_on": "03/10/2026",
            "outcome": "1",
            "outcome_on": "05/10/2026",
        },
    )
    assert response.status_code == 302
    offence = Offence.objects.get(offender=person)
    assert (offence.offence_type, offence.outcome, offence.charged) == (burglary, "1", True)


def test_an_outcome_before_the_offence_is_a_field_error_and_nothing_is_saved(client, investigator):
    person = OffenderFactory()
    client.force_login(investigator)
    response = client.post(
        f"/people/{person.pk}/offences/new/",
        {
            "offence_type": OffenceType.objects.first().pk,
            "committed_on": "03/10/2026",
            "outcome": "1",
            "outcome_on": "01/10/2026",
        },
    )
    assert response.status_code == 200
    assert "outcome_on" in response.context["form"].errors
    assert not Offence.objects.filter(offender=person).exists()


def test_an_officer_removes_a_warning_marker(client, investigator):
    person = OffenderFactory()
    marker = services.add_marker(
        today=timezone.localdate(),
        offender=person,
        by=investigator,
        kind="violence",
        details="",
        added_on=None,
    )
    client.force_login(investigator)
    response = client.post(f"/people/{person.pk}/markers/{marker.pk}/remove/")
    assert response.status_code == 302
    assert Marker.objects.get(pk=marker.pk).removed_on is not None
    assert client.post(f"/people/{person.pk}/markers/{marker.pk}/remove/").status_code == 404

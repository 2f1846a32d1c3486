"""A refused API request saves nothing, even what the view wrote before the refusal."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import path
from rest_framework.response import Response
from rest_framework.test import APIClient
from rest_framework.views import APIView

from core.concurrency import StaleVersion
from offenders.models import Offender
from tests.offenders.factories import person

REFUSALS = {
    "invalid": (ValidationError({"details": ["Enter the details."]}), 400),
    "stale": (StaleVersion(3), 409),
    "forbidden": (PermissionDenied("Not yours."), 403),
}


class WritesThenRefuses(APIView):
    """A first write succeeds, then a later step of the same request is refused."""

    def post(self, request, refusal):
        person("Amelia", "Hart")
        if refusal == "none":
            return Response(status=201)
        raise REFUSALS[refusal][0]


urlpatterns = [path("api/v1/test/<str:refusal>/", WritesThenRefuses.as_view())]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("refusal", sorted(REFUSALS))
def test_a_refused_request_rolls_back_its_earlier_writes(custody_sergeant, refusal):
    api = APIClient()
    api.force_authenticate(custody_sergeant)
    response = api.post(f"/api/v1/test/{refusal}/")
    assert response.status_code == REFUSALS[refusal][1]
    assert not Offender.objects.exists()


@pytest.mark.urls(__name__)
def test_a_request_that_succeeds_keeps_its_writes(custody_sergeant):
    api = APIClient()
    api.force_authenticate(custody_sergeant)
    assert api.post("/api/v1/test/none/").status_code == 201
    assert Offender.objects.count() == 1

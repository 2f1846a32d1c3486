from __future__ import annotations

from rest_framework import generics
from rest_framework.exceptions import PermissionDenied

from audit.models import AccessEvent
from audit.permissions import can_view_access_log
from audit.selectors import events_for_offender
from audit.serializers import AccessEventSerializer
from offenders.access import get_offender_for_user


class OffenderAccessLog(generics.ListAPIView):
    """GET /api/v1/offenders/{id}/access-log/: who viewed or changed this person's records."""

    serializer_class = AccessEventSerializer
    ordering_fields = ["at"]
    filterset_fields = ["action"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AccessEvent.objects.none()
        user = self.request.user
        if not can_view_access_log(user):
            raise PermissionDenied("Only supervisors and administrators can read the access log.")
        return events_for_offender(get_offender_for_user(user, self.kwargs["pk"]))

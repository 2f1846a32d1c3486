from __future__ import annotations

import django_filters
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.decorators import api_view
from rest_framework.response import Response

from audit.api import PURPOSE_PARAMETER, LoggedList
from core.filters import IsoDateTimeFilter
from deadlines import services
from deadlines.models import Deadline, Kind, Notification, Status
from deadlines.serializers import DeadlineSerializer, NotificationSerializer
from offenders.access import visible_offenders


class DeadlineFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    status = django_filters.ChoiceFilter(choices=Status.choices)
    due_before = IsoDateTimeFilter(field_name="due_at", lookup_expr="lt")
    due_after = IsoDateTimeFilter(field_name="due_at", lookup_expr="gte")
    offender = django_filters.NumberFilter(
        field_name="offender_id", min_value=1, max_value=2**63 - 1
    )

    class Meta:
        model = Deadline
        fields = ["kind", "status", "due_before", "due_after", "offender"]


def visible_deadlines(user):
    """Deadlines of people the user may see, plus person-less ones in the user's force."""
    people = visible_offenders(user)
    return Deadline.objects.filter(
        models.Q(offender__in=people) | models.Q(offender__isnull=True, force_id=user.force_id)
    ).select_related("content_type", "owner_team", "owner_user")


@extend_schema(parameters=[PURPOSE_PARAMETER])
class DeadlineList(LoggedList, generics.ListAPIView):
    """The open and closed deadlines of people the caller may see (logged, with everyone
    listed)."""

    read_purpose = "Deadlines"

    def people_in(self, rows):
        return [d.offender_id for d in rows if d.offender_id]

    serializer_class = DeadlineSerializer
    filterset_class = DeadlineFilter
    ordering_fields = ["due_at", "created_at", "kind"]
    ordering = ["due_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Deadline.objects.none()
        return visible_deadlines(self.request.user)


class NotificationList(generics.ListAPIView):
    serializer_class = NotificationSerializer
    ordering_fields = ["created_at"]
    ordering = ["-created_at"]
    filterset_fields = ["stage"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return Notification.objects.filter(user=self.request.user)


@extend_schema(request=None, responses={200: NotificationSerializer})
@api_view(["POST"])
def mark_notification_read(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(user=request.user, notification_ids=[notification.pk], at=timezone.now())
    notification.refresh_from_db()
    return Response(NotificationSerializer(notification).data)

"""Public-protection API shapes (API.md "Public protection"): explicit inputs per workflow,
explicit outputs. Input field names are the services' keyword arguments."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from protection.choices import (
    Disposal,
    LeadAgency,
    MappaEndReason,
    NotificationKind,
    OrderKind,
    RiskLevel,
    RsoEndReason,
    VisitOutcome,
)
from protection.models import (
    IntelligenceKind,
    MappaCase,
    MappaMeeting,
    ProtectiveOrder,
    RsoRegistration,
)

ID = {"min_value": 1, "max_value": 2**63 - 1}


class RsoSerializer(serializers.ModelSerializer):
    lead_officer: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    relevant_date = serializers.DateField(source="started_on", read_only=True)
    notification_period = serializers.SerializerMethodField()
    status = serializers.CharField(read_only=True)
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    in_custody_until = serializers.DateField(source="release_on", read_only=True)
    visits_overdue = serializers.SerializerMethodField()
    notifications_due = serializers.SerializerMethodField()

    class Meta:
        model = RsoRegistration
        fields = [
            "id",
            "version",
            "offender",
            "relevant_date",
            "disposal",
            "sentence_months",
            "life_or_ipp",
            "discharge_months",
            "offence",
            "under_18_at_relevant_date",
            "notification_period",
            "notification_ends_on",
            "initial_notification_due",
            "in_custody_until",
            "status",
            "area",
            "lead_officer",
            "last_notified_on",
            "next_periodic_due",
            "no_fixed_abode",
            "notifications_due",
            "first_notification_after_release",
            "review_qualifying_date",
            "risk_level",
            "risk_assessed_on",
            "visit_interval_days",
            "last_visit_on",
            "next_visit_due",
            "visits_overdue",
            "ended_on",
            "end_reason",
        ]

    def get_notification_period(self, obj: RsoRegistration) -> str:
        return obj.period.iso()

    def get_visits_overdue(self, obj: RsoRegistration) -> bool:
        return obj.visits_overdue(timezone.localdate())

    def get_notifications_due(self, obj: RsoRegistration) -> list[dict]:
        from protection.services import notifications_due

        return [
            {"kind": d["kind"], "due_on": d["due_on"].isoformat()} for d in notifications_due(obj)
        ]


class RsoListSerializer(RsoSerializer):
    """A list row: everything but the per-row deadline look-up."""

    class Meta(RsoSerializer.Meta):
        fields = [f for f in RsoSerializer.Meta.fields if f != "notifications_due"]


class RsoRegisterInput(serializers.Serializer):
    offender = serializers.IntegerField(**ID)
    relevant_date = serializers.DateField()
    disposal = serializers.ChoiceField(choices=Disposal.choices)
    sentence_months = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=1200
    )
    life_or_ipp = serializers.BooleanField(required=False, default=False)
    discharge_months = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=1200
    )
    in_custody_until = serializers.DateField(required=False, allow_null=True)
    offence = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")
    area = serializers.CharField(required=False, allow_blank=True, max_length=40, default="")
    lead_officer = serializers.CharField(required=False, allow_blank=True, max_length=150)


class NotificationAddressInput(serializers.Serializer):
    line1 = serializers.CharField(max_length=200)
    line2 = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    town = serializers.CharField(max_length=100)
    postcode = serializers.CharField(max_length=10)


class NotificationInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=NotificationKind.choices)
    notified_on = serializers.DateField()
    changed_on = serializers.DateField(required=False, allow_null=True)
    departs_on = serializers.DateField(required=False, allow_null=True)
    returns_on = serializers.DateField(required=False, allow_null=True)
    destination = serializers.CharField(
        required=False, allow_blank=True, max_length=200, default=""
    )
    from_date = serializers.DateField(required=False, allow_null=True)
    to_date = serializers.DateField(required=False, allow_null=True)
    address = NotificationAddressInput(required=False, allow_null=True)
    no_fixed_abode = serializers.BooleanField(required=False, default=False)
    details = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class FirstNotificationInput(serializers.Serializer):
    on = serializers.DateField()
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class RiskInput(serializers.Serializer):
    level = serializers.ChoiceField(choices=RiskLevel.choices)
    assessed_on = serializers.DateField()
    visit_interval_days = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=366
    )
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class VisitInput(serializers.Serializer):
    visited_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=VisitOutcome.choices)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class IntelligenceInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=IntelligenceKind.choices)
    recorded_on = serializers.DateField()
    summary = serializers.CharField(max_length=2000)


class CustodyInput(serializers.Serializer):
    in_custody = serializers.BooleanField()
    on = serializers.DateField()
    expected_release_on = serializers.DateField(required=False, allow_null=True)
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class RsoEndInput(serializers.Serializer):
    ended_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=RsoEndReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class OrderSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    breaches = serializers.SerializerMethodField()

    class Meta:
        model = ProtectiveOrder
        fields = [
            "id",
            "version",
            "offender",
            "kind",
            "made_on",
            "ends_on",
            "until_further_order",
            "prohibitions",
            "foreign_travel_prohibition_until",
            "court",
            "area",
            "breaches",
            "discharged_on",
        ]

    def get_breaches(self, obj: ProtectiveOrder) -> list[dict]:
        return [
            {"breached_on": b.breached_on.isoformat(), "details": b.details}
            for b in obj.breaches.all()
        ]


class OrderInput(serializers.Serializer):
    offender = serializers.IntegerField(**ID)
    kind = serializers.ChoiceField(choices=OrderKind.choices)
    made_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    until_further_order = serializers.BooleanField(required=False, default=False)
    prohibitions = serializers.ListField(
        child=serializers.CharField(max_length=1000), required=False, default=list, max_length=50
    )
    foreign_travel_prohibition_until = serializers.DateField(required=False, allow_null=True)
    court = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    area = serializers.CharField(required=False, allow_blank=True, max_length=40, default="")


class OrderVaryInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    decided_on = serializers.DateField()
    court = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    until_further_order = serializers.BooleanField(required=False, default=False)
    prohibitions = serializers.ListField(
        child=serializers.CharField(max_length=1000), required=False, max_length=50
    )


class OrderDischargeInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    decided_on = serializers.DateField()
    court = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class OrderBreachInput(serializers.Serializer):
    breached_on = serializers.DateField()
    details = serializers.CharField(max_length=2000)


class MappaSerializer(serializers.ModelSerializer):
    lead_officer: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    from_date = serializers.DateField(source="started_on", read_only=True)
    category = serializers.IntegerField(read_only=True)
    level = serializers.IntegerField(read_only=True)

    class Meta:
        model = MappaCase
        fields = [
            "id",
            "version",
            "offender",
            "category",
            "level",
            "area",
            "lead_agency",
            "from_date",
            "transferred_in",
            "transferred_from",
            "lead_officer",
            "next_review_due",
            "ended_on",
            "end_reason",
        ]


class MappaInput(serializers.Serializer):
    offender = serializers.IntegerField(**ID)
    category = serializers.IntegerField(min_value=1, max_value=3)
    level = serializers.IntegerField(min_value=1, max_value=3)
    area = serializers.CharField(max_length=40)
    lead_agency = serializers.ChoiceField(choices=LeadAgency.choices)
    from_date = serializers.DateField()
    transferred_in = serializers.BooleanField(required=False, default=False)
    transferred_from = serializers.CharField(
        required=False, allow_blank=True, max_length=200, default=""
    )
    lead_officer = serializers.CharField(required=False, allow_blank=True, max_length=150)


class MeetingInput(serializers.Serializer):
    held_on = serializers.DateField()
    level = serializers.IntegerField(min_value=1, max_value=3)
    attendees = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    actions = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class MeetingSerializer(serializers.ModelSerializer):
    level = serializers.IntegerField(read_only=True)

    class Meta:
        model = MappaMeeting
        fields = ["id", "held_on", "level", "attendees", "actions", "next_review_due"]


class MappaEndInput(serializers.Serializer):
    ended_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=MappaEndReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class SummaryQuery(serializers.Serializer):
    on = serializers.DateField(required=False)

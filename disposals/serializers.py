"""Explicit input serializers for each workflow and output serializers with listed fields.

Input serializers check shape only (types, lengths, choices, known ids); the rules of
DOMAIN.md §3 are applied by ``disposals.services`` so that forms and the API refuse the same
things with the same words.
"""

from __future__ import annotations

from django.http import Http404
from rest_framework import serializers

from accounts.models import PolicingArea
from core.period_inputs import PeriodInput
from disposals import rules
from disposals.models import (
    BREACH_ACTION_CHOICES,
    CONDITION_KIND_CHOICES,
    DISPOSAL_TYPE_CHOICES,
    FINDING_CHOICES,
    REFERRAL_STATUS_CHOICES,
    Breach,
    Disposal,
    DisposalCondition,
    Intervention,
    Referral,
    RestorativeJusticeReferral,
    RJOutcome,
    Satisfaction,
)
from offenders.access import get_offender_for_user
from offenders.choices import OffenceCategory

MAX_CONDITIONS = 20


def resolve_district(value: str, force) -> PolicingArea:
    """A district of ``force`` by id or by code (``south``, ``norwich``)."""
    areas = PolicingArea.objects.filter(force=force)
    area = (
        areas.filter(pk=int(value)).first()
        if str(value).isdigit()
        else areas.filter(code=value).first()
    )
    if area is None:
        raise serializers.ValidationError(
            {"district": ["Choose a district of the person's own force."]}
        )
    return area


class InterventionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Intervention
        fields = ["code", "name", "provider", "active"]


class ConditionInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CONDITION_KIND_CHOICES)
    description = serializers.CharField(max_length=500, allow_blank=True, trim_whitespace=True)
    hours = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True
    )
    amount = serializers.DecimalField(
        max_digits=8, decimal_places=2, required=False, allow_null=True
    )
    due_by = serializers.DateField(required=False, allow_null=True)

    def to_condition(self, data) -> rules.Condition:
        return rules.Condition(
            kind=data["kind"],
            description=data["description"],
            hours=data.get("hours"),
            amount=data.get("amount"),
            due_by=data.get("due_by"),
        )


class VictimViewsInput(serializers.Serializer):
    sought = serializers.BooleanField(default=False)
    views = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")
    not_practicable_reason = serializers.CharField(
        max_length=500, allow_blank=True, required=False, default=""
    )


class DecisionInput(serializers.Serializer):
    offender = serializers.IntegerField(min_value=1)
    disposal_type = serializers.ChoiceField(choices=DISPOSAL_TYPE_CHOICES)
    decided_on = serializers.DateField()
    offence = serializers.CharField(max_length=300)
    offence_date = serializers.DateField()
    offence_category = serializers.ChoiceField(choices=OffenceCategory.choices)
    district = serializers.CharField(max_length=60)
    admitted = serializers.BooleanField()
    consented = serializers.BooleanField()
    dpp_consent = serializers.BooleanField(required=False, allow_null=True, default=None)
    conditions = ConditionInput(many=True, required=False, default=list, max_length=MAX_CONDITIONS)
    victim_views = VictimViewsInput(required=False)
    rj_offered = serializers.BooleanField(required=False, default=False)
    rj_taken_up = serializers.BooleanField(required=False, default=False)

    def validate_offender(self, value):
        try:
            return get_offender_for_user(self.context["request"].user, value)
        except Http404:
            raise serializers.ValidationError("No such person.") from None

    def validate(self, attrs):
        attrs["district"] = resolve_district(attrs["district"], attrs["offender"].force)
        return attrs

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        views = data.pop("victim_views", None) or {}
        data["conditions"] = [ConditionInput().to_condition(c) for c in data["conditions"]]
        data["victim_views_sought"] = views.get("sought", False)
        data["victim_views"] = views.get("views", "")
        data["victim_not_practicable_reason"] = views.get("not_practicable_reason", "")
        return data


class ReferralInput(serializers.Serializer):
    intervention = serializers.SlugRelatedField(
        slug_field="code", queryset=Intervention.objects.all()
    )
    referred_on = serializers.DateField()
    condition = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class ProgressInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=REFERRAL_STATUS_CHOICES)
    on = serializers.DateField()


class CompleteInput(serializers.Serializer):
    completed_on = serializers.DateField()
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class ConditionCompleteInput(serializers.Serializer):
    on = serializers.DateField()


class BreachInput(serializers.Serializer):
    breached_on = serializers.DateField()
    details = serializers.CharField(max_length=2000)
    action = serializers.ChoiceField(choices=BREACH_ACTION_CHOICES)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class WithdrawInput(serializers.Serializer):
    on = serializers.DateField()
    reason = serializers.CharField(max_length=500)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class RJReferralInput(serializers.Serializer):
    referred_on = serializers.DateField()


class RJUpdateInput(serializers.Serializer):
    contact_made_on = serializers.DateField(required=False, allow_null=True, default=None)
    outcome = serializers.ChoiceField(choices=RJOutcome.choices)
    outcome_on = serializers.DateField(required=False, allow_null=True, default=None)
    victim_satisfaction = serializers.ChoiceField(
        choices=Satisfaction.choices, allow_blank=True, required=False, default=""
    )
    version = serializers.IntegerField()


class ScrutinyInput(serializers.Serializer):
    finding = serializers.ChoiceField(choices=FINDING_CHOICES)
    learning = serializers.CharField(max_length=4000, allow_blank=True, required=False, default="")
    reviewed_on = serializers.DateField()


class PanelReleaseInput(serializers.Serializer):
    offence = serializers.CharField(max_length=300)
    conditions = serializers.DictField(
        child=serializers.CharField(max_length=1000),
        required=False,
        default=dict,
        help_text="Condition id -> the description the panel reads; conditions left out keep "
        "the automatic redaction.",
    )


class PanelTextSerializer(serializers.Serializer):
    """A case's free text as the scrutiny panel reads it (redacted)."""

    disposal = serializers.IntegerField()
    offence = serializers.CharField()
    conditions = serializers.DictField(child=serializers.CharField())
    released = serializers.BooleanField()
    released_at = serializers.DateTimeField(allow_null=True)


class SampleInput(PeriodInput):
    size = serializers.IntegerField(min_value=1, max_value=200, default=10)


# --- Output ----------------------------------------------------------------------------------


class ConditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = DisposalCondition
        fields = [
            "id",
            "kind",
            "description",
            "hours",
            "amount",
            "due_by",
            "status",
            "completed_on",
        ]


class ReferralSerializer(serializers.ModelSerializer):
    intervention = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Referral
        fields = ["id", "intervention", "condition", "referred_on", "status", "status_on"]


class BreachSerializer(serializers.ModelSerializer):
    class Meta:
        model = Breach
        fields = ["id", "breached_on", "details", "action"]


class RJSerializer(serializers.ModelSerializer):
    class Meta:
        model = RestorativeJusticeReferral
        fields = [
            "id",
            "referred_on",
            "contact_made_on",
            "outcome",
            "outcome_on",
            "victim_satisfaction",
            "version",
        ]


class DisposalSerializer(serializers.ModelSerializer):
    district = serializers.SlugRelatedField(slug_field="code", read_only=True)
    victim_views = serializers.SerializerMethodField()
    conditions = ConditionSerializer(many=True, read_only=True)
    referrals = ReferralSerializer(many=True, read_only=True)
    breaches = BreachSerializer(many=True, read_only=True)

    class Meta:
        model = Disposal
        fields = [
            "id",
            "offender",
            "disposal_type",
            "framework",
            "status",
            "outcome_code",
            "decided_on",
            "offence",
            "offence_date",
            "offence_category",
            "district",
            "admitted",
            "consented",
            "dpp_consent",
            "victim_views",
            "rj_offered",
            "rj_taken_up",
            "completed_on",
            "withdrawn_on",
            "conditions",
            "referrals",
            "breaches",
            "version",
        ]

    def get_victim_views(self, disposal) -> dict:
        return {
            "sought": disposal.victim_views_sought,
            "views": disposal.victim_views,
            "not_practicable_reason": disposal.victim_not_practicable_reason,
        }

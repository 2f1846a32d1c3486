"""IOM API shapes (API.md "IOM cohorts"): explicit inputs per workflow, explicit outputs."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from rest_framework import serializers

from cohorts.models import (
    COHORT_CHOICES,
    REMOVAL_REASON_CHOICES,
    IomMembership,
    IomReview,
)


class IomMembershipSerializer(serializers.ModelSerializer):
    lead_officer: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    managed_in_community = serializers.SerializerMethodField()
    in_custody = serializers.SerializerMethodField()

    class Meta:
        model = IomMembership
        fields = [
            "id",
            "offender",
            "cohort",
            "adopted_on",
            "reason",
            "neighbourhood_offences",
            "lookback_months",
            "ogrs_score",
            "ogrs_band",
            "statutory_supervision",
            "selection_warnings",
            "lead_officer",
            "probation_contact",
            "managed_in_community",
            "managed_in_community_override",
            "in_custody",
            "last_reviewed_on",
            "removed_on",
            "removal_reason",
            "removal_note",
            "version",
        ]

    # The offender is select_related by the queryset: no query per row.
    def get_managed_in_community(self, obj: IomMembership) -> bool:
        return obj.managed_in_community_on(timezone.localdate())

    def get_in_custody(self, obj: IomMembership) -> bool:
        return obj.in_custody_on(timezone.localdate())


class IomAdoptionInput(serializers.Serializer):
    offender = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    cohort = serializers.ChoiceField(choices=COHORT_CHOICES)
    adopted_on = serializers.DateField()
    reason = serializers.CharField(max_length=1000)
    managed_in_community = serializers.BooleanField(required=False, allow_null=True, default=None)
    ogrs_score = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=100
    )
    statutory_supervision = serializers.BooleanField(required=False, default=False)
    probation_contact = serializers.CharField(
        required=False, allow_blank=True, max_length=200, default=""
    )
    lead_officer = serializers.CharField(
        required=False, max_length=150, help_text="Username; the caller when not given."
    )


class IomUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    lead_officer = serializers.CharField(required=False, max_length=150, help_text="Username.")
    probation_contact = serializers.CharField(required=False, allow_blank=True, max_length=200)
    managed_in_community = serializers.BooleanField(
        required=False,
        allow_null=True,
        help_text="true/false records an override; null follows the records.",
    )


class IomRemovalInput(serializers.Serializer):
    removed_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=REMOVAL_REASON_CHOICES)
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class IomMoveInput(serializers.Serializer):
    cohort = serializers.ChoiceField(choices=COHORT_CHOICES)
    moved_on = serializers.DateField()
    reason = serializers.CharField(max_length=1000)
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class IomReviewInput(serializers.Serializer):
    reviewed_on = serializers.DateField()
    notes = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class IomReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = IomReview
        fields = ["id", "reviewed_on", "notes", "next_review_due_on"]


EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2999, 12, 31)


def _in_range(day: dt.date) -> None:
    if not EARLIEST <= day <= LATEST:
        raise serializers.ValidationError("Enter a date from 1900 to 2999.")


class IomSummaryQuery(serializers.Serializer):
    on = serializers.DateField(required=False, validators=[_in_range])
    since = serializers.DateField(required=False, validators=[_in_range])

    def validate(self, attrs):
        on = attrs.get("on") or timezone.localdate()
        since = attrs.get("since")
        if since is not None and since > on:
            raise serializers.ValidationError({"since": ["'since' cannot be after 'on'."]})
        attrs["on"] = on
        return attrs


class IomSummarySerializer(serializers.Serializer):
    on = serializers.DateField()
    since = serializers.DateField()
    fixed = serializers.IntegerField()
    flexible = serializers.IntegerField()
    free = serializers.IntegerField()
    total = serializers.IntegerField()
    managed_in_community = serializers.IntegerField()
    adoptions = serializers.IntegerField()
    removals = serializers.IntegerField()

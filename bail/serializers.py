"""Explicit input serializers for the bail workflows and the case output."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import PolicingArea, User
from accounts.ranks import Rank
from bail.choices import Agency, Authority, EndReason
from bail.models import BailCase, BailCondition, BailExtension, RuiReview
from core.calendar import local_date
from core.period_inputs import OptionalPeriodInput
from offenders.access import visible_offenders
from offenders.models import OffenceType, Offender


class BailConditionInput(serializers.Serializer):
    text = serializers.CharField(max_length=500)
    protects_victim = serializers.BooleanField(default=False)


class BailVictimViewsInput(serializers.Serializer):
    sought = serializers.BooleanField(default=False)
    views = serializers.CharField(max_length=5000, allow_blank=True, default="")
    not_practicable_reason = serializers.CharField(max_length=2000, allow_blank=True, default="")


class BailAuthorisedByInput(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    rank = serializers.ChoiceField(
        choices=[r.value for r in Rank], required=False, allow_blank=True
    )


class BailCaseCreateInput(serializers.Serializer):
    offender = serializers.PrimaryKeyRelatedField(queryset=Offender.objects.none())
    arrested_on = serializers.DateField()
    status = serializers.ChoiceField(choices=["bail", "rui"])
    agency = serializers.ChoiceField(choices=Agency.values, default=Agency.POLICE)
    offence = serializers.CharField(max_length=300, allow_blank=True, default="")
    offence_type = serializers.PrimaryKeyRelatedField(
        queryset=OffenceType.objects.all(), required=False, allow_null=True, default=None
    )
    district = serializers.PrimaryKeyRelatedField(
        queryset=PolicingArea.objects.all(), required=False, allow_null=True, default=None
    )
    officer_in_case = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(), required=False, allow_null=True, default=None
    )
    designated_case = serializers.BooleanField(default=False)
    conditions = BailConditionInput(many=True, required=False, default=list)
    victim_views = BailVictimViewsInput(required=False, allow_null=True, default=None)
    return_date = serializers.DateField(required=False, allow_null=True, default=None)
    return_date_reason = serializers.CharField(max_length=500, allow_blank=True, default="")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is None:  # the schema generator: no choices
            return
        # Unknown and not-visible people get the same "invalid pk" answer.
        self.fields["offender"].queryset = visible_offenders(user)
        self.fields["officer_in_case"].queryset = User.objects.filter(
            is_active=True, force_id=user.force_id
        )
        self.fields["district"].queryset = PolicingArea.objects.filter(force_id=user.force_id)


class BailExtensionInput(serializers.Serializer):
    decided_on = serializers.DateField()
    authority = serializers.ChoiceField(choices=Authority.values)
    authorised_by = BailAuthorisedByInput()
    designated_case = serializers.BooleanField(default=False)
    section_47zf7_case = serializers.BooleanField(default=False)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class BailEndInput(serializers.Serializer):
    ended_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=EndReason.values)
    rationale = serializers.CharField(max_length=5000, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class BailVariationInput(serializers.Serializer):
    varied_on = serializers.DateField()
    add = BailConditionInput(many=True, required=False, default=list)
    remove = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, default=list, max_length=100
    )
    reason = serializers.CharField(max_length=500, allow_blank=True, default="")
    victim_views = BailVictimViewsInput(required=False, allow_null=True, default=None)
    victim_told = serializers.BooleanField(required=False, allow_null=True, default=None)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class BailRuiReviewInput(serializers.Serializer):
    reviewed_on = serializers.DateField()
    notes = serializers.CharField(max_length=5000)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class BailSummaryInput(OptionalPeriodInput):
    """``from`` and ``to``, each optional, at most ten years apart."""


class BailCountsOutput(serializers.Serializer):
    opened = serializers.IntegerField()
    closed = serializers.IntegerField()


class BailMonthOutput(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    bail = BailCountsOutput()
    rui = BailCountsOutput()


class BailSummaryOutput(serializers.Serializer):
    from_ = serializers.DateField()
    to = serializers.DateField()
    months = BailMonthOutput(many=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


# --- Output ----------------------------------------------------------------------------------


class BailConditionOutput(serializers.ModelSerializer):
    class Meta:
        model = BailCondition
        fields = ["id", "text", "protects_victim", "added_on", "removed_on"]


class BailExtensionOutput(serializers.ModelSerializer):
    authorised_by = serializers.SerializerMethodField()

    class Meta:
        model = BailExtension
        fields = [
            "id",
            "authority",
            "decided_on",
            "authorised_by",
            "designated_case",
            "previous_end",
            "new_end",
        ]

    def get_authorised_by(self, extension) -> dict:
        return {"name": extension.authorised_by_name, "rank": extension.authorised_by_rank}


class BailRuiReviewOutput(serializers.ModelSerializer):
    class Meta:
        model = RuiReview
        fields = ["id", "reviewed_on", "notes", "next_review_due"]


class BailCaseOutput(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    recorded_status = serializers.CharField(source="status")
    force = serializers.CharField(source="force.code")
    charging_file_status = serializers.SerializerMethodField()
    conditions = BailConditionOutput(many=True)
    extensions = BailExtensionOutput(many=True)
    rui_reviews = BailRuiReviewOutput(many=True)

    class Meta:
        model = BailCase
        fields = [
            "id",
            "reference",
            "offender",
            "force",
            "officer_in_case",
            "arrested_on",
            "offence",
            "offence_type",
            "district",
            "status",
            "recorded_status",
            "agency",
            "regime",
            "designated_case",
            "bail_start_date",
            "bail_period_ends",
            "return_date",
            "rui_since",
            "next_rui_review_due",
            "lapsed_on",
            "ended_on",
            "outcome",
            "charging_file_status",
            "conditions",
            "extensions",
            "rui_reviews",
            "version",
            "created_at",
        ]

    def _today(self):
        return self.context["today"]

    def get_status(self, case) -> str:
        return str(case.state_on(self._today()))

    def get_charging_file_status(self, case) -> str:
        return case.charging_file_status(self._today())


def today_context(now) -> dict:
    return {"today": local_date(now)}

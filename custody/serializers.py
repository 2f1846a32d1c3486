"""Custody API shapes (API.md "Custody"): explicit output fields and one input serializer
per workflow. Inputs are parsed and typed here; the rules are checked by the services."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import PolicingArea, User
from accounts.ranks import Rank
from bail.serializers import BailConditionInput, BailVictimViewsInput
from custody import rules
from custody.choices import PlaceOfSafety, SearchKind, TransferOutcome
from custody.models import (
    Cell,
    ControlMeasure,
    ControlMeasureKind,
    CustodySuite,
    Detention,
    Extension,
    GoldenHourCall,
    HospitalPeriod,
    JuvenileTransfer,
    MentalHealthAssessment,
    Outcome,
    Review,
    S136Detention,
    StripSearch,
    UseOfForce,
)

RANKS = [rank.value for rank in Rank]
SEXES = ["male", "female", "other", "unknown"]


# Documented as patterns, not enums: drf-spectacular hoists every enum into a component
# named after the field, and these field names are shared with other apps' choice sets.
@extend_schema_field({"type": "string", "pattern": "^(male|female|other|unknown)$"})
class SexField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=SEXES, **kwargs)


@extend_schema_field({"type": "string", "pattern": f"^({'|'.join(Outcome.values)})?$"})
class DetentionOutcomeField(serializers.CharField):
    """The release outcome; empty while the person is in custody."""


class AuthorisedBySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    rank = serializers.ChoiceField(choices=RANKS)


class SuiteSerializer(serializers.ModelSerializer):
    force = serializers.CharField(source="force.code")
    cells = serializers.IntegerField(source="cell_count")
    local_authority = serializers.CharField(source="local_authority.name")

    class Meta:
        model = CustodySuite
        fields = ["id", "code", "name", "force", "cells", "local_authority"]


def golden_hour_payload(detention: Detention, now) -> dict | None:
    if not detention.is_child or detention.golden_hour_due_at is None:
        return None
    call = getattr(detention, "golden_hour_call", None)
    status = detention.golden_hour_status(now)
    return {
        "due_at": serializers.DateTimeField().to_representation(detention.golden_hour_due_at),
        "destination": detention.golden_hour_destination,
        "closes_before_due": detention.golden_hour_closes_before_due,
        # API.md: open | met | missed. A call made after the hour is "missed" there, and
        # `late` says that a (late) call was made.
        "status": "missed" if status == "late" else status,
        "late": status == "late",
        "called_at": (
            serializers.DateTimeField().to_representation(call.called_at) if call else None
        ),
    }


class ReviewSerializer(serializers.ModelSerializer):
    authorised_by = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = ["id", "held_at", "authorised_by", "postponement_reason", "notes"]

    def get_authorised_by(self, review) -> dict:
        return {"name": review.reviewer_name, "rank": review.reviewer_rank}


class ExtensionSerializer(serializers.ModelSerializer):
    authorised_by = serializers.SerializerMethodField()

    class Meta:
        model = Extension
        fields = ["id", "kind", "authorised_at", "until", "authorised_by", "court"]

    def get_authorised_by(self, extension) -> dict | None:
        if not extension.authorised_by_name:
            return None
        return {"name": extension.authorised_by_name, "rank": extension.authorised_by_rank or None}


class HospitalPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = HospitalPeriod
        fields = ["id", "left_at", "returned_at", "questioned", "reason"]


class GoldenHourCallSerializer(serializers.ModelSerializer):
    class Meta:
        model = GoldenHourCall
        fields = [
            "id",
            "called_at",
            "destination",
            "spoke_to",
            "safeguarding_concerns",
            "appropriate_adult",
            "appropriate_adult_suitable",
            "release_to",
            "diversion_reminder_given",
            "late",
        ]


class JuvenileTransferSerializer(serializers.ModelSerializer):
    class Meta:
        model = JuvenileTransfer
        fields = [
            "id",
            "detention",
            "charged_at",
            "decided_at",
            "outcome",
            "certificate_reason",
            "other_accommodation_inadequate",
        ]


class StripSearchSerializer(serializers.ModelSerializer):
    class Meta:
        model = StripSearch
        fields = [
            "id",
            "detention",
            "kind",
            "searched_at",
            "reason",
            "present",
            "intimate_parts_exposed",
            "urgent",
            "authorised_by_name",
            "authorised_by_rank",
            "result",
        ]


class UseOfForceSerializer(serializers.ModelSerializer):
    class Meta:
        model = UseOfForce
        fields = ["id", "detention", "used_at", "officer_name", "tactics", "reason", "injury"]


class ControlMeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = ControlMeasure
        fields = [
            "id",
            "detention",
            "kind",
            "started_at",
            "ended_at",
            "reason",
            "authorised_by_name",
            "authorised_by_rank",
        ]


class MentalHealthAssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = MentalHealthAssessment
        fields = [
            "id",
            "detention",
            "requested_at",
            "completed_at",
            "bed_needed",
            "bed_found",
            "notes",
        ]


class DetentionSerializer(serializers.ModelSerializer):
    """A detention as lists show it, with the computed clocks."""

    suite = serializers.CharField(source="suite.code")
    cell = serializers.IntegerField(source="cell.number", allow_null=True, default=None)
    in_custody = serializers.BooleanField()
    outcome = DetentionOutcomeField(read_only=True)
    golden_hour = serializers.SerializerMethodField()

    class Meta:
        model = Detention
        fields = [
            "id",
            "offender",
            "suite",
            "cell",
            "arrested_at",
            "arrived_at",
            "detention_authorised_at",
            "voluntary_attendance",
            "offence",
            "indictable",
            "vulnerable",
            "relevant_time",
            "detention_limit_at",
            "next_review_due_at",
            "is_child",
            "appropriate_adult",
            "welfare_person",
            "golden_hour",
            "in_custody",
            "charged_at",
            "released_at",
            "outcome",
            "version",
        ]

    def get_golden_hour(self, detention) -> dict | None:
        return golden_hour_payload(detention, self.context.get("now") or timezone.now())


class DetentionDetailSerializer(DetentionSerializer):
    """One detention with its records (prefetched by the access gate)."""

    reviews = ReviewSerializer(many=True)
    extensions = ExtensionSerializer(many=True)
    hospital_periods = HospitalPeriodSerializer(many=True)
    golden_hour_call = GoldenHourCallSerializer(allow_null=True, default=None)
    juvenile_transfers = JuvenileTransferSerializer(many=True)
    searches = StripSearchSerializer(many=True)
    uses_of_force = UseOfForceSerializer(many=True)
    control_measures = ControlMeasureSerializer(many=True)
    mental_health_assessments = MentalHealthAssessmentSerializer(many=True)

    class Meta(DetentionSerializer.Meta):
        fields = [
            *DetentionSerializer.Meta.fields,
            "release_notes",
            "reviews",
            "extensions",
            "hospital_periods",
            "golden_hour_call",
            "juvenile_transfers",
            "searches",
            "uses_of_force",
            "control_measures",
            "mental_health_assessments",
        ]


# --- inputs ------------------------------------------------------------------------------


class BookInInput(serializers.Serializer):
    offender = serializers.IntegerField()
    suite = serializers.CharField(max_length=60, help_text="Suite id or code.")
    cell = serializers.IntegerField(required=False, allow_null=True, help_text="Cell number.")
    arrested_at = serializers.DateTimeField()
    arrived_at = serializers.DateTimeField()
    detention_authorised_at = serializers.DateTimeField()
    offence = serializers.CharField(max_length=300)
    indictable = serializers.BooleanField()
    voluntary_attendance = serializers.BooleanField(required=False, default=False)
    vulnerable = serializers.BooleanField(required=False, default=False)
    vulnerability_notes = serializers.CharField(
        max_length=500, required=False, default="", allow_blank=True
    )
    appropriate_adult = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )
    welfare_person = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )


class ReviewInput(serializers.Serializer):
    held_at = serializers.DateTimeField()
    authorised_by = AuthorisedBySerializer()
    postponement_reason = serializers.CharField(
        max_length=500, required=False, default="", allow_blank=True
    )
    notes = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)
    involved_in_investigation = serializers.BooleanField(required=False, default=False)


class ExtensionInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[kind.value for kind in rules.ExtensionKind])
    authorised_at = serializers.DateTimeField()
    until = serializers.DateTimeField()
    authorised_by = AuthorisedBySerializer(required=False, allow_null=True, default=None)
    court = serializers.CharField(max_length=150, required=False, default="", allow_blank=True)

    def validate(self, data):
        if data["kind"] == rules.ExtensionKind.SUPERINTENDENT and not data["authorised_by"]:
            raise serializers.ValidationError(
                {
                    "authorised_by": [
                        "Name the superintendent (or above) who authorised it (PACE s.42)."
                    ]
                }
            )
        return data


class HospitalInput(serializers.Serializer):
    left_at = serializers.DateTimeField()
    returned_at = serializers.DateTimeField()
    questioned = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class GoldenHourCallInput(serializers.Serializer):
    called_at = serializers.DateTimeField()
    spoke_to = serializers.CharField(max_length=200)
    safeguarding_concerns = serializers.CharField(
        max_length=5000, required=False, default="", allow_blank=True
    )
    appropriate_adult = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )
    appropriate_adult_suitable = serializers.BooleanField(required=False, default=True)
    release_to = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    diversion_reminder_given = serializers.BooleanField(required=False, default=False)


class ChargeInput(serializers.Serializer):
    charged_at = serializers.DateTimeField()


class ReleaseInput(serializers.Serializer):
    """A release; for ``bail`` and ``rui`` optionally the bail case's details, named as in
    ``POST /api/v1/bail/cases/`` and checked by the same rules."""

    released_at = serializers.DateTimeField()
    outcome = serializers.ChoiceField(choices=Outcome.values)
    notes = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)
    officer_in_case = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(), required=False, allow_null=True, default=None
    )
    district = serializers.PrimaryKeyRelatedField(
        queryset=PolicingArea.objects.none(), required=False, allow_null=True, default=None
    )
    conditions = BailConditionInput(many=True, required=False, default=list)
    victim_views = BailVictimViewsInput(required=False, allow_null=True, default=None)
    return_date = serializers.DateField(required=False, allow_null=True, default=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:  # the schema generator
            return
        force_id = request.user.force_id
        self.fields["officer_in_case"].queryset = User.objects.filter(
            is_active=True, force_id=force_id
        )
        self.fields["district"].queryset = PolicingArea.objects.filter(force_id=force_id)


class JuvenileTransferInput(serializers.Serializer):
    charged_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField()
    outcome = serializers.ChoiceField(choices=TransferOutcome.values)
    certificate_reason = serializers.CharField(
        max_length=5000, required=False, default="", allow_blank=True
    )
    other_accommodation_inadequate = serializers.BooleanField(required=False, default=False)


class PresentInput(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=[role.value for role in rules.PresentRole])
    sex = SexField()


class SearchInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SearchKind.values, required=False, default="strip")
    searched_at = serializers.DateTimeField()
    reason = serializers.CharField(max_length=5000, allow_blank=True)
    present = PresentInput(many=True, allow_empty=True)
    detainee_sex = SexField(required=False, default="")
    intimate_parts_exposed = serializers.BooleanField(required=False, default=True)
    urgent = serializers.BooleanField(required=False, default=False)
    juvenile_opted_out_of_appropriate_adult = serializers.BooleanField(
        required=False, default=False
    )
    appropriate_adult_agreed_to_opt_out = serializers.BooleanField(required=False, default=False)
    authorised_by = AuthorisedBySerializer(required=False, allow_null=True, default=None)
    result = serializers.CharField(max_length=5000, required=False, default="", allow_blank=True)


class UseOfForceInput(serializers.Serializer):
    used_at = serializers.DateTimeField()
    officer_name = serializers.CharField(max_length=150)
    tactics = serializers.CharField(max_length=300)
    reason = serializers.CharField(max_length=5000)
    injury = serializers.BooleanField(required=False, default=False)


class ControlMeasureInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ControlMeasureKind.values)
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=5000)
    authorised_by = AuthorisedBySerializer()


class MentalHealthAssessmentInput(serializers.Serializer):
    requested_at = serializers.DateTimeField()
    completed_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    bed_needed = serializers.BooleanField(required=False, default=False)
    bed_found = serializers.BooleanField(required=False, allow_null=True, default=None)
    notes = serializers.CharField(max_length=5000, required=False, default="", allow_blank=True)


class S136Serializer(serializers.ModelSerializer):
    suite = serializers.CharField(source="suite.code", allow_null=True, default=None)

    class Meta:
        model = S136Detention
        fields = [
            "id",
            "offender",
            "place",
            "suite",
            "started_at",
            "decided_by_name",
            "decided_by_rank",
            "authorised_by_name",
            "authorised_by_rank",
            "imminent_risk",
            "no_other_place",
            "healthcare_professional_available",
            "reasons",
            "is_child",
            "limit_at",
            "extended_at",
            "extended_until",
            "ended_at",
            "end_outcome",
        ]


class S136Input(serializers.Serializer):
    offender = serializers.IntegerField()
    place = serializers.ChoiceField(choices=PlaceOfSafety.values)
    suite = serializers.CharField(max_length=60, required=False, allow_null=True, default=None)
    started_at = serializers.DateTimeField()
    decided_by = AuthorisedBySerializer()
    authorised_by = AuthorisedBySerializer(required=False, allow_null=True, default=None)
    imminent_risk = serializers.BooleanField(required=False, default=False)
    no_other_place = serializers.BooleanField(required=False, default=False)
    healthcare_professional_available = serializers.BooleanField(required=False, default=False)
    reasons = serializers.CharField(max_length=5000, required=False, default="", allow_blank=True)


class S136ExtensionInput(serializers.Serializer):
    authorised_at = serializers.DateTimeField()
    until = serializers.DateTimeField()
    extended_by_name = serializers.CharField(max_length=150)
    by_registered_medical_practitioner = serializers.BooleanField()
    condition_prevents_assessment = serializers.BooleanField()
    approved_by = AuthorisedBySerializer(required=False, allow_null=True, default=None)


class S136EndInput(serializers.Serializer):
    ended_at = serializers.DateTimeField()
    outcome = serializers.CharField(max_length=300)


def resolve_cell(suite: CustodySuite, number) -> Cell | None:
    if number is None:
        return None
    return Cell.objects.filter(suite=suite, number=number).first()

"""Partners API shapes (API.md "Partners and pathways"): explicit inputs and outputs."""

from __future__ import annotations

from rest_framework import serializers

from partners.choices import CaseKind, Cohort, Gender, NeedClosedReason, ReferralStatus
from partners.models import (
    OffenceProof,
    PersonNeed,
    ProofKind,
    Referral,
    ReferralProgress,
    Service,
)


class PartnerEligibilitySerializer(serializers.Serializer):
    min_age = serializers.IntegerField(min_value=0, max_value=200, required=False, allow_null=True)
    max_age = serializers.IntegerField(min_value=0, max_value=200, required=False, allow_null=True)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, default=Gender.ANY)
    cohorts = serializers.ListField(
        child=serializers.ChoiceField(choices=Cohort.choices), required=False, default=list
    )
    offence_types = serializers.ListField(
        child=serializers.SlugField(max_length=60), required=False, default=list
    )


class PartnerServiceSerializer(serializers.ModelSerializer):
    needs = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    districts = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    eligibility = serializers.SerializerMethodField()

    class Meta:
        model = Service
        fields = [
            "id",
            "code",
            "name",
            "provider",
            "description",
            "needs",
            "districts",
            "eligibility",
            "capacity",
            "places_free",
            "contact",
            "funded_by",
            "funding_ends_on",
            "volunteers",
            "active",
            "restorative_justice_hub",
            "version",
        ]

    def get_eligibility(self, obj: Service) -> dict:  # prefetched lists: no query per row
        return {
            "min_age": obj.min_age,
            "max_age": obj.max_age,
            "gender": obj.gender,
            "cohorts": list(obj.cohorts or []),
            "offence_types": sorted(o.code for o in obj.offence_types.all()),
        }


class PartnerServiceInput(serializers.Serializer):
    code = serializers.SlugField(max_length=60)
    name = serializers.CharField(max_length=200)
    provider = serializers.CharField(max_length=200)
    description = serializers.CharField(
        max_length=4000, required=False, default="", allow_blank=True
    )
    needs = serializers.ListField(child=serializers.SlugField(max_length=40), allow_empty=False)
    districts = serializers.ListField(
        child=serializers.SlugField(max_length=50), required=False, default=list
    )
    eligibility = PartnerEligibilitySerializer(required=False)
    capacity = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True
    )
    places_free = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True
    )
    contact = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)
    funded_by = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    funding_ends_on = serializers.DateField(required=False, allow_null=True)
    volunteers = serializers.IntegerField(
        min_value=0, max_value=100_000, required=False, allow_null=True
    )
    active = serializers.BooleanField(required=False, default=True)


class PartnerServiceUpdateInput(PartnerServiceInput):
    version = serializers.IntegerField(min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "version":
                field.required = False
        self.fields.pop("code")


class PartnerReferralProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReferralProgress
        fields = ["status", "on", "outcome"]


class PartnerReferralSerializer(serializers.ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)
    need = serializers.SlugRelatedField(slug_field="code", read_only=True)
    referred_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    progress = PartnerReferralProgressSerializer(many=True, read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "offender",
            "service",
            "need",
            "source_kind",
            "source_id",
            "referred_on",
            "referred_by",
            "notes",
            "status",
            "status_on",
            "outcome",
            "progress",
            "version",
        ]


class PartnerReferralInput(serializers.Serializer):
    offender = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    service = serializers.SlugField(max_length=60)
    need = serializers.SlugField(max_length=40, required=False, allow_null=True)
    referred_on = serializers.DateField()
    source_kind = serializers.ChoiceField(
        choices=CaseKind.choices, required=False, default=CaseKind.OTHER
    )
    source_id = serializers.CharField(max_length=64, required=False, default="", allow_blank=True)
    notes = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)


class PartnerProgressInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    on = serializers.DateField()
    outcome = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)
    version = serializers.IntegerField(min_value=1, required=False)

    def validate_status(self, value):
        if value == ReferralStatus.REFERRED:
            raise serializers.ValidationError("A referral cannot go back to awaiting a response.")
        return value


class PersonNeedSerializer(serializers.ModelSerializer):
    need = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assessed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = PersonNeed
        fields = [
            "id",
            "offender",
            "need",
            "source_kind",
            "source_id",
            "assessed_on",
            "assessed_by",
            "notes",
            "closed_on",
            "closed_reason",
            "closed_note",
            "version",
        ]


class PartnerNeedCloseInput(serializers.Serializer):
    closed_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=NeedClosedReason.choices)
    note = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)
    version = serializers.IntegerField(min_value=1)


class PartnerNeedInput(serializers.Serializer):
    offender = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    need = serializers.SlugField(max_length=40)
    source_kind = serializers.ChoiceField(choices=CaseKind.choices)
    source_id = serializers.CharField(max_length=64, required=False, default="", allow_blank=True)
    assessed_on = serializers.DateField()
    notes = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)


class PartnerGapSerializer(serializers.Serializer):
    district = serializers.CharField()
    need = serializers.CharField()
    people_with_need = serializers.IntegerField(source="people")
    places = serializers.IntegerField()
    services = serializers.IntegerField()
    referrals_waiting = serializers.IntegerField(source="waiting")
    referrals_declined = serializers.IntegerField(source="declined")
    shortfall = serializers.IntegerField()
    status = serializers.CharField()


class PartnerGapQuery(serializers.Serializer):
    district = serializers.SlugField(max_length=50, required=False)


class ReoffendingQuery(serializers.Serializer):
    cohort = serializers.CharField(max_length=100)
    to = serializers.DateField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = serializers.DateField(required=False)


class ReoffendingMeasureSerializer(serializers.Serializer):
    label = serializers.CharField()
    cohort_size = serializers.IntegerField()
    reoffenders = serializers.IntegerField(allow_null=True)
    rate = serializers.DecimalField(max_digits=6, decimal_places=3, allow_null=True)
    reoffences = serializers.IntegerField(allow_null=True)
    per_reoffender = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    harm_days = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    pending = serializers.IntegerField()
    suppressed = serializers.BooleanField()


class OffenceProofInput(serializers.Serializer):
    offence = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    kind = serializers.ChoiceField(choices=ProofKind.choices)
    proved_on = serializers.DateField()


class OffenceProofSerializer(serializers.ModelSerializer):
    class Meta:
        model = OffenceProof
        fields = ["offence", "kind", "proved_on"]

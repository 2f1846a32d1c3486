"""API shapes for people (API.md "Offenders"). Explicit fields; workflows have input serializers."""

from __future__ import annotations

from rest_framework import serializers

from offenders.models import (
    Address,
    Alias,
    AliasKind,
    Ethnicity,
    Gender,
    Marker,
    MarkerKind,
    Offence,
    OffenceType,
    Offender,
    OfficerEthnicity,
    OutcomeCode,
)

# --- Output -----------------------------------------------------------------------------


class AliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = Alias
        fields = ["id", "kind", "first_name", "last_name", "date_of_birth"]


class AddressSerializer(serializers.ModelSerializer):
    current = serializers.BooleanField(source="is_current", read_only=True)

    class Meta:
        model = Address
        fields = ["id", "line1", "line2", "town", "postcode", "from_date", "to_date", "current"]


class MarkerSerializer(serializers.ModelSerializer):
    added_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Marker
        fields = ["id", "kind", "details", "added_on", "added_by", "removed_on"]


class OffenceTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = OffenceType
        fields = ["code", "name", "category", "harm_days", "neighbourhood_crime", "harm_source"]


class OffenceSerializer(serializers.ModelSerializer):
    offence_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Offence
        fields = [
            "id",
            "offence_type",
            "committed_on",
            "area",
            "outcome",
            "outcome_on",
            "description",
            "charged",
        ]


class OffenderSerializer(serializers.ModelSerializer):
    """A person in a list: the caller's queryset prefetches aliases and active markers."""

    force = serializers.SlugRelatedField(slug_field="code", read_only=True)
    home_area = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    aliases = AliasSerializer(many=True, read_only=True)
    markers = serializers.SerializerMethodField()

    class Meta:
        model = Offender
        fields = [
            "id",
            "force",
            "first_name",
            "middle_names",
            "last_name",
            "date_of_birth",
            "gender",
            "pnc_id",
            "cro_number",
            "ethnicity",
            "officer_ethnicity",
            "home_area",
            "in_prison_since",
            "aliases",
            "markers",
            "version",
            "created_at",
            "updated_at",
        ]

    def get_markers(self, obj: Offender) -> list[str]:
        # The list view prefetches active markers: no query per row.
        return [m.kind for m in obj.markers.all() if m.removed_on is None]


class OffenderDetailSerializer(OffenderSerializer):
    addresses = AddressSerializer(many=True, read_only=True)
    marker_details = serializers.SerializerMethodField()
    offences = OffenceSerializer(many=True, read_only=True)
    summary = serializers.SerializerMethodField()

    class Meta(OffenderSerializer.Meta):
        fields = [
            *OffenderSerializer.Meta.fields,
            "notes",
            "addresses",
            "marker_details",
            "offences",
            "summary",
        ]

    def get_marker_details(self, obj: Offender) -> list[dict]:
        return MarkerSerializer(obj.markers.all(), many=True).data

    def get_summary(self, obj: Offender) -> dict:
        return self.context["summary"]


class PossibleDuplicateSerializer(serializers.Serializer):
    offender = OffenderSerializer()
    score = serializers.IntegerField()
    reasons = serializers.ListField(child=serializers.CharField())


# --- Input ------------------------------------------------------------------------------


class AliasInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AliasKind.choices, default=AliasKind.ALIAS)
    first_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)


class OffenderInputSerializer(serializers.Serializer):
    """Create (all required fields) or update (``partial=True`` plus ``version``)."""

    force = serializers.CharField(max_length=40)
    first_name = serializers.CharField(max_length=100)
    middle_names = serializers.CharField(max_length=200, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField()
    gender = serializers.ChoiceField(choices=Gender.choices)
    pnc_id = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True)
    cro_number = serializers.CharField(max_length=20, required=False, allow_blank=True)
    ethnicity = serializers.ChoiceField(choices=Ethnicity.choices, required=False)
    officer_ethnicity = serializers.ChoiceField(choices=OfficerEthnicity.choices, required=False)
    home_area = serializers.CharField(
        max_length=40, required=False, allow_blank=True, allow_null=True
    )
    in_prison_since = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    aliases = AliasInputSerializer(many=True, required=False, max_length=20)


class OffenderUpdateSerializer(OffenderInputSerializer):
    version = serializers.IntegerField(min_value=1)
    aliases = None  # aliases are added one at a time (POST .../aliases/)
    force = None  # a person's force does not change by editing


class MergeInputSerializer(serializers.Serializer):
    duplicate = serializers.IntegerField(min_value=1, max_value=2**62)
    reason = serializers.CharField(max_length=500)


class AddressInputSerializer(serializers.Serializer):
    line1 = serializers.CharField(max_length=200)
    line2 = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    town = serializers.CharField(max_length=100)
    postcode = serializers.CharField(max_length=10)
    from_date = serializers.DateField()
    to_date = serializers.DateField(required=False, allow_null=True, default=None)


class MarkerInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MarkerKind.choices)
    details = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    added_on = serializers.DateField(required=False, allow_null=True, default=None)


class OffenceInputSerializer(serializers.Serializer):
    offence_type = serializers.CharField(max_length=60)
    committed_on = serializers.DateField()
    outcome = serializers.ChoiceField(
        choices=OutcomeCode.choices, required=False, allow_blank=True, default=""
    )
    outcome_on = serializers.DateField(required=False, allow_null=True, default=None)
    area = serializers.CharField(max_length=40, required=False, allow_blank=True, allow_null=True)
    description = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )

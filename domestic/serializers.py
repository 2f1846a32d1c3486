"""Domestic-abuse API shapes (API.md "Domestic abuse"): explicit inputs per workflow,
explicit outputs. Input field names are the services' keyword arguments, except
``authorised_by`` (``{"name", "rank"}``) as everywhere in the API."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from custody.serializers import AuthorisedBySerializer
from domestic import rules
from domestic.choices import ContactKind, HearingResult, NoticeKind, SessionKind, Source, Stage
from domestic.models import Contact, Notice, ProgrammeEntry, Session, StageMove

ID = {"min_value": 1, "max_value": 2**63 - 1}
SMALL = {"min_value": 0, "max_value": 10_000}


class NoticeInput(serializers.Serializer):
    offender = serializers.IntegerField(**ID)
    kind = serializers.ChoiceField(choices=NoticeKind.choices)
    given_at = serializers.DateTimeField()
    authorised_by = AuthorisedBySerializer()
    victim_age = serializers.IntegerField(
        min_value=0, max_value=130, required=False, allow_null=True
    )
    conditions = serializers.ListField(
        child=serializers.CharField(max_length=1000), required=False, default=list, max_length=50
    )
    area = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)


class HearingInput(serializers.Serializer):
    heard_at = serializers.DateTimeField()
    result = serializers.ChoiceField(choices=HearingResult.choices)
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    until_further_order = serializers.BooleanField(required=False, default=False)
    electronic_monitoring_until = serializers.DateField(
        required=False, allow_null=True, default=None
    )
    court = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    version = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)


class NoticeSerializer(serializers.ModelSerializer):
    offender = serializers.IntegerField(source="offender_id", read_only=True)
    authorised_by = serializers.SerializerMethodField()
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    order = serializers.IntegerField(source="order_id", read_only=True, allow_null=True)

    class Meta:
        model = Notice
        fields = [
            "id",
            "version",
            "offender",
            "kind",
            "given_at",
            "authorised_by",
            "victim_age",
            "conditions",
            "area",
            "hearing_due_by",
            "heard_at",
            "result",
            "order",
            "electronic_monitoring_until",
        ]

    def get_authorised_by(self, notice) -> dict:
        return {"name": notice.authorised_by_name, "rank": notice.authorised_by_rank}


class EntryInput(serializers.Serializer):
    offender = serializers.IntegerField(**ID)
    source = serializers.ChoiceField(choices=Source.choices)
    started_on = serializers.DateField(required=False, default=timezone.localdate)
    lead_officer = serializers.CharField(max_length=150, required=False, allow_blank=True)
    area = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)


class StageInput(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    on = serializers.DateField(required=False, default=timezone.localdate)
    note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)
    version = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)


class ScoreInput(serializers.Serializer):
    recency = serializers.IntegerField(**SMALL, help_text="Months since the latest incident")
    frequency = serializers.IntegerField(**SMALL, help_text="Incidents in the last three years")
    gravity = serializers.IntegerField(**SMALL, help_text="Gravity points of the incidents")
    scored_on = serializers.DateField(required=False, default=timezone.localdate)
    version = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)


class SessionInput(serializers.Serializer):
    held_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=SessionKind.choices)
    notes = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class ContactInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    contacted_on = serializers.DateField()
    with_whom = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=2000)


class MoveSerializer(serializers.ModelSerializer):
    moved_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = StageMove
        fields = ["from_stage", "stage", "on", "note", "moved_by"]


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "held_on", "kind", "notes"]


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "kind", "contacted_on", "with_whom", "summary"]


class EntryListSerializer(serializers.ModelSerializer):
    offender = serializers.IntegerField(source="offender_id", read_only=True)
    lead_officer = serializers.SlugRelatedField(slug_field="username", read_only=True)
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ProgrammeEntry
        fields = [
            "id",
            "version",
            "offender",
            "source",
            "stage",
            "started_on",
            "ended_on",
            "lead_officer",
            "area",
            "score",
            "scored_on",
        ]


class EntrySerializer(EntryListSerializer):
    moves = MoveSerializer(many=True, read_only=True)
    sessions = SessionSerializer(many=True, read_only=True)
    contacts = ContactSerializer(many=True, read_only=True)
    allowed_moves = serializers.SerializerMethodField()

    class Meta(EntryListSerializer.Meta):
        fields = [
            *EntryListSerializer.Meta.fields,
            "allowed_moves",
            "moves",
            "sessions",
            "contacts",
        ]

    def get_allowed_moves(self, entry) -> list[str]:
        return sorted(rules.allowed_moves(entry.stage))

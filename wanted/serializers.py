"""Explicit input serializers for the wanted workflows and the outputs (API.md "Wanted
persons and outstanding suspects"). Field names equal the services' keyword arguments."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import PolicingArea, User
from bail.models import BailCase
from custody.models import Detention
from offenders.access import visible_offenders
from offenders.models import Offender
from wanted.choices import (
    AttendanceOutcome,
    NecessityGround,
    Reason,
    SuspectResolution,
    WantedOutcome,
    WarrantKind,
    WarrantOutcome,
)
from wanted.models import (
    OutstandingSuspect,
    Review,
    VoluntaryAttendance,
    WantedCirculation,
    Warrant,
)


class _ForUser(serializers.Serializer):
    """Inputs whose choices are the caller's own force's people, officers and districts;
    unknown and not-visible records get the same "invalid pk" answer."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is None:  # the schema generator
            return
        fields = self.fields
        if "offender" in fields:
            fields["offender"].queryset = visible_offenders(user)
        if "officer_in_case" in fields:
            fields["officer_in_case"].queryset = User.objects.filter(
                is_active=True, force_id=user.force_id
            )
        if "district" in fields:
            fields["district"].queryset = PolicingArea.objects.filter(force_id=user.force_id)
        if "bail_case" in fields:
            fields["bail_case"].queryset = BailCase.objects.filter(
                offender__in=visible_offenders(user)
            )
        if "detention" in fields:
            fields["detention"].queryset = Detention.objects.filter(
                offender__in=visible_offenders(user)
            )
        if "suspect" in fields:
            fields["suspect"].queryset = OutstandingSuspect.objects.filter(
                offender__in=visible_offenders(user)
            )


def _related(queryset=None, **kwargs):
    return serializers.PrimaryKeyRelatedField(
        queryset=queryset if queryset is not None else Offender.objects.none(), **kwargs
    )


def _optional(model):
    return _related(model.objects.none(), required=False, allow_null=True, default=None)


class CirculateInput(_ForUser):
    offender = _related()
    reason = serializers.ChoiceField(choices=Reason.values)
    offence = serializers.CharField(max_length=300)
    circulated_on = serializers.DateField()
    district = _optional(PolicingArea)
    officer_in_case = _optional(User)
    necessity = serializers.CharField(max_length=5000)
    necessity_ground = serializers.ChoiceField(
        choices=NecessityGround.values, required=False, allow_blank=True, default=""
    )
    bail_case = _optional(BailCase)


class WantedReviewInput(serializers.Serializer):
    held_on = serializers.DateField()
    note = serializers.CharField(max_length=5000)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class EndCirculationInput(_ForUser):
    ended_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=WantedOutcome.values)
    note = serializers.CharField(max_length=5000, allow_blank=True, default="")
    detention = _optional(Detention)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class SuspectInput(_ForUser):
    offender = _related()
    crime_reference = serializers.CharField(max_length=40)
    offence = serializers.CharField(max_length=300)
    identified_on = serializers.DateField()
    officer_in_case = _optional(User)
    district = _optional(PolicingArea)


class ResolveSuspectInput(serializers.Serializer):
    resolved_on = serializers.DateField()
    resolution = serializers.ChoiceField(choices=SuspectResolution.values)
    note = serializers.CharField(max_length=5000, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class WarrantInput(_ForUser):
    offender = _related()
    kind = serializers.ChoiceField(choices=WarrantKind.values)
    court = serializers.CharField(max_length=150)
    issued_on = serializers.DateField()
    backed_for_bail = serializers.BooleanField(default=False)
    offence = serializers.CharField(max_length=300, allow_blank=True, default="")
    officer_in_case = _optional(User)
    district = _optional(PolicingArea)


class EndWarrantInput(_ForUser):
    ended_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=WarrantOutcome.values)
    note = serializers.CharField(max_length=5000, allow_blank=True, default="")
    detention = _optional(Detention)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class AttendanceInput(_ForUser):
    offender = _related()
    interviewed_on = serializers.DateField()
    offence = serializers.CharField(max_length=300)
    officer_in_case = _optional(User)
    district = _optional(PolicingArea)
    suspect = _optional(OutstandingSuspect)


class AttendanceOutcomeInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=AttendanceOutcome.values)
    outcome_on = serializers.DateField()
    note = serializers.CharField(max_length=5000, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class MonthlyListInput(serializers.Serializer):
    month = serializers.RegexField(r"^\d{4}-\d{2}$", required=False, help_text="YYYY-MM")
    district = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class PerformanceListInput(serializers.Serializer):
    age = serializers.IntegerField(required=False, min_value=1, max_value=36500)
    district = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


# --- Output ------------------------------------------------------------------------------------


class WantedReviewOutput(serializers.ModelSerializer):
    class Meta:
        model = Review
        fields = ["id", "held_on", "note", "was_due", "next_due", "late"]


_CASE_FIELDS = [
    "id",
    "reference",
    "offender",
    "force",
    "offence",
    "officer_in_case",
    "district",
    "next_review_due",
    "review_overdue",
    "age_days",
    "ended_on",
    "end_note",
    "version",
    "created_at",
]


class _CaseOutput(serializers.ModelSerializer):
    force = serializers.CharField(source="force.code")
    review_overdue = serializers.SerializerMethodField()
    age_days = serializers.SerializerMethodField()

    def get_review_overdue(self, case) -> bool:
        return case.review_overdue_on(self.context["today"])

    def get_age_days(self, case) -> int:
        return case.age_on(self.context["today"])


class CirculationOutput(_CaseOutput):
    reviews = WantedReviewOutput(many=True)
    open = serializers.BooleanField(source="is_open")

    class Meta:
        model = WantedCirculation
        fields = [
            *_CASE_FIELDS,
            "reason",
            "bail_case",
            "necessity_ground",
            "necessity",
            "circulated_on",
            "open",
            "outcome",
            "detention",
            "reviews",
        ]


class SuspectOutput(_CaseOutput):
    reviews = WantedReviewOutput(many=True)
    open = serializers.BooleanField(source="is_open")

    class Meta:
        model = OutstandingSuspect
        fields = [
            *_CASE_FIELDS,
            "crime_reference",
            "identified_on",
            "open",
            "resolution",
            "reviews",
        ]


class WarrantOutput(_CaseOutput):
    reviews = WantedReviewOutput(many=True)
    open = serializers.BooleanField(source="is_open")

    class Meta:
        model = Warrant
        fields = [
            *_CASE_FIELDS,
            "kind",
            "court",
            "issued_on",
            "backed_for_bail",
            "open",
            "outcome",
            "detention",
            "reviews",
        ]


class AttendanceOutput(serializers.ModelSerializer):
    force = serializers.CharField(source="force.code")

    class Meta:
        model = VoluntaryAttendance
        fields = [
            "id",
            "reference",
            "offender",
            "force",
            "interviewed_on",
            "offence",
            "officer_in_case",
            "district",
            "suspect",
            "outcome",
            "outcome_on",
            "outcome_note",
            "version",
            "created_at",
        ]


class WantedListRowOutput(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField(source="case.pk")
    reference = serializers.CharField(source="case.reference")
    offender = serializers.IntegerField(source="case.offender_id")
    offender_name = serializers.CharField(source="case.offender.full_name")
    offence = serializers.CharField(source="case.offence")
    what = serializers.CharField()
    opened_on = serializers.DateField()
    age_days = serializers.IntegerField()
    age_band = serializers.CharField(source="band")
    officer_in_case = serializers.CharField(source="case.officer_in_case.display_name", default="")
    district = serializers.CharField(source="case.district", default="")
    next_review_due = serializers.DateField(source="case.next_review_due")
    review_overdue = serializers.BooleanField()
    change = serializers.CharField(allow_null=True)
    ended_on = serializers.DateField(source="case.ended_on")
    outcome = serializers.CharField(source="case.outcome")


class WantedMonthlyCountOutput(serializers.Serializer):
    kind = serializers.CharField()
    open = serializers.IntegerField()
    last_month = serializers.IntegerField()
    new = serializers.IntegerField()
    ended = serializers.IntegerField()

"""Page forms for custody workflows. They parse input only: the rules are checked by
``custody.services`` and its refusals are put back on the right field by the views."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError

from accounts.ranks import RANK_LABELS, Rank
from bail.forms import BailDetailsForm
from core.calendar import local
from custody.choices import CourtDelayCause, PlaceOfSafety, TransferOutcome
from custody.models import ControlMeasureKind, Outcome

RANK_CHOICES = [("", "Choose rank"), *[(rank.value, RANK_LABELS[rank]) for rank in Rank]]


def wall_clock(instant: dt.datetime) -> str:
    """An instant as a datetime-local input value (London wall time)."""
    return local(instant).strftime("%Y-%m-%dT%H:%M")


class WhenField(forms.DateTimeField):
    """A datetime-local input; London wall time when no offset is given."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "input_formats", ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        )
        super().__init__(**kwargs)


class BookInForm(forms.Form):
    person = forms.CharField(
        label="Or enter their PNC ID",
        max_length=20,
        help_text="For example, 2010/0500001A",
    )
    cell = forms.TypedChoiceField(label="Cell", coerce=int, choices=())
    arrested_at = WhenField(label="Arrested at")
    arrived_at = WhenField(label="Arrived at the police station")
    detention_authorised_at = WhenField(label="Detention authorised at")
    offence = forms.CharField(label="Offence", max_length=300)
    indictable = forms.BooleanField(
        label="Indictable offence (indictable only or either way)", required=False
    )
    voluntary_attendance = forms.BooleanField(
        label="Attended voluntarily and was arrested at the station", required=False
    )
    vulnerable = forms.BooleanField(
        label="Mentally vulnerable or otherwise vulnerable", required=False
    )
    vulnerability_notes = forms.CharField(
        label="Vulnerability notes", max_length=500, required=False
    )
    appropriate_adult = forms.CharField(
        label="Appropriate adult",
        max_length=200,
        required=False,
        help_text="For a child or vulnerable adult: name and relationship.",
    )
    welfare_person = forms.CharField(
        label="Person responsible for the child's welfare", max_length=200, required=False
    )

    def __init__(self, *args, free_cells=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].choices = [
            ("", "Choose a free cell"),
            *[(c.number, f"Cell {c.number}") for c in free_cells],
        ]


class AuthorisedByMixin(forms.Form):
    authorised_by_name = forms.CharField(label="Name", max_length=150)
    authorised_by_rank = forms.ChoiceField(label="Rank", choices=RANK_CHOICES)


class ReviewForm(AuthorisedByMixin):
    held_at = WhenField(label="Review held at")
    involved_in_investigation = forms.TypedChoiceField(
        label="Is the review officer directly involved in the investigation?",
        help_text=(
            "Before charge the review must be carried out by an inspector or above who is "
            "not directly involved (PACE s.40(1)(b))."
        ),
        choices=[("no", "No"), ("yes", "Yes")],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the review officer is directly involved in the "
            "investigation"
        },
    )
    postponement_reason = forms.CharField(
        label="Reason the review was postponed (if it was)", max_length=500, required=False
    )
    notes = forms.CharField(label="Notes", max_length=1000, required=False)


class ExtensionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of extension",
        choices=[
            ("superintendent", "Superintendent's extension (PACE s.42)"),
            ("warrant", "Warrant of further detention (PACE s.43)"),
            ("warrant_extension", "Extension of the warrant (PACE s.44)"),
        ],
    )
    authorised_at = WhenField(label="Authorised or issued at")
    until = WhenField(label="Detention may continue until")
    authorised_by_name = forms.CharField(
        label="Authorising officer's name", max_length=150, required=False
    )
    authorised_by_rank = forms.ChoiceField(
        label="Authorising officer's rank", choices=RANK_CHOICES, required=False
    )
    court = forms.CharField(
        label="Magistrates' court (for a warrant)", max_length=150, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == "superintendent" and not (
            data.get("authorised_by_name") and data.get("authorised_by_rank")
        ):
            raise ValidationError(
                {
                    "authorised_by_name": "Name the superintendent (or above) who authorised it (PACE s.42)."
                }
            )
        return data


class GoldenHourCallForm(forms.Form):
    called_at = WhenField(label="Called at")
    spoke_to = forms.CharField(label="Who you spoke to", max_length=200)
    safeguarding_concerns = forms.CharField(
        label="Safeguarding concerns disclosed",
        max_length=5000,
        required=False,
        widget=forms.Textarea,
    )
    appropriate_adult = forms.CharField(
        label="Appropriate adult or guardian", max_length=200, required=False
    )
    appropriate_adult_suitable = forms.BooleanField(
        label="The appropriate adult or guardian is suitable", required=False
    )
    release_to = forms.CharField(
        label="Who the child may be released to", max_length=200, required=False
    )
    diversion_reminder_given = forms.BooleanField(
        label="Reminded the local authority about the youth justice diversion programme",
        required=False,
    )


class ChargeForm(forms.Form):
    charged_at = WhenField(label="Charged at")


class ReleaseForm(BailDetailsForm):
    """Release, and for a release on bail or under investigation the bail case's details in
    the same step (the bail team's questions: ``bail.forms.BailDetailsForm``)."""

    released_at = WhenField(label="Released at")
    outcome = forms.ChoiceField(
        label="Detention outcome", choices=[("", "Choose outcome"), *Outcome.choices]
    )
    notes = forms.CharField(label="Notes", max_length=500, required=False)

    field_order = ["released_at", "outcome", "notes"]


class HospitalForm(forms.Form):
    left_at = WhenField(label="Left for hospital at")
    returned_at = WhenField(label="Returned at")
    questioned = forms.BooleanField(
        label="Questioned for evidence at hospital (the time then counts)", required=False
    )
    reason = forms.CharField(label="Reason", max_length=300, required=False)


SEX_CHOICES = [("", "Choose"), ("male", "Male"), ("female", "Female")]


class SearchForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of search", choices=[("strip", "Strip search"), ("intimate", "Intimate search")]
    )
    searched_at = WhenField(label="Searched at")
    reason = forms.CharField(
        label="Why the search was necessary", max_length=5000, widget=forms.Textarea
    )
    officer_name = forms.CharField(label="Searching officer", max_length=150)
    officer_sex = forms.ChoiceField(label="Searching officer's sex", choices=SEX_CHOICES)
    second_name = forms.CharField(label="Second person present", max_length=150, required=False)
    second_sex = forms.ChoiceField(label="Second person's sex", choices=SEX_CHOICES, required=False)
    appropriate_adult_present = forms.CharField(
        label="Appropriate adult present (name)", max_length=150, required=False
    )
    intimate_parts_exposed = forms.BooleanField(label="Intimate parts were exposed", required=False)
    urgent = forms.BooleanField(label="Urgent: risk of serious harm", required=False)
    authorised_by_name = forms.CharField(
        label="Authorised by (intimate search)", max_length=150, required=False
    )
    authorised_by_rank = forms.ChoiceField(
        label="Authorising officer's rank", choices=RANK_CHOICES, required=False
    )
    result = forms.CharField(label="Result", max_length=5000, required=False)

    @staticmethod
    def present_from(data) -> list[dict[str, str]]:
        """Who was present, as the search rules want them."""
        people = [
            {"name": data["officer_name"], "role": "searching_officer", "sex": data["officer_sex"]}
        ]
        if data.get("second_name"):
            people.append(
                {
                    "name": data["second_name"],
                    "role": "officer",
                    "sex": data.get("second_sex") or "unknown",
                }
            )
        if data.get("appropriate_adult_present"):
            people.append(
                {
                    "name": data["appropriate_adult_present"],
                    "role": "appropriate_adult",
                    "sex": "unknown",
                }
            )
        return people


class UseOfForceForm(forms.Form):
    used_at = WhenField(label="Force used at")
    officer_name = forms.CharField(label="Officer", max_length=150)
    tactics = forms.CharField(label="Tactics", max_length=300)
    reason = forms.CharField(label="Reason", max_length=5000)
    injury = forms.BooleanField(label="Someone was injured", required=False)


class ControlMeasureForm(AuthorisedByMixin):
    kind = forms.ChoiceField(label="Measure", choices=[("", "Choose"), *ControlMeasureKind.choices])
    started_at = WhenField(label="Started at")
    reason = forms.CharField(label="Reason", max_length=5000)


class AssessmentForm(forms.Form):
    requested_at = WhenField(label="Assessment requested at")
    completed_at = WhenField(label="Completed at", required=False)
    bed_needed = forms.BooleanField(label="A bed was needed", required=False)
    bed_found = forms.TypedChoiceField(
        label="Bed found",
        choices=[("", "Not applicable or not yet known"), ("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )
    notes = forms.CharField(label="Notes", max_length=5000, required=False)


class TransferForm(forms.Form):
    charged_at = WhenField(label="Charged at")
    decided_at = WhenField(label="Decided at")
    outcome = forms.ChoiceField(
        label="Local authority transfer outcome", choices=[("", "Choose"), *TransferOutcome.choices]
    )
    certificate_reason = forms.CharField(
        label="Circumstances certified (for a certificate)",
        max_length=5000,
        required=False,
        widget=forms.Textarea,
    )
    other_accommodation_inadequate = forms.BooleanField(
        label="Other local-authority accommodation would not protect the public from serious harm",
        required=False,
    )


class S136Form(forms.Form):
    person = forms.CharField(
        label="Person", max_length=20, help_text="PNC ID or Desist person number."
    )
    place = forms.ChoiceField(
        label="Place of safety", choices=[("", "Choose"), *PlaceOfSafety.choices]
    )
    suite = forms.ChoiceField(
        label="Custody suite (if a police station)", required=False, choices=()
    )
    started_at = WhenField(label="Arrived at the place of safety")
    decided_by_name = forms.CharField(label="Officer deciding", max_length=150)
    decided_by_rank = forms.ChoiceField(label="Deciding officer's rank", choices=RANK_CHOICES)
    authorised_by_name = forms.CharField(
        label="Inspector authorising (police station)", max_length=150, required=False
    )
    authorised_by_rank = forms.ChoiceField(
        label="Authorising officer's rank", choices=RANK_CHOICES, required=False
    )
    imminent_risk = forms.BooleanField(
        label="Behaviour poses an imminent risk of serious injury or death", required=False
    )
    no_other_place = forms.BooleanField(
        label="Because of that risk no other place of safety can reasonably detain them",
        required=False,
    )
    healthcare_professional_available = forms.BooleanField(
        label="A healthcare professional will be present and available", required=False
    )
    reasons = forms.CharField(
        label="Reasons", max_length=5000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args, suites=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suite"].choices = [
            ("", "Not a police station"),
            *[(s.code, s.name) for s in suites],
        ]


class S136ExtensionForm(forms.Form):
    """MHA s.136B: up to 12 hours more, by the registered medical practitioner responsible."""

    authorised_at = WhenField(label="Extension authorised at")
    until = WhenField(
        label="Extended until", help_text="At most 12 hours after the 24-hour period ends."
    )
    extended_by_name = forms.CharField(label="Registered medical practitioner", max_length=150)
    by_registered_medical_practitioner = forms.BooleanField(
        label="Authorised by the registered medical practitioner responsible for the examination",
        required=False,
    )
    condition_prevents_assessment = forms.BooleanField(
        label="The person's condition makes the assessment impracticable within 24 hours",
        required=False,
    )
    approved_by_name = forms.CharField(
        label="Superintendent approving (police station)", max_length=150, required=False
    )
    approved_by_rank = forms.ChoiceField(
        label="Approving officer's rank", choices=RANK_CHOICES, required=False
    )


class S136EndForm(forms.Form):
    ended_at = WhenField(label="Ended at")
    outcome = forms.CharField(
        label="Outcome",
        max_length=300,
        help_text="For example: admitted to hospital under s.2, no further action after assessment.",
    )


class PoliceProtectionForm(forms.Form):
    started_at = WhenField(label="Police protection began at")
    notes = forms.CharField(label="Notes", max_length=5000, required=False, widget=forms.Textarea)


class CourtTransportForm(forms.Form):
    due_at = WhenField(label="Due to leave for court at")
    left_at = WhenField(label="Left for court at")
    delay_cause = forms.ChoiceField(
        label="Cause of the delay (if late)",
        choices=[("", "Not delayed"), *CourtDelayCause.choices],
        required=False,
    )

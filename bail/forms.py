"""Page forms for the bail workflows. They parse input only; the services decide."""

from __future__ import annotations

from django import forms

from accounts.models import PolicingArea, User
from accounts.ranks import RANK_LABELS, Rank
from bail.choices import FINAL_OUTCOMES, Agency, Authority, EndReason, LapseDecision

RANK_CHOICES = [("", "Choose a rank")] + [(r.value, RANK_LABELS[r]) for r in Rank]


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ExtendForm(VersionedForm):
    authority = forms.ChoiceField(
        label="Who is extending bail",
        choices=Authority.choices,
        error_messages={"required": "Choose who is extending bail"},
    )
    decided_on = forms.DateField(
        label="Date the extension was decided",
        error_messages={
            "required": "Enter the date the extension was decided",
            "invalid": "Enter a real date",
        },
    )
    authorised_by_name = forms.CharField(
        label="Name of the authorising officer",
        max_length=150,
        error_messages={"required": "Enter the name of the authorising officer"},
    )
    authorised_by_rank = forms.ChoiceField(
        label="Rank of the authorising officer",
        choices=RANK_CHOICES,
        required=False,
        help_text="Not needed for a court or an agency's decision-maker.",
    )
    designated_case = forms.BooleanField(
        label="The DPP has designated this case exceptionally complex (PACE s.47ZE)",
        required=False,
    )
    section_47zf7_case = forms.BooleanField(
        label="The court is asked for the longer first court extension (PACE s.47ZF(7) case)",
        required=False,
    )


class VaryConditionsForm(VersionedForm):
    varied_on = forms.DateField(
        label="Date of the variation",
        error_messages={
            "required": "Enter the date of the variation",
            "invalid": "Enter a real date",
        },
    )
    add_text = forms.CharField(
        label="New condition (optional)",
        max_length=500,
        required=False,
        help_text="Leave blank if you are only removing conditions.",
    )
    add_protects_victim = forms.BooleanField(
        label="The new condition protects the victim", required=False
    )
    remove = forms.TypedMultipleChoiceField(
        label="Conditions to remove", coerce=int, required=False, choices=[]
    )
    reason = forms.CharField(label="Reason for the variation", max_length=500, required=False)
    victim_sought = forms.BooleanField(label="The victim's views were sought", required=False)
    victim_views = forms.CharField(
        label="The victim's views", required=False, max_length=5000, widget=forms.Textarea
    )
    not_practicable_reason = forms.CharField(
        label="Why seeking the victim's views was not reasonably practicable",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )
    victim_told = forms.TypedChoiceField(
        label="Was the victim told of the variation?",
        choices=[
            ("", "Not applicable: no victim-protecting condition changed"),
            ("yes", "Yes"),
            ("no", "No"),
        ],
        coerce={"yes": True, "no": False}.get,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, conditions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove"].choices = [(c.pk, c.text) for c in conditions]


class EndForm(VersionedForm):
    reason = forms.ChoiceField(
        label="How did the case end",
        error_messages={"required": "Choose how the case ended"},
        choices=[(value, label) for value, label in EndReason.choices if value != EndReason.LAPSED],
    )
    ended_on = forms.DateField(
        label="Date",
        error_messages={
            "required": "Enter the date the case ended",
            "invalid": "Enter a real date",
        },
    )
    rationale = forms.CharField(
        label="Rationale",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        help_text="Needed to continue as released under investigation.",
    )


class LapseForm(VersionedForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=LapseDecision.choices,
        error_messages={"required": "Choose whether to continue as RUI or close the case"},
    )
    outcome = forms.ChoiceField(
        label="Outcome (if closing)",
        choices=[("", "Choose an outcome")]
        + [(value, label) for value, label in EndReason.choices if value in FINAL_OUTCOMES],
        required=False,
    )
    decided_on = forms.DateField(
        label="Date of the decision",
        error_messages={
            "required": "Enter the date of the decision",
            "invalid": "Enter a real date",
        },
    )
    rationale = forms.CharField(
        label="Rationale",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Enter the rationale for the decision"},
    )


class RuiReviewForm(VersionedForm):
    reviewed_on = forms.DateField(
        label="Date of the review",
        error_messages={"required": "Enter the date of the review", "invalid": "Enter a real date"},
    )
    notes = forms.CharField(
        label="What the review found and what happens next",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Enter what the review found"},
    )


class QueueFilterForm(forms.Form):
    force = forms.ChoiceField(label="Force", required=False)
    area = forms.ChoiceField(label="District", required=False)
    officer = forms.ChoiceField(label="Officer in the case", required=False)
    offence = forms.CharField(label="Offence", required=False, max_length=100)

    def __init__(self, *args, forces=(), areas=(), officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["force"].choices = [("", "All")] + [(f.code, f.name) for f in forces]
        self.fields["area"].choices = [("", "All")] + [(str(a.pk), str(a)) for a in areas]
        self.fields["officer"].choices = [("", "All")] + [
            (str(u.pk), u.display_name) for u in officers
        ]


class BailDetailsForm(forms.Form):
    """What a release on bail sets: district, officer in the case, the first conditions (with
    the victim's views) and a return date. Shared by the bail team's "record a release" page
    and custody's release step, so both ask the same questions and the service gets the same
    arguments (``details()``)."""

    district = forms.ChoiceField(label="District", required=False)
    officer_in_case = forms.ChoiceField(label="Officer in the case", required=False)
    conditions = forms.CharField(
        label="Conditions (one per line)", required=False, max_length=5000, widget=forms.Textarea
    )
    victim_conditions = forms.CharField(
        label="Conditions that protect the victim (one per line)",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )
    victim_sought = forms.BooleanField(label="The victim's views were sought", required=False)
    victim_views = forms.CharField(
        label="The victim's views", required=False, max_length=5000, widget=forms.Textarea
    )
    not_practicable_reason = forms.CharField(
        label="Why seeking the victim's views was not reasonably practicable",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )
    return_date = forms.DateField(
        label="Date to answer bail (optional)",
        required=False,
        help_text="Leave empty for the last day of the bail period.",
        error_messages={"invalid": "Enter a real date"},
    )

    def __init__(self, *args, areas=(), officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._areas = {str(a.pk): a for a in areas}
        self._officers = {str(u.pk): u for u in officers}
        self.fields["district"].choices = [("", "Choose a district")] + [
            (pk, str(a)) for pk, a in self._areas.items()
        ]
        self.fields["officer_in_case"].choices = [("", "Choose an officer")] + [
            (pk, u.display_name) for pk, u in self._officers.items()
        ]

    @classmethod
    def for_user(cls, user, *args, **kwargs):
        """The form offering the user's force's districts and serving officers."""
        return cls(
            *args,
            areas=PolicingArea.objects.filter(force_id=user.force_id).select_related("force"),
            officers=User.objects.filter(force_id=user.force_id, is_active=True)
            .exclude(rank="staff")
            .order_by("last_name", "first_name"),
            **kwargs,
        )

    def condition_list(self) -> list[dict]:
        values = self.cleaned_data
        return [
            {"text": line.strip(), "protects_victim": victim}
            for field, victim in (("conditions", False), ("victim_conditions", True))
            for line in values[field].splitlines()
            if line.strip()
        ]

    def details(self) -> dict:
        """``bail.services.open_case`` keyword arguments; its refusals name these fields."""
        values = self.cleaned_data
        return {
            "district": self._areas.get(values["district"]),
            "officer_in_case": self._officers.get(values["officer_in_case"]),
            "conditions": self.condition_list(),
            "victim_views": {
                "sought": values["victim_sought"],
                "views": values["victim_views"],
                "not_practicable_reason": values["not_practicable_reason"],
            },
            "return_date": values["return_date"],
        }


class OpenCaseForm(BailDetailsForm):
    """Record a release on pre-charge bail or under investigation after an arrest."""

    pnc_id = forms.CharField(
        label="PNC ID or Desist person number",
        max_length=20,
        help_text="For example, 2010/0123456A",
        error_messages={"required": "Enter the person's PNC ID or Desist person number"},
    )
    arrested_on = forms.DateField(
        label="Date of arrest",
        error_messages={"required": "Enter the date of arrest", "invalid": "Enter a real date"},
    )
    status = forms.ChoiceField(
        label="Released",
        error_messages={"required": "Choose bail or released under investigation"},
        choices=[("bail", "On pre-charge bail"), ("rui", "Under investigation (no bail)")],
    )
    agency = forms.ChoiceField(label="Case type", choices=Agency.choices, initial=Agency.POLICE)
    offence_type = forms.ChoiceField(label="Offence type", required=False)
    offence = forms.CharField(label="Offence", max_length=300, required=False)

    field_order = ["pnc_id", "arrested_on", "status", "agency", "offence_type", "offence"]

    def __init__(self, *args, offence_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offence_type"].choices = [("", "Choose an offence type")] + [
            (str(t.pk), t.name) for t in offence_types
        ]

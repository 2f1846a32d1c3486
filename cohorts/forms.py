"""IOM page forms: parse and shape input only; the services decide (STYLE.md "Avoid" 2)."""

from __future__ import annotations

from django import forms

from accounts.models import User
from cohorts.models import COHORT_CHOICES, REMOVAL_REASON_CHOICES
from cohorts.services import LEAD_OFFICER_ROLES

COMMUNITY_CHOICES = [
    ("", "Follow the custody and prison records"),
    ("yes", "Yes, managed in the community"),
    ("no", "No, not managed in the community"),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def lead_officer_choices(force):
    return (
        User.objects.filter(
            force=force, is_active=True, groups__name__in=[str(r) for r in LEAD_OFFICER_ROLES]
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class AdoptForm(forms.Form):
    offender = forms.IntegerField(widget=forms.HiddenInput)
    cohort = forms.ChoiceField(label="Cohort", choices=COHORT_CHOICES, widget=forms.RadioSelect)
    adopted_on = forms.DateField(label="Date adopted", widget=DateInput)
    reason = forms.CharField(label="Reason for adoption", max_length=1000, widget=forms.Textarea)
    lead_officer = OfficerChoiceField(label="Lead officer", queryset=User.objects.none())
    probation_contact = forms.CharField(
        label="Probation contact",
        max_length=200,
        required=False,
        help_text="Name and office of the probation practitioner",
    )
    ogrs_score = forms.IntegerField(
        label="OGRS score (optional)",
        min_value=0,
        max_value=100,
        required=False,
        help_text="Two-year OGRS3 reconviction probability, as a percentage",
    )
    statutory_supervision = forms.TypedChoiceField(
        label="Under statutory (probation) supervision?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    managed_in_community = forms.ChoiceField(
        label="Managed in the community?",
        choices=COMMUNITY_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, force=None, **kwargs):
        super().__init__(*args, **kwargs)
        lead = self.fields["lead_officer"]
        assert isinstance(lead, forms.ModelChoiceField)
        lead.queryset = lead_officer_choices(force)

    def clean_managed_in_community(self):
        return {"yes": True, "no": False}.get(self.cleaned_data.get("managed_in_community") or "")


class DetailsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    lead_officer = OfficerChoiceField(label="Lead officer", queryset=User.objects.none())
    probation_contact = forms.CharField(
        label="Probation contact",
        max_length=200,
        required=False,
        help_text="Name and office of the probation practitioner",
    )
    managed_in_community = forms.ChoiceField(
        label="Managed in the community?",
        choices=COMMUNITY_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, force=None, **kwargs):
        super().__init__(*args, **kwargs)
        lead = self.fields["lead_officer"]
        assert isinstance(lead, forms.ModelChoiceField)
        lead.queryset = lead_officer_choices(force)

    def clean_managed_in_community(self):
        return {"yes": True, "no": False}.get(self.cleaned_data.get("managed_in_community") or "")


class MoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    cohort = forms.ChoiceField(label="Move to", choices=COHORT_CHOICES, widget=forms.RadioSelect)
    moved_on = forms.DateField(label="Date of the move", widget=DateInput)
    reason = forms.CharField(label="Reason for the move", max_length=1000, widget=forms.Textarea)


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label="Date of the review", widget=DateInput)
    notes = forms.CharField(label="Notes", max_length=2000, required=False, widget=forms.Textarea)


class RemoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    removed_on = forms.DateField(label="Date removed", widget=DateInput)
    reason = forms.ChoiceField(
        label="Reason for removal", choices=REMOVAL_REASON_CHOICES, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Note",
        max_length=1000,
        required=False,
        widget=forms.Textarea,
        help_text="Required when the reason is 'Other'",
    )

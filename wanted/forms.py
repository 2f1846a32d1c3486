"""Wanted page forms: parse and shape input only; the services decide. Field names are the
services' keyword arguments, so a view passes ``**form.cleaned_data``."""

from __future__ import annotations

from django import forms

from accounts.models import PolicingArea, User
from bail.models import BailCase
from wanted.choices import (
    AgeBand,
    AttendanceOutcome,
    NecessityGround,
    Reason,
    SuspectResolution,
    WantedOutcome,
    WarrantKind,
    WarrantOutcome,
)
from wanted.models import OutstandingSuspect


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class OfficerField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class BailCaseField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.reference}: {obj.get_status_display()}, arrested {obj.arrested_on:%-d %b %Y}"


def _officers(force):
    return (
        User.objects.filter(force=force, is_active=True)
        .exclude(rank="staff")
        .order_by("last_name", "first_name")
    )


class _ForPerson(forms.Form):
    """A form about one person: officers and districts of the person's force."""

    def __init__(self, *args, offender, **kwargs):
        super().__init__(*args, **kwargs)
        if "officer_in_case" in self.fields:
            self.fields["officer_in_case"].queryset = _officers(offender.force)
        if "district" in self.fields:
            self.fields["district"].queryset = PolicingArea.objects.filter(force=offender.force)


class CirculateForm(_ForPerson):
    reason = forms.ChoiceField(
        label="Why is the person wanted?", choices=Reason.choices, widget=forms.RadioSelect
    )
    bail_case = BailCaseField(
        label="The bail or RUI case it arises from",
        queryset=BailCase.objects.none(),
        required=False,
        empty_label="None (never arrested for the offence)",
        help_text="Needed when the person failed to answer bail, breached its conditions, or "
        "is released under investigation.",
    )
    offence = forms.CharField(label="Offence or offences", max_length=300)
    circulated_on = forms.DateField(label="Date circulated on the PNC", widget=DateInput)
    officer_in_case = OfficerField(
        label="Officer in the case", queryset=User.objects.none(), required=False
    )
    district = forms.ModelChoiceField(
        label="District", queryset=PolicingArea.objects.none(), required=False
    )
    necessity_ground = forms.ChoiceField(
        label="Code G necessity reason",
        choices=[("", "Choose a reason"), *NecessityGround.choices],
        required=False,
    )
    necessity = forms.CharField(
        label="Why is arrest necessary?",
        widget=forms.Textarea,
        max_length=5000,
        help_text="In your own words (PACE Code G para 2.9). This is what the reviews test.",
    )

    def __init__(self, *args, offender, **kwargs):
        super().__init__(*args, offender=offender, **kwargs)
        self.fields["bail_case"].queryset = BailCase.objects.filter(offender=offender).order_by(
            "-arrested_on"
        )


class ReviewForm(forms.Form):
    held_on = forms.DateField(label="Date of the review", widget=DateInput)
    note = forms.CharField(
        label="What did the review find?",
        widget=forms.Textarea,
        max_length=5000,
        help_text="Is arrest still necessary, what has been done to find the person, what next.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class EndCirculationForm(forms.Form):
    outcome = forms.ChoiceField(
        label="How did it end?", choices=WantedOutcome.choices, widget=forms.RadioSelect
    )
    ended_on = forms.DateField(label="Date", widget=DateInput)
    note = forms.CharField(label="Notes", widget=forms.Textarea, max_length=5000, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class SuspectForm(_ForPerson):
    crime_reference = forms.CharField(label="Crime reference", max_length=40)
    offence = forms.CharField(label="Offence", max_length=300)
    identified_on = forms.DateField(label="Date identified as a suspect", widget=DateInput)
    officer_in_case = OfficerField(
        label="Officer in the case", queryset=User.objects.none(), required=False
    )
    district = forms.ModelChoiceField(
        label="District", queryset=PolicingArea.objects.none(), required=False
    )


class ResolveSuspectForm(forms.Form):
    resolution = forms.ChoiceField(
        label="How was the suspect dealt with?",
        choices=SuspectResolution.choices,
        widget=forms.RadioSelect,
    )
    resolved_on = forms.DateField(label="Date", widget=DateInput)
    note = forms.CharField(label="Notes", widget=forms.Textarea, max_length=5000, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class WarrantForm(_ForPerson):
    kind = forms.ChoiceField(
        label="Kind of warrant", choices=WarrantKind.choices, widget=forms.RadioSelect
    )
    court = forms.CharField(label="Court that issued it", max_length=150)
    issued_on = forms.DateField(label="Date issued", widget=DateInput)
    backed_for_bail = forms.BooleanField(label="Backed for bail", required=False)
    offence = forms.CharField(label="Offence", max_length=300, required=False)
    officer_in_case = OfficerField(
        label="Officer responsible", queryset=User.objects.none(), required=False
    )
    district = forms.ModelChoiceField(
        label="District", queryset=PolicingArea.objects.none(), required=False
    )


class EndWarrantForm(forms.Form):
    outcome = forms.ChoiceField(
        label="How did it end?", choices=WarrantOutcome.choices, widget=forms.RadioSelect
    )
    ended_on = forms.DateField(label="Date", widget=DateInput)
    note = forms.CharField(label="Notes", widget=forms.Textarea, max_length=5000, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AttendanceForm(_ForPerson):
    interviewed_on = forms.DateField(label="Date of the interview under caution", widget=DateInput)
    offence = forms.CharField(label="Offence", max_length=300)
    officer_in_case = OfficerField(
        label="Interviewing officer", queryset=User.objects.none(), required=False
    )
    district = forms.ModelChoiceField(
        label="District", queryset=PolicingArea.objects.none(), required=False
    )
    suspect = forms.ModelChoiceField(
        label="Outstanding suspect record it deals with",
        queryset=OutstandingSuspect.objects.none(),
        required=False,
        empty_label="None",
    )

    def __init__(self, *args, offender, **kwargs):
        super().__init__(*args, offender=offender, **kwargs)
        self.fields["suspect"].queryset = OutstandingSuspect.objects.filter(
            offender=offender
        ).open()


class AttendanceOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome", choices=AttendanceOutcome.choices, widget=forms.RadioSelect
    )
    outcome_on = forms.DateField(label="Date of the outcome", widget=DateInput)
    note = forms.CharField(label="Notes", widget=forms.Textarea, max_length=5000, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class MonthlyListForm(forms.Form):
    month = forms.CharField(
        label="Month", max_length=7, required=False, help_text="For example, 2026-11"
    )
    district = forms.ModelChoiceField(
        label="District",
        queryset=PolicingArea.objects.none(),
        required=False,
        empty_label="Every district",
    )

    def __init__(self, *args, force, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = PolicingArea.objects.filter(force=force)


class PerformanceForm(MonthlyListForm):
    age = forms.IntegerField(
        label="No arrest after (days)", min_value=1, max_value=3650, required=False
    )

    def __init__(self, *args, force, **kwargs):
        super().__init__(*args, force=force, **kwargs)
        del self.fields["month"]


class ListFilterForm(forms.Form):
    """The district filter, plus the hidden narrowing a dashboard figure links with."""

    district = forms.ModelChoiceField(
        label="District",
        queryset=PolicingArea.objects.none(),
        required=False,
        empty_label="Every district",
    )
    band = forms.ChoiceField(choices=AgeBand.choices, required=False, widget=forms.HiddenInput)
    overdue = forms.BooleanField(required=False, widget=forms.HiddenInput)
    opened_from = forms.DateField(required=False, widget=forms.HiddenInput)
    opened_to = forms.DateField(required=False, widget=forms.HiddenInput)
    ended_from = forms.DateField(required=False, widget=forms.HiddenInput)
    ended_to = forms.DateField(required=False, widget=forms.HiddenInput)
    outcome = forms.CharField(max_length=30, required=False, widget=forms.HiddenInput)
    month = forms.CharField(max_length=7, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, force, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = PolicingArea.objects.filter(force=force)

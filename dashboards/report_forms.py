"""Forms of the panel report pages: field names are the services' keyword arguments."""

from __future__ import annotations

from django import forms

from dashboards.models import ActionStatus, Pillar, RecommendationStatus


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label="Narrative",
        required=False,
        max_length=20000,
        widget=forms.Textarea,
        help_text="What the figures show and why, for the panel. Do not name people.",
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class IssueForm(forms.Form):
    meeting_date = forms.DateField(
        label="Date of the panel meeting",
        widget=DateInput,
        error_messages={
            "required": "Enter the date of the panel meeting.",
            "invalid": "Enter a real date, like 2026-12-15.",
        },
    )


class PublishForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionForm(forms.Form):
    pillar = forms.ChoiceField(label="Pillar", choices=Pillar.choices)
    action = forms.CharField(label="Action", max_length=2000, widget=forms.Textarea)
    owner = forms.CharField(label="Owner", max_length=200)
    due_on = forms.DateField(
        label="Due date",
        required=False,
        widget=DateInput,
        error_messages={"invalid": "Enter a real date, like 2026-12-15."},
    )
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)
    notes = forms.CharField(label="Notes", max_length=4000, required=False, widget=forms.Textarea)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RecommendationForm(forms.Form):
    inspection = forms.CharField(label="Inspection", max_length=200)
    recommendation = forms.CharField(label="Recommendation", max_length=4000, widget=forms.Textarea)
    owner = forms.CharField(label="Owner", max_length=200)
    due_on = forms.DateField(
        label="Due date",
        required=False,
        widget=DateInput,
        error_messages={"invalid": "Enter a real date, like 2026-12-15."},
    )
    status = forms.ChoiceField(label="Status", choices=RecommendationStatus.choices)
    closed_on = forms.DateField(
        label="Closed by HMICFRS on",
        required=False,
        widget=DateInput,
        help_text="Only for a recommendation HMICFRS has closed.",
        error_messages={"invalid": "Enter a real date, like 2026-12-15."},
    )
    notes = forms.CharField(label="Notes", max_length=4000, required=False, widget=forms.Textarea)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

"""The "why are you looking?" question, asked where a read has no context of its own."""

from __future__ import annotations

from django import forms

from audit.services import PURPOSE_MAX


class PurposeForm(forms.Form):
    purpose = forms.CharField(
        label="Reason",
        max_length=PURPOSE_MAX,
        help_text="A few words: the case, task or request you are working on.",
        error_messages={
            "required": "Say why you are looking: the reason is recorded.",
            "max_length": f"Keep the reason to {PURPOSE_MAX} characters or fewer.",
        },
    )

    def clean_purpose(self):
        text = " ".join(self.cleaned_data["purpose"].split())
        if not text:
            raise forms.ValidationError("Say why you are looking: the reason is recorded.")
        return text


class ExportForm(forms.Form):
    """Why a list is being exported: asked before every CSV of people, logged as a disclosure."""

    purpose = forms.CharField(
        label="Purpose of the export",
        max_length=300,
        help_text="Recorded in the access log (Data Protection Act 2018 s.62).",
        error_messages={"required": "Enter the purpose of the export: it is recorded."},
    )

"""Page forms: they parse; the services validate the rules and save."""

from __future__ import annotations

from django import forms

from accounts.models import PolicingArea
from offenders.models import (
    AliasKind,
    Ethnicity,
    Gender,
    MarkerKind,
    OffenceType,
    OfficerEthnicity,
    OutcomeCode,
)
from offenders.search import MAX_QUERY, TOO_LONG

# The first is the format a pre-filled date is shown in; "1 Dec 2026" as pages print dates.
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y"]


class FindPersonForm(forms.Form):
    """The box that finds the person to act on (offenders.finder, templates/offenders/_find_person.html)."""

    q = forms.CharField(
        label="Name or PNC ID",
        max_length=100,
        help_text="For example, Smith or 2010/0500001X",
        error_messages={"required": "Enter a name or PNC ID"},
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Name, PNC ID or date of birth",
        max_length=MAX_QUERY,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )


class OffenderForm(forms.Form):
    first_name = forms.CharField(max_length=100)
    middle_names = forms.CharField(max_length=200, required=False)
    last_name = forms.CharField(max_length=100)
    date_of_birth = forms.DateField(input_formats=DATE_FORMATS)
    gender = forms.ChoiceField(
        choices=[("", "Choose gender"), *Gender.choices],
        error_messages={"required": "Choose the person's gender"},
    )
    pnc_id = forms.CharField(
        label="PNC ID", max_length=20, required=False, help_text="For example, 2008/0056560Z"
    )
    cro_number = forms.CharField(label="CRO number", max_length=20, required=False)
    ethnicity = forms.ChoiceField(
        label="Self-defined ethnicity", choices=Ethnicity.choices, initial=Ethnicity.NS
    )
    officer_ethnicity = forms.ChoiceField(
        label="Officer-defined ethnicity",
        choices=OfficerEthnicity.choices,
        initial=OfficerEthnicity.IC0,
    )
    home_area = forms.ModelChoiceField(
        label="Home policing area", queryset=PolicingArea.objects.none(), required=False
    )
    notes = forms.CharField(widget=forms.Textarea, max_length=5000, required=False)

    def __init__(self, *args, force, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_area"].queryset = PolicingArea.objects.filter(force=force)


class OffenderEditForm(OffenderForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    in_prison_since = forms.DateField(
        label="In prison since", input_formats=DATE_FORMATS, required=False
    )


class AliasForm(forms.Form):
    kind = forms.ChoiceField(choices=AliasKind.choices[:2], label="Kind of name")
    first_name = forms.CharField(max_length=100, required=False)
    last_name = forms.CharField(max_length=100)
    date_of_birth = forms.DateField(
        label="Date of birth used (if different)",
        input_formats=DATE_FORMATS,
        required=False,
    )


class MarkerForm(forms.Form):
    kind = forms.ChoiceField(choices=MarkerKind.choices, label="Warning marker")
    details = forms.CharField(
        max_length=500, required=False, help_text="What officers need to know"
    )
    added_on = forms.DateField(label="Date", input_formats=DATE_FORMATS)


class AddressForm(forms.Form):
    line1 = forms.CharField(label="Address line 1", max_length=200)
    line2 = forms.CharField(label="Address line 2", max_length=200, required=False)
    town = forms.CharField(label="Town or city", max_length=100)
    postcode = forms.CharField(max_length=10)
    from_date = forms.DateField(label="Lived here from", input_formats=DATE_FORMATS)
    to_date = forms.DateField(
        label="Lived here until",
        input_formats=DATE_FORMATS,
        required=False,
        help_text="Leave empty if this is the current address",
    )


class MergeForm(forms.Form):
    reason = forms.CharField(
        label="Why are these the same person?",
        max_length=500,
        widget=forms.Textarea,
        help_text="For example, fingerprints or custody photographs match",
    )


class OffenceForm(forms.Form):
    offence_type = forms.ModelChoiceField(
        queryset=OffenceType.objects.filter(active=True).order_by("name"),
        label="Offence",
        empty_label="Choose an offence",
    )
    committed_on = forms.DateField(label="Date of the offence", input_formats=DATE_FORMATS)
    outcome = forms.ChoiceField(
        choices=[("", "Not yet known"), *OutcomeCode.choices],
        required=False,
        label="Home Office outcome",
    )
    outcome_on = forms.DateField(
        label="Date of the outcome", input_formats=DATE_FORMATS, required=False
    )
    description = forms.CharField(max_length=300, required=False, label="Details")


class SubjectAccessForm(forms.Form):
    reference = forms.CharField(
        label="Request reference",
        max_length=50,
        help_text="The subject access request's reference, as the disclosure unit logged it.",
        error_messages={"required": "Give the request's reference."},
    )
    recipient = forms.CharField(
        label="Who the document is for",
        max_length=200,
        help_text="The data subject or their representative: recorded as the recipient.",
        error_messages={"required": "Say who the document is for."},
    )

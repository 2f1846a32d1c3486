"""Partners forms: field names equal the services' keyword arguments."""

from __future__ import annotations

from django import forms

from accounts.models import PolicingArea
from core.period_forms import PeriodFormMixin
from partners.choices import CaseKind, Cohort, Gender, NeedClosedReason, ReferralStatus
from partners.models import Need, ProofKind, Service

DATE = {"input_formats": ["%Y-%m-%d"]}


class ServiceForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    code = forms.SlugField(
        label="Code", max_length=60, help_text="Letters, numbers and hyphens, e.g. wonder"
    )
    name = forms.CharField(label="Name", max_length=200)
    provider = forms.CharField(label="Provider", max_length=200)
    description = forms.CharField(
        label="What the service does", max_length=4000, required=False, widget=forms.Textarea
    )
    needs = forms.ModelMultipleChoiceField(
        label="Needs it meets",
        queryset=Need.objects.filter(active=True),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one need the service meets."},
    )
    districts = forms.ModelMultipleChoiceField(
        label="Districts it reaches",
        queryset=PolicingArea.objects.none(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="None chosen: the whole force area",
    )
    min_age = forms.IntegerField(label="Minimum age", required=False, min_value=10, max_value=120)
    max_age = forms.IntegerField(label="Maximum age", required=False, min_value=10, max_value=120)
    gender = forms.ChoiceField(label="Who it is for", choices=Gender.choices, initial=Gender.ANY)
    cohorts = forms.MultipleChoiceField(
        label="Cohorts it takes",
        choices=[c for c in Cohort.choices if c[0] != Cohort.SERVICE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="None chosen: anyone",
    )
    capacity = forms.IntegerField(
        label="Capacity (places)", required=False, min_value=0, max_value=1_000_000
    )
    places_free = forms.IntegerField(
        label="Places free now", required=False, min_value=0, max_value=1_000_000
    )
    contact = forms.CharField(label="How to refer", max_length=500, required=False)
    funded_by = forms.CharField(label="Funded by", max_length=200, required=False)
    funding_ends_on = forms.DateField(
        label="Funding ends on",
        required=False,
        help_text="The commissioner's team is reminded three months and one month before",
        **DATE,
    )
    volunteers = forms.IntegerField(
        label="Trained volunteers", required=False, min_value=0, max_value=100_000
    )
    active = forms.BooleanField(label="Taking referrals", required=False, initial=True)

    def __init__(self, *args, force=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].queryset = PolicingArea.objects.filter(force=force).order_by(
            "name"
        )
        if editing:
            self.fields.pop("code")


class NeedForm(forms.Form):
    need = forms.ModelChoiceField(
        label="Need",
        queryset=Need.objects.filter(active=True),
        to_field_name="code",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the need."},
    )
    source_kind = forms.ChoiceField(
        label="Assessed in", choices=CaseKind.choices, widget=forms.RadioSelect
    )
    source_id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    assessed_on = forms.DateField(label="Assessed on", **DATE)
    notes = forms.CharField(label="Notes", max_length=1000, required=False, widget=forms.Textarea)


class NeedCloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    closed_on = forms.DateField(label="Date closed", **DATE)
    reason = forms.ChoiceField(
        label="Why is the need closed?",
        choices=NeedClosedReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the need is closed."},
    )
    note = forms.CharField(
        label="Note (optional)", max_length=1000, required=False, widget=forms.Textarea
    )


class ReferForm(forms.Form):
    service = forms.ModelChoiceField(
        label="Service",
        queryset=Service.objects.none(),
        to_field_name="code",
        error_messages={"required": "Choose the service."},
    )
    need = forms.ModelChoiceField(
        label="For the need",
        queryset=Need.objects.filter(active=True),
        to_field_name="code",
        required=False,
        empty_label="Not for one need",
    )
    source_kind = forms.ChoiceField(label="Referred from", choices=CaseKind.choices)
    source_id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    referred_on = forms.DateField(label="Referred on", **DATE)
    notes = forms.CharField(label="Notes", max_length=1000, required=False, widget=forms.Textarea)

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = (
            services if services is not None else Service.objects.none()
        )


class ProgressForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label="What happened", widget=forms.RadioSelect)
    on = forms.DateField(label="On", **DATE)
    outcome = forms.CharField(
        label="Outcome or reason", max_length=1000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s.value, s.label) for s in statuses]


class ProofForm(forms.Form):
    kind = forms.ChoiceField(
        label="How was it proved?", choices=ProofKind.choices, widget=forms.RadioSelect
    )
    proved_on = forms.DateField(label="Convicted or cautioned on", **DATE)


class ExportForm(forms.Form):
    purpose = forms.CharField(
        label="Why are you exporting this?",
        max_length=300,
        help_text="Recorded in the access log with what you export",
    )


class ReoffendingForm(PeriodFormMixin, forms.Form):
    period_fields = ("date_from", "date_to")
    cohort = forms.ChoiceField(label="Cohort")
    date_from = forms.DateField(label="Index dates from", required=False, **DATE)
    date_to = forms.DateField(label="to", required=False, **DATE)

    def __init__(self, *args, cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [(c.key, c.label) for c in cohorts]


STATUS_ORDER = list(ReferralStatus)

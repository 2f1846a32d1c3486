"""Page forms. They check shape only; the rules are applied by ``disposals.services`` and its
``ValidationError`` is put back on the matching field with ``core.forms.apply_service_errors``."""

from __future__ import annotations

from django import forms

from core.period_forms import PeriodFormMixin
from disposals import rules
from disposals.models import (
    CONDITION_KIND_CHOICES,
    FINDING_CHOICES,
    REFERRAL_STATUS_CHOICES,
    Intervention,
    RJOutcome,
    Satisfaction,
)
from offenders.choices import OffenceCategory

CONDITION_ROWS = 3


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class IdForm(forms.Form):
    """A form whose field ids carry ``id_prefix`` so several forms can share one page."""

    id_prefix = "id"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class DecisionForm(forms.Form):
    disposal_type = forms.ChoiceField(label="Disposal", widget=forms.RadioSelect)
    decided_on = forms.DateField(label="Date of the decision", widget=DateInput())
    offence = forms.CharField(
        label="Offence", max_length=300, help_text="What the person did, in a sentence."
    )
    offence_date = forms.DateField(label="Date of the offence", widget=DateInput())
    # Nothing pre-chosen: the officer says which (a wrong default would go unnoticed).
    offence_category = forms.ChoiceField(
        label="Offence category",
        choices=[("", "Choose the offence category"), *OffenceCategory.choices],
        error_messages={"required": "Choose the offence category"},
    )
    district = forms.ModelChoiceField(
        label="District",
        queryset=None,
        empty_label="Choose a district",
        error_messages={"required": "Choose the district"},
    )
    admitted = forms.BooleanField(
        label="The person admitted the offence (or accepted responsibility)", required=False
    )
    consented = forms.BooleanField(
        label="The person gave informed consent to the disposal", required=False
    )
    dpp_consent = forms.BooleanField(
        label="The Director of Public Prosecutions consented", required=False
    )
    victim_views_sought = forms.BooleanField(label="The victim's views were sought", required=False)
    victim_views = forms.CharField(
        label="The victim's views", required=False, max_length=2000, widget=forms.Textarea
    )
    victim_not_practicable_reason = forms.CharField(
        label="Why the victim's views were not sought, if they were not",
        required=False,
        max_length=500,
        help_text="For example: no identifiable victim.",
    )
    rj_offered = forms.BooleanField(
        label="Restorative justice was offered to the victim", required=False
    )
    rj_taken_up = forms.BooleanField(
        label="The victim took up restorative justice (refer to the Restorative Justice hub)",
        required=False,
    )
    intervention = forms.ModelChoiceField(
        label="Refer to an intervention course",
        queryset=Intervention.objects.active(),
        required=False,
        empty_label="No course referral",
        to_field_name="code",
    )

    def __init__(self, *args, offender, types: list[rules.DisposalType], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disposal_type"].choices = [(t.value, t.label) for t in types]
        from accounts.models import PolicingArea

        self.fields["district"].queryset = PolicingArea.objects.filter(force=offender.force_id)


class ConditionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "No condition"), *CONDITION_KIND_CHOICES], required=False
    )
    description = forms.CharField(label="Description", max_length=500, required=False)
    hours = forms.DecimalField(
        label="Hours", max_digits=5, decimal_places=2, required=False, min_value=0
    )
    amount = forms.DecimalField(
        label="Amount (£)", max_digits=8, decimal_places=2, required=False, min_value=0
    )
    due_by = forms.DateField(
        label="Due by",
        required=False,
        widget=DateInput(),
        help_text="Leave empty for the force's default.",
    )

    @property
    def is_used(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data.get("kind"))

    def to_condition(self) -> rules.Condition:
        data = self.cleaned_data
        return rules.Condition(
            kind=data["kind"],
            description=data["description"],
            hours=data["hours"],
            amount=data["amount"],
            due_by=data["due_by"],
        )


def condition_forms(data=None) -> list[ConditionForm]:
    return [ConditionForm(data, prefix=f"c{index}") for index in range(CONDITION_ROWS)]


class ReferralForm(IdForm):
    id_prefix = "referral"
    intervention = forms.ModelChoiceField(
        label="Course",
        queryset=Intervention.objects.active(),
        to_field_name="code",
        empty_label="Choose a course",
    )
    referred_on = forms.DateField(label="Referred on", widget=DateInput())


class ProgressForm(forms.Form):
    status = forms.ChoiceField(
        label="Progress", choices=[c for c in REFERRAL_STATUS_CHOICES if c[0] != "referred"]
    )
    on = forms.DateField(label="On", widget=DateInput())


class ConditionDoneForm(forms.Form):
    on = forms.DateField(label="Completed on", widget=DateInput())


class CompleteForm(IdForm):
    id_prefix = "complete"
    completed_on = forms.DateField(label="Completed on", widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput)


class BreachForm(IdForm):
    id_prefix = "breach"
    breached_on = forms.DateField(label="Date of the breach", widget=DateInput())
    details = forms.CharField(
        label="What the person failed to do", max_length=2000, widget=forms.Textarea
    )
    action = forms.ChoiceField(label="Action taken", widget=forms.RadioSelect)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, disposal_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            (a.value, a.label) for a in rules.allowed_breach_actions(disposal_type)
        ]


class WithdrawForm(IdForm):
    id_prefix = "withdraw"
    on = forms.DateField(label="Withdrawn on", widget=DateInput())
    reason = forms.CharField(label="Reason", max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)


class RJReferralForm(IdForm):
    id_prefix = "rj"
    referred_on = forms.DateField(label="Referred to the hub on", widget=DateInput())


class RJUpdateForm(IdForm):
    id_prefix = "rjupdate"
    contact_made_on = forms.DateField(
        label="Hub made contact on", widget=DateInput(), required=False
    )
    outcome = forms.ChoiceField(label="Outcome", choices=RJOutcome.choices)
    outcome_on = forms.DateField(label="Outcome on", widget=DateInput(), required=False)
    victim_satisfaction = forms.ChoiceField(
        label="Victim satisfaction",
        choices=[("", "Not recorded"), *Satisfaction.choices],
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class PeriodForm(PeriodFormMixin, forms.Form):
    date_from = forms.DateField(label="From", widget=DateInput())
    date_to = forms.DateField(label="To", widget=DateInput())


class SampleForm(PeriodForm):
    size = forms.IntegerField(label="Sample size", min_value=1, max_value=200, initial=10)


class ExportForm(PeriodForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "export_%s")
        super().__init__(*args, **kwargs)

    purpose = forms.CharField(label="Purpose of the export", max_length=500)


class FindingForm(forms.Form):
    finding = forms.ChoiceField(label="Finding", choices=FINDING_CHOICES, widget=forms.RadioSelect)
    learning = forms.CharField(
        label="Learning", required=False, max_length=4000, widget=forms.Textarea
    )
    reviewed_on = forms.DateField(label="Reviewed on", widget=DateInput())


class PanelReleaseForm(forms.Form):
    """The free text the panel will read: the offence and each condition's description,
    pre-filled with the automatic redaction. Field names: ``offence``, ``condition_<id>``."""

    offence = forms.CharField(
        label="Offence", max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, conditions, **kwargs):
        super().__init__(*args, **kwargs)
        for number, condition in enumerate(conditions, start=1):
            self.fields[f"condition_{condition.pk}"] = forms.CharField(
                label=f"Condition {number}: {condition.get_kind_display()}",
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def condition_fields(self):
        return [self[name] for name in self.fields if name.startswith("condition_")]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "offence": data["offence"],
            "conditions": {
                name.removeprefix("condition_"): value
                for name, value in data.items()
                if name.startswith("condition_")
            },
        }

"""Public-protection page forms: parse and shape input only; the services decide.

Field names are the services' keyword arguments, so a view passes ``cleaned_data`` through
and ``cohorts.forms.apply_service_errors`` puts a refusal on the field it names.
"""

from __future__ import annotations

from django import forms

from accounts.models import PolicingArea, User
from cohorts.forms import DateInput, OfficerChoiceField
from protection.choices import (
    MAPPA_CATEGORIES,
    MAPPA_LEVELS,
    Disposal,
    LeadAgency,
    MappaEndReason,
    NotificationKind,
    OrderKind,
    RiskLevel,
    VisitOutcome,
)
from protection.models import IntelligenceKind
from protection.services import LEAD_OFFICER_ROLES


def lead_officer_choices(force):
    return (
        User.objects.filter(
            force=force, is_active=True, groups__name__in=[str(r) for r in LEAD_OFFICER_ROLES]
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.report_name or obj.name


class _ForceForm(forms.Form):
    def __init__(self, *args, force=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, OfficerChoiceField):
                field.queryset = lead_officer_choices(force)
            elif isinstance(field, AreaChoiceField):
                field.queryset = PolicingArea.objects.filter(force=force)


class RegisterForm(_ForceForm):
    offender = forms.IntegerField(widget=forms.HiddenInput)
    relevant_date = forms.DateField(
        label="Relevant date",
        help_text="The date of conviction, finding or caution",
        widget=DateInput,
    )
    offence = forms.CharField(label="Offence", max_length=300, required=False)
    disposal = forms.ChoiceField(
        label="Disposal", choices=Disposal.choices, widget=forms.RadioSelect
    )
    sentence_months = forms.IntegerField(
        label="Sentence of imprisonment in months",
        min_value=1,
        max_value=1200,
        required=False,
        help_text="For imprisonment or detention",
    )
    life_or_ipp = forms.BooleanField(label="Life sentence or IPP", required=False)
    discharge_months = forms.IntegerField(
        label="Period of the conditional discharge in months",
        min_value=1,
        max_value=1200,
        required=False,
    )
    in_custody_until = forms.DateField(
        label="In custody or hospital until (date of release)",
        required=False,
        help_text="Leave empty if the person is in the community",
        widget=DateInput,
    )
    area = AreaChoiceField(
        label="Policing area", queryset=PolicingArea.objects.none(), required=False
    )
    lead_officer = OfficerChoiceField(label="Lead officer", queryset=User.objects.none())


NOTIFICATION_KINDS = [(k.value, k.label) for k in NotificationKind]


class NotificationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label="What was notified", choices=NOTIFICATION_KINDS, widget=forms.RadioSelect
    )
    notified_on = forms.DateField(label="Date notified at the police station", widget=DateInput)
    changed_on = forms.DateField(
        label="Date of the change (or the day the trip became known)",
        required=False,
        widget=DateInput,
    )
    line1 = forms.CharField(label="New address line 1", max_length=200, required=False)
    line2 = forms.CharField(label="Address line 2", max_length=200, required=False)
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    no_fixed_abode = forms.BooleanField(
        label="No sole or main residence (weekly notification)", required=False
    )
    departs_on = forms.DateField(
        label="Departure date (foreign travel)", required=False, widget=DateInput
    )
    returns_on = forms.DateField(
        label="Return date (foreign travel)", required=False, widget=DateInput
    )
    destination = forms.CharField(label="Destination", max_length=200, required=False)
    from_date = forms.DateField(label="Stay from (other address)", required=False, widget=DateInput)
    to_date = forms.DateField(label="Stay until (other address)", required=False, widget=DateInput)
    details = forms.CharField(
        label="Details", max_length=2000, required=False, widget=forms.Textarea
    )

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        address = {k: data.pop(k) for k in ("line1", "line2", "town", "postcode")}
        if address["line1"]:
            data["address"] = address
        return data


class VisitForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    visited_on = forms.DateField(label="Date of the visit", widget=DateInput)
    outcome = forms.ChoiceField(
        label="Outcome", choices=VisitOutcome.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(label="Notes", max_length=2000, required=False, widget=forms.Textarea)


class RiskForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.ChoiceField(
        label="ARMS risk level", choices=RiskLevel.choices, widget=forms.RadioSelect
    )
    assessed_on = forms.DateField(label="Date assessed", widget=DateInput)
    visit_interval_days = forms.IntegerField(
        label="Visit interval in days (optional)",
        min_value=1,
        max_value=366,
        required=False,
        help_text="From the risk management plan. Empty: very high monthly, high every 3 months, "
        "medium every 6 months, low yearly",
    )


class IntelligenceForm(forms.Form):
    kind = forms.ChoiceField(
        label="Record", choices=IntelligenceKind.choices, widget=forms.RadioSelect
    )
    recorded_on = forms.DateField(label="Date", widget=DateInput)
    summary = forms.CharField(label="Summary", max_length=2000, widget=forms.Textarea)


class OrderForm(_ForceForm):
    offender = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label="Kind of order", choices=OrderKind.choices, widget=forms.RadioSelect
    )
    made_on = forms.DateField(label="Date made", widget=DateInput)
    ends_on = forms.DateField(label="Date it ends", required=False, widget=DateInput)
    until_further_order = forms.BooleanField(label="Until further order", required=False)
    prohibitions = forms.CharField(
        label="Prohibitions and requirements",
        required=False,
        max_length=10000,
        widget=forms.Textarea,
        help_text="One per line",
    )
    foreign_travel_prohibition_until = forms.DateField(
        label="Foreign travel prohibited until (SHPO only)", required=False, widget=DateInput
    )
    court = forms.CharField(label="Court", max_length=200, required=False)
    area = AreaChoiceField(
        label="Policing area", queryset=PolicingArea.objects.none(), required=False
    )

    def clean_prohibitions(self):
        return [
            line.strip() for line in self.cleaned_data["prohibitions"].splitlines() if line.strip()
        ]


class MappaForm(_ForceForm):
    offender = forms.IntegerField(widget=forms.HiddenInput)
    category = forms.TypedChoiceField(
        label="Category",
        choices=list(MAPPA_CATEGORIES.items()),
        coerce=int,
        widget=forms.RadioSelect,
    )
    level = forms.TypedChoiceField(
        label="Level", choices=list(MAPPA_LEVELS.items()), coerce=int, widget=forms.RadioSelect
    )
    area = AreaChoiceField(label="Policing area", queryset=PolicingArea.objects.none())
    lead_agency = forms.ChoiceField(
        label="Lead agency", choices=LeadAgency.choices, widget=forms.RadioSelect
    )
    from_date = forms.DateField(label="Managed under MAPPA from", widget=DateInput)
    transferred_in = forms.BooleanField(
        label="Owned by another area (Approved Premises, an open prison)", required=False
    )
    transferred_from = forms.CharField(label="Owning area", max_length=200, required=False)
    lead_officer = OfficerChoiceField(label="Lead officer", queryset=User.objects.none())


class MeetingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    held_on = forms.DateField(label="Date of the meeting", widget=DateInput)
    level = forms.TypedChoiceField(
        label="Level after the meeting",
        choices=list(MAPPA_LEVELS.items()),
        coerce=int,
        widget=forms.RadioSelect,
    )
    attendees = forms.CharField(
        label="Attendees", max_length=2000, required=False, widget=forms.Textarea
    )
    actions = forms.CharField(
        label="Actions", max_length=4000, required=False, widget=forms.Textarea
    )


class MappaEndForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    ended_on = forms.DateField(label="Date ended", widget=DateInput)
    reason = forms.ChoiceField(
        label="Reason", choices=MappaEndReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label="Note", max_length=1000, required=False, widget=forms.Textarea)


class OrderChangeForm(forms.Form):
    """Vary or discharge a protective order (the court's decision)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    change = forms.ChoiceField(
        label="What did the court decide?",
        choices=[
            ("vary", "Varied the order (a new end date or prohibitions)"),
            ("discharge", "Discharged the order"),
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label="Date of the court's decision", widget=DateInput)
    court = forms.CharField(label="Court", max_length=200, required=False)
    ends_on = forms.DateField(
        label="New end date (if varied)",
        required=False,
        widget=DateInput,
        help_text="Leave as it is if only the prohibitions changed.",
    )
    until_further_order = forms.BooleanField(
        label="Until further order (if varied)", required=False
    )
    prohibitions = forms.CharField(
        label="Prohibitions and requirements (if varied)",
        required=False,
        max_length=10000,
        widget=forms.Textarea,
        help_text="One per line",
    )

    def clean_prohibitions(self):
        return [
            line.strip() for line in self.cleaned_data["prohibitions"].splitlines() if line.strip()
        ]

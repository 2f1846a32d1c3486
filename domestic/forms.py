"""Domestic-abuse page forms: parse and shape input only; the services decide.

Field names are the services' keyword arguments, so a view passes ``cleaned_data`` through
and ``core.forms.apply_service_errors`` puts a refusal on the field it names.
"""

from __future__ import annotations

from django import forms

from accounts.models import PolicingArea, User
from cohorts.forms import DateInput, OfficerChoiceField
from core.period_forms import PeriodFormMixin
from custody.forms import RANK_CHOICES, WhenField
from domestic import rules
from domestic.choices import ContactKind, HearingResult, NoticeKind, SessionKind, Source, Stage
from domestic.services import LEAD_OFFICER_ROLES
from protection.forms import AreaChoiceField

# A service's refusal on ``authorised_by`` belongs on the rank field of the page.
NOTICE_ALIASES = {"authorised_by": "authorised_by_rank"}


class _ForceForm(forms.Form):
    def __init__(self, *args, force=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, OfficerChoiceField):
                field.queryset = (
                    User.objects.filter(
                        force=force,
                        is_active=True,
                        groups__name__in=[str(r) for r in LEAD_OFFICER_ROLES],
                    )
                    .distinct()
                    .order_by("last_name", "first_name")
                )
            elif isinstance(field, AreaChoiceField):
                field.queryset = PolicingArea.objects.filter(force=force)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class NoticeForm(_ForceForm):
    offender = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="Notice", choices=NoticeKind.choices, widget=forms.RadioSelect)
    given_at = WhenField(label="Given at")
    authorised_by_name = forms.CharField(label="Authorised by (name)", max_length=200)
    authorised_by_rank = forms.ChoiceField(
        label="Authorising officer's rank",
        choices=RANK_CHOICES,
        help_text="DVPN: superintendent or above. DAPN: inspector or above.",
    )
    victim_age = forms.IntegerField(
        label="Victim's age",
        min_value=0,
        max_value=130,
        required=False,
        help_text="A DAPN protects a victim aged 16 or over.",
    )
    conditions = forms.CharField(
        label="Conditions",
        required=False,
        max_length=10000,
        widget=forms.Textarea,
        help_text="One per line, for example: not to contact the victim; not to enter the address",
    )
    area = AreaChoiceField(label="District", queryset=PolicingArea.objects.none(), required=False)

    def clean_conditions(self):
        return _lines(self.cleaned_data["conditions"])


class HearingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    heard_at = WhenField(label="Heard at")
    result = forms.ChoiceField(
        label="Result", choices=HearingResult.choices, widget=forms.RadioSelect
    )
    ends_on = forms.DateField(
        label="Order ends on",
        required=False,
        widget=DateInput,
        help_text="A DVPO lasts 14 to 28 days; a DAPO as the court sets.",
    )
    until_further_order = forms.BooleanField(
        label="Until further order (DAPO only)", required=False
    )
    electronic_monitoring_until = forms.DateField(
        label="Electronic monitoring until (DAPO only, at most 12 months)",
        required=False,
        widget=DateInput,
    )
    court = forms.CharField(label="Court", max_length=200, required=False)


class EntryForm(_ForceForm):
    offender = forms.IntegerField(widget=forms.HiddenInput)
    source = forms.ChoiceField(label="Where from", choices=Source.choices, widget=forms.RadioSelect)
    started_on = forms.DateField(label="Date on the list", widget=DateInput)
    lead_officer = OfficerChoiceField(label="Lead officer", queryset=User.objects.none())
    area = AreaChoiceField(label="District", queryset=PolicingArea.objects.none(), required=False)


class StageForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    stage = forms.ChoiceField(label="Move to", choices=(), widget=forms.RadioSelect)
    on = forms.DateField(label="Date", widget=DateInput)
    note = forms.CharField(label="Why", max_length=2000, widget=forms.Textarea, required=False)

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        onward = rules.allowed_moves(current)
        self.fields["stage"].choices = [(s.value, s.label) for s in Stage if s in onward]


class ScoreForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    recency = forms.IntegerField(
        label="Recency: months since the latest incident", min_value=0, max_value=10_000
    )
    frequency = forms.IntegerField(
        label="Frequency: incidents in the last three years", min_value=0, max_value=10_000
    )
    gravity = forms.IntegerField(
        label="Gravity: the incidents' gravity points", min_value=0, max_value=10_000
    )
    scored_on = forms.DateField(label="Scored on", widget=DateInput)


class SessionForm(forms.Form):
    held_on = forms.DateField(label="Held on", widget=DateInput)
    kind = forms.ChoiceField(label="Session", choices=SessionKind.choices, widget=forms.RadioSelect)
    notes = forms.CharField(label="Notes", max_length=2000, required=False, widget=forms.Textarea)


class ContactForm(forms.Form):
    kind = forms.ChoiceField(
        label="Contact with", choices=ContactKind.choices, widget=forms.RadioSelect
    )
    contacted_on = forms.DateField(label="Date", widget=DateInput)
    with_whom = forms.CharField(label="Who", max_length=200, help_text="Name and agency or role")
    summary = forms.CharField(
        label="What was said or agreed", max_length=2000, widget=forms.Textarea
    )


class FunnelForm(forms.Form):
    to = forms.DateField(label="On", widget=DateInput, required=False)


class PeriodForm(PeriodFormMixin, forms.Form):
    date_from = forms.DateField(label="From", widget=DateInput, required=False)
    date_to = forms.DateField(label="To", widget=DateInput, required=False)


class NonMolestationForm(_ForceForm):
    """A non-molestation order notified to the police (Family Law Act 1996 s.42), recorded on
    the shared protective-order record so every officer dealing with the person sees it."""

    offender = forms.IntegerField(widget=forms.HiddenInput)
    made_on = forms.DateField(label="Date made", widget=DateInput)
    ends_on = forms.DateField(label="Date it ends", required=False, widget=DateInput)
    until_further_order = forms.BooleanField(label="Until further order", required=False)
    prohibitions = forms.CharField(
        label="Prohibitions",
        required=False,
        max_length=10000,
        widget=forms.Textarea,
        help_text="One per line. Do not name or describe the protected person here.",
    )
    court = forms.CharField(label="Court", max_length=200, required=False)
    area = AreaChoiceField(label="District", queryset=PolicingArea.objects.none(), required=False)

    def clean_prohibitions(self):
        return _lines(self.cleaned_data["prohibitions"])

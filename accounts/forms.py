from __future__ import annotations

from django import forms
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password

from accounts.models import PolicingArea, Team, User
from accounts.ranks import RANK_LABELS, Rank
from accounts.roles import ROLE_LABELS, Role
from core.period_forms import PeriodFormMixin

ROLE_CHOICES = [(r.value, ROLE_LABELS[r]) for r in Role]
RANK_CHOICES = [(r.value, RANK_LABELS[r]) for r in Rank]


class UserForm(forms.Form):
    """Create or change a user in the admin's own force."""

    username = forms.RegexField(
        regex=r"^[\w.@+-]+$",
        max_length=150,
        error_messages={"invalid": "Use letters, numbers and . @ + - _ only."},
    )
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(required=False)
    rank = forms.ChoiceField(choices=RANK_CHOICES)
    roles = forms.MultipleChoiceField(
        choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one role."},
    )
    teams = forms.ModelMultipleChoiceField(
        queryset=Team.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    areas = forms.ModelMultipleChoiceField(
        queryset=PolicingArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Policing areas",
    )
    password = forms.CharField(
        required=False,
        widget=forms.PasswordInput,
        help_text="At least 12 characters. Leave blank to keep the current password.",
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, force, instance: User | None = None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = Team.objects.filter(force=force)
        self.fields["areas"].queryset = PolicingArea.objects.filter(force=force)
        if instance is None:
            self.fields["password"].required = True
            self.fields["password"].help_text = "At least 12 characters, not a common password."
        else:
            self.fields["username"].disabled = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        if self.instance is None and User.objects.filter(username=username).exists():
            raise forms.ValidationError("A user with this username already exists.")
        return username

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if password:
            validate_password(password, user=self.instance)
        return password

    @staticmethod
    def initial_for(user: User) -> dict:
        return {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "rank": user.rank,
            "roles": sorted(user.role_names()),
            "teams": list(user.teams.all()),
            "areas": list(user.policing_areas.all()),
            "version": user.version,
        }


class TransferForm(forms.Form):
    to_user = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Officer taking over the work",
        empty_label="Choose an officer",
    )

    def __init__(self, *args, leaver: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = User.objects.filter(
            force=leaver.force, is_active=True
        ).exclude(pk=leaver.pk)


def groups_for(roles) -> list[Group]:
    return list(Group.objects.filter(name__in=list(roles)))


class PeriodForm(PeriodFormMixin, forms.Form):
    """The period of a user's activity report (at most ten years)."""

    since = forms.DateField(
        required=False,
        label="From",
        help_text="For example, 1 11 2026",
        input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
    )
    until = forms.DateField(
        required=False, label="To", input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"]
    )

    period_fields = ("since", "until")

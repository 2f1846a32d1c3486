from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from core.rules import RuleViolation
from wanted import rules
from wanted.models import ReviewCadence


class ReviewCadenceForm(forms.ModelForm):
    class Meta:
        model = ReviewCadence
        fields = ["force", "wanted_days", "suspect_days", "warrant_days", "performance_age_days"]

    def clean(self):
        values = super().clean()
        for field in ("wanted_days", "suspect_days", "warrant_days"):
            if values.get(field) is not None:
                try:
                    rules.check_cadence(values[field])
                except RuleViolation as error:
                    self.add_error(field, ValidationError(error.message))
        return values


@admin.register(ReviewCadence)
class ReviewCadenceAdmin(admin.ModelAdmin):
    """Where a force sets its review intervals (the panel report leaves them to the force;
    28 days when not set). Open cases keep their due dates; the next review uses the new one."""

    form = ReviewCadenceForm
    list_display = ["force", "wanted_days", "suspect_days", "warrant_days", "performance_age_days"]

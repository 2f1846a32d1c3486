"""core.forms.apply_service_errors: a service's refusal lands on the field it names."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError

from core.forms import apply_service_errors


class Page(forms.Form):
    held_at = forms.CharField()
    authorised_by_rank = forms.CharField()
    version = forms.IntegerField(widget=forms.HiddenInput)


class Condition(forms.Form):
    hours = forms.IntegerField()


def bound(form_class):
    form = form_class(data={})
    form.is_valid()
    form.errors.clear()
    return form


@pytest.mark.parametrize(
    ("key", "aliases", "field"),
    [
        ("held_at", None, "held_at"),  # same name: its own field
        ("authorised_by", {"authorised_by": "authorised_by_rank"}, "authorised_by_rank"),
        ("offender", {"offender": None}, "__all__"),  # aliased to the whole form
        ("version", None, "__all__"),  # a hidden field's error would be invisible
        ("no_such_field", None, "__all__"),  # never lost
        ("conditions[0].hours", None, "__all__"),  # an item without its subform
    ],
)
def test_each_refusal_lands_where_the_user_sees_it(key, aliases, field):
    form = bound(Page)
    apply_service_errors(form, ValidationError({key: ["Refused."]}), aliases=aliases)
    assert form.errors == {field: ["Refused."]}


def test_an_items_refusal_lands_on_that_items_form():
    form, first, second = bound(Page), bound(Condition), bound(Condition)
    error = ValidationError({"conditions[1].hours": ["Too long."], "conditions[0]": ["Duplicate."]})
    apply_service_errors(form, error, subforms={"conditions[0]": first, "conditions[1]": second})
    assert second.errors == {"hours": ["Too long."]}
    assert form.errors == {"__all__": ["Duplicate."]}
    assert not first.errors

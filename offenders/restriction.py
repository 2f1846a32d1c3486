"""The page that restricts a person to named users, or lifts the restriction."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from accounts.models import User
from offenders import services
from offenders.access import get_offender_for_user
from offenders.permissions import can_restrict_people


class RestrictionForm(forms.Form):
    usernames = forms.CharField(
        label="Users who may still see this person",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Usernames, one per line. Nobody else will find this person, not even by search.",
        error_messages={"required": "Name at least one user who may still see this person."},
    )
    reason = forms.CharField(
        label="Why is this record restricted?",
        max_length=300,
        error_messages={"required": "Say why this person's record is restricted."},
    )

    def __init__(self, *args, force, **kwargs):
        self.force = force
        super().__init__(*args, **kwargs)

    def clean_usernames(self):
        names = [n.strip() for n in self.cleaned_data["usernames"].splitlines() if n.strip()]
        users = list(User.objects.filter(username__in=names, force=self.force, is_active=True))
        unknown = sorted(set(names) - {u.username for u in users})
        if unknown:
            raise ValidationError(f"No active user in this force called: {', '.join(unknown)}.")
        return users


def restriction_page(request, pk):
    offender = get_offender_for_user(request.user, pk)
    if not can_restrict_people(request.user):
        raise PermissionDenied
    initial = {
        "usernames": "\n".join(offender.restricted_to.values_list("username", flat=True)),
        "reason": offender.restriction_reason,
    }
    form = RestrictionForm(request.POST or None, force=offender.force, initial=initial)
    if request.method == "POST" and request.POST.get("action") == "lift":
        services.lift_restriction(offender=offender, by=request.user)
        messages.success(
            request,
            "The restriction is lifted: everyone who may see people can find this person again.",
        )
        return redirect("person", pk=offender.pk)
    if request.method == "POST" and form.is_valid():
        users = form.cleaned_data["usernames"]
        services.restrict_offender(
            offender=offender, users=users, reason=form.cleaned_data["reason"], by=request.user
        )
        if request.user not in users:
            messages.success(
                request,
                "Restricted. You are not on the list, so you can no longer see this person.",
            )
            return redirect("people-search")
        messages.success(request, f"Restricted to {', '.join(u.username for u in users)}.")
        return redirect("person", pk=offender.pk)
    return render(request, "offenders/restriction.html", {"offender": offender, "form": form})

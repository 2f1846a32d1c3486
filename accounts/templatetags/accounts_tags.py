"""Template filters for people and their roles."""

from __future__ import annotations

from django import template

from accounts.roles import ROLE_LABELS, Role

register = template.Library()


@register.filter
def role_label(name: str) -> str:
    """A role's name as people say it ("DAPU officer", not "dapu_officer")."""
    try:
        return ROLE_LABELS[Role(name)]
    except (ValueError, KeyError):
        return name

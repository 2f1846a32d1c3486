"""Filters for printing a bail case's status (no queries: they read the case's own fields)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def bail_state(case, today) -> str:
    return str(case.state_on(today))


@register.filter
def charging_file_status(case, today) -> str:
    return case.charging_file_status(today)

"""Template tags shared by every page: deadline countdowns and stage badges."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html

register = template.Library()


def describe_remaining(due_at: dt.datetime, now: dt.datetime) -> tuple[str, str]:
    """Plain words for the time left (or overdue), and a modifier for the style."""
    seconds = int((due_at - now).total_seconds())
    overdue = seconds < 0
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        text = f"{days} day{'s' if days != 1 else ''} {hours} h"
    elif hours:
        text = f"{hours} h {minutes} min"
    else:
        text = f"{minutes} min"
    if overdue:
        return f"overdue by {text}", "overdue"
    return f"in {text}", ("due-soon" if seconds < 3600 else "")


@register.simple_tag
def countdown(due_at, now):
    text, modifier = describe_remaining(due_at, now)
    css = f"desist-countdown desist-countdown--{modifier}" if modifier else "desist-countdown"
    return format_html(
        '<span class="{}" data-due="{}" data-now="{}">{}</span>',
        css,
        due_at.isoformat(),
        now.isoformat(),
        text,
    )


_STAGE_COLOURS = {"warning": "yellow", "overdue": "red", "escalation": "purple"}


@register.simple_tag
def stage_tag(stage: str):
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        _STAGE_COLOURS.get(stage, "grey"),
        stage.capitalize(),
    )

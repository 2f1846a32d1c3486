"""``{% person_line offender %}``: the person's name linked to their page, with their warning
markers and badges, for every casework page that names a person."""

from __future__ import annotations

from django import template

from offenders.summary import PersonFlags, flags_for

register = template.Library()


@register.inclusion_tag("offenders/_person_line.html", takes_context=True)
def person_line(
    context, offender, flags: PersonFlags | None = None, leave_out: str = "", link: bool = True
):
    """``flags`` from ``flags_for`` when a list page computed them for every row at once;
    otherwise this person's are read here. ``leave_out``: comma-separated badge providers the
    page already shows (the custody board leaves out "custody")."""
    if flags is None:
        left_out = tuple(key for key in leave_out.split(",") if key)
        request = context.get("request")
        user = getattr(request, "user", None)
        flags = flags_for([offender.pk], leave_out=left_out, user=user)[offender.pk]
    return {"offender": offender, "flags": flags, "link": link}

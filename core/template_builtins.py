"""Template filters every template may use without ``{% load %}`` (TEMPLATES "builtins")."""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()


@register.filter
def date_parts(field) -> dict[str, str]:
    """Day, month, year (and time) to show in a GOV.UK date input for a bound form field: what
    the user typed when the form comes back with an error, else the field's value."""
    name = field.html_name
    data = field.form.data if field.form.is_bound else {}
    if f"{name}-day" in data:
        return {part: data.get(f"{name}-{part}", "") for part in ("day", "month", "year", "time")}
    value = field.value()
    if value in (None, "") and field.form.is_bound:
        # A filter form bound to an address without this field shows what the page used.
        value = field.form.get_initial_for_field(field.field, field.name)
    return value_parts(value)


@register.filter
def value_parts(value) -> dict[str, str]:
    """Day, month, year (and time) of a date, a date-time or an ISO string, for a date input."""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return {
            "day": str(local.day),
            "month": str(local.month),
            "year": str(local.year),
            "time": local.strftime("%H:%M"),
        }
    if isinstance(value, dt.date):
        return {
            "day": str(value.day),
            "month": str(value.month),
            "year": str(value.year),
            "time": "",
        }
    text = str(value or "")
    date, _, time = text.partition("T") if "T" in text else text.partition(" ")
    year, month, day = [*date.split("-", 2), "", "", ""][:3] if date else ("", "", "")

    def plain(part: str) -> str:
        return str(int(part)) if part.isdigit() else part

    return {"day": plain(day), "month": plain(month), "year": year, "time": time[:5]}


@register.simple_tag(takes_context=True)
def page_href(context, number) -> str:
    """The current address with ``page`` set to ``number`` (every other parameter kept)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.filter
def page_numbers(page) -> list:
    """The page numbers to offer (first, last and one each side of the current page), with
    the paginator's ellipsis where numbers are left out."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))

"""Request mechanics every page shares."""

from __future__ import annotations

from django.http import QueryDict

from core.dates import compose_date, compose_datetime, compose_month

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
PARTS = ("-day", "-month", "-year")


def with_composed_dates(data: QueryDict) -> QueryDict:
    """``data`` with each GOV.UK date input (``name-day``, ``name-month``, ``name-year`` and,
    for a date and time, ``name-time``; or a month and year alone, ``YYYY-MM``) also given as
    the one value ``name`` that the form's field parses. A ``name`` sent as such (an older
    form, a test) wins."""
    bases = [
        key[: -len("-day")]
        for key in data
        if key.endswith("-day")
        and all(f"{key[: -len('-day')]}{part}" in data for part in PARTS)
        and not data.get(key[: -len("-day")])
    ]
    months = [
        key[: -len("-month")]
        for key in data
        if key.endswith("-month")
        and f"{key[: -len('-month')]}-year" in data
        and f"{key[: -len('-month')]}-day" not in data
        and not data.get(key[: -len("-month")])
    ]
    if not bases and not months:
        return data
    data = data.copy()
    for base in months:
        data[base] = compose_month(data.get(f"{base}-month", ""), data.get(f"{base}-year", ""))
    for base in bases:
        day, month, year = (data.get(f"{base}{part}", "") for part in PARTS)
        if f"{base}-time" in data:
            data[base] = compose_datetime(day, month, year, data.get(f"{base}-time", ""))
        else:
            data[base] = compose_date(day, month, year)
    data._mutable = False
    return data


class DateInputMiddleware:
    """Pages ask for dates with the GOV.UK date input (three boxes, never the browser's
    locale picker); forms keep one date field each. The API takes ISO dates and is left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            request.GET = with_composed_dates(request.GET)
            if request.method == "POST" and request.content_type in FORM_TYPES:
                request.POST = with_composed_dates(request.POST)
        return self.get_response(request)

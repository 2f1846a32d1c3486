"""What every API list filter shares."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField

# A filter on an id takes a 64-bit primary key: a larger number is a field-level 400 on every
# database (PostgreSQL would compare it as numeric and answer an empty list; SQLite overflows).
ID_MAX = 2**63 - 1
ID_FILTER = {"min_value": 1, "max_value": ID_MAX, "decimal_places": 0}


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time turned into UTC here: PostgreSQL refuses an offset beyond
    ±15:59 (it was a 500), and a year-9999 time with an offset does not fit in UTC at all."""

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(dt.UTC)
        except OverflowError:
            raise forms.ValidationError("Enter a date and time that exists.") from None


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """The date-time filter for every API list (``?due_after=2026-11-22T12:00:00Z``)."""

    field_class = UtcIsoDateTimeField

"""The reporting period as a page form and an API serializer take it (``core.periods`` has the
type and its bounds; this maps a refusal onto the right field)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.periods import Period, PeriodError, check_bounds


def validate_period(attrs: dict[str, Any], *, from_key: str = "from", to_key: str = "to"):
    """For a serializer's ``validate``: a bad range is a 400 on the field to blame."""
    first, last = attrs.get(from_key), attrs.get(to_key)
    if first and last:
        try:
            check_bounds(first, last, from_key=from_key, to_key=to_key)
        except PeriodError as refused:
            raise serializers.ValidationError({refused.field: [refused.message]}) from None
    return attrs


def period_or_400(first, last, *, from_key: str = "from", to_key: str = "to") -> Period:
    """The custom period ``first``-``last`` for an API view, or a 400 on the field to blame
    (for a view that fills a missing end from its own default)."""
    try:
        check_bounds(first, last, from_key=from_key, to_key=to_key)
    except PeriodError as refused:
        raise serializers.ValidationError({refused.field: [refused.message]}) from None
    return Period.custom(first, last)


class PeriodInput(serializers.Serializer):
    """Query parameters ``from`` and ``to`` (ISO dates, inclusive, both required)."""

    to = serializers.DateField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so it cannot be declared as a class attribute.
        self.fields["from"] = serializers.DateField()

    def validate(self, attrs):
        return validate_period(attrs)


class OptionalPeriodInput(PeriodInput):
    """``from`` and ``to`` each optional (the view supplies the default period)."""

    to = serializers.DateField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = serializers.DateField(required=False)

"""The reporting period as a page form takes it (no DRF here: forms load with the apps).

``core.periods`` has the type and its bounds; ``core.period_inputs`` is the API side."""

from __future__ import annotations

from core.periods import PeriodError, check_bounds


class PeriodFormMixin:
    """For a Django form with two date fields: a bad range is an error on the end field."""

    period_fields: tuple[str, str] = ("date_from", "date_to")

    def clean(self):
        data = super().clean()  # type: ignore[misc]
        from_key, to_key = self.period_fields
        first, last = data.get(from_key), data.get(to_key)
        if first and last:
            try:
                check_bounds(first, last, from_key=from_key, to_key=to_key)
            except PeriodError as refused:
                self.add_error(refused.field, refused.message)  # type: ignore[attr-defined]
        return data

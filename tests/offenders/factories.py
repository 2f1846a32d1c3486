"""Offenders test helpers: people with aliases, built through the services."""

from __future__ import annotations

import datetime as dt

from offenders.models import Alias, Offender
from tests.factories import OffenderFactory


def person(first: str, last: str, dob=dt.date(1990, 5, 17), **kwargs) -> Offender:
    return OffenderFactory(first_name=first, last_name=last, date_of_birth=dob, **kwargs)


def alias(offender: Offender, first: str, last: str, **kwargs) -> Alias:
    made = Alias.objects.create(offender=offender, first_name=first, last_name=last, **kwargs)
    offender.save(update_fields=["search_text"])
    return made

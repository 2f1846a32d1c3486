"""Home Office outcomes cannot be recorded for days before they existed (DOMAIN.md §3.4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core.rules import RuleViolation
from offenders import services
from offenders.models import OffenceType
from offenders.rules import check_outcome_date
from tests.factories import OffenderFactory, UserFactory

d = dt.date


@pytest.mark.parametrize(
    ("code", "day", "refused"),
    [
        ("22", d(2019, 3, 31), True),
        ("22", d(2019, 4, 1), False),
        ("21", d(2015, 12, 31), True),
        ("21", d(2016, 1, 1), False),
        ("8", d(2005, 1, 1), False),  # community resolution: no introduction date here
        ("1", d(1990, 1, 1), False),
    ],
)
def test_an_outcome_is_refused_for_a_day_before_it_existed(code, day, refused):
    if refused:
        with pytest.raises(RuleViolation) as caught:
            check_outcome_date(code, day)
        assert caught.value.field == "outcome" and "introduced" in caught.value.message
    else:
        check_outcome_date(code, day)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("outcome", "committed_on", "outcome_on", "refused"),
    [
        ("22", d(2018, 6, 1), None, True),  # no outcome date: the offence date counts
        ("22", d(2018, 6, 1), d(2019, 5, 1), False),  # offence before, outcome after
        ("21", d(2015, 6, 1), d(2015, 12, 1), True),
    ],
)
def test_the_offence_history_refuses_an_outcome_before_it_existed(
    outcome, committed_on, outcome_on, refused
):
    person, officer = OffenderFactory(), UserFactory(roles=["investigator"])
    offence_type = OffenceType.objects.first() or OffenceType.objects.create(
        code="theft", name="Theft"
    )
    add = {
        "today": d(2026, 12, 1),
        "offender": person,
        "by": officer,
        "offence_type": offence_type,
        "committed_on": committed_on,
        "outcome": outcome,
        "outcome_on": outcome_on,
    }
    if refused:
        with pytest.raises(ValidationError) as caught:
            services.add_offence(**add)
        assert "introduced" in caught.value.message_dict["outcome"][0]
        assert not person.offences.exists()
    else:
        services.add_offence(**add)
        assert person.offences.count() == 1

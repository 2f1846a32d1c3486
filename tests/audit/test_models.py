"""How the access log names the records it lists."""

from __future__ import annotations

import pytest

from audit.models import AccessEvent


@pytest.mark.parametrize(
    ("object_type", "object_id", "offender", "expected"),
    [
        ("offenders.offender", "19", None, "Person 19"),
        ("disposals.disposalcondition", "105", None, "Disposal condition 105"),
        ("bail.bailcase", "7", None, "Bail case 7"),
        ("", "", 19, "Person 19"),
        ("gone.model", "3", None, "gone.model 3"),  # a model no longer installed
    ],
)
def test_the_access_log_names_records_as_officers_do(object_type, object_id, offender, expected):
    event = AccessEvent(object_type=object_type, object_id=object_id, offender_id=offender)
    assert event.object_label == expected

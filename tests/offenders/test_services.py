"""Services and the small interfaces other apps plug into."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AccessEvent
from core.concurrency import StaleVersion
from offenders import services, summary, timeline
from offenders.models import Address, Marker, OffenceType, Offender
from offenders.rules import RuleViolation, check_date_of_birth
from offenders.search import search
from tests.factories import force
from tests.offenders.factories import person


@pytest.mark.parametrize(
    ("dob", "ok"),
    [
        (dt.date(1900, 1, 1), True),
        (dt.date(1899, 12, 31), False),
        (dt.date(2026, 11, 22), True),
        (dt.date(2026, 11, 23), False),
    ],
)
def test_the_date_of_birth_rule(dob, ok):
    today = dt.date(2026, 11, 22)
    if ok:
        check_date_of_birth(dob, today)
    else:
        with pytest.raises(RuleViolation):
            check_date_of_birth(dob, today)


def test_create_reports_every_bad_field_at_once_and_saves_nothing(custody_sergeant):
    with pytest.raises(ValidationError) as exc:
        services.create_offender(
            today=timezone.localdate(),
            by=custody_sergeant,
            force=force("suffolk"),
            first_name=" ",
            last_name="",
            date_of_birth=dt.date(1850, 1, 1),
            gender="robot",
            pnc_id="nonsense",
            ethnicity="Z1",
            home_area=force("norfolk").areas.first(),
        )
    assert set(exc.value.message_dict) >= {
        "first_name",
        "last_name",
        "date_of_birth",
        "gender",
        "pnc_id",
        "ethnicity",
        "home_area",
    }
    assert not Offender.objects.exists()


def test_update_refuses_a_stale_version(custody_sergeant):
    someone = person("Amelia", "Hart")
    services.update_offender(
        today=timezone.localdate(),
        offender=someone,
        by=custody_sergeant,
        version=1,
        notes="Seen in Ipswich",
    )
    with pytest.raises(StaleVersion):
        services.update_offender(
            today=timezone.localdate(),
            offender=someone,
            by=custody_sergeant,
            version=1,
            notes="Overwritten",
        )
    someone.refresh_from_db()
    assert someone.notes == "Seen in Ipswich" and someone.version == 2


def test_an_edit_moves_updated_at_and_the_history_row_shows_it(custody_sergeant):
    with time_machine.travel(dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        someone = person("Amelia", "Hart")
    edited_at = dt.datetime(2026, 11, 20, 14, 30, tzinfo=dt.UTC)
    with time_machine.travel(edited_at, tick=False):
        services.update_offender(
            today=timezone.localdate(),
            offender=someone,
            by=custody_sergeant,
            version=1,
            notes="Seen in Ipswich",
        )
    someone.refresh_from_db()
    assert someone.updated_at == edited_at
    assert someone.history.first().updated_at == edited_at
    with time_machine.travel(edited_at + dt.timedelta(days=1), tick=False):
        services.add_alias(
            today=timezone.localdate(), offender=someone, by=custody_sergeant, last_name="Harte"
        )
    someone.refresh_from_db()
    assert someone.updated_at == edited_at + dt.timedelta(days=1)


def test_renaming_a_person_makes_them_findable_by_the_new_name(custody_sergeant):
    someone = person("Amelia", "Hart")
    services.update_offender(
        today=timezone.localdate(),
        offender=someone,
        by=custody_sergeant,
        version=1,
        last_name="Okonkwo",
    )
    assert search(Offender.objects.all(), "amelia okonkwo")[0] == someone


def test_a_new_current_address_ends_the_previous_one_the_day_before(custody_sergeant):
    someone = person("Amelia", "Hart")
    first = services.add_address(
        today=timezone.localdate(),
        offender=someone,
        by=custody_sergeant,
        line1="1 Old Road",
        town="Ipswich",
        postcode="IP1 1AA",
        from_date=dt.date(2020, 1, 1),
    )
    services.add_address(
        today=timezone.localdate(),
        offender=someone,
        by=custody_sergeant,
        line1="2 New Road",
        town="Ipswich",
        postcode="IP2 2BB",
        from_date=dt.date(2024, 6, 1),
    )
    first.refresh_from_db()
    assert first.to_date == dt.date(2024, 5, 31)
    assert Address.objects.filter(offender=someone).current().get().line1 == "2 New Road"


def test_a_marker_is_logged_and_can_be_removed(custody_sergeant):
    someone = person("Amelia", "Hart")
    marker = services.add_marker(
        today=timezone.localdate(),
        offender=someone,
        by=custody_sergeant,
        kind="escape_risk",
        added_on=dt.date(2024, 1, 1),
    )
    assert marker.added_by == custody_sergeant
    services.remove_marker(
        today=timezone.localdate(),
        marker=marker,
        by=custody_sergeant,
        removed_on=dt.date(2024, 2, 1),
    )
    assert not Marker.objects.active().exists()
    assert AccessEvent.objects.filter(offender=someone, action="update").count() == 2


def test_every_summary_key_has_one_registered_owner(db):
    from offenders import extensions

    someone = person("Amelia", "Hart")
    today = dt.date(2026, 12, 2)
    owners: dict[str, list[str]] = {}
    for key, provider in extensions.summary.items():
        for field in provider(someone, today):
            owners.setdefault(field, []).append(key)
    assert owners == {
        "in_custody": ["custody"],
        "bail_status": ["bail"],
        "charging_file_status": ["bail"],
        "cohorts": ["cohorts"],
        "open_deadlines": ["deadlines"],
        "wanted": ["wanted"],
        "outstanding_warrants": ["wanted"],
        "outstanding_suspect": ["wanted"],
    }
    assert summary.summary_for(someone, today) == summary.DEFAULTS


def test_the_timeline_gathers_entries_from_every_provider_newest_first(custody_sergeant):
    someone = person("Amelia", "Hart")
    services.add_offence(
        today=timezone.localdate(),
        offender=someone,
        by=custody_sergeant,
        offence_type=OffenceType.objects.get(code="shoplifting"),
        committed_on=dt.date(2021, 3, 4),
        outcome="8",
    )
    services.add_marker(
        today=timezone.localdate(),
        offender=someone,
        by=custody_sergeant,
        kind="drugs",
        added_on=dt.date(2023, 1, 1),
    )
    entries = timeline.timeline_for(someone, custody_sergeant)
    kinds = [e.kind for e in entries]
    assert kinds.index("marker") < kinds.index("offence")
    offence = next(e for e in entries if e.kind == "offence")
    assert (
        offence.title == "Offence: Theft from a shop or stall"
        and "Community resolution" in offence.description
    )


def test_the_offence_catalogue_endpoint_lists_weights(custody_sergeant):
    client = APIClient()
    client.force_authenticate(custody_sergeant)
    rows = client.get("/api/v1/offenders/offence-types/").json()
    murder = next(r for r in rows if r["code"] == "murder")
    assert murder["harm_days"] == "5475.00" and murder["harm_source"]

"""Duplicates and merge: nothing is lost, the trail stays, the names are kept."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AccessEvent
from audit.services import record_access
from deadlines.models import Deadline
from deadlines.services import open_deadline
from offenders import services
from offenders.duplicates import possible_duplicates
from offenders.merge import KEEP_ON_ORIGINAL, merge_offenders, related_counts, relations
from offenders.models import Alias, AliasKind, Marker, Offence, OffenceType, Offender
from offenders.timeline import timeline_for
from tests.factories import OffenderFactory, force
from tests.offenders.factories import alias, person


def _fill(offender, user, n):
    """Give a person n rows of everything offenders and deadlines hold."""
    shoplifting = OffenceType.objects.get(code="shoplifting")
    for i in range(n):
        Offence.objects.create(
            offender=offender, offence_type=shoplifting, committed_on=dt.date(2020, 1, i + 1)
        )
        Marker.objects.create(offender=offender, kind="drugs", added_on=dt.date(2020, 1, i + 1))
        services.add_address(
            today=timezone.localdate(),
            offender=offender,
            by=user,
            line1=f"{i} Road",
            town="Ipswich",
            postcode="IP1 1AA",
            from_date=dt.date(2019, 1, i + 1),
        )
        alias(offender, "Al", f"Alias{i}")
        open_deadline(
            kind="rui_review",
            title="RUI review",
            force=offender.force,
            due_at=dt.datetime(2030, 1, i + 1, tzinfo=dt.UTC),
            offender=offender,
        )


def test_a_merge_moves_every_related_row_and_loses_nothing(supervisor):
    survivor = person("John", "Smith", dt.date(1990, 5, 17))
    duplicate = person("Jon", "Smyth", dt.date(1990, 5, 17), pnc_id=None)
    _fill(survivor, supervisor, 2)
    _fill(duplicate, supervisor, 3)
    record_access(user=supervisor, action="view", offender=duplicate, purpose="Case 1")
    before_survivor, before_duplicate = related_counts(survivor), related_counts(duplicate)

    moved = merge_offenders(
        survivor=survivor, duplicate=duplicate, by=supervisor, reason="Same fingerprints"
    )

    after_survivor, after_duplicate = related_counts(survivor), related_counts(duplicate)
    # One more alias (the duplicate's own name) and one more merged record (the duplicate).
    added = {"offenders.alias.offender": 1, "offenders.offender.merged_into": 1}
    for label, count in before_duplicate.items():
        if label.rsplit(".", 1)[0] in KEEP_ON_ORIGINAL:
            # The trail stays, plus the merge event itself.
            assert after_duplicate[label] == count + 1, label
            continue
        assert after_survivor[label] == before_survivor[label] + count + added.get(label, 0), label
        assert after_duplicate[label] == 0, label
    assert sum(before_duplicate.values()) >= 15
    assert moved["offenders.offence.offender"] == 3
    assert Deadline.objects.filter(offender=survivor).count() == 5
    assert Offence.objects.count() == 5 and Marker.objects.count() == 5


def test_the_access_log_stays_on_the_record_that_was_looked_at(supervisor):
    survivor, duplicate = person("John", "Smith"), person("Jon", "Smith")
    viewed = record_access(user=supervisor, action="view", offender=duplicate, purpose="Case 1")
    merge_offenders(survivor=survivor, duplicate=duplicate, by=supervisor, reason="Same person")
    viewed.refresh_from_db()
    assert viewed.offender == duplicate
    merges = AccessEvent.objects.filter(action="merge")
    assert {e.offender_id for e in merges} == {survivor.pk, duplicate.pk}
    assert merges.first().justification == "Same person"


def test_the_duplicate_is_marked_merged_and_leaves_search_and_lists(supervisor):
    survivor, duplicate = person("John", "Smith"), person("Jonny", "Smith", pnc_id=None)
    merge_offenders(survivor=survivor, duplicate=duplicate, by=supervisor, reason="Same person")
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor and duplicate.merged_by == supervisor
    assert duplicate.merge_reason == "Same person"
    assert duplicate not in Offender.objects.live()


def test_the_duplicates_name_becomes_an_alias_and_finds_the_survivor(supervisor):
    from offenders.search import search

    survivor, duplicate = person("John", "Smith"), person("Johnny", "Smithson", pnc_id=None)
    merge_offenders(survivor=survivor, duplicate=duplicate, by=supervisor, reason="Same person")
    merged = Alias.objects.get(offender=survivor, kind=AliasKind.MERGED)
    assert (merged.first_name, merged.last_name) == ("Johnny", "Smithson")
    assert search(Offender.objects.live(), "johnny smithson")[0] == survivor


def test_the_pnc_id_moves_to_a_survivor_without_one(supervisor):
    survivor = person("John", "Smith", pnc_id=None)
    duplicate = person("Jon", "Smith")
    pnc = duplicate.pnc_id
    merge_offenders(survivor=survivor, duplicate=duplicate, by=supervisor, reason="Same person")
    survivor.refresh_from_db()
    assert survivor.pnc_id == pnc and survivor.version == 2


def test_the_merge_shows_in_the_survivors_timeline(supervisor):
    survivor, duplicate = person("John", "Smith"), person("Jon", "Smith")
    merge_offenders(
        survivor=survivor, duplicate=duplicate, by=supervisor, reason="Same fingerprints"
    )
    entries = [e for e in timeline_for(survivor, supervisor) if e.kind == "merge"]
    assert len(entries) == 1 and "Same fingerprints" in entries[0].description
    assert entries[0].by == supervisor.display_name


def test_it_refuses_to_merge_a_person_into_themselves_or_without_a_reason(supervisor):
    someone = person("John", "Smith")
    with pytest.raises(ValidationError) as exc:
        merge_offenders(survivor=someone, duplicate=someone, by=supervisor, reason="")
    assert set(exc.value.message_dict) == {"duplicate", "reason"}


def test_it_refuses_to_merge_across_forces(supervisor):
    survivor = person("John", "Smith")
    other = person("John", "Smith", force=force("norfolk"))
    with pytest.raises(ValidationError):
        merge_offenders(survivor=survivor, duplicate=other, by=supervisor, reason="Same")


def test_every_relation_to_a_person_is_walked_except_the_access_log():
    labels = {m._meta.label_lower for m, _ in relations()}
    assert {
        "offenders.offence",
        "offenders.alias",
        "offenders.marker",
        "deadlines.deadline",
    } <= labels
    assert "audit.accessevent" in labels  # found, and deliberately kept on the original
    assert not any(label.startswith("offenders.historical") for label in labels)


def test_possible_duplicates_are_scored_with_reasons(db):
    john = person("John", "Smith", dt.date(1990, 5, 17))
    same = person("Jon", "Smyth", dt.date(1990, 5, 17))
    swapped = person("John", "Smith", dt.date(1990, 17 % 12, 5))
    other_year = person("John", "Smith", dt.date(1960, 1, 1))
    stranger = person("Peter", "Brown", dt.date(1990, 5, 17))
    found = possible_duplicates(john, Offender.objects.live())
    people = [d.offender for d in found]
    assert same in people and swapped in people
    assert other_year not in people and stranger not in people
    best = found[0]
    assert best.score >= 90 and "Same date of birth" in best.reasons


def test_the_merge_endpoint_is_for_supervisors(custody_sergeant, supervisor):
    survivor, duplicate = person("John", "Smith"), person("Jon", "Smith")
    client = APIClient()
    client.force_authenticate(custody_sergeant)
    url = f"/api/v1/offenders/{survivor.pk}/merge/"
    assert client.post(url, {"duplicate": duplicate.pk, "reason": "x"}).status_code == 403
    client.force_authenticate(supervisor)
    assert client.post(url, {"duplicate": 999999, "reason": "x"}).status_code == 400
    response = client.post(url, {"duplicate": duplicate.pk, "reason": "Same fingerprints"})
    assert response.status_code == 200
    assert client.get(f"/api/v1/offenders/{duplicate.pk}/").status_code == 404


def test_the_possible_duplicates_endpoint(custody_sergeant):
    john = person("John", "Smith")
    jon = person("Jon", "Smith")
    client = APIClient()
    client.force_authenticate(custody_sergeant)
    body = client.get(f"/api/v1/offenders/{john.pk}/possible-duplicates/").json()
    assert [d["offender"]["id"] for d in body] == [jon.pk]
    assert body[0]["score"] >= 60 and body[0]["reasons"]


def test_factory_people_are_live(db):
    assert OffenderFactory() in Offender.objects.live()


def test_a_merge_moves_updated_at_on_both_records(custody_sergeant):
    with time_machine.travel(dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        survivor = person("Amelia", "Hart")
        duplicate = person("Amelia", "Hart", pnc_id="2000/0121792G")
    merged_at = dt.datetime(2026, 11, 20, 14, 30, tzinfo=dt.UTC)
    with time_machine.travel(merged_at, tick=False):
        merge_offenders(survivor=survivor, duplicate=duplicate, by=custody_sergeant, reason="Same")
    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    assert survivor.updated_at == merged_at
    assert duplicate.updated_at == merged_at

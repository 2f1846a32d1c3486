"""A programme list shaped like Suffolk's panel-report table: every funnel figure, each
figure's people, the figures on an earlier day, and the identities."""

from __future__ import annotations

import datetime as dt

import pytest

from domestic import figures, rules
from domestic.cast import build_cast
from offenders.models import Offender
from tests.factories import OffenderFactory, force

REPORT_DAY = dt.date(2022, 7, 31)

EXPECTED = {
    "total_on_list": 397,
    "initial_cohort": 102,
    "from_referrals_and_marac": 295,
    "scored": 342,
    "to_be_scored": 55,
    "on_hold": 52,
    "not_suitable": 45,
    "suitable": 297,
    "to_be_presented": 0,
    "to_approach": 7,
    "approached": 166,
    "not_interested": 95,
    "interested": 71,
    "awaiting_feedback": 0,
    "signed_up": 57,
    "withdrawn": 27,
    "completed": 11,
    "active": 15,
    "awaiting_sign_up": 4,
    "sessions": 472,
    "suitable_undecided": 124,
    "awaiting_answer": 0,
    "interested_undecided": 14,
}


@pytest.fixture
def cast(db, supervisor):
    suffolk = force("suffolk")
    Offender.objects.bulk_create(
        [OffenderFactory.build(force=suffolk) for _ in range(397)], batch_size=200
    )
    people = list(Offender.objects.filter(force=suffolk).order_by("pk"))
    return build_cast(people=people, lead=supervisor, report_day=REPORT_DAY)


def test_every_funnel_figure_of_the_suffolk_shaped_cast(cast):
    found = figures.funnel(cast[0].force_id, REPORT_DAY)
    assert {k: v for k, v in found.items() if k != "average_days_to_complete"} == EXPECTED
    # About six months: each completion is 163-203 days.
    assert 163 <= found["average_days_to_complete"] <= 203
    assert rules.broken_identities(found) == []
    # Each scored entry keeps its inputs, and its score is theirs under the weights.
    for entry in cast[::10]:
        score = entry.scores.first()
        assert (score is None) == (entry.score is None)
        if score is not None:
            assert float(score.score) == rules.rfg_score(
                recency=score.recency,
                frequency=score.frequency,
                gravity=score.gravity,
                weights=score.weights,
            )


def test_each_figure_links_to_exactly_the_people_it_counts(cast):
    force_id = cast[0].force_id
    found = figures.funnel(force_id, REPORT_DAY)
    entries = figures.entries_on(force_id, REPORT_DAY)
    for key in rules.FIGURES:
        people = figures.entries_in(entries, key, REPORT_DAY)
        if key == "sessions":
            assert people.count() == 15 + 27 + 11
        elif key == "average_days_to_complete":
            assert people.count() == found["completed"]
        else:
            assert people.count() == found[key], key


def test_the_funnel_on_an_earlier_day_counts_stages_as_they_were(cast):
    force_id = cast[0].force_id
    earlier = REPORT_DAY - dt.timedelta(days=120)
    found = figures.funnel(force_id, earlier)
    assert found["total_on_list"] < 397
    assert found["completed"] < 11
    assert rules.broken_identities(found) == []
    # Nobody is counted at a stage they had not reached yet.
    started = sum(1 for e in cast if e.started_on <= earlier)
    assert found["total_on_list"] == started


def test_the_panel_section_carries_the_funnel_and_notice_use(cast, supervisor):
    import json

    from core.periods import Period
    from domestic import services
    from tests.factories import OffenderFactory

    person = OffenderFactory(date_of_birth=dt.date(1980, 1, 1))
    given = dt.datetime(2022, 7, 4, 9, tzinfo=dt.UTC)
    notice = services.give_notice(
        offender=person,
        kind="dvpn",
        given_at=given,
        authorised_by_name="Supt. Kay",
        authorised_by_rank="superintendent",
        by=supervisor,
        now=given + dt.timedelta(days=1),
    )
    services.record_hearing(
        notice=notice,
        heard_at=given + dt.timedelta(hours=30),
        result="order_made",
        ends_on=dt.date(2022, 7, 31),
        by=supervisor,
        now=given + dt.timedelta(days=2),
    )
    section = figures.panel_section(person.force_id, Period.month(REPORT_DAY))
    json.dumps(section)  # the panel report stores it as JSON
    assert section["funnel"]["total_on_list"] == 397
    assert section["funnel_on"] == "2022-07-31"
    assert section["notices"] == {
        "dvpn_given": 1,
        "dapn_given": 0,
        "applied_for": 1,
        "dvpo_made": 1,
        "dapo_made": 0,
        "breaches": 0,
    }
    assert section["notices_by_month_and_district"][0]["month"] == "2022-07"

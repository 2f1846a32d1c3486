"""The dashboard's visits table: each month's cell equals its list, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from deadlines import services as deadlines
from deadlines.models import Deadline, Kind, Status
from protection import figures, services
from protection.models import RsoIntelligence, RsoVisit
from tests.factories import OffenderFactory

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
LONDON = ZoneInfo("Europe/London")


def london(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def cast(ppu_officer):
    """Four registrations with visit deadlines across month edges, in summer and winter time."""
    regs = [
        services.register_rso(
            offender=OffenderFactory(),
            relevant_date=dt.date(2026, 3, 2),
            disposal="imprisonment",
            sentence_months=12,
            lead_officer=ppu_officer,
            by=ppu_officer,
            today=dt.date(2026, 3, 2),
        )
        for _ in range(4)
    ]
    due = [
        (regs[0], london(2026, 8, 31, 23, 30), Status.MET),  # August in London (BST)
        (regs[1], london(2026, 9, 1, 0, 30), Status.MISSED),  # 31 Aug UTC, September in London
        (regs[1], london(2026, 9, 15, 12, 0), Status.OPEN),  # still open, past due: missed
        (regs[2], london(2026, 9, 20, 12, 0), Status.CANCELLED),  # cancelled: not counted
        (regs[3], london(2026, 10, 25, 0, 30), Status.OPEN),  # the clock-change night
        (regs[3], london(2026, 12, 5, 12, 0), Status.OPEN),  # not yet due
    ]
    for reg, at, status in due:
        deadline = deadlines.open_deadline(
            kind=Kind.RSO_VISIT,
            title="Home visit (test)",
            force=reg.force,
            due_at=at,
            offender=reg.offender,
            record=reg,
            as_of=at - dt.timedelta(days=1),
        )
        Deadline.objects.filter(pk=deadline.pk).update(status=status)
    for reg, day in [(regs[0], dt.date(2026, 8, 31)), (regs[1], dt.date(2026, 9, 1))]:
        RsoVisit.objects.create(
            registration=reg, visited_on=day, outcome="seen", visited_by=ppu_officer
        )
    RsoIntelligence.objects.create(
        registration=regs[2],
        recorded_on=dt.date(2026, 9, 30),
        kind="submission",
        summary="x",
        recorded_by=ppu_officer,
    )
    return regs


@pytest.mark.django_db
def test_each_month_of_the_visits_table_equals_its_lists(cast):
    force_id = cast[0].force_id
    table = {row["month"]: row for row in figures.summary(force_id, on=TODAY)["visits_by_month"]}
    for month in figures.months_to(TODAY, 12):
        row = table[month.strftime("%Y-%m")]
        for column in ("due", "missed"):
            listed = figures.registrations(force_id, on=TODAY, visits=column, month=month)
            assert row[column] == listed.count(), (month, column)
        assert row["done"] == figures.visits(force_id, month=month).count()
        assert (
            row["intelligence_submissions"]
            == figures.intelligence(force_id, kind="submission", month=month).count()
        )
    assert (table["2026-08"]["due"], table["2026-09"]["due"], table["2026-10"]["due"]) == (
        1,
        1,
        1,
    )  # people, not deadlines
    assert (table["2026-09"]["missed"], table["2026-10"]["missed"]) == (1, 1)
    assert table["2026-09"]["done"] == 1 and table["2026-08"]["done"] == 1
    assert table["2026-09"]["intelligence_submissions"] == 1


@pytest.mark.django_db
def test_the_summary_takes_the_same_number_of_queries_for_a_year_as_for_a_month(
    cast, django_assert_num_queries
):
    force_id = cast[0].force_id
    figures.summary(force_id, on=TODAY, months=1)  # warm the content-type cache
    with django_assert_num_queries(12) as year:
        figures.summary(force_id, on=TODAY, months=12)
    with django_assert_num_queries(len(year.captured_queries)):
        figures.summary(force_id, on=TODAY, months=1)

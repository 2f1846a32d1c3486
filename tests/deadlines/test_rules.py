import datetime as dt

import pytest

from deadlines.rules import ESCALATION, OVERDUE, WARNING, next_alert_at, schedule, steps_to_send

T0 = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)
DAY = 86400


def keys(steps):
    return [(s.stage, s.lead_seconds) for s in steps]


STEPS = schedule(T0, [14 * DAY, 3 * DAY], T0 + H)


@pytest.mark.parametrize(
    ("now", "sent", "expected"),
    [
        (T0 - dt.timedelta(days=15), set(), []),
        (T0 - dt.timedelta(days=14), set(), [(WARNING, 14 * DAY)]),
        (T0 - dt.timedelta(days=5), {(WARNING, 14 * DAY)}, []),
        (T0 - dt.timedelta(days=3), {(WARNING, 14 * DAY)}, [(WARNING, 3 * DAY)]),
        # Opened late, inside both windows: only the latest warning.
        (T0 - dt.timedelta(days=1), set(), [(WARNING, 3 * DAY)]),
        # Workers down until after the due time: the overdue notice supersedes the warnings.
        (T0 + dt.timedelta(minutes=5), set(), [(OVERDUE, 0)]),
        (T0 + dt.timedelta(minutes=5), {(WARNING, 14 * DAY), (WARNING, 3 * DAY)}, [(OVERDUE, 0)]),
        (T0 + H, {(OVERDUE, 0)}, [(ESCALATION, 0)]),
        # Down until after escalation: overdue and escalation both go.
        (T0 + 2 * H, set(), [(OVERDUE, 0), (ESCALATION, 0)]),
        (T0 + 2 * H, {(OVERDUE, 0), (ESCALATION, 0)}, []),
    ],
)
def test_it_sends_only_the_steps_that_still_matter(now, sent, expected):
    assert keys(steps_to_send(STEPS, sent, now)) == expected


def test_a_warning_superseded_by_a_later_one_already_sent_is_never_sent():
    assert steps_to_send(STEPS, {(WARNING, 3 * DAY)}, T0 - dt.timedelta(days=2)) == []


@pytest.mark.parametrize(
    ("sent", "after", "expected"),
    [
        (set(), None, T0 - dt.timedelta(days=14)),
        ({(WARNING, 14 * DAY)}, T0 - dt.timedelta(days=14), T0 - dt.timedelta(days=3)),
        ({(WARNING, 3 * DAY)}, T0 - dt.timedelta(days=1), T0),
        ({(OVERDUE, 0)}, T0, T0 + H),
        ({(OVERDUE, 0), (ESCALATION, 0)}, T0 + H, None),
    ],
)
def test_it_schedules_the_next_look(sent, after, expected):
    assert next_alert_at(STEPS, sent, after=after) == expected


def test_a_deadline_without_warnings_or_escalation_has_just_its_overdue_step():
    assert keys(schedule(T0, [], None)) == [(OVERDUE, 0)]

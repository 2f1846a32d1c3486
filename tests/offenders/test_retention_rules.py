"""MoPI retention review dates (issue 12 item 9; DOMAIN.md §9.2), as a table."""

from __future__ import annotations

import datetime as dt

import pytest

from offenders.rules import RetentionPolicy, mopi_group, retention_review_on

D = dt.date
BORN = D(1990, 5, 17)


@pytest.mark.parametrize(
    ("group", "last_event", "reviewed", "born", "expected"),
    [
        (3, D(2020, 1, 10), None, BORN, D(2026, 1, 10)),  # six years clear
        (3, D(2020, 2, 29), None, BORN, D(2026, 3, 1)),  # leap day: no 29 Feb in 2026
        (3, D(2019, 12, 31), None, BORN, D(2025, 12, 31)),  # year end
        (2, D(2020, 1, 10), None, BORN, D(2030, 1, 10)),  # ten years clear
        (2, D(2016, 2, 29), None, BORN, D(2026, 3, 1)),
        (1, D(2020, 1, 10), None, BORN, D(2030, 1, 10)),  # reviewed every ten years
        (1, D(2020, 1, 10), D(2025, 6, 30), BORN, D(2035, 6, 30)),  # from the last review
        (1, D(2020, 1, 10), D(2010, 1, 1), BORN, D(2030, 1, 10)),  # an older review
        (1, D(2020, 1, 10), None, D(1925, 3, 1), D(2025, 3, 1)),  # capped at age 100
        (1, D(2020, 1, 10), None, D(1924, 2, 29), D(2024, 2, 29)),  # 100th birthday, leap
    ],
)
def test_the_review_date_follows_the_group(group, last_event, reviewed, born, expected):
    assert (
        retention_review_on(
            group=group, last_event_on=last_event, date_of_birth=born, last_reviewed_on=reviewed
        )
        == expected
    )


def test_a_force_may_change_the_periods():
    policy = RetentionPolicy(group_3_clear_years=7)
    assert retention_review_on(
        group=3, last_event_on=D(2020, 1, 10), date_of_birth=BORN, policy=policy
    ) == D(2027, 1, 10)


@pytest.mark.parametrize(
    ("public_protection", "serious", "group"),
    [(True, True, 1), (True, False, 1), (False, True, 2), (False, False, 3)],
)
def test_the_group_comes_from_the_records(public_protection, serious, group):
    assert mopi_group(public_protection=public_protection, serious=serious) == group

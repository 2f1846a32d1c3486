"""age_on, written once in core and used by custody (juveniles), disposals (age at decision)
and the person's page."""

from __future__ import annotations

import datetime as dt

import pytest

from core.dates import age_on, birthday_in

D = dt.date


@pytest.mark.parametrize(
    ("born", "on", "expected"),
    [
        pytest.param(D(2016, 1, 1), D(2016, 1, 1), 0, id="day-of-birth"),
        pytest.param(D(2000, 12, 31), D(2018, 12, 30), 17, id="day-before-18th-birthday"),
        pytest.param(D(2000, 12, 31), D(2018, 12, 31), 18, id="on-18th-birthday"),
        pytest.param(D(2008, 6, 1), D(2026, 5, 31), 17, id="day-before-birthday"),
        pytest.param(D(2008, 6, 1), D(2026, 6, 1), 18, id="on-birthday"),
        pytest.param(D(2000, 1, 1), D(2000, 12, 31), 0, id="last-day-of-first-year"),
        # 29 February: a year older on 1 March in a common year, on 29 February in a leap year.
        pytest.param(D(2008, 2, 29), D(2026, 2, 28), 17, id="leap-day-28-feb-common-year"),
        pytest.param(D(2008, 2, 29), D(2026, 3, 1), 18, id="leap-day-1-march-common-year"),
        pytest.param(D(2008, 2, 29), D(2027, 2, 28), 18, id="leap-day-before-1-march"),
        pytest.param(D(2008, 2, 29), D(2027, 3, 1), 19, id="leap-day-on-1-march"),
        pytest.param(D(2008, 2, 29), D(2028, 2, 28), 19, id="leap-day-28-feb-leap-year"),
        pytest.param(D(2008, 2, 29), D(2028, 2, 29), 20, id="leap-day-in-a-leap-year"),
        pytest.param(D(2008, 2, 29), D(2100, 3, 1), 92, id="leap-day-2100-is-not-a-leap-year"),
        pytest.param(D(2008, 2, 29), D(2100, 2, 28), 91, id="leap-day-28-feb-2100"),
        pytest.param(D(2007, 3, 1), D(2008, 2, 29), 0, id="born-1-march-on-leap-day"),
        pytest.param(D(2007, 2, 28), D(2008, 2, 28), 1, id="born-28-feb"),
    ],
)
def test_age_is_counted_in_whole_years(born: dt.date, on: dt.date, expected: int) -> None:
    assert age_on(born, on) == expected


@pytest.mark.parametrize(
    ("born", "year", "birthday"),
    [
        (D(2008, 2, 29), 2027, D(2027, 3, 1)),
        (D(2008, 2, 29), 2028, D(2028, 2, 29)),
        (D(2008, 2, 28), 2027, D(2027, 2, 28)),
        (D(1990, 12, 31), 2026, D(2026, 12, 31)),
    ],
)
def test_the_birthday_in_a_year(born: dt.date, year: int, birthday: dt.date) -> None:
    assert birthday_in(born, year) == birthday


def test_an_age_before_birth_is_refused() -> None:
    with pytest.raises(ValueError):
        age_on(D(2020, 1, 2), D(2020, 1, 1))

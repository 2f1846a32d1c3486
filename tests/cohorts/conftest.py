import datetime as dt

import pytest

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def today():
    return TODAY

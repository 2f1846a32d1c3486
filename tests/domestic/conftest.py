import datetime as dt

import pytest
import time_machine

from tests.factories import UserFactory

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def dapu_officer(db):
    return UserFactory(
        username="dapu.dan", rank="constable", roles=["dapu_officer"], teams=["dapu"]
    )

import pytest

from tests.factories import UserFactory


@pytest.fixture
def mappa_coordinator(db):
    return UserFactory(
        username="mappa.ian", rank="staff", roles=["mappa_coordinator"], teams=["mappa"]
    )


@pytest.fixture
def custody_officer(db):
    return UserFactory(username="custody.carl", rank="sergeant", roles=["custody_officer"])

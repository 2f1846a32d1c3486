"""Officer safety (issue 13 item 1): warning markers and other apps' badges beside every
detainee on the board and on the detention page, and every record links to its person."""

from __future__ import annotations

import datetime as dt

import pytest

from offenders.models import Marker
from tests.custody.conftest import book
from tests.factories import OffenderFactory

H = dt.timedelta(hours=1)


def mark(offender, *kinds):
    for kind in kinds:
        Marker.objects.create(offender=offender, kind=kind, added_on=dt.date(2026, 1, 5))


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


@pytest.mark.django_db
def test_the_board_shows_each_detainees_warning_markers(signed_in, martlesham, officer, now):
    marked = OffenderFactory(first_name="Dean", last_name="Harker")
    mark(marked, "violence", "drugs", "alleges")
    unmarked = OffenderFactory(first_name="Ann", last_name="Lowe")
    book(marked, martlesham, officer, arrived_at=now - H, cell_number=3)
    book(unmarked, martlesham, officer, arrived_at=now - H, cell_number=4)
    Marker.objects.create(
        offender=unmarked,
        kind="weapons",
        added_on=dt.date(2025, 1, 1),
        removed_on=dt.date(2025, 6, 1),
    )
    page = signed_in.get("/custody/suites/martlesham/cells/").content.decode()
    row_of = {
        name: page[page.index(name) : page.index("</tr>", page.index(name))]
        for name in ("Dean Harker", "Ann Lowe")
    }
    for label in ("Violent", "Drugs", "Makes allegations"):
        assert f"Warning marker: </span>{label}" in row_of["Dean Harker"]
    assert "Warning marker" not in row_of["Ann Lowe"]  # a removed marker is not shown
    assert "In custody" not in row_of["Dean Harker"]  # the board says that already


@pytest.mark.django_db
def test_the_detention_page_links_to_the_person_with_their_markers(
    signed_in, martlesham, officer, now
):
    person = OffenderFactory(first_name="Dean", last_name="Harker")
    mark(person, "violence")
    detention = book(person, martlesham, officer, arrived_at=now - H, cell_number=3)
    page = signed_in.get(f"/custody/detentions/{detention.pk}/").content.decode()
    line = page[page.index('data-testid="person-line"') :]
    line = line[: line.index("</p>")]
    assert f'href="/people/{person.pk}/"' in line
    assert "Warning marker: </span>Violent" in line


@pytest.mark.django_db
def test_the_board_reads_markers_in_one_query_however_many_detainees(
    signed_in, martlesham, officer, now, django_assert_max_num_queries
):
    for number in range(1, 25):
        person = OffenderFactory()
        mark(person, "violence", "self_harm")
        book(person, martlesham, officer, arrived_at=now - H, cell_number=number)
    # +1: the public-protection marker a custody officer sees (one query, whatever the size).
    with django_assert_max_num_queries(17):
        page = signed_in.get("/custody/suites/martlesham/cells/").content.decode()
    assert page.count("Warning marker: </span>Self-harm") == 24


@pytest.mark.django_db
def test_a_record_open_beyond_96_hours_is_an_error_to_resolve_not_a_detainee(
    signed_in, martlesham, officer, now
):
    current = book(
        OffenderFactory(first_name="Ann", last_name="Lowe"),
        martlesham,
        officer,
        arrived_at=now - H,
        cell_number=1,
    )
    stale = book(
        OffenderFactory(first_name="Old", last_name="Record"),
        martlesham,
        officer,
        arrived_at=now - 100 * H,
        cell_number=2,
    )
    assert current.in_custody and stale.in_custody
    board = signed_in.get("/custody/suites/martlesham/cells/").content.decode()
    errors = board[
        board.index('data-testid="to-resolve"') : board.index(
            "</div>", board.index("govuk-error-summary__body")
        )
    ]
    assert "Old Record" in errors and "Ann Lowe" not in errors
    assert "29 of 30" in board  # the stale record holds no cell
    assert ">1<" in board.split("In custody")[1][:200]  # one person in custody
    home = signed_in.get("/custody/").content.decode()
    row = home[home.index("Martlesham PIC") :]
    row = row[: row.index("</tr>")]
    cells = [c.split("<")[0] for c in row.split('govuk-table__cell--numeric">')[1:]]
    assert cells[:4] == ["30", "1", "0", "29"]
    assert 'govuk-tag--red">1<' in row

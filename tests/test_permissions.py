"""The permission matrix in docs/permissions.md is the specification: this test reads it and
checks every cell against the real pages and API, persona by persona."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.factories import OffenderFactory, UserFactory

MATRIX = Path(__file__).resolve().parents[1] / "docs" / "permissions.md"
EXPECTED = {"✓": 200, "✗": 403, "404": 404}


def read_matrix():
    lines = [line for line in MATRIX.read_text().splitlines() if line.startswith("| `")]
    header = next(
        line for line in MATRIX.read_text().splitlines() if line.startswith("| Page or endpoint")
    )
    personas = [cell.strip() for cell in header.strip("|").split("|")[1:]]
    rows = []
    for line in lines:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        path = re.fullmatch(r"`([^`]+)`", cells[0]).group(1)
        rows.append((path, dict(zip(personas, cells[1:], strict=True))))
    return personas, rows


PERSONAS, ROWS = read_matrix()


def test_the_matrix_covers_every_role_and_every_navigation_entry():
    from django.urls import reverse

    from accounts.roles import Role
    from config.navigation import ENTRIES

    assert set(PERSONAS) == {r.value for r in Role} | {"(no role)"}
    paths = {path.split("?")[0] for path, _ in ROWS}
    for _label, url_name, _roles in ENTRIES:
        assert reverse(url_name) in paths, f"{url_name} is in the navigation but not in the matrix"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_gets_exactly_what_the_matrix_says(client, persona):
    person = OffenderFactory()
    roles = [] if persona == "(no role)" else [persona]
    client.force_login(
        UserFactory(
            username=f"matrix-{persona.strip('()').replace(' ', '-')}",
            roles=roles,
            rank="inspector",
        )
    )
    wrong = []
    for path, cells in ROWS:
        expected = EXPECTED[cells[persona]]
        status = client.get(path.replace("{person}", str(person.pk))).status_code
        if status != expected:
            wrong.append(f"{path}: expected {expected}, got {status}")
    assert wrong == []

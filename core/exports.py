"""CSV exports: formula-safe cells, streamed a row at a time.

This is the pure half of an export (no database, no access log). Views do not call it
directly: they call ``audit.exports.csv_download``, which records the export and its
purpose in the access log and then streams through :func:`streaming_csv`.

Formula injection: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return as a formula (``=HYPERLINK(...)``, ``+SUM(A1)``, ``-2+3``,
``@SUM(A1)``). Every *text* cell starting with one of them gets a leading apostrophe, which
spreadsheets show as a text marker and do not run. Decision on negative numbers: values the
caller passes as numbers (``int``, ``float``, ``Decimal``) are written as they are, so a
real ``-3`` stays a number; text is always escaped, even text that looks like ``"-3"``,
because text comes from people and a spreadsheet cannot tell ``-3`` from ``-3+cmd|...``.
Dates are written in ISO form; ``None`` is an empty cell.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """One cell as written to the file: numbers as numbers, text escaped, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


class _Echo:
    """A file-like object whose write() hands back what it was given."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The header and then each row as one CSV line, cells made formula-safe."""
    writer = csv.writer(_Echo())
    yield writer.writerow(safe_row(header))
    for row in rows:
        yield writer.writerow(safe_row(row))


def csv_text(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> str:
    """The whole file as one string (for small exports and tests)."""
    return "".join(csv_lines(header, rows))


def streaming_csv(
    *, filename: str, header: Sequence[str], rows: Iterable[Iterable[Any]]
) -> StreamingHttpResponse:
    """A download that is written as it is read: pass a generator over ``queryset.iterator()``
    for a large export, so no more than one chunk of rows is in memory at once."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

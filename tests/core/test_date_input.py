"""The GOV.UK date input: three boxes (and a time box) joined into the value a field parses."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.http import QueryDict

from core.dates import compose_date, compose_datetime, compose_month, compose_time
from core.middleware import with_composed_dates
from core.template_builtins import value_parts


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("27", "3", "2026", "2026-03-27"),
        ("1", "12", "2025", "2025-12-01"),
        (" 29 ", "2", "2024", "2024-02-29"),  # a leap day, spaces trimmed
        ("31", "March", "2026", "2026-03-31"),  # month names
        ("5", "sept", "2026", "2026-09-05"),
        ("5", "Nov.", "2026", "2026-11-05"),
        ("", "", "", ""),  # nothing typed: the field's "required" rule applies
        ("1", "3", "26", "26-03-01"),  # a two-digit year stays invalid, never year 26
        ("1", "", "2026", "2026--01"),  # a missing month stays invalid
        ("x", "3", "2026", "2026-03-x"),
    ],
)
def test_three_boxes_become_one_iso_date(day: str, month: str, year: str, expected: str) -> None:
    assert compose_date(day, month, year) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:30", "14:30"),
        ("1430", "14:30"),
        ("9.05", "09:05"),
        ("2:30pm", "14:30"),
        ("12:00am", "00:00"),
        ("12:15 PM", "12:15"),
        ("13:00pm", "13:00pm"),  # nonsense stays as typed, so the field refuses it
        ("half two", "half two"),
    ],
)
def test_a_time_box_takes_what_people_type(typed: str, expected: str) -> None:
    assert compose_time(typed) == expected


def test_a_date_and_time_become_one_iso_value() -> None:
    assert compose_datetime("26", "10", "2026", "01:30") == "2026-10-26T01:30"
    assert compose_datetime("", "", "", "") == ""


@pytest.mark.parametrize(
    ("day", "month", "year", "valid"),
    [("31", "4", "2026", False), ("29", "2", "2025", False), ("29", "2", "2028", True)],
)
def test_django_refuses_dates_that_do_not_exist(day, month, year, valid) -> None:
    class Form(forms.Form):
        on = forms.DateField()

    data = with_composed_dates(QueryDict(f"on-day={day}&on-month={month}&on-year={year}"))
    assert Form(data).is_valid() is valid


def test_a_value_sent_as_one_field_wins_and_other_fields_are_kept() -> None:
    data = with_composed_dates(
        QueryDict(
            "on=2026-01-02&on-day=3&on-month=4&on-year=2026&at-day=5&at-month=6&at-year=2026&at-time=0930&q=x"
        )
    )
    assert data["on"] == "2026-01-02"
    assert data["at"] == "2026-06-05T09:30"
    assert data["q"] == "x"
    assert not data._mutable


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 3, 7), ("7", "3", "2026", "")),
        ("2026-03-07", ("7", "3", "2026", "")),
        ("2026-03-07T14:05", ("7", "3", "2026", "14:05")),
        (None, ("", "", "", "")),
        (dt.datetime(2026, 7, 1, 13, 0, tzinfo=dt.UTC), ("1", "7", "2026", "14:00")),  # BST
    ],
)
def test_a_value_is_shown_in_the_boxes(value, expected) -> None:
    parts = value_parts(value)
    assert (parts["day"], parts["month"], parts["year"], parts["time"]) == expected


@pytest.mark.parametrize(
    ("month", "year", "expected"),
    [
        ("9", "2026", "2026-09"),
        ("Sept", "2026", "2026-09"),
        ("", "", ""),
        ("13", "2026", "2026-13"),
    ],
)
def test_a_month_and_year_become_one_month(month: str, year: str, expected: str) -> None:
    assert compose_month(month, year) == expected


def test_month_and_year_boxes_without_a_day_are_joined_as_a_month() -> None:
    data = with_composed_dates(QueryDict("from-month=9&from-year=2026&to-month=11&to-year=2026"))
    assert (data["from"], data["to"]) == ("2026-09", "2026-11")

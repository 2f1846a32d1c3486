"""Tolerant search: each case the issue names, as a test through offenders.search."""

from __future__ import annotations

import datetime as dt

import pytest

from offenders.models import Offender
from offenders.search import parse_query, search
from tests.factories import force
from tests.offenders.factories import alias, person


@pytest.fixture
def people(db):
    return {
        "john": person("John", "Smith", dt.date(1990, 5, 17)),
        "jane": person("Jane", "Smithers", dt.date(1985, 1, 2)),
        "mohammed": person("Mohammed", "Khan", dt.date(1979, 3, 30)),
        "catherine": person("Catherine", "Thompson", dt.date(2001, 11, 9)),
        "peter": person("Peter", "Brown", dt.date(1990, 8, 1)),
        "sarah": person("Sarah", "Jones", dt.date(1995, 6, 6)),
    }


def names(results):
    return [p.full_name for p in results]


def found(text):
    return search(Offender.objects.all(), text)


def test_an_exact_name_comes_first(people):
    assert found("John Smith")[0] == people["john"]


def test_a_typo_in_each_name_still_finds_the_person(people):
    assert found("Jhon Smiht")[0] == people["john"]


def test_jon_finds_john(people):
    assert people["john"] in found("Jon Smith")


def test_smyth_finds_smith(people):
    assert found("John Smyth")[0] == people["john"]


def test_muhammad_finds_mohammed(people):
    assert found("Muhammad Khan")[0] == people["mohammed"]


def test_swapped_first_and_last_names_find_the_person(people):
    assert found("Smith John")[0] == people["john"]
    assert found("Thompson, Catherine")[0] == people["catherine"]


def test_a_partial_name_finds_the_person(people):
    results = found("smi")
    assert people["john"] in results and people["jane"] in results
    assert people["peter"] not in results


def test_partial_first_and_last_names_together(people):
    assert found("cath thom")[0] == people["catherine"]


def test_an_alias_finds_the_person(people):
    alias(people["peter"], "Paddy", "Oconnor")
    assert found("Paddy O'Connor")[0] == people["peter"]


def test_a_misspelt_alias_finds_the_person(people):
    alias(people["peter"], "Paddy", "Oconnor")
    assert found("Pady Oconner")[0] == people["peter"]


def test_a_pnc_id_with_the_slash_finds_exactly_the_person(people):
    assert found(people["sarah"].pnc_id) == [people["sarah"]]


def test_a_pnc_id_without_the_slash_finds_the_person(people):
    assert found(people["sarah"].pnc_id.replace("/", "")) == [people["sarah"]]


def test_a_pnc_id_with_a_wrong_check_letter_finds_nobody(people):
    pnc = people["sarah"].pnc_id
    wrong = pnc[:-1] + ("A" if pnc[-1] != "A" else "B")
    assert found(wrong) == []


def test_a_date_of_birth_finds_the_people_born_that_day(people):
    assert found("17/05/1990") == [people["john"]]
    assert found("1990-05-17") == [people["john"]]


def test_a_name_and_a_year_of_birth_narrow_the_search(people):
    other_john = person("John", "Smith", dt.date(1972, 2, 2))
    results = found("smith 1990")
    assert results[0] == people["john"]
    assert other_john not in results


def test_unrelated_names_are_not_returned(people):
    assert found("Zebedee Quark") == []


def test_an_empty_query_finds_nothing(people):
    assert found("   ") == []


def test_search_is_limited_to_the_queryset_it_is_given(people):
    norfolk_john = person("John", "Smith", force=force("norfolk"))
    results = search(Offender.objects.filter(force=force("suffolk")), "john smith")
    assert norfolk_john not in results


def test_the_query_is_parsed_into_names_dates_and_pnc_ids():
    parsed = parse_query("Smith 1990 17/05/1990")
    assert parsed.names == ["smith"] and parsed.year == 1990
    assert parsed.date_of_birth == dt.date(1990, 5, 17)
    assert parse_query("2008/0056560Z").pnc_id == "2008/0056560Z"
    assert parse_query("20080056560z").pnc_id == "2008/0056560Z"


def test_swapped_letters_and_a_missing_vowel_find_the_person(people):
    assert found("Catherine Thmopson")[0] == people["catherine"]
    assert found("Catherine Thompsn")[0] == people["catherine"]


def test_a_typo_in_an_alias_that_changes_its_phonetic_keys_still_finds_the_person(people):
    # "Mectalfe" has neither the Metaphone (MKTLF/MTKLF) nor the Soundex (M234/M324) key of
    # "Metcalfe", nor its prefix; only the consonant skeleton ("mcflt") matches.
    alias(people["sarah"], "Sally", "Metcalfe")
    assert found("Sally Mectalfe")[0] == people["sarah"]


# --- Issue 13 item 10: the gaps an officer found ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24 Oct 1996", dt.date(1996, 10, 24)),
        ("24 October 1996", dt.date(1996, 10, 24)),
        ("24th Oct 1996", dt.date(1996, 10, 24)),
        ("24-oct-1996", dt.date(1996, 10, 24)),
        ("smith 29 Feb 2000", dt.date(2000, 2, 29)),
        ("29 Feb 2001", None),  # no such day: not a date
        ("1 Sept 1990", dt.date(1990, 9, 1)),
    ],
)
def test_a_date_written_with_the_months_name_is_a_date_of_birth(text, expected):
    assert parse_query(text).date_of_birth == expected


def test_a_date_with_a_month_name_finds_the_person_and_leaves_no_name_word(people):
    assert parse_query("smith 17 May 1990").names == ["smith"]
    assert found("17 May 1990") == [people["john"]]
    assert found("Smith 17 May 1990") == [people["john"]]


def test_part_of_a_pnc_id_finds_the_person(db):
    owner = person("Ann", "Lowe", dt.date(1980, 1, 1), pnc_id="2000/0121792G")
    person("Bob", "Lowe", dt.date(1981, 1, 1), pnc_id="2001/0121792Y")
    assert found("2000/0121792") == [owner]  # without the check letter
    assert found("0121792G") == [owner]  # without the year
    assert found("121792G") == [owner]  # and without the leading zero
    assert found("2000/0121793") == []


def test_hint_example_jon_smyth_1990_finds_john_smith(people):
    assert found("jon smyth 1990") == [people["john"]]


@pytest.mark.parametrize("nonsense", ["zzqxq", "qqqq", "xzxzx"])
def test_nonsense_finds_nobody(db, nonsense):
    person("Zoe", "Harper", dt.date(1978, 1, 9))
    person("Quentin", "Cox", dt.date(1978, 1, 9))
    assert found(nonsense) == []


# --- Issue 13 item 9: a 5,000-character search -------------------------------------------


def test_a_search_longer_than_the_box_gets_a_govuk_error_not_a_result(client, people):
    from tests.factories import UserFactory

    client.force_login(UserFactory(roles=["investigator"]))
    response = client.get("/people/", {"q": "smith " * 900})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Search for 200 characters or fewer" in page
    assert "<title>Error: People" in page
    assert "John Smith" not in page.split("There is a problem")[1]  # no results for it
    assert 'maxlength="200"' in page


def test_the_api_refuses_a_search_longer_than_the_box(client, people):
    from tests.factories import UserFactory

    client.force_login(UserFactory(roles=["investigator"]))
    response = client.get("/api/v1/offenders/", {"search": "x" * 201})
    assert response.status_code == 400
    assert "200 characters" in response.json()["search"][0]

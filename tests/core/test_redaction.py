"""Redaction for the scrutiny panel (issue 12, item 5): every written form of the person's
own identifiers, in a table."""

from __future__ import annotations

import datetime as dt

import pytest

from core.redaction import REDACTED, Identity, redact

JOHN = Identity(
    names=["John", "Paul", "Smith", "Johnny", "Smyth", "O'Brien"],
    initials=["JS", "JPS"],
    pnc_id="2019/0034567L",
    cro_number="012345/88X",
    date_of_birth=dt.date(1988, 3, 7),
    addresses=["12 Acacia Avenue", "Flat 3, 40 High Street", "Ipswich"],
    postcodes=["IP1 2AB"],
)

LEAKS = [
    # names and aliases, any case
    "John",
    "SMITH",
    "smith",
    "Johnny",
    "Smyth",
    "O'Brien",
    "O’Brien",
    "OBrien",
    # initials
    "J.S.",
    "J S",
    "JS",
    "J.P.S.",
    # PNC: slash or not, padding or not, two-digit year, case, spaces
    "2019/0034567L",
    "2019/34567L",
    "20190034567L",
    "201934567L",
    "19/34567L",
    "19/0034567L",
    "2019/0034567l",
    "2019 / 34567 L",
    "2019-0034567L",
    # CRO
    "012345/88X",
    "12345/88X",
    "1234588x",
    "SF 12345/88X",
    # date of birth
    "1988-03-07",
    "07/03/1988",
    "7/3/1988",
    "7/3/88",
    "07-03-1988",
    "07.03.1988",
    "7.3.88",
    "07 03 1988",
    "7 March 1988",
    "7th March 1988",
    "7th of March 1988",
    "07 Mar 1988",
    "7 Mar. 88",
    "7-Mar-1988",
    "March 7, 1988",
    "March 7th 1988",
    "Mar 7 1988",
    "07031988",
    "070388",
    # addresses and postcodes
    "12 Acacia Avenue",
    "12, Acacia Avenue",
    "acacia avenue",
    "40 High Street",
    "IP1 2AB",
    "ip12ab",
    "IP1  2AB",
    # anyone's telephone number and e-mail address
    "07700 900123",
    "07700900123",
    "+44 7700 900123",
    "(01473) 613500",
    "01473 613500",
    "john.smith@example.com",
    "J.Smith+tag@mail.example.co.uk",
]


@pytest.mark.parametrize("written", LEAKS)
def test_every_written_form_is_redacted(written):
    text = f"Officer noted: {written}, seen at the shop."
    out = redact(text, JOHN)
    assert REDACTED in out
    assert written.lower() not in out.lower(), out
    assert out.startswith("Officer noted: ") and out.endswith(", seen at the shop.")


def test_the_table_has_at_least_thirty_forms():
    assert len(LEAKS) >= 30


@pytest.mark.parametrize(
    "text",
    [
        "Theft of £45 of groceries from a shop on 7 April 2026",
        "Attend a shoplifting awareness course by 14/04/2026",
        "Pay £50 compensation to the victim",
        "Write a letter of apology",
        "js and smithing are not the person",
        "Johnson was not involved",
        "2019/0034568L belongs to someone else",
        "Born 8 March 1988 is another person",
        "Case ref 37/12345/26",
    ],
)
def test_it_leaves_what_does_not_identify_the_person(text):
    assert redact(text, JOHN) == text


def test_an_initial_before_a_redacted_name_goes_too():
    assert redact("Seen with J. Smith and P Smith", JOHN) == f"Seen with {REDACTED} and {REDACTED}"


def test_runs_of_redactions_collapse_into_one():
    assert redact("John Paul Smith, 7/3/88", JOHN) == REDACTED


def test_an_identity_with_nothing_known_changes_nothing_but_contacts():
    empty = Identity()
    assert redact("John Smith 7/3/88", empty) == "John Smith 7/3/88"
    assert redact("call 07700 900123", empty) == f"call {REDACTED}"

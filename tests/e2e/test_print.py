"""Printing a person's page: the record and its protective marking, without the navigation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.factories import OffenderFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_a_printed_person_page_keeps_the_record_and_marking_and_drops_the_navigation(page):
    UserFactory(username="print.pat", roles=["investigator"])
    person = OffenderFactory(first_name="Printa", last_name="Pagewell")
    sign_in(page, "print.pat", "correct-horse-battery")
    page.goto(f"/people/{person.pk}/")
    navigation = page.get_by_role("navigation", name="Menu")
    expect(navigation).to_be_visible()
    page.emulate_media(media="print")
    expect(navigation).to_be_hidden()
    expect(page.get_by_role("button", name="Sign out")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text("Printa Pagewell")
    expect(page.get_by_role("note", name="Protective marking")).to_be_visible()
    pdf = page.pdf()  # Chromium prints it: the file is a PDF with at least one page
    assert pdf.startswith(b"%PDF") and b"/Type /Page" in pdf

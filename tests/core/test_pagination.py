"""The one pagination include: numbered pages with gaps, every filter kept in each link."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def render(number: int, query: str = "") -> str:
    request = RequestFactory().get(f"/bail/cases/?{query}")
    page = Paginator(range(500), 25).get_page(number)
    return render_to_string("includes/pagination.html", {"page": page, "request": request})


def test_pages_are_numbered_with_gaps_around_the_current_one() -> None:
    html = render(10, "district=ipswich&page=10")
    numbers = re.findall(r'aria-label="Page (\d+)"', html)
    assert numbers == ["1", "9", "10", "11", "20"]
    assert html.count("govuk-pagination__item--ellipses") == 2
    assert 'aria-current="page">10<' in html
    assert "Showing 226 to 250 of 500" in html


def test_every_link_keeps_the_filters_and_sets_only_the_page() -> None:
    html = render(2, "district=ipswich&status=open&page=2")
    prev = re.search(r'href="([^"]+)" rel="prev"', html).group(1)
    nxt = re.search(r'href="([^"]+)" rel="next"', html).group(1)
    assert prev == "?district=ipswich&amp;status=open&amp;page=1"
    assert nxt == "?district=ipswich&amp;status=open&amp;page=3"


def test_one_page_shows_no_pagination() -> None:
    request = RequestFactory().get("/")
    page = Paginator(range(5), 25).get_page(1)
    html = render_to_string("includes/pagination.html", {"page": page, "request": request})
    assert "govuk-pagination" not in html

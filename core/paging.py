"""Long lists are paginated one way: ``page_of`` here, ``includes/pagination.html`` on the page."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

PAGE_SIZE = 50


def page_of(rows, request, *, size: int = PAGE_SIZE) -> Page:
    """The page of ``rows`` (an ordered queryset or a list) that ``?page=`` asks for; the last
    page for a number too high, the first for anything that is not a number."""
    return Paginator(rows, size).get_page(request.GET.get("page"))


NOTIFICATIONS_PAGE_SIZE = 25

"""The access log for API list endpoints: one event per response, linked to the people in it.

Example (a list endpoint whose rows carry ``offender_id``)::

    class MembershipList(LoggedList, generics.ListAPIView):
        read_purpose = "IOM memberships"

A client may say why it reads with ``?purpose=`` (or the ``X-Purpose`` header); otherwise
the endpoint's ``read_purpose`` is recorded. Rows that are people themselves override
``people_in``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from drf_spectacular.utils import OpenApiParameter
from rest_framework.response import Response

from audit.models import Action
from audit.services import declared_purpose, record_bulk_read

PURPOSE_PARAMETER = OpenApiParameter(
    "purpose",
    str,
    description="Why you are reading (recorded in the access log with every person returned; "
    "also accepted as the X-Purpose header). Default: the endpoint's own purpose.",
)


class LoggedList:
    """Mixin for a DRF ``ListAPIView``: the page it answers is logged with
    ``record_bulk_read`` (one event, one bulk insert of links) before it is serialised."""

    read_purpose = ""

    # Paging and ordering do not make a list a search; any other parameter (a filter) does.
    NOT_FILTERS = frozenset({"page", "page_size", "ordering", "purpose", "format"})

    def people_in(self, rows: list) -> Iterable[Any]:
        return [row.offender_id for row in rows]

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]
        page = self.paginate_queryset(queryset)  # type: ignore[attr-defined]
        rows = list(page if page is not None else queryset)
        record_bulk_read(
            user=request.user,
            people=self.people_in(rows),
            action=Action.SEARCH if set(request.GET) - self.NOT_FILTERS else Action.LIST,
            purpose=declared_purpose(request, self.read_purpose),
            query=request.GET.urlencode()[:500],
            detail={"endpoint": request.path},
            request=request._request,
        )
        data = self.get_serializer(rows, many=True).data  # type: ignore[attr-defined]
        if page is not None:
            return self.get_paginated_response(data)  # type: ignore[attr-defined]
        return Response(data)

"""Every CSV download goes through :func:`csv_download`: logged with its purpose, then streamed.

The escaping and streaming are ``core.exports`` (no database); this adds the access-log
row, because an export is a disclosure (DPA 2018 s.62). It lives in ``audit`` so that every
app above can call it and ``core`` never imports ``audit``.

Example (a view)::

    return csv_download(
        request=request,
        export="bail queue",
        purpose=form.cleaned_data["purpose"],
        filename=f"bail-queue-{today:%Y-%m-%d}.csv",
        header=["reference", "person"],
        rows=((c.reference, c.offender.full_name) for c in cases.iterator()),
        count=cases.count(),
    )
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import StreamingHttpResponse

from audit.models import Action
from audit.services import record_access, record_bulk_read
from core.exports import streaming_csv


def csv_download(
    *,
    request,
    export: str,
    purpose: str,
    filename: str,
    header: Sequence[str],
    rows: Iterable[Iterable[Any]],
    count: int | None = None,
    query: str | None = None,
    offender=None,
    people: Iterable[Any] | None = None,
    recipients: str = "",
    detail: dict[str, Any] | None = None,
) -> StreamingHttpResponse:
    """Record the export (who, what, why, how many rows) and stream the file.

    The access-log row is written before the first byte, inside the request's transaction,
    so an export that is refused or fails to write its log is never sent. ``count`` is the
    number of rows when the caller knows it without reading them all (``len(list)``,
    ``queryset.count()``); ``query`` defaults to the request's query string. ``people``
    (instances or ids, e.g. ``queryset.values_list("offender_id", flat=True)``) links the
    export to everyone in it (``record_bulk_read``), so each person's access log shows it.
    """
    logged: dict[str, Any] = {"export": export, "purpose": purpose}
    if count is not None:
        logged["rows"] = count
    logged.update(detail or {})
    query = request.GET.urlencode() if query is None else query
    if people is not None:
        record_bulk_read(
            user=request.user,
            people=people,
            action=Action.EXPORT,
            query=query,
            justification=purpose,
            purpose=purpose,
            recipients=recipients,
            detail=logged,
            request=request,
        )
    else:
        record_access(
            user=request.user,
            action=Action.EXPORT,
            offender=offender,
            query=query,
            justification=purpose,
            purpose=purpose,
            recipients=recipients,
            detail=logged,
            request=request,
        )
    return streaming_csv(filename=filename, header=header, rows=rows)

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from accounts.models import User
from audit.exports import csv_download
from audit.forms import PeriodForm
from audit.models import Action
from audit.permissions import can_view_access_log
from audit.selectors import CSV_COLUMNS, csv_rows, events_by_user, events_for_offender
from audit.services import record_access
from offenders.access import get_offender_for_user


def _require_reader(user):
    if not can_view_access_log(user):
        raise PermissionDenied


def offender_log(request, pk: int):
    """Who looked at or changed this person's records. ?format=csv downloads it (logged)."""
    _require_reader(request.user)
    offender = get_offender_for_user(request.user, pk)
    events = events_for_offender(offender)
    if request.GET.get("format") == "csv":
        return csv_download(
            request=request, export="access-log", purpose="Access log export for audit",
            offender=offender, recipients=request.user.username,
            filename=f"access-log-person-{offender.pk}.csv", header=CSV_COLUMNS, rows=csv_rows(events),
        )
    record_access(user=request.user, action=Action.VIEW, offender=offender, request=request, detail={"page": "access_log"})
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/offender_log.html", {"offender": offender, "page": page})


def user_activity(request, pk: int):
    """What one user looked at and changed over a period. ?format=csv downloads it (logged)."""
    _require_reader(request.user)
    subject = get_object_or_404(User, pk=pk, force=request.user.force) if not request.user.is_superuser else get_object_or_404(User, pk=pk)
    form = PeriodForm(request.GET or None)
    since = until = None
    if form.is_bound and form.is_valid():
        since, until = form.cleaned_data.get("since"), form.cleaned_data.get("until")
    events = events_by_user(subject, since=since, until=until)
    if request.GET.get("format") == "csv" and (not form.is_bound or form.is_valid()):
        return csv_download(
            request=request, export="user-activity", purpose=f"Activity export for user {subject.username}",
            recipients=request.user.username,
            detail={"subject": subject.username, "since": str(since or ""), "until": str(until or "")},
            filename=f"activity-{subject.username}.csv", header=CSV_COLUMNS, rows=csv_rows(events),
        )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/user_activity.html", {"subject": subject, "form": form, "page": page})

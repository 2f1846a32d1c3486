"""IOM pages: caseload, cohort list and export, adopt/move/review/remove, member profile.

Thin function views: one access helper first, then a service for writes. Every person-level
page writes an access-log row; every export is logged with its purpose.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from audit.exports import csv_download
from audit.forms import ExportForm
from audit.models import Action
from audit.services import declared_purpose, record_access, record_bulk_read
from cohorts import rules, selectors, services
from cohorts.access import visible_memberships
from cohorts.forms import (
    AdoptForm,
    DetailsForm,
    MoveForm,
    RemoveForm,
    ReviewForm,
)
from cohorts.models import COHORT_CHOICES, REMOVAL_REASON_CHOICES, IomMembership
from cohorts.permissions import can_manage_iom
from core.concurrency import StaleVersion
from core.forms import apply_service_errors
from core.paging import page_of
from deadlines.models import Deadline, Kind
from offenders.access import get_offender_for_user
from offenders.finder import find_people
from offenders.forms import FindPersonForm
from offenders.models import Marker, Offence
from offenders.summary import badges_for

RECENT_OFFENCE_DAYS = 90


def iom_staff_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_manage_iom(request.user):
            raise PermissionDenied("IOM pages are for IOM officers and supervisors.")
        return view(request, *args, **kwargs)

    return wrapper


EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


def parse_date(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD date from 1900 to 2999, else None (a bad filter is ignored and reported)."""
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def _next_reviews(memberships) -> dict[int, Deadline]:
    """The open review deadline of each membership, in one query."""
    ids = [m.pk for m in memberships]
    if not ids:
        return {}
    rows = Deadline.objects.open().filter(
        kind=Kind.IOM_REVIEW,
        content_type=ContentType.objects.get_for_model(IomMembership),
        object_id__in=ids,
    )
    return {d.object_id: d for d in rows.order_by("due_at")}


# --- Caseload ---------------------------------------------------------------------------


@iom_staff_required
def caseload(request):
    """The signed-in officer's open members: next review, recent offences, warning markers,
    prison, police custody and bail status. A fixed number of queries whatever the size."""
    today = timezone.localdate()
    members = list(
        visible_memberships(request.user).led_by(request.user).open().order_by("adopted_on", "pk")
    )
    reviews = _next_reviews(members)
    recent: dict[int, list[Offence]] = defaultdict(list)
    for offence in (
        Offence.objects.filter(
            offender_id__in=[m.offender_id for m in members],
            committed_on__gte=today - dt.timedelta(days=RECENT_OFFENCE_DAYS),
        )
        .select_related("offence_type")
        .order_by("-committed_on", "-pk")
    ):
        recent[offence.offender_id].append(offence)
    people = [m.offender_id for m in members]
    markers: dict[int, list[Marker]] = defaultdict(list)
    for marker in Marker.objects.active().filter(offender_id__in=people).order_by("kind"):
        markers[marker.offender_id].append(marker)
    # Police custody and bail as their apps describe them (offenders.extensions.badges).
    badges = badges_for(people, today, leave_out=("cohorts",))  # the Cohort column says it
    record_bulk_read(
        user=request.user,
        people=people,
        purpose=declared_purpose(request, "IOM caseload (lead officer)"),
        request=request,
        detail={"page": "iom caseload"},
    )
    rows = [
        {
            "membership": m,
            "review": reviews.get(m.pk),
            "recent": recent.get(m.offender_id, []),
            "in_custody": m.in_custody_on(today),
            "community": m.managed_in_community_on(today),
            "markers": markers.get(m.offender_id, []),
            "badges": badges[m.offender_id],
        }
        for m in members
    ]
    return render(
        request,
        "cohorts/iom/caseload.html",
        {"rows": rows, "now": timezone.now(), "today": today, "recent_days": RECENT_OFFENCE_DAYS},
    )


# --- Cohort list, filters and export ----------------------------------------------------

FILTER_DATES = [
    "on",
    "adopted_from",
    "adopted_to",
    "removed_from",
    "removed_to",
    "active_from",
    "active_to",
]


def _cohort_filters(request) -> tuple[dict, list[str]]:
    """The cohort page's filters from the query string, and the names of bad ones."""
    params = request.GET
    filters: dict = {}
    bad: list[str] = []
    for name in FILTER_DATES:
        raw = params.get(name, "")
        value = parse_date(raw)
        if raw and value is None:
            bad.append(name)
        if value is not None:
            filters[name] = value
    if params.get("cohort") in dict(COHORT_CHOICES):
        filters["cohort"] = params["cohort"]
    status = params.get("status", "")
    filters["status"] = status if status in {"open", "removed", "all"} else ""
    if params.get("community") in {"yes", "no"}:
        filters["community"] = params["community"]
    if params.get("lead_officer"):
        filters["lead_officer"] = params["lead_officer"][:150]
    if params.get("reason") in dict(REMOVAL_REASON_CHOICES):
        filters["reason"] = params["reason"]
    return filters, bad


@dataclass
class CohortRow:
    """A membership as the cohort page shows it on the chosen date."""

    m: IomMembership
    cohort: str
    community: bool
    next_review: Deadline | None = None

    @classmethod
    def of(cls, m: IomMembership) -> CohortRow:
        """A row from a membership annotated by ``with_status_on``."""
        return cls(m, m.cohort_as_at, m.community_as_at)


def _filtered_memberships(user, filters: dict, today: dt.date):
    """The visible memberships matching the filters, annotated with their cohort and community
    status on the chosen date (``with_status_on``) and ordered by name: filtered in SQL."""
    qs = visible_memberships(user)
    status = filters["status"] or (
        "all" if set(filters) - {"status", "cohort", "community", "lead_officer"} else "open"
    )
    if status == "open":
        qs = qs.open()
    elif status == "removed":
        qs = qs.filter(removed_on__isnull=False)
    day = filters.get("on")
    if day:
        qs = qs.open_on(day)
    if "adopted_from" in filters:
        qs = qs.filter(adopted_on__gte=filters["adopted_from"])
    if "adopted_to" in filters:
        qs = qs.filter(adopted_on__lte=filters["adopted_to"])
    if "removed_from" in filters:
        qs = qs.filter(removed_on__gte=filters["removed_from"])
    if "removed_to" in filters:
        qs = qs.filter(removed_on__lte=filters["removed_to"])
    if "active_from" in filters and "active_to" in filters:
        qs = qs.active_between(filters["active_from"], filters["active_to"])
    if "lead_officer" in filters:
        qs = qs.filter(lead_officer__username=filters["lead_officer"])
    if "reason" in filters:
        qs = qs.filter(removal_reason=filters["reason"])
    # The cohort (moves replayed) and community status on the chosen date, as the models'
    # cohort_on and managed_in_community_on give them, computed in the database.
    qs = qs.with_status_on(day or today)
    if "cohort" in filters:
        qs = qs.filter(cohort_as_at=filters["cohort"])
    if "community" in filters:
        qs = qs.filter(community_as_at=filters["community"] == "yes")
    return qs.order_by("offender__last_name", "offender__first_name", "pk")


def query_without(request, *names) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k not in names])


@iom_staff_required
def cohort(request):
    today = timezone.localdate()
    filters, bad = _cohort_filters(request)
    memberships = _filtered_memberships(request.user, filters, today)
    page = page_of(memberships, request)
    count = page.paginator.count
    query = query_without(request, "page")
    # One event, linked to everyone on the page; a filtered list is a search (DPA 2018 s.62).
    record_bulk_read(
        user=request.user,
        people=[m.offender_id for m in page.object_list],
        action=Action.SEARCH if query else Action.LIST,
        query=query,
        purpose=declared_purpose(request, "IOM cohort"),
        request=request,
        detail={"search": "iom-cohort", "results": count},
    )
    page.object_list = [CohortRow.of(m) for m in page.object_list]
    reviews = _next_reviews([r.m for r in page.object_list])
    for row in page.object_list:
        row.next_review = reviews.get(row.m.pk)
    return render(
        request,
        "cohorts/iom/cohort.html",
        {
            "filters": filters,
            "bad_filters": bad,
            "page": page,
            "count": count,
            "cohort_choices": COHORT_CHOICES,
            "reason_choices": REMOVAL_REASON_CHOICES,
            "query": query,
            "export_form": ExportForm(),
            "export_fields": [
                (k, v) for k, v in request.GET.items() if k not in {"page", "purpose"}
            ],
            "today": today,
            "now": timezone.now(),
        },
    )


@iom_staff_required
def export(request):
    """The filtered cohort list as CSV; the export and its purpose go in the access log."""
    form = ExportForm(request.GET)
    back = f"{reverse('iom-cohort')}?{query_without(request, 'purpose', 'page')}"
    if not form.is_valid():
        messages.error(request, "Say why you are exporting the list: the purpose is recorded.")
        return redirect(back)
    today = timezone.localdate()
    filters, _bad = _cohort_filters(request)
    memberships = _filtered_memberships(request.user, filters, today)
    return csv_download(
        request=request,
        export="iom-cohort",
        purpose=form.cleaned_data["purpose"],
        query=query_without(request, "purpose", "page"),
        filename=f"iom-cohort-{today:%Y-%m-%d}.csv",
        header=[
            "membership",
            "pnc_id",
            "name",
            "date_of_birth",
            "cohort",
            "adopted_on",
            "lead_officer",
            "managed_in_community",
            "in_custody",
            "ogrs_score",
            "removed_on",
            "removal_reason",
        ],
        rows=(
            [
                row.m.pk,
                row.m.offender.pnc_id,
                row.m.offender.full_name,
                row.m.offender.date_of_birth,
                row.cohort,
                row.m.adopted_on,
                row.m.lead_officer.username,
                "yes" if row.community else "no",
                "yes" if row.m.in_custody_on(today) else "no",
                row.m.ogrs_score,
                row.m.removed_on,
                row.m.removal_reason,
            ]
            for row in map(CohortRow.of, memberships.iterator(chunk_size=500))
        ),
        count=memberships.count(),
        people=memberships.values_list("offender_id", flat=True),
    )


# --- Adopt ------------------------------------------------------------------------------


@iom_staff_required
def adopt(request):
    """Find a person, then adopt them: warnings are shown on the member page, not blocking."""
    today = timezone.localdate()
    offender_id = request.POST.get("offender") or request.GET.get("offender")
    if not offender_id:
        find = FindPersonForm(request.GET or None)
        results = None
        if find.is_valid():
            results = find_people(
                request.user, find.cleaned_data["q"], purpose="iom-adopt", request=request
            )
        return render(request, "cohorts/iom/find.html", {"find": find, "results": results})

    offender = get_offender_for_user(request.user, offender_id)
    if request.method == "GET":
        record_access(
            user=request.user,
            action=Action.VIEW,
            offender=offender,
            request=request,
            detail={"page": "iom-adopt"},
        )
    open_membership = IomMembership.objects.filter(offender=offender).open().first()
    initial = {
        "offender": offender.pk,
        "adopted_on": today.isoformat(),
        "lead_officer": request.user.pk,
    }
    form = AdoptForm(request.POST or None, initial=initial, force=offender.force)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.adopt_iom_member(
                offender=offender,
                cohort=data["cohort"],
                adopted_on=data["adopted_on"],
                reason=data["reason"],
                lead_officer=data["lead_officer"],
                by=request.user,
                today=today,
                ogrs_score=data["ogrs_score"],
                statutory_supervision=data["statutory_supervision"],
                probation_contact=data["probation_contact"],
                managed_in_community=data["managed_in_community"],
                request=request,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{offender.full_name} adopted into the {membership.get_cohort_display().lower()} cohort.",
            )
            return redirect("iom-member", pk=membership.pk)
    return render(
        request,
        "cohorts/iom/adopt.html",
        {"form": form, "offender": offender, "open_membership": open_membership},
    )


@iom_staff_required
def adopt_preview(request):
    """The selection warnings for the adopt form as it stands (an htmx partial)."""
    offender = get_offender_for_user(request.user, request.GET.get("offender"))
    cohort = request.GET.get("cohort", "")
    adopted_on = parse_date(request.GET.get("adopted_on"))
    raw_score = request.GET.get("ogrs_score", "")
    score = int(raw_score) if raw_score.isdigit() and int(raw_score) <= 100 else None
    warnings = None
    if cohort in dict(COHORT_CHOICES) and adopted_on is not None:
        warnings = selectors.selection_warnings_for(
            offender=offender,
            cohort=cohort,
            adopted_on=adopted_on,
            ogrs_score=score,
            statutory_supervision=request.GET.get("statutory_supervision") == "yes",
        )
    return render(request, "cohorts/iom/_selection_warnings.html", {"warnings": warnings})


# --- Member -----------------------------------------------------------------------------


def _member(request, pk) -> IomMembership:
    return get_object_or_404(visible_memberships(request.user).prefetch_related("moves"), pk=pk)


@iom_staff_required
def member(request, pk: int):
    """One membership: selection facts, status, reviews, moves, and offending before and since."""
    today = timezone.localdate()
    membership = _member(request, pk)
    profile = selectors.member_profile(membership, today)
    record_access(
        user=request.user,
        action=Action.VIEW,
        offender=membership.offender,
        target=membership,
        request=request,
    )
    others = (
        IomMembership.objects.filter(offender=membership.offender)
        .exclude(pk=membership.pk)
        .order_by("-adopted_on")
    )
    return render(
        request,
        "cohorts/iom/member.html",
        {
            "m": membership,
            "profile": profile,
            "review": _next_reviews([membership]).get(membership.pk),
            "reviews": membership.reviews.select_related("reviewed_by"),
            "moves": membership.moves.all(),
            "others": others,
            "in_custody": membership.in_custody_on(today),
            "community": membership.managed_in_community_on(today),
            "now": timezone.now(),
            "harm_explanation": rules.HARM_REDUCTION_EXPLANATION,
        },
    )


def _stale_message(request, error: StaleVersion) -> None:
    messages.error(
        request,
        f"{error} The page now shows the current record (version {error.current_version}).",
    )


@iom_staff_required
def details(request, pk: int):
    """Change the lead officer, probation contact or managed-in-community override."""
    membership = _member(request, pk)
    if not membership.is_open:
        messages.error(request, "This membership has ended: its details cannot change.")
        return redirect("iom-member", pk=pk)
    override = membership.managed_in_community_override
    initial = {
        "version": membership.version,
        "lead_officer": membership.lead_officer_id,
        "probation_contact": membership.probation_contact,
        "managed_in_community": "" if override is None else ("yes" if override else "no"),
    }
    form = DetailsForm(request.POST or None, initial=initial, force=membership.force)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_iom_member(
                membership=membership,
                version=form.cleaned_data["version"],
                by=request.user,
                at=timezone.now(),
                lead_officer=form.cleaned_data["lead_officer"],
                probation_contact=form.cleaned_data["probation_contact"],
                managed_in_community=form.cleaned_data["managed_in_community"],
                request=request,
            )
        except StaleVersion as error:
            _stale_message(request, error)
            return redirect("iom-member", pk=pk)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Membership details saved.")
            return redirect("iom-member", pk=pk)
    return render(request, "cohorts/iom/details.html", {"form": form, "m": membership})


@iom_staff_required
def move(request, pk: int):
    today = timezone.localdate()
    membership = _member(request, pk)
    if not membership.is_open:
        messages.error(request, "This membership has ended: it cannot be moved.")
        return redirect("iom-member", pk=pk)
    form = MoveForm(
        request.POST or None, initial={"version": membership.version, "moved_on": today.isoformat()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            _m, warnings = services.move_iom_member(
                membership=membership,
                to_cohort=form.cleaned_data["cohort"],
                moved_on=form.cleaned_data["moved_on"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
                by=request.user,
                today=today,
                request=request,
            )
        except StaleVersion as error:
            _stale_message(request, error)
            return redirect("iom-member", pk=pk)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Moved to the {rules.Cohort(form.cleaned_data['cohort']).label.lower()} cohort.",
            )
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("iom-member", pk=pk)
    return render(request, "cohorts/iom/move.html", {"form": form, "m": membership})


@iom_staff_required
def review(request, pk: int):
    today = timezone.localdate()
    membership = _member(request, pk)
    if not membership.is_open:
        messages.error(request, "This membership has ended: there is nothing to review.")
        return redirect("iom-member", pk=pk)
    form = ReviewForm(request.POST or None, initial={"reviewed_on": today.isoformat()})
    if request.method == "POST" and form.is_valid():
        try:
            row = services.record_iom_review(
                membership=membership,
                reviewed_on=form.cleaned_data["reviewed_on"],
                notes=form.cleaned_data["notes"],
                by=request.user,
                today=today,
                request=request,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Review recorded. The next review is due by {row.next_review_due_on:%d %B %Y}.",
            )
            return redirect("iom-member", pk=pk)
    return render(request, "cohorts/iom/review.html", {"form": form, "m": membership})


@iom_staff_required
def remove(request, pk: int):
    today = timezone.localdate()
    membership = _member(request, pk)
    if not membership.is_open:
        messages.error(request, "This membership has already ended.")
        return redirect("iom-member", pk=pk)
    form = RemoveForm(
        request.POST or None,
        initial={"version": membership.version, "removed_on": today.isoformat()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_iom_member(
                membership=membership,
                removed_on=form.cleaned_data["removed_on"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                version=form.cleaned_data["version"],
                by=request.user,
                at=timezone.now(),
                today=today,
                request=request,
            )
        except StaleVersion as error:
            _stale_message(request, error)
            return redirect("iom-member", pk=pk)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, f"{membership.offender.full_name} removed from the IOM scheme."
            )
            return redirect("iom-member", pk=pk)
    return render(request, "cohorts/iom/remove.html", {"form": form, "m": membership})

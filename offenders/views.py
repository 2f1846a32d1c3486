"""People pages: search (htmx as you type), create, edit, the person's page, merge."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from accounts.permissions import can_view_access_log
from audit.exports import csv_download
from audit.forms import PurposeForm
from audit.models import Action
from audit.selectors import CSV_COLUMNS, csv_rows, events_for_offender
from audit.services import (
    declared_purpose,
    opened_from,
    record_access,
    record_bulk_read,
    record_search,
)
from core.concurrency import StaleVersion
from core.forms import apply_service_errors
from core.paging import page_of
from offenders import extensions, services
from offenders.access import get_offender_for_user, visible_offenders
from offenders.duplicates import possible_duplicates
from offenders.forms import (
    AddressForm,
    AliasForm,
    MarkerForm,
    MergeForm,
    OffenceForm,
    OffenderEditForm,
    OffenderForm,
    SearchForm,
    SubjectAccessForm,
)
from offenders.merge import merge_offenders
from offenders.models import Marker, Offence, Offender
from offenders.permissions import (
    can_edit_people,
    can_merge_people,
    can_restrict_people,
    can_see_people,
)
from offenders.search import search
from offenders.subject_access import person_for_subject_access, subject_access_response
from offenders.summary import badges_for, summary_for
from offenders.timeline import timeline_for

PAGE_SIZE = 50


def _require_people(user) -> None:
    if not can_see_people(user):
        raise PermissionDenied("Your role does not give access to people's records.")


def _list_queryset(user):
    return (
        visible_offenders(user)
        .select_related("home_area")
        .prefetch_related("aliases", Prefetch("markers", queryset=Marker.objects.active()))
    )


def search_page(request):
    """Search people; the results partial is swapped in by htmx as the user types."""
    _require_people(request.user)
    form = SearchForm(request.GET)
    text = form.data.get("q", "").strip()
    if not form.is_valid():  # too long: say so, search for nothing
        text = ""
    if text:
        results = search(_list_queryset(request.user), text, limit=PAGE_SIZE)
        # As you type, htmx asks on every pause: one log row per distinct query a minute,
        # linked to everyone it returned.
        record_search(
            user=request.user,
            query=text,
            now=timezone.now(),
            request=request,
            purpose=declared_purpose(request, "People search"),
            people=results,
        )
        page = None
    else:
        page = page_of(
            _list_queryset(request.user).order_by("last_name", "first_name", "pk"), request
        )
        results = list(page.object_list)
        record_bulk_read(
            user=request.user,
            people=results,
            purpose=declared_purpose(request, "People list"),
            request=request,
            detail={"page": "people list", "page_number": page.number},
        )
    badges = badges_for([p.pk for p in results], user=request.user)
    for person in results:
        person.badges = badges[person.pk]
    context = {
        "form": form,
        "query": text,
        "results": results,
        "page": page,
        "can_edit": can_edit_people(request.user),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "offenders/_results.html" if partial else "offenders/search.html"
    return render(request, template, context)


def create_page(request):
    _require_people(request.user)
    if not can_edit_people(request.user):
        raise PermissionDenied()
    force = request.user.force
    if force is None:
        raise PermissionDenied("Your account belongs to no force, so it cannot record people.")
    form = OffenderForm(request.POST or None, force=force)
    if request.method == "POST" and form.is_valid():
        try:
            offender = services.create_offender(
                today=timezone.localdate(), by=request.user, force=force, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"{offender.full_name} has been recorded.")
            return redirect("person", pk=offender.pk)
    return render(request, "offenders/form.html", {"form": form, "title": "Record a person"})


def _initial(offender: Offender) -> dict:
    return {
        "first_name": offender.first_name,
        "middle_names": offender.middle_names,
        "last_name": offender.last_name,
        "date_of_birth": offender.date_of_birth,
        "gender": offender.gender,
        "pnc_id": offender.pnc_id or "",
        "cro_number": offender.cro_number,
        "ethnicity": offender.ethnicity,
        "officer_ethnicity": offender.officer_ethnicity,
        "home_area": offender.home_area,
        "in_prison_since": offender.in_prison_since,
        "notes": offender.notes,
        "version": offender.version,
    }


def edit_page(request, pk):
    offender = get_offender_for_user(request.user, pk)
    if not can_edit_people(request.user):
        raise PermissionDenied()
    form = OffenderEditForm(request.POST or None, initial=_initial(offender), force=offender.force)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.update_offender(
                today=timezone.localdate(),
                offender=offender,
                by=request.user,
                version=version,
                **data,
            )
        except StaleVersion:
            offender.refresh_from_db()
            conflict = offender
            # Keep what the user typed, but let them resubmit against the current version.
            form.data = form.data.copy()
            form.data["version"] = str(offender.version)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "The record has been updated.")
            return redirect("person", pk=offender.pk)
    return render(
        request,
        "offenders/form.html",
        {
            "form": form,
            "title": f"Change {offender.full_name}",
            "offender": offender,
            "conflict": conflict,
        },
    )


# Bookkeeping columns that change with every save and mean nothing to a reader.
_UNTRACKED = {"version", "updated_at", "search_text", "search_keys", "skeleton_keys"}


def change_history(offender, limit: int = 20) -> list[dict]:
    """What changed in the person's record, when and by whom (django-simple-history)."""
    versions = list(
        offender.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    changes = []
    # A record loaded in bulk (a migration, the generator) may have no history row at all.
    for i, newer in enumerate(versions):
        older = versions[i + 1] if i + 1 < len(versions) else None
        if len(changes) == limit:
            break
        entry = {
            "when": newer.history_date,
            "who": newer.history_user,
            "created": older is None,
            "fields": [],
        }
        if older is not None:
            for change in newer.diff_against(older).changes:
                if change.field in _UNTRACKED or change.field.startswith("search"):
                    continue
                field = Offender._meta.get_field(change.field)
                entry["fields"].append(
                    {
                        "label": str(field.verbose_name).capitalize(),
                        "old": _human_value(field, change.old),
                        "new": _human_value(field, change.new),
                    }
                )
            if not entry["fields"]:
                continue
        changes.append(entry)
    return changes


def _human_value(field, value) -> str:
    """A changed value as officers read it: a choice's label ("White – English, ...", not
    "W1"), a related record's name ("Ipswich", not 3), a date in words; "" when blank."""
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    return str(value)


RESTRICTED_WHY = (
    "This person's record is restricted to named users, so every visit needs a reason "
    "(the case or task you are working on)."
)


def person_page(request, pk):
    offender = get_offender_for_user(request.user, pk)
    # Declared, else the page it was opened from ("From bail case 12"), else the record.
    purpose = declared_purpose(request, opened_from(request))
    if offender.restricted:
        # A restricted person has no context to read a purpose from: ask (DPA 2018 s.62(2)).
        why = PurposeForm(request.GET if "purpose" in request.GET else None)
        if not why.is_valid():
            return render(
                request,
                "audit/why.html",
                {"form": why, "what": offender.full_name, "why_asked": RESTRICTED_WHY},
            )
        purpose = why.cleaned_data["purpose"]
    record_access(
        user=request.user,
        action="view",
        offender=offender,
        target=offender,
        purpose=purpose,
        request=request,
    )
    offender = (
        Offender.objects.filter(pk=offender.pk)
        .select_related("force", "home_area", "created_by")
        .prefetch_related(
            "aliases",
            "addresses",
            Prefetch("markers", queryset=Marker.objects.select_related("added_by")),
            Prefetch("offences", queryset=Offence.objects.select_related("offence_type", "area")),
        )
        .get()
    )
    markers = [m for m in offender.markers.all() if m.removed_on is None]
    duplicates = possible_duplicates(offender, _list_queryset(request.user))
    if duplicates:
        record_bulk_read(
            user=request.user,
            people=[d.offender for d in duplicates],
            purpose=f"Possible duplicates of person {offender.pk}",
            request=request,
            detail={"page": "possible duplicates", "of": offender.pk},
        )
    return render(
        request,
        "offenders/person.html",
        {
            "offender": offender,
            "markers": markers,
            "summary": summary_for(offender),
            "badges": badges_for([offender.pk], user=request.user)[offender.pk],
            "duplicates": duplicates,
            "timeline": timeline_for(offender, request.user),
            "current_address": next((a for a in offender.addresses.all() if a.is_current), None),
            "age": offender.age_on(timezone.localdate()),
            "can_edit": can_edit_people(request.user),
            "can_merge": can_merge_people(request.user),
            "can_restrict": can_restrict_people(request.user),
            "can_read_access_log": can_view_access_log(request.user),
            "actions": extensions.actions_for(offender, request.user),
            "changes": change_history(offender),
        },
    )


def _add_part(request, pk, form_class, action, title):
    offender = get_offender_for_user(request.user, pk)
    if not can_edit_people(request.user):
        raise PermissionDenied()
    form = form_class(request.POST or None, initial={"added_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            action(
                offender=offender, by=request.user, today=timezone.localdate(), **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"{title} saved.")
            return redirect("person", pk=offender.pk)
    return render(
        request, "offenders/form.html", {"form": form, "title": title, "offender": offender}
    )


def add_offence_page(request, pk):
    return _add_part(request, pk, OffenceForm, services.add_offence, "Add an offence")


@require_POST
def remove_marker_page(request, pk, marker_pk):
    """Take a warning marker off the record (it stays in the history as removed)."""
    offender = get_offender_for_user(request.user, pk)
    if not can_edit_people(request.user):
        raise PermissionDenied()
    marker = get_object_or_404(Marker, pk=marker_pk, offender=offender, removed_on=None)
    services.remove_marker(today=timezone.localdate(), marker=marker, by=request.user)
    messages.success(request, f"Warning marker “{marker.get_kind_display()}” removed.")
    return redirect("person", pk=offender.pk)


def add_marker_page(request, pk):
    return _add_part(request, pk, MarkerForm, services.add_marker, "Add a warning marker")


def add_alias_page(request, pk):
    return _add_part(request, pk, AliasForm, services.add_alias, "Add an alias or previous name")


def add_address_page(request, pk):
    return _add_part(request, pk, AddressForm, services.add_address, "Add an address")


def merge_page(request, pk, duplicate_pk):
    survivor = get_offender_for_user(request.user, pk)
    duplicate = get_offender_for_user(request.user, duplicate_pk)
    if not can_merge_people(request.user):
        raise PermissionDenied("Only supervisors and administrators can merge records.")
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            merge_offenders(
                survivor=survivor,
                duplicate=duplicate,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, f"The duplicate record has been merged into {survivor.full_name}'s."
            )
            return redirect("person", pk=survivor.pk)
    return render(
        request,
        "offenders/merge.html",
        {"form": form, "survivor": survivor, "duplicate": duplicate},
    )


def access_log_page(request, pk: int):
    """Who looked at or changed this person's records. ?format=csv downloads it (logged)."""
    if not can_view_access_log(request.user):
        raise PermissionDenied
    offender = get_offender_for_user(request.user, pk)
    events = events_for_offender(offender)
    if request.GET.get("format") == "csv":
        return csv_download(
            request=request,
            export="access-log",
            purpose="Access log export for audit",
            offender=offender,
            recipients=request.user.username,
            filename=f"access-log-person-{offender.pk}.csv",
            header=CSV_COLUMNS,
            rows=csv_rows(events),
        )
    record_access(
        user=request.user,
        action=Action.VIEW,
        offender=offender,
        request=request,
        detail={"page": "access_log"},
    )
    page = page_of(events, request)
    return render(request, "offenders/access_log.html", {"offender": offender, "page": page})


def subject_access_page(request, pk: int):
    """One document of everything held on the person, for a subject access request."""
    if not can_view_access_log(request.user):
        raise PermissionDenied
    offender = person_for_subject_access(request.user, pk)
    form = SubjectAccessForm(request.GET if "download" in request.GET else None)
    if form.is_valid():
        return subject_access_response(
            offender, user=request.user, now=timezone.now(), request=request, **form.cleaned_data
        )
    return render(
        request,
        "offenders/subject_access.html",
        {"offender": offender, "form": form},
        status=400 if form.errors else 200,
    )

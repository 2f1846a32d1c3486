"""What the wanted app adds to other apps' pages (registered from ``WantedConfig.ready()``):
the person's summary, badges and timeline (``offenders.extensions``) and custody's book-in
(``custody.extensions``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import CharField, F, Value
from django.urls import reverse
from django.utils import timezone

from wanted import services
from wanted.models import OutstandingSuspect, VoluntaryAttendance, WantedCirculation, Warrant
from wanted.permissions import can_view_wanted


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _officer(case) -> str:
    return case.officer_in_case.display_name if case.officer_in_case_id else "no officer named"


def wanted_summary(offender, today: dt.date) -> dict[str, Any]:
    """``wanted`` (bool), ``outstanding_warrants`` (count), ``outstanding_suspect`` (bool)."""
    return {
        "wanted": WantedCirculation.objects.filter(offender=offender).open().exists(),
        "outstanding_warrants": Warrant.objects.filter(offender=offender).open().count(),
        "outstanding_suspect": OutstandingSuspect.objects.filter(offender=offender).open().exists(),
    }


def wanted_badges(offender_ids: Iterable[int], today: dt.date) -> dict[int, list]:
    """ "Wanted", "Warrant" and "Outstanding suspect" tags, in one query (a UNION) however
    many people are listed."""
    from offenders.extensions import Badge

    ids = list(offender_ids)
    text = CharField()
    rows = (
        WantedCirculation.objects.filter(offender_id__in=ids, ended_on__isnull=True)
        .annotate(what=Value("wanted", output_field=text), detail=F("offence"))
        .values_list("offender_id", "what", "detail")
        .order_by()
        .union(
            Warrant.objects.filter(offender_id__in=ids, ended_on__isnull=True)
            .annotate(what=Value("warrant", output_field=text), detail=F("kind"))
            .values_list("offender_id", "what", "detail")
            .order_by(),
            OutstandingSuspect.objects.filter(offender_id__in=ids, ended_on__isnull=True)
            .annotate(what=Value("suspect", output_field=text), detail=F("crime_reference"))
            .values_list("offender_id", "what", "detail")
            .order_by(),
            all=True,
        )
    )
    found: dict[int, list] = defaultdict(list)
    suspects: set[int] = set()
    for offender_id, what, detail in sorted(rows, key=lambda row: (row[0], _ORDER[row[1]])):
        if what == "wanted":
            found[offender_id].append(Badge("Wanted", "red", detail[:60]))
        elif what == "warrant":
            found[offender_id].append(Badge("Warrant", "orange", detail.replace("_", " ")))
        elif offender_id not in suspects:
            suspects.add(offender_id)
            found[offender_id].append(Badge("Outstanding suspect", "yellow"))
    return dict(found)


_ORDER = {"wanted": 0, "warrant": 1, "suspect": 2}


def wanted_timeline(offender, user) -> list:
    from offenders.extensions import TimelineEntry

    links = can_view_wanted(user)
    entries = []
    for c in WantedCirculation.objects.filter(offender=offender).select_related("officer_in_case"):
        url = reverse("wanted-circulation", args=[c.pk]) if links else ""
        entries.append(
            TimelineEntry(
                at=c.circulated_on,
                kind="wanted",
                url=url,
                title=f"Circulated as wanted: {c.get_reason_display().lower()}",
                description=c.offence,
                by=_officer(c),
            )
        )
        if c.ended_on:
            entries.append(
                TimelineEntry(
                    at=c.ended_on,
                    kind="wanted",
                    url=url,
                    title=f"Wanted circulation ended: {c.get_outcome_display().lower()}",
                    description=c.end_note or c.offence,
                )
            )
    for s in OutstandingSuspect.objects.filter(offender=offender):
        url = reverse("wanted-suspect", args=[s.pk]) if links else ""
        entries.append(
            TimelineEntry(
                at=s.identified_on,
                kind="wanted",
                url=url,
                title=f"Identified as a suspect: crime {s.crime_reference}",
                description=s.offence,
            )
        )
        if s.ended_on:
            entries.append(
                TimelineEntry(
                    at=s.ended_on,
                    kind="wanted",
                    url=url,
                    title=f"Suspect dealt with: {s.get_resolution_display().lower()}",
                    description=s.offence,
                )
            )
    for w in Warrant.objects.filter(offender=offender):
        url = reverse("wanted-warrant", args=[w.pk]) if links else ""
        entries.append(
            TimelineEntry(
                at=w.issued_on,
                kind="wanted",
                url=url,
                title=f"Warrant issued: {w.get_kind_display().lower()}",
                description=f"{w.court}{' (backed for bail)' if w.backed_for_bail else ''}",
            )
        )
        if w.ended_on:
            entries.append(
                TimelineEntry(
                    at=w.ended_on,
                    kind="wanted",
                    url=url,
                    title=f"Warrant ended: {w.get_outcome_display().lower()}",
                    description=w.court,
                )
            )
    for a in VoluntaryAttendance.objects.filter(offender=offender):
        url = reverse("wanted-attendance", args=[a.pk]) if links else ""
        entries.append(
            TimelineEntry(
                at=a.interviewed_on,
                kind="wanted",
                url=url,
                title="Interviewed under caution as a voluntary attender",
                description=a.offence
                + (f". Outcome: {a.get_outcome_display().lower()}" if a.outcome else ""),
            )
        )
    return entries


def book_in_notices(offender, user) -> list:
    """Book-in shows that the person is wanted, for what and by whom, and any warrant."""
    from custody.extensions import BookInNotice

    links = can_view_wanted(user)
    notices = []
    for c in (
        WantedCirculation.objects.filter(offender=offender)
        .open()
        .select_related("officer_in_case", "district")
    ):
        district = f", {c.district}" if c.district_id else ""
        notices.append(
            BookInNotice(
                title="Wanted",
                text=f"{c.offence} — circulated {_day(c.circulated_on)} by {_officer(c)}"
                f"{district} ({c.reference}, {c.get_reason_display().lower()})",
                url=reverse("wanted-circulation", args=[c.pk]) if links else "",
                consequence="Booking them in ends this circulation as arrested and links it "
                "to the detention. Cancel it on the PNC as usual.",
            )
        )
    for w in Warrant.objects.filter(offender=offender).open():
        notices.append(
            BookInNotice(
                title="Warrant",
                text=f"{w.get_kind_display()} warrant issued by {w.court} on "
                f"{_day(w.issued_on)}{' (backed for bail)' if w.backed_for_bail else ''}"
                f" ({w.reference})",
                colour="orange",
                url=reverse("wanted-warrant", args=[w.pk]) if links else "",
                consequence="Record on the warrant whether it was executed.",
            )
        )
    for s in OutstandingSuspect.objects.filter(offender=offender).open():
        notices.append(
            BookInNotice(
                title="Outstanding suspect",
                text=f"Crime {s.crime_reference}: {s.offence} ({s.reference})",
                colour="yellow",
                url=reverse("wanted-suspect", args=[s.pk]) if links else "",
            )
        )
    return notices


def end_circulations_on_book_in(detention, by) -> list[str]:
    ended = services.end_on_book_in(detention=detention, by=by, now=timezone.now())
    return [
        f"Wanted circulation {c.reference} ended: arrested; it now links to this detention."
        for c in ended
    ]

"""A subject access request (DPA 2018 s.45): one document of everything Desist holds on a
person, itself logged as a disclosure to the requester.

The document: the record (names, aliases, addresses, markers, offences, what each app
summarises), the history across every app (the timeline registry), the record's change
history, any duplicate records merged into it, and the access-log summary. What the
preparing user may not see (e.g. public-protection records without a PPU role) is left out
by the same access rules as the person's page: a supervisor with every role should prepare it.
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone

from audit.models import Action
from audit.services import record_access
from audit.subject_access import access_log_summary
from offenders import rules
from offenders.access import get_offender_for_user
from offenders.choices import OffenceCategory
from offenders.models import Marker, Offence, Offender
from offenders.rules import RetentionPolicy
from offenders.serializers import OffenderDetailSerializer
from offenders.summary import summary_for
from offenders.timeline import timeline_for


def person_for_subject_access(user, pk) -> Offender:
    """The person through the access gate (404 as usual), with the record's parts preloaded."""
    offender = get_offender_for_user(user, pk)
    return (
        Offender.objects.filter(pk=offender.pk)
        .select_related("force", "home_area")
        .prefetch_related(
            "aliases",
            "addresses",
            Prefetch("markers", queryset=Marker.objects.select_related("added_by")),
            Prefetch("offences", queryset=Offence.objects.select_related("offence_type", "area")),
        )
        .get()
    )


def retention(offender: Offender, summary: dict, entries, policy: RetentionPolicy) -> dict:
    """The MoPI group and review date read from the records (``rules.retention_review_on``):
    the last recorded event is the newest entry of the person's history in any app."""
    serious = any(
        o.offence_type.category == OffenceCategory.INDICTABLE_ONLY for o in offender.offences.all()
    )
    public_protection = any(
        str(c).startswith(("rso", "mappa")) for c in summary.get("cohorts") or []
    )
    group = rules.mopi_group(public_protection=public_protection, serious=serious)
    days = [e.at.date() if isinstance(e.at, dt.datetime) else e.at for e in entries]
    last_event = max(days, default=timezone.localdate(offender.created_at))
    return {
        "mopi_group": group,
        "last_recorded_event_on": last_event.isoformat(),
        "review_due_on": rules.retention_review_on(
            group=group,
            last_event_on=last_event,
            date_of_birth=offender.date_of_birth,
            policy=policy,
        ).isoformat(),
    }


def retention_policy() -> RetentionPolicy:
    """The force's periods: ``settings.MOPI_RETENTION`` (a dict of RetentionPolicy fields)
    over the national defaults."""
    return RetentionPolicy(**getattr(settings, "MOPI_RETENTION", {}))


def subject_access_document(offender: Offender, *, user, reference: str, now) -> dict:
    """``offender`` must come from the access gate, with its parts preloaded."""
    summary = summary_for(offender, timezone.localdate(now))
    person = OffenderDetailSerializer(offender, context={"summary": summary}).data
    entries = timeline_for(offender, user)
    history = [
        {
            "at": entry.at.isoformat(),
            "kind": entry.kind,
            "title": entry.title,
            "description": entry.description,
            "by": entry.by,
        }
        for entry in entries
    ]
    changes = [
        {
            "at": timezone.localtime(version.history_date).isoformat(),
            "by": version.history_user.username if version.history_user_id else "",
            "type": {"+": "created", "~": "changed", "-": "deleted"}[version.history_type],
        }
        for version in offender.history.select_related("history_user").order_by("history_date")
    ]
    merged = list(
        Offender.objects.filter(merged_into=offender).values("pk", "merged_at", "merge_reason")
    )
    return {
        "document": "Subject access request",
        "reference": reference,
        "prepared_at": timezone.localtime(now).isoformat(),
        "prepared_by": user.username,
        "person": person,
        "history": history,
        "record_changes": changes,
        "merged_records": merged,
        "retention": retention(offender, summary, entries, retention_policy()),
        "access_log": access_log_summary(offender),
    }


def subject_access_response(
    offender: Offender, *, user, reference: str, recipient: str, now, request=None
) -> HttpResponse:
    """The document as a JSON download, logged first as a disclosure to ``recipient``."""
    document = subject_access_document(offender, user=user, reference=reference, now=now)
    record_access(
        user=user,
        action=Action.EXPORT,
        offender=offender,
        purpose=f"Subject access request {reference}",
        justification=f"Subject access request {reference}",
        recipients=recipient,
        detail={"export": "subject access", "reference": reference},
        request=request,
    )
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="subject-access-{offender.pk}-{now:%Y-%m-%d}.json"'
    )
    return response

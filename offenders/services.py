"""Writes to nominal records. Every function: keyword-only, one transaction, audit inside it.

Input has been parsed into Python values by a serializer or form; these functions validate
the rules (PNC ID check letter and uniqueness, date of birth, codes, areas of the force)
and raise a Django ``ValidationError({field: [message]})`` before anything is saved.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from audit.services import record_access
from core.concurrency import bump_version, check_version
from offenders.models import (
    Address,
    Alias,
    AliasKind,
    Ethnicity,
    Gender,
    Marker,
    MarkerKind,
    Offence,
    OffenceType,
    Offender,
    OfficerEthnicity,
    OutcomeCode,
)
from offenders.rules import (
    PncError,
    RuleViolation,
    check_date_of_birth,
    check_outcome_date,
    normalise_pnc_id,
)

# The fields of a person that create/update accept (API, forms, admin all go through here).
EDITABLE_FIELDS = [
    "first_name",
    "middle_names",
    "last_name",
    "date_of_birth",
    "gender",
    "pnc_id",
    "cro_number",
    "ethnicity",
    "officer_ethnicity",
    "home_area",
    "in_prison_since",
    "notes",
]
_MAX_LENGTHS = {
    f.name: f.max_length for f in Offender._meta.fields if getattr(f, "max_length", None)
}
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$")


class _Errors:
    """Collects field errors so that the caller sees every problem at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _check_person(
    values: dict[str, Any], *, force, instance: Offender | None, today: dt.date
) -> dict[str, Any]:
    """Validate person fields (only those present in ``values``); return them cleaned."""
    errors = _Errors()
    cleaned = dict(values)
    for field in ("first_name", "last_name"):
        if field in values and not (values[field] or "").strip():
            errors.add(field, f"Enter the person's {field.replace('_', ' ')}.")
    for field, value in values.items():
        if field not in EDITABLE_FIELDS:
            errors.add(field, "This field cannot be set here.")
            continue
        if isinstance(value, str):
            cleaned[field] = text = value.strip()
            limit = _MAX_LENGTHS.get(field)
            if limit and len(text) > limit:
                errors.add(field, f"Enter no more than {limit} characters.")
    if values.get("date_of_birth") is not None:
        try:
            check_date_of_birth(values["date_of_birth"], today)
        except RuleViolation as exc:
            errors.add(exc.field, exc.message)
    elif "date_of_birth" in values:
        errors.add("date_of_birth", "Enter the person's date of birth.")
    for field, choices in (
        ("gender", Gender),
        ("ethnicity", Ethnicity),
        ("officer_ethnicity", OfficerEthnicity),
    ):
        if field in values and values[field] not in choices.values:
            errors.add(field, f"“{values[field]}” is not a known code.")
    if "pnc_id" in values:
        raw = (values["pnc_id"] or "").strip()
        if not raw:
            cleaned["pnc_id"] = None
        else:
            try:
                cleaned["pnc_id"] = normalise_pnc_id(raw)
            except PncError as exc:
                errors.add("pnc_id", str(exc))
            else:
                taken = Offender.objects.filter(pnc_id=cleaned["pnc_id"])
                if instance is not None:
                    taken = taken.exclude(pk=instance.pk)
                if taken.exists():
                    errors.add("pnc_id", "Another person already has this PNC ID.")
    area = values.get("home_area")
    if area is not None and area.force_id != force.pk:
        errors.add("home_area", "Choose a policing area of the person's force.")
    since = values.get("in_prison_since")
    if since is not None and since > today:
        errors.add("in_prison_since", "The date must be today or in the past.")
    errors.raise_if_any()
    return cleaned


def _check_alias(
    data: dict[str, Any], errors: _Errors, today: dt.date, field: str = "aliases"
) -> dict[str, Any]:
    last = (data.get("last_name") or "").strip()
    first = (data.get("first_name") or "").strip()
    if not last:
        errors.add(field, "Enter the alias's last name.")
    if len(first) > 100 or len(last) > 100:
        errors.add(field, "Enter no more than 100 characters for each name.")
    dob = data.get("date_of_birth")
    if dob is not None:
        try:
            check_date_of_birth(dob, today)
        except RuleViolation as exc:
            errors.add(field, exc.message)
    kind = data.get("kind") or AliasKind.ALIAS
    if kind not in AliasKind.values:
        errors.add(field, f"“{kind}” is not a known kind of name.")
    return {"first_name": first, "last_name": last, "date_of_birth": dob, "kind": kind}


def _save_or_field_error(instance, field: str, message: str, **kwargs) -> None:
    """Save inside a savepoint; a unique-constraint race becomes a field error, not a 500."""
    try:
        with transaction.atomic():
            instance.save(**kwargs)
    except IntegrityError:
        raise ValidationError({field: [message]}) from None


@transaction.atomic
def create_offender(
    *, today: dt.date, by, force, aliases: list[dict[str, Any]] | tuple = (), **values: Any
) -> Offender:
    """Create a person (and their aliases). Nothing is saved if anything is wrong."""
    values.setdefault("first_name", "")
    values.setdefault("last_name", "")
    values.setdefault("date_of_birth", None)
    errors = _Errors()
    try:
        cleaned = _check_person(values, force=force, instance=None, today=today)
    except ValidationError as exc:
        errors.errors.update(exc.message_dict)
        cleaned = {}
    alias_rows = [_check_alias(a, errors, today) for a in aliases]
    errors.raise_if_any()
    offender = Offender(force=force, created_by=by, **cleaned)
    _save_or_field_error(offender, "pnc_id", "Another person already has this PNC ID.")
    for row in alias_rows:
        Alias.objects.create(offender=offender, created_by=by, **row)
    if alias_rows:
        offender.save(update_fields=["search_text", "updated_at"])
    record_access(user=by, action="create", offender=offender, target=offender)
    return offender


@transaction.atomic
def update_offender(
    *, today: dt.date, offender: Offender, by, version: int | None, **changes: Any
) -> Offender:
    """Change a person's fields. Refused with StaleVersion if ``version`` is not current."""
    locked = Offender.objects.select_for_update().get(pk=offender.pk)
    check_version(locked, version)
    cleaned = _check_person(changes, force=locked.force, instance=locked, today=today)
    changed = [f for f, v in cleaned.items() if getattr(locked, f) != v]
    for field, value in cleaned.items():
        setattr(locked, field, value)
    try:
        with transaction.atomic():
            # auto_now sets updated_at in memory; only a field named here reaches the row.
            bump_version(locked, [*changed, "updated_at"])
    except IntegrityError:
        raise ValidationError({"pnc_id": ["Another person already has this PNC ID."]}) from None
    record_access(
        user=by, action="update", offender=locked, target=locked, detail={"changed": changed}
    )
    return locked


def _refresh_search_text(offender: Offender) -> None:
    offender.save(update_fields=["search_text", "updated_at"])


@transaction.atomic
def add_alias(
    *,
    today: dt.date,
    offender: Offender,
    by,
    last_name: str,
    first_name: str = "",
    date_of_birth=None,
    kind: str = AliasKind.ALIAS,
) -> Alias:
    errors = _Errors()
    row = _check_alias(
        {
            "first_name": first_name,
            "last_name": last_name,
            "date_of_birth": date_of_birth,
            "kind": kind,
        },
        errors,
        today,
        field="last_name",
    )
    errors.raise_if_any()
    alias = Alias.objects.create(offender=offender, created_by=by, **row)
    _refresh_search_text(offender)
    record_access(
        user=by, action="update", offender=offender, target=alias, detail={"added": "alias"}
    )
    return alias


@transaction.atomic
def add_address(
    *,
    today: dt.date,
    offender: Offender,
    by,
    line1: str,
    town: str,
    postcode: str,
    from_date: dt.date,
    line2: str = "",
    to_date: dt.date | None = None,
) -> Address:
    """Record an address. A new current address ends the previous current one the day before."""
    errors = _Errors()
    postcode = " ".join((postcode or "").upper().split())
    if postcode and " " not in postcode and len(postcode) >= 5:
        postcode = f"{postcode[:-3]} {postcode[-3:]}"
    if not (line1 or "").strip():
        errors.add("line1", "Enter the first line of the address.")
    if not (town or "").strip():
        errors.add("town", "Enter the town or city.")
    if not _POSTCODE.match(postcode):
        errors.add("postcode", "Enter a real postcode, like IP1 2AB.")
    for field, value, limit in (("line1", line1, 200), ("line2", line2, 200), ("town", town, 100)):
        if len(value or "") > limit:
            errors.add(field, f"Enter no more than {limit} characters.")
    if from_date is None:
        errors.add("from_date", "Enter the date the person started living here.")
    elif from_date > today:
        errors.add("from_date", "The date must be today or in the past.")
    if from_date is not None and to_date is not None and to_date < from_date:
        errors.add("to_date", "The end date must be on or after the start date.")
    errors.raise_if_any()
    if to_date is None:
        for current in Address.objects.select_for_update().filter(offender=offender).current():
            current.to_date = max(current.from_date, from_date - dt.timedelta(days=1))
            current.save(update_fields=["to_date"])
    address = Address.objects.create(
        offender=offender,
        created_by=by,
        line1=line1.strip(),
        line2=(line2 or "").strip(),
        town=town.strip(),
        postcode=postcode,
        from_date=from_date,
        to_date=to_date,
    )
    record_access(
        user=by, action="update", offender=offender, target=address, detail={"added": "address"}
    )
    return address


@transaction.atomic
def add_marker(
    *,
    today: dt.date,
    offender: Offender,
    by,
    kind: str,
    details: str = "",
    added_on: dt.date | None = None,
) -> Marker:
    errors = _Errors()
    if kind not in MarkerKind.values:
        errors.add("kind", f"“{kind}” is not a known warning marker.")
    if len(details or "") > 500:
        errors.add("details", "Enter no more than 500 characters.")
    added_on = added_on or today
    if added_on > today:
        errors.add("added_on", "The date must be today or in the past.")
    errors.raise_if_any()
    marker = Marker.objects.create(
        offender=offender,
        kind=kind,
        details=(details or "").strip(),
        added_on=added_on,
        added_by=by,
    )
    record_access(
        user=by, action="update", offender=offender, target=marker, detail={"added": "marker"}
    )
    return marker


@transaction.atomic
def remove_marker(
    *, today: dt.date, marker: Marker, by, removed_on: dt.date | None = None
) -> Marker:
    removed_on = removed_on or today
    if removed_on < marker.added_on:
        raise ValidationError({"removed_on": ["The marker cannot end before it was added."]})
    marker.removed_on = removed_on
    marker.save(update_fields=["removed_on"])
    record_access(
        user=by,
        action="update",
        offender=marker.offender,
        target=marker,
        detail={"removed": "marker"},
    )
    return marker


@transaction.atomic
def add_offence(
    *,
    today: dt.date,
    offender: Offender,
    by,
    offence_type: OffenceType,
    committed_on: dt.date,
    outcome: str = "",
    outcome_on: dt.date | None = None,
    area=None,
    description: str = "",
) -> Offence:
    errors = _Errors()
    if committed_on > today:
        errors.add("committed_on", "The date must be today or in the past.")
    if outcome and outcome not in OutcomeCode.values:
        errors.add("outcome", f"“{outcome}” is not a Home Office outcome code.")
    if outcome_on is not None and outcome_on < committed_on:
        errors.add("outcome_on", "The outcome date must be on or after the offence date.")
    if outcome in OutcomeCode.values:
        try:
            check_outcome_date(outcome, outcome_on or committed_on)
        except RuleViolation as refused:
            errors.add(refused.field, refused.message)
    if area is not None and area.force_id != offender.force_id:
        errors.add("area", "Choose a policing area of the person's force.")
    if len(description or "") > 300:
        errors.add("description", "Enter no more than 300 characters.")
    errors.raise_if_any()
    offence = Offence.objects.create(
        offender=offender,
        offence_type=offence_type,
        committed_on=committed_on,
        outcome=outcome,
        outcome_on=outcome_on,
        area=area,
        description=description,
    )
    record_access(
        user=by, action="update", offender=offender, target=offence, detail={"added": "offence"}
    )
    return offence


@transaction.atomic
def restrict_offender(*, offender: Offender, users, reason: str, by) -> Offender:
    """Make ``offender`` visible only to ``users`` (at least one), for ``reason``."""
    users = list(users)
    errors: dict[str, list[str]] = {}
    if not users:
        errors["users"] = ["Name at least one user who may still see this person."]
    if not reason.strip():
        errors["reason"] = ["Say why this person's record is restricted."]
    if any(u.force_id != offender.force_id for u in users):
        errors["users"] = ["Name users of the person's own force."]
    if errors:
        raise ValidationError(errors)
    locked = Offender.objects.select_for_update().get(pk=offender.pk)
    locked.restricted = True
    locked.restriction_reason = reason.strip()[:300]
    bump_version(locked, ["restricted", "restriction_reason"])
    locked.restricted_to.set(users)
    record_access(
        user=by,
        action="update",
        offender=locked,
        target=locked,
        detail={
            "restricted_to": sorted(u.username for u in users),
            "reason": locked.restriction_reason,
        },
    )
    return locked


@transaction.atomic
def lift_restriction(*, offender: Offender, by) -> Offender:
    locked = Offender.objects.select_for_update().get(pk=offender.pk)
    locked.restricted = False
    locked.restriction_reason = ""
    bump_version(locked, ["restricted", "restriction_reason"])
    locked.restricted_to.clear()
    record_access(
        user=by, action="update", offender=locked, target=locked, detail={"restricted": False}
    )
    return locked

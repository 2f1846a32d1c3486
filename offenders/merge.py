"""Merging a duplicate person into the survivor: one mechanism for every app, present and future.

``merge_offenders`` walks every relation that points at ``Offender`` in every installed
model (``Offender._meta.related_objects``) and re-points the duplicate's rows to the
survivor in one UPDATE per relation, so an app's new model is covered without a line
here. Exceptions, each deliberate:

* ``KEEP_ON_ORIGINAL``: the access log (audit.AccessEvent) keeps pointing at the record
  that was actually viewed, searched or changed: rewriting it would falsify the trail.
* History tables (django-simple-history) are not in ``related_objects`` (their links are
  hidden, ``related_name="+"``): the duplicate's history stays the duplicate's history.
* ``offenders.extensions.merge_handlers``: an app whose rows cannot simply be re-pointed
  (say, a one-per-person row) registers a function ``(duplicate, survivor) -> int`` under
  its model label from its ``AppConfig.ready()``.

A database constraint that the move would break (two open detentions, two one-to-one
rows) is answered as a field error on ``duplicate`` and nothing is changed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from audit.services import record_access
from core.concurrency import bump_version
from offenders import extensions
from offenders.models import Alias, AliasKind, Offender

KEEP_ON_ORIGINAL = {"audit.accessevent"}


def relations() -> list[tuple[type[models.Model], models.Field]]:
    """(model, field) for every foreign key, one-to-one or many-to-many link to Offender."""
    found = []
    for rel in Offender._meta.related_objects:
        if rel.many_to_many:
            # A ManyToManyRel: re-point the rows of its through table.
            through = rel.through  # type: ignore[attr-defined]
            for field in through._meta.fields:
                if getattr(field, "related_model", None) is Offender:
                    found.append((through, field))
        else:
            found.append((rel.related_model, rel.field))
    return found


def related_counts(offender: Offender) -> dict[str, int]:
    """How many rows of each relation point at ``offender`` (the merge test's ledger)."""
    counts = {}
    for model, field in relations():
        label = f"{model._meta.label_lower}.{field.name}"
        counts[label] = model._base_manager.filter(**{field.name: offender}).count()
    return counts


def _move(model, field, duplicate: Offender, survivor: Offender) -> int:
    label = model._meta.label_lower
    if label in extensions.merge_handlers:
        return extensions.merge_handlers[label](duplicate, survivor)
    rows = model._base_manager.filter(**{field.name: duplicate})
    if model._meta.auto_created:
        # A many-to-many link the survivor already has is the same fact: drop the copy.
        others = [f.name for f in model._meta.fields if f.is_relation and f is not field]
        for row in list(rows):
            same = {name: getattr(row, f"{name}_id") for name in others}
            if model._base_manager.filter(**{field.name: survivor}, **same).exists():
                row.delete()
        rows = model._base_manager.filter(**{field.name: duplicate})
    return rows.update(**{field.name: survivor})


@transaction.atomic
def merge_offenders(*, survivor: Offender, duplicate: Offender, by, reason: str) -> dict[str, int]:
    """Move everything of ``duplicate`` onto ``survivor`` and mark the duplicate merged.

    Returns the rows moved per relation. The duplicate's names become the survivor's
    aliases; its PNC ID moves across if the survivor has none.
    """
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if not reason:
        errors["reason"] = ["Say why these are the same person."]
    elif len(reason) > 500:
        errors["reason"] = ["Enter no more than 500 characters."]
    if survivor.pk == duplicate.pk:
        errors["duplicate"] = ["A person cannot be merged into themselves."]
    if errors:
        raise ValidationError(errors)
    # Lock both rows, lower id first, so two merges of the same pair cannot deadlock.
    locked = {
        p.pk: p
        for p in Offender.objects.select_for_update()
        .filter(pk__in=[survivor.pk, duplicate.pk])
        .order_by("pk")
    }
    survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
    if duplicate.merged_into_id or survivor.merged_into_id:
        raise ValidationError({"duplicate": ["One of these records has already been merged."]})
    if survivor.force_id != duplicate.force_id:
        raise ValidationError({"duplicate": ["Only records of the same force can be merged."]})

    moved: dict[str, int] = {}
    for model, field in relations():
        label = f"{model._meta.label_lower}.{field.name}"
        if model._meta.label_lower in KEEP_ON_ORIGINAL:
            continue
        try:
            with transaction.atomic():
                moved[label] = _move(model, field, duplicate, survivor)
        except IntegrityError:
            raise ValidationError(
                {
                    "duplicate": [
                        f"Both records hold a {model._meta.verbose_name} that only one person may have. "
                        "Close or correct one of them, then merge."
                    ]
                }
            ) from None

    Alias.objects.create(
        offender=survivor,
        kind=AliasKind.MERGED,
        first_name=duplicate.first_name,
        last_name=duplicate.last_name,
        date_of_birth=duplicate.date_of_birth,
        created_by=by,
    )
    pnc_moved = None
    if duplicate.pnc_id and not survivor.pnc_id:
        pnc_moved = duplicate.pnc_id
        Offender.objects.filter(pk=duplicate.pk).update(pnc_id=None)
        survivor.pnc_id = pnc_moved
    duplicate.merged_into = survivor
    duplicate.merged_at = timezone.now()
    duplicate.merged_by = by
    duplicate.merge_reason = reason
    duplicate.save(
        update_fields=["merged_into", "merged_at", "merged_by", "merge_reason", "updated_at"]
    )
    survivor.set_search_keys()
    bump_version(survivor, ["pnc_id", "search_text", "updated_at"])
    detail = {
        "survivor": survivor.pk,
        "duplicate": duplicate.pk,
        "moved": moved,
        "pnc_moved": pnc_moved,
    }
    record_access(
        user=by,
        action="merge",
        offender=survivor,
        target=duplicate,
        justification=reason,
        detail=detail,
    )
    record_access(
        user=by,
        action="merge",
        offender=duplicate,
        target=survivor,
        justification=reason,
        detail=detail,
    )
    return moved

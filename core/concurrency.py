"""Optimistic concurrency: an edit based on a stale ``version`` is refused.

Editable records carry an integer ``version``. A service that edits one locks the row,
compares the version the user read with the current one, and bumps it in the same UPDATE.
"""

from __future__ import annotations

from django.db import models


class StaleVersion(Exception):
    def __init__(self, current_version: int):
        self.current_version = current_version
        super().__init__(
            f"This record was changed by someone else (now version {current_version}). "
            "Reload it, check the changes and try again."
        )


def check_version(instance: models.Model, expected_version: int | None) -> None:
    """Raise StaleVersion unless ``expected_version`` is the locked row's version.

    Call on an instance fetched with ``select_for_update()`` inside the transaction.
    """
    current = instance.version  # type: ignore[attr-defined]
    if expected_version is None or int(expected_version) != current:
        raise StaleVersion(current)


def bump_version(instance: models.Model, update_fields: list[str]) -> None:
    """Save ``update_fields`` and increment ``version`` in the same UPDATE.

    The row is locked (``select_for_update``) by the caller, so a plain increment is safe;
    an ``F()`` expression would also reach django-simple-history's history row unresolved.
    """
    instance.version += 1  # type: ignore[attr-defined]
    instance.save(update_fields=[*update_fields, "version"])

"""The one way a page shows a service's refusal: on the field the refusal names.

Services raise ``ValidationError`` keyed by their own argument names (STYLE.md); page forms
name their fields after those arguments, so most refusals land on the right field as they
are. Where a page splits or renames an argument, ``aliases`` says which field shows it.
"""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError


def apply_service_errors(
    form: forms.Form,
    error: ValidationError,
    *,
    aliases: Mapping[str, str | None] | None = None,
    subforms: Mapping[str, forms.Form] | None = None,
) -> None:
    """Put each of the service's messages on the form field its key names.

    ``aliases`` maps a service argument to the field that shows it
    (``{"authorised_by": "authorised_by_rank"}``), or to ``None`` for an error about the
    whole form. ``subforms`` maps an item key (``"conditions[1]"``) to the form holding that
    item, so ``conditions[1].hours`` lands on that form's ``hours`` field. A key that names
    no visible field becomes an error of the whole ``form``: nothing is ever lost.
    """
    aliases = aliases or {}
    for key, messages in error.message_dict.items():
        target, name = form, aliases.get(key, key)
        item, _, item_field = key.partition(".")
        if subforms and item in subforms:
            target, name = subforms[item], item_field or None
        field = target.fields.get(name) if name else None
        if field is None or field.widget.is_hidden:
            target, name = form, None
        for message in messages:
            target.add_error(name, message)


def run_service(request, form: forms.Form, call, success: str, *, aliases=None) -> bool:
    """Call a service for a page and report as a page does: its refusal on the form's fields
    (``apply_service_errors``), a stale version as a form error that says the page now shows
    the current record, or ``success`` as a message. True when the service did its work."""
    from django.contrib import messages

    from core.concurrency import StaleVersion

    try:
        call()
    except ValidationError as error:
        apply_service_errors(form, error, aliases=aliases)
    except StaleVersion as error:
        form.add_error(None, f"{error} The page now shows the current record.")
    else:
        messages.success(request, success)
        return True
    return False

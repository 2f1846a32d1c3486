"""Enums with labels that legal rules can import without Django (one enum per concept).

``Choices`` is a ``StrEnum`` whose members carry a label, with the ``choices``, ``values``
and ``labels`` a model field, form or serializer needs — the shape of Django's
``TextChoices`` without importing Django, so ``<app>/choices.py`` can be imported by
``rules.py`` (the pure-rules import contract) as well as by models, forms and serializers::

    class Agency(Choices):
        POLICE = "police", "Police"
        SFO = "sfo", "Serious Fraud Office"

    Agency("sfo") is Agency.SFO; Agency.SFO == "sfo"; Agency.SFO.label == "Serious Fraud Office"
    models.CharField(choices=Agency.choices)
"""

from __future__ import annotations

import enum
from typing import Any


def _members(cls: enum.EnumType) -> list[Any]:
    return list(cls.__members__.values())


class _ChoicesType(enum.EnumType):
    # Django templates call callables; an enum class is one, and calling it without a value fails.
    do_not_call_in_templates = True

    @property
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in _members(cls)]

    @property
    def values(cls) -> list[str]:
        return [member.value for member in _members(cls)]

    @property
    def labels(cls) -> list[str]:
        return [member.label for member in _members(cls)]


class Choices(enum.StrEnum, metaclass=_ChoicesType):
    """``NAME = "value", "Label"``; a member without a label gets one from its value."""

    _label: str

    def __new__(cls, value: str, label: str = ""):
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label or value.replace("_", " ").capitalize()
        return member

    @property
    def label(self) -> str:
        return self._label

"""Enums about people and offences shared across apps (rules import them without the
database): one TextChoices per concept."""

from __future__ import annotations

from core.choices import Choices


class OffenceCategory(Choices):
    """How an offence may be tried; disposals' rules and the offence catalogue both use it."""

    SUMMARY = "summary", "Summary only"
    EITHER_WAY = "either_way", "Either way"
    INDICTABLE_ONLY = "indictable_only", "Indictable only"

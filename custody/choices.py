"""Custody enums that rules (no database), models, forms and serializers share: one
TextChoices per concept. Values are what the database and the API hold."""

from __future__ import annotations

from core.choices import Choices


class TransferOutcome(Choices):
    """PACE s.38(6): what happened to a charged juvenile refused bail."""

    TRANSFER_REQUESTED = "transfer_requested", "Transfer requested"
    TRANSFER_ACHIEVED = "transfer_achieved", "Transferred to local authority accommodation"
    # s.38(6)(a)
    CERTIFIED_IMPRACTICABLE = "certified_impracticable", "Certified impracticable"
    # s.38(6)(b)
    CERTIFIED_NO_SECURE_ACCOMMODATION = (
        "certified_no_secure_accommodation",
        "Certified: no secure accommodation (12 and over)",
    )


class PlaceOfSafety(Choices):
    HEALTH_BASED = "health_based", "Health-based place of safety"
    POLICE_STATION = "police_station", "Police station"
    OTHER = "other", "Other place of safety"


class SearchKind(Choices):
    STRIP = "strip", "Strip search"  # PACE s.54; Code C Annex A paras 9-12
    INTIMATE = "intimate", "Intimate search"  # PACE s.55


class CourtDelayCause(Choices):
    """Why a remanded detainee left late for court (the panel report's three causes)."""

    TRANSPORT_NOT_AVAILABLE = "transport_not_available", "Transport not available"
    NO_COURT_CELL_CAPACITY = "no_court_cell_capacity", "No court cell capacity"
    NO_COURT_CAPACITY = "no_court_capacity", "No court capacity"
    OTHER = "other", "Other"

"""Public protection's enums, one per concept, imported by ``rules`` (no Django: core.choices),
models, forms, serializers and services alike. Values are what the database and the API hold
(API.md "Public protection")."""

from __future__ import annotations

from core.choices import Choices


class Disposal(Choices):
    """What the court (or the police) did on the relevant date: the row of the s.82 table."""

    IMPRISONMENT = "imprisonment", "Imprisonment or detention"
    HOSPITAL_RESTRICTION = "hospital_restriction", "Hospital order with a restriction order"
    HOSPITAL = "hospital", "Hospital order without a restriction order"
    CAUTION = "caution", "Caution"
    CONDITIONAL_DISCHARGE = "conditional_discharge", "Conditional discharge"
    OTHER = "other", "Any other disposal (community order, fine, ...)"


class RsoStatus(Choices):
    IN_COMMUNITY = "in_community", "In the community"
    IN_CUSTODY = "in_custody", "In custody or hospital"
    ENDED = "ended", "Notification requirements ended"


class NotificationKind(Choices):
    """SOA 2003 ss.83-85 and the 2012 Regulations (DOMAIN.md §6.1)."""

    INITIAL = "initial", "Initial notification"
    PERIODIC = "periodic", "Periodic (annual) notification"
    CHANGE_OF_NAME = "change_of_name", "Change of name"
    CHANGE_OF_ADDRESS = "change_of_address", "Change of home address"
    OTHER_ADDRESS_STAY = "other_address_stay", "Stay at another address (qualifying period)"
    WEEKLY_NO_FIXED_ABODE = "weekly_no_fixed_abode", "Weekly notification (no fixed abode)"
    FOREIGN_TRAVEL = "foreign_travel", "Foreign travel"
    HOUSEHOLD_WITH_CHILD = "household_with_child", "Staying in a household with a child"
    RELEASE = "release", "Release from custody or hospital"


class RiskLevel(Choices):
    """ARMS assessment level (DOMAIN.md §6.4)."""

    VERY_HIGH = "very_high", "Very high"
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class VisitOutcome(Choices):
    SEEN = "seen", "Seen at home"
    NOT_SEEN = "not_seen", "Not seen (no reply)"
    REFUSED = "refused", "Refused entry"
    CONCERNS = "concerns", "Seen: concerns recorded"


class OrderKind(Choices):
    """One protective-order record, whatever court made it (DOMAIN.md §6.4 and §7)."""

    SHPO = "shpo", "Sexual Harm Prevention Order"
    SRO = "sro", "Sexual Risk Order"
    DVPO = "dvpo", "Domestic Violence Protection Order"
    DAPO = "dapo", "Domestic Abuse Protection Order"
    NON_MOLESTATION = "non_molestation", "Non-molestation order"
    STALKING_PROTECTION = "stalking_protection", "Stalking Protection Order"


ORDER_SHORT_LABELS = {
    OrderKind.SHPO: "SHPO",
    OrderKind.SRO: "SRO",
    OrderKind.DVPO: "DVPO",
    OrderKind.DAPO: "DAPO",
    OrderKind.NON_MOLESTATION: "Non-molestation",
    OrderKind.STALKING_PROTECTION: "SPO",
}


# MAPPA category and level are numbers 1-3 in the API (API.md) and the guidance.
MAPPA_CATEGORIES = {
    1: "Category 1: registered sexual offender",
    2: "Category 2: violent or other sexual offender",
    3: "Category 3: other dangerous offender",
}
MAPPA_LEVELS = {
    1: "Level 1: ordinary agency management",
    2: "Level 2: multi-agency meetings",
    3: "Level 3: senior multi-agency management",
}


class LeadAgency(Choices):
    POLICE = "police", "Police"
    PROBATION = "probation", "Probation"
    PRISON = "prison", "Prison"


class RsoEndReason(Choices):
    PERIOD_ENDED = "period_ended", "Notification period ended"
    REVIEW_DISCHARGED = "review_discharged", "Discharged on review (s.91B)"
    DIED = "died", "Died"
    TRANSFERRED = "transferred", "Moved to another force"
    QUASHED = "quashed", "Conviction quashed"


class MappaEndReason(Choices):
    NO_LONGER_MEETS_CRITERIA = "no_longer_meets_criteria", "No longer meets the criteria"
    LICENCE_ENDED = "licence_ended", "Licence or order ended"
    TRANSFERRED = "transferred", "Moved to another area"
    DIED = "died", "Died"
    OTHER = "other", "Other"

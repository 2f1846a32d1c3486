"""The wanted app's enums, one per concept (core.choices: no Django), imported by rules,
models, forms and serializers alike. Values are what the database and the API hold."""

from __future__ import annotations

from core.choices import Choices


class Reason(Choices):
    """Why a person is circulated as wanted (Suffolk panel report §9.3)."""

    ARREST_NECESSARY = (
        "arrest_necessary",
        "Arrest necessary and never arrested for the offence",
    )
    FAILED_TO_ANSWER_BAIL = "failed_to_answer_bail", "Failed to answer police bail"
    BREACH_OF_BAIL_CONDITIONS = "breach_of_bail_conditions", "Breached police bail conditions"
    RUI_FRESH_EVIDENCE = (
        "rui_fresh_evidence",
        "Released under investigation: fresh evidence makes arrest appropriate",
    )


# Reasons that need the bail case (on bail) or the RUI case they arise from.
BAIL_REASONS = (Reason.FAILED_TO_ANSWER_BAIL, Reason.BREACH_OF_BAIL_CONDITIONS)


class NecessityGround(Choices):
    """The PACE Code G para 2.9 reason that makes an arrest necessary."""

    NAME = "name", "To ascertain the person's name"
    ADDRESS = "address", "To ascertain the person's address"
    PREVENT_HARM = "prevent_harm", "To prevent physical injury, loss or damage to property"
    PROTECT_CHILD = "protect_child", "To protect a child or other vulnerable person"
    PROMPT_INVESTIGATION = (
        "prompt_investigation",
        "To allow the prompt and effective investigation of the offence",
    )
    PREVENT_DISAPPEARANCE = (
        "prevent_disappearance",
        "To prevent the prosecution being hindered by the person's disappearance",
    )
    OTHER = "other", "Another Code G reason (in the officer's words)"


class WantedOutcome(Choices):
    ARRESTED = "arrested", "Arrested"
    SURRENDERED = "surrendered", "Surrendered"
    NO_LONGER_NECESSARY = "no_longer_necessary", "Arrest no longer necessary"
    CIRCULATION_CANCELLED = "circulation_cancelled", "Circulation cancelled"


class SuspectResolution(Choices):
    ARRESTED = "arrested", "Arrested"
    VOLUNTARY_INTERVIEW = "voluntary_interview", "Interviewed voluntarily"
    NFA = "nfa", "No further action"


class WarrantKind(Choices):
    FAILURE_TO_APPEAR = "failure_to_appear", "Failure to appear"
    ARREST = "arrest", "Arrest warrant"
    BREACH = "breach", "Breach"


class WarrantOutcome(Choices):
    EXECUTED = "executed", "Executed (arrested on the warrant)"
    SURRENDERED = "surrendered", "Surrendered to the court"
    WITHDRAWN = "withdrawn", "Withdrawn by the court"


class AttendanceOutcome(Choices):
    """Where a voluntary attender's case ended (blank while it is still open)."""

    CHARGED = "charged", "Charged or summonsed"
    OOCD = "oocd", "Out-of-court disposal"
    NFA = "nfa", "No further action"
    RUI = "rui", "Released under investigation"
    ARRESTED = "arrested", "Arrested"


class AgeBand(Choices):
    """How long a case has been open, as the monthly list and the figures band it."""

    UP_TO_28 = "0_28", "Up to 28 days"
    UP_TO_90 = "29_90", "29 to 90 days"
    UP_TO_180 = "91_180", "91 to 180 days"
    UP_TO_365 = "181_365", "181 days to a year"
    OVER_A_YEAR = "over_365", "Over a year"


class Change(Choices):
    """What happened to a case in the month of a monthly list."""

    NEW = "new", "New this month"
    ENDED = "ended", "Ended this month"
    CONTINUING = "continuing", "Carried over"

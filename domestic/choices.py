"""Domestic abuse's enums, one per concept, imported by ``rules`` (no Django: core.choices),
models, forms, serializers and services alike. Values are what the database and the API hold
(API.md "Domestic abuse")."""

from __future__ import annotations

from core.choices import Choices


class NoticeKind(Choices):
    DVPN = "dvpn", "Domestic violence protection notice (DVPN)"
    DAPN = "dapn", "Domestic abuse protection notice (DAPN)"


class HearingResult(Choices):
    ORDER_MADE = "order_made", "Order made"
    REFUSED = "refused", "Order refused"
    ADJOURNED = "adjourned", "Adjourned"


class Source(Choices):
    INITIAL_COHORT = "initial_cohort", "Initial cohort"
    REFERRAL = "referral", "Referral"
    MARAC = "marac", "MARAC"


class Stage(Choices):
    """Where a person is on the DAPU programme list (API.md; the diagram is ``rules.MOVES``)."""

    TO_BE_SCORED = "to_be_scored", "To be scored"
    ON_HOLD = "on_hold", "On hold (scoring agreed to wait)"
    NOT_SUITABLE = "not_suitable", "Not suitable"
    SUITABLE = "suitable", "Suitable"
    TO_BE_PRESENTED = "to_be_presented", "To be presented at panel"
    TO_APPROACH = "to_approach", "To approach"
    APPROACHED = "approached", "Approached"
    NOT_INTERESTED = "not_interested", "Not interested"
    INTERESTED = "interested", "Interested"
    AWAITING_FEEDBACK = "awaiting_feedback", "Awaiting feedback"
    AWAITING_SIGN_UP = "awaiting_sign_up", "Awaiting sign-up meeting"
    ACTIVE = "active", "Active"
    WITHDRAWN = "withdrawn", "Withdrawn"
    COMPLETED = "completed", "Completed"


class SessionKind(Choices):
    ONE_TO_ONE = "one_to_one", "One-to-one behaviour-change session"
    GROUP = "group", "Group session"


class ContactKind(Choices):
    PARTNER = "partner", "Partner agency"
    VICTIM = "victim", "Victim"

"""Enumerations of the partners app (API.md "Partners and pathways"), importable by rules."""

from __future__ import annotations

from core.choices import Choices


class Need(Choices):
    """The default list of criminogenic needs. The live list is data (``partners.Need``):
    administrators add to it; these are seeded and are the API's documented values."""

    ACCOMMODATION = "accommodation", "Accommodation"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse"
    ALCOHOL = "alcohol", "Alcohol"
    MENTAL_HEALTH = "mental_health", "Mental health"
    EMPLOYMENT = "employment", "Employment"
    EDUCATION = "education", "Education"
    FINANCE_DEBT = "finance_debt", "Finance and debt"
    FAMILY = "family", "Family"
    ATTITUDES = "attitudes", "Attitudes, thinking and behaviour"
    WOMEN = "women", "Women"
    MENTORING = "mentoring", "Mentoring"


class ReferralStatus(Choices):
    """A referral's progress. ``referred`` is the state while the service has not answered."""

    REFERRED = "referred", "Awaiting a response"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    ENGAGED = "engaged", "Engaged"
    DISENGAGED = "disengaged", "Disengaged"
    COMPLETED = "completed", "Completed"


class CaseKind(Choices):
    """The case a need was assessed in or a referral made from."""

    IOM = "iom", "IOM member"
    DAPU = "dapu", "DAPU participant"
    OOCD = "oocd", "Out-of-court disposal"
    CUSTODY = "custody", "Custody release plan"
    OTHER = "other", "Other"


class Gender(Choices):
    """Eligibility by gender (``any`` = everyone)."""

    ANY = "any", "Anyone"
    FEMALE = "female", "Women only"
    MALE = "male", "Men only"


class Cohort(Choices):
    """Cohorts for eligibility and for the proven-reoffending report."""

    IOM = "iom", "IOM"
    DAPU = "dapu", "DAPU"
    OOCD = "oocd", "Out-of-court disposals"
    RSO = "rso", "Registered sex offenders"
    SERVICE = "service", "A partner service's referrals"


class NeedClosedReason(Choices):
    """Why a person's need was closed (it then drops out of the gap map)."""

    MET = "met", "Need met"
    NO_LONGER_RELEVANT = "no_longer_relevant", "No longer relevant"
    MOVED_AWAY = "moved_away", "Person moved away"
    DECLINED = "declined", "Person declined support"

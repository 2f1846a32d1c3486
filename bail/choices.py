"""Bail's enums, one per concept, imported by ``rules`` (no Django: core.choices), models, forms,
serializers and services alike. Values are what the database and the API hold."""

from __future__ import annotations

from core.choices import Choices


class CaseStatus(Choices):
    """Where a case stands (the status column)."""

    BAIL = "bail", "On pre-charge bail"
    RUI = "rui", "Released under investigation"
    LAPSED = "lapsed", "Bail lapsed: assessment needed"
    ENDED = "ended", "Ended"


OPEN_STATUSES = (CaseStatus.BAIL, CaseStatus.RUI, CaseStatus.LAPSED)


class Status(Choices):
    """What is being ended or reviewed: a release on bail or under investigation."""

    BAIL = "bail", "On pre-charge bail"
    RUI = "rui", "Released under investigation"


class Regime(Choices):
    # Policing and Crime Act 2017: arrests 3 Apr 2017 - 27 Oct 2022
    R2017 = "2017", "2017 rules (arrested before 28 October 2022)"
    # PCSC Act 2022 s.45 and Sch 4: arrests on or after 28 Oct 2022
    R2022 = "2022", "2022 rules (arrested on or after 28 October 2022)"


class Agency(Choices):
    POLICE = "police", "Police"
    SFO = "sfo", "Serious Fraud Office"
    FCA = "fca", "Financial Conduct Authority"
    HMRC = "hmrc", "HM Revenue and Customs"
    NCA = "nca", "National Crime Agency"


class Authority(Choices):
    INSPECTOR = "inspector", "Inspector or above (to 6 months)"
    SUPERINTENDENT = "superintendent", "Superintendent or above (to 9 months)"
    ACC = "acc", "ACC / commander or above (designated case, to 12 months)"
    COURT = "court", "Magistrates' court"
    # the agency's "appropriate decision-maker"
    AGENCY = "agency", "The agency's appropriate decision-maker"


class EndReason(Choices):
    CHARGED = "charged", "Charged"
    NFA = "nfa", "No further action"
    OOCD = "oocd", "Out-of-court disposal"
    CONVERTED_TO_RUI = "converted_to_rui", "Continued as released under investigation"
    LAPSED = "lapsed", "Bail lapsed"


# Outcomes that end a case for good (the others change what the case is).
FINAL_OUTCOMES = (EndReason.CHARGED, EndReason.NFA, EndReason.OOCD)


class LapseDecision(Choices):
    CONTINUE_RUI = "continue_rui", "Continue as released under investigation"
    CLOSE = "close", "Close with an outcome"

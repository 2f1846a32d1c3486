"""Out-of-court disposals (OOCDs) as pure rules (DOMAIN.md §3; API.md "Out-of-court disposals").

Nothing here touches the database or reads the clock: every date is passed in. Services call
these functions and turn a refusal into a form or API error.

Refusals
--------
``validate_disposal`` collects *every* broken rule and raises one ``RuleViolations`` carrying a
list of ``RuleViolation(field, message)``, so a form can show all field-level errors together
(GOV.UK error summary). Single-rule checks (``validate_breach_action``,
``validate_status_change``) raise a lone ``RuleViolation``. Both are ``ValueError`` subclasses.
Messages are for officers: each names the rule it applies.

Frameworks
----------
``legacy_two_tier`` is what forces run today: conditional caution (upper tier) and community
resolution (lower tier), the non-statutory adult two-tier framework. It replaces the other legacy
adult options (simple caution, penalty notice for disorder, cannabis and khat warnings) from the
day the force adopted it (``DisposalSettings.two_tier_adopted_on``); decisions before that day
(or while no day is configured) may still use all six legacy options (DOMAIN.md §3.1). ``statutory_two_tier`` is PCSC Act 2022
Part 6: diversionary caution (upper) and community caution (lower), with community resolution
kept as the informal tier (DOMAIN.md §3.2). Part 6 is prospective, so its commencement date is a
setting (``DisposalSettings.part6_commenced_on``); Part 6 cautions are refused until it is set.

Items marked UNCONFIRMED are configurable defaults or stated assumptions, not verified law
(DOMAIN.md header and "Open items" 4, 5 and 11).
"""

from __future__ import annotations

import datetime as dt
import enum
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from core.calendar import period_end_days, period_end_months
from core.rules import RuleViolation
from offenders.choices import OffenceCategory
from offenders.rules import check_outcome_date

# Children and Young Persons Act 1933 s.50: no child under 10 can be guilty of an offence.
AGE_OF_CRIMINAL_RESPONSIBILITY = 10
ADULT_AGE = 18


# --- Enumerations (values are the API's, API.md "Out-of-court disposals") -------------------


class DisposalType(enum.StrEnum):
    DIVERSIONARY_CAUTION = "diversionary_caution"
    COMMUNITY_CAUTION = "community_caution"
    COMMUNITY_RESOLUTION = "community_resolution"
    CONDITIONAL_CAUTION = "conditional_caution"
    SIMPLE_CAUTION = "simple_caution"
    YOUTH_CAUTION = "youth_caution"
    YOUTH_CONDITIONAL_CAUTION = "youth_conditional_caution"
    PENALTY_NOTICE = "penalty_notice"
    CANNABIS_WARNING = "cannabis_warning"
    KHAT_WARNING = "khat_warning"
    OUTCOME_22 = "outcome_22"

    @property
    def label(self) -> str:
        return DISPOSAL_LABELS[self]


DISPOSAL_LABELS: dict[DisposalType, str] = {
    DisposalType.DIVERSIONARY_CAUTION: "Diversionary caution",
    DisposalType.COMMUNITY_CAUTION: "Community caution",
    DisposalType.COMMUNITY_RESOLUTION: "Community resolution",
    DisposalType.CONDITIONAL_CAUTION: "Conditional caution",
    DisposalType.SIMPLE_CAUTION: "Simple caution",
    DisposalType.YOUTH_CAUTION: "Youth caution",
    DisposalType.YOUTH_CONDITIONAL_CAUTION: "Youth conditional caution",
    DisposalType.PENALTY_NOTICE: "Penalty notice for disorder",
    DisposalType.CANNABIS_WARNING: "Cannabis warning",
    DisposalType.KHAT_WARNING: "Khat warning",
    DisposalType.OUTCOME_22: "Outcome 22 (deferred prosecution / diversion)",
}


class ConditionKind(enum.StrEnum):
    REHABILITATIVE = "rehabilitative"
    REPARATIVE = "reparative"
    RESTRICTIVE = "restrictive"
    UNPAID_WORK = "unpaid_work"
    ATTENDANCE = "attendance"
    FINANCIAL = "financial"


class Status(enum.StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    BREACHED = "breached"
    WITHDRAWN = "withdrawn"


class ConditionStatus(enum.StrEnum):
    """Progress of one condition; the disposal's own ``Status`` is derived from these."""

    OUTSTANDING = "outstanding"
    COMPLETED = "completed"
    FAILED = "failed"


class BreachAction(enum.StrEnum):
    PROSECUTE_ORIGINAL_OFFENCE = "prosecute_original_offence"
    FINANCIAL_PENALTY = "financial_penalty"
    WARNING = "warning"
    NO_FURTHER_ACTION = "no_further_action"

    @property
    def label(self) -> str:
        return BREACH_ACTION_LABELS[self]


BREACH_ACTION_LABELS: dict[BreachAction, str] = {
    BreachAction.PROSECUTE_ORIGINAL_OFFENCE: "Prosecution for the original offence",
    BreachAction.FINANCIAL_PENALTY: "A financial penalty",
    BreachAction.WARNING: "A warning",
    BreachAction.NO_FURTHER_ACTION: "No further action",
}


class Framework(enum.StrEnum):
    """The adult framework a force runs (DOMAIN.md §3.1-3.2). Youth disposals are the same in both."""

    LEGACY_TWO_TIER = "legacy_two_tier"
    STATUTORY_TWO_TIER = "statutory_two_tier"


class ScrutinyFinding(enum.StrEnum):
    APPROPRIATE = "appropriate"
    NOT_APPROPRIATE = "not_appropriate"
    APPROPRIATE_WITH_LEARNING = "appropriate_with_learning"


class IndictableOnly(enum.StrEnum):
    """What an indictable-only offence needs before this disposal may be given."""

    DPP_CONSENT = "dpp_consent"
    NEVER = "never"


# --- Inputs and settings ---------------------------------------------------------------------


def _decimal(value: Decimal | int | str | float | None) -> Decimal | None:
    # Via str so that 20.5 stays 20.5 rather than a binary-float approximation.
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


@dataclass(frozen=True)
class Condition:
    """One condition (or, for a community resolution, one agreed action) as entered.

    ``hours`` is required for unpaid work and attendance; ``amount`` only for a financial
    condition. ``due_by`` may be left empty: ``condition_due_date`` supplies the default.
    """

    kind: ConditionKind
    description: str
    hours: Decimal | None = None
    amount: Decimal | None = None
    due_by: dt.date | None = None

    def __post_init__(self) -> None:
        # Accept the API's plain values (strings, ints) so callers need not convert first.
        object.__setattr__(self, "kind", ConditionKind(self.kind))
        object.__setattr__(self, "hours", _decimal(self.hours))
        object.__setattr__(self, "amount", _decimal(self.amount))


@dataclass(frozen=True)
class DisposalSettings:
    """Force-configurable values for the items the law leaves to regulations or codes.

    * ``max_financial_penalty``: total of a disposal's financial conditions. Set by regulations
      (PCSC Act 2022 s.102(3), s.111(3)) and, for conditional cautions, by order under CJA 2003
      s.23A. £100.00 is a placeholder — UNCONFIRMED.
    * ``max_hours``: unpaid work plus attendance, per disposal. 20 h for conditional cautions
      (CJA 2003 s.23A as amended) and diversionary cautions (PCSC s.101); applied to community
      and youth conditional cautions too — UNCONFIRMED.
    * ``default_completion_days``: time allowed to complete conditions when no due date is
      given. 112 days (16 weeks) is the commonly cited figure — UNCONFIRMED (Open item 11).
    * ``part6_commenced_on``: the day PCSC Act 2022 Part 6 came into force for this force; None
      while it is prospective (Open item 4).
    * ``two_tier_adopted_on``: the day the force adopted the non-statutory adult two-tier
      framework. Adult decisions on or after it are conditional caution or community resolution
      only; None means the six legacy options are all still offered. Each force's day is a
      configurable default — UNCONFIRMED.
    """

    max_financial_penalty: Decimal = Decimal("100.00")
    max_hours: Decimal = Decimal(20)
    default_completion_days: int = 112
    part6_commenced_on: dt.date | None = None
    two_tier_adopted_on: dt.date | None = None


# --- Refusals --------------------------------------------------------------------------------


class RuleViolations(ValueError):
    """Every rule a proposed disposal breaks, in the order the form shows its fields."""

    def __init__(self, errors: Sequence[RuleViolation]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors: list[RuleViolation] = list(errors)

    @property
    def fields(self) -> list[str]:
        return [error.field for error in self.errors]

    def as_dict(self) -> dict[str, list[str]]:
        """``{field: [message, ...]}``: the shape Django forms and DRF use for errors."""
        grouped: dict[str, list[str]] = {}
        for error in self.errors:
            grouped.setdefault(error.field, []).append(error.message)
        return grouped


# --- The rules of each disposal type (DOMAIN.md §3) ------------------------------------------

_ALL_KINDS = frozenset(ConditionKind)
# Community resolution is non-statutory and unenforceable, so its "conditions" are actions the
# offender agrees to (apology, repair, a course): nothing punitive or restrictive.
_AGREED_ACTIONS = frozenset({ConditionKind.REHABILITATIVE, ConditionKind.REPARATIVE})
# Community caution: rehabilitation, reparation and a financial penalty (DOMAIN.md §3.2, Act
# ss.110-111 inferred). Restrictive conditions are listed for the diversionary caution only
# (s.101); unpaid work and attendance are allowed as reparation under the same hour cap —
# UNCONFIRMED (community-caution hour limits are Open item 4).
_COMMUNITY_CAUTION_KINDS = _ALL_KINDS - {ConditionKind.RESTRICTIVE}
# These kinds count towards the hour cap. Rehabilitative attendance (a course) does not
# (CJA 2003 s.23A: attendance conditions max 20 h "excluding rehab attendance", DOMAIN.md §3.1).
_CAPPED_HOUR_KINDS = frozenset({ConditionKind.UNPAID_WORK, ConditionKind.ATTENDANCE})

_PROSECUTE = (
    BreachAction.PROSECUTE_ORIGINAL_OFFENCE,
    BreachAction.WARNING,
    BreachAction.NO_FURTHER_ACTION,
)


@dataclass(frozen=True)
class TypeRules:
    """What the law (or, where marked, our assumption) says about one disposal type."""

    outcome_code: str
    min_age: int
    max_age: int | None
    admission: bool
    consent: bool
    indictable_only: IndictableOnly
    part6: bool = False
    condition_kinds: frozenset[ConditionKind] = field(default_factory=frozenset)
    breach_actions: tuple[BreachAction, ...] = ()
    # Why the breach actions are what they are; quoted in refusals.
    breach_rule: str = ""
    # The source quoted when an adult-only or youth-only type is refused on age.
    age_rule: str = ""
    # The source of the admission and consent requirements, quoted in those refusals.
    rule: str = ""


# Outcome codes (DOMAIN.md §3.4): "2" caution - youths and "3" caution - adults have
# UNCONFIRMED wording; that the Part 6 community caution is recorded as outcome 3 (it is a
# caution of an adult) is our assumption — UNCONFIRMED until the Home Office amends the
# counting rules.
#
# Indictable-only offences: s.99(3) PCSC (diversionary caution only with DPP consent) is
# confirmed. The rest are UNCONFIRMED assumptions: the community caution is treated as never
# available (indictable-only taken to be an "excluded offence", s.98(6)); simple and conditional
# cautions follow CJCA 2015 s.17 / the DPP's guidance (exceptional circumstances, DPP consent);
# youth cautions and Outcome 22 need DPP (CPS) consent because the charging decision for an
# indictable-only offence is the CPS's; penalty notices, cannabis/khat warnings and community
# resolutions exist only for low-level offences and are never available.
TYPE_RULES: dict[DisposalType, TypeRules] = {
    DisposalType.DIVERSIONARY_CAUTION: TypeRules(
        outcome_code="3",
        min_age=ADULT_AGE,
        max_age=None,
        admission=True,
        consent=True,
        indictable_only=IndictableOnly.DPP_CONSENT,
        part6=True,
        condition_kinds=_ALL_KINDS,
        breach_actions=_PROSECUTE,
        breach_rule=(
            "on non-compliance the offender may be prosecuted for the original offence "
            "(PCSC Act 2022 s.98(4)); a financial penalty for non-compliance exists only for "
            "community cautions"
        ),
        age_rule="PCSC Act 2022 s.98(2)",
        rule="PCSC Act 2022 s.99(2)",
    ),
    DisposalType.COMMUNITY_CAUTION: TypeRules(
        outcome_code="3",
        min_age=ADULT_AGE,
        max_age=None,
        admission=True,
        consent=True,
        indictable_only=IndictableOnly.NEVER,
        part6=True,
        condition_kinds=_COMMUNITY_CAUTION_KINDS,
        breach_actions=(
            BreachAction.FINANCIAL_PENALTY,
            BreachAction.WARNING,
            BreachAction.NO_FURTHER_ACTION,
        ),
        breach_rule=(
            "non-compliance is met with a financial penalty enforceable as a fine "
            "(PCSC Act 2022 s.112); the offender cannot be prosecuted for the original "
            "offence (s.98(5))"
        ),
        age_rule="PCSC Act 2022 s.98(3)",
        rule="PCSC Act 2022 Part 6",
    ),
    DisposalType.CONDITIONAL_CAUTION: TypeRules(
        outcome_code="3",
        min_age=ADULT_AGE,
        max_age=None,
        admission=True,
        consent=True,
        indictable_only=IndictableOnly.DPP_CONSENT,
        condition_kinds=_ALL_KINDS,
        breach_actions=_PROSECUTE,
        breach_rule=(
            "failure to comply without reasonable excuse allows prosecution for the original "
            "offence (CJA 2003 s.24); there is no financial penalty for non-compliance"
        ),
        age_rule="CJA 2003 s.22",
        rule="CJA 2003 s.23",
    ),
    DisposalType.SIMPLE_CAUTION: TypeRules(
        outcome_code="3",
        min_age=ADULT_AGE,
        max_age=None,
        admission=True,
        consent=False,
        indictable_only=IndictableOnly.DPP_CONSENT,
        breach_rule="a simple caution carries no conditions, so there is nothing to breach",
        # Under-18s receive a youth caution instead (CDA 1998 s.66ZA, since April 2013).
        age_rule="CDA 1998 s.66ZA",
        rule="national simple cautions guidance",
    ),
    DisposalType.YOUTH_CAUTION: TypeRules(
        outcome_code="2",
        min_age=AGE_OF_CRIMINAL_RESPONSIBILITY,
        max_age=ADULT_AGE - 1,
        admission=True,
        consent=False,
        indictable_only=IndictableOnly.DPP_CONSENT,
        breach_rule="a youth caution carries no conditions, so there is nothing to breach",
        age_rule="CDA 1998 s.66ZA",
        rule="CDA 1998 s.66ZA",
    ),
    DisposalType.YOUTH_CONDITIONAL_CAUTION: TypeRules(
        outcome_code="2",
        min_age=AGE_OF_CRIMINAL_RESPONSIBILITY,
        max_age=ADULT_AGE - 1,
        admission=True,
        consent=True,
        indictable_only=IndictableOnly.DPP_CONSENT,
        condition_kinds=_ALL_KINDS,
        breach_actions=_PROSECUTE,
        breach_rule=(
            "failure to comply allows prosecution for the original offence (CDA 1998 s.66E); "
            "there is no financial penalty for non-compliance"
        ),
        age_rule="CDA 1998 s.66A",
        rule="CDA 1998 s.66B",
    ),
    DisposalType.COMMUNITY_RESOLUTION: TypeRules(
        outcome_code="8",
        min_age=AGE_OF_CRIMINAL_RESPONSIBILITY,
        max_age=None,
        # "Acceptance of responsibility" is recorded as ``admitted`` (DOMAIN.md §3.1).
        admission=True,
        consent=False,
        indictable_only=IndictableOnly.NEVER,
        condition_kinds=_AGREED_ACTIONS,
        breach_actions=(BreachAction.WARNING, BreachAction.NO_FURTHER_ACTION),
        breach_rule=(
            "it is non-statutory and cannot be enforced, so failing an agreed action allows "
            "only a warning or no further action (national community resolution guidance)"
        ),
        rule="national community resolution guidance",
    ),
    DisposalType.PENALTY_NOTICE: TypeRules(
        outcome_code="6",
        # PNDs for 16-17-year-olds ended with the youth out-of-court reforms; treated as 18+
        # — UNCONFIRMED.
        min_age=ADULT_AGE,
        max_age=None,
        # Paying a penalty notice is not an admission of guilt (CJPA 2001 s.2).
        admission=False,
        consent=False,
        indictable_only=IndictableOnly.NEVER,
        breach_rule=(
            "a penalty notice carries no conditions; an unpaid penalty is registered as a fine "
            "(CJPA 2001 s.8), not breached"
        ),
        age_rule="CJPA 2001 s.2",
        rule="CJPA 2001 s.2",
    ),
    DisposalType.CANNABIS_WARNING: TypeRules(
        outcome_code="7",
        min_age=ADULT_AGE,
        max_age=None,
        admission=True,
        consent=False,
        indictable_only=IndictableOnly.NEVER,
        breach_rule="a cannabis warning carries no conditions, so there is nothing to breach",
        age_rule="national guidance on drugs possession warnings",
        rule="national guidance on drugs possession warnings",
    ),
    DisposalType.KHAT_WARNING: TypeRules(
        outcome_code="7",
        min_age=ADULT_AGE,
        max_age=None,
        admission=True,
        consent=False,
        indictable_only=IndictableOnly.NEVER,
        breach_rule="a khat warning carries no conditions, so there is nothing to breach",
        age_rule="national guidance on drugs possession warnings",
        rule="national guidance on drugs possession warnings",
    ),
    DisposalType.OUTCOME_22: TypeRules(
        outcome_code="22",
        min_age=AGE_OF_CRIMINAL_RESPONSIBILITY,
        # Modelled as a youth disposal (DOMAIN.md §3.3). Adult deferred-prosecution schemes
        # also record outcome 22; widen max_age if the forces want that.
        max_age=ADULT_AGE - 1,
        # Outcome 22 "can be used without formal admission" (DOMAIN.md §3.3).
        admission=False,
        consent=False,
        indictable_only=IndictableOnly.DPP_CONSENT,
        # The diversionary activity is tracked as an intervention referral, not a condition:
        # if it is not undertaken the outcome 22 is withdrawn and the case goes back for a
        # charging decision, rather than "breached".
        breach_rule=(
            "Outcome 22 carries no conditions; if the diversionary activity is not undertaken, "
            "withdraw the disposal and return the case for a charging decision"
        ),
        age_rule="Home Office Counting Rules outcome 22, youth diversion",
        rule="Home Office Counting Rules outcome 22",
    ),
}


def outcome_code(disposal_type: DisposalType | str) -> str:
    """Home Office crime outcome code for a disposal type (DOMAIN.md §3.4).

    Strings, because the framework has codes such as "1A". Codes 2 and 3 have UNCONFIRMED
    wording ("Caution - youths", "Caution - adults").
    """
    return TYPE_RULES[DisposalType(disposal_type)].outcome_code


# --- Availability under a framework (DOMAIN.md §3.1-3.3) -------------------------------------

# Upper tier first, then lower tier: the two-tier pair each framework is built on.
FRAMEWORK_TIERS: dict[Framework, tuple[DisposalType, DisposalType]] = {
    Framework.LEGACY_TWO_TIER: (
        DisposalType.CONDITIONAL_CAUTION,
        DisposalType.COMMUNITY_RESOLUTION,
    ),
    Framework.STATUTORY_TWO_TIER: (
        DisposalType.DIVERSIONARY_CAUTION,
        DisposalType.COMMUNITY_CAUTION,
    ),
}

# Adult types other than the tiers that may still be recorded.
_LEGACY_EXTRAS: tuple[DisposalType, ...] = (
    DisposalType.SIMPLE_CAUTION,
    DisposalType.PENALTY_NOTICE,
    DisposalType.CANNABIS_WARNING,
    DisposalType.KHAT_WARNING,
)

_ADULT_TYPES: dict[Framework, tuple[DisposalType, ...]] = {
    Framework.LEGACY_TWO_TIER: FRAMEWORK_TIERS[Framework.LEGACY_TWO_TIER] + _LEGACY_EXTRAS,
    # Part 6 replaces the other adult cautions and penalty notices (PCSC Act 2022 s.118, from
    # knowledge — UNCONFIRMED); community resolution stays as the informal tier (§3.2).
    Framework.STATUTORY_TWO_TIER: FRAMEWORK_TIERS[Framework.STATUTORY_TWO_TIER]
    + (DisposalType.COMMUNITY_RESOLUTION,),
}

_YOUTH_TYPES: tuple[DisposalType, ...] = (
    DisposalType.YOUTH_CAUTION,
    DisposalType.YOUTH_CONDITIONAL_CAUTION,
    DisposalType.COMMUNITY_RESOLUTION,
    DisposalType.OUTCOME_22,
)


def part6_applies(offence_date: dt.date, settings: DisposalSettings) -> bool:
    """Whether a Part 6 caution may be given for an offence committed on ``offence_date``.

    Not for offences committed before Part 6 came into force (PCSC Act 2022 s.99(4)); never
    while no commencement date is configured.
    """
    commenced = settings.part6_commenced_on
    return commenced is not None and offence_date >= commenced


def two_tier_in_force(decided_on: dt.date | None, settings: DisposalSettings) -> bool:
    """Whether the non-statutory two-tier framework replaces the other legacy adult options for
    a decision made on ``decided_on`` (always, when no decision date is given and the force has
    adopted it)."""
    adopted = settings.two_tier_adopted_on
    return adopted is not None and (decided_on is None or decided_on >= adopted)


def available_types(
    framework: Framework | str,
    age_at_decision: int,
    *,
    offence_date: dt.date | None = None,
    settings: DisposalSettings | None = None,
    decided_on: dt.date | None = None,
) -> list[DisposalType]:
    """The disposal types the decision form may offer, in the order to offer them.

    * Under 10: none (age of criminal responsibility, CYPA 1933 s.50).
    * 10-17: youth caution, youth conditional caution, community resolution, Outcome 22 —
      the same under either framework (Part 6 is for adults only).
    * 18+: the framework's upper and lower tier, then what else may still be recorded:
      under ``legacy_two_tier``, for a decision before the force adopted it, the simple
      caution, penalty notice and cannabis/khat warnings; under ``statutory_two_tier``
      community resolution only.

    Given ``offence_date`` and ``settings``, a statutory-framework force deciding an offence
    committed before Part 6 came into force is offered the legacy list instead, since s.99(4)
    rules out a Part 6 caution for it (transitional reading — UNCONFIRMED).
    """
    framework = Framework(framework)
    settings = settings or DisposalSettings()
    if age_at_decision < AGE_OF_CRIMINAL_RESPONSIBILITY:
        return []
    if age_at_decision < ADULT_AGE:
        return list(_YOUTH_TYPES)
    if (
        framework is Framework.STATUTORY_TWO_TIER
        and offence_date is not None
        and not part6_applies(offence_date, settings)
    ):
        framework = Framework.LEGACY_TWO_TIER
    if framework is Framework.LEGACY_TWO_TIER and two_tier_in_force(decided_on, settings):
        return list(FRAMEWORK_TIERS[framework])
    return list(_ADULT_TYPES[framework])


def not_offered(
    framework: Framework | str,
    age_at_decision: int,
    *,
    offence_date: dt.date | None = None,
    settings: DisposalSettings | None = None,
    decided_on: dt.date | None = None,
) -> list[tuple[DisposalType, str]]:
    """The adult legacy options the form leaves out, each with why, so that an officer who
    expects one is told rather than left to wonder (empty when nothing is left out)."""
    settings = settings or DisposalSettings()
    offered = available_types(
        framework,
        age_at_decision,
        offence_date=offence_date,
        settings=settings,
        decided_on=decided_on,
    )
    if age_at_decision < ADULT_AGE:
        return []
    missing = [kind for kind in _LEGACY_EXTRAS if kind not in offered]
    if not missing:
        return []
    if (
        Framework(framework) is Framework.STATUTORY_TWO_TIER
        and DisposalType.DIVERSIONARY_CAUTION in offered
    ):
        reason = "replaced by diversionary and community cautions (PCSC Act 2022 Part 6, s.118)"
    else:
        adopted = settings.two_tier_adopted_on
        assert adopted is not None
        reason = (
            "replaced by the adult two-tier framework (conditional caution and community "
            f"resolution), which this force adopted on {_long_date(adopted)}"
        )
    return [(kind, reason) for kind in missing]


# --- Conditions ------------------------------------------------------------------------------


def condition_due_date(
    decided_on: dt.date, due_by: dt.date | None, settings: DisposalSettings
) -> dt.date:
    """The day a condition must be completed by: ``due_by`` if given, else the default.

    The default is the last day of a period of ``default_completion_days`` days beginning with
    the decision day (DOMAIN.md §0 "beginning with" convention): 112 days from 1 March ends on
    20 June. The 16-week figure is UNCONFIRMED (DOMAIN.md §3.1).
    """
    if due_by is not None:
        return due_by
    return period_end_days(decided_on, settings.default_completion_days)


def latest_due_date_for_summary_offence(offence_date: dt.date) -> dt.date:
    """Last day a condition may fall due if breach is to leave prosecution possible.

    A summary-only offence must be prosecuted within six months (MCA 1980 s.127), so the
    conditions must be due before that runs out (DOMAIN.md §3.1, UNCONFIRMED Code of Practice
    wording). We allow up to the day before the six-month anniversary, leaving at least the
    anniversary itself to lay the information; forces may want a wider margin.
    """
    return period_end_months(offence_date, 6)


def _condition_violations(
    *,
    disposal_type: DisposalType,
    rules: TypeRules,
    offence_category: OffenceCategory,
    offence_date: dt.date,
    decided_on: dt.date | None,
    conditions: Sequence[Condition],
    settings: DisposalSettings,
) -> list[RuleViolation]:
    errors: list[RuleViolation] = []
    if not conditions:
        return errors
    if not rules.condition_kinds:
        errors.append(
            RuleViolation(
                "conditions",
                f"{_a_cap(disposal_type)} carries no conditions; only conditional, "
                "diversionary, community and youth conditional cautions take conditions, and "
                "a community resolution takes agreed actions.",
            )
        )
        return errors

    # Prosecution for the original offence is the sanction for breach, so for a summary
    # offence the conditions must be due while prosecution is still in time.
    prosecutable = BreachAction.PROSECUTE_ORIGINAL_OFFENCE in rules.breach_actions
    summary_deadline = (
        latest_due_date_for_summary_offence(offence_date)
        if prosecutable and offence_category is OffenceCategory.SUMMARY
        else None
    )

    capped_hours = Decimal(0)
    total_amount = Decimal(0)
    for index, condition in enumerate(conditions):
        path = f"conditions[{index}]"
        kind = condition.kind
        if kind not in rules.condition_kinds:
            allowed = ", ".join(
                k.value.replace("_", " ") for k in ConditionKind if k in rules.condition_kinds
            )
            errors.append(
                RuleViolation(
                    f"{path}.kind",
                    f"{_a_cap(disposal_type)} cannot carry a "
                    f"{kind.value.replace('_', ' ')} condition; allowed: {allowed}.",
                )
            )
        if not condition.description.strip():
            # The signed caution document states each condition (PCSC s.99(2); CJA 2003 s.23).
            errors.append(RuleViolation(f"{path}.description", "Describe the condition."))

        hours = condition.hours
        if hours is not None and hours <= 0:
            errors.append(RuleViolation(f"{path}.hours", "Hours must be more than 0."))
        elif hours is None and kind in _CAPPED_HOUR_KINDS:
            errors.append(
                RuleViolation(
                    f"{path}.hours",
                    f"Give the hours of {kind.value.replace('_', ' ')}; they count towards the "
                    f"{settings.max_hours}-hour limit.",
                )
            )
        elif hours is not None and kind in _CAPPED_HOUR_KINDS:
            capped_hours += hours

        amount = condition.amount
        if kind is ConditionKind.FINANCIAL:
            if amount is None or amount <= 0:
                errors.append(
                    RuleViolation(f"{path}.amount", "Give the amount of the financial penalty.")
                )
            else:
                total_amount += amount
        elif amount is not None:
            errors.append(
                RuleViolation(f"{path}.amount", "Only a financial condition has an amount.")
            )

        if decided_on is not None:
            if condition.due_by is not None and condition.due_by < decided_on:
                errors.append(
                    RuleViolation(
                        f"{path}.due_by", "The due date cannot be before the decision date."
                    )
                )
            due = condition_due_date(decided_on, condition.due_by, settings)
            if summary_deadline is not None and due > summary_deadline:
                errors.append(
                    RuleViolation(
                        f"{path}.due_by",
                        f"For a summary offence the condition must be due by "
                        f"{_long_date(summary_deadline)}, so that breach can still be prosecuted "
                        "within six months of the offence (MCA 1980 s.127).",
                    )
                )

    if capped_hours > settings.max_hours:
        errors.append(
            RuleViolation(
                "conditions",
                f"Unpaid work and attendance total {capped_hours} hours; the limit is "
                f"{settings.max_hours} hours per disposal (CJA 2003 s.23A; PCSC Act 2022 s.101).",
            )
        )
    if total_amount > settings.max_financial_penalty:
        errors.append(
            RuleViolation(
                "conditions",
                f"Financial penalties total £{total_amount:.2f}; the maximum is "
                f"£{settings.max_financial_penalty:.2f} (set by regulations, PCSC Act 2022 "
                "s.102(3) and s.111(3); CJA 2003 s.23A).",
            )
        )
    return errors


# --- Validating a decision -------------------------------------------------------------------


def _age_violations(disposal_type: DisposalType, rules: TypeRules, age: int) -> list[RuleViolation]:
    if age < 0:
        return [RuleViolation("offender", "The age at decision cannot be negative.")]
    if age < AGE_OF_CRIMINAL_RESPONSIBILITY:
        return [
            RuleViolation(
                "offender",
                f"The offender was {age} at the decision: a child under 10 is below the age of "
                "criminal responsibility (CYPA 1933 s.50) and cannot receive any disposal.",
            )
        ]
    if age < rules.min_age:
        return [
            RuleViolation(
                "disposal_type",
                f"{_a_cap(disposal_type)} is for adults aged 18 or over "
                f"({rules.age_rule}); the offender was {age} at the decision. Consider a youth "
                "caution, youth conditional caution, community resolution or Outcome 22.",
            )
        ]
    if rules.max_age is not None and age > rules.max_age:
        return [
            RuleViolation(
                "disposal_type",
                f"{_a_cap(disposal_type)} is for children aged 10 to 17 "
                f"({rules.age_rule}); the offender was {age} at the decision.",
            )
        ]
    return []


def _framework_violations(
    *,
    framework: Framework,
    disposal_type: DisposalType,
    rules: TypeRules,
    offence_date: dt.date,
    decided_on: dt.date | None,
    settings: DisposalSettings,
) -> list[RuleViolation]:
    if rules.part6:
        if framework is Framework.LEGACY_TWO_TIER:
            return [
                RuleViolation(
                    "disposal_type",
                    f"{_a_cap(disposal_type)} is a PCSC Act 2022 Part 6 disposal, which this force does not "
                    "use: "
                    "it runs the legacy two-tier framework (conditional caution and community "
                    "resolution).",
                )
            ]
        commenced = settings.part6_commenced_on
        if commenced is None:
            return [
                RuleViolation(
                    "disposal_type",
                    f"{_a_cap(disposal_type)} cannot be given until PCSC Act 2022 Part 6 is in force, and no "
                    "commencement date is configured.",
                )
            ]
        errors = []
        if offence_date < commenced:
            errors.append(
                RuleViolation(
                    "offence_date",
                    f"{_a_cap(disposal_type)} cannot be given for an offence committed before PCSC Act "
                    f"2022 Part 6 came into force on {_long_date(commenced)} (s.99(4)).",
                )
            )
        if decided_on is not None and decided_on < commenced:
            errors.append(
                RuleViolation(
                    "decided_on",
                    f"PCSC Act 2022 Part 6 came into force on {_long_date(commenced)}; "
                    f"{_a(disposal_type)} cannot be decided before then.",
                )
            )
        return errors
    adult_only = rules.min_age >= ADULT_AGE
    if (
        adult_only
        and disposal_type in _LEGACY_EXTRAS
        and not (
            framework is Framework.STATUTORY_TWO_TIER and part6_applies(offence_date, settings)
        )
        and settings.two_tier_adopted_on is not None
        and decided_on is not None
        and decided_on >= settings.two_tier_adopted_on
    ):
        return [
            RuleViolation(
                "disposal_type",
                f"For adults, {_a(disposal_type)} is replaced by the adult two-tier framework "
                "(conditional caution and community resolution), which this force adopted on "
                f"{_long_date(settings.two_tier_adopted_on)}.",
            )
        ]
    if (
        adult_only
        and framework is Framework.STATUTORY_TWO_TIER
        and part6_applies(offence_date, settings)
    ):
        return [
            RuleViolation(
                "disposal_type",
                f"For adults, {_a(disposal_type)} is replaced by diversionary and community cautions "
                "under "
                "PCSC Act 2022 Part 6 (s.118), the statutory two-tier framework this force runs.",
            )
        ]
    return []


def _indictable_violations(
    disposal_type: DisposalType, rules: TypeRules, dpp_consent: bool | None
) -> list[RuleViolation]:
    if rules.indictable_only is IndictableOnly.NEVER:
        reason = (
            "an indictable-only offence is an excluded offence (PCSC Act 2022 s.98(6))"
            if disposal_type is DisposalType.COMMUNITY_CAUTION
            else "it is only for low-level offences (national guidance)"
        )
        return [
            RuleViolation(
                "offence_category",
                f"{_a_cap(disposal_type)} cannot be given for an indictable-only offence: {reason}.",
            )
        ]
    if not dpp_consent:
        if disposal_type is DisposalType.DIVERSIONARY_CAUTION:
            rule = "PCSC Act 2022 s.99(3)"
        elif rules.min_age >= ADULT_AGE:
            rule = "exceptional circumstances only, CJCA 2015 s.17(2)"
        else:
            # CJCA 2015 s.17 is about adults; for children the charging decision on an
            # indictable-only offence is the CPS's (UNCONFIRMED reading, see TYPE_RULES).
            rule = "the DPP's Guidance on Charging"
        return [
            RuleViolation(
                "dpp_consent",
                f"{_a_cap(disposal_type)} for an indictable-only offence needs the consent of the Director of "
                f"Public Prosecutions ({rule}).",
            )
        ]
    return []


def disposal_violations(
    *,
    framework: Framework | str,
    disposal_type: DisposalType | str,
    age_at_decision: int,
    offence_category: OffenceCategory | str,
    offence_date: dt.date,
    admitted: bool,
    consented: bool,
    dpp_consent: bool | None,
    conditions: Sequence[Condition],
    settings: DisposalSettings,
    decided_on: dt.date | None = None,
) -> list[RuleViolation]:
    """Every rule the proposed disposal breaks, or an empty list (same arguments as
    ``validate_disposal``)."""
    framework = Framework(framework)
    disposal_type = DisposalType(disposal_type)
    offence_category = OffenceCategory(offence_category)
    rules = TYPE_RULES[disposal_type]

    errors = _age_violations(disposal_type, rules, age_at_decision)
    # The framework only decides between adult options; a wrong-age type is already refused
    # on age, and saying so twice would only clutter the error summary.
    if not errors:
        errors += _framework_violations(
            framework=framework,
            disposal_type=disposal_type,
            rules=rules,
            offence_date=offence_date,
            decided_on=decided_on,
            settings=settings,
        )

    try:
        check_outcome_date(rules.outcome_code, decided_on or offence_date, "decided_on")
    except RuleViolation as refused:
        errors.append(refused)

    if decided_on is not None and offence_date > decided_on:
        errors.append(
            RuleViolation("offence_date", "The offence date cannot be after the decision date.")
        )

    if rules.admission and not admitted:
        # Community resolution asks for acceptance of responsibility rather than a formal
        # admission; both are recorded in ``admitted`` (DOMAIN.md §3.1).
        needs = (
            "the offender to accept responsibility for the offence"
            if disposal_type is DisposalType.COMMUNITY_RESOLUTION
            else "a clear admission of the offence"
        )
        errors.append(
            RuleViolation("admitted", f"{_a_cap(disposal_type)} needs {needs} ({rules.rule}).")
        )

    if rules.consent and not consented:
        errors.append(
            RuleViolation(
                "consented",
                f"{_a_cap(disposal_type)} needs the offender's informed consent, signed on the "
                f"caution document ({rules.rule}).",
            )
        )

    if offence_category is OffenceCategory.INDICTABLE_ONLY:
        errors += _indictable_violations(disposal_type, rules, dpp_consent)

    errors += _condition_violations(
        disposal_type=disposal_type,
        rules=rules,
        offence_category=offence_category,
        offence_date=offence_date,
        decided_on=decided_on,
        conditions=conditions,
        settings=settings,
    )
    return errors


def validate_disposal(
    *,
    framework: Framework | str,
    disposal_type: DisposalType | str,
    age_at_decision: int,
    offence_category: OffenceCategory | str,
    offence_date: dt.date,
    admitted: bool,
    consented: bool,
    dpp_consent: bool | None,
    conditions: Sequence[Condition],
    settings: DisposalSettings,
    decided_on: dt.date | None = None,
) -> None:
    """Refuse a proposed disposal that breaks any rule of DOMAIN.md §3.

    Raises ``RuleViolations`` carrying *all* broken rules (not just the first), each a
    ``RuleViolation`` naming the API field to correct. Returns None when the disposal may be
    given.

    ``decided_on`` is optional so that the function can check a draft; when given it also
    checks the offence is not after the decision, condition due dates (not before the
    decision; within the six-month window for summary offences whose breach is prosecuted)
    and that a Part 6 caution is not decided before commencement.
    """
    errors = disposal_violations(
        framework=framework,
        disposal_type=disposal_type,
        age_at_decision=age_at_decision,
        offence_category=offence_category,
        offence_date=offence_date,
        admitted=admitted,
        consented=consented,
        dpp_consent=dpp_consent,
        conditions=conditions,
        settings=settings,
        decided_on=decided_on,
    )
    if errors:
        raise RuleViolations(errors)


# --- Breaches (DOMAIN.md §3.1-3.3) -----------------------------------------------------------


def allowed_breach_actions(disposal_type: DisposalType | str) -> tuple[BreachAction, ...]:
    """What may be done when the offender fails to comply, in the order to offer it.

    Empty for types with no conditions (simple and youth cautions, penalty notices,
    cannabis/khat warnings, Outcome 22): there is nothing to breach.
    """
    return TYPE_RULES[DisposalType(disposal_type)].breach_actions


def validate_breach_action(disposal_type: DisposalType | str, action: BreachAction | str) -> None:
    """Raise ``RuleViolation("action", ...)`` when the law does not allow ``action`` here."""
    disposal_type = DisposalType(disposal_type)
    action = BreachAction(action)
    rules = TYPE_RULES[disposal_type]
    if not rules.breach_actions:
        raise RuleViolation("action", f"{_capitalise(rules.breach_rule)}.")
    if action not in rules.breach_actions:
        raise RuleViolation(
            "action",
            f"{BREACH_ACTION_LABELS[action]} is not allowed on breach of {_a(disposal_type)}: "
            f"{rules.breach_rule}.",
        )


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _a(disposal_type: DisposalType) -> str:
    """The label with its article ("a simple caution", "an outcome 22 (...)") for messages."""
    label = disposal_type.label.lower()
    return f"{'an' if label[0] in 'aeiou' else 'a'} {label}"


def _a_cap(disposal_type: DisposalType) -> str:
    return _capitalise(_a(disposal_type))


def _long_date(day: dt.date) -> str:
    # Written out ("1 March 2026") rather than %-d, which is not portable.
    return f"{day.day} {day:%B %Y}"


# --- Status and completion -------------------------------------------------------------------

_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.ACTIVE: frozenset({Status.COMPLETED, Status.BREACHED, Status.WITHDRAWN}),
    # A prosecution or a penalty for breach ends the disposal; a completed or withdrawn one is
    # history and is never reopened (a new decision is a new disposal).
    Status.COMPLETED: frozenset(),
    Status.BREACHED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


def status_after_breach(action: BreachAction | str) -> Status:
    """The disposal's status once a breach is dealt with by ``action``.

    A warning gives the offender another chance, so the disposal stays active and its
    conditions still have to be completed; every other action closes it as breached (for a
    conditional caution, prosecution means the caution ceases to have effect).
    """
    if BreachAction(action) is BreachAction.WARNING:
        return Status.ACTIVE
    return Status.BREACHED


def validate_status_change(current: Status | str, new: Status | str) -> None:
    """Raise ``RuleViolation("status", ...)`` unless ``current`` may move to ``new``."""
    current, new = Status(current), Status(new)
    if new not in _TRANSITIONS[current]:
        raise RuleViolation(
            "status", f"A disposal that is {current.value} cannot become {new.value}."
        )


def is_complete(statuses: Iterable[ConditionStatus | str]) -> bool:
    """True when every condition is completed. A disposal with no conditions (a simple
    caution, a penalty notice) is complete as soon as it is given."""
    return all(ConditionStatus(status) is ConditionStatus.COMPLETED for status in statuses)


def overdue_conditions(
    due_dates: Sequence[dt.date], statuses: Sequence[ConditionStatus | str], *, on: dt.date
) -> list[int]:
    """Indexes of conditions still outstanding after their due day (``on`` is today)."""
    if len(due_dates) != len(statuses):
        raise ValueError("one status per due date")
    return [
        index
        for index, (due, status) in enumerate(zip(due_dates, statuses, strict=True))
        if ConditionStatus(status) is ConditionStatus.OUTSTANDING and on > due
    ]


def completion_violations(
    *,
    status: Status | str,
    condition_statuses: Iterable[ConditionStatus | str],
    decided_on: dt.date,
    completed_on: dt.date,
) -> list[RuleViolation]:
    """Why a disposal cannot be marked completed on ``completed_on`` (empty: it can)."""
    errors: list[RuleViolation] = []
    status = Status(status)
    if Status.COMPLETED not in _TRANSITIONS[status]:
        errors.append(
            RuleViolation("status", f"A disposal that is {status.value} cannot be completed.")
        )
    if not is_complete(condition_statuses):
        errors.append(RuleViolation("conditions", "Every condition must be completed first."))
    if completed_on < decided_on:
        errors.append(
            RuleViolation("completed_on", "The completion date cannot be before the decision.")
        )
    return errors


# --- Scrutiny panel sample (DOMAIN.md §3.3, §12) ---------------------------------------------


def sample_seed(from_date: dt.date, to_date: dt.date, size: int) -> str:
    """A stable seed for a scrutiny sample request, so asking again gives the same sample."""
    return f"oocd-scrutiny:{from_date.isoformat()}:{to_date.isoformat()}:{size}"


def sample_ids(ids: Iterable[int], size: int, seed: str) -> list[int]:
    """A reproducible random sample of ``size`` disposal ids, sorted ascending.

    The ids are de-duplicated and sorted before sampling so the database's row order does not
    matter; ``random.Random(seed)`` (string seeds are hashed with SHA-512, independent of
    PYTHONHASHSEED) makes the draw repeatable. The same seed and the same population give the
    same sample; a disposal recorded late into the period changes the population and so may
    change the sample. When ``size`` is at least the population, every id is returned.
    Not cryptographic: it is for fairness and repeatability, not secrecy.
    """
    if size < 0:
        raise ValueError("sample size cannot be negative")
    population = sorted(set(ids))
    if size >= len(population):
        return population
    return sorted(random.Random(seed).sample(population, size))


def scrutiny_violations(finding: ScrutinyFinding | str, learning: str) -> list[RuleViolation]:
    """A finding other than plain "appropriate" must say what is to be learnt or why."""
    finding = ScrutinyFinding(finding)
    if finding is not ScrutinyFinding.APPROPRIATE and not learning.strip():
        why = (
            "why the disposal was not appropriate"
            if finding is ScrutinyFinding.NOT_APPROPRIATE
            else "the learning for the force"
        )
        return [RuleViolation("learning", f"Record {why}.")]
    return []


def age_band(age: int) -> str:
    """The age band the scrutiny panel sees instead of a date of birth (never the exact age
    for a child, so a small cohort cannot be re-identified)."""
    if age < ADULT_AGE:
        return "10-17"
    for upper, band in ((24, "18-24"), (34, "25-34"), (44, "35-44"), (54, "45-54")):
        if age <= upper:
            return band
    return "55+"


# --- Victims (DOMAIN.md §3.1-3.2) ------------------------------------------------------------

# Types whose decision must take the victim's views into account: the statutory cautions
# (PCSC Act 2022 s.100(3); community caution HL Bill 95 cl.108(3)-(5)), the conditional cautions
# (Codes of Practice for Adult and Youth Conditional Cautions, 2013) and the community
# resolution (victim views are part of it, DOMAIN.md §3.1).
VICTIM_VIEWS_REQUIRED = frozenset(
    {
        DisposalType.DIVERSIONARY_CAUTION,
        DisposalType.COMMUNITY_CAUTION,
        DisposalType.CONDITIONAL_CAUTION,
        DisposalType.YOUTH_CONDITIONAL_CAUTION,
        DisposalType.COMMUNITY_RESOLUTION,
    }
)


def victim_views_violations(
    disposal_type: DisposalType | str, *, sought: bool, views: str, not_practicable_reason: str
) -> list[RuleViolation]:
    """The victim's views must be sought and recorded, or the reason why that was not
    reasonably practicable (including "no identifiable victim") given, as for bail."""
    disposal_type = DisposalType(disposal_type)
    if disposal_type not in VICTIM_VIEWS_REQUIRED:
        return []
    if sought and views.strip():
        return []
    if not_practicable_reason.strip():
        return []
    if sought:
        message = (
            "You recorded that the victim's views were sought but not what they were: record "
            "the views, or why it was not reasonably practicable to obtain them."
        )
    else:
        rule = (
            "PCSC Act 2022 s.100(3)"
            if TYPE_RULES[disposal_type].part6
            else "national community resolution guidance"
            if disposal_type is DisposalType.COMMUNITY_RESOLUTION
            else "Code of Practice for Conditional Cautions"
        )
        message = (
            f"{_a_cap(disposal_type)} needs reasonable efforts to obtain the victim's views "
            f"({rule}): record them, or why seeking them was not reasonably practicable."
        )
    return [RuleViolation("victim_views", message)]


# --- Intervention referrals ------------------------------------------------------------------


class ReferralStatus(enum.StrEnum):
    REFERRED = "referred"
    BOOKED = "booked"
    ATTENDED = "attended"
    COMPLETED = "completed"
    DID_NOT_ATTEND = "did_not_attend"


_REFERRAL_STEPS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.REFERRED: frozenset(
        {
            ReferralStatus.BOOKED,
            ReferralStatus.ATTENDED,
            ReferralStatus.COMPLETED,
            ReferralStatus.DID_NOT_ATTEND,
        }
    ),
    ReferralStatus.BOOKED: frozenset(
        {ReferralStatus.ATTENDED, ReferralStatus.COMPLETED, ReferralStatus.DID_NOT_ATTEND}
    ),
    ReferralStatus.ATTENDED: frozenset({ReferralStatus.COMPLETED, ReferralStatus.DID_NOT_ATTEND}),
    # Someone who missed the course may be booked on it again.
    ReferralStatus.DID_NOT_ATTEND: frozenset({ReferralStatus.BOOKED}),
    ReferralStatus.COMPLETED: frozenset(),
}


def referral_progress_violations(
    current: ReferralStatus | str, new: ReferralStatus | str, *, last_on: dt.date, on: dt.date
) -> list[RuleViolation]:
    """Why a referral cannot move from ``current`` to ``new`` on ``on`` (empty: it can).

    ``last_on`` is the day of the referral or of its latest progress: progress is recorded in
    order."""
    current, new = ReferralStatus(current), ReferralStatus(new)
    errors = []
    if new not in _REFERRAL_STEPS[current]:
        errors.append(
            RuleViolation(
                "status",
                f"A referral that is {current.value.replace('_', ' ')} cannot become "
                f"{new.value.replace('_', ' ')}.",
            )
        )
    if on < last_on:
        errors.append(
            RuleViolation("on", f"Progress cannot be dated before {_long_date(last_on)}.")
        )
    return errors

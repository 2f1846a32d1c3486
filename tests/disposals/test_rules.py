"""Out-of-court disposal rules as tables (DOMAIN.md §3; API.md "Out-of-court disposals").

Pure: no database and no Django, so these run with ``-p no:django``. Each table row is one
case a decision form can meet; the expected value is the list of refused fields.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from disposals.rules import (
    BreachAction,
    Condition,
    ConditionKind,
    ConditionStatus,
    DisposalSettings,
    DisposalType,
    Framework,
    RuleViolation,
    RuleViolations,
    ScrutinyFinding,
    Status,
    allowed_breach_actions,
    available_types,
    completion_violations,
    condition_due_date,
    disposal_violations,
    is_complete,
    not_offered,
    outcome_code,
    overdue_conditions,
    sample_ids,
    sample_seed,
    status_after_breach,
    validate_breach_action,
    validate_disposal,
    validate_status_change,
)
from offenders.choices import OffenceCategory

T = DisposalType
K = ConditionKind
A = BreachAction
LEGACY = Framework.LEGACY_TWO_TIER
STATUTORY = Framework.STATUTORY_TWO_TIER
SUMMARY = OffenceCategory.SUMMARY
EITHER_WAY = OffenceCategory.EITHER_WAY
INDICTABLE = OffenceCategory.INDICTABLE_ONLY

# A hypothetical commencement date: Part 6 is prospective (DOMAIN.md §3.2).
COMMENCED = dt.date(2026, 4, 1)
PART6 = DisposalSettings(part6_commenced_on=COMMENCED)
NOT_COMMENCED = DisposalSettings()
OFFENCE = dt.date(2026, 5, 1)
DECIDED = dt.date(2026, 6, 1)
OK: list[str] = []

PART6_TYPES = {T.DIVERSIONARY_CAUTION, T.COMMUNITY_CAUTION}


def framework_for(disposal_type: DisposalType) -> Framework:
    """The framework under which the type is available to adults (youth types: either)."""
    return STATUTORY if disposal_type in PART6_TYPES else LEGACY


def proposal(**overrides: object) -> dict[str, object]:
    """A disposal every rule accepts (an adult simple caution), changed by ``overrides``."""
    disposal_type = overrides.get("disposal_type", T.SIMPLE_CAUTION)
    base: dict[str, object] = {
        "framework": framework_for(DisposalType(str(disposal_type))),
        "disposal_type": disposal_type,
        "age_at_decision": 30,
        "offence_category": EITHER_WAY,
        "offence_date": OFFENCE,
        "admitted": True,
        "consented": True,
        "dpp_consent": None,
        "conditions": (),
        "settings": PART6,
        "decided_on": DECIDED,
    }
    base.update(overrides)
    return base


def refused_fields(**overrides: object) -> list[str]:
    return [error.field for error in disposal_violations(**proposal(**overrides))]  # type: ignore[arg-type]


def work(hours: str, kind: ConditionKind = K.UNPAID_WORK) -> Condition:
    return Condition(kind=kind, description="Litter picking", hours=Decimal(hours))


def fine(amount: str) -> Condition:
    return Condition(kind=K.FINANCIAL, description="Financial penalty", amount=Decimal(amount))


COURSE = Condition(kind=K.REHABILITATIVE, description="Shoplifting awareness course")
APOLOGY = Condition(kind=K.REPARATIVE, description="Letter of apology to the victim")
NO_CONTACT = Condition(kind=K.RESTRICTIVE, description="No contact with the victim")


# --- Enumerations and outcome codes ----------------------------------------------------------


def test_enumerations_use_the_api_values() -> None:
    assert [t.value for t in DisposalType] == [
        "diversionary_caution",
        "community_caution",
        "community_resolution",
        "conditional_caution",
        "simple_caution",
        "youth_caution",
        "youth_conditional_caution",
        "penalty_notice",
        "cannabis_warning",
        "khat_warning",
        "outcome_22",
    ]
    assert [c.value for c in OffenceCategory] == ["summary", "either_way", "indictable_only"]
    assert [k.value for k in ConditionKind] == [
        "rehabilitative",
        "reparative",
        "restrictive",
        "unpaid_work",
        "attendance",
        "financial",
    ]
    assert [s.value for s in Status] == ["active", "completed", "breached", "withdrawn"]
    assert [a.value for a in BreachAction] == [
        "prosecute_original_offence",
        "financial_penalty",
        "warning",
        "no_further_action",
    ]
    assert [f.value for f in Framework] == ["legacy_two_tier", "statutory_two_tier"]
    assert [f.value for f in ScrutinyFinding] == [
        "appropriate",
        "not_appropriate",
        "appropriate_with_learning",
    ]


@pytest.mark.parametrize(
    ("disposal_type", "code"),
    [
        (T.SIMPLE_CAUTION, "3"),
        (T.CONDITIONAL_CAUTION, "3"),
        (T.DIVERSIONARY_CAUTION, "3"),
        (T.COMMUNITY_CAUTION, "3"),
        (T.YOUTH_CAUTION, "2"),
        (T.YOUTH_CONDITIONAL_CAUTION, "2"),
        (T.PENALTY_NOTICE, "6"),
        (T.CANNABIS_WARNING, "7"),
        (T.KHAT_WARNING, "7"),
        (T.COMMUNITY_RESOLUTION, "8"),
        (T.OUTCOME_22, "22"),
    ],
)
def test_each_type_records_its_home_office_outcome_code(
    disposal_type: DisposalType, code: str
) -> None:
    assert outcome_code(disposal_type) == code
    assert outcome_code(disposal_type.value) == code


# --- Availability under each framework -------------------------------------------------------

LEGACY_ADULT = [
    T.CONDITIONAL_CAUTION,
    T.COMMUNITY_RESOLUTION,
    T.SIMPLE_CAUTION,
    T.PENALTY_NOTICE,
    T.CANNABIS_WARNING,
    T.KHAT_WARNING,
]
STATUTORY_ADULT = [T.DIVERSIONARY_CAUTION, T.COMMUNITY_CAUTION, T.COMMUNITY_RESOLUTION]
YOUTH = [T.YOUTH_CAUTION, T.YOUTH_CONDITIONAL_CAUTION, T.COMMUNITY_RESOLUTION, T.OUTCOME_22]


@pytest.mark.parametrize(
    ("framework", "age", "expected"),
    [
        (LEGACY, 9, []),
        (STATUTORY, 9, []),
        (LEGACY, 0, []),
        (LEGACY, 10, YOUTH),
        (STATUTORY, 10, YOUTH),
        (LEGACY, 17, YOUTH),
        (STATUTORY, 17, YOUTH),
        (LEGACY, 18, LEGACY_ADULT),
        (STATUTORY, 18, STATUTORY_ADULT),
        (LEGACY, 70, LEGACY_ADULT),
        (STATUTORY, 70, STATUTORY_ADULT),
        ("statutory_two_tier", 40, STATUTORY_ADULT),
    ],
)
def test_the_form_offers_the_types_for_the_framework_and_age(
    framework: Framework, age: int, expected: list[DisposalType]
) -> None:
    assert available_types(framework, age) == expected


@pytest.mark.parametrize(
    ("offence_date", "settings", "expected"),
    [
        (COMMENCED, PART6, STATUTORY_ADULT),
        (COMMENCED - dt.timedelta(days=1), PART6, LEGACY_ADULT),
        (OFFENCE, NOT_COMMENCED, LEGACY_ADULT),
    ],
)
def test_a_statutory_force_falls_back_to_legacy_types_for_offences_before_part6(
    offence_date: dt.date, settings: DisposalSettings, expected: list[DisposalType]
) -> None:
    assert available_types(STATUTORY, 30, offence_date=offence_date, settings=settings) == expected


# --- Every type against every age band (the framework that offers it, Part 6 in force) -------


@pytest.mark.parametrize(
    ("disposal_type", "age", "expected"),
    [
        (T.DIVERSIONARY_CAUTION, 9, ["offender"]),
        (T.DIVERSIONARY_CAUTION, 10, ["disposal_type"]),
        (T.DIVERSIONARY_CAUTION, 17, ["disposal_type"]),
        (T.DIVERSIONARY_CAUTION, 18, OK),
        (T.COMMUNITY_CAUTION, 9, ["offender"]),
        (T.COMMUNITY_CAUTION, 10, ["disposal_type"]),
        (T.COMMUNITY_CAUTION, 17, ["disposal_type"]),
        (T.COMMUNITY_CAUTION, 18, OK),
        (T.CONDITIONAL_CAUTION, 9, ["offender"]),
        (T.CONDITIONAL_CAUTION, 10, ["disposal_type"]),
        (T.CONDITIONAL_CAUTION, 17, ["disposal_type"]),
        (T.CONDITIONAL_CAUTION, 18, OK),
        (T.SIMPLE_CAUTION, 9, ["offender"]),
        (T.SIMPLE_CAUTION, 10, ["disposal_type"]),
        (T.SIMPLE_CAUTION, 17, ["disposal_type"]),
        (T.SIMPLE_CAUTION, 18, OK),
        (T.PENALTY_NOTICE, 9, ["offender"]),
        (T.PENALTY_NOTICE, 10, ["disposal_type"]),
        (T.PENALTY_NOTICE, 17, ["disposal_type"]),
        (T.PENALTY_NOTICE, 18, OK),
        (T.CANNABIS_WARNING, 9, ["offender"]),
        (T.CANNABIS_WARNING, 10, ["disposal_type"]),
        (T.CANNABIS_WARNING, 17, ["disposal_type"]),
        (T.CANNABIS_WARNING, 18, OK),
        (T.KHAT_WARNING, 9, ["offender"]),
        (T.KHAT_WARNING, 10, ["disposal_type"]),
        (T.KHAT_WARNING, 17, ["disposal_type"]),
        (T.KHAT_WARNING, 18, OK),
        (T.YOUTH_CAUTION, 9, ["offender"]),
        (T.YOUTH_CAUTION, 10, OK),
        (T.YOUTH_CAUTION, 17, OK),
        (T.YOUTH_CAUTION, 18, ["disposal_type"]),
        (T.YOUTH_CONDITIONAL_CAUTION, 9, ["offender"]),
        (T.YOUTH_CONDITIONAL_CAUTION, 10, OK),
        (T.YOUTH_CONDITIONAL_CAUTION, 17, OK),
        (T.YOUTH_CONDITIONAL_CAUTION, 18, ["disposal_type"]),
        (T.OUTCOME_22, 9, ["offender"]),
        (T.OUTCOME_22, 10, OK),
        (T.OUTCOME_22, 17, OK),
        (T.OUTCOME_22, 18, ["disposal_type"]),
        (T.COMMUNITY_RESOLUTION, 9, ["offender"]),
        (T.COMMUNITY_RESOLUTION, 10, OK),
        (T.COMMUNITY_RESOLUTION, 17, OK),
        (T.COMMUNITY_RESOLUTION, 18, OK),
    ],
)
def test_it_checks_each_type_against_each_age_band(
    disposal_type: DisposalType, age: int, expected: list[str]
) -> None:
    assert refused_fields(disposal_type=disposal_type, age_at_decision=age) == expected


def test_it_refuses_a_child_under_ten_citing_the_age_of_criminal_responsibility() -> None:
    (error,) = disposal_violations(**proposal(disposal_type=T.YOUTH_CAUTION, age_at_decision=9))  # type: ignore[arg-type]
    assert "CYPA 1933 s.50" in error.message


def test_it_refuses_a_negative_age() -> None:
    assert refused_fields(age_at_decision=-1) == ["offender"]


def test_it_tells_the_officer_what_a_seventeen_year_old_can_have_instead() -> None:
    (error,) = disposal_violations(**proposal(disposal_type=T.SIMPLE_CAUTION, age_at_decision=17))  # type: ignore[arg-type]
    assert "18 or over" in error.message
    assert "youth caution" in error.message


def test_community_resolution_is_in_both_frameworks() -> None:
    for framework in Framework:
        assert refused_fields(disposal_type=T.COMMUNITY_RESOLUTION, framework=framework) == OK


@pytest.mark.parametrize("framework", list(Framework))
@pytest.mark.parametrize("disposal_type", [T.YOUTH_CAUTION, T.OUTCOME_22])
def test_youth_types_do_not_depend_on_the_framework(
    framework: Framework, disposal_type: DisposalType
) -> None:
    assert (
        refused_fields(disposal_type=disposal_type, framework=framework, age_at_decision=15) == OK
    )


# --- Framework and Part 6 commencement -------------------------------------------------------


@pytest.mark.parametrize(
    ("framework", "disposal_type", "settings", "offence_date", "decided_on", "expected", "cites"),
    [
        # Part 6 cautions under the legacy framework.
        (LEGACY, T.DIVERSIONARY_CAUTION, PART6, OFFENCE, DECIDED, ["disposal_type"], "Part 6"),
        (LEGACY, T.COMMUNITY_CAUTION, PART6, OFFENCE, DECIDED, ["disposal_type"], "Part 6"),
        # Statutory framework, but no commencement date configured.
        (
            STATUTORY,
            T.DIVERSIONARY_CAUTION,
            NOT_COMMENCED,
            OFFENCE,
            DECIDED,
            ["disposal_type"],
            "no commencement date",
        ),
        # s.99(4): not for offences committed before commencement; the day itself is fine.
        (
            STATUTORY,
            T.DIVERSIONARY_CAUTION,
            PART6,
            dt.date(2026, 3, 31),
            DECIDED,
            ["offence_date"],
            "s.99(4)",
        ),
        (
            STATUTORY,
            T.COMMUNITY_CAUTION,
            PART6,
            dt.date(2026, 3, 31),
            DECIDED,
            ["offence_date"],
            "s.99(4)",
        ),
        (STATUTORY, T.DIVERSIONARY_CAUTION, PART6, COMMENCED, COMMENCED, OK, ""),
        # Legacy adult types replaced for offences after commencement (s.118).
        (STATUTORY, T.CONDITIONAL_CAUTION, PART6, OFFENCE, DECIDED, ["disposal_type"], "s.118"),
        (STATUTORY, T.SIMPLE_CAUTION, PART6, OFFENCE, DECIDED, ["disposal_type"], "s.118"),
        (STATUTORY, T.PENALTY_NOTICE, PART6, OFFENCE, DECIDED, ["disposal_type"], "s.118"),
        (STATUTORY, T.CANNABIS_WARNING, PART6, OFFENCE, DECIDED, ["disposal_type"], "s.118"),
        (STATUTORY, T.KHAT_WARNING, PART6, OFFENCE, DECIDED, ["disposal_type"], "s.118"),
        # ...but still available for offences before commencement, or before it is configured.
        (STATUTORY, T.CONDITIONAL_CAUTION, PART6, dt.date(2026, 3, 31), DECIDED, OK, ""),
        (STATUTORY, T.SIMPLE_CAUTION, NOT_COMMENCED, OFFENCE, DECIDED, OK, ""),
    ],
)
def test_it_refuses_types_the_force_framework_does_not_offer(
    framework: Framework,
    disposal_type: DisposalType,
    settings: DisposalSettings,
    offence_date: dt.date,
    decided_on: dt.date,
    expected: list[str],
    cites: str,
) -> None:
    errors = disposal_violations(
        **proposal(  # type: ignore[arg-type]
            framework=framework,
            disposal_type=disposal_type,
            settings=settings,
            offence_date=offence_date,
            decided_on=decided_on,
        )
    )
    assert [e.field for e in errors] == expected
    assert all(cites in e.message for e in errors)


def test_it_refuses_a_part6_caution_decided_before_commencement_for_a_later_offence() -> None:
    # A nonsense combination a form can still produce: the offence date is after commencement
    # but the decision date is before it.
    assert refused_fields(
        disposal_type=T.DIVERSIONARY_CAUTION,
        offence_date=COMMENCED,
        decided_on=dt.date(2026, 3, 1),
    ) == ["decided_on", "offence_date"]


def test_it_refuses_an_offence_dated_after_the_decision() -> None:
    assert refused_fields(offence_date=DECIDED + dt.timedelta(days=1)) == ["offence_date"]


def test_it_does_not_repeat_a_framework_refusal_when_the_age_is_wrong() -> None:
    assert refused_fields(
        framework=LEGACY, disposal_type=T.DIVERSIONARY_CAUTION, age_at_decision=16
    ) == ["disposal_type"]


# --- Admission and consent -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("disposal_type", "age", "expected"),
    [
        (T.DIVERSIONARY_CAUTION, 30, ["admitted"]),
        (T.COMMUNITY_CAUTION, 30, ["admitted"]),
        (T.CONDITIONAL_CAUTION, 30, ["admitted"]),
        (T.SIMPLE_CAUTION, 30, ["admitted"]),
        (T.YOUTH_CAUTION, 15, ["admitted"]),
        (T.YOUTH_CONDITIONAL_CAUTION, 15, ["admitted"]),
        (T.COMMUNITY_RESOLUTION, 30, ["admitted"]),
        (T.CANNABIS_WARNING, 30, ["admitted"]),
        (T.KHAT_WARNING, 30, ["admitted"]),
        (T.PENALTY_NOTICE, 30, OK),
        (T.OUTCOME_22, 15, OK),
    ],
)
def test_it_requires_an_admission_except_for_penalty_notices_and_outcome_22(
    disposal_type: DisposalType, age: int, expected: list[str]
) -> None:
    assert (
        refused_fields(disposal_type=disposal_type, age_at_decision=age, admitted=False) == expected
    )


def test_a_community_resolution_asks_for_acceptance_of_responsibility() -> None:
    (error,) = disposal_violations(**proposal(disposal_type=T.COMMUNITY_RESOLUTION, admitted=False))  # type: ignore[arg-type]
    assert "accept responsibility" in error.message


@pytest.mark.parametrize(
    ("disposal_type", "age", "expected"),
    [
        (T.CONDITIONAL_CAUTION, 30, ["consented"]),
        (T.DIVERSIONARY_CAUTION, 30, ["consented"]),
        (T.COMMUNITY_CAUTION, 30, ["consented"]),
        (T.YOUTH_CONDITIONAL_CAUTION, 15, ["consented"]),
        (T.SIMPLE_CAUTION, 30, OK),
        (T.YOUTH_CAUTION, 15, OK),
        (T.COMMUNITY_RESOLUTION, 30, OK),
        (T.PENALTY_NOTICE, 30, OK),
        (T.OUTCOME_22, 15, OK),
    ],
)
def test_it_requires_informed_consent_for_conditional_and_part6_cautions(
    disposal_type: DisposalType, age: int, expected: list[str]
) -> None:
    assert (
        refused_fields(disposal_type=disposal_type, age_at_decision=age, consented=False)
        == expected
    )


# --- Indictable-only offences ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("disposal_type", "age", "dpp_consent", "expected"),
    [
        (T.DIVERSIONARY_CAUTION, 30, None, ["dpp_consent"]),
        (T.DIVERSIONARY_CAUTION, 30, False, ["dpp_consent"]),
        (T.DIVERSIONARY_CAUTION, 30, True, OK),
        (T.COMMUNITY_CAUTION, 30, True, ["offence_category"]),
        (T.SIMPLE_CAUTION, 30, None, ["dpp_consent"]),
        (T.SIMPLE_CAUTION, 30, True, OK),
        (T.CONDITIONAL_CAUTION, 30, None, ["dpp_consent"]),
        (T.CONDITIONAL_CAUTION, 30, True, OK),
        (T.YOUTH_CAUTION, 15, None, ["dpp_consent"]),
        (T.YOUTH_CONDITIONAL_CAUTION, 15, True, OK),
        (T.OUTCOME_22, 15, None, ["dpp_consent"]),
        (T.COMMUNITY_RESOLUTION, 30, True, ["offence_category"]),
        (T.PENALTY_NOTICE, 30, True, ["offence_category"]),
        (T.CANNABIS_WARNING, 30, True, ["offence_category"]),
        (T.KHAT_WARNING, 30, True, ["offence_category"]),
    ],
)
def test_it_limits_disposals_for_indictable_only_offences(
    disposal_type: DisposalType, age: int, dpp_consent: bool | None, expected: list[str]
) -> None:
    assert (
        refused_fields(
            disposal_type=disposal_type,
            age_at_decision=age,
            offence_category=INDICTABLE,
            dpp_consent=dpp_consent,
        )
        == expected
    )


def test_the_diversionary_caution_dpp_refusal_cites_section_99_3() -> None:
    (error,) = disposal_violations(
        **proposal(disposal_type=T.DIVERSIONARY_CAUTION, offence_category=INDICTABLE)  # type: ignore[arg-type]
    )
    assert "s.99(3)" in error.message


@pytest.mark.parametrize("category", [SUMMARY, EITHER_WAY])
def test_dpp_consent_is_not_needed_below_indictable_only(category: OffenceCategory) -> None:
    assert refused_fields(disposal_type=T.DIVERSIONARY_CAUTION, offence_category=category) == OK


# --- Conditions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("disposal_type", "conditions", "expected"),
    [
        # Hours: unpaid work plus attendance, 20 in total per disposal (s.101; CJA 2003 s.23A).
        (T.DIVERSIONARY_CAUTION, [work("20")], OK),
        (T.DIVERSIONARY_CAUTION, [work("20.5")], ["conditions"]),
        (T.CONDITIONAL_CAUTION, [work("12"), work("8", K.ATTENDANCE)], OK),
        (T.CONDITIONAL_CAUTION, [work("12"), work("8.5", K.ATTENDANCE)], ["conditions"]),
        (T.CONDITIONAL_CAUTION, [work("20"), work("6", K.REHABILITATIVE)], OK),
        (T.CONDITIONAL_CAUTION, [work("0")], ["conditions[0].hours"]),
        (T.CONDITIONAL_CAUTION, [Condition(K.UNPAID_WORK, "Clean-up")], ["conditions[0].hours"]),
        # Financial: total within the configured maximum (£100.00 by default).
        (T.COMMUNITY_CAUTION, [fine("100.00")], OK),
        (T.COMMUNITY_CAUTION, [fine("100.01")], ["conditions"]),
        (T.COMMUNITY_CAUTION, [fine("60"), fine("40.01")], ["conditions"]),
        (T.CONDITIONAL_CAUTION, [fine("50"), COURSE], OK),
        (T.CONDITIONAL_CAUTION, [fine("0")], ["conditions[0].amount"]),
        (T.CONDITIONAL_CAUTION, [Condition(K.FINANCIAL, "Penalty")], ["conditions[0].amount"]),
        (
            T.CONDITIONAL_CAUTION,
            [Condition(K.REPARATIVE, "Repair", amount=Decimal(5))],
            ["conditions[0].amount"],
        ),
        # Which types take which kinds.
        (T.COMMUNITY_RESOLUTION, [COURSE, APOLOGY], OK),
        (T.COMMUNITY_RESOLUTION, [fine("20")], ["conditions[0].kind"]),
        (T.COMMUNITY_RESOLUTION, [work("2")], ["conditions[0].kind"]),
        (T.COMMUNITY_RESOLUTION, [NO_CONTACT], ["conditions[0].kind"]),
        (T.COMMUNITY_CAUTION, [NO_CONTACT], ["conditions[0].kind"]),
        (T.DIVERSIONARY_CAUTION, [NO_CONTACT, COURSE, APOLOGY], OK),
        (T.SIMPLE_CAUTION, [COURSE], ["conditions"]),
        (T.PENALTY_NOTICE, [fine("90")], ["conditions"]),
        (T.CANNABIS_WARNING, [COURSE], ["conditions"]),
        # Every condition is described on the signed document.
        (T.CONDITIONAL_CAUTION, [Condition(K.REHABILITATIVE, "  ")], ["conditions[0].description"]),
        # Due dates: not before the decision.
        (
            T.CONDITIONAL_CAUTION,
            [Condition(K.REPARATIVE, "Repair", due_by=DECIDED - dt.timedelta(days=1))],
            ["conditions[0].due_by"],
        ),
        (T.CONDITIONAL_CAUTION, [Condition(K.REPARATIVE, "Repair", due_by=DECIDED)], OK),
    ],
)
def test_it_checks_conditions(
    disposal_type: DisposalType, conditions: list[Condition], expected: list[str]
) -> None:
    assert refused_fields(disposal_type=disposal_type, conditions=conditions) == expected


@pytest.mark.parametrize(
    ("disposal_type", "age", "kind"),
    [
        (T.CONDITIONAL_CAUTION, 30, K.FINANCIAL),
        (T.DIVERSIONARY_CAUTION, 30, K.FINANCIAL),
        (T.COMMUNITY_CAUTION, 30, K.FINANCIAL),
        (T.YOUTH_CONDITIONAL_CAUTION, 15, K.FINANCIAL),
        (T.YOUTH_CONDITIONAL_CAUTION, 15, K.UNPAID_WORK),
    ],
)
def test_conditional_types_take_financial_and_unpaid_work_conditions(
    disposal_type: DisposalType, age: int, kind: ConditionKind
) -> None:
    condition = fine("25") if kind is K.FINANCIAL else work("5", kind)
    assert (
        refused_fields(disposal_type=disposal_type, age_at_decision=age, conditions=[condition])
        == OK
    )


def test_the_hour_and_amount_limits_follow_the_settings() -> None:
    tighter = DisposalSettings(
        max_hours=Decimal(10), max_financial_penalty=Decimal(50), part6_commenced_on=COMMENCED
    )
    assert refused_fields(
        disposal_type=T.DIVERSIONARY_CAUTION,
        conditions=[work("10.5"), fine("50.01")],
        settings=tighter,
    ) == ["conditions", "conditions"]


def test_the_hour_limit_refusal_gives_the_total_and_the_limit() -> None:
    (error,) = disposal_violations(
        **proposal(disposal_type=T.DIVERSIONARY_CAUTION, conditions=[work("20.5")])  # type: ignore[arg-type]
    )
    assert "20.5 hours" in error.message
    assert "limit is 20 hours" in error.message


@pytest.mark.parametrize(
    ("offence_date", "due_by", "expected"),
    [
        # Summary offence on 1 May: prosecution is in time up to 1 November (MCA 1980 s.127),
        # so the conditions must be due by 31 October.
        (OFFENCE, dt.date(2026, 10, 31), OK),
        (OFFENCE, dt.date(2026, 11, 1), ["conditions[0].due_by"]),
        # No due date: the default 112-day period from 1 June ends 20 September, in time...
        (OFFENCE, None, OK),
        # ...but not for an offence of 1 February (deadline 31 July).
        (dt.date(2026, 2, 1), None, ["conditions[0].due_by"]),
    ],
)
def test_summary_offence_conditions_fall_due_while_prosecution_is_in_time(
    offence_date: dt.date, due_by: dt.date | None, expected: list[str]
) -> None:
    condition = Condition(K.REPARATIVE, "Repair the fence", due_by=due_by)
    assert (
        refused_fields(
            disposal_type=T.CONDITIONAL_CAUTION,
            offence_category=SUMMARY,
            offence_date=offence_date,
            conditions=[condition],
        )
        == expected
    )


def test_the_six_month_window_does_not_apply_where_breach_is_not_prosecuted() -> None:
    late = Condition(K.REPARATIVE, "Repair", due_by=dt.date(2027, 1, 1))
    assert (
        refused_fields(
            disposal_type=T.COMMUNITY_CAUTION, offence_category=SUMMARY, conditions=[late]
        )
        == OK
    )


@pytest.mark.parametrize(
    ("decided_on", "due_by", "expected"),
    [
        (dt.date(2026, 3, 1), None, dt.date(2026, 6, 20)),
        (dt.date(2026, 6, 1), None, dt.date(2026, 9, 20)),
        (dt.date(2026, 6, 1), dt.date(2026, 7, 1), dt.date(2026, 7, 1)),
    ],
)
def test_a_condition_without_a_due_date_is_due_at_the_end_of_sixteen_weeks(
    decided_on: dt.date, due_by: dt.date | None, expected: dt.date
) -> None:
    assert condition_due_date(decided_on, due_by, DisposalSettings()) == expected


def test_the_completion_period_follows_the_settings() -> None:
    settings = DisposalSettings(default_completion_days=28)
    assert condition_due_date(dt.date(2026, 2, 1), None, settings) == dt.date(2026, 2, 28)


def test_a_condition_accepts_plain_api_values() -> None:
    condition = Condition(kind="unpaid_work", description="x", hours=20.5, amount=None)  # type: ignore[arg-type]
    assert condition.kind is K.UNPAID_WORK
    assert condition.hours == Decimal("20.5")


# --- Collecting every refusal ----------------------------------------------------------------


def test_it_reports_every_broken_rule_at_once() -> None:
    with pytest.raises(RuleViolations) as caught:
        validate_disposal(
            framework=STATUTORY,
            disposal_type=T.DIVERSIONARY_CAUTION,
            age_at_decision=30,
            offence_category=INDICTABLE,
            offence_date=OFFENCE,
            admitted=False,
            consented=False,
            dpp_consent=False,
            conditions=[work("21"), fine("150"), Condition(K.REHABILITATIVE, "")],
            settings=PART6,
            decided_on=DECIDED,
        )
    assert caught.value.fields == [
        "admitted",
        "consented",
        "dpp_consent",
        "conditions[2].description",
        "conditions",
        "conditions",
    ]
    assert set(caught.value.as_dict()) == {
        "admitted",
        "consented",
        "dpp_consent",
        "conditions[2].description",
        "conditions",
    }
    assert len(caught.value.as_dict()["conditions"]) == 2
    assert all(isinstance(error, RuleViolation) for error in caught.value.errors)


def test_a_valid_disposal_passes_quietly() -> None:
    validate_disposal(
        framework="legacy_two_tier",
        disposal_type="conditional_caution",
        age_at_decision=18,
        offence_category="either_way",
        offence_date=OFFENCE,
        admitted=True,
        consented=True,
        dpp_consent=None,
        conditions=[work("20"), fine("100"), COURSE],
        settings=DisposalSettings(),
    )


def test_rule_violations_are_value_errors_with_a_field_and_a_message() -> None:
    error = RuleViolation("admitted", "Needs an admission.")
    assert isinstance(error, ValueError)
    assert (error.field, error.message) == ("admitted", "Needs an admission.")
    assert isinstance(RuleViolations([error]), ValueError)


# --- Breaches --------------------------------------------------------------------------------

PROSECUTE = (A.PROSECUTE_ORIGINAL_OFFENCE, A.WARNING, A.NO_FURTHER_ACTION)


@pytest.mark.parametrize(
    ("disposal_type", "expected"),
    [
        (T.CONDITIONAL_CAUTION, PROSECUTE),
        (T.DIVERSIONARY_CAUTION, PROSECUTE),
        (T.YOUTH_CONDITIONAL_CAUTION, PROSECUTE),
        (T.COMMUNITY_CAUTION, (A.FINANCIAL_PENALTY, A.WARNING, A.NO_FURTHER_ACTION)),
        (T.COMMUNITY_RESOLUTION, (A.WARNING, A.NO_FURTHER_ACTION)),
        (T.SIMPLE_CAUTION, ()),
        (T.YOUTH_CAUTION, ()),
        (T.PENALTY_NOTICE, ()),
        (T.CANNABIS_WARNING, ()),
        (T.KHAT_WARNING, ()),
        (T.OUTCOME_22, ()),
    ],
)
def test_each_type_allows_its_breach_actions(
    disposal_type: DisposalType, expected: tuple[BreachAction, ...]
) -> None:
    assert allowed_breach_actions(disposal_type) == expected
    for action in expected:
        validate_breach_action(disposal_type, action)


@pytest.mark.parametrize(
    ("disposal_type", "action", "cites"),
    [
        (T.COMMUNITY_CAUTION, A.PROSECUTE_ORIGINAL_OFFENCE, "s.98(5)"),
        (T.CONDITIONAL_CAUTION, A.FINANCIAL_PENALTY, "CJA 2003 s.24"),
        (T.DIVERSIONARY_CAUTION, A.FINANCIAL_PENALTY, "s.98(4)"),
        (T.YOUTH_CONDITIONAL_CAUTION, A.FINANCIAL_PENALTY, "CDA 1998 s.66E"),
        (T.COMMUNITY_RESOLUTION, A.PROSECUTE_ORIGINAL_OFFENCE, "cannot be enforced"),
        (T.COMMUNITY_RESOLUTION, A.FINANCIAL_PENALTY, "cannot be enforced"),
        (T.SIMPLE_CAUTION, A.WARNING, "no conditions"),
        (T.PENALTY_NOTICE, A.NO_FURTHER_ACTION, "registered as a fine"),
        (T.OUTCOME_22, A.PROSECUTE_ORIGINAL_OFFENCE, "charging decision"),
    ],
)
def test_it_refuses_a_breach_action_the_law_does_not_allow(
    disposal_type: DisposalType, action: BreachAction, cites: str
) -> None:
    with pytest.raises(RuleViolation) as caught:
        validate_breach_action(disposal_type.value, action.value)
    assert caught.value.field == "action"
    assert cites in caught.value.message


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (A.WARNING, Status.ACTIVE),
        (A.PROSECUTE_ORIGINAL_OFFENCE, Status.BREACHED),
        (A.FINANCIAL_PENALTY, Status.BREACHED),
        (A.NO_FURTHER_ACTION, Status.BREACHED),
    ],
)
def test_a_warning_keeps_the_disposal_active_and_other_actions_close_it(
    action: BreachAction, expected: Status
) -> None:
    assert status_after_breach(action) is expected


# --- Status and completion -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (Status.ACTIVE, Status.COMPLETED, True),
        (Status.ACTIVE, Status.BREACHED, True),
        (Status.ACTIVE, Status.WITHDRAWN, True),
        (Status.COMPLETED, Status.ACTIVE, False),
        (Status.BREACHED, Status.COMPLETED, False),
        (Status.WITHDRAWN, Status.ACTIVE, False),
        (Status.ACTIVE, Status.ACTIVE, False),
    ],
)
def test_only_an_active_disposal_changes_status(
    current: Status, new: Status, allowed: bool
) -> None:
    if allowed:
        validate_status_change(current, new)
    else:
        with pytest.raises(RuleViolation):
            validate_status_change(current, new)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([], True),
        ([ConditionStatus.COMPLETED, ConditionStatus.COMPLETED], True),
        ([ConditionStatus.COMPLETED, ConditionStatus.OUTSTANDING], False),
        (["completed", "failed"], False),
    ],
)
def test_a_disposal_is_complete_when_every_condition_is(
    statuses: list[ConditionStatus], expected: bool
) -> None:
    assert is_complete(statuses) is expected


def test_overdue_conditions_are_outstanding_after_their_due_day() -> None:
    due = [dt.date(2026, 6, 1), dt.date(2026, 6, 1), dt.date(2026, 6, 2), dt.date(2026, 5, 1)]
    statuses = [
        ConditionStatus.OUTSTANDING,
        ConditionStatus.COMPLETED,
        ConditionStatus.OUTSTANDING,
        ConditionStatus.FAILED,
    ]
    assert overdue_conditions(due, statuses, on=dt.date(2026, 6, 1)) == []
    assert overdue_conditions(due, statuses, on=dt.date(2026, 6, 2)) == [0]
    assert overdue_conditions(due, statuses, on=dt.date(2026, 6, 3)) == [0, 2]


@pytest.mark.parametrize(
    ("status", "statuses", "completed_on", "expected"),
    [
        (Status.ACTIVE, [ConditionStatus.COMPLETED], DECIDED, OK),
        (Status.ACTIVE, [ConditionStatus.OUTSTANDING], DECIDED, ["conditions"]),
        (Status.BREACHED, [], DECIDED, ["status"]),
        (Status.ACTIVE, [], DECIDED - dt.timedelta(days=1), ["completed_on"]),
    ],
)
def test_it_refuses_to_complete_a_disposal_too_early(
    status: Status, statuses: list[ConditionStatus], completed_on: dt.date, expected: list[str]
) -> None:
    errors = completion_violations(
        status=status, condition_statuses=statuses, decided_on=DECIDED, completed_on=completed_on
    )
    assert [e.field for e in errors] == expected


# --- Scrutiny sample -------------------------------------------------------------------------

POPULATION = list(range(1, 201))


def test_the_same_request_returns_the_same_sample() -> None:
    seed = sample_seed(dt.date(2026, 1, 1), dt.date(2026, 3, 31), 10)
    first = sample_ids(POPULATION, 10, seed)
    assert len(first) == 10
    assert first == sorted(first)
    assert set(first) <= set(POPULATION)
    assert sample_ids(list(reversed(POPULATION)), 10, seed) == first
    assert sample_ids(POPULATION + POPULATION[:50], 10, seed) == first


def test_a_different_period_draws_a_different_sample() -> None:
    spring = sample_seed(dt.date(2026, 1, 1), dt.date(2026, 3, 31), 10)
    summer = sample_seed(dt.date(2026, 4, 1), dt.date(2026, 6, 30), 10)
    assert spring != summer
    assert sample_ids(POPULATION, 10, spring) != sample_ids(POPULATION, 10, summer)


def test_the_seed_is_stable_text() -> None:
    assert (
        sample_seed(dt.date(2026, 1, 1), dt.date(2026, 3, 31), 10)
        == "oocd-scrutiny:2026-01-01:2026-03-31:10"
    )


@pytest.mark.parametrize(
    ("ids", "size", "expected"),
    [
        ([5, 3, 9], 10, [3, 5, 9]),
        ([5, 3, 9], 3, [3, 5, 9]),
        ([5, 3, 3], 5, [3, 5]),
        ([], 5, []),
        ([5, 3, 9], 0, []),
    ],
)
def test_a_sample_larger_than_the_population_returns_everyone(
    ids: list[int], size: int, expected: list[int]
) -> None:
    assert sample_ids(ids, size, "seed") == expected


def test_a_negative_sample_size_is_refused() -> None:
    with pytest.raises(ValueError):
        sample_ids([1, 2, 3], -1, "seed")


# --- Outcomes that did not yet exist (issue 13 item 13; DOMAIN.md §3.3-3.4) -------------------


@pytest.mark.parametrize(
    ("decided_on", "expected"),
    [
        (dt.date(2019, 3, 31), ["decided_on"]),  # the day before Outcome 22 existed
        (dt.date(2019, 4, 1), OK),
        (dt.date(2026, 11, 30), OK),
    ],
)
def test_outcome_22_cannot_be_decided_before_1_april_2019(decided_on, expected):
    errors = disposal_violations(
        **proposal(
            disposal_type=T.OUTCOME_22,
            age_at_decision=15,
            offence_date=dt.date(2019, 3, 1),
            decided_on=decided_on,
            admitted=False,
            consented=False,
        )
    )  # type: ignore[arg-type]
    assert [e.field for e in errors] == expected
    if expected:
        assert "1 April 2019" in errors[0].message


# --- The non-statutory adult two-tier framework, from the day the force adopted it -----------

ADOPTED = dt.date(2021, 4, 1)
TWO_TIER = DisposalSettings(two_tier_adopted_on=ADOPTED)
TIERS_ONLY = [T.CONDITIONAL_CAUTION, T.COMMUNITY_RESOLUTION]
LEGACY_EXTRAS = [T.SIMPLE_CAUTION, T.PENALTY_NOTICE, T.CANNABIS_WARNING, T.KHAT_WARNING]


@pytest.mark.parametrize(
    ("decided_on", "settings", "age", "expected"),
    [
        (ADOPTED, TWO_TIER, 30, TIERS_ONLY),  # the day of adoption
        (ADOPTED - dt.timedelta(days=1), TWO_TIER, 30, TIERS_ONLY + LEGACY_EXTRAS),
        (dt.date(2024, 2, 29), TWO_TIER, 30, TIERS_ONLY),  # a leap day, long after
        (None, TWO_TIER, 30, TIERS_ONLY),  # no decision date: the framework the force runs now
        (dt.date(2026, 12, 1), NOT_COMMENCED, 30, TIERS_ONLY + LEGACY_EXTRAS),  # never adopted
        (dt.date(2026, 12, 1), TWO_TIER, 17, YOUTH),  # children: the same either way
        (dt.date(2026, 12, 1), TWO_TIER, 18, TIERS_ONLY),
    ],
)
def test_the_two_tier_framework_replaces_the_other_adult_options_from_adoption(
    decided_on: dt.date | None,
    settings: DisposalSettings,
    age: int,
    expected: list[DisposalType],
) -> None:
    assert available_types(LEGACY, age, settings=settings, decided_on=decided_on) == expected


def test_a_statutory_force_deciding_a_pre_part6_offence_gets_the_two_tier_pair_after_adoption() -> (
    None
):
    settings = DisposalSettings(part6_commenced_on=COMMENCED, two_tier_adopted_on=ADOPTED)
    before_part6 = COMMENCED - dt.timedelta(days=1)
    types = available_types(
        STATUTORY, 30, offence_date=before_part6, settings=settings, decided_on=COMMENCED
    )
    assert types == TIERS_ONLY


@pytest.mark.parametrize(
    ("decided_on", "expected"),
    [
        (ADOPTED, [(kind, "adopted on 1 April 2021") for kind in LEGACY_EXTRAS]),
        (ADOPTED - dt.timedelta(days=1), []),
    ],
)
def test_the_form_says_why_each_left_out_option_is_not_offered(
    decided_on: dt.date, expected: list[tuple[DisposalType, str]]
) -> None:
    left_out = not_offered(LEGACY, 30, settings=TWO_TIER, decided_on=decided_on)
    assert [kind for kind, _ in left_out] == [kind for kind, _ in expected]
    for (_, reason), (_, words) in zip(left_out, expected, strict=True):
        assert words in reason and "two-tier framework" in reason


def test_children_are_never_told_about_adult_options() -> None:
    assert not_offered(LEGACY, 15, settings=TWO_TIER, decided_on=dt.date(2026, 12, 1)) == []


@pytest.mark.parametrize("disposal_type", LEGACY_EXTRAS)
@pytest.mark.parametrize(
    ("decided_on", "refused"),
    [(ADOPTED, True), (ADOPTED - dt.timedelta(days=1), False), (dt.date(2026, 12, 1), True)],
)
def test_an_adult_legacy_option_decided_after_adoption_is_refused_with_the_rule_named(
    disposal_type: DisposalType, decided_on: dt.date, refused: bool
) -> None:
    errors = disposal_violations(
        **proposal(  # type: ignore[arg-type]
            disposal_type=disposal_type,
            offence_category=SUMMARY,
            settings=TWO_TIER,
            decided_on=decided_on,
            offence_date=decided_on - dt.timedelta(days=2),
        )
    )
    named = [e for e in errors if "adopted on 1 April 2021" in e.message]
    assert bool(named) is refused
    if refused:
        assert named[0].field == "disposal_type"

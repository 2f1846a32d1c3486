"""Pre-charge bail rules as pure functions (DOMAIN.md §2; PACE 1984 ss.47ZA-47ZM).

No database, no ORM and no clock: every date is passed in. Dates are calendar days in
England and Wales; a bail period ends at 23:59:59 London time on its last day
(``core.calendar.end_of_day``), so "after the period" means "on a later day".

Months and days "beginning with" the bail start date follow DOMAIN.md §0: the start day
is day 1, and a month period whose corresponding end date does not exist (31 Nov) ends
on the last day of the target month (``calendar.period_end_months``).

Not modelled here: the suspension of the applicable bail period while a charging
decision is with the CPS (s.47ZL) and s.47ZJ(3) "treated as extended" periods; callers
that record those pass the adjusted ``current_period_ends`` in.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from accounts.ranks import RANK_LABELS, Rank, rank_at_least
from bail.choices import Agency, Authority, EndReason, Regime, Status
from core.calendar import period_end_days, period_end_months
from core.rules import RuleViolation

# Policing and Crime Act 2017 s.63 (time limits on pre-charge bail) commenced 3 Apr 2017.
REGIME_2017_STARTS = dt.date(2017, 4, 3)
# PCSC Act 2022 s.45 commenced 28 Oct 2022 (S.I. 2022/1075 reg 4(a)).
REGIME_2022_STARTS = dt.date(2022, 10, 28)

# s.47ZG further court extensions: length UNCONFIRMED (DOMAIN.md §2.1), so it is a
# parameter of ``next_extension`` and this is only its default.
DEFAULT_FURTHER_COURT_MONTHS = 3

# Force practice, not statute: RUI has no statutory time limit (DOMAIN.md §2.2).
DEFAULT_RUI_REVIEW_DAYS = 90
DEFAULT_WARNING_LEAD_DAYS: tuple[int, ...] = (14, 3)


@dataclass(frozen=True)
class Condition:
    """A bail condition as the API takes it: ``{"text", "protects_victim"}``."""

    text: str
    protects_victim: bool = False


@dataclass(frozen=True)
class InitialBail:
    """What the custody officer's grant of bail fixes (API ``POST /bail/cases/``)."""

    regime: Regime
    bail_start_date: dt.date
    bail_period_ends: dt.date
    return_date: dt.date


# --- Regime, start date and initial period ------------------------------------------


def regime(arrested_on: dt.date) -> Regime:
    """The bail regime that governs a person arrested on ``arrested_on``.

    PCSC Act 2022 s.45(3) applies the amendments only to persons "arrested after"
    commencement. Commencement was the start of 28 Oct 2022, so any arrest on that day
    happened after it: arrests on or after 28 Oct 2022 are 2022 regime, arrests on or
    before 27 Oct 2022 are 2017 regime. Arrests before 3 Apr 2017 predate the statutory
    time limits altogether and are refused.
    """
    if arrested_on < REGIME_2017_STARTS:
        raise RuleViolation(
            "arrested_on",
            "Pre-charge bail time limits apply only to arrests on or after 3 April 2017 "
            "(Policing and Crime Act 2017 s.63); Desist cannot compute a bail period "
            "for an earlier arrest.",
        )
    if arrested_on < REGIME_2022_STARTS:
        return Regime.R2017
    return Regime.R2022


# ``next_extension`` takes a keyword argument called ``regime``, which hides the function.
_regime_of_arrest = regime


def bail_start_date(arrested_on: dt.date) -> dt.date:
    """The day after the day of arrest for the relevant offence (PACE s.47ZB(4)(a))."""
    return arrested_on + dt.timedelta(days=1)


def is_agency_case(agency: Agency | str) -> bool:
    """FCA, HMRC, NCA and SFO cases are "non-standard" (PACE s.47ZB(4)(b)-(c))."""
    return _agency(agency) is not Agency.POLICE


def initial_period_end(
    *, regime: Regime | str, agency: Agency | str, bail_start: dt.date
) -> dt.date:
    """Last day of the initial applicable bail period (PACE s.47ZB(1)).

    2022 regime: 3 months beginning with the bail start date in a standard case,
    6 months in an FCA, HMRC, NCA or SFO case. 2017 regime (s.47ZB as enacted): 3 months
    in an SFO case, 28 days in an FCA case or any other case (HMRC and NCA cases were not
    distinguished before 2022, so they take 28 days too).
    """
    chosen_regime = _regime(regime)
    chosen_agency = _agency(agency)
    if chosen_regime is Regime.R2022:
        months = 3 if chosen_agency is Agency.POLICE else 6
        return period_end_months(bail_start, months)
    if chosen_agency is Agency.SFO:
        return period_end_months(bail_start, 3)
    return period_end_days(bail_start, 28)


def return_date(
    *,
    bail_start: dt.date,
    period_ends: dt.date,
    requested: dt.date | None = None,
    reason_for_earlier_date: str = "",
) -> dt.date:
    """The day the person must answer bail (PACE s.47ZA(2)-(5)).

    By default the last day of the applicable bail period. An earlier day is allowed
    only to align with other bail or because a charging decision is expected sooner,
    so an earlier ``requested`` date needs ``reason_for_earlier_date``.
    """
    if requested is None:
        return period_ends
    if requested > period_ends:
        raise RuleViolation(
            "return_date",
            f"The return date cannot be after bail ends on {_day(period_ends)} (PACE s.47ZA(2)).",
        )
    if requested < bail_start:
        raise RuleViolation(
            "return_date",
            f"The return date cannot be before bail starts on {_day(bail_start)} "
            "(PACE s.47ZB(4)(a)).",
        )
    if requested < period_ends and not reason_for_earlier_date.strip():
        raise RuleViolation(
            "return_date",
            f"A return date before the day bail ends ({_day(period_ends)}) needs a "
            "reason: aligning with other bail or a charging decision expected sooner "
            "(PACE s.47ZA(3)-(5)).",
        )
    return requested


def initial_bail(*, arrested_on: dt.date, agency: Agency | str = Agency.POLICE) -> InitialBail:
    """Regime, bail start date, period end and default return date for a new grant."""
    chosen_regime = regime(arrested_on)
    start = bail_start_date(arrested_on)
    ends = initial_period_end(regime=chosen_regime, agency=agency, bail_start=start)
    return InitialBail(
        regime=chosen_regime,
        bail_start_date=start,
        bail_period_ends=ends,
        return_date=ends,
    )


# --- Extensions ---------------------------------------------------------------------

_INITIAL = "initial"  # the stage before any extension


@dataclass(frozen=True)
class _Step:
    """One lawful extension: who may give it, from which stage, and to how long."""

    section: str  # the stage this step leads to, e.g. "s.47ZDA"
    authority: Authority
    after: frozenset[str]  # stages (sections) it may follow
    months: int | None  # months from the bail start date; None: s.47ZG further court
    months_47zf7: int | None = None  # s.47ZF(5)-(6): longer court extension
    minimum_rank: Rank | None = None  # None: court or agency decision-maker
    needs_designation: bool = False
    describes: str = ""  # "extending bail to 9 months (PACE s.47ZDA)"
    follows: str = ""  # what it may follow, for refusals
    done: str = ""  # "extended to 9 months under s.47ZDA", for refusals
    offer: str = ""  # "a superintendent or above can extend it to 9 months (s.47ZDA)"


_COURT_47ZG = _Step(
    section="s.47ZG",
    authority=Authority.COURT,
    after=frozenset({"s.47ZF", "s.47ZG"}),
    months=None,
    describes="a further court extension (PACE s.47ZG)",
    follows="a first court extension (s.47ZF)",
    done="extended by the court under s.47ZG",
    offer="the magistrates' court can extend it further (s.47ZG)",
)

# 2022 regime, standard (police) case: PACE ss.47ZD, 47ZDA, 47ZE, 47ZF, 47ZG as amended
# by PCSC Act 2022 Sch 4.
_STEPS_2022_STANDARD: tuple[_Step, ...] = (
    _Step(
        section="s.47ZD",
        authority=Authority.INSPECTOR,
        after=frozenset({_INITIAL}),
        months=6,
        minimum_rank=Rank.INSPECTOR,
        describes="extending bail to 6 months (PACE s.47ZD)",
        follows="the initial 3-month period (it must be the first extension)",
        done="extended to 6 months under s.47ZD",
        offer="an inspector or above can extend it to 6 months (s.47ZD)",
    ),
    _Step(
        section="s.47ZDA",
        authority=Authority.SUPERINTENDENT,
        after=frozenset({"s.47ZD"}),
        months=9,
        minimum_rank=Rank.SUPERINTENDENT,
        describes="extending bail to 9 months (PACE s.47ZDA)",
        follows="an inspector's extension to 6 months (s.47ZD)",
        done="extended to 9 months under s.47ZDA",
        offer="a superintendent or above can extend it to 9 months (s.47ZDA)",
    ),
    _Step(
        section="s.47ZE",
        authority=Authority.ACC,
        after=frozenset({"s.47ZDA"}),
        months=12,
        minimum_rank=Rank.ACC,
        needs_designation=True,
        describes="extending bail to 12 months in a designated case (PACE s.47ZE)",
        follows="a superintendent's extension to 9 months (s.47ZDA)",
        done="extended to 12 months in a designated case under s.47ZE",
        offer=(
            "in a case the DPP has designated exceptionally complex, an assistant "
            "chief constable / commander or above can extend it to 12 months (s.47ZE)"
        ),
    ),
    _Step(
        section="s.47ZF",
        authority=Authority.COURT,
        after=frozenset({"s.47ZDA"}),
        months=12,
        months_47zf7=18,
        describes="a first court extension (PACE s.47ZF)",
        follows=(
            "a superintendent's extension to 9 months (s.47ZDA) or a designated-case "
            "extension to 12 months (s.47ZE)"
        ),
        done="extended by the court under s.47ZF",
        offer="the magistrates' court can extend it to 12 months (18 in a s.47ZF(7) case)",
    ),
    _Step(
        section="s.47ZF",
        authority=Authority.COURT,
        after=frozenset({"s.47ZE"}),
        months=18,
        months_47zf7=24,
        describes="a first court extension (PACE s.47ZF)",
        follows=(
            "a superintendent's extension to 9 months (s.47ZDA) or a designated-case "
            "extension to 12 months (s.47ZE)"
        ),
        done="extended by the court under s.47ZF",
        offer="the magistrates' court can extend it to 18 months (24 in a s.47ZF(7) case)",
    ),
    _COURT_47ZG,
)

# 2022 regime, FCA/HMRC/NCA/SFO case: s.47ZDB then the court (s.47ZF(1)(ba)).
_STEPS_2022_AGENCY: tuple[_Step, ...] = (
    _Step(
        section="s.47ZDB",
        authority=Authority.AGENCY,
        after=frozenset({_INITIAL}),
        months=12,
        describes="the agency's extension to 12 months (PACE s.47ZDB)",
        follows="the initial 6-month period (it must be the first extension)",
        done="extended to 12 months under s.47ZDB",
        offer="the agency's appropriate decision-maker can extend it to 12 months (s.47ZDB)",
    ),
    _Step(
        section="s.47ZF",
        authority=Authority.COURT,
        after=frozenset({"s.47ZDB"}),
        months=18,
        months_47zf7=24,
        describes="a first court extension (PACE s.47ZF)",
        follows="the agency's extension to 12 months (s.47ZDB)",
        done="extended by the court under s.47ZF",
        offer="the magistrates' court can extend it to 18 months (24 in a s.47ZF(7) case)",
    ),
    _COURT_47ZG,
)

# 2017 regime (PACE as enacted by Policing and Crime Act 2017 s.63), 28-day cases
# (police, and FCA/HMRC/NCA, which the 2017 text did not treat differently).
# The 2017 court lengths (6/9 months; 9/12 in a s.47ZF(7) case) are from the 2017 text
# as remembered, not retrieved during research: UNCONFIRMED (DOMAIN.md §2.3 says only
# "Magistrates' court").
_STEPS_2017_STANDARD: tuple[_Step, ...] = (
    _Step(
        section="s.47ZD",
        authority=Authority.SUPERINTENDENT,
        after=frozenset({_INITIAL}),
        months=3,
        minimum_rank=Rank.SUPERINTENDENT,
        describes="extending bail to 3 months (PACE s.47ZD as enacted in 2017)",
        follows="the initial 28-day period (it must be the first extension)",
        done="extended to 3 months under s.47ZD",
        offer="a superintendent or above can extend it to 3 months (s.47ZD)",
    ),
    _Step(
        section="s.47ZE",
        authority=Authority.ACC,
        after=frozenset({"s.47ZD"}),
        months=6,
        minimum_rank=Rank.ACC,
        needs_designation=True,
        describes=(
            "extending bail to 6 months in a designated case (PACE s.47ZE as enacted in 2017)"
        ),
        follows="a superintendent's extension to 3 months (s.47ZD)",
        done="extended to 6 months in a designated case under s.47ZE",
        offer=(
            "in a case designated exceptionally complex, an assistant chief constable / "
            "commander or above can extend it to 6 months (s.47ZE)"
        ),
    ),
    _Step(
        section="s.47ZF",
        authority=Authority.COURT,
        after=frozenset({"s.47ZD"}),
        months=6,
        months_47zf7=9,
        describes="a first court extension (PACE s.47ZF as enacted in 2017)",
        follows=(
            "a superintendent's extension to 3 months (s.47ZD) or a designated-case "
            "extension to 6 months (s.47ZE)"
        ),
        done="extended by the court under s.47ZF",
        offer="the magistrates' court can extend it to 6 months (s.47ZF)",
    ),
    _Step(
        section="s.47ZF",
        authority=Authority.COURT,
        after=frozenset({"s.47ZE"}),
        months=9,
        months_47zf7=12,
        describes="a first court extension (PACE s.47ZF as enacted in 2017)",
        follows=(
            "a superintendent's extension to 3 months (s.47ZD) or a designated-case "
            "extension to 6 months (s.47ZE)"
        ),
        done="extended by the court under s.47ZF",
        offer="the magistrates' court can extend it to 9 months (s.47ZF)",
    ),
    _COURT_47ZG,
)

# 2017 regime, SFO case: the initial period is already 3 months, so there is no s.47ZD
# step. The designated-case extension was given by the SFO's "appropriate
# decision-maker" in an SFO case (s.47ZE as enacted) - UNCONFIRMED, from the 2017 text
# as remembered; the court could extend straight from the initial 3 months.
_STEPS_2017_SFO: tuple[_Step, ...] = (
    _Step(
        section="s.47ZE",
        authority=Authority.AGENCY,
        after=frozenset({_INITIAL}),
        months=6,
        needs_designation=True,
        describes=(
            "the SFO's extension to 6 months in a designated case (PACE s.47ZE as enacted in 2017)"
        ),
        follows="the initial 3-month period (it must be the first extension)",
        done="extended to 6 months in a designated case under s.47ZE",
        offer=(
            "in a case designated exceptionally complex, the SFO's appropriate "
            "decision-maker can extend it to 6 months (s.47ZE)"
        ),
    ),
    _Step(
        section="s.47ZF",
        authority=Authority.COURT,
        after=frozenset({_INITIAL}),
        months=6,
        months_47zf7=9,
        describes="a first court extension (PACE s.47ZF as enacted in 2017)",
        follows="the initial 3-month period or the SFO's designated-case extension (s.47ZE)",
        done="extended by the court under s.47ZF",
        offer="the magistrates' court can extend it to 6 months (s.47ZF)",
    ),
    _Step(
        section="s.47ZF",
        authority=Authority.COURT,
        after=frozenset({"s.47ZE"}),
        months=9,
        months_47zf7=12,
        describes="a first court extension (PACE s.47ZF as enacted in 2017)",
        follows="the initial 3-month period or the SFO's designated-case extension (s.47ZE)",
        done="extended by the court under s.47ZF",
        offer="the magistrates' court can extend it to 9 months (s.47ZF)",
    ),
    _COURT_47ZG,
)

# Why an authority can never extend bail in a kind of case, whatever came before.
_NEVER: dict[tuple[Regime, bool, Authority], str] = {
    (Regime.R2022, False, Authority.AGENCY): (
        "Only an FCA, HMRC, NCA or SFO case can be extended by that agency's "
        "appropriate decision-maker (PACE s.47ZDB); this is a police case."
    ),
    (Regime.R2022, True, Authority.INSPECTOR): (
        "In an FCA, HMRC, NCA or SFO case bail already runs for 6 months and is extended "
        "to 12 months by the agency's appropriate decision-maker (PACE s.47ZDB), not by "
        "an inspector (s.47ZD covers standard cases only)."
    ),
    (Regime.R2022, True, Authority.SUPERINTENDENT): (
        "In an FCA, HMRC, NCA or SFO case bail is extended to 12 months by the agency's "
        "appropriate decision-maker (PACE s.47ZDB), not by a superintendent (s.47ZDA "
        "covers standard cases only)."
    ),
    (Regime.R2022, True, Authority.ACC): (
        "In an FCA, HMRC, NCA or SFO case bail is extended to 12 months by the agency's "
        "appropriate decision-maker (PACE s.47ZDB); the designated-case extension by an "
        "assistant chief constable (s.47ZE) follows a s.47ZDA extension in a standard "
        "case only."
    ),
    (Regime.R2017, False, Authority.INSPECTOR): (
        "Under the 2017 regime an inspector cannot extend bail: the first extension, to "
        "3 months, needs a superintendent or above (PACE s.47ZD as enacted in 2017)."
    ),
    (Regime.R2017, False, Authority.AGENCY): (
        "Agency extensions (PACE s.47ZDB) apply only to arrests on or after "
        "28 October 2022; under the 2017 regime a superintendent extends bail to "
        "3 months (s.47ZD)."
    ),
    (Regime.R2017, True, Authority.INSPECTOR): (
        "Under the 2017 regime an SFO case already runs for 3 months; the next extension "
        "is the SFO's designated-case extension (PACE s.47ZE) or the court (s.47ZF)."
    ),
    (Regime.R2017, True, Authority.SUPERINTENDENT): (
        "Under the 2017 regime an SFO case already runs for 3 months, so there is no "
        "superintendent's extension (PACE s.47ZD); the next extension is the SFO's "
        "designated-case extension (s.47ZE) or the court (s.47ZF)."
    ),
    (Regime.R2017, True, Authority.ACC): (
        "Under the 2017 regime the designated-case extension in an SFO case is given by "
        "the SFO's appropriate decision-maker, not a police officer (PACE s.47ZE as "
        "enacted in 2017)."
    ),
}


def next_extension(
    *,
    regime: Regime | str,
    agency: Agency | str,
    arrested_on: dt.date,
    extensions_so_far: Sequence[Authority | str],
    authority: Authority | str,
    authoriser_rank: Rank | str | None,
    decided_on: dt.date,
    current_period_ends: dt.date,
    designated_case: bool = False,
    section_47zf7_case: bool = False,
    further_court_months: int = DEFAULT_FURTHER_COURT_MONTHS,
) -> dt.date:
    """The new last day of the applicable bail period after this extension, or raise.

    Contract:

    * ``extensions_so_far`` lists the authorities of earlier extensions, oldest first;
      past designated-case extensions are taken to have been designated.
    * ``authoriser_rank`` is the rank of the authorising police officer. For the court
      and an agency's decision-maker it is not a police decision and is ignored.
    * The extension must be decided on or before the day the current period ends: once
      it ends there is no power to extend (DOMAIN.md §2.1; s.47ZE(8), s.47ZF(2)).
    * ``section_47zf7_case`` asks for the longer first court extension (s.47ZF(5)-(6)).
    * A further court extension (s.47ZG) runs for ``further_court_months`` beginning
      with the day after the current period ends. Its length is UNCONFIRMED
      (DOMAIN.md §2.1); the default is 3 months.

    Every other extension ends a fixed number of months beginning with the bail start
    date (s.47ZB(4)(a)), whatever the current period end.

    Raises ``RuleViolation`` for the wrong regime, a period that has ended, the wrong
    order, a missing designation, or too junior a rank.
    """
    chosen_regime = _regime(regime)
    chosen_agency = _agency(agency)
    chosen_authority = _authority(authority)
    if further_court_months < 1:
        raise ValueError("further_court_months must be at least 1")

    actual_regime = _regime_of_arrest(arrested_on)
    if actual_regime is not chosen_regime:
        raise RuleViolation(
            "regime",
            f"An arrest on {_day(arrested_on)} falls under the {actual_regime} regime, "
            f"not the {chosen_regime} regime (PCSC Act 2022 s.45(3)).",
        )
    if decided_on < arrested_on:
        raise RuleViolation(
            "decided_on",
            f"An extension cannot be decided before the arrest on {_day(arrested_on)}.",
        )
    if decided_on > current_period_ends:
        raise RuleViolation(
            "decided_on",
            f"Bail ended on {_day(current_period_ends)}; a period that has ended cannot "
            "be extended (PACE ss.47ZD-47ZF). The person is no longer on bail.",
        )

    steps = _steps(chosen_regime, chosen_agency)
    stage = _stage_after(chosen_regime, chosen_agency, steps, extensions_so_far)
    step = _find_step(chosen_regime, chosen_agency, steps, stage, chosen_authority)

    if step.needs_designation and not designated_case:
        raise RuleViolation(
            "designated_case",
            f"{_capitalise(step.describes)} is only for a case designated exceptionally "
            "complex; record the designation first.",
        )
    if section_47zf7_case and step.months_47zf7 is None:
        raise RuleViolation(
            "section_47zf7_case",
            "The longer s.47ZF(7) period applies only to the first court extension "
            "(PACE s.47ZF(5)-(6)).",
        )
    if step.minimum_rank is not None:
        _check_rank(chosen_regime, chosen_agency, step, authoriser_rank)

    start = bail_start_date(arrested_on)
    if step.months is None:
        new_end = period_end_months(
            current_period_ends + dt.timedelta(days=1), further_court_months
        )
    else:
        months = step.months_47zf7 if section_47zf7_case else step.months
        assert months is not None  # months_47zf7 checked above
        new_end = period_end_months(start, months)

    if new_end <= current_period_ends:
        raise RuleViolation(
            "current_period_ends",
            f"Bail already runs until {_day(current_period_ends)}; {step.describes} would "
            f"end it on {_day(new_end)}, which is no extension.",
        )
    return new_end


@dataclass(frozen=True)
class ExtensionOption:
    """An extension that may come next, for forms that show who may authorise what."""

    authority: Authority
    minimum_rank: Rank | None  # None: the court or the agency's decision-maker
    needs_designation: bool
    offer: str  # "an inspector or above can extend it to 6 months (s.47ZD)"


def next_extension_options(
    *, regime: Regime | str, agency: Agency | str, extensions_so_far: Sequence[Authority | str]
) -> list[ExtensionOption]:
    """The extensions that may lawfully follow ``extensions_so_far``, in the statute's
    order. Timing (the period must not have ended) is the caller's to check."""
    chosen_regime = _regime(regime)
    chosen_agency = _agency(agency)
    steps = _steps(chosen_regime, chosen_agency)
    stage = _stage_after(chosen_regime, chosen_agency, steps, extensions_so_far)
    options: list[ExtensionOption] = []
    for step in steps:
        if stage in step.after and all(o.authority is not step.authority for o in options):
            options.append(
                ExtensionOption(
                    step.authority, step.minimum_rank, step.needs_designation, step.offer
                )
            )
    return options


def _steps(chosen_regime: Regime, agency: Agency) -> tuple[_Step, ...]:
    if chosen_regime is Regime.R2022:
        return _STEPS_2022_STANDARD if agency is Agency.POLICE else _STEPS_2022_AGENCY
    return _STEPS_2017_SFO if agency is Agency.SFO else _STEPS_2017_STANDARD


def _special_case(chosen_regime: Regime, agency: Agency) -> bool:
    """Whether the case takes the non-standard track in this regime."""
    if chosen_regime is Regime.R2022:
        return agency is not Agency.POLICE
    return agency is Agency.SFO


def _stage_after(
    chosen_regime: Regime,
    agency: Agency,
    steps: tuple[_Step, ...],
    history: Sequence[Authority | str],
) -> str:
    """Replay earlier extensions; the stage (section) bail has reached."""
    stage = _INITIAL
    for number, previous in enumerate(history, start=1):
        try:
            step = _find_step(chosen_regime, agency, steps, stage, _authority(previous))
        except RuleViolation as error:
            raise RuleViolation(
                "extensions_so_far",
                f"Earlier extension number {number} ({previous}) is not a lawful "
                f"sequence: {error.message}",
            ) from error
        stage = step.section
    return stage


def _find_step(
    chosen_regime: Regime,
    agency: Agency,
    steps: tuple[_Step, ...],
    stage: str,
    authority: Authority,
) -> _Step:
    for step in steps:
        if step.authority is authority and stage in step.after:
            return step
    never = _NEVER.get((chosen_regime, _special_case(chosen_regime, agency), authority))
    if never is not None:
        raise RuleViolation("authority", never)
    # The authority exists in this kind of case but not at this point in the sequence.
    wanted = next(step for step in steps if step.authority is authority)
    reached = "bail has not been extended yet"
    for step in steps:
        if step.section == stage:
            reached = f"bail has been {step.done}"
            break
    offers = [step.offer for step in steps if stage in step.after]
    next_options = f" Next, {' or '.join(offers)}." if offers else ""
    raise RuleViolation(
        "authority",
        f"{_capitalise(wanted.describes)} can only follow {wanted.follows}; "
        f"{reached}.{next_options}",
    )


def _check_rank(
    chosen_regime: Regime, agency: Agency, step: _Step, authoriser_rank: Rank | str | None
) -> None:
    assert step.minimum_rank is not None
    needed = f"{_rank_phrase(step.minimum_rank)} or above (PACE {step.section})"
    if authoriser_rank is None:
        raise RuleViolation(
            "authoriser_rank",
            f"Record the rank of the authorising officer: {step.describes} needs {needed}.",
        )
    try:
        rank = Rank(authoriser_rank)
    except ValueError:
        raise RuleViolation("authoriser_rank", f"{authoriser_rank!r} is not a rank.") from None
    if rank_at_least(rank, step.minimum_rank):
        return
    # Say how far this rank could go: the most senior police step it meets.
    reachable = [
        other.months
        for other in _steps(chosen_regime, agency)
        if other.minimum_rank is not None
        and other.months is not None
        and rank_at_least(rank, other.minimum_rank)
    ]
    if reachable:
        limit = f"{_rank_phrase(rank)} can only extend to {max(reachable)} months"
    else:
        limit = f"{_rank_phrase(rank)} cannot extend pre-charge bail"
    target = f"Extending bail to {step.months} months"
    if step.needs_designation:
        target += " in a designated case"
    raise RuleViolation("authoriser_rank", f"{target} needs {needed}; {limit}.")


# --- Conditions and victims -----------------------------------------------------------


def validate_victim_views(
    conditions: Iterable[Condition | Mapping[str, object]],
    sought: bool,
    views: str,
    not_practicable_reason: str,
) -> None:
    """Refuse victim-protecting conditions without the victim's views or a reason.

    Where reasonably practicable the alleged victim's views must be sought before
    imposing or varying conditions that relate to their safeguarding (PCSC Act 2022
    Sch 4 Part 3; e.g. PACE s.30CA(4A)-(4D)). So when any condition protects the victim,
    either the views were sought and recorded, or a reason why seeking them was not
    reasonably practicable is given. Conditions may be ``Condition`` objects or API
    mappings (``{"text", "protects_victim"}``).
    """
    if not any(_protects_victim(condition) for condition in conditions):
        return
    if sought and views.strip():
        return
    if not_practicable_reason.strip():
        return
    if sought:
        message = (
            "You recorded that the victim's views were sought but not what they were: "
            "record the views, or why it was not reasonably practicable to obtain them "
            "(PCSC Act 2022 Sch 4 Part 3)."
        )
    else:
        message = (
            "Conditions that protect the victim need the victim's views, or a reason why "
            "seeking them was not reasonably practicable (PCSC Act 2022 Sch 4 Part 3)."
        )
    raise RuleViolation("victim_views", message)


def _protects_victim(condition: Condition | Mapping[str, object]) -> bool:
    if isinstance(condition, Condition):
        return condition.protects_victim
    return bool(condition.get("protects_victim", False))


# --- Lapse, ending, RUI reviews and warnings ------------------------------------------


def is_lapsed(period_ends: dt.date, on_date: dt.date, ended: bool = False) -> bool:
    """True once ``on_date`` is after the last day of the period and no outcome is
    recorded. The period runs to 23:59:59 on ``period_ends`` (DOMAIN.md §0), so bail
    is still live on that day; afterwards there is no power to extend and the person
    is no longer on bail (DOMAIN.md §2.1, "When ABP ends without extension")."""
    return not ended and on_date > period_ends


def check_end(
    *, status: Status | str, reason: EndReason | str, started_on: dt.date, ended_on: dt.date
) -> EndReason:
    """Validate how a bail or RUI case ends (API ``POST /bail/cases/{id}/end/``).

    Only bail can lapse (RUI has no time limit, DOMAIN.md §2.2) or be converted to RUI.
    """
    chosen_status = _enum(Status, status, "status")
    chosen_reason = _enum(EndReason, reason, "reason")
    if ended_on < started_on:
        raise RuleViolation(
            "ended_on", f"A case cannot end before it started on {_day(started_on)}."
        )
    if chosen_status is Status.RUI and chosen_reason in (
        EndReason.LAPSED,
        EndReason.CONVERTED_TO_RUI,
    ):
        raise RuleViolation(
            "reason",
            "Released under investigation has no time limit, so it cannot lapse or be "
            "converted to RUI; only pre-charge bail can.",
        )
    return chosen_reason


def rui_review_due(start_date: dt.date, interval_days: int = DEFAULT_RUI_REVIEW_DAYS) -> dt.date:
    """The last day of the RUI review interval that begins with ``start_date``.

    RUI has no statutory review (DOMAIN.md §2.2); the interval is force policy.
    Pass the RUI start date, or the date of the last review for the next one. Computed
    with ``period_end_days`` (the start date is day 1, as for every other "period of
    N days" in Desist), so a 90-day interval from 1 Jan 2024 is due by 30 Mar 2024,
    not 31 Mar as plain date addition would give.
    """
    if interval_days < 1:
        raise ValueError("interval_days must be at least 1")
    return period_end_days(start_date, interval_days)


def warning_dates(
    period_ends: dt.date,
    lead_days: Iterable[int] = DEFAULT_WARNING_LEAD_DAYS,
    *,
    on_or_after: dt.date | None = None,
) -> list[dt.date]:
    """Days to warn before bail ends: ``period_ends`` minus each lead, earliest first.

    Duplicates are dropped. ``on_or_after`` drops warnings that fall earlier (for
    instance before the extension that set ``period_ends`` was decided).
    """
    leads = set(lead_days)
    if any(lead < 0 for lead in leads):
        raise ValueError("lead_days must not be negative")
    dates = sorted({period_ends - dt.timedelta(days=lead) for lead in leads})
    if on_or_after is not None:
        dates = [day for day in dates if day >= on_or_after]
    return dates


# --- Small helpers ---------------------------------------------------------------------


_E = TypeVar("_E", bound=enum.Enum)


def _enum(kind: type[_E], value: _E | str, field: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise RuleViolation(field, f"{value!r} is not one of: {allowed}.") from None


def _regime(value: Regime | str) -> Regime:
    return _enum(Regime, value, "regime")


def _agency(value: Agency | str) -> Agency:
    return _enum(Agency, value, "agency")


def _authority(value: Authority | str) -> Authority:
    return _enum(Authority, value, "authority")


def _rank_phrase(rank: Rank) -> str:
    if rank is Rank.STAFF:
        return "a member of police staff"
    label = RANK_LABELS[rank].lower()
    article = "an" if label[0] in "aeiou" else "a"
    return f"{article} {label}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"

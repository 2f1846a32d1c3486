"""Integrated Offender Management (IOM): cohort rules and the measures forces report.

DOMAIN.md §4 (IOM: Fixed/Flex/Free cohorts, OGRS, Cambridge Crime Harm Index) and §12
(the Suffolk panel figures: cohort counts, adoptions and removals, "79% deterred in the
quarter (based on charges)", "93.5% reduction in crime harm for offenders deregistered").
Every formula here is written out in docs/iom-measures.md; keep the two in step.

Pure: no database, no ORM and no clock. Dates are passed in, records arrive as the frozen
``*Fact`` dataclasses below, and the caller decides which offences belong to whom.

Day conventions used throughout (docs/iom-measures.md "Boundaries"):

* Windows are inclusive at both ends: ``[start, end]``.
* A membership covers the days ``adopted_on`` .. ``removed_on - 1 day``. The adoption day is
  a day on the scheme; the removal day is not (the person is off the scheme from that day).
* So an offence committed on the adoption day counts *after* adoption, never before.
* "N months before D" is ``add_months(D, -N)`` .. ``D - 1 day`` (core.calendar), the
  mirror of a "period of N months beginning with" a day (DOMAIN.md §0).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from types import MappingProxyType
from typing import ClassVar, NamedTuple

from core.calendar import add_months
from core.periods import financial_year_start

ONE_DAY = dt.timedelta(days=1)
ZERO = Decimal(0)

# --------------------------------------------------------------------------------------
# Enumerations (API.md "IOM cohorts": lower-case snake_case strings)
# --------------------------------------------------------------------------------------


class Cohort(enum.StrEnum):
    """The national IOM structure, Fixed / Flex / Free (DOMAIN.md §4).

    The API spells "Flex" as ``flexible`` (API.md), as Suffolk's report does (§12).
    """

    FIXED = "fixed"
    FLEXIBLE = "flexible"
    FREE = "free"

    @property
    def label(self) -> str:
        return COHORT_LABELS[self]


COHORT_LABELS: Mapping[Cohort, str] = MappingProxyType(
    {
        Cohort.FIXED: "Fixed",
        Cohort.FLEXIBLE: "Flexible",
        Cohort.FREE: "Free",
    }
)


class RemovalReason(enum.StrEnum):
    """Why a person left the cohort (de-selection, DOMAIN.md §4 — rules UNCONFIRMED)."""

    REDUCED_RISK = "reduced_risk"
    LONG_CUSTODY = "long_custody"
    MOVED_AWAY = "moved_away"
    DIED = "died"
    END_OF_SUPERVISION = "end_of_supervision"
    OTHER = "other"

    @property
    def label(self) -> str:
        return REMOVAL_REASON_LABELS[self]


REMOVAL_REASON_LABELS: Mapping[RemovalReason, str] = MappingProxyType(
    {
        RemovalReason.REDUCED_RISK: "Risk reduced",
        RemovalReason.LONG_CUSTODY: "Long custodial sentence",
        RemovalReason.MOVED_AWAY: "Moved out of the area",
        RemovalReason.DIED: "Died",
        RemovalReason.END_OF_SUPERVISION: "End of statutory supervision",
        RemovalReason.OTHER: "Other",
    }
)


class OgrsBand(enum.StrEnum):
    """OGRS3 two-year reconviction band (DOMAIN.md §4; cut-offs UNCONFIRMED)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"

    @property
    def label(self) -> str:
        return OGRS_BAND_LABELS[self]


OGRS_BAND_LABELS: Mapping[OgrsBand, str] = MappingProxyType(
    {
        OgrsBand.LOW: "Low",
        OgrsBand.MEDIUM: "Medium",
        OgrsBand.HIGH: "High",
        OgrsBand.VERY_HIGH: "Very high",
    }
)


# --------------------------------------------------------------------------------------
# OGRS bands
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OgrsThresholds:
    """Inclusive lower bounds (2-year OGRS3 %) of the bands above Low.

    The defaults are DOMAIN.md §4's bands — Low 0-49, Medium 50-74, High 75-89, Very high
    90+ — which are UNCONFIRMED, so a force can pass its own.
    """

    medium: int = 50
    high: int = 75
    very_high: int = 90

    def __post_init__(self) -> None:
        if not 0 < self.medium < self.high < self.very_high <= 100:
            raise ValueError("OGRS band thresholds must rise strictly within 1..100")


DEFAULT_OGRS_THRESHOLDS = OgrsThresholds()


def ogrs_band(
    score_percent: int | Decimal,
    thresholds: OgrsThresholds = DEFAULT_OGRS_THRESHOLDS,
) -> OgrsBand:
    """The band whose lower bound the score reaches: 49 is Low, 50 Medium, 90 Very high.

    Because bounds are "reaches", a fractional score below a bound (49.9) stays in the
    lower band. Scores outside 0..100 raise ValueError.
    """
    if not 0 <= score_percent <= 100:
        raise ValueError(f"an OGRS score is a percentage, not {score_percent}")
    if score_percent >= thresholds.very_high:
        return OgrsBand.VERY_HIGH
    if score_percent >= thresholds.high:
        return OgrsBand.HIGH
    if score_percent >= thresholds.medium:
        return OgrsBand.MEDIUM
    return OgrsBand.LOW


# --------------------------------------------------------------------------------------
# Selection: configurable criteria, warnings not refusals
# --------------------------------------------------------------------------------------

# DOMAIN.md §4, from the national strategy as quoted by the College of Policing.
NEIGHBOURHOOD_CRIME_TYPES: tuple[str, ...] = (
    "burglary",
    "robbery",
    "vehicle crime",
    "theft from the person",
)


@dataclass(frozen=True)
class CohortCriteria:
    """What a cohort expects of a person at adoption. Data, so a force can change it.

    National criteria are UNCONFIRMED beyond the outline in DOMAIN.md §4, so a breach only
    ever produces a warning for the selection panel, never a refusal: the joint
    police-probation panel decides.

    ``statutory_supervision``: True when the cohort expects the person to be under
    statutory (probation) supervision, False when it expects them not to be, None when
    either is fine.
    """

    cohort: Cohort
    requires_neighbourhood_offending: bool = False
    lookback_months: int = 24
    statutory_supervision: bool | None = None
    female_only: bool = False
    minimum_ogrs_score: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "cohort", Cohort(self.cohort))
        if self.lookback_months < 1:
            raise ValueError("the lookback is at least one month")
        if self.minimum_ogrs_score is not None and not 0 <= self.minimum_ogrs_score <= 100:
            raise ValueError("a minimum OGRS score is a percentage")


# The defaults. The 24-month neighbourhood-crime lookback and the absence of any OGRS
# minimum are app choices (the national thresholds are UNCONFIRMED, DOMAIN.md open item 6).
# Free is female-only only where the force runs it so (Suffolk does, §12): force setting.
DEFAULT_COHORT_CRITERIA: Mapping[Cohort, CohortCriteria] = MappingProxyType(
    {
        Cohort.FIXED: CohortCriteria(
            cohort=Cohort.FIXED,
            requires_neighbourhood_offending=True,
            lookback_months=24,
            statutory_supervision=True,
        ),
        Cohort.FLEXIBLE: CohortCriteria(cohort=Cohort.FLEXIBLE),
        Cohort.FREE: CohortCriteria(cohort=Cohort.FREE, statutory_supervision=False),
    }
)


@dataclass(frozen=True)
class SelectionFacts:
    """What the panel knows about the person when adopting.

    ``neighbourhood_offences_in_lookback`` is counted by the caller over
    ``before_adoption_window(adopted_on, criteria.lookback_months)``.
    ``gender`` uses the API's values (``male``, ``female``, ``other``, ``unknown``).
    """

    neighbourhood_offences_in_lookback: int
    ogrs_score: int | None
    statutory_supervision: bool
    gender: str

    def __post_init__(self) -> None:
        if self.neighbourhood_offences_in_lookback < 0:
            raise ValueError("an offence count cannot be negative")
        if self.ogrs_score is not None and not 0 <= self.ogrs_score <= 100:
            raise ValueError("an OGRS score is a percentage")


def selection_warnings(
    cohort: Cohort | str,
    facts: SelectionFacts,
    criteria: CohortCriteria | None = None,
) -> list[str]:
    """Plain-English warnings for the selection panel; an empty list means none.

    ``criteria`` defaults to ``DEFAULT_COHORT_CRITERIA[cohort]``. Criteria written for a
    different cohort are a programming error (ValueError).
    """
    cohort = Cohort(cohort)
    criteria = DEFAULT_COHORT_CRITERIA[cohort] if criteria is None else criteria
    if criteria.cohort != cohort:
        raise ValueError(f"criteria for the {criteria.cohort} cohort used for {cohort}")

    warnings: list[str] = []
    if criteria.requires_neighbourhood_offending and facts.neighbourhood_offences_in_lookback == 0:
        warnings.append(
            f"The {cohort} cohort is for neighbourhood-crime offenders: no burglary, robbery, "
            f"vehicle crime or theft from the person in the {criteria.lookback_months} months "
            "before adoption."
        )
    if criteria.statutory_supervision is True and not facts.statutory_supervision:
        warnings.append(
            f"The {cohort} cohort is managed jointly with probation under statutory "
            "supervision: this person is not under statutory supervision."
        )
    if criteria.statutory_supervision is False and facts.statutory_supervision:
        warnings.append(
            f"The {cohort} cohort is for people who are not under statutory supervision: "
            "this person is."
        )
    if criteria.female_only and facts.gender.strip().lower() != "female":
        warnings.append(
            f"This force uses the {cohort} cohort for female offenders: this person's "
            f"recorded gender is {facts.gender}."
        )
    if criteria.minimum_ogrs_score is not None:
        if facts.ogrs_score is None:
            warnings.append(
                f"No OGRS score is recorded: the {cohort} cohort expects "
                f"{criteria.minimum_ogrs_score}% or more."
            )
        elif facts.ogrs_score < criteria.minimum_ogrs_score:
            warnings.append(
                f"The OGRS score of {facts.ogrs_score}% is below the {cohort} cohort's "
                f"threshold of {criteria.minimum_ogrs_score}%."
            )
    return warnings


# --------------------------------------------------------------------------------------
# Offences and windows
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OffenceFact:
    """One offence attributed to a person.

    ``harm_days`` is its Cambridge Crime Harm Index weight: days of imprisonment at the
    Sentencing Council guideline starting point (DOMAIN.md §4). The weights live in the
    offence catalogue; these rules only add up what they are given. Floats are refused
    because fine-only weights are fractional (0.96 days) and must add up exactly.
    ``charged`` means the offence led to a charge; the deterrence measure uses it.
    """

    committed_on: dt.date
    harm_days: Decimal | int
    charged: bool

    def __post_init__(self) -> None:
        if isinstance(self.harm_days, bool) or not isinstance(self.harm_days, Decimal | int):
            raise TypeError("harm_days must be a Decimal or an int, not a float")
        if self.harm_days < 0:
            raise ValueError("a harm weight cannot be negative")

    @property
    def harm(self) -> Decimal:
        return Decimal(self.harm_days)


class Window(NamedTuple):
    """An inclusive run of days, ``start`` .. ``end``."""

    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class Period(NamedTuple):
    """One period after adoption; ``partial`` when cut short by the ``until`` date."""

    start: dt.date
    end: dt.date
    partial: bool


def _check_window(start: dt.date, end: dt.date) -> None:
    if start > end:
        raise ValueError(f"a window cannot start ({start}) after it ends ({end})")


def offences_in_window(
    offences: Iterable[OffenceFact], start: dt.date, end: dt.date
) -> tuple[OffenceFact, ...]:
    """The offences committed on a day in ``[start, end]`` (both ends included)."""
    _check_window(start, end)
    return tuple(offence for offence in offences if start <= offence.committed_on <= end)


def harm_in_window(offences: Iterable[OffenceFact], start: dt.date, end: dt.date) -> Decimal:
    """Total crime-harm days of the offences committed in ``[start, end]``, exact."""
    return sum((o.harm for o in offences_in_window(offences, start, end)), ZERO)


def before_adoption_window(adopted_on: dt.date, months: int = 12) -> Window:
    """The ``months`` months before adoption: ``add_months(adopted_on, -months)`` .. the day before.

    The adoption day itself is excluded, so an offence that day counts after adoption.
    Month ends follow core.calendar.add_months: adopted 31 Mar 2024 → 31 Mar 2023 ..
    30 Mar 2024; adopted 29 Feb 2024 → 1 Mar 2023 (29 Feb 2023 does not exist, so the
    1st of the next month) .. 28 Feb 2024. Either way the window is exactly the period of
    ``months`` months beginning with its first day (DOMAIN.md §0).
    """
    if months < 1:
        raise ValueError("a window is at least one month long")
    return Window(add_months(adopted_on, -months), adopted_on - ONE_DAY)


def periods_since(adopted_on: dt.date, until: dt.date, months: int = 3) -> list[Period]:
    """Consecutive periods of ``months`` months from adoption up to and including ``until``.

    Period k begins on ``add_months(adopted_on, k * months)`` — always counted from the
    adoption date, never from the previous period, so month ends do not drift — and ends
    the day before period k + 1 begins. The last period ends on ``until`` and is marked
    partial if it would have run longer. Empty when ``until`` is before adoption.
    Quarters by default.
    """
    if months < 1:
        raise ValueError("a period is at least one month long")
    periods: list[Period] = []
    k = 0
    start = adopted_on
    while start <= until:
        next_start = add_months(adopted_on, (k + 1) * months)
        natural_end = next_start - ONE_DAY
        end = min(natural_end, until)
        periods.append(Period(start, end, partial=end < natural_end))
        k += 1
        start = next_start
    return periods


@dataclass(frozen=True)
class Tally:
    """Offending in one window: how many offences, how many charged, total harm days."""

    start: dt.date
    end: dt.date
    partial: bool
    offences: int
    charged: int
    harm: Decimal


def _tally(offences: Iterable[OffenceFact], start: dt.date, end: dt.date, partial: bool) -> Tally:
    found = offences_in_window(offences, start, end)
    return Tally(
        start=start,
        end=end,
        partial=partial,
        offences=len(found),
        charged=sum(1 for o in found if o.charged),
        harm=sum((o.harm for o in found), ZERO),
    )


@dataclass(frozen=True)
class MemberProfile:
    """A member's offending in the 12 months before adoption and in each period since."""

    before: Tally
    since: tuple[Tally, ...]


def member_profile(
    offences: Iterable[OffenceFact],
    adopted_on: dt.date,
    until: dt.date,
    *,
    months: int = 3,
) -> MemberProfile:
    """Counts and harm before adoption (12 months) and per period since (``periods_since``).

    ``until`` is the last day to count: today for a current member, the day before removal
    for a removed one.
    """
    offences = tuple(offences)
    before = before_adoption_window(adopted_on)
    return MemberProfile(
        before=_tally(offences, before.start, before.end, partial=False),
        since=tuple(
            _tally(offences, p.start, p.end, p.partial)
            for p in periods_since(adopted_on, until, months)
        ),
    )


# --------------------------------------------------------------------------------------
# Memberships and the measures
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MembershipFact:
    """One IOM membership (adoption to removal) and the offences attributed to the person.

    ``managed_in_community`` is the caller's verdict for the date being counted (the
    membership's recorded override, else not in custody or prison that day — see
    docs/iom-measures.md "Where the facts come from"): counted only when stated, so it
    defaults to False. ``offences`` may hold the person's whole record;
    each measure picks the days it needs.
    """

    offender_id: str | int
    cohort: Cohort
    adopted_on: dt.date
    removed_on: dt.date | None = None
    managed_in_community: bool = False
    removal_reason: RemovalReason | None = None
    offences: tuple[OffenceFact, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "cohort", Cohort(self.cohort))
        object.__setattr__(self, "offences", tuple(self.offences))
        if self.removal_reason is not None:
            object.__setattr__(self, "removal_reason", RemovalReason(self.removal_reason))
        if self.removed_on is not None and self.removed_on < self.adopted_on:
            raise ValueError("a membership cannot end before it starts")

    def is_open_on(self, day: dt.date) -> bool:
        """On the scheme that day: adopted on or before it, not removed on or before it."""
        return self.adopted_on <= day and (self.removed_on is None or self.removed_on > day)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """Open on at least one day of ``[start, end]``."""
        return self.adopted_on <= end and (self.removed_on is None or self.removed_on > start)

    def days_on_scheme_within(self, start: dt.date, end: dt.date) -> Window | None:
        """The part of ``[start, end]`` on which the membership is open, or None."""
        if not self.overlaps(start, end):
            return None
        last = end if self.removed_on is None else min(end, self.removed_on - ONE_DAY)
        return Window(max(start, self.adopted_on), last)


def _percent(numerator: Decimal | int, denominator: Decimal | int) -> Decimal | None:
    """numerator / denominator x 100 to 1 dp, halves away from zero; None for a zero denominator."""
    if denominator == 0:
        return None
    # A local context so a caller's global precision or rounding cannot change the figure.
    with localcontext() as ctx:
        ctx.prec = 28
        ratio = Decimal(numerator) * 100 / Decimal(denominator)
        return ratio.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rate:
    """A share as numerator, denominator and percentage (None when nobody is counted)."""

    numerator: int
    denominator: int
    percent: Decimal | None


def deterrence_rate(
    members: Iterable[MembershipFact], period_start: dt.date, period_end: dt.date
) -> Rate:
    """Share of active members with no charged offence committed while a member in the period.

    DOMAIN.md §12 ("79% of active prolific offenders deterred from further crime in the
    quarter (based on charges)"):

    * Denominator: people with a membership open on at least one day of
      ``[period_start, period_end]``, each person counted once.
    * Numerator: those of them with no charged offence committed on a day that is both in
      the period and on the scheme (adoption day included, removal day not).
    * Percentage to 1 dp, halves up; None when the denominator is 0.

    A person removed and re-adopted within the period is one person: an offence on any day
    of either membership in the period counts; an offence in the gap between does not.
    """
    _check_window(period_start, period_end)
    deterred: dict[str | int, bool] = {}
    for member in members:
        span = member.days_on_scheme_within(period_start, period_end)
        if span is None:
            continue
        charged_while_member = any(
            offence.charged and span.contains(offence.committed_on) for offence in member.offences
        )
        deterred[member.offender_id] = (
            deterred.get(member.offender_id, True) and not charged_while_member
        )
    numerator = sum(1 for clean in deterred.values() if clean)
    return Rate(numerator, len(deterred), _percent(numerator, len(deterred)))


@dataclass(frozen=True)
class MemberHarm:
    """One removed member's harm before adoption and before removal.

    ``after`` is None when the person was adopted and removed on the same day (no day on
    the scheme, so no harm after). ``shortened`` when the time on the scheme was under
    12 months, so ``after`` is the time on the scheme rather than 12 months.
    """

    offender_id: str | int
    adopted_on: dt.date
    removed_on: dt.date
    before: Window
    after: Window | None
    shortened: bool
    harm_before: Decimal
    harm_after: Decimal


@dataclass(frozen=True)
class HarmReduction:
    """The crime-harm reduction for members removed in ``[removed_from, removed_to]``."""

    # The after-window harm is never scaled up to a year for short stays (see
    # docs/iom-measures.md "Why not annualised").
    annualised: ClassVar[bool] = False

    removed_from: dt.date
    removed_to: dt.date
    members: tuple[MemberHarm, ...]
    harm_before: Decimal
    harm_after: Decimal
    percent: Decimal | None


def after_window(adopted_on: dt.date, removed_on: dt.date, months: int = 12) -> Window | None:
    """The ``months`` months before removal, cut to the time on the scheme.

    ``max(adopted_on, add_months(removed_on, -months))`` .. ``removed_on - 1 day``; None
    when ``adopted_on == removed_on`` (no day on the scheme).
    """
    if removed_on < adopted_on:
        raise ValueError("a membership cannot end before it starts")
    if removed_on == adopted_on:
        return None
    return Window(max(adopted_on, add_months(removed_on, -months)), removed_on - ONE_DAY)


def harm_reduction(
    memberships: Iterable[MembershipFact],
    removed_from: dt.date,
    removed_to: dt.date,
    *,
    months: int = 12,
    excluding: Collection[RemovalReason] = (),
) -> HarmReduction:
    """Crime-harm reduction of the members removed between two dates (both included).

    DOMAIN.md §4 (IDIOM: offending before vs after adoption, weighted by severity — the
    formula is UNCONFIRMED, so this is the app's, written down in docs/iom-measures.md)
    and §12 ("93.5% reduction in crime harm for offenders deregistered in April-May"):

    * harm_before = harm in ``before_adoption_window(adopted_on, months)``;
    * harm_after = harm in ``after_window(adopted_on, removed_on, months)``: the
      ``months`` months before removal, or the whole time on the scheme when that was
      shorter — NOT annualised;
    * percent = (sum(harm_before) - sum(harm_after)) / sum(harm_before) x 100, 1 dp, halves away
      from zero; negative when harm rose; None when sum(harm_before) is 0.

    Every offence passed in counts (charged or not): the caller passes the offences it
    attributes to the person. ``excluding`` drops removals for the given reasons (e.g.
    ``died``); by default every removal counts, as in the forces' own figure.
    """
    _check_window(removed_from, removed_to)
    excluded = {RemovalReason(reason) for reason in excluding}
    rows: list[MemberHarm] = []
    for m in memberships:
        if m.removed_on is None or not removed_from <= m.removed_on <= removed_to:
            continue
        if m.removal_reason is not None and m.removal_reason in excluded:
            continue
        before = before_adoption_window(m.adopted_on, months)
        after = after_window(m.adopted_on, m.removed_on, months)
        rows.append(
            MemberHarm(
                offender_id=m.offender_id,
                adopted_on=m.adopted_on,
                removed_on=m.removed_on,
                before=before,
                after=after,
                shortened=m.adopted_on > add_months(m.removed_on, -months),
                harm_before=harm_in_window(m.offences, *before),
                harm_after=ZERO if after is None else harm_in_window(m.offences, *after),
            )
        )
    total_before = sum((r.harm_before for r in rows), ZERO)
    total_after = sum((r.harm_after for r in rows), ZERO)
    return HarmReduction(
        removed_from=removed_from,
        removed_to=removed_to,
        members=tuple(rows),
        harm_before=total_before,
        harm_after=total_after,
        percent=_percent(total_before - total_after, total_before),
    )


@dataclass(frozen=True)
class CohortCounts:
    """The API.md IOM summary: counts on ``on``, adoptions and removals in ``[since, on]``."""

    on: dt.date
    since: dt.date
    fixed: int
    flexible: int
    free: int
    total: int
    managed_in_community: int
    adoptions: int
    removals: int


def cohort_counts(
    memberships: Iterable[MembershipFact],
    on_date: dt.date,
    *,
    since: dt.date | None = None,
) -> CohortCounts:
    """Members on a date by cohort, and adoptions and removals since a date.

    * Open on ``on_date``: ``adopted_on <= on_date`` and (``removed_on`` is None or
      ``removed_on > on_date``). A person removed on ``on_date`` is no longer counted.
    * ``managed_in_community``: open memberships flagged so.
    * ``adoptions``: ``since <= adopted_on <= on_date``; ``removals``:
      ``since <= removed_on <= on_date``. Later dates (recorded in advance) are not counted.
    * ``since`` defaults to the start of the financial year containing ``on_date``.

    Assumes one open membership per person (a database constraint, STYLE.md), so memberships
    are counted, not people.
    """
    since = financial_year_start(on_date) if since is None else since
    _check_window(since, on_date)
    by_cohort = dict.fromkeys(Cohort, 0)
    managed = adoptions = removals = 0
    for m in memberships:
        if m.is_open_on(on_date):
            by_cohort[m.cohort] += 1
            managed += m.managed_in_community
        if since <= m.adopted_on <= on_date:
            adoptions += 1
        if m.removed_on is not None and since <= m.removed_on <= on_date:
            removals += 1
    return CohortCounts(
        on=on_date,
        since=since,
        fixed=by_cohort[Cohort.FIXED],
        flexible=by_cohort[Cohort.FLEXIBLE],
        free=by_cohort[Cohort.FREE],
        total=sum(by_cohort.values()),
        managed_in_community=managed,
        adoptions=adoptions,
        removals=removals,
    )


# UNCONFIRMED: the national guidance's review interval was not retrieved (DOMAIN.md §4).
DEFAULT_IOM_REVIEW_WEEKS = 12


def iom_review_due(
    last_review_or_adoption: dt.date, interval_weeks: int = DEFAULT_IOM_REVIEW_WEEKS
) -> dt.date:
    """The date the next IOM review is due: the last review (or adoption) plus the interval."""
    if interval_weeks < 1:
        raise ValueError("a review interval is at least one week")
    return last_review_or_adoption + dt.timedelta(weeks=interval_weeks)


# --------------------------------------------------------------------------------------
# The formulas in words, for the page (the issue asks for them on screen as well as in
# docs/iom-measures.md). One source, so the page cannot drift from the code.
# --------------------------------------------------------------------------------------

COHORT_COUNT_EXPLANATION = (
    "A person is counted on a date if they were adopted on or before it and not removed on "
    "or before it. Adoptions and removals count those dated from the 'since' date to the "
    "'on' date, both included; 'since' defaults to 1 April (the start of the financial year)."
)

DETERRENCE_RATE_EXPLANATION = (
    "Deterred (%) = the number of people on the cohort on at least one day of the period "
    "with no charged offence committed in the period while on the cohort (adoption day "
    "included, removal day not), divided by the number of people on the cohort on at least "
    "one day of the period, times 100, to one decimal place (halves rounded up). Each person "
    "counts once. Offences charged later lower the figure for a past period."
)

HARM_REDUCTION_EXPLANATION = (
    "For each person removed in the period: harm before = crime-harm days (Cambridge Crime "
    "Harm Index) of offences in the 12 months before adoption; harm after = crime-harm days "
    "of offences in the 12 months before removal, or during their whole time on the cohort "
    "if that was shorter (not scaled up to a year). Reduction = (total harm before - total "
    "harm after) / total harm before x 100, to one decimal place (halves rounded away from "
    "zero). Negative means harm rose. Not shown when there was no harm before."
)


# --- How far back an adoption may be recorded (issue 13 item 7) ---------------------------

AGE_OF_CRIMINAL_RESPONSIBILITY = 10  # CYPA 1933 s.50


def adoption_date_violation(
    *,
    adopted_on: dt.date,
    date_of_birth: dt.date,
    earlier: Iterable[tuple[dt.date, dt.date | None]] = (),
) -> str | None:
    """Why ``adopted_on`` cannot be recorded, or None. Not before the person's 10th birthday
    (no one younger can offend, CYPA 1933 s.50; a 29 February birthday falls on 1 March,
    DOMAIN.md §0), and never inside another of the person's memberships (``earlier``:
    ``(adopted_on, removed_on)`` of each, open ones with ``None``)."""
    tenth = add_months(date_of_birth, 12 * AGE_OF_CRIMINAL_RESPONSIBILITY)
    if adopted_on < tenth:
        return (
            f"The adoption date cannot be before the person's 10th birthday "
            f"({tenth.day} {tenth:%B %Y}): no one younger can be managed as an offender."
        )
    for started, ended in earlier:
        if started <= adopted_on and (ended is None or adopted_on <= ended):
            until = f"{ended.day} {ended:%B %Y}" if ended else "now"
            return (
                f"The person was already on the scheme from {started.day} {started:%B %Y} to "
                f"{until}: an adoption cannot overlap another membership."
            )
    return None

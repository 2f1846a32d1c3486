"""Partners and pathways: proven reoffending, suppression, referrals, funding and gaps.

DOMAIN.md §10 (the Ministry of Justice proven-reoffending measure) and §14 (partner schemes).
Pure: no database, no ORM and no clock. Dates are passed in; records arrive as the frozen
dataclasses below.

Proven reoffending, as computed here (docs/partners.md keeps the same words):

* The **index date** is the day the person entered the cohort: release from custody, the
  caution or court outcome, or (for a local cohort such as IOM or a partner service) the
  adoption or referral date.
* The **follow-up** is the year beginning with the index date: ``[index, add_months(index,
  12) - 1 day]`` (a "period of 12 months beginning with" a day, DOMAIN.md §0).
* The **waiting period** is the six further months: an offence committed in the follow-up
  counts only if it was proved (convicted or cautioned) by ``add_months(index, 18) - 1 day``.
* An offence committed after the follow-up never counts; one proved after the waiting period
  never counts; one with no proof date never counts.
* A person is **measurable** only once their waiting period has ended on the day of the
  report; until then they are "pending", neither in the cohort nor out of it.
* rate = reoffenders ÷ cohort size; reoffences per reoffender = reoffences ÷ reoffenders;
  harm is the sum of the counted offences' Cambridge Crime Harm Index days (DOMAIN.md §4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from core.calendar import add_months
from core.rules import RuleViolation
from partners.choices import Gender, ReferralStatus

ONE_DAY = dt.timedelta(days=1)
FOLLOW_UP_MONTHS = 12
WAITING_MONTHS = 6
DEFAULT_SUPPRESSION_THRESHOLD = 10
DEFAULT_FUNDING_WARNING_MONTHS = (3, 1)
DEFAULT_REFERRAL_RESPONSE_DAYS = 14

# --------------------------------------------------------------------------------------
# Proven reoffending (DOMAIN.md §10)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OffenceFact:
    """One offence in a person's history: when committed, when proved (None: never), harm."""

    committed_on: dt.date
    proved_on: dt.date | None
    harm_days: Decimal = Decimal(0)


@dataclass(frozen=True)
class PersonFact:
    """A cohort member: their index date and their offence history (any order)."""

    person: int
    index_date: dt.date
    offences: tuple[OffenceFact, ...] = ()
    group: str = ""  # e.g. "engaged" / "not_engaged"


def follow_up_end(index_date: dt.date) -> dt.date:
    """The last day of the one-year follow-up beginning with ``index_date``."""
    return add_months(index_date, FOLLOW_UP_MONTHS) - ONE_DAY


def waiting_end(index_date: dt.date) -> dt.date:
    """The last day an offence committed in the follow-up may be proved and still count."""
    return add_months(index_date, FOLLOW_UP_MONTHS + WAITING_MONTHS) - ONE_DAY


def is_measurable(index_date: dt.date, on: dt.date) -> bool:
    """Whether the follow-up and the waiting period have both ended by ``on``."""
    return waiting_end(index_date) < on


def counts_as_reoffence(index_date: dt.date, offence: OffenceFact) -> bool:
    """An offence committed in the follow-up and proved by the end of the waiting period."""
    if offence.proved_on is None:
        return False
    if not index_date <= offence.committed_on <= follow_up_end(index_date):
        return False
    return offence.proved_on <= waiting_end(index_date)


def proven_reoffences(person: PersonFact) -> list[OffenceFact]:
    return [o for o in person.offences if counts_as_reoffence(person.index_date, o)]


def _ratio(numerator: Decimal | int, denominator: int, places: str = "0.001") -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal(places), rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class Measure:
    """Proven reoffending of one cohort (API.md "Reports": the reoffending fields).

    When ``suppressed`` the counts and rates are None: only the cohort size is shown.
    """

    label: str
    cohort_size: int
    reoffenders: int | None
    reoffences: int | None
    harm_days: Decimal | None
    rate: Decimal | None  # 0..1
    per_reoffender: Decimal | None
    pending: int = 0  # members whose waiting period has not ended: not in the cohort yet
    suppressed: bool = False

    @property
    def rate_percent(self) -> Decimal | None:
        return None if self.rate is None else (self.rate * 100).quantize(Decimal("0.1"))


def measure(
    people: Iterable[PersonFact],
    *,
    on: dt.date,
    label: str = "",
    threshold: int = DEFAULT_SUPPRESSION_THRESHOLD,
) -> Measure:
    """Proven reoffending of ``people`` as known on ``on``, suppressed below ``threshold``.

    A person counted twice (two index dates) is measured from their first index date only,
    as the MoJ does with its first-event-in-the-period rule.
    """
    first: dict[int, PersonFact] = {}
    for p in people:
        if p.person not in first or p.index_date < first[p.person].index_date:
            first[p.person] = p
    measurable = [p for p in first.values() if is_measurable(p.index_date, on)]
    pending = len(first) - len(measurable)
    counted = [proven_reoffences(p) for p in measurable]
    size = len(measurable)
    reoffenders = sum(1 for c in counted if c)
    reoffences = sum(len(c) for c in counted)
    harm = sum((o.harm_days for c in counted for o in c), Decimal(0))
    if is_suppressed(size, threshold):
        return Measure(label, size, None, None, None, None, None, pending, True)
    return Measure(
        label=label,
        cohort_size=size,
        reoffenders=reoffenders,
        reoffences=reoffences,
        harm_days=harm,
        rate=_ratio(reoffenders, size),
        per_reoffender=_ratio(reoffences, reoffenders, "0.01"),
        pending=pending,
    )


def is_suppressed(cohort_size: int, threshold: int) -> bool:
    """Small-number suppression: a cohort smaller than ``threshold`` (but not empty) shows
    only its size, so that nobody in it can be identified from a rate. An empty cohort has
    nothing to hide. A threshold of 0 or 1 turns suppression off."""
    return 0 < cohort_size < threshold


def compare_groups(
    people: Sequence[PersonFact],
    *,
    on: dt.date,
    groups: Sequence[tuple[str, str]],
    threshold: int = DEFAULT_SUPPRESSION_THRESHOLD,
) -> list[Measure]:
    """One measure per ``(group, label)`` (e.g. engaged against not engaged), plus "All".

    If exactly one group is suppressed, the other would reveal it by subtraction from the
    total, so every group is then suppressed too (secondary suppression).
    """
    rows = [
        measure([p for p in people if p.group == key], on=on, label=label, threshold=threshold)
        for key, label in groups
    ]
    if sum(1 for r in rows if r.suppressed) == 1:
        rows = [_suppress(r) for r in rows]
    return [*rows, measure(people, on=on, label="All", threshold=threshold)]


def _suppress(m: Measure) -> Measure:
    return Measure(m.label, m.cohort_size, None, None, None, None, None, m.pending, True)


@dataclass(frozen=True)
class BeforeAfter:
    """Proven offending in the year before the index date against the follow-up year."""

    cohort_size: int
    before_offences: int | None
    after_offences: int | None
    before_harm: Decimal | None
    after_harm: Decimal | None
    suppressed: bool = False

    @property
    def harm_change(self) -> Decimal | None:
        """The change in harm as a fraction of the harm before (-0.9 = 90% less harm)."""
        if self.before_harm is None or self.after_harm is None or not self.before_harm:
            return None
        return ((self.after_harm - self.before_harm) / self.before_harm).quantize(
            Decimal("0.001"), rounding=ROUND_HALF_UP
        )


def before_after(
    people: Iterable[PersonFact], *, on: dt.date, threshold: int = DEFAULT_SUPPRESSION_THRESHOLD
) -> BeforeAfter:
    """Offences committed in the year before the index date (``add_months(index, -12)`` ..
    ``index - 1 day``) and proved by the index date plus the waiting period, against the
    proven reoffences of the follow-up. Only measurable people are compared."""
    measurable = [p for p in people if is_measurable(p.index_date, on)]
    before = after = 0
    before_harm = after_harm = Decimal(0)
    for p in measurable:
        start = add_months(p.index_date, -FOLLOW_UP_MONTHS)
        proof_limit = add_months(p.index_date, WAITING_MONTHS) - ONE_DAY
        for o in p.offences:
            if (
                o.proved_on is not None
                and start <= o.committed_on < p.index_date
                and o.proved_on <= proof_limit
            ):
                before += 1
                before_harm += o.harm_days
        for o in proven_reoffences(p):
            after += 1
            after_harm += o.harm_days
    if is_suppressed(len(measurable), threshold):
        return BeforeAfter(len(measurable), None, None, None, None, True)
    return BeforeAfter(len(measurable), before, after, before_harm, after_harm)


# --------------------------------------------------------------------------------------
# Referrals
# --------------------------------------------------------------------------------------

# Where a referral may go from each state. "completed" and "declined" are final.
TRANSITIONS: Mapping[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.REFERRED: frozenset({ReferralStatus.ACCEPTED, ReferralStatus.DECLINED}),
    ReferralStatus.ACCEPTED: frozenset(
        {ReferralStatus.ENGAGED, ReferralStatus.DISENGAGED, ReferralStatus.DECLINED}
    ),
    ReferralStatus.ENGAGED: frozenset({ReferralStatus.DISENGAGED, ReferralStatus.COMPLETED}),
    ReferralStatus.DISENGAGED: frozenset({ReferralStatus.ENGAGED}),
    ReferralStatus.DECLINED: frozenset(),
    ReferralStatus.COMPLETED: frozenset(),
}
AWAITING = frozenset({ReferralStatus.REFERRED})
OPEN_STATUSES = frozenset(
    {ReferralStatus.REFERRED, ReferralStatus.ACCEPTED, ReferralStatus.ENGAGED}
)
# Ever engaged: what the WONDER comparison calls "engaged or received a service".
ENGAGED_STATUSES = frozenset(
    {ReferralStatus.ENGAGED, ReferralStatus.DISENGAGED, ReferralStatus.COMPLETED}
)


def check_progress(
    current: str, new: str, *, on: dt.date, last_on: dt.date, today: dt.date
) -> None:
    """Refuse a move the referral's life does not allow, or a date out of order."""
    current_status, new_status = ReferralStatus(current), ReferralStatus(new)
    if new_status not in TRANSITIONS[current_status]:
        allowed = ", ".join(sorted(s.label.lower() for s in TRANSITIONS[current_status]))
        raise RuleViolation(
            "status",
            f"A referral that is {current_status.label.lower()} cannot become "
            f"{new_status.label.lower()}"
            + (f" (it can become: {allowed})." if allowed else " (it has ended)."),
        )
    if on > today:
        raise RuleViolation("on", "The date cannot be in the future.")
    if on < last_on:
        raise RuleViolation(
            "on", f"The date is before the referral's last change ({last_on:%d %B %Y})."
        )


def referral_response_due(
    referred_on: dt.date, days: int = DEFAULT_REFERRAL_RESPONSE_DAYS
) -> dt.date:
    """The last day of a period of ``days`` days beginning with the referral day."""
    return referred_on + dt.timedelta(days=days - 1)


# --------------------------------------------------------------------------------------
# Eligibility and funding
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    """Who a service takes. Empty collections and None mean "no restriction"."""

    min_age: int | None = None
    max_age: int | None = None
    gender: str = Gender.ANY
    cohorts: frozenset[str] = frozenset()
    offence_types: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PersonProfile:
    age: int
    gender: str
    cohorts: frozenset[str] = frozenset()
    offence_types: frozenset[str] = frozenset()


def eligibility_problems(rule: Eligibility, person: PersonProfile) -> list[str]:
    """Why the person is outside the service's eligibility ([] = eligible). Shown to the
    referring officer as warnings: the service, not Desist, decides whom it accepts."""
    problems = []
    if rule.min_age is not None and person.age < rule.min_age:
        problems.append(f"The service takes people aged {rule.min_age} or over.")
    if rule.max_age is not None and person.age > rule.max_age:
        problems.append(f"The service takes people aged {rule.max_age} or under.")
    if rule.gender not in (Gender.ANY, person.gender):
        problems.append(f"The service is for {Gender(rule.gender).label.lower()}.")
    if rule.cohorts and not rule.cohorts & person.cohorts:
        problems.append("The person is not in a cohort the service takes.")
    if rule.offence_types and not rule.offence_types & person.offence_types:
        problems.append("The person has no offence of a type the service works with.")
    return problems


def check_eligibility_rule(rule: Eligibility) -> None:
    if rule.min_age is not None and rule.max_age is not None and rule.min_age > rule.max_age:
        raise RuleViolation("max_age", "The maximum age is below the minimum age.")
    for name, value in (("min_age", rule.min_age), ("max_age", rule.max_age)):
        if value is not None and not 10 <= value <= 120:
            raise RuleViolation(name, "An age limit is from 10 to 120.")


def funding_warning_dates(
    ends_on: dt.date, months: Sequence[int] = DEFAULT_FUNDING_WARNING_MONTHS
) -> list[dt.date]:
    """The days the commissioner's team is warned: "funding ends in three months" and so
    on, earliest first. A day that does not exist rolls forward as ``add_months`` does
    (DOMAIN.md §0): funding ending 31 May is warned on 1 March (there is no 31 February)."""
    return sorted({add_months(ends_on, -m) for m in months if m > 0})


def funding_ends_soon(ends_on: dt.date | None, today: dt.date, months: int = 3) -> bool:
    """Funded until ``ends_on`` and that is within ``months`` months from ``today``."""
    return ends_on is not None and today <= ends_on <= add_months(today, months)


def check_capacity(capacity: int | None, places_free: int | None) -> None:
    if capacity is not None and capacity < 0:
        raise RuleViolation("capacity", "Capacity cannot be negative.")
    if places_free is not None and places_free < 0:
        raise RuleViolation("places_free", "Places free cannot be negative.")
    if capacity is not None and places_free is not None and places_free > capacity:
        raise RuleViolation("places_free", "Places free cannot be more than the capacity.")


# --------------------------------------------------------------------------------------
# The gap map
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GapCell:
    district: str
    need: str
    people: int  # people with the need in open cases
    places: int  # places free in active services meeting the need and reaching the district
    services: int  # active services meeting the need and reaching the district
    waiting: int  # referrals awaiting a response
    declined: int

    @property
    def shortfall(self) -> int:
        """People with the need beyond the free places (0 when covered)."""
        return max(self.people - self.places, 0)

    @property
    def status(self) -> str:
        """``no_service`` (people in need, no service at all), ``short`` (not enough free
        places), ``covered``, or ``none`` (nobody with the need)."""
        if not self.people:
            return "none"
        if not self.services:
            return "no_service"
        return "short" if self.shortfall else "covered"


@dataclass
class GapMap:
    districts: list[tuple[str, str]]
    needs: list[tuple[str, str]]
    cells: dict[tuple[str, str], GapCell] = field(default_factory=dict)

    def cell(self, district: str, need: str) -> GapCell:
        return self.cells[(district, need)]

    def rows(self) -> list[tuple[tuple[str, str], list[GapCell]]]:
        return [(d, [self.cells[(d[0], n[0])] for n in self.needs]) for d in self.districts]


def gap_map(
    *,
    districts: Sequence[tuple[str, str]],
    needs: Sequence[tuple[str, str]],
    people: Mapping[tuple[str, str], int],
    places: Mapping[tuple[str, str], int],
    services: Mapping[tuple[str, str], int],
    waiting: Mapping[tuple[str, str], int],
    declined: Mapping[tuple[str, str], int],
) -> GapMap:
    """Every district × need cell, zero where nothing was counted."""
    result = GapMap(list(districts), list(needs))
    for d, _ in districts:
        for n, _ in needs:
            key = (d, n)
            result.cells[key] = GapCell(
                d,
                n,
                people.get(key, 0),
                places.get(key, 0),
                services.get(key, 0),
                waiting.get(key, 0),
                declined.get(key, 0),
            )
    return result

"""Reads behind the monthly list, the performance-meeting list and the record pages. Every
function takes querysets already through the access gate (``wanted.access``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.periods import month_start
from wanted import rules
from wanted.choices import AgeBand, Change

KIND_LABELS = {"wanted": "Wanted", "suspect": "Outstanding suspect", "warrant": "Warrant"}


@dataclass(frozen=True)
class Row:
    """One case on a list, whichever kind it is."""

    kind: str  # wanted, suspect, warrant
    case: object
    opened_on: dt.date
    age_days: int
    band: AgeBand
    change: Change | None
    review_overdue: bool

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def what(self) -> str:
        """The reason, crime reference or court, in a few words."""
        case = self.case
        if self.kind == "wanted":
            return case.get_reason_display()
        if self.kind == "suspect":
            return f"Crime {case.crime_reference}"
        return f"{case.get_kind_display()}, {case.court}"

    @property
    def outcome_label(self) -> str:
        return self.case.get_outcome_display() if self.case.ended_on else ""


@dataclass
class MonthlyList:
    month: dt.date
    list_date: dt.date
    previous_list_date: dt.date
    district: object
    open_rows: list[Row] = field(default_factory=list)
    ended_rows: list[Row] = field(default_factory=list)
    last_month_open: dict[str, int] = field(default_factory=dict)

    def open_of(self, kind: str) -> list[Row]:
        return [r for r in self.open_rows if r.kind == kind]

    def counts(self) -> list[dict]:
        """Per kind: open now, on last month's list, new, ended (what changed)."""
        out = []
        for kind, label in KIND_LABELS.items():
            rows = self.open_of(kind)
            out.append(
                {
                    "kind": kind,
                    "label": label,
                    "open": len(rows),
                    "last_month": self.last_month_open.get(kind, 0),
                    "new": sum(1 for r in rows if r.change == Change.NEW),
                    "ended": sum(1 for r in self.ended_rows if r.kind == kind),
                }
            )
        return out


def _scoped(queryset, district):
    return queryset.filter(district=district) if district is not None else queryset


def monthly_list(*, circulations, suspects, warrants, district, month, today) -> MonthlyList:
    """The District Commander's list for ``district`` (None: every district) and ``month``:
    open wanted, outstanding suspects and warrants at the list date, oldest first, and what
    changed since last month's list (new, ended). Raises ``RuleViolation`` for a month that
    has not started."""
    first = month_start(month)
    last = rules.list_date(first, today)
    previous = rules.previous_list_date(first)
    result = MonthlyList(
        month=first, list_date=last, previous_list_date=previous, district=district
    )
    sources = {"wanted": circulations, "suspect": suspects, "warrant": warrants}
    for kind, queryset in sources.items():
        scoped = _scoped(queryset, district)
        result.last_month_open[kind] = scoped.open_on(previous).count()
        for case in scoped.in_month_lists(first, last).for_lists():
            change = rules.change_in_month(case.opened_on, case.ended_on, first, today)
            if change is None:
                continue
            age = rules.age_in_days(case.opened_on, case.ended_on or last)
            row = Row(
                kind=kind,
                case=case,
                opened_on=case.opened_on,
                age_days=age,
                band=rules.age_band(age),
                change=change,
                review_overdue=change != Change.ENDED
                and rules.is_review_overdue(case.next_review_due, last),
            )
            (result.ended_rows if change == Change.ENDED else result.open_rows).append(row)
    result.open_rows.sort(key=lambda r: (r.opened_on, r.kind, r.case.pk))
    result.ended_rows.sort(key=lambda r: (r.case.ended_on, r.kind, r.case.pk))
    return result


def performance_list(*, circulations, suspects, warrants, district, today, age_days) -> list[Row]:
    """Open cases with no arrest ``age_days`` or more after they were opened, oldest first
    (the performance meeting, Suffolk panel report §9.4)."""
    rows = []
    cutoff = today - dt.timedelta(days=age_days)
    sources = {"wanted": circulations, "suspect": suspects, "warrant": warrants}
    for kind, queryset in sources.items():
        scoped = _scoped(queryset, district).open().opened_before(cutoff).for_lists()
        for case in scoped:
            if not rules.for_performance_meeting(case.opened_on, today, age_days):
                continue
            age = rules.age_in_days(case.opened_on, today)
            rows.append(
                Row(
                    kind=kind,
                    case=case,
                    opened_on=case.opened_on,
                    age_days=age,
                    band=rules.age_band(age),
                    change=None,
                    review_overdue=rules.is_review_overdue(case.next_review_due, today),
                )
            )
    rows.sort(key=lambda r: (r.opened_on, r.kind, r.case.pk))
    return rows


def open_rows(queryset, kind: str, today: dt.date) -> list[Row]:
    """Open cases of one kind, oldest first, with their age and review state."""
    rows = []
    for case in queryset.open().for_lists().order_by(queryset.opened_field, "pk"):
        age = rules.age_in_days(case.opened_on, today)
        rows.append(
            Row(
                kind=kind,
                case=case,
                opened_on=case.opened_on,
                age_days=age,
                band=rules.age_band(age),
                change=None,
                review_overdue=rules.is_review_overdue(case.next_review_due, today),
            )
        )
    return rows


def drill_rows(
    queryset,
    kind: str,
    today: dt.date,
    *,
    band: str = "",
    overdue: bool = False,
    opened: tuple[dt.date, dt.date] | None = None,
    ended: tuple[dt.date, dt.date] | None = None,
    outcome: str = "",
) -> list[Row]:
    """The rows behind a figure: open cases (or, with ``ended``/``outcome``, ended ones),
    narrowed as the figure was counted. Without filters: the open cases, oldest first."""
    opened_field = queryset.opened_field
    if opened is not None:
        queryset = queryset.filter(
            **{f"{opened_field}__gte": opened[0], f"{opened_field}__lte": opened[1]}
        )
    if ended is not None:
        queryset = queryset.filter(ended_on__gte=ended[0], ended_on__lte=ended[1])
    if outcome:
        field_name = "resolution" if kind == "suspect" else "outcome"
        queryset = queryset.filter(**{field_name: outcome})
    if ended is None and not outcome and opened is None:
        queryset = queryset.open()
    if overdue:
        queryset = queryset.review_overdue(today)
    rows = []
    for case in queryset.for_lists().order_by(opened_field, "pk"):
        age = rules.age_in_days(case.opened_on, case.ended_on or today)
        row = Row(
            kind=kind,
            case=case,
            opened_on=case.opened_on,
            age_days=age,
            band=rules.age_band(age),
            change=None,
            review_overdue=case.is_open and rules.is_review_overdue(case.next_review_due, today),
        )
        if band and row.band.value != band:
            continue
        rows.append(row)
    return rows

"""Possible duplicates of a person, scored 0-100 with the reasons (page and API).

Same PNC ID cannot occur between two live records (a unique constraint), so the evidence
is: close names (the tolerant search's score, aliases included, either order) together
with the same or a near date of birth (same day; day and month transposed; within a
month; same year), and the same CRO number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from offenders.models import Offender
from offenders.search import search

MIN_SCORE = 60


@dataclass
class PossibleDuplicate:
    offender: Offender
    score: int
    reasons: list[str] = field(default_factory=list)


def _dob_points(a: dt.date, b: dt.date) -> tuple[int, str]:
    if a == b:
        return 40, "Same date of birth"
    if (a.year, a.month, a.day) == (b.year, b.day, b.month):
        return 30, "Date of birth with day and month swapped"
    if abs((a - b).days) <= 31:
        return 20, "Date of birth within a month"
    if a.year == b.year:
        return 10, "Born the same year"
    return 0, ""


def possible_duplicates(
    offender: Offender, queryset, *, limit: int = 10
) -> list[PossibleDuplicate]:
    dob = offender.date_of_birth
    nearby = queryset.exclude(pk=offender.pk).filter(
        date_of_birth__gte=dob - dt.timedelta(days=400),
        date_of_birth__lte=dob + dt.timedelta(days=400),
    )
    found: dict[int, PossibleDuplicate] = {}
    for other in search(nearby, f"{offender.first_name} {offender.last_name}", limit=50):
        name_points = round(60 * other.search_score)
        dob_points, dob_reason = _dob_points(dob, other.date_of_birth)
        reasons = ["Same name" if other.search_score >= 0.99 else "Similar name"]
        if dob_reason:
            reasons.append(dob_reason)
        score = name_points + dob_points
        if offender.cro_number and offender.cro_number == other.cro_number:
            score += 40
            reasons.append("Same CRO number")
        if score >= MIN_SCORE and dob_points:
            found[other.pk] = PossibleDuplicate(other, min(score, 100), reasons)
    if offender.cro_number:
        for other in queryset.exclude(pk=offender.pk).filter(cro_number=offender.cro_number)[
            :limit
        ]:
            if other.pk not in found:
                found[other.pk] = PossibleDuplicate(other, 60, ["Same CRO number"])
    ranked = sorted(found.values(), key=lambda d: (-d.score, d.offender.last_name, d.offender.pk))
    return ranked[:limit]

"""Search latency: tolerant search vs plain icontains (see bench/README.md).

Usage: DATABASE_URL=postgres://.../desist_bench python bench/search_bench.py [--samples 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402

from accounts.models import Force  # noqa: E402
from offenders.models import Offender  # noqa: E402
from offenders.search import parse_query, search  # noqa: E402

VARIANTS = {
    "john": "Jon",
    "jon": "John",
    "smith": "Smyth",
    "smyth": "Smith",
    "mohammed": "Muhammad",
    "muhammad": "Mohammed",
    "stephen": "Steven",
    "steven": "Stephen",
    "thompson": "Thomson",
    "catherine": "Kathryn",
    "khan": "Kahn",
}


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randint(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def queries_for(person: Offender, rng: random.Random) -> dict[str, str]:
    f, l = person.first_name, person.last_name  # noqa: E741
    return {
        "exact name": f"{f} {l}",
        "typo in surname": f"{f} {typo(l, rng)}",
        "phonetic variant": f"{VARIANTS.get(f.lower(), f)} {VARIANTS.get(l.lower(), typo(l, rng))}",
        "swapped names": f"{l} {f}",
        "partial names": f"{f[:3]} {l[:4]}",
        "surname + year": f"{l} {person.date_of_birth.year}",
        "PNC without slash": (person.pnc_id or "").replace("/", "") or f"{f} {l}",
        "date of birth": person.date_of_birth.strftime("%d/%m/%Y"),
    }


def icontains(queryset, text: str):
    """What a plain search box does: every word in the first or last name, dates exact."""
    parsed = parse_query(text)
    if parsed.pnc_id:
        return list(queryset.filter(pnc_id=parsed.pnc_id)[:50])
    qs = queryset
    if parsed.date_of_birth:
        qs = qs.filter(date_of_birth=parsed.date_of_birth)
    if parsed.year:
        qs = qs.filter(date_of_birth__year=parsed.year)
    for word in text.split():
        if word.isalpha():
            qs = qs.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return list(qs.order_by("last_name", "first_name")[:50])


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=30, help="people sampled per query type")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    force = Force.objects.get(code="suffolk")
    # As offenders.access.visible_offenders scopes it: one force, live records.
    scope = Offender.objects.live().filter(force_id=force.pk)
    total = Offender.objects.count()
    ids = list(scope.order_by("?").values_list("pk", flat=True)[: args.samples])
    people = list(Offender.objects.filter(pk__in=ids))
    print(
        f"{connection.vendor}, {total:,} people ({scope.count():,} in the searched force), "
        f"{len(people)} sampled people per query type\n"
    )
    rows = {}
    for person in people:
        for kind, text in queries_for(person, rng).items():
            ms_tol, found_tol = timed(lambda t=text: search(scope, t, limit=50))
            ms_ic, found_ic = timed(lambda t=text: icontains(scope, t))
            row = rows.setdefault(kind, {"tol": [], "ic": [], "tol_hit": 0, "ic_hit": 0})
            row["tol"].append(ms_tol)
            row["ic"].append(ms_ic)
            row["tol_hit"] += person in found_tol[:10]
            row["ic_hit"] += person in found_ic[:10]
    header = f"| {'query':<18} | tolerant p50 | tolerant p95 | found top 10 | icontains p50 | icontains p95 | found top 10 |"
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    all_tol, all_ic = [], []
    for kind, row in rows.items():
        n = len(row["tol"])
        all_tol += row["tol"]
        all_ic += row["ic"]
        print(
            f"| {kind:<18} | {statistics.median(row['tol']):>9.1f} ms | {pct(row['tol'], 95):>9.1f} ms | "
            f"{row['tol_hit'] / n:>11.0%} | {statistics.median(row['ic']):>10.1f} ms | {pct(row['ic'], 95):>10.1f} ms | "
            f"{row['ic_hit'] / n:>11.0%} |"
        )
    print(
        f"| {'all':<18} | {statistics.median(all_tol):>9.1f} ms | {pct(all_tol, 95):>9.1f} ms | {'':>11} | "
        f"{statistics.median(all_ic):>10.1f} ms | {pct(all_ic, 95):>10.1f} ms | {'':>11} |"
    )


if __name__ == "__main__":
    main()

"""Tolerant search for people (API ``?search=`` and the search page).

A query is split into name words, a date of birth (``17/05/1990``, ``1990-05-17``,
``24 Oct 1996``), a year of birth (``1990``) and a PNC ID (with or without the slash, or part
of one: ``2000/0121792`` without its check letter, ``0121792G`` without its year). Every name word must match the
person's first name, last name or an alias, in either order (swapped names), by indexed
equality or prefix on the stored keys (offenders/names.py: Metaphone, Soundex, consonant
skeleton). The database ranks the candidates coarsely; the best few hundred are re-ranked
here by Jaro-Winkler similarity of every word against every name the person is known by.
On PostgreSQL, when nothing matches, the search widens to trigram word similarity
(pg_trgm, GIN index).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.dates import MONTH_NUMBERS
from offenders.models import Alias, Offender
from offenders.names import metaphone, normalise, similarity, skeleton, soundex, tokens
from offenders.rules import PncError, normalise_pnc_id, pnc_check_letter

CANDIDATES = 300
MAX_QUERY = 200  # characters: the search box's limit, on the page and the API
TOO_LONG = f"Search for {MAX_QUERY} characters or fewer"
ALIAS_IDS = 2000
FEW = 1
MIN_WORD_SCORE = 0.78
SOUNDEX_FLOOR = 0.7
EARLIEST_PNC_YEAR = 1900
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
_YEAR = re.compile(r"^(19|20)\d\d$")
_PNC_SHAPE = re.compile(r"^(19|20)\d\d/?\d{1,7}[A-Za-z]$")
_PNC_NO_LETTER = re.compile(r"^(\d{4})/(\d{1,7})$")
_PNC_NO_YEAR = re.compile(r"^(\d{1,7})([A-Za-z])$")
# "24 Oct 1996", "24th October 1996", "24-Oct-1996"
_WORDY_DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})\b", re.IGNORECASE
)


@dataclass
class ParsedQuery:
    names: list[str] = field(default_factory=list)
    date_of_birth: dt.date | None = None
    year: int | None = None
    pnc_id: str | None = None
    pnc_prefix: str | None = None  # "2000/0121792": a PNC ID without its check letter
    pnc_suffix: str | None = None  # "/0121792G": a PNC ID without its year
    invalid_pnc: bool = False

    @property
    def empty(self) -> bool:
        return not (
            self.names
            or self.date_of_birth
            or self.year
            or self.pnc_id
            or self.pnc_prefix
            or self.pnc_suffix
            or self.invalid_pnc
        )


def parse_query(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    compact = "".join((text or "").split())
    if _PNC_SHAPE.match(compact):
        try:
            parsed.pnc_id = normalise_pnc_id(compact, loose=True)
            return parsed
        except PncError:
            parsed.invalid_pnc = True
    if (match := _PNC_NO_YEAR.match(compact)) and len(match.group(1)) >= 5:
        # "0121792G": a serial and check letter without the year (not a whole PNC ID).
        parsed.invalid_pnc = False
        parsed.pnc_suffix = f"/{match.group(1).zfill(7)}{match.group(2).upper()}"
        return parsed
    if parsed.invalid_pnc:
        return parsed
    if match := _PNC_NO_LETTER.match(compact):
        parsed.pnc_prefix = f"{match.group(1)}/{match.group(2).zfill(7)}"
        return parsed
    text = (text or "")[:MAX_QUERY]
    if wordy := _wordy_date(text):
        parsed.date_of_birth, span = wordy
        text = text[: span[0]] + " " + text[span[1] :]
    for word in tokens(text):
        if _YEAR.match(word):
            parsed.year = int(word)
            continue
        date = _parse_date(word)
        if date is not None:
            parsed.date_of_birth = date
            continue
        norm = normalise(word)
        if norm:
            parsed.names.append(norm)
    parsed.names = parsed.names[:5]
    return parsed


def pnc_ids_without_year(suffix: str, last_year: int | None = None) -> list[str]:
    """Every PNC ID ending in ``suffix`` ("/0121792G") whose check letter fits its year: the
    letter is computed from year and serial, so only about one year in 23 can be it."""
    serial, letter = suffix[1:-1], suffix[-1]
    last_year = last_year or timezone.localdate().year
    return [
        f"{year}/{serial}{letter}"
        for year in range(EARLIEST_PNC_YEAR, last_year + 1)
        if pnc_check_letter(str(year), serial) == letter
    ]


def _wordy_date(text: str) -> tuple[dt.date, tuple[int, int]] | None:
    """A date written with the month's name ("24 Oct 1996") and where it is in ``text``."""
    for match in _WORDY_DATE.finditer(text):
        month = MONTH_NUMBERS.get(match.group(2).lower())
        if month is None:
            continue
        try:
            day = dt.date(int(match.group(3)), month, int(match.group(1)))
        except ValueError:
            continue
        return day, match.span()
    return None


def _parse_date(word: str) -> dt.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(word, fmt).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    return None


def _word_conditions(word: str) -> tuple[Q, list]:
    """Candidate condition and score terms for one name word on first/last name keys."""
    mp, sx, sk = metaphone(word), soundex(word), skeleton(word)
    cond = Q()
    whens = []
    for side, weight in (("last", 1.0), ("first", 0.9)):
        norm, mpf, sxf, skf = (
            f"{side}_{key}" for key in ("norm", "metaphone", "soundex", "skeleton")
        )
        cond |= (
            Q(**{f"{norm}__startswith": word}) | Q(**{mpf: mp}) | Q(**{sxf: sx}) | Q(**{skf: sk})
        )
        whens.append(
            Case(
                When(**{norm: word}, then=Value(int(10 * weight))),
                When(**{f"{norm}__startswith": word}, then=Value(int(6 * weight))),
                When(**{mpf: mp}, then=Value(int(5 * weight))),
                When(**{skf: sk}, then=Value(int(4 * weight))),
                When(**{sxf: sx}, then=Value(int(3 * weight))),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    return cond, whens


def _trigram_candidates(queryset, parsed: ParsedQuery):
    """PostgreSQL only: people with a name close in spelling (pg_trgm, GIN index)."""
    cond = Q()
    for word in parsed.names:
        if len(word) >= 3:
            cond |= Q(search_text__trigram_word_similar=word)
    return queryset.filter(cond).order_by("pk")[:CANDIDATES] if cond else queryset.none()


def _candidates(queryset, parsed: ParsedQuery):
    cond = Q()
    score: Any = Value(0, output_field=IntegerField())
    for word in parsed.names:
        word_cond, whens = _word_conditions(word)
        mp, sx, sk = metaphone(word), soundex(word), skeleton(word)
        alias_q = (
            Q(last_norm__startswith=word)
            | Q(first_norm__startswith=word)
            | Q(last_metaphone=mp)
            | Q(first_metaphone=mp)
            | Q(last_soundex=sx)
            | Q(first_soundex=sx)
            | Q(last_skeleton=sk)
            | Q(first_skeleton=sk)
        )
        # Fetched first as a short list of ids: "pk IN (1, 2, 3)" keeps every branch of the
        # OR indexable, so PostgreSQL can combine index scans (BitmapOr) instead of
        # filtering every person of the force.
        alias_ids = list(
            Alias.objects.filter(alias_q).values_list("offender_id", flat=True)[:ALIAS_IDS]
        )
        # Every word must match the person somehow (as the ranking requires), in any order.
        cond &= word_cond | Q(pk__in=alias_ids)
        for when in whens:
            score = score + when
        score = score + Case(
            When(pk__in=alias_ids, then=Value(4)), default=Value(0), output_field=IntegerField()
        )
    return (
        queryset.filter(cond)
        .annotate(coarse_score=Coalesce(score, Value(0)))
        .order_by("-coarse_score", "last_name", "first_name", "pk")[:CANDIDATES]
    )


def _word_score(word: str, parts: list[str]) -> float:
    """How well one query word matches the best of a person's name parts (0..1)."""
    best = 0.0
    mp, sx = metaphone(word), soundex(word)
    for part in parts:
        if not part:
            continue
        if part == word:
            return 1.0
        score = similarity(word, part)
        if len(word) >= 2 and part.startswith(word):
            score = max(score, 0.88 + 0.1 * len(word) / len(part))
        if metaphone(part) == mp:
            score = max(score, 0.9)
        elif soundex(part) == sx and score >= SOUNDEX_FLOOR:
            # Soundex folds runs of one code into one letter ("zzqxq" and "Zoe" are both
            # Z000): it adds weight only to words already alike in spelling.
            score = max(score, 0.8 if len(word) > 3 else 0.7)
        best = max(best, score)
    return best


@dataclass
class _Candidate:
    pk: int
    first: str
    last: str
    sort_name: tuple[str, str]
    own: list[str]
    parts: list[str]
    score: float = 0.0


_ROW = ("pk", "first_norm", "last_norm", "middle_names", "last_name", "first_name")


def _load(candidates) -> list[_Candidate]:
    """Light rows for ranking (no model instances: ranking hundreds must stay cheap)."""
    rows = list(candidates.values_list(*_ROW))
    aliases: dict[int, list[str]] = {}
    for offender_id, first, last in Alias.objects.filter(
        offender_id__in=[r[0] for r in rows]
    ).values_list("offender_id", "first_norm", "last_norm"):
        aliases.setdefault(offender_id, []).extend((first, last))
    loaded = []
    for pk, first, last, middle, last_name, first_name in rows:
        own = [first, last, *map(normalise, middle.split())]
        loaded.append(
            _Candidate(pk, first, last, (last_name, first_name), own, own + aliases.get(pk, []))
        )
    return loaded


def rank(candidates: list[_Candidate], parsed: ParsedQuery) -> list[_Candidate]:
    """Best first; a candidate must match every name word reasonably well."""
    ranked = []
    for c in candidates:
        scores = [_word_score(w, c.parts) for w in parsed.names]
        if not scores or min(scores) < MIN_WORD_SCORE:
            continue
        total = sum(scores) / len(scores)
        # In order (first then last) and on the person's own names: a little better than
        # swapped or matched through an alias, so the exact match comes first.
        in_order = parsed.names[0] == c.first and parsed.names[-1] == c.last
        if len(parsed.names) >= 2 and in_order:
            total += 0.02
        if all(_word_score(w, c.own) >= MIN_WORD_SCORE for w in parsed.names):
            total += 0.01
        c.score = round(total, 4)
        ranked.append(c)
    ranked.sort(key=lambda c: (-c.score, c.sort_name, c.pk))
    return ranked


def search(queryset, text: str, *, limit: int = 100) -> list[Offender]:
    """People in ``queryset`` matching ``text``, best first (at most ``limit``)."""
    parsed = parse_query(text)
    if parsed.empty or parsed.invalid_pnc:
        return []
    if parsed.pnc_id or parsed.pnc_prefix or parsed.pnc_suffix:
        if parsed.pnc_id:
            queryset = queryset.filter(pnc_id=parsed.pnc_id)
        elif parsed.pnc_prefix:
            # The check letter is the one thing missing: a range the index can answer.
            queryset = queryset.filter(
                pnc_id__range=(f"{parsed.pnc_prefix}A", f"{parsed.pnc_prefix}Z")
            )
        else:
            queryset = queryset.filter(pnc_id__in=pnc_ids_without_year(parsed.pnc_suffix))
        people = list(queryset.order_by("pnc_id", "pk")[:limit])
        for person in people:
            person.search_score = 1.0
        return people
    if parsed.date_of_birth:
        queryset = queryset.filter(date_of_birth=parsed.date_of_birth)
    if parsed.year:
        queryset = queryset.filter(
            date_of_birth__gte=dt.date(parsed.year, 1, 1),
            date_of_birth__lte=dt.date(parsed.year, 12, 31),
        )
    if not parsed.names:
        people = list(queryset.order_by("last_name", "first_name", "pk")[:limit])
        for person in people:
            person.search_score = 1.0
        return people
    ranked = rank(_load(_candidates(queryset, parsed)), parsed)
    if len(ranked) < FEW and connection.vendor == "postgresql":
        # Few phonetic or prefix matches: widen to spelling similarity (a typo in the
        # first letter, a dropped syllable). Only then, because evaluating trigram
        # similarity costs more than the indexed key lookups.
        seen = {c.pk for c in ranked}
        extra = rank(_load(_trigram_candidates(queryset.exclude(pk__in=seen), parsed)), parsed)
        ranked = sorted(ranked + extra, key=lambda c: (-c.score, c.sort_name, c.pk))
    ranked = ranked[:limit]
    # Full records (with the caller's select/prefetch) only for the results shown.
    people = queryset.filter(pk__in=[c.pk for c in ranked]).in_bulk()
    results = []
    for c in ranked:
        person = people[c.pk]
        person.search_score = c.score
        results.append(person)
    return results

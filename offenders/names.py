"""Name keys for tolerant search. Pure functions: no database.

Every stored name (a person's first and last names, and each alias) carries a normalised
form, a Metaphone key and a Soundex key (``jellyfish``) and a consonant skeleton, so
phonetic matching and the commonest typos are a plain indexed equality on any database.
Other typos are caught, on PostgreSQL, by trigram similarity (offenders/search.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish

_NOT_LETTERS = re.compile(r"[^a-z]+")
_SPLIT = re.compile(r"[\s,]+")


def normalise(name: str) -> str:
    """Lower case, accents removed, only the letters a-z: "O'Brien-Smyth" → "obriensmyth"."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return _NOT_LETTERS.sub("", text.lower())


@lru_cache(maxsize=65536)
def metaphone(name: str) -> str:
    norm = normalise(name)
    return jellyfish.metaphone(norm)[:20] if norm else ""


@lru_cache(maxsize=65536)
def soundex(name: str) -> str:
    norm = normalise(name)
    return jellyfish.soundex(norm) if norm else ""


_SKELETON_DROP = set("aeiouhwy")


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """First letter and the other consonants, sorted and once each: "Smith" → "smt".

    Unchanged by the commonest typos — two letters swapped ("Smiht"), a vowel missed or
    wrong ("Smth", "Smoth"), a doubled letter — that change Metaphone and Soundex keys.
    """
    norm = normalise(name)
    if not norm:
        return ""
    return (norm[0] + "".join(sorted({c for c in norm[1:] if c not in _SKELETON_DROP})))[:30]


def name_keys(first_name: str, last_name: str) -> dict[str, str]:
    """The key columns stored beside a pair of names (Offender and Alias share them)."""
    return {
        "first_norm": normalise(first_name)[:100],
        "last_norm": normalise(last_name)[:100],
        "first_metaphone": metaphone(first_name),
        "last_metaphone": metaphone(last_name),
        "first_soundex": soundex(first_name),
        "last_soundex": soundex(last_name),
        "first_skeleton": skeleton(first_name),
        "last_skeleton": skeleton(last_name),
    }


def tokens(text: str) -> list[str]:
    """Words of a search query, in order, without empties."""
    return [t for t in _SPLIT.split(text.strip()) if t]


def similarity(a: str, b: str) -> float:
    """Jaro-Winkler similarity of two normalised names (1.0 = the same)."""
    if not a or not b:
        return 0.0
    return jellyfish.jaro_winkler_similarity(a, b)

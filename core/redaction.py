"""Redact a person's identifiers from free text (the scrutiny panel's anonymised cases).

Pure: no Django, no database. ``Identity`` holds what identifies the person; ``redact``
replaces every written form of it that officers type in free text:

* every name and alias, whole words, any case; initials of the names ("J.S.", "J S", "JS")
  and an initial standing before a redacted name ("J. [redacted]");
* PNC ID with or without the slash, with a two- or four-digit year, with or without the
  serial's zero padding, any case, with spaces or a dash ("2019/0034567L", "20190034567L",
  "19/34567L", "2019/34567 l");
* CRO number with or without the slash and zero padding ("012345/88X", "12345/88x");
* the date of birth in any common written form: ISO, day/month/year with "/", "-", "." or
  spaces and a two- or four-digit year, with or without leading zeros, "7 March 1988",
  "7th of March 1988", "March 7, 1988", "7-Mar-88", "07031988";
* each address line (and the street without its house number) and the postcode with or
  without its space;
* any telephone number and any e-mail address, whoever's (a victim's or a witness's too).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

REDACTED = "[redacted]"
_MIN_NAME = 2

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# UK numbers: 07700 900123, 07700900123, +44 7700 900123, (01473) 613500, 01473-613-500.
PHONE = re.compile(
    r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?!\w)",
)


@dataclass(frozen=True)
class Identity:
    names: Sequence[str] = ()
    pnc_id: str = ""
    cro_number: str = ""
    date_of_birth: dt.date | None = None
    addresses: Sequence[str] = ()
    postcodes: Sequence[str] = ()
    initials: Sequence[str] = field(default=())


def _word(pattern: str) -> str:
    return rf"(?<!\w){pattern}(?!\w)"


def _name_patterns(identity: Identity) -> list[str]:
    names = sorted(
        {n.strip() for n in identity.names if len(n.strip()) >= _MIN_NAME},
        key=len,
        reverse=True,
    )
    patterns = []
    for name in names:
        # "O'Brien" / "O’Brien", "Smith-Jones" / "Smith Jones": apostrophes and joins vary.
        parts = re.split(r"[\s'’-]+", name)
        patterns.append(_word(r"[\s'’-]*".join(re.escape(p) for p in parts if p)))
    for letters in identity.initials:
        if len(letters) >= _MIN_NAME:
            # J.S.  J. S.  J S  JS (capitals only: "js" in prose is not an initial)
            sep = r"\.?\s?"
            patterns.append(
                "(?-i:" + _word(sep.join(re.escape(c.upper()) for c in letters) + r"\.?") + ")"
            )
    return patterns


def _pnc_pattern(pnc_id: str) -> str | None:
    match = re.fullmatch(r"\s*(\d{2})?(\d{2})\s*/?\s*(\d{1,7})\s*([A-Za-z])\s*", pnc_id or "")
    if not match:
        return None
    century, year, serial, letter = match.groups()
    year_part = f"(?:{century})?{year}" if century else year
    return _word(rf"{year_part}\s*[/\-]?\s*0*{int(serial)}\s*{letter}")


def _cro_pattern(cro: str) -> str | None:
    match = re.fullmatch(r"\s*(?:SF)?\s*(\d{1,6})\s*/?\s*(\d{2})\s*([A-Za-z])\s*", cro or "")
    if not match:
        return None
    serial, year, letter = match.groups()
    return _word(rf"(?:SF\s*)?0*{int(serial)}\s*[/\-]?\s*{year}\s*{letter}")


def _dob_patterns(dob: dt.date | None) -> list[str]:
    if dob is None:
        return []
    d, m, y = dob.day, dob.month, dob.year
    day = rf"0?{d}(?:st|nd|rd|th)?"
    month_num = rf"0?{m}"
    name = MONTHS[m - 1]
    month_name = rf"{name[:3]}(?:{name[3:]})?\.?" if len(name) > 3 else name
    if name == "september":
        month_name = r"sep(?:t|tember)?\.?"
    year = rf"(?:{y // 100})?{y % 100:02d}"
    sep = r"\s*[/\-.\s]\s*"
    return [
        _word(rf"{y}{sep}{month_num}{sep}0?{d}"),  # 1988-03-07
        _word(rf"{day}{sep}{month_num}{sep}{year}"),  # 7/3/88, 07-03-1988, 07.03.1988
        _word(rf"{day}(?:\s+of)?[\s\-]*{month_name}[\s,\-]*{year}"),  # 7 March 1988, 7-Mar-88
        _word(rf"{month_name}\s*{day},?\s*{year}"),  # March 7, 1988
        _word(rf"{d:02d}{m:02d}{y}|{d:02d}{m:02d}{y % 100:02d}"),  # 07031988, 070388
    ]


def _postcode_pattern(postcode: str) -> str | None:
    compact = re.sub(r"\s+", "", postcode or "").upper()
    if len(compact) < 5:
        return None
    outward, inward = compact[:-3], compact[-3:]
    return _word(rf"{re.escape(outward)}\s*{re.escape(inward)}")


def _address_patterns(identity: Identity) -> list[str]:
    patterns = []
    for written in identity.addresses:
        line = written.strip()
        if len(line) < 4:
            continue
        words = [re.escape(w) for w in re.split(r"[\s,]+", line) if w]
        patterns.append(_word(r"[\s,]+".join(words)))
        street = re.sub(r"^\s*(?:flat\s+\w+,?\s*)?\d+[a-z]?\s*,?\s*", "", line, flags=re.I)
        if street != line and len(street) >= 6:
            patterns.append(_word(r"[\s,]+".join(re.escape(w) for w in street.split())))
    patterns += [p for p in map(_postcode_pattern, identity.postcodes) if p]
    return patterns


def patterns_for(identity: Identity) -> list[re.Pattern[str]]:
    """The compiled patterns, longest (most specific) first."""
    raw: list[str] = []
    raw += _dob_patterns(identity.date_of_birth)
    raw += [p for p in (_pnc_pattern(identity.pnc_id), _cro_pattern(identity.cro_number)) if p]
    raw += _address_patterns(identity)
    raw += _name_patterns(identity)
    return [re.compile(p, re.IGNORECASE) for p in raw]


# An initial left before a redacted name: "J. [redacted]" or "J [redacted]".
_LONE_INITIAL = re.compile(rf"(?<!\w)[A-Z]\.?\s+{re.escape(REDACTED)}")
_RUNS = re.compile(rf"{re.escape(REDACTED)}(?:[\s,]+{re.escape(REDACTED)})+")


def redact(text: str, identity: Identity, *, patterns: Iterable[re.Pattern] | None = None) -> str:
    """``text`` with every written form of the person's identifiers, and any telephone
    number or e-mail address, replaced by ``[redacted]``."""
    if not text:
        return text
    text = EMAIL.sub(REDACTED, text)
    for pattern in patterns if patterns is not None else patterns_for(identity):
        text = pattern.sub(REDACTED, text)
    text = PHONE.sub(REDACTED, text)
    text = _LONE_INITIAL.sub(REDACTED, text)
    return _RUNS.sub(REDACTED, text)

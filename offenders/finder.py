"""The one way every "find the person" box finds a person (book-in, bail, disposals, IOM).

Both go through the access gate and the tolerant search, so the same words find the same
person on every page:

* ``find_people`` for a box that lists candidates (a name with typos or swapped, a date of
  birth, a PNC ID with or without the slash), logged as a search with where it was made;
* ``identify`` for a box that names exactly one person: a PNC ID in any form the search
  accepts, or the Desist person number.
"""

from __future__ import annotations

from audit.models import Action
from audit.services import record_access
from offenders.access import visible_offenders
from offenders.models import Offender
from offenders.search import parse_query, search

LIMIT = 25
NOT_FOUND = "No person you can see has this PNC ID or Desist person number."


def find_people(
    user, text: str, *, purpose: str, request=None, limit: int = LIMIT
) -> list[Offender]:
    """The people ``user`` may see who match ``text``, best first; the search is logged
    with ``purpose`` (the box it came from, e.g. ``"iom-adopt"``)."""
    text = text.strip()[:200]
    people = search(visible_offenders(user), text, limit=limit)
    record_access(
        user=user,
        action=Action.SEARCH,
        query=text,
        request=request,
        detail={"search": purpose, "results": len(people)},
    )
    return people


def identify(user, text: str) -> Offender | None:
    """The one person ``user`` may see with this PNC ID or Desist person number, else None."""
    text = text.strip()
    people = visible_offenders(user)
    if text.isdigit():
        return people.filter(pk=int(text)).first()
    pnc_id = parse_query(text).pnc_id
    return people.filter(pnc_id=pnc_id).first() if pnc_id else None

"""What higher apps contribute to custody's book-in (see core/registry.py for the mechanism).

Custody never imports them; each registers from its ``AppConfig.ready()``:

* ``book_in_notices``: ``(offender, user) -> list[BookInNotice]``, what the custody sergeant
  must know about the person before booking them in (e.g. "Wanted", for what and by whom).
* ``booked_in``: ``(detention, by) -> list[str]``, called inside the book-in transaction once
  the detention exists; answers what it did, in sentences the sergeant is shown (e.g. "Wanted
  circulation WP-000012 ended: arrested"). A refusal raised here undoes the book-in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.registry import Registry


@dataclass(frozen=True)
class BookInNotice:
    title: str  # a GOV.UK tag: "Wanted", "Warrant"
    text: str  # for what and by whom
    colour: str = "red"
    url: str = ""  # the record, for users who may open it
    consequence: str = ""  # what booking in will do about it, if anything


book_in_notices: Registry[Callable[[Any, Any], list[BookInNotice]]] = Registry("book-in notices")
booked_in: Registry[Callable[[Any, Any], list[str]]] = Registry("booked in")


def notices_for(offender, user) -> list[BookInNotice]:
    return [notice for provider in book_in_notices for notice in provider(offender, user)]


def after_book_in(detention, by) -> list[str]:
    return [line for hook in booked_in for line in hook(detention, by)]

"""The one way an app contributes to another app's pages and workflows.

A lower layer that wants contributions declares a ``Registry`` of a typed contribution
(``offenders.extensions.timeline`` holds timeline providers, ``accounts.extensions.handover``
hand-over functions, ...). A higher app registers into it from its ``AppConfig.ready()``::

    class BailConfig(AppConfig):
        def ready(self) -> None:
            from offenders import extensions
            from bail import hooks

            extensions.summary.register("bail", hooks.bail_summary)

The lower layer never imports the higher one: it iterates over what was registered. Keys
are unique per registry, so registering twice (a second ``ready()`` or a copy-paste) is an
error at start-up rather than a duplicated section on a page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")


class Registry(Generic[T]):
    """An ordered, named set of contributions, filled once at start-up."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: dict[str, T] = {}

    def register(self, key: str, contribution: T) -> T:
        """Add ``contribution`` under ``key``; returns it, so it also works as a decorator body."""
        if key in self._entries:
            raise ImproperlyConfigured(f"{self.name}: {key!r} is already registered")
        self._entries[key] = contribution
        return contribution

    def items(self) -> list[tuple[str, T]]:
        """(key, contribution) in registration order (the order of INSTALLED_APPS)."""
        return list(self._entries.items())

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._entries.values()))

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __getitem__(self, key: str) -> T:
        return self._entries[key]

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {', '.join(self._entries)}>"

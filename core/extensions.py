"""Contributions to the top of the site (see core/registry.py for the mechanism).

The dashboards app sits above every domain app, so the registries it reads live here, in
the layer every app can import. Each domain app registers from its ``AppConfig.ready()``:

* ``dashboards``: a ``DashboardLink`` on the Dashboards index, shown to users for whom its
  ``allowed(user)`` predicate is true.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.registry import Registry


@dataclass(frozen=True)
class DashboardLink:
    title: str
    summary: str  # what the figures show, in a sentence
    url_name: str
    allowed: Callable[[Any], bool]  # the app's own permission predicate


dashboards: Registry[DashboardLink] = Registry("dashboards")

"""Typed readers for environment variables that fail loudly.

A malformed value stops start-up with ``ImproperlyConfigured`` naming the variable, so a
typo in a deployment never runs with a silently different setting.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int_list(name: str, default: list[int]) -> list[int]:
    """Comma-separated whole numbers, e.g. ``14,3``."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        values = [int(item) for item in raw.split(",") if item.strip()]
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be comma-separated whole numbers, like 14,3, not {raw!r}"
        ) from None
    if not values or any(v < 1 for v in values):
        raise ImproperlyConfigured(f"{name} must list at least one whole number of 1 or more")
    return values

"""Two requests at the same moment, each on its own database connection, as two browsers or
two API clients would send them to two web processes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import connection

# Each row lock is held this long before the request goes on: the other request is then
# certainly waiting on the lock (or, without one, reading the same version at the same time).
HOLD_SECONDS = 0.4


def _slow_after_reads(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if sql.lstrip().upper().startswith("SELECT") and "FOR UPDATE" in sql.upper():
        time.sleep(HOLD_SECONDS)
    return result


def race(*requests: Callable[[], Any]) -> list[Any]:
    """Run ``requests`` at once (one thread and connection each); return their answers."""
    barrier = threading.Barrier(len(requests))
    answers: list[Any] = [None] * len(requests)
    errors: list[BaseException] = []

    def run(index: int, request: Callable[[], Any]) -> None:
        try:
            with connection.execute_wrapper(_slow_after_reads):
                barrier.wait(timeout=30)
                answers[index] = request()
        except BaseException as exc:  # surfaced in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(i, request)) for i, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if errors:
        raise errors[0]
    return answers

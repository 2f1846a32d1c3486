"""What every app's pure rules raise when the law (or recorded local practice) refuses input."""

from __future__ import annotations


class RuleViolation(ValueError):
    """One broken rule, attached to the input an officer would correct.

    ``field`` names the input at fault, as in the API's field-level 400 answers (nested
    inputs use paths such as ``conditions[0].hours``); ``message`` says why in plain English
    and cites its source. Services turn it into ``ValidationError({field: [message]})``.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RuleViolation):
            return NotImplemented
        return (self.field, self.message) == (other.field, other.message)

    def __hash__(self) -> int:
        return hash((self.field, self.message))

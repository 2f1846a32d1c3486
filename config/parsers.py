"""The API's request parsers. A module of its own, importing nothing of ours: DRF reads
``DEFAULT_PARSER_CLASSES`` while ``rest_framework.views`` is being imported, so a parser
defined in ``config.api`` (which imports ``rest_framework.views``) was a circular import
whenever ``config.api`` happened to be imported first."""

from __future__ import annotations

from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_JSON_DEPTH = 32


def _depth(value) -> int:
    """How deeply a parsed JSON value nests (iteratively: no recursion to exhaust)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                return depth
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, answering 400 (not 500) for JSON nested too deeply to be data."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the body is nested too deeply.") from None
        if _depth(data) > MAX_JSON_DEPTH:
            raise ParseError(
                f"JSON parse error - the body nests deeper than {MAX_JSON_DEPTH} levels."
            )
        return data
